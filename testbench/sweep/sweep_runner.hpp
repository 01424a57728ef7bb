// Runs sweep points in parallel child processes (`nicsim run --json`, one per point), with
// a progress bar and time remaining on stderr. SystemC elaborates once per process, and
// processes also use both cores without sharing anything.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sweep/sweep_plan.hpp"
#include "trace/trace_options.hpp"

namespace nicsim::sweep {

struct PointResult {
    SweepPoint point;
    bool finished = false;        // the child ran to the end and printed its JSON
    int exit_status = -1;         // 0 clean, 1 broke an invariant, 2 bad input
    nlohmann::ordered_json json;  // the run's result object
    std::string error;            // what the child printed on stderr
};

struct RunnerOptions {
    unsigned jobs = 2;
    std::string executable;  // this nicsim
    bool progress = true;
    tb::TraceOptions trace;  // per point, to FILE-<policy>-<load>.fst
};

// Runs every point; returns results in point order. If interrupted (SIGINT/SIGTERM), stops
// the children and returns what finished; `interrupted` says so.
std::vector<PointResult> run_points(const std::vector<SweepPoint>& points, const RunnerOptions& options,
                                    bool& interrupted);

}  // namespace nicsim::sweep
