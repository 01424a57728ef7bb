#include "output/temporary_cleanup.hpp"

#include <unistd.h>

#include <array>
#include <atomic>
#include <csignal>

namespace nicsim::output {
namespace {

// Lock-free slots: the handler may run between any two instructions of the code below.
std::array<std::atomic<const char*>, tracked_temporaries_max> slots{};
static_assert(std::atomic<const char*>::is_always_lock_free);

extern "C" void remove_and_die(int signal) {
    for (auto& slot : slots)
        if (const char* path = slot.load()) unlink(path);
    // Die of the signal itself, as without the handler.
    std::signal(signal, SIG_DFL);
    std::raise(signal);
}

}  // namespace

void remove_temporaries_on_stop_signals() {
    static const bool installed = [] {
        struct sigaction sa {};
        sa.sa_handler = remove_and_die;
        sigemptyset(&sa.sa_mask);
        sigaddset(&sa.sa_mask, SIGINT);
        sigaddset(&sa.sa_mask, SIGTERM);
        sigaction(SIGINT, &sa, nullptr);
        sigaction(SIGTERM, &sa, nullptr);
        return true;
    }();
    (void)installed;
}

void track_temporary(const char* path) {
    for (auto& slot : slots) {
        const char* empty = nullptr;
        if (slot.compare_exchange_strong(empty, path)) return;
    }
}

void untrack_temporary(const char* path) {
    for (auto& slot : slots) {
        const char* expected = path;
        if (slot.compare_exchange_strong(expected, nullptr)) return;
    }
}

}  // namespace nicsim::output
