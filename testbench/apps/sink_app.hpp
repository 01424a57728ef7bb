// `sink`: a user-level process reading from a bounded socket queue, as screend in Mogul &
// Ramakrishnan. The kernel side charges protocol input and the enqueue, and drops the packet
// when the queue is full; the process wakes, and consumes one packet per step at the
// configured per-packet user cost. A packet is delivered when the process has consumed it.
//
// Under `lrp` and `soft-lrp` the process receives lazily instead (driver/lazy_receiver.hpp):
// when its socket queue is empty it asks its channel for the next packet, and does that
// packet's protocol work itself (and, under lrp, the driver's), in its own step, before the
// user work. There is no socket queue to overflow: packets it does not ask for wait in its
// ring in the NIC (lrp) or in its channel queue (soft-lrp).
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <vector>

#include "host/cost_table.hpp"
#include "apps/delivery_ledger.hpp"
#include "kernel.hpp"
#include "lazy_receiver.hpp"
#include "packet_handler.hpp"
#include "rx_policy.hpp"

namespace nicsim::apps {

class SinkApp final : public driver::PacketHandler,
                      public driver::Runnable,
                      public driver::ConsumerQueue,
                      public driver::LazyReceiver {
public:
    SinkApp(driver::Kernel& kernel, const host::CostTable& costs, DeliveryLedger& ledger, unsigned queue_capacity,
            unsigned core, const std::string& name = "sink", std::uint16_t port = 9);

    // Kernel side (softirq or whatever the policy runs packets in).
    void receive(unsigned queue, const driver::RxFrameView& frame) override;
    // The user process: one packet per step.
    bool run_step() override;

    // driver::ConsumerQueue: what poll-feedback watches.
    unsigned length() const override { return static_cast<unsigned>(queue_.size()); }
    unsigned capacity() const override { return capacity_; }
    void notify_when_at_most(unsigned mark, std::function<void()> drained) override;

    // driver::LazyReceiver: what lrp steers to it and wakes.
    std::uint16_t udp_port() const override { return port_; }
    driver::ThreadId thread() const override { return thread_; }
    unsigned core() const override { return core_; }
    void attach(driver::ReceiveChannel& channel) override { channel_ = &channel; }

    std::size_t max_queue_length() const { return max_length_; }
    // This application's own account (the ledger holds everyone's).
    std::uint64_t delivered() const { return delivered_; }
    // Its deliveries by the ledger's measurement window.
    const WindowCount& deliveries() const { return deliveries_; }
    std::uint64_t socket_queue_drops() const { return socket_queue_drops_; }
    std::uint64_t corrupt() const { return corrupt_; }
    // CPU time its process has run: under lrp that includes its packets' receive processing.
    std::uint64_t cpu_ns() const { return kernel_.thread_cpu_ns(thread_); }

private:
    void consume_from_socket();
    void receive_lazily(const driver::RxFrameView& frame, std::uint64_t channel_ps);
    void deliver(const traffic::FrameId& id, std::uint64_t at_ps);

    driver::Kernel& kernel_;
    DeliveryLedger& ledger_;
    std::uint64_t kernel_ps_;
    std::uint64_t protocol_ps_;
    std::uint64_t user_ps_;
    unsigned capacity_;
    unsigned core_;
    std::uint16_t port_;
    driver::ThreadId thread_;
    driver::ReceiveChannel* channel_ = nullptr;
    std::deque<traffic::FrameId> queue_;  // the queued packets
    std::size_t max_length_ = 0;
    unsigned notify_mark_ = 0;
    std::function<void()> notify_;
    std::vector<std::uint8_t> frame_;
    std::uint64_t delivered_ = 0;
    WindowCount deliveries_;
    std::uint64_t socket_queue_drops_ = 0;
    std::uint64_t corrupt_ = 0;
};

}  // namespace nicsim::apps
