// Software demultiplexing as a receive interrupt does it (SOFT-LRP): the UDP destination port
// of a received frame -- Ethernet II with at most one 802.1Q tag, IPv4 (first fragment or
// unfragmented) or IPv6 with UDP as the next header -- read from the frame's bytes.
#pragma once

#include <cstdint>
#include <optional>

#include "rx_ring.hpp"

namespace nicsim::driver {

// The frame's UDP destination port, or nothing when it is not UDP over IP.
std::optional<std::uint16_t> udp_dst_port(const RxFrameView& frame);

}  // namespace nicsim::driver
