// The trace flags on a CLI11 subcommand (run, sweep, replay): add_trace_flags() declares
// them, trace_options_from() turns what was given into TraceOptions. Only nicsim's main
// includes this (CLI11 is linked there); the checks themselves are check_trace_options().
#pragma once

#include <CLI/CLI.hpp>

#include <stdexcept>
#include <string>

#include "trace/trace_options.hpp"

namespace nicsim::tb {

struct TraceFlags {
    std::string path;
    std::string window;
    std::string trigger;
    double for_us = 50;
    int depth = 0;
};

inline void add_trace_flags(CLI::App& app, TraceFlags& f) {
    app.add_option("--trace", f.path, "Write an FST waveform (GTKWave) to this file")->type_name("FILE.fst");
    app.add_option("--trace-window", f.window, "Trace only FROM_US:TO_US of simulated time")->type_name("FROM_US:TO_US");
    app.add_option("--trace-on", f.trigger, "Start the trace at the first drop, irq or error")->type_name("drop|irq|error");
    app.add_option("--trace-for", f.for_us, "With --trace-on: microseconds to trace from the event")
        ->capture_default_str();
    app.add_option("--trace-depth", f.depth, "Hierarchy levels below TOP to trace (0 = all; 3 = nic_top ports "
                                             "and the testbench scope, 4 = its blocks)")
        ->capture_default_str();
}

inline TraceOptions trace_options_from(const CLI::App& app, const TraceFlags& f) {
    TraceOptions o;
    for (const char* flag : {"--trace-window", "--trace-on", "--trace-for", "--trace-depth"})
        if (f.path.empty() && app.get_option(flag)->count() > 0)
            throw std::invalid_argument(std::string(flag) + ": needs --trace FILE.fst to say where the trace goes");
    o.path = f.path;
    if (!f.window.empty()) parse_trace_window(f.window, o);
    if (!f.trigger.empty()) o.trigger = parse_trace_trigger(f.trigger);
    o.for_us = f.for_us;
    o.depth = f.depth;
    return o;
}

}  // namespace nicsim::tb
