// What a user asks of a waveform, one struct for every command that simulates (run, sweep
// points, replay): where the FST goes, which stretch of simulated time it covers, what starts
// it, and how deep into the hierarchy it reaches.
//
//   --trace FILE.fst             trace the whole run
//   --trace-window FROM_US:TO_US only this stretch of simulated time
//   --trace-on drop|irq|error    start at the first such event (within the window, if one is
//                                given) and stop --trace-for US later (default 50)
//   --trace-depth N              hierarchy levels below TOP, as $dumpvars(N, TOP): 3 reaches
//                                nic_top's ports and the testbench scope, 4 its blocks
//
// check_trace_options() is the one place that says what is valid; commands call it before
// they simulate, so bad input never costs a simulation.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace nicsim::tb {

enum class TraceTrigger { none, drop, irq, error };

struct TraceOptions {
    std::string path;                                      // the FST file; empty = no trace
    double from_us = 0;                                    // window start, simulated time
    double to_us = std::numeric_limits<double>::infinity();  // window end
    TraceTrigger trigger = TraceTrigger::none;
    double for_us = 50;                                    // how long a triggered trace runs
    int depth = 0;                                         // 0 = every level

    bool enabled() const { return !path.empty(); }
    bool windowed() const { return from_us > 0 || to_us != std::numeric_limits<double>::infinity(); }
};

// "FROM:TO" in microseconds of simulated time; throws std::invalid_argument naming the text.
void parse_trace_window(const std::string& text, TraceOptions& options);
// "drop", "irq" or "error"; throws std::invalid_argument listing them.
TraceTrigger parse_trace_trigger(const std::string& text);
const char* trigger_name(TraceTrigger trigger);

// What a command knows of its run before simulating it: the simulated time by which every
// frame has been offered (the run then only drains).
struct RunSpan {
    double traffic_end_us = 0;
};

// Throws std::invalid_argument with a message naming the option when the window is empty or
// starts after the traffic ends, --trace-for or --trace-depth is out of range, or the file
// cannot be written (it is created, empty, to find out).
void check_trace_options(const TraceOptions& options, const RunSpan& span);

// The same request as `nicsim run` arguments (for sweep points, which are child processes).
std::vector<std::string> trace_arguments(const TraceOptions& options);

// A sweep point's trace file: FILE.fst -> FILE-<policy>-<load>.fst (load as an integer when
// it is one).
std::string point_trace_path(const std::string& path, const std::string& policy, double load);

}  // namespace nicsim::tb
