// `soft-lrp`: Lazy Receiver Processing with demultiplexing in software (Druschel & Banga's
// SOFT-LRP, OSDI 1996), for NICs that cannot classify. All traffic shares the NIC's queues;
// the receive interrupt takes every frame off the ring, does the driver's work and finds the
// frame's application from its UDP destination port (`cost-demux-ns`), and appends it to that
// application's channel queue -- or drops it there when the queue is full
// (`drop_lrp_channel`), before any protocol work was spent on it. The application's own
// thread then does the protocol processing lazily, when it asks for its next packet, charged
// to it at its priority. Frames no application claims go to the protocol stack eagerly.
//
// So it separates traffic as NI-LRP does, but the host still spends the interrupt's, the
// driver's and the demultiplexing's CPU time on every arriving packet, the dropped ones
// included, at the highest priority: as the input grows that work takes the CPU from the
// applications. The paper's words: it postpones livelock, where NI-LRP eliminates it.
//
// Queue q's vector is affine to core q % cores; the interrupt is moderated as configured.
#pragma once

#include <memory>
#include <vector>

#include "interrupt_vectors.hpp"
#include "kernel.hpp"
#include "lazy_receiver.hpp"
#include "nic_driver.hpp"
#include "packet_handler.hpp"
#include "rx_policy.hpp"

namespace nicsim::driver {

class SoftLrpPolicy final : public RxPolicy {
public:
    // `default_handler` takes frames no application claims; `receivers` are the applications,
    // each with a channel queue of `channel_capacity` packets.
    SoftLrpPolicy(Kernel& kernel, NicDriver& nic, PacketHandler& default_handler, DriverCosts costs, Coalesce coalesce,
                  unsigned channel_capacity, std::vector<LazyReceiver*> receivers);
    ~SoftLrpPolicy() override;

    std::string name() const override { return "soft-lrp"; }
    // Throws std::runtime_error when there is no application.
    void start() override;
    std::vector<NamedCount> drops() const override;
    std::vector<NamedCount> stats() const override;

private:
    class Channel;
    class ReceiveInterrupt;

    Channel* channel_for(const RxFrameView& frame);

    Kernel& kernel_;
    NicDriver& nic_;
    PacketHandler& default_handler_;
    DriverCosts costs_;
    Coalesce coalesce_;
    unsigned channel_capacity_;
    std::vector<LazyReceiver*> receivers_;
    std::vector<std::unique_ptr<Channel>> channels_;
    std::vector<std::unique_ptr<ReceiveInterrupt>> handlers_;
    std::uint64_t channel_drops_ = 0;
    std::uint64_t interrupts_ = 0;
    std::uint64_t unclaimed_ = 0;
};

}  // namespace nicsim::driver
