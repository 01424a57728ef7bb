// Reference receive-frame parser; the rules are in frame_parser.hpp.
#include "frame_parser.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <cstdio>

#include "byte_order.hpp"

namespace nicsim::model {

namespace {

IpAddress address_at(std::span<const std::uint8_t> bytes, std::size_t at, std::uint8_t size) {
    IpAddress address;
    address.size = size;
    std::copy_n(bytes.begin() + static_cast<std::ptrdiff_t>(at), size, address.bytes.begin());
    return address;
}

// THE RULE (header): a malformed frame keeps only its L2 fields and the reason.
ParsedFrame malformed_frame(const ParsedFrame& parsed, MalformedReason reason) {
    ParsedFrame result;
    result.has_vlan = parsed.has_vlan;
    result.vlan_tci = parsed.vlan_tci;
    result.ethertype = parsed.ethertype;
    result.malformed = reason;
    return result;
}

// The L4 header at `l4_offset` with `l4_bytes` bytes of IP payload. Returns the reason when the
// payload ends inside the header.
MalformedReason parse_ports(std::span<const std::uint8_t> frame, std::size_t l4_offset,
                            std::size_t l4_bytes, ParsedFrame& parsed) {
    if (parsed.ip_protocol == ip_protocol_tcp) {
        if (l4_bytes < tcp_header_bytes) {
            return MalformedReason::truncated_tcp;
        }
        parsed.l4 = L4Kind::tcp;
    } else if (parsed.ip_protocol == ip_protocol_udp) {
        if (l4_bytes < udp_header_bytes) {
            return MalformedReason::truncated_udp;
        }
        parsed.l4 = L4Kind::udp;
    } else {
        return MalformedReason::none;
    }
    parsed.l4_offset = static_cast<std::uint16_t>(l4_offset);
    parsed.src_port = load_be16(frame, l4_offset);
    parsed.dst_port = load_be16(frame, l4_offset + 2);
    return MalformedReason::none;
}

ParsedFrame parse_ipv4(std::span<const std::uint8_t> frame, std::size_t offset,
                       ParsedFrame parsed) {
    const std::size_t avail = frame.size() - offset;
    if (avail < ipv4_min_header_bytes) {
        return malformed_frame(parsed, MalformedReason::truncated_ipv4);
    }
    const unsigned version = frame[offset] >> 4U;
    const std::size_t ihl = frame[offset] & 0x0FU;
    if (version != 4) {
        return malformed_frame(parsed, MalformedReason::ipv4_bad_version);
    }
    if (ihl < 5) {
        return malformed_frame(parsed, MalformedReason::ipv4_bad_ihl);
    }
    const std::size_t header_bytes = ihl * 4;
    if (avail < header_bytes) {
        return malformed_frame(parsed, MalformedReason::truncated_ipv4);
    }
    const std::size_t total_length = load_be16(frame, offset + 2);
    if (total_length > avail) {
        return malformed_frame(parsed, MalformedReason::ipv4_total_length_exceeds_frame);
    }
    if (total_length < header_bytes) {
        return malformed_frame(parsed, MalformedReason::ipv4_total_length_below_header);
    }

    const std::uint16_t flags_fragment = load_be16(frame, offset + 6);
    const bool more_fragments = (flags_fragment & 0x2000U) != 0;
    const bool nonzero_offset = (flags_fragment & 0x1FFFU) != 0;
    parsed.l3 = L3Kind::ipv4;
    parsed.l3_offset = static_cast<std::uint16_t>(offset);
    parsed.ip_protocol = frame[offset + 9];
    parsed.is_fragment = more_fragments || nonzero_offset;
    parsed.src_addr = address_at(frame, offset + 12, 4);
    parsed.dst_addr = address_at(frame, offset + 16, 4);
    if (parsed.is_fragment) {
        return parsed; // addresses only, as every other fragment of the datagram
    }
    const MalformedReason reason =
        parse_ports(frame, offset + header_bytes, total_length - header_bytes, parsed);
    return reason == MalformedReason::none ? parsed : malformed_frame(parsed, reason);
}

ParsedFrame parse_ipv6(std::span<const std::uint8_t> frame, std::size_t offset,
                       ParsedFrame parsed) {
    const std::size_t avail = frame.size() - offset;
    if (avail < ipv6_header_bytes) {
        return malformed_frame(parsed, MalformedReason::truncated_ipv6);
    }
    if ((frame[offset] >> 4U) != 6) {
        return malformed_frame(parsed, MalformedReason::ipv6_bad_version);
    }
    const std::size_t payload_length = load_be16(frame, offset + 4);
    if (ipv6_header_bytes + payload_length > avail) {
        return malformed_frame(parsed, MalformedReason::ipv6_payload_length_exceeds_frame);
    }
    parsed.l3 = L3Kind::ipv6;
    parsed.l3_offset = static_cast<std::uint16_t>(offset);
    parsed.ip_protocol = frame[offset + 6];
    parsed.src_addr = address_at(frame, offset + 8, 16);
    parsed.dst_addr = address_at(frame, offset + 24, 16);
    const MalformedReason reason =
        parse_ports(frame, offset + ipv6_header_bytes, payload_length, parsed);
    return reason == MalformedReason::none ? parsed : malformed_frame(parsed, reason);
}

} // namespace

std::string_view malformed_reason_name(MalformedReason reason) {
    switch (reason) {
    case MalformedReason::none: return "none";
    case MalformedReason::truncated_ethernet: return "truncated_ethernet";
    case MalformedReason::truncated_vlan: return "truncated_vlan";
    case MalformedReason::truncated_ipv4: return "truncated_ipv4";
    case MalformedReason::ipv4_bad_version: return "ipv4_bad_version";
    case MalformedReason::ipv4_bad_ihl: return "ipv4_bad_ihl";
    case MalformedReason::ipv4_total_length_exceeds_frame: return "ipv4_total_length_exceeds_frame";
    case MalformedReason::ipv4_total_length_below_header: return "ipv4_total_length_below_header";
    case MalformedReason::truncated_ipv6: return "truncated_ipv6";
    case MalformedReason::ipv6_bad_version: return "ipv6_bad_version";
    case MalformedReason::ipv6_payload_length_exceeds_frame: return "ipv6_payload_length_exceeds_frame";
    case MalformedReason::truncated_tcp: return "truncated_tcp";
    case MalformedReason::truncated_udp: return "truncated_udp";
    }
    return "unknown";
}

std::string_view l3_kind_name(L3Kind kind) {
    switch (kind) {
    case L3Kind::none: return "none";
    case L3Kind::ipv4: return "ipv4";
    case L3Kind::ipv6: return "ipv6";
    }
    return "unknown";
}

std::string_view l4_kind_name(L4Kind kind) {
    switch (kind) {
    case L4Kind::none: return "none";
    case L4Kind::tcp: return "tcp";
    case L4Kind::udp: return "udp";
    }
    return "unknown";
}

IpAddress IpAddress::v4(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d) {
    IpAddress address;
    address.size = 4;
    address.bytes[0] = a;
    address.bytes[1] = b;
    address.bytes[2] = c;
    address.bytes[3] = d;
    return address;
}

IpAddress IpAddress::v6(const std::array<std::uint8_t, 16>& bytes) {
    IpAddress address;
    address.size = 16;
    address.bytes = bytes;
    return address;
}

std::optional<IpAddress> IpAddress::parse(std::string_view text) {
    const std::string copy(text); // inet_pton wants a terminated string
    IpAddress address;
    if (inet_pton(AF_INET, copy.c_str(), address.bytes.data()) == 1) {
        address.size = 4;
        return address;
    }
    if (inet_pton(AF_INET6, copy.c_str(), address.bytes.data()) == 1) {
        address.size = 16;
        return address;
    }
    return std::nullopt;
}

std::string IpAddress::to_string() const {
    char text[INET6_ADDRSTRLEN] = {};
    const int family = size == 4 ? AF_INET : size == 16 ? AF_INET6 : 0;
    if (family == 0 || inet_ntop(family, bytes.data(), text, sizeof text) == nullptr) {
        return "-";
    }
    return text;
}

ParsedFrame parse_frame(std::span<const std::uint8_t> frame) noexcept {
    ParsedFrame parsed;
    if (frame.size() < ethernet_header_bytes) {
        return malformed_frame(parsed, MalformedReason::truncated_ethernet);
    }
    std::size_t offset = ethernet_header_bytes;
    parsed.ethertype = load_be16(frame, 12);
    if (parsed.ethertype == ethertype_vlan) {
        parsed.has_vlan = true;
        if (frame.size() < ethernet_header_bytes + vlan_tag_bytes) {
            parsed.ethertype = 0; // never read
            return malformed_frame(parsed, MalformedReason::truncated_vlan);
        }
        parsed.vlan_tci = load_be16(frame, 14);
        parsed.ethertype = load_be16(frame, 16);
        offset += vlan_tag_bytes;
    }
    switch (parsed.ethertype) {
    case ethertype_ipv4: return parse_ipv4(frame, offset, parsed);
    case ethertype_ipv6: return parse_ipv6(frame, offset, parsed);
    default: return parsed; // not IP (a second 0x8100 included)
    }
}

std::string describe(const ParsedFrame& parsed) {
    std::string text;
    char buffer[32];
    if (parsed.has_vlan) {
        std::snprintf(buffer, sizeof buffer, "vlan 0x%04x ", parsed.vlan_tci);
        text += buffer;
    }
    if (parsed.malformed != MalformedReason::none) {
        return text + "malformed " + std::string(malformed_reason_name(parsed.malformed));
    }
    if (parsed.l3 == L3Kind::none) {
        std::snprintf(buffer, sizeof buffer, "ethertype 0x%04x", parsed.ethertype);
        return text + buffer;
    }
    text += std::string(l3_kind_name(parsed.l3)) + " ";
    if (parsed.l4 == L4Kind::none) {
        text += "proto " + std::to_string(parsed.ip_protocol) +
                (parsed.is_fragment ? " fragment " : " ") + parsed.src_addr.to_string() +
                " -> " + parsed.dst_addr.to_string();
        return text;
    }
    const bool v6 = parsed.l3 == L3Kind::ipv6;
    const auto endpoint = [v6](const IpAddress& address, std::uint16_t port) {
        return (v6 ? "[" + address.to_string() + "]" : address.to_string()) + ":" +
               std::to_string(port);
    };
    return text + std::string(l4_kind_name(parsed.l4)) + " " +
           endpoint(parsed.src_addr, parsed.src_port) + " -> " +
           endpoint(parsed.dst_addr, parsed.dst_port);
}

} // namespace nicsim::model
