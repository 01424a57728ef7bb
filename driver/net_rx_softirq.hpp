// The kernel's NET_RX softirq (Linux's net_rx_action): each core keeps a list of NAPI
// instances that have work, and polls them in turn, `weight` packets at a time, until the
// round's budget (netdev_budget, 300 packets) or time (netdev_budget_usecs, 2 ms) runs out.
// Work left over re-raises the softirq, which the kernel hands to ksoftirqd when it keeps
// coming back: that is what keeps NAPI from livelocking the host.
#pragma once

#include <cstdint>
#include <deque>
#include <vector>

#include "kernel.hpp"

namespace nicsim::driver {

class NapiInstance {
public:
    virtual ~NapiInstance() = default;
    // Processes at most `budget` packets; returns how many. Returning less than the budget
    // means it is done: it has completed (napi_complete_done) and left the poll list.
    virtual unsigned poll(unsigned budget) = 0;
};

struct NetRxBudget {
    unsigned packets = 300;          // netdev_budget
    std::uint64_t time_us = 2000;    // netdev_budget_usecs
    unsigned weight = 64;            // NAPI_POLL_WEIGHT: packets per poll call
};

class NetRxSoftirq final : public Runnable {
public:
    NetRxSoftirq(Kernel& kernel, unsigned core, NetRxBudget budget);

    // napi_schedule: puts `napi` on this core's poll list (once) and raises the softirq.
    void schedule(NapiInstance& napi);

    // One round of net_rx_action. One poll call per step, so the scheduler can preempt
    // between polls and charge each to the time it really took.
    bool run_step() override;

    std::uint64_t rounds() const { return rounds_; }
    std::uint64_t budget_exhausted() const { return budget_exhausted_; }  // softnet_stat time_squeeze

private:
    Kernel& kernel_;
    unsigned core_;
    NetRxBudget budget_;
    std::deque<NapiInstance*> poll_list_;
    unsigned round_packets_ = 0;
    std::uint64_t round_start_ns_ = 0;
    bool in_round_ = false;
    std::uint64_t rounds_ = 0;
    std::uint64_t budget_exhausted_ = 0;
};

}  // namespace nicsim::driver
