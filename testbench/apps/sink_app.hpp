// `sink`: a user-level process reading from a bounded socket queue, as screend in Mogul &
// Ramakrishnan. The kernel side charges protocol input and the enqueue, and drops the packet
// when the queue is full; the process wakes, and consumes one packet per step at the
// configured per-packet user cost. A packet is delivered when the process has consumed it.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <vector>

#include "cost_table.hpp"
#include "delivery_ledger.hpp"
#include "kernel.hpp"
#include "packet_handler.hpp"
#include "rx_policy.hpp"

namespace nicsim::apps {

class SinkApp final : public driver::PacketHandler, public driver::Runnable, public driver::ConsumerQueue {
public:
    SinkApp(driver::Kernel& kernel, const host::CostTable& costs, DeliveryLedger& ledger, unsigned queue_capacity,
            unsigned core);

    // Kernel side (softirq or whatever the policy runs packets in).
    void receive(unsigned queue, const driver::RxFrameView& frame) override;
    // The user process: one packet per step.
    bool run_step() override;

    // driver::ConsumerQueue: what poll-feedback watches.
    unsigned length() const override { return static_cast<unsigned>(queue_.size()); }
    unsigned capacity() const override { return capacity_; }
    void notify_when_at_most(unsigned mark, std::function<void()> drained) override;

    std::size_t max_queue_length() const { return max_length_; }

private:
    driver::Kernel& kernel_;
    DeliveryLedger& ledger_;
    std::uint64_t kernel_ps_;
    std::uint64_t user_ps_;
    unsigned capacity_;
    driver::ThreadId thread_;
    std::deque<std::uint64_t> queue_;  // send times of the queued packets
    std::size_t max_length_ = 0;
    unsigned notify_mark_ = 0;
    std::function<void()> notify_;
    std::vector<std::uint8_t> frame_;
};

}  // namespace nicsim::apps
