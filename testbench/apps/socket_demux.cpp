#include "apps/socket_demux.hpp"

#include <optional>

#include "frame_parser.hpp"

namespace nicsim::apps {
namespace {

// The UDP destination port of an option-less IPv4 frame, read in place from its first
// buffer (receive buffers hold at least 64 bytes, the headers 42).
std::optional<unsigned> udp_destination_port(const driver::RxFrameView& frame) {
    constexpr std::size_t ip = model::ethernet_header_bytes;
    constexpr std::size_t port = ip + model::ipv4_min_header_bytes + 2;
    if (frame.segments.empty() || frame.segments[0].length < port + 2) return std::nullopt;
    const std::uint8_t* p = frame.segments[0].data;
    const bool ipv4_udp = p[12] == (model::ethertype_ipv4 >> 8) && p[13] == (model::ethertype_ipv4 & 0xFF) &&
                          p[ip] == 0x45 && p[ip + 9] == 17;
    if (!ipv4_udp) return std::nullopt;
    return static_cast<unsigned>((p[port] << 8) | p[port + 1]);
}

}  // namespace

void SocketDemux::receive(unsigned queue, const driver::RxFrameView& frame) {
    const std::optional<unsigned> value =
        key_ == Key::queue ? std::optional<unsigned>(queue) : udp_destination_port(frame);
    const auto it = value ? sockets_.find(*value) : sockets_.end();
    if (it == sockets_.end()) {
        ledger_.dropped(HostDrop::corrupt);
        return;
    }
    it->second->receive(queue, frame);
}

}  // namespace nicsim::apps
