// A sweep's plan and its runs as TOML files, in one spelling each:
// - the plan (the presets' format, every override applied): what a sweep folder records, so a
//   later sweep into the folder can tell whether it runs the same plan, and what
//   `nicsim sweep --config FILE` runs again;
// - one file per run, `nicsim run --config FILE --json` reproducing that run alone — what
//   both executors run (locally, or as a Slurm array task on another machine).
#pragma once

#include <string>

#include "sweep/sweep_plan.hpp"

namespace nicsim::sweep {

// The plan as TOML. Two plans that run the same points with the same seeds and titles give
// the same text.
std::string plan_toml(const SweepPlan& plan);

// One run's settings as a `nicsim run` configuration file, with a comment saying which point
// and seed it is.
std::string run_toml(const SweepRun& run, const SweepPoint& point);

// "napi at 400000 packets/s, quota=5, seed 2": a run as messages name it.
std::string describe_run(const SweepRun& run, const SweepPoint& point);

}  // namespace nicsim::sweep
