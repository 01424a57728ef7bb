// Test frames for the classifier: build_frame() turns an explicit FrameSpec into bytes (unit
// tests), RandomFrameBuilder draws thousands of varied, optionally malformed frames from a seed
// (the RTL-against-model comparison).
//
// Frames are Ethernet without FCS, zero-padded to 60 bytes. Determinism: the random builder
// uses its own splitmix64 generator and integer arithmetic only (no <random> distributions,
// whose algorithms differ between standard libraries), so a seed gives the same frames on
// every platform and compiler.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "frame_parser.hpp"

namespace nicsim::model {

struct FrameSpec {
    std::array<std::uint8_t, 6> dst_mac = {0x02, 0x00, 0x00, 0x00, 0x00, 0x01};
    std::array<std::uint8_t, 6> src_mac = {0x02, 0x00, 0x00, 0x00, 0x00, 0x02};
    std::optional<std::uint16_t> vlan_tci; // one 802.1Q tag when set

    L3Kind l3 = L3Kind::ipv4;
    std::uint16_t ethertype = ethertype_arp; // written only when l3 is none

    IpAddress src_addr = IpAddress::v4(10, 0, 0, 1); // must match l3's family
    IpAddress dst_addr = IpAddress::v4(10, 0, 0, 2);
    std::uint8_t ip_protocol = ip_protocol_tcp; // IPv4 protocol / upper-layer next header
    std::uint16_t src_port = 1024;              // used for TCP and UDP
    std::uint16_t dst_port = 80;

    std::uint8_t ttl = 64;               // IPv4 TTL / IPv6 hop limit
    std::uint16_t ipv4_id = 0;
    std::size_t ipv4_option_bytes = 0;   // 0..40, multiple of 4 (NOPs ending in EOL)
    bool more_fragments = false;         // IPv4 MF
    std::uint16_t fragment_offset = 0;   // IPv4, 8-byte units (13 bits); != 0 omits the L4 header
    std::uint32_t ipv6_flow_label = 0;   // 20 bits
    bool ipv6_hop_by_hop = false;        // an 8-byte hop-by-hop header before the L4 header

    std::size_t payload_bytes = 0;   // after the L4 header (after the IP header when none)
    std::size_t trailer_bytes = 0;   // bytes after the IP datagram, before the 60-byte padding
    std::size_t min_frame_bytes = 60;
};

// Throws std::invalid_argument for an inconsistent spec (address family, option length, an IP
// datagram over 65535 bytes).
[[nodiscard]] std::vector<std::uint8_t> build_frame(const FrameSpec& spec);
void build_frame(const FrameSpec& spec, std::vector<std::uint8_t>& out);

// Recomputes an IPv4 header checksum in place (the header at `l3_offset`, IHL from the frame;
// nothing happens if the IHL is below 5 or the header does not fit).
void fix_ipv4_checksum(std::vector<std::uint8_t>& frame, std::size_t l3_offset);

// How a random frame was damaged after it was built.
enum class Malformation : std::uint8_t {
    none,
    truncated_in_headers,     // cut somewhere before the end of the last header
    bad_ip_version,           // IP version nibble neither 4 nor 6
    bad_ipv4_ihl,             // IHL 0..4
    ip_length_too_long,       // IPv4 total / IPv6 payload length beyond the frame
    ipv4_length_below_header, // IPv4 total length smaller than the header
    l4_header_cut,            // IP length ends the datagram inside the TCP/UDP header
    header_bytes_flipped,     // 1..4 random header bytes changed (may or may not be malformed)
    random_bytes,             // 0..127 random bytes, nothing built
};
[[nodiscard]] std::string_view malformation_name(Malformation malformation);

// Percentages are integers 0..100.
struct RandomFrameOptions {
    unsigned non_ip_percent = 10;       // of all frames
    unsigned ipv6_percent = 40;         // of IP frames
    unsigned vlan_percent = 25;
    unsigned tcp_percent = 45;          // of IP frames
    unsigned udp_percent = 40;          // of IP frames; the rest use other protocols
    unsigned ipv4_options_percent = 20; // of IPv4 frames
    unsigned fragment_percent = 10;     // of IPv4 frames
    unsigned hop_by_hop_percent = 5;    // of IPv6 TCP/UDP frames
    unsigned trailer_percent = 10;      // bytes after the datagram
    unsigned pool_percent = 50;         // addresses and ports from the small pools below
    unsigned malformed_percent = 0;
    std::size_t max_payload_bytes = 256;
};

struct RandomFrame {
    std::vector<std::uint8_t> bytes;
    FrameSpec spec;           // as built, before the malformation
    Malformation malformation = Malformation::none;
};

class RandomFrameBuilder {
public:
    static constexpr unsigned pool_size = 8;

    explicit RandomFrameBuilder(std::uint64_t seed, const RandomFrameOptions& options = {});

    RandomFrame next();

    [[nodiscard]] std::uint64_t seed() const { return seed_; }

    // The pools frames draw from (pool_percent), so steering rules written with them hit.
    [[nodiscard]] static IpAddress pool_address(L3Kind family, unsigned index);
    [[nodiscard]] static std::uint16_t pool_port(unsigned index);

private:
    std::uint64_t next_u64();
    unsigned below(unsigned bound); // uniform enough in 0..bound-1; bound > 0
    bool chance(unsigned percent);

    FrameSpec random_spec();
    IpAddress random_address(L3Kind family);
    std::uint16_t random_port();
    void malform(RandomFrame& frame);

    std::uint64_t seed_;
    std::uint64_t state_;
    RandomFrameOptions options_;
};

} // namespace nicsim::model
