#include "traffic/test_frame.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "byte_order.hpp"
#include "frame_parser.hpp"
#include "inet_checksum.hpp"
#include "traffic/frame_identifier.hpp"

namespace nicsim::tb {
namespace {

using model::ethernet_header_bytes;
using model::load_be16;
using model::load_be64;
using model::store_be16;
using model::store_be32;
using model::store_be64;
using model::udp_header_bytes;
// Test frames carry no IP options: the IPv4 header is its minimum.
constexpr std::size_t ipv4_header_bytes = model::ipv4_min_header_bytes;
constexpr std::size_t stamp_offset = ethernet_header_bytes + ipv4_header_bytes + udp_header_bytes;
constexpr std::size_t stamp_bytes = 16;

std::uint8_t pattern_byte(std::uint64_t sequence, std::size_t index) {
    return static_cast<std::uint8_t>((sequence * 131u + index * 7u) ^ (index >> 8));
}

}  // namespace

void build_test_frame(const TestFrameSpec& spec, const traffic::FrameId& stamp, std::vector<std::uint8_t>& out) {
    if (spec.size < test_frame_min_size || spec.size > test_frame_max_size)
        throw std::invalid_argument("frame size " + std::to_string(spec.size) + ": must be " +
                                    std::to_string(test_frame_min_size) + ".." + std::to_string(test_frame_max_size));
    out.assign(spec.size, 0);
    // Locally administered MACs: 02:00:00:00:00:02 <- 02:00:00:00:00:01.
    const std::uint8_t dst_mac[6] = {0x02, 0, 0, 0, 0, 0x02};
    const std::uint8_t src_mac[6] = {0x02, 0, 0, 0, 0, 0x01};
    std::copy(dst_mac, dst_mac + 6, out.begin());
    std::copy(src_mac, src_mac + 6, out.begin() + 6);
    store_be16(out, 12, model::ethertype_ipv4);

    const auto ip = std::span(out).subspan(ethernet_header_bytes);
    const auto ip_len = static_cast<std::uint16_t>(spec.size - ethernet_header_bytes);
    ip[0] = 0x45;
    store_be16(ip, 2, ip_len);
    store_be16(ip, 4, static_cast<std::uint16_t>(stamp.sequence));
    ip[8] = 64;  // TTL
    ip[9] = model::ip_protocol_udp;
    store_be32(ip, 12, spec.src_ip);
    store_be32(ip, 16, spec.dst_ip);
    store_be16(ip, 10, model::inet_checksum(ip.first(ipv4_header_bytes)));

    const auto udp = ip.subspan(ipv4_header_bytes);
    store_be16(udp, 0, spec.src_port);
    store_be16(udp, 2, spec.dst_port);
    store_be16(udp, 4, static_cast<std::uint16_t>(ip_len - ipv4_header_bytes));
    // UDP checksum 0: "not computed", legal for IPv4.

    store_be64(out, stamp_offset, stamp.sequence);
    store_be64(out, stamp_offset + 8, stamp.sent_at);
    for (std::size_t i = stamp_offset + stamp_bytes; i < out.size(); ++i) out[i] = pattern_byte(stamp.sequence, i);
}

std::optional<traffic::FrameId> parse_test_frame(std::span<const std::uint8_t> frame) {
    if (frame.size() < test_frame_min_size) return std::nullopt;
    if (load_be16(frame, 12) != model::ethertype_ipv4) return std::nullopt;
    const auto ip = frame.subspan(ethernet_header_bytes);
    if (ip[0] != 0x45 || ip[9] != model::ip_protocol_udp || !model::inet_checksum_ok(ip.first(ipv4_header_bytes)))
        return std::nullopt;
    if (load_be16(ip, 2) != frame.size() - ethernet_header_bytes) return std::nullopt;
    traffic::FrameId stamp;
    stamp.sequence = load_be64(frame, stamp_offset);
    stamp.sent_at = load_be64(frame, stamp_offset + 8);
    for (std::size_t i = stamp_offset + stamp_bytes; i < frame.size(); ++i)
        if (frame[i] != pattern_byte(stamp.sequence, i)) return std::nullopt;
    return stamp;
}

}  // namespace nicsim::tb

namespace nicsim::traffic {

std::optional<FrameId> TestFrameIdentifier::identify(std::span<const std::uint8_t> frame) {
    return tb::parse_test_frame(frame);
}

}  // namespace nicsim::traffic
