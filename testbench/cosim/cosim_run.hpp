// One co-simulation run: the Verilated NIC, the simulated host (CPUs, driver, receive
// policy, application) and a traffic source, on one SystemC time base, until every offered
// packet is delivered or dropped somewhere named.
//
// SystemC elaborates once per process, so a process does one run (the sweep runs points in
// separate processes).
#pragma once

#include <iosfwd>
#include <string>
#include <utility>
#include <vector>

#include "cosim/run_config.hpp"
#include "trace/trace_schedule.hpp"

namespace nicsim {

// The results, as named values in report order; what `nicsim run --json` prints.
struct RunResult {
    std::vector<std::pair<std::string, double>> numbers;
    std::string policy;
    std::string app;
    bool drained = false;  // every offered packet accounted for before the drain timeout
    tb::TraceReport trace;  // what the FST covers, when one was asked for (not in the JSON)

    double get(const std::string& name) const;
    // offered = delivered + every drop + in flight, and nothing in flight after drain.
    bool conserved() const;
};

// Checks the configuration (validate(), then the trace options against the run's span) and
// runs it.
RunResult run_cosim(const RunConfig& config);

// When the last frame of this configuration is offered, in simulated microseconds (the run
// then only drains): what a trace window must start before.
double traffic_end_us(const RunConfig& config);

// One JSON object, keys in report order. Byte-identical for the same configuration and seed
// except `wall_s` and the rates derived from it.
void print_json(std::ostream& out, const RunResult& result);
void print_summary(std::ostream& out, const RunConfig& config, const RunResult& result);

}  // namespace nicsim
