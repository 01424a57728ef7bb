// `nicsim replay` on the command line: its options (CLI11) and what running it does.
#pragma once

#include <string>

#include "replay/replay_run.hpp"
#include "cli/trace_cli.hpp"

namespace CLI {
class App;
}

namespace nicsim::tb {

struct ReplayCommand {
    ReplayOptions options;
    unsigned queues = 0;  // as typed; used only when --queues was given
    std::string rss_key;  // as typed; parsed by run_replay_command
    std::string out;      // empty: the CSV goes to stdout
    TraceFlags trace;     // --trace and friends, as typed
};

// Declares the `replay` subcommand of `app`, its options bound to `cmd`.
void add_replay_command(CLI::App& app, ReplayCommand& cmd);

// Runs a parsed replay: the CSV to --out or stdout, the summary to stderr. Returns the exit
// status. Bad input throws std::invalid_argument before any frame is simulated.
int run_replay_command(ReplayCommand& cmd, const CLI::App& replay);

}  // namespace nicsim::tb
