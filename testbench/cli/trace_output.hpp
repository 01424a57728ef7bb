// A command's --trace file, complete or absent. The simulation writes the FST under a
// temporary name beside the path (output/atomic_output_file.hpp); once the run is over,
// finish() renames it over the path if the trace holds something and tells the user what it
// covers and how to open it, or why there is none. A run that fails, is interrupted, or never
// opens its trace (its trigger did not happen) leaves whatever was at the path before.
// One place for run and replay.
#pragma once

#include <optional>
#include <ostream>
#include <string>

#include "output/atomic_output_file.hpp"
#include "trace/trace_options.hpp"
#include "trace/trace_schedule.hpp"

namespace nicsim::tb {

class TraceOutput {
  public:
    // `asked` as the user gave it (already checked). With a trace asked for, creates the
    // temporary file: std::invalid_argument naming --trace if it cannot.
    explicit TraceOutput(const TraceOptions& asked);

    // The options to simulate with: the same, but writing to the temporary file.
    const TraceOptions& staged() const { return staged_; }

    TraceOutput(const TraceOutput&) = delete;
    TraceOutput& operator=(const TraceOutput&) = delete;
    ~TraceOutput();

    // After the run: puts the trace in place if it was written, and says so on `out`.
    void finish(std::ostream& out, const TraceReport& report);
    // After a run that traces all of itself (loopback): puts the trace in place.
    void put_in_place();

  private:
    TraceOptions asked_;
    TraceOptions staged_;
    std::optional<output::AtomicOutputFile> file_;
    // The FST writer keeps the hierarchy in FILE.hier while the trace is open (and removes it
    // on close): a signal must remove that too.
    std::string hierarchy_;
};

}  // namespace nicsim::tb
