// Lazy receiver processing as an application sees it (Druschel & Banga, OSDI 1996): the NIC
// demultiplexes each application's packets to its own queue, and the application's own
// thread does their receive processing when it asks for the next packet, so that work is
// charged to it and scheduled at its priority. Nothing runs for a packet the application
// has not asked for; when it falls behind, its queue fills and the NIC drops the excess.
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
    // Does the receive processing of the next frame on the application's queue in the
    // caller's context (charged to the caller) and hands the frame to `deliver`. Returns false
    // when no frame has arrived; the channel then arms its interrupt, and the application's
    // thread is woken when one does.
    virtual bool receive(const std::function<void(const RxFrameView&)>& deliver) = 0;
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
