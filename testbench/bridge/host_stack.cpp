#include "bridge/host_stack.hpp"

#include <algorithm>

#include "byte_order.hpp"
#include "inet_checksum.hpp"

namespace nicsim::bridge {
namespace {

using model::inet_checksum;
using model::inet_checksum_ok;
using model::inet_fold;
using model::inet_sum;

using model::ethernet_header_bytes;
using model::ethertype_arp;
using model::ethertype_ipv4;
using model::ip_protocol_udp;
using model::ipv4_min_header_bytes;
using model::load_be16;
using model::load_be32;
using model::store_be16;
using model::store_be32;
using model::udp_header_bytes;

constexpr std::uint8_t ip_protocol_icmp = 1;
constexpr std::size_t arp_ipv4_bytes = 28;  // Ethernet/IPv4 ARP message
constexpr std::size_t icmp_echo_header_bytes = 8;
constexpr std::uint8_t icmp_echo_request = 8;
constexpr std::uint8_t icmp_echo_reply = 0;
constexpr std::uint8_t reply_ttl = 64;  // Linux's default

MacAddress load_mac(std::span<const std::uint8_t> b, std::size_t at) {
    MacAddress m;
    std::copy_n(b.begin() + static_cast<std::ptrdiff_t>(at), 6, m.bytes.begin());
    return m;
}
void store_mac(std::span<std::uint8_t> b, std::size_t at, const MacAddress& m) {
    std::copy(m.bytes.begin(), m.bytes.end(), b.begin() + static_cast<std::ptrdiff_t>(at));
}

void write_ethernet_header(std::span<std::uint8_t> b, const MacAddress& dst, const MacAddress& src,
                           std::uint16_t ethertype) {
    store_mac(b, 0, dst);
    store_mac(b, 6, src);
    store_be16(b, 12, ethertype);
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
        case Verdict::refused_source: return "refused_source";
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
    // The NIC's classifier reads frames with the same parser: what it calls malformed (and
    // why), an 802.1Q tag, a fragment, the IP header's place, the stack sees alike.
    const model::ParsedFrame parsed = model::parse_frame(frame);
    if (parsed.malformed == model::MalformedReason::truncated_ethernet) return malformed(parsed.malformed);
    if (load_mac(frame, 6).is_multicast()) return malformed(model::MalformedReason::none);  // no sender to answer
    const MacAddress dst = load_mac(frame, 0);
    if (!parsed.has_vlan && parsed.ethertype == ethertype_arp && (dst == mac_ || dst == broadcast_mac))
        return handle_arp(frame, reply);
    if (dst != mac_) return Verdict::not_for_us;  // multicast and broadcast IP are not answered either
    if (parsed.malformed != model::MalformedReason::none) return malformed(parsed.malformed);
    // The host has no VLAN interface: a tagged frame is counted, not answered (untagged).
    if (parsed.has_vlan) return Verdict::unsupported;
    if (parsed.l3 == model::L3Kind::ipv4) return handle_ipv4(frame, parsed, reply);
    return Verdict::unsupported;
}

Verdict HostStack::malformed(model::MalformedReason reason) {
    ++malformed_reasons_[static_cast<std::size_t>(reason)];
    return Verdict::malformed;
}

Verdict HostStack::handle_arp(std::span<const std::uint8_t> frame, std::vector<std::uint8_t>& reply) {
    if (frame.size() < ethernet_header_bytes + arp_ipv4_bytes) return malformed(model::MalformedReason::none);
    const auto arp = frame.subspan(ethernet_header_bytes);
    // Ethernet hardware (1), IPv4 protocol, 6-byte and 4-byte addresses: the only kind there is here.
    if (load_be16(arp, 0) != 1 || load_be16(arp, 2) != ethertype_ipv4 || arp[4] != 6 || arp[5] != 4)
        return Verdict::unsupported;
    constexpr std::uint16_t request = 1, answer = 2;
    if (load_be16(arp, 6) != request) return Verdict::unsupported;  // replies, RARP, ...
    const MacAddress sender_mac = load_mac(arp, 8);
    const std::uint32_t sender_ip = load_be32(arp, 14);
    if (load_be32(arp, 24) != ip_.address.value) return Verdict::not_for_us;
    if (sender_mac.is_multicast()) return malformed(model::MalformedReason::none);  // no one to answer

    reply.assign(ethernet_header_bytes + arp_ipv4_bytes, 0);
    write_ethernet_header(reply, sender_mac, mac_, ethertype_arp);
    const std::size_t a = ethernet_header_bytes;
    store_be16(reply, a + 0, 1);
    store_be16(reply, a + 2, ethertype_ipv4);
    reply[a + 4] = 6;
    reply[a + 5] = 4;
    store_be16(reply, a + 6, answer);
    store_mac(reply, a + 8, mac_);
    store_be32(reply, a + 14, ip_.address.value);
    store_mac(reply, a + 18, sender_mac);
    store_be32(reply, a + 24, sender_ip);
    return Verdict::arp_reply;
}

Verdict HostStack::handle_ipv4(std::span<const std::uint8_t> frame, const model::ParsedFrame& parsed,
                               std::vector<std::uint8_t>& reply) {
    // parse_frame has checked version, IHL and total length against the frame.
    const auto packet = frame.subspan(parsed.l3_offset);
    const std::size_t header_bytes = std::size_t{packet[0] & 0x0fu} * 4;
    // Bytes past the total length are Ethernet padding (or trailer): never part of the datagram.
    const auto datagram = packet.first(load_be16(packet, 2));
    if (!inet_checksum_ok(datagram.first(header_bytes))) return Verdict::bad_checksum;
    const Ipv4Address src{load_be32(datagram, 12)};
    const Ipv4Address dst{load_be32(datagram, 16)};
    if (dst != ip_.address) return Verdict::not_for_us;
    if (parsed.is_fragment) return Verdict::fragment;
    if (!ip_.on_link(src) || src == ip_.address) return Verdict::off_subnet;
    // The subnet's network or broadcast address is no single host: an answer would go to all.
    if (!ip_.is_host(src)) return Verdict::refused_source;
    const auto payload = datagram.subspan(header_bytes);

    if (parsed.ip_protocol == ip_protocol_icmp) {
        if (payload.size() < icmp_echo_header_bytes) return malformed(model::MalformedReason::none);
        if (!inet_checksum_ok(payload)) return Verdict::bad_checksum;
        if (payload[0] != icmp_echo_request || payload[1] != 0) return Verdict::unsupported;
        start_ipv4_reply(frame, src, ip_protocol_icmp, payload.size(), reply);
        const std::size_t icmp = reply.size() - payload.size();
        std::copy(payload.begin(), payload.end(), reply.begin() + static_cast<std::ptrdiff_t>(icmp));
        reply[icmp] = icmp_echo_reply;  // identifier, sequence and data stay as they came
        store_be16(reply, icmp + 2, 0);
        store_be16(reply, icmp + 2, inet_checksum(std::span(reply).subspan(icmp)));
        return Verdict::icmp_echo_reply;
    }

    if (parsed.l4 == model::L4Kind::udp) {  // parse_frame saw the whole UDP header
        const std::size_t udp_bytes = load_be16(payload, 4);
        if (udp_bytes < udp_header_bytes || udp_bytes > payload.size()) return malformed(model::MalformedReason::none);
        const auto udp = payload.first(udp_bytes);
        // A zero checksum means the sender did not compute one (allowed over IPv4).
        if (load_be16(udp, 6) != 0 && !inet_checksum_ok(udp, udp_pseudo_header_sum(src, dst, udp_bytes)))
            return Verdict::bad_checksum;
        if (parsed.dst_port != udp_echo_port) return Verdict::unsupported;
        // Echo, chargen and port 0 answer whatever reaches them: echoing to them could loop
        // for ever between two such services (the classic UDP echo/chargen storm).
        if (parsed.src_port == 0 || parsed.src_port == udp_echo_port || parsed.src_port == udp_chargen_port)
            return Verdict::refused_source;
        start_ipv4_reply(frame, src, ip_protocol_udp, udp_bytes, reply);
        const std::size_t at = reply.size() - udp_bytes;
        std::copy(udp.begin(), udp.end(), reply.begin() + static_cast<std::ptrdiff_t>(at));
        store_be16(reply, at + 0, udp_echo_port);
        store_be16(reply, at + 2, parsed.src_port);
        store_be16(reply, at + 6, 0);
        std::uint16_t checksum =
            inet_fold(inet_sum(std::span(reply).subspan(at), udp_pseudo_header_sum(ip_.address, src, udp_bytes)));
        if (checksum == 0) checksum = 0xffff;  // 0 would mean "no checksum" (RFC 768)
        store_be16(reply, at + 6, checksum);
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
    store_be16(reply, ip + 2, static_cast<std::uint16_t>(total));
    store_be16(reply, ip + 4, next_ip_id_++);
    store_be16(reply, ip + 6, 0x4000);  // don't fragment, as Linux sends
    reply[ip + 8] = reply_ttl;
    reply[ip + 9] = protocol;
    store_be32(reply, ip + 12, ip_.address.value);
    store_be32(reply, ip + 16, dst.value);
    store_be16(reply, ip + 10, inet_checksum(std::span(reply).subspan(ip, ipv4_min_header_bytes)));
}

}  // namespace nicsim::bridge
