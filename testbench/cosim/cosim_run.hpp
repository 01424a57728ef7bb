// One co-simulation run: the Verilated NIC, the simulated host (CPUs, driver, receive
// policy, applications) and a traffic source, on one SystemC time base, until every offered
// packet is delivered or dropped somewhere named.
//
// SystemC elaborates once per process, so a process does one run (the sweep runs points in
// separate processes).
#pragma once

#include "cosim/run_config.hpp"
#include "cosim/run_result.hpp"

namespace nicsim {

// Checks the configuration (validate(), then the trace options against the run's span) and
// runs it.
RunResult run_cosim(const RunConfig& config);

// When the last frame of this configuration is offered, in simulated microseconds (the run
// then only drains): what a trace window must start before.
double traffic_end_us(const RunConfig& config);

}  // namespace nicsim
