#include "host_stack.hpp"

#include <algorithm>

#include "frame_parser.hpp"
#include "inet_checksum.hpp"

namespace nicsim::bridge {
namespace {

using model::ethernet_header_bytes;
using model::ethertype_arp;
using model::ethertype_ipv4;
using model::ip_protocol_udp;
using model::ipv4_min_header_bytes;
using model::udp_header_bytes;

constexpr std::uint8_t ip_protocol_icmp = 1;
constexpr std::size_t arp_ipv4_bytes = 28;  // Ethernet/IPv4 ARP message
constexpr std::size_t icmp_echo_header_bytes = 8;
constexpr std::uint8_t icmp_echo_request = 8;
constexpr std::uint8_t icmp_echo_reply = 0;
constexpr std::uint8_t reply_ttl = 64;  // Linux's default

std::uint16_t load16(std::span<const std::uint8_t> b, std::size_t at) {
    return static_cast<std::uint16_t>(b[at] << 8 | b[at + 1]);
}
std::uint32_t load32(std::span<const std::uint8_t> b, std::size_t at) {
    return std::uint32_t{b[at]} << 24 | std::uint32_t{b[at + 1]} << 16 | std::uint32_t{b[at + 2]} << 8 | b[at + 3];
}
void store16(std::vector<std::uint8_t>& b, std::size_t at, std::uint16_t v) {
    b[at] = static_cast<std::uint8_t>(v >> 8);
    b[at + 1] = static_cast<std::uint8_t>(v);
}
void store32(std::vector<std::uint8_t>& b, std::size_t at, std::uint32_t v) {
    for (std::size_t i = 0; i < 4; ++i) b[at + i] = static_cast<std::uint8_t>(v >> (24 - 8 * i));
}
MacAddress load_mac(std::span<const std::uint8_t> b, std::size_t at) {
    MacAddress m;
    std::copy_n(b.begin() + static_cast<std::ptrdiff_t>(at), 6, m.bytes.begin());
    return m;
}
void store_mac(std::vector<std::uint8_t>& b, std::size_t at, const MacAddress& m) {
    std::copy(m.bytes.begin(), m.bytes.end(), b.begin() + static_cast<std::ptrdiff_t>(at));
}

void write_ethernet_header(std::vector<std::uint8_t>& b, const MacAddress& dst, const MacAddress& src,
                           std::uint16_t ethertype) {
    store_mac(b, 0, dst);
    store_mac(b, 6, src);
    store16(b, 12, ethertype);
}

// The pseudo-header sum UDP's checksum starts from (RFC 768).
std::uint32_t udp_pseudo_header_sum(Ipv4Address src, Ipv4Address dst, std::size_t udp_bytes) {
    return (src.value >> 16) + (src.value & 0xffff) + (dst.value >> 16) + (dst.value & 0xffff) + ip_protocol_udp +
           static_cast<std::uint32_t>(udp_bytes);
}

}  // namespace

std::string_view verdict_name(Verdict verdict) {
    switch (verdict) {
        case Verdict::arp_reply: return "arp_reply";
        case Verdict::icmp_echo_reply: return "icmp_echo_reply";
        case Verdict::udp_echo_reply: return "udp_echo_reply";
        case Verdict::not_for_us: return "not_for_us";
        case Verdict::unsupported: return "unsupported";
        case Verdict::fragment: return "fragment";
        case Verdict::off_subnet: return "off_subnet";
        case Verdict::malformed: return "malformed";
        case Verdict::bad_checksum: return "bad_checksum";
    }
    return "unknown";
}

Verdict HostStack::handle(std::span<const std::uint8_t> frame, std::vector<std::uint8_t>& reply) {
    reply.clear();
    const Verdict verdict = classify(frame, reply);
    if (!reply.empty() && reply.size() < ethernet_min_frame_bytes) reply.resize(ethernet_min_frame_bytes, 0);
    ++counts_[static_cast<std::size_t>(verdict)];
    return verdict;
}

Verdict HostStack::classify(std::span<const std::uint8_t> frame, std::vector<std::uint8_t>& reply) {
    if (frame.size() < ethernet_header_bytes) return Verdict::malformed;
    if (load_mac(frame, 6).is_multicast()) return Verdict::malformed;  // no sender to answer
    const MacAddress dst = load_mac(frame, 0);
    const std::uint16_t ethertype = load16(frame, 12);
    if (ethertype == ethertype_arp && (dst == mac_ || dst == broadcast_mac)) return handle_arp(frame, reply);
    if (dst != mac_) return Verdict::not_for_us;  // multicast and broadcast IP are not answered either
    if (ethertype == ethertype_ipv4) return handle_ipv4(frame, reply);
    return Verdict::unsupported;
}

Verdict HostStack::handle_arp(std::span<const std::uint8_t> frame, std::vector<std::uint8_t>& reply) {
    if (frame.size() < ethernet_header_bytes + arp_ipv4_bytes) return Verdict::malformed;
    const auto arp = frame.subspan(ethernet_header_bytes);
    // Ethernet hardware (1), IPv4 protocol, 6-byte and 4-byte addresses: the only kind there is here.
    if (load16(arp, 0) != 1 || load16(arp, 2) != ethertype_ipv4 || arp[4] != 6 || arp[5] != 4)
        return Verdict::unsupported;
    constexpr std::uint16_t request = 1, answer = 2;
    if (load16(arp, 6) != request) return Verdict::unsupported;  // replies, RARP, ...
    const MacAddress sender_mac = load_mac(arp, 8);
    const std::uint32_t sender_ip = load32(arp, 14);
    if (load32(arp, 24) != ip_.address.value) return Verdict::not_for_us;
    if (sender_mac.is_multicast()) return Verdict::malformed;  // no one to answer

    reply.assign(ethernet_header_bytes + arp_ipv4_bytes, 0);
    write_ethernet_header(reply, sender_mac, mac_, ethertype_arp);
    const std::size_t a = ethernet_header_bytes;
    store16(reply, a + 0, 1);
    store16(reply, a + 2, ethertype_ipv4);
    reply[a + 4] = 6;
    reply[a + 5] = 4;
    store16(reply, a + 6, answer);
    store_mac(reply, a + 8, mac_);
    store32(reply, a + 14, ip_.address.value);
    store_mac(reply, a + 18, sender_mac);
    store32(reply, a + 24, sender_ip);
    return Verdict::arp_reply;
}

Verdict HostStack::handle_ipv4(std::span<const std::uint8_t> frame, std::vector<std::uint8_t>& reply) {
    const auto packet = frame.subspan(ethernet_header_bytes);
    if (packet.size() < ipv4_min_header_bytes) return Verdict::malformed;
    const std::size_t header_bytes = std::size_t{packet[0] & 0x0fu} * 4;
    const std::size_t total_bytes = load16(packet, 2);
    if (packet[0] >> 4 != 4 || header_bytes < ipv4_min_header_bytes || total_bytes < header_bytes ||
        total_bytes > packet.size())
        return Verdict::malformed;
    // Bytes past total_bytes are Ethernet padding (or trailer): never part of the datagram.
    const auto datagram = packet.first(total_bytes);
    if (!inet_checksum_ok(datagram.first(header_bytes))) return Verdict::bad_checksum;
    const Ipv4Address src{load32(datagram, 12)};
    const Ipv4Address dst{load32(datagram, 16)};
    if (dst != ip_.address) return Verdict::not_for_us;
    const std::uint16_t flags_offset = load16(datagram, 6);
    if ((flags_offset & 0x2000u) != 0 || (flags_offset & 0x1fffu) != 0) return Verdict::fragment;
    if (!ip_.on_link(src) || src == ip_.address) return Verdict::off_subnet;
    const std::uint8_t protocol = datagram[9];
    const auto payload = datagram.subspan(header_bytes);

    if (protocol == ip_protocol_icmp) {
        if (payload.size() < icmp_echo_header_bytes) return Verdict::malformed;
        if (!inet_checksum_ok(payload)) return Verdict::bad_checksum;
        if (payload[0] != icmp_echo_request || payload[1] != 0) return Verdict::unsupported;
        start_ipv4_reply(frame, src, ip_protocol_icmp, payload.size(), reply);
        const std::size_t icmp = reply.size() - payload.size();
        std::copy(payload.begin(), payload.end(), reply.begin() + static_cast<std::ptrdiff_t>(icmp));
        reply[icmp] = icmp_echo_reply;  // identifier, sequence and data stay as they came
        store16(reply, icmp + 2, 0);
        store16(reply, icmp + 2, inet_checksum(std::span(reply).subspan(icmp)));
        return Verdict::icmp_echo_reply;
    }

    if (protocol == ip_protocol_udp) {
        if (payload.size() < udp_header_bytes) return Verdict::malformed;
        const std::size_t udp_bytes = load16(payload, 4);
        if (udp_bytes < udp_header_bytes || udp_bytes > payload.size()) return Verdict::malformed;
        const auto udp = payload.first(udp_bytes);
        // A zero checksum means the sender did not compute one (allowed over IPv4).
        if (load16(udp, 6) != 0 && !inet_checksum_ok(udp, udp_pseudo_header_sum(src, dst, udp_bytes)))
            return Verdict::bad_checksum;
        if (load16(udp, 2) != udp_echo_port) return Verdict::unsupported;
        start_ipv4_reply(frame, src, ip_protocol_udp, udp_bytes, reply);
        const std::size_t at = reply.size() - udp_bytes;
        std::copy(udp.begin(), udp.end(), reply.begin() + static_cast<std::ptrdiff_t>(at));
        store16(reply, at + 0, udp_echo_port);
        store16(reply, at + 2, load16(udp, 0));
        store16(reply, at + 6, 0);
        std::uint16_t checksum =
            inet_fold(inet_sum(std::span(reply).subspan(at), udp_pseudo_header_sum(ip_.address, src, udp_bytes)));
        if (checksum == 0) checksum = 0xffff;  // 0 would mean "no checksum" (RFC 768)
        store16(reply, at + 6, checksum);
        return Verdict::udp_echo_reply;
    }
    return Verdict::unsupported;
}

void HostStack::start_ipv4_reply(std::span<const std::uint8_t> request, Ipv4Address dst, std::uint8_t protocol,
                                 std::size_t payload_bytes, std::vector<std::uint8_t>& reply) {
    const std::size_t total = ipv4_min_header_bytes + payload_bytes;
    reply.assign(ethernet_header_bytes + total, 0);
    // Answer the MAC the request came from: the peer is on-link (checked), so that is its own.
    write_ethernet_header(reply, load_mac(request, 6), mac_, ethertype_ipv4);
    const std::size_t ip = ethernet_header_bytes;
    reply[ip + 0] = 0x45;  // version 4, 20-byte header: no options
    store16(reply, ip + 2, static_cast<std::uint16_t>(total));
    store16(reply, ip + 4, next_ip_id_++);
    store16(reply, ip + 6, 0x4000);  // don't fragment, as Linux sends
    reply[ip + 8] = reply_ttl;
    reply[ip + 9] = protocol;
    store32(reply, ip + 12, ip_.address.value);
    store32(reply, ip + 16, dst.value);
    store16(reply, ip + 10, inet_checksum(std::span(reply).subspan(ip, ipv4_min_header_bytes)));
}

}  // namespace nicsim::bridge
