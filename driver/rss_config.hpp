// Receive-side scaling as the driver programs it: the Toeplitz key, the hash types, and the
// 128-entry indirection table (ethtool -X / -N rx-flow-hash in Linux terms).
#pragma once

#include <array>
#include <cstdint>

#include "device.hpp"

namespace nicsim::driver {

struct RssConfig {
    // 40-byte Toeplitz key, byte 0 first (the order the hash consumes it).
    std::array<std::uint8_t, 40> key{};
    // rss_ctrl bits: ipv4, ipv4_tcp, ipv4_udp, ipv6, ipv6_tcp, ipv6_udp (bits 0..5).
    std::uint8_t type_enables = 0x3F;
    // Queue of each indirection entry; a frame goes to indirection[hash & 0x7F].
    std::array<std::uint8_t, 128> indirection{};

    // Linux's defaults: Microsoft's verification key, every hash type, entry i = i % queues.
    // Throws std::invalid_argument unless queues is in 1..MAX_QUEUES.
    static RssConfig spread_over(unsigned queues);
};

// Writes rss_ctrl, rss_key0..9 (key byte 4i in bits 31:24 of rss_key<i>) and the 32
// indirection-table words. Checks the whole configuration before writing anything: throws
// std::invalid_argument for type_enables beyond the six defined bits and std::out_of_range
// for an indirection entry beyond the 4-bit queue field, naming the entry and its value.
void program_rss(Device& device, const RssConfig& config);

}  // namespace nicsim::driver
