// `bsd-interrupt`: the 4.4BSD receive path measured by Mogul & Ramakrishnan, the livelock
// baseline. Every frame raises a receive interrupt (unless moderation batches them: the
// lecture notes' third remedy, "batched interrupts"); the handler, at the
// highest priority, takes every frame the NIC has delivered, does the driver's work on it and
// appends it to the IP input queue (ipintrq, IFQ_MAXLEN = 50 by default), dropping it there
// when the queue is full — after the work has been spent. The IP softirq (ipintr) then does
// protocol processing and whatever follows (forwarding, a socket), one packet per step, at
// a lower priority than the interrupts. As the load grows the interrupt handler takes more
// and more of the CPU, ipintr less and less, and throughput falls: receive livelock.
#pragma once

#include <memory>
#include <vector>

#include "interrupt_vectors.hpp"
#include "kernel.hpp"
#include "nic_driver.hpp"
#include "packet_handler.hpp"
#include "packet_queue.hpp"
#include "rx_policy.hpp"

namespace nicsim::driver {

struct BsdConfig {
    unsigned ipintrq_len = 50;  // IFQ_MAXLEN
    Coalesce coalesce;          // moderation of the receive interrupt: none by default
};

class BsdInterruptPolicy final : public RxPolicy {
public:
    BsdInterruptPolicy(Kernel& kernel, NicDriver& nic, PacketHandler& handler, DriverCosts costs, BsdConfig config);
    ~BsdInterruptPolicy() override;

    std::string name() const override { return "bsd-interrupt"; }
    void start() override;
    std::vector<NamedCount> drops() const override;
    std::vector<NamedCount> stats() const override;

private:
    class ReceiveInterrupt;
    class IpInput;

    Kernel& kernel_;
    NicDriver& nic_;
    PacketHandler& handler_;
    DriverCosts costs_;
    BsdConfig config_;
    std::vector<std::unique_ptr<IpInput>> ipintr_;  // one per core, each with its ipintrq
    std::vector<std::unique_ptr<ReceiveInterrupt>> handlers_;
    std::uint64_t ipintrq_drops_ = 0;
    std::uint64_t interrupts_ = 0;
};

}  // namespace nicsim::driver
