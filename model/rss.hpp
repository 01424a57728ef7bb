// Reference Receive Side Scaling, as Linux drivers configure Intel NICs.
//
// Hash type of a parsed frame (the first that applies):
//   IPv4, TCP, not a fragment, ipv4_tcp enabled   -> ipv4_tcp
//   IPv4, UDP, not a fragment, ipv4_udp enabled   -> ipv4_udp
//   IPv4, ipv4 enabled                            -> ipv4  (fragments, other protocols, and the
//                                                           fallback of a disabled 4-tuple type)
//   IPv6 likewise with ipv6_tcp, ipv6_udp, ipv6
//   otherwise (non-IP, malformed, or type disabled) -> none
// Hash input (Microsoft's order): source address, destination address, then for the tcp/udp
// types source port, destination port, all in network byte order: 8 or 12 bytes for IPv4, 32
// or 36 for IPv6. The hash is the Toeplitz hash of that input; type none has hash 0 and no
// queue from the table (the classifier sends it to the default queue).
// Queue: indirection_table[hash & 0x7F]. The default table has entry i = i % active_queues,
// as Linux's ethtool_rxfh_indir_default().
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "frame_parser.hpp"
#include "toeplitz.hpp"

namespace nicsim::model {

// The numbering of rtl/regmap.toml's rx_wb.rss_type.
enum class RssType : std::uint8_t {
    none = 0,
    ipv4 = 1,
    ipv4_tcp = 2,
    ipv4_udp = 3,
    ipv6 = 4,
    ipv6_tcp = 5,
    ipv6_udp = 6,
};

// "none", "ipv4", "ipv4-tcp", ... as the register map writes them.
[[nodiscard]] std::string_view rss_type_name(RssType type);

// Enable bits: bit n enables the type with code n (bit 0, none, is ignored).
[[nodiscard]] constexpr std::uint8_t rss_type_bit(RssType type) {
    return static_cast<std::uint8_t>(1U << static_cast<unsigned>(type));
}
inline constexpr std::uint8_t all_rss_types = 0x7E;

inline constexpr std::size_t indirection_table_size = 128;
inline constexpr std::uint32_t indirection_index_mask = indirection_table_size - 1;
using IndirectionTable = std::array<std::uint8_t, indirection_table_size>;

// Entry i = i % active_queues. Throws std::invalid_argument for active_queues 0 or > 128.
[[nodiscard]] IndirectionTable default_indirection_table(unsigned active_queues);

struct RssConfig {
    RssKey key = microsoft_rss_key;
    std::uint8_t enabled_types = all_rss_types;
    IndirectionTable indirection = default_indirection_table(1);
};

struct RssResult {
    RssType type = RssType::none;
    std::uint32_t hash = 0;
    std::optional<std::uint8_t> queue; // the table entry; none for type none

    friend bool operator==(const RssResult&, const RssResult&) = default;
};

class Rss {
public:
    explicit Rss(const RssConfig& config = {});

    [[nodiscard]] RssResult compute(const ParsedFrame& parsed) const;
    [[nodiscard]] RssType select_type(const ParsedFrame& parsed) const;

    void set_key(const RssKey& key); // rebuilds the hash tables
    void set_enabled_types(std::uint8_t enabled_types) { config_.enabled_types = enabled_types; }
    void set_indirection(const IndirectionTable& table) { config_.indirection = table; }
    void set_indirection_entry(std::size_t index, std::uint8_t queue);

    [[nodiscard]] const RssConfig& config() const { return config_; }
    [[nodiscard]] const ToeplitzHasher& hasher() const { return hasher_; }

private:
    [[nodiscard]] bool enabled(RssType type) const {
        return (config_.enabled_types & rss_type_bit(type)) != 0;
    }

    RssConfig config_;
    ToeplitzHasher hasher_;
};

} // namespace nicsim::model
