#include "udp_demux.hpp"

namespace nicsim::driver {
namespace {

// Byte `offset` of a frame that may span several buffers.
std::optional<std::uint8_t> byte_at(const RxFrameView& frame, std::uint32_t offset) {
    for (const auto& s : frame.segments) {
        if (offset < s.length) return s.data[offset];
        offset -= s.length;
    }
    return std::nullopt;
}

std::optional<std::uint16_t> word_at(const RxFrameView& frame, std::uint32_t offset) {
    const auto hi = byte_at(frame, offset);
    const auto lo = byte_at(frame, offset + 1);
    if (!hi || !lo) return std::nullopt;
    return static_cast<std::uint16_t>(*hi << 8 | *lo);
}

constexpr std::uint16_t ethertype_vlan = 0x8100;
constexpr std::uint16_t ethertype_ipv4 = 0x0800;
constexpr std::uint16_t ethertype_ipv6 = 0x86DD;
constexpr std::uint8_t protocol_udp = 17;

}  // namespace

std::optional<std::uint16_t> udp_dst_port(const RxFrameView& frame) {
    std::uint32_t l3 = 14;
    auto type = word_at(frame, 12);
    if (type && *type == ethertype_vlan) {
        type = word_at(frame, 16);
        l3 = 18;
    }
    if (!type) return std::nullopt;
    if (*type == ethertype_ipv4) {
        const auto version_ihl = byte_at(frame, l3);
        const auto protocol = byte_at(frame, l3 + 9);
        const auto fragment = word_at(frame, l3 + 6);
        if (!version_ihl || !protocol || !fragment) return std::nullopt;
        if ((*version_ihl >> 4) != 4 || *protocol != protocol_udp || (*fragment & 0x1FFF) != 0) return std::nullopt;
        const std::uint32_t ihl = (*version_ihl & 0x0F) * 4u;
        if (ihl < 20) return std::nullopt;
        return word_at(frame, l3 + ihl + 2);
    }
    if (*type == ethertype_ipv6) {
        const auto next_header = byte_at(frame, l3 + 6);
        if (!next_header || *next_header != protocol_udp) return std::nullopt;
        return word_at(frame, l3 + 40 + 2);
    }
    return std::nullopt;
}

}  // namespace nicsim::driver
