// The local executor: runs a sweep's runs in parallel child processes on this machine, each
// `nicsim run --config runs/ID.toml --json`, with a progress bar and time remaining on stderr.
// SystemC elaborates once per process, and processes also use every core without sharing
// anything. Each run's record (run_records.hpp) is written as it ends.
//
// The children die with the sweep (command_output.hpp's spawn_child: PR_SET_PDEATHSIG), so
// even a sweep killed with SIGKILL leaves no run behind.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "trace/trace_options.hpp"

namespace nicsim::sweep {

struct LocalRun {
    std::string id;          // its files are runs/ID.*
    std::string trace_path;  // where its trace goes, when the sweep traces
};

struct RunnerOptions {
    unsigned jobs = 2;
    std::string executable;  // this nicsim
    bool progress = true;
    tb::TraceOptions trace;  // per run, to the run's trace_path
};

// Runs every run. When SIGINT or SIGTERM arrives (StopSignals), ends the children and returns;
// a run that did not end by itself leaves no record (it counts as not run).
void run_local(const std::filesystem::path& runs, const std::vector<LocalRun>& todo, const RunnerOptions& options);

}  // namespace nicsim::sweep
