// After a run that was asked for a trace: tell the user what the FST covers and how to open
// it, or why there is none (then the empty file made to check the path is removed, so no
// unreadable FST is left behind). One place for run and replay.
#pragma once

#include <ostream>

#include "trace/trace_options.hpp"
#include "trace/trace_schedule.hpp"

namespace nicsim::tb {

void finish_trace(std::ostream& out, const TraceOptions& options, const TraceReport& report);

}  // namespace nicsim::tb
