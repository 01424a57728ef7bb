// `screend`: forwarding through a user-level filter, as the router of Mogul & Ramakrishnan
// ran it. The kernel does IP input on each received packet and queues it for the screend
// process (a bounded queue, `sink-queue` packets: full means dropped there, after that work);
// the process, at user priority, screens each packet (`cost-user-packet-ns`) and hands it back
// to the kernel, which forwards and transmits it in the process's context
// (`cost-forward-ns`, `cost-tx-packet-ns`) out of the queue it came in on. A packet is
// delivered when it leaves on the wire; a full transmit ring drops it there.
//
// Its queue is the one poll-feedback watches (the paper's queue-state feedback).
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "apps/delivery_ledger.hpp"
#include "host/cost_table.hpp"
#include "kernel.hpp"
#include "nic_driver.hpp"
#include "packet_handler.hpp"
#include "packet_queue.hpp"
#include "rx_policy.hpp"

namespace nicsim::apps {

class ScreendApp final : public driver::PacketHandler, public driver::Runnable, public driver::ConsumerQueue {
public:
    ScreendApp(driver::Kernel& kernel, driver::NicDriver& nic, const host::CostTable& costs, DeliveryLedger& ledger,
               unsigned queue_capacity, unsigned core);

    // Kernel side: IP input, then the queue to screend.
    void receive(unsigned queue, const driver::RxFrameView& frame) override;
    // The screend process: one packet screened and forwarded per step.
    bool run_step() override;

    // driver::ConsumerQueue: what poll-feedback watches.
    unsigned length() const override { return static_cast<unsigned>(queue_.size()); }
    unsigned capacity() const override { return queue_.capacity(); }
    void notify_when_at_most(unsigned mark, std::function<void()> drained) override;

    std::size_t max_queue_length() const { return max_length_; }
    std::uint64_t cpu_ns() const { return kernel_.thread_cpu_ns(thread_); }

private:
    driver::Kernel& kernel_;
    driver::NicDriver& nic_;
    DeliveryLedger& ledger_;
    std::uint64_t kernel_ps_;  // IP input and the enqueue to screend
    std::uint64_t user_ps_;    // screening, then forwarding and transmit on screend's behalf
    driver::PacketQueue queue_;
    driver::ThreadId thread_;
    std::size_t max_length_ = 0;
    unsigned notify_mark_ = 0;
    std::function<void()> notify_;
};

}  // namespace nicsim::apps
