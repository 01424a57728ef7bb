// The most frames per second an Ethernet link carries.
#pragma once

namespace nicsim {

// On the wire each frame also carries its 4-byte FCS, an 8-byte preamble and a 12-byte
// inter-frame gap: 60-byte frames (64 with FCS) at 10 Gb/s are the classic 14.88 Mpps.
inline double line_rate_pps(double link_gbps, unsigned frame_size) {
    return link_gbps * 1e9 / ((frame_size + 24.0) * 8.0);
}

}  // namespace nicsim
