// Which offered frame a frame is: the one identity every part of the testbench uses for it,
// from the source that offers it (OfferedFrame), through the bytes of a test frame (its
// stamp), to the ledger that accounts for it when the host receives it.
#pragma once

#include <cstdint>

namespace nicsim::traffic {

struct FrameId {
    std::uint64_t sequence = 0;  // 0, 1, 2, ... in send order
    // When its first byte is on the wire, in the sender's time unit: picoseconds in the
    // co-simulation, NIC cycles in nicsim loopback.
    std::uint64_t sent_at = 0;

    friend bool operator==(const FrameId&, const FrameId&) = default;
};

}  // namespace nicsim::traffic
