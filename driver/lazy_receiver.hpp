// Lazy receiver processing as an application sees it (Druschel & Banga, OSDI 1996): each
// application's packets are demultiplexed early to its own queue -- by the NIC (NI-LRP) or by
// the receive interrupt (SOFT-LRP) -- and the application's own thread does their protocol
// processing when it asks for the next packet, so that work is charged to it and scheduled at
// its priority. When it falls behind, its queue fills and the excess is dropped there, before
// any protocol work was spent on it.
#pragma once

#include <cstdint>
#include <functional>

#include "kernel.hpp"
#include "rx_ring.hpp"

namespace nicsim::driver {

// One application's receive channel (NI-LRP's "NI channel").
class ReceiveChannel {
public:
    virtual ~ReceiveChannel() = default;
    // Does the channel's part of the receive processing of the next frame in the caller's
    // context (charged to the caller) and hands the frame to `deliver`, with the CPU time the
    // channel charged for it in this step. Returns false when no frame has arrived; the
    // application's thread is woken when one does.
    using Deliver = std::function<void(const RxFrameView& frame, std::uint64_t charged_ps)>;
    virtual bool receive(const Deliver& deliver) = 0;
};

// An application that receives through a channel: what the policy needs to steer its
// packets to it and to wake it.
class LazyReceiver {
public:
    virtual ~LazyReceiver() = default;
    virtual std::uint16_t udp_port() const = 0;  // its packets: UDP to this destination port
    virtual ThreadId thread() const = 0;          // woken when its queue gets a packet
    virtual unsigned core() const = 0;            // where its thread runs: the vector goes there
    // From now on its packets come through `channel`.
    virtual void attach(ReceiveChannel& channel) = 0;
};

}  // namespace nicsim::driver
