#include "sweep/stop_signals.hpp"

#include <csignal>

namespace nicsim::sweep {
namespace {

volatile std::sig_atomic_t first_signal = 0;

extern "C" void on_stop_signal(int signal) {
    if (first_signal == 0) first_signal = signal;
}

}  // namespace

StopSignals::StopSignals() {
    first_signal = 0;
    struct sigaction sa {};
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;  // no SA_RESTART: a poll() or a sleep returns early to look at the flag
    sigaction(SIGINT, &sa, &old_int_);
    sigaction(SIGTERM, &sa, &old_term_);
}

StopSignals::~StopSignals() {
    sigaction(SIGINT, &old_int_, nullptr);
    sigaction(SIGTERM, &old_term_, nullptr);
}

int StopSignals::received() { return first_signal; }

HoldStopSignals::HoldStopSignals() {
    sigset_t held;
    sigemptyset(&held);
    sigaddset(&held, SIGINT);
    sigaddset(&held, SIGTERM);
    sigprocmask(SIG_BLOCK, &held, &old_);
}

HoldStopSignals::~HoldStopSignals() { sigprocmask(SIG_SETMASK, &old_, nullptr); }

}  // namespace nicsim::sweep
