// From the runs' records to a sweep's rows: one result per run as its record holds it, then
// one row per point — the run's own result with one seed, the mean, standard deviation and
// 95% confidence interval of every metric with several (seed_statistics.hpp) — with a column
// per swept key (variant, each axis, load) ahead of the metrics.
//
// Wall-clock time is the one thing a run reports that its seed does not decide; it is kept out
// of the rows (so the same plan gives the same results.csv anywhere) and goes to timing.csv.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sweep/sweep_plan.hpp"

namespace nicsim::sweep {

// One run's result, or one point's row.
struct PointResult {
    SweepPoint point;
    std::string name;             // "napi at 400000 packets/s, seed 2": for messages
    bool finished = false;        // the result is there (a run: it printed its JSON)
    int exit_status = -1;         // a run's: 0 clean, 1 broke an invariant, 2 bad input, -1 never ended
    nlohmann::ordered_json json;  // the result object
    std::string error;            // a run's stderr
    double wall_s = -1;           // a run's wall-clock seconds, when it reported them
};

// Every run's result from the records in `runs` (runs/ of the sweep folder), in run order.
std::vector<PointResult> collect_runs(const std::filesystem::path& runs, const std::vector<SweepPoint>& points,
                                      const std::vector<SweepRun>& all);

// One row per point, in point order; a point is finished when all its seeds are.
std::vector<PointResult> point_rows(const SweepPlan& plan, const std::vector<SweepPoint>& points,
                                    const std::vector<PointResult>& runs);

// timing.csv: each run's wall-clock seconds (not reproducible, unlike everything else).
std::string timing_csv(const std::vector<SweepRun>& all, const std::vector<SweepPoint>& points,
                       const std::vector<PointResult>& runs);

}  // namespace nicsim::sweep
