// SIGINT and SIGTERM during a sweep: recorded rather than fatal, so the sweep stops its runs,
// keeps the ones that finished for `--resume` and leaves its folder's results as they were.
// The command then exits 128 + the signal's number (130 for SIGINT, 143 for SIGTERM).
#pragma once

#include <signal.h>

namespace nicsim::sweep {

class StopSignals {
  public:
    // Installs the handlers; the destructor puts the old ones back.
    StopSignals();
    StopSignals(const StopSignals&) = delete;
    StopSignals& operator=(const StopSignals&) = delete;
    ~StopSignals();

    // 0, or the first of SIGINT/SIGTERM received since construction.
    static int received();

  private:
    struct sigaction old_int_ {};
    struct sigaction old_term_ {};
};

// Holds SIGINT and SIGTERM back while it lives (the few renames that put a sweep's outputs in
// place); one that arrived meanwhile is delivered, and recorded, when it ends.
class HoldStopSignals {
  public:
    HoldStopSignals();
    HoldStopSignals(const HoldStopSignals&) = delete;
    HoldStopSignals& operator=(const HoldStopSignals&) = delete;
    ~HoldStopSignals();

  private:
    sigset_t old_ {};
};

// The exit status for a command stopped by `signal`.
inline int exit_status_for_signal(int signal) { return 128 + signal; }

}  // namespace nicsim::sweep
