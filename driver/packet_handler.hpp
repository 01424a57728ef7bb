// Where the driver hands each received frame: the protocol stack and what lies above it
// (IP forwarding, a socket and its user process). Runs in whatever context the receive
// policy processes packets in, and charges its own CPU cost.
#pragma once

#include "rx_ring.hpp"

namespace nicsim::driver {

class PacketHandler {
public:
    virtual ~PacketHandler() = default;
    // The frame's bytes are valid only during the call.
    virtual void receive(unsigned queue, const RxFrameView& frame) = 0;
};

}  // namespace nicsim::driver
