// Whether this build can trace at all: the one thing a command needs to know about the
// Verilated models before it runs anything, without their headers.
#pragma once

#include "trace/trace_options.hpp"

namespace nicsim::tb {

// False when the NIC was verilated without tracing (-DNICSIM_TRACE_FST=OFF).
bool nic_can_trace();

// Refuses trace options this build cannot honour, before any work: throws
// std::invalid_argument naming --trace.
void require_trace_support(const TraceOptions& trace);

}  // namespace nicsim::tb
