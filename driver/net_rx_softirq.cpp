#include "net_rx_softirq.hpp"

#include <algorithm>

namespace nicsim::driver {

NetRxSoftirq::NetRxSoftirq(Kernel& kernel, unsigned core, NetRxBudget budget)
    : kernel_(kernel), core_(core), budget_(budget) {}

void NetRxSoftirq::schedule(NapiInstance& napi) {
    if (std::find(poll_list_.begin(), poll_list_.end(), &napi) == poll_list_.end()) poll_list_.push_back(&napi);
    kernel_.raise_softirq(core_, *this);
}

bool NetRxSoftirq::run_step() {
    if (poll_list_.empty()) {
        in_round_ = false;
        return false;
    }
    if (!in_round_) {
        in_round_ = true;
        round_packets_ = 0;
        round_start_ns_ = kernel_.now_ns();
        ++rounds_;
    }
    NapiInstance* napi = poll_list_.front();
    poll_list_.pop_front();
    const unsigned done = napi->poll(budget_.weight);
    round_packets_ += done;
    // A poll that used its whole weight still has work: back to the end of the list.
    if (done >= budget_.weight) poll_list_.push_back(napi);

    if (poll_list_.empty()) {
        in_round_ = false;
        return false;
    }
    if (round_packets_ >= budget_.packets || kernel_.now_ns() - round_start_ns_ >= budget_.time_us * 1000) {
        // Out of budget with work left: end the round; the softirq comes back (restart, or
        // ksoftirqd once restarts run out).
        ++budget_exhausted_;
        in_round_ = false;
    }
    return true;
}

}  // namespace nicsim::driver
