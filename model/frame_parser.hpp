// Reference receive-frame parser: what the NIC's classifier knows about a frame.
//
// Input: one Ethernet frame as received, without FCS. Understood:
//   - Ethernet II; at most one 802.1Q tag (TPID 0x8100). A second 0x8100, an 802.1ad S-tag
//     (0x88A8), an 802.3 length field and every other EtherType are simply not IP.
//   - IPv4 with or without options (IHL 5..15). The header checksum is not checked.
//   - IPv6, fixed header only: extension headers are not chased, so a next header other than
//     TCP (6) or UDP (17) -- hop-by-hop, routing, fragment, ... -- gives an IPv6 frame with no
//     ports (hashed on addresses only). IPv6 fragments are therefore never flagged is_fragment.
//   - TCP and UDP: only the ports are taken. The TCP data offset, TCP options and the UDP
//     length field are not examined.
//   - IPv4 fragments (MF set or fragment offset != 0): is_fragment, no ports, L4 none, as Intel
//     NICs and Linux do, so every fragment of a datagram hashes alike. The first fragment's L4
//     header is not examined either.
//
// Malformed frames. Checks run in the order below; the first that fails is the reason:
//   1. fewer than 14 bytes                                   truncated_ethernet
//   2. TPID 0x8100 but fewer than 18 bytes                   truncated_vlan
//   EtherType 0x0800 (IPv4), with `avail` = bytes from the IP header to the frame's end:
//   3. avail < 20                                            truncated_ipv4
//   4. version != 4                                          ipv4_bad_version
//   5. IHL < 5                                               ipv4_bad_ihl
//   6. avail < IHL * 4 (options cut off)                     truncated_ipv4
//   7. total length > avail                                  ipv4_total_length_exceeds_frame
//   8. total length < IHL * 4                                ipv4_total_length_below_header
//   9. not a fragment, TCP (UDP), and the datagram (by its total length) ends inside the
//      20-byte TCP (8-byte UDP) header                       truncated_tcp (truncated_udp)
//   EtherType 0x86DD (IPv6):
//   3. avail < 40                                            truncated_ipv6
//   4. version != 6                                          ipv6_bad_version
//   5. 40 + payload length > avail                           ipv6_payload_length_exceeds_frame
//   6. next header TCP (UDP) and the payload (by its payload length) ends inside the
//      20-byte TCP (8-byte UDP) header                       truncated_tcp (truncated_udp)
// A frame whose wire bytes stop inside the L4 header also fails 7 (IPv4) or 5 (IPv6) first;
// truncated_tcp/udp means the IP length field itself says the L4 header is cut.
// Bytes after the IP datagram (Ethernet padding) are allowed and ignored.
//
// THE RULE: a malformed frame is treated as non-IP. Its ParsedFrame has l3 none, l4 none, no
// addresses, no ports and is_fragment false; only the L2 fields that were read and `malformed`
// are set. Downstream this means RSS type none, hash 0, the default queue (0), and no steering
// filter matches; the reason is reported so the frame can be counted.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace nicsim::model {

enum class L3Kind : std::uint8_t { none, ipv4, ipv6 };
enum class L4Kind : std::uint8_t { none, tcp, udp };

// Why a frame is malformed. The numeric codes are stable: the RTL may report them.
enum class MalformedReason : std::uint8_t {
    none = 0,
    truncated_ethernet = 1,
    truncated_vlan = 2,
    truncated_ipv4 = 3,
    ipv4_bad_version = 4,
    ipv4_bad_ihl = 5,
    ipv4_total_length_exceeds_frame = 6,
    ipv4_total_length_below_header = 7,
    truncated_ipv6 = 8,
    ipv6_bad_version = 9,
    ipv6_payload_length_exceeds_frame = 10,
    truncated_tcp = 11,
    truncated_udp = 12,
};
inline constexpr unsigned malformed_reason_count = 13;

// snake_case name, e.g. "ipv4_bad_ihl"; "none" for none.
[[nodiscard]] std::string_view malformed_reason_name(MalformedReason reason);
[[nodiscard]] std::string_view l3_kind_name(L3Kind kind);
[[nodiscard]] std::string_view l4_kind_name(L4Kind kind);

// Fixed header sizes, for everything that builds or parses frames.
inline constexpr std::size_t ethernet_header_bytes = 14;
inline constexpr std::size_t vlan_tag_bytes = 4;
inline constexpr std::size_t ipv4_min_header_bytes = 20;
inline constexpr std::size_t ipv6_header_bytes = 40;
inline constexpr std::size_t tcp_header_bytes = 20;
inline constexpr std::size_t udp_header_bytes = 8;

inline constexpr std::uint16_t ethertype_ipv4 = 0x0800;
inline constexpr std::uint16_t ethertype_ipv6 = 0x86DD;
inline constexpr std::uint16_t ethertype_vlan = 0x8100;
inline constexpr std::uint16_t ethertype_arp = 0x0806;
inline constexpr std::uint8_t ip_protocol_tcp = 6;
inline constexpr std::uint8_t ip_protocol_udp = 17;

// An IPv4 or IPv6 address in network byte order. IPv4 uses bytes[0..3]; the unused bytes are
// zero whenever the address comes from this library, so == compares like addresses.
struct IpAddress {
    std::array<std::uint8_t, 16> bytes{};
    std::uint8_t size = 0; // 0 (no address), 4 or 16

    [[nodiscard]] static IpAddress v4(std::uint8_t a, std::uint8_t b, std::uint8_t c,
                                      std::uint8_t d);
    [[nodiscard]] static IpAddress v6(const std::array<std::uint8_t, 16>& bytes);
    // Dotted quad or RFC 4291 text; nullopt when it is neither.
    [[nodiscard]] static std::optional<IpAddress> parse(std::string_view text);

    [[nodiscard]] std::span<const std::uint8_t> view() const { return {bytes.data(), size}; }
    [[nodiscard]] std::string to_string() const;

    friend bool operator==(const IpAddress&, const IpAddress&) = default;
};

struct ParsedFrame {
    // L2
    bool has_vlan = false;
    std::uint16_t vlan_tci = 0;
    std::uint16_t ethertype = 0; // after the 802.1Q tag; 0 if the frame ends before it

    // L3/L4: meaningful only when l3 != none (never for a malformed frame).
    L3Kind l3 = L3Kind::none;
    L4Kind l4 = L4Kind::none;       // none also for fragments and other protocols
    std::uint8_t ip_protocol = 0;   // IPv4 protocol or IPv6 next header, as in the frame
    bool is_fragment = false;       // IPv4 MF set or fragment offset != 0
    IpAddress src_addr;
    IpAddress dst_addr;
    std::uint16_t src_port = 0;     // only when l4 != none
    std::uint16_t dst_port = 0;
    std::uint16_t l3_offset = 0;    // byte offset of the IP header
    std::uint16_t l4_offset = 0;    // byte offset of the TCP/UDP header, when l4 != none

    MalformedReason malformed = MalformedReason::none;

    friend bool operator==(const ParsedFrame&, const ParsedFrame&) = default;
};

// Never throws; every byte string has an answer.
[[nodiscard]] ParsedFrame parse_frame(std::span<const std::uint8_t> frame) noexcept;

// One line for failure messages, e.g. "vlan 0x0005 ipv4 tcp 10.0.0.1:80 -> 10.0.0.2:1234".
[[nodiscard]] std::string describe(const ParsedFrame& parsed);

} // namespace nicsim::model
