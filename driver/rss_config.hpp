// Receive Side Scaling configuration as the driver programs it: the Toeplitz key, the hash
// types, and the 128-entry indirection table (ethtool -X), written through the register map.
//
// PROVISIONAL (branch `replay`): written to the API the `filters` branch is building
// (RssConfig{key, type_enables, indirection}, spread_over, program_rss) so replay can use it
// now; at the merge of `filters` its version replaces this file.
#pragma once

#include <array>
#include <cstdint>

#include "device.hpp"

namespace nicsim::driver {

inline constexpr std::size_t rss_key_bytes = 40;
inline constexpr std::size_t rss_indirection_entries = 128;

using RssKeyBytes = std::array<std::uint8_t, rss_key_bytes>;

// The Microsoft verification key, the NIC's reset value (rtl/regmap.toml rss_key0..9).
RssKeyBytes default_rss_key();

struct RssConfig {
    RssKeyBytes key = default_rss_key();
    // rss_ctrl bits: ipv4, ipv4_tcp, ipv4_udp, ipv6, ipv6_tcp, ipv6_udp (bits 0..5); all on,
    // as Linux enables them.
    std::uint8_t type_enables = 0x3F;
    std::array<std::uint8_t, rss_indirection_entries> indirection{};  // all to queue 0

    // The default table for `queues` active queues: entry i = i % queues (Linux's
    // ethtool_rxfh_indir_default). Throws std::invalid_argument for queues outside 1..16.
    static RssConfig spread_over(unsigned queues);
};

// Writes rss_ctrl, rss_key0..9 and the whole indirection table.
void program_rss(Device& device, const RssConfig& config);

}  // namespace nicsim::driver
