// `nicsim sweep` on the command line: its options (CLI11) and what running it does — the plan
// (a preset or a file, with overrides), the folder checks (sweep_folder.hpp), the executor
// (local processes or a Slurm array), and the outputs put in place together.
//
// Exit status: 0 every run finished and conserved; 1 a run failed or broke an invariant; 2 bad
// input, refused before anything runs or is written; 128+N stopped by signal N (130 SIGINT,
// 143 SIGTERM), the folder's results left as they were and finished runs kept for --resume.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cli/trace_cli.hpp"
#include "sweep/slurm_executor.hpp"

namespace CLI {
class App;
}

namespace nicsim::sweep {

struct SweepCommand {
    std::string preset;
    std::string config_file;
    std::string policies;
    std::string loads;
    std::string packets;  // as given: read by the knob parser, as run's keys are
    unsigned jobs = 0;
    std::string out = "out/sweep";
    std::uint64_t seed = 0;
    std::string seeds;
    std::vector<std::string> axes;  // KEY=V1,V2,...
    std::string executor = "local";
    SlurmOptions slurm;
    std::string resume;  // the folder to continue
    bool force = false;
    bool list_points = false;
    bool list_presets = false;  // --list-presets (--markdown: as README lists them)
    bool markdown = false;
    tb::TraceFlags trace;
};

void add_sweep_command(CLI::App& app, SweepCommand& cmd);

// Runs a parsed sweep and returns the exit status. Bad input throws std::invalid_argument
// before anything is written.
int run_sweep_command(SweepCommand& cmd, const CLI::App& sweep);

}  // namespace nicsim::sweep
