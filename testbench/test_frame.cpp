#include "test_frame.hpp"

#include "frame_parser.hpp"

#include <stdexcept>
#include <string>

namespace nicsim::tb {
namespace {

using model::ethernet_header_bytes;
using model::udp_header_bytes;
// Test frames carry no IP options: the IPv4 header is its minimum.
constexpr std::size_t ipv4_header_bytes = model::ipv4_min_header_bytes;
constexpr std::size_t stamp_offset = ethernet_header_bytes + ipv4_header_bytes + udp_header_bytes;
constexpr std::size_t stamp_bytes = 16;

void put16(std::uint8_t* p, std::uint16_t v) {
    p[0] = static_cast<std::uint8_t>(v >> 8);
    p[1] = static_cast<std::uint8_t>(v);
}
void put32(std::uint8_t* p, std::uint32_t v) {
    put16(p, static_cast<std::uint16_t>(v >> 16));
    put16(p + 2, static_cast<std::uint16_t>(v));
}
void put64(std::uint8_t* p, std::uint64_t v) {
    put32(p, static_cast<std::uint32_t>(v >> 32));
    put32(p + 4, static_cast<std::uint32_t>(v));
}
std::uint16_t get16(const std::uint8_t* p) { return static_cast<std::uint16_t>((p[0] << 8) | p[1]); }
std::uint64_t get64(const std::uint8_t* p) {
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v = (v << 8) | p[i];
    return v;
}

std::uint16_t ipv4_checksum(const std::uint8_t* header) {
    std::uint32_t sum = 0;
    for (std::size_t i = 0; i < ipv4_header_bytes; i += 2) sum += get16(header + i);
    while (sum >> 16) sum = (sum & 0xFFFF) + (sum >> 16);
    return static_cast<std::uint16_t>(~sum);
}

std::uint8_t pattern_byte(std::uint64_t sequence, std::size_t index) {
    return static_cast<std::uint8_t>((sequence * 131u + index * 7u) ^ (index >> 8));
}

}  // namespace

void build_test_frame(const TestFrameSpec& spec, const TestFrameStamp& stamp, std::vector<std::uint8_t>& out) {
    if (spec.size < test_frame_min_size || spec.size > test_frame_max_size)
        throw std::invalid_argument("frame size " + std::to_string(spec.size) + ": must be " +
                                    std::to_string(test_frame_min_size) + ".." + std::to_string(test_frame_max_size));
    out.assign(spec.size, 0);
    std::uint8_t* p = out.data();
    // Locally administered MACs: 02:00:00:00:00:02 <- 02:00:00:00:00:01.
    const std::uint8_t dst_mac[6] = {0x02, 0, 0, 0, 0, 0x02};
    const std::uint8_t src_mac[6] = {0x02, 0, 0, 0, 0, 0x01};
    std::copy(dst_mac, dst_mac + 6, p);
    std::copy(src_mac, src_mac + 6, p + 6);
    put16(p + 12, model::ethertype_ipv4);

    std::uint8_t* ip = p + ethernet_header_bytes;
    const auto ip_len = static_cast<std::uint16_t>(spec.size - ethernet_header_bytes);
    ip[0] = 0x45;
    put16(ip + 2, ip_len);
    put16(ip + 4, static_cast<std::uint16_t>(stamp.sequence));
    ip[8] = 64;  // TTL
    ip[9] = 17;  // UDP
    put32(ip + 12, spec.src_ip);
    put32(ip + 16, spec.dst_ip);
    put16(ip + 10, ipv4_checksum(ip));

    std::uint8_t* udp = ip + ipv4_header_bytes;
    put16(udp, spec.src_port);
    put16(udp + 2, spec.dst_port);
    put16(udp + 4, static_cast<std::uint16_t>(ip_len - ipv4_header_bytes));
    // UDP checksum 0: "not computed", legal for IPv4.

    put64(p + stamp_offset, stamp.sequence);
    put64(p + stamp_offset + 8, stamp.offered_at);
    for (std::size_t i = stamp_offset + stamp_bytes; i < out.size(); ++i) p[i] = pattern_byte(stamp.sequence, i);
}

std::optional<TestFrameStamp> parse_test_frame(std::span<const std::uint8_t> frame) {
    if (frame.size() < test_frame_min_size) return std::nullopt;
    const std::uint8_t* p = frame.data();
    if (get16(p + 12) != model::ethertype_ipv4) return std::nullopt;
    const std::uint8_t* ip = p + ethernet_header_bytes;
    if (ip[0] != 0x45 || ip[9] != 17 || ipv4_checksum(ip) != 0) return std::nullopt;
    if (get16(ip + 2) != frame.size() - ethernet_header_bytes) return std::nullopt;
    TestFrameStamp stamp;
    stamp.sequence = get64(p + stamp_offset);
    stamp.offered_at = get64(p + stamp_offset + 8);
    for (std::size_t i = stamp_offset + stamp_bytes; i < frame.size(); ++i)
        if (p[i] != pattern_byte(stamp.sequence, i)) return std::nullopt;
    return stamp;
}

}  // namespace nicsim::tb
