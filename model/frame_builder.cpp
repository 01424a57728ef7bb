// Test frame construction; the contract is in frame_builder.hpp.
#include "frame_builder.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "byte_order.hpp"
#include "inet_checksum.hpp"

namespace nicsim::model {

namespace {

constexpr std::size_t hop_by_hop_bytes = 8;
constexpr std::size_t max_ip_length = 0xFFFF;

void put8(std::vector<std::uint8_t>& out, unsigned value) {
    out.push_back(static_cast<std::uint8_t>(value & 0xFFU));
}


void put_address(std::vector<std::uint8_t>& out, const IpAddress& address) {
    const auto bytes = address.view();
    out.insert(out.end(), bytes.begin(), bytes.end());
}

bool has_l4_header(const FrameSpec& spec) {
    if (spec.l3 == L3Kind::none) {
        return false;
    }
    const bool ports = spec.ip_protocol == ip_protocol_tcp || spec.ip_protocol == ip_protocol_udp;
    // A non-first IPv4 fragment carries the middle of a datagram, not its L4 header.
    return ports && (spec.l3 == L3Kind::ipv6 || spec.fragment_offset == 0);
}

std::size_t l4_header_bytes(const FrameSpec& spec) {
    if (!has_l4_header(spec)) {
        return 0;
    }
    return spec.ip_protocol == ip_protocol_tcp ? tcp_header_bytes : udp_header_bytes;
}

std::size_t ip_header_bytes(const FrameSpec& spec) {
    return spec.l3 == L3Kind::ipv4 ? ipv4_min_header_bytes + spec.ipv4_option_bytes
                                   : ipv6_header_bytes;
}

std::size_t l3_offset_of(const FrameSpec& spec) {
    return ethernet_header_bytes + (spec.vlan_tci ? vlan_tag_bytes : 0);
}

// Offset just past the last header the spec builds (L2 only for non-IP frames).
std::size_t headers_end_of(const FrameSpec& spec) {
    if (spec.l3 == L3Kind::none) {
        return l3_offset_of(spec);
    }
    const std::size_t hop_by_hop = spec.l3 == L3Kind::ipv6 && spec.ipv6_hop_by_hop
                                       ? hop_by_hop_bytes : 0;
    return l3_offset_of(spec) + ip_header_bytes(spec) + hop_by_hop + l4_header_bytes(spec);
}

void check_spec(const FrameSpec& spec) {
    if (spec.l3 == L3Kind::none) {
        return;
    }
    const std::uint8_t size = spec.l3 == L3Kind::ipv4 ? 4 : 16;
    if (spec.src_addr.size != size || spec.dst_addr.size != size) {
        throw std::invalid_argument("build_frame: addresses are not of the frame's IP family");
    }
    if (spec.ipv4_option_bytes > 40 || spec.ipv4_option_bytes % 4 != 0) {
        throw std::invalid_argument("build_frame: ipv4_option_bytes = " +
                                    std::to_string(spec.ipv4_option_bytes) +
                                    ", must be a multiple of 4 in 0..40");
    }
}

void put_l4_header(std::vector<std::uint8_t>& out, const FrameSpec& spec) {
    append_be16(out, spec.src_port);
    append_be16(out, spec.dst_port);
    if (spec.ip_protocol == ip_protocol_tcp) {
        append_be16(out, 0); // sequence number
        append_be16(out, 1);
        append_be16(out, 0); // acknowledgement number
        append_be16(out, 0);
        put8(out, 0x50); // data offset 5 words
        put8(out, 0x10); // ACK
        append_be16(out, 0xFFFF); // window
        append_be16(out, 0);      // checksum (not computed; nothing checks it)
        append_be16(out, 0);      // urgent pointer
    } else {
        append_be16(out, static_cast<std::uint16_t>(std::min(udp_header_bytes + spec.payload_bytes, max_ip_length)));
        append_be16(out, 0); // checksum 0: none
    }
}

void put_ipv4_header(std::vector<std::uint8_t>& out, const FrameSpec& spec,
                     std::size_t total_length) {
    const std::size_t l3_offset = out.size();
    const std::size_t header_bytes = ip_header_bytes(spec);
    put8(out, 0x40U | static_cast<unsigned>(header_bytes / 4));
    put8(out, 0); // DSCP/ECN
    append_be16(out, static_cast<std::uint16_t>(total_length)); // <= 65535, checked by build_frame
    append_be16(out, spec.ipv4_id);
    append_be16(out, static_cast<std::uint16_t>((spec.more_fragments ? 0x2000U : 0U) | (spec.fragment_offset & 0x1FFFU)));
    put8(out, spec.ttl);
    put8(out, spec.ip_protocol);
    append_be16(out, 0); // checksum, filled in below
    put_address(out, spec.src_addr);
    put_address(out, spec.dst_addr);
    for (std::size_t i = 0; i < spec.ipv4_option_bytes; ++i) {
        put8(out, i + 1 == spec.ipv4_option_bytes ? 0x00 : 0x01); // NOPs, then end of list
    }
    fix_ipv4_checksum(out, l3_offset);
}

void put_ipv6_header(std::vector<std::uint8_t>& out, const FrameSpec& spec,
                     std::size_t payload_length) {
    put8(out, 0x60);
    put8(out, (spec.ipv6_flow_label >> 16) & 0x0FU);
    append_be16(out, static_cast<std::uint16_t>(spec.ipv6_flow_label & 0xFFFFU));
    append_be16(out, static_cast<std::uint16_t>(payload_length)); // <= 65535, checked by build_frame
    put8(out, spec.ipv6_hop_by_hop ? 0U : spec.ip_protocol);
    put8(out, spec.ttl);
    put_address(out, spec.src_addr);
    put_address(out, spec.dst_addr);
    if (spec.ipv6_hop_by_hop) {
        put8(out, spec.ip_protocol); // next header
        put8(out, 0);                // length: 8 bytes
        put8(out, 0x01);             // PadN covering the remaining 6 bytes
        put8(out, 4);
        append_be16(out, 0);
        append_be16(out, 0);
    }
}

} // namespace

void fix_ipv4_checksum(std::vector<std::uint8_t>& frame, std::size_t l3_offset) {
    if (l3_offset + ipv4_min_header_bytes > frame.size()) {
        return;
    }
    const std::size_t header_bytes = std::size_t{frame[l3_offset] & 0x0FU} * 4;
    if (header_bytes < ipv4_min_header_bytes || l3_offset + header_bytes > frame.size()) {
        return;
    }
    store_be16(frame, l3_offset + 10, 0);
    store_be16(frame, l3_offset + 10, inet_checksum(std::span(frame).subspan(l3_offset, header_bytes)));
}

std::vector<std::uint8_t> build_frame(const FrameSpec& spec) {
    std::vector<std::uint8_t> out;
    build_frame(spec, out);
    return out;
}

void build_frame(const FrameSpec& spec, std::vector<std::uint8_t>& out) {
    check_spec(spec);
    out.clear();
    out.insert(out.end(), spec.dst_mac.begin(), spec.dst_mac.end());
    out.insert(out.end(), spec.src_mac.begin(), spec.src_mac.end());
    if (spec.vlan_tci) {
        append_be16(out, ethertype_vlan);
        append_be16(out, *spec.vlan_tci);
    }
    switch (spec.l3) {
    case L3Kind::none: append_be16(out, spec.ethertype); break;
    case L3Kind::ipv4: append_be16(out, ethertype_ipv4); break;
    case L3Kind::ipv6: append_be16(out, ethertype_ipv6); break;
    }
    if (spec.l3 != L3Kind::none) {
        const std::size_t upper = (headers_end_of(spec) - l3_offset_of(spec)) -
                                  ip_header_bytes(spec) + spec.payload_bytes;
        const std::size_t length =
            spec.l3 == L3Kind::ipv4 ? ip_header_bytes(spec) + upper : upper;
        if (length > max_ip_length) {
            throw std::invalid_argument("build_frame: IP length " + std::to_string(length) +
                                        " exceeds 65535");
        }
        if (spec.l3 == L3Kind::ipv4) {
            put_ipv4_header(out, spec, length);
        } else {
            put_ipv6_header(out, spec, length);
        }
        if (has_l4_header(spec)) {
            put_l4_header(out, spec);
        }
    }
    for (std::size_t i = 0; i < spec.payload_bytes; ++i) {
        put8(out, static_cast<unsigned>(i * 7 + 3));
    }
    out.insert(out.end(), spec.trailer_bytes, std::uint8_t{0xA5});
    if (out.size() < spec.min_frame_bytes) {
        out.resize(spec.min_frame_bytes, 0);
    }
}

std::string_view malformation_name(Malformation malformation) {
    switch (malformation) {
    case Malformation::none: return "none";
    case Malformation::truncated_in_headers: return "truncated_in_headers";
    case Malformation::bad_ip_version: return "bad_ip_version";
    case Malformation::bad_ipv4_ihl: return "bad_ipv4_ihl";
    case Malformation::ip_length_too_long: return "ip_length_too_long";
    case Malformation::ipv4_length_below_header: return "ipv4_length_below_header";
    case Malformation::l4_header_cut: return "l4_header_cut";
    case Malformation::header_bytes_flipped: return "header_bytes_flipped";
    case Malformation::random_bytes: return "random_bytes";
    }
    return "unknown";
}

RandomFrameBuilder::RandomFrameBuilder(std::uint64_t seed, const RandomFrameOptions& options)
    : seed_(seed), state_(seed), options_(options) {}

IpAddress RandomFrameBuilder::pool_address(L3Kind family, unsigned index) {
    const auto host = static_cast<std::uint8_t>(1 + index % pool_size);
    if (family == L3Kind::ipv6) {
        std::array<std::uint8_t, 16> bytes{0x20, 0x01, 0x0d, 0xb8}; // 2001:db8::/32, documentation
        bytes[15] = host;
        return IpAddress::v6(bytes);
    }
    return IpAddress::v4(192, 0, 2, host); // TEST-NET-1
}

std::uint16_t RandomFrameBuilder::pool_port(unsigned index) {
    static constexpr std::array<std::uint16_t, pool_size> ports = {80,   443,  53,   8080,
                                                                   1766, 2794, 4739, 50000};
    return ports[index % pool_size];
}

// splitmix64 (Steele, Lea, Flood): fully specified, so every platform draws the same numbers.
std::uint64_t RandomFrameBuilder::next_u64() {
    state_ += 0x9e3779b97f4a7c15ULL;
    std::uint64_t z = state_;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

unsigned RandomFrameBuilder::below(unsigned bound) {
    return static_cast<unsigned>(next_u64() % bound);
}

bool RandomFrameBuilder::chance(unsigned percent) {
    return below(100) < percent;
}

IpAddress RandomFrameBuilder::random_address(L3Kind family) {
    if (chance(options_.pool_percent)) {
        return pool_address(family, below(pool_size));
    }
    IpAddress address;
    address.size = family == L3Kind::ipv6 ? 16 : 4;
    for (std::size_t i = 0; i < address.size; ++i) {
        address.bytes[i] = static_cast<std::uint8_t>(next_u64());
    }
    return address;
}

std::uint16_t RandomFrameBuilder::random_port() {
    if (chance(options_.pool_percent)) {
        return pool_port(below(pool_size));
    }
    return static_cast<std::uint16_t>(next_u64());
}

FrameSpec RandomFrameBuilder::random_spec() {
    FrameSpec spec;
    spec.src_mac[5] = static_cast<std::uint8_t>(next_u64());
    if (chance(options_.vlan_percent)) {
        spec.vlan_tci = static_cast<std::uint16_t>(next_u64());
    }
    spec.payload_bytes = static_cast<std::size_t>(
        next_u64() % (static_cast<std::uint64_t>(options_.max_payload_bytes) + 1));
    if (chance(options_.trailer_percent)) {
        spec.trailer_bytes = 1 + below(16);
    }

    if (chance(options_.non_ip_percent)) {
        spec.l3 = L3Kind::none;
        switch (below(7)) {
        case 0: spec.ethertype = ethertype_arp; break;
        case 1: spec.ethertype = 0x88CC; break; // LLDP
        case 2: spec.ethertype = 0x88A8; break; // 802.1ad S-tag: not understood, so not IP
        case 3: spec.ethertype = 0x8847; break; // MPLS
        case 4: spec.ethertype = static_cast<std::uint16_t>(46 + below(1455)); break; // 802.3
        case 5: // a second 802.1Q tag is not IP either; without a first one it would be the tag
            spec.ethertype = spec.vlan_tci ? ethertype_vlan : ethertype_arp;
            break;
        default: {
            std::uint16_t value = static_cast<std::uint16_t>(next_u64());
            if (value == ethertype_ipv4 || value == ethertype_ipv6 || value == ethertype_vlan) {
                value = 0x9000; // loopback
            }
            spec.ethertype = value;
        }
        }
        return spec;
    }

    spec.l3 = chance(options_.ipv6_percent) ? L3Kind::ipv6 : L3Kind::ipv4;
    spec.src_addr = random_address(spec.l3);
    spec.dst_addr = random_address(spec.l3);
    spec.src_port = random_port();
    spec.dst_port = random_port();
    spec.ttl = static_cast<std::uint8_t>(1 + below(255));
    const unsigned roll = below(100);
    if (roll < options_.tcp_percent) {
        spec.ip_protocol = ip_protocol_tcp;
    } else if (roll < options_.tcp_percent + options_.udp_percent) {
        spec.ip_protocol = ip_protocol_udp;
    } else if (spec.l3 == L3Kind::ipv4) {
        static constexpr std::array<std::uint8_t, 7> others = {1, 2, 47, 50, 132, 255, 0};
        spec.ip_protocol = others[below(static_cast<unsigned>(others.size()))];
    } else {
        // Includes extension headers (0, 43, 44, 60), which are not chased.
        static constexpr std::array<std::uint8_t, 8> others = {58, 0, 43, 44, 60, 59, 47, 132};
        spec.ip_protocol = others[below(static_cast<unsigned>(others.size()))];
    }

    if (spec.l3 == L3Kind::ipv4) {
        spec.ipv4_id = static_cast<std::uint16_t>(next_u64());
        if (chance(options_.ipv4_options_percent)) {
            spec.ipv4_option_bytes = 4 * (1 + below(10));
        }
        if (chance(options_.fragment_percent)) {
            const unsigned kind = below(3); // first, middle, last fragment
            spec.more_fragments = kind != 2;
            spec.fragment_offset = kind == 0 ? 0 : static_cast<std::uint16_t>(1 + below(0x1FFF));
        }
    } else {
        spec.ipv6_flow_label = static_cast<std::uint32_t>(next_u64() & 0xFFFFFU);
        const bool ports = spec.ip_protocol == ip_protocol_tcp || spec.ip_protocol == ip_protocol_udp;
        spec.ipv6_hop_by_hop = ports && chance(options_.hop_by_hop_percent);
    }
    return spec;
}

void RandomFrameBuilder::malform(RandomFrame& frame) {
    const FrameSpec& spec = frame.spec;
    std::vector<std::uint8_t>& bytes = frame.bytes;
    const bool ip = spec.l3 != L3Kind::none;
    const bool v4 = spec.l3 == L3Kind::ipv4;
    // The parser looks for ports only right after the IP header of a non-fragment.
    const bool l4_follows_ip = has_l4_header(spec) && !spec.more_fragments &&
                               !(spec.l3 == L3Kind::ipv6 && spec.ipv6_hop_by_hop);
    const std::size_t l3 = l3_offset_of(spec);
    const std::size_t headers_end = headers_end_of(spec);
    // A length beyond the frame must still fit the 16-bit field.
    const bool length_can_exceed = bytes.size() - l3 < max_ip_length;

    std::vector<Malformation> choices = {Malformation::truncated_in_headers,
                                         Malformation::header_bytes_flipped,
                                         Malformation::random_bytes};
    if (ip) {
        choices.push_back(Malformation::bad_ip_version);
        if (length_can_exceed) {
            choices.push_back(Malformation::ip_length_too_long);
        }
    }
    if (v4) {
        choices.push_back(Malformation::bad_ipv4_ihl);
        choices.push_back(Malformation::ipv4_length_below_header);
    }
    if (l4_follows_ip) {
        choices.push_back(Malformation::l4_header_cut);
    }
    frame.malformation = choices[below(static_cast<unsigned>(choices.size()))];

    switch (frame.malformation) {
    case Malformation::none: break;
    case Malformation::truncated_in_headers:
        bytes.resize(below(static_cast<unsigned>(headers_end)));
        break;
    case Malformation::bad_ip_version: {
        unsigned version = below(14); // 0..15 without 4 and 6
        version += version >= 4 ? 1U : 0U;
        version += version >= 6 ? 1U : 0U;
        bytes[l3] = static_cast<std::uint8_t>((version << 4) | (bytes[l3] & 0x0FU));
        break;
    }
    case Malformation::bad_ipv4_ihl:
        bytes[l3] = static_cast<std::uint8_t>(0x40U | below(5));
        break;
    case Malformation::ip_length_too_long: {
        // Longer than every byte after the IP header start, padding included.
        const std::size_t avail = bytes.size() - l3 - (v4 ? 0 : ipv6_header_bytes);
        const std::size_t lowest = avail + 1;
        store_be16(bytes, l3 + (v4 ? 2 : 4),
                   static_cast<std::uint16_t>(lowest + below(static_cast<unsigned>(max_ip_length + 1 - lowest))));
        break;
    }
    case Malformation::ipv4_length_below_header:
        store_be16(bytes, l3 + 2, static_cast<std::uint16_t>(below(static_cast<unsigned>(ip_header_bytes(spec)))));
        break;
    case Malformation::l4_header_cut: {
        const std::size_t l4_bytes = below(static_cast<unsigned>(l4_header_bytes(spec)));
        store_be16(bytes, l3 + (v4 ? 2 : 4), static_cast<std::uint16_t>(v4 ? ip_header_bytes(spec) + l4_bytes : l4_bytes));
        const std::size_t end = l3 + ip_header_bytes(spec) + l4_bytes;
        bytes.resize(end);
        bytes.resize(std::max(end, spec.min_frame_bytes), 0);
        break;
    }
    case Malformation::header_bytes_flipped: {
        const unsigned count = 1 + below(4);
        for (unsigned i = 0; i < count; ++i) {
            bytes[below(static_cast<unsigned>(headers_end))] ^=
                static_cast<std::uint8_t>(1 + below(255));
        }
        break;
    }
    case Malformation::random_bytes:
        bytes.resize(below(128));
        for (auto& byte : bytes) {
            byte = static_cast<std::uint8_t>(next_u64());
        }
        break;
    }
    if (v4 && frame.malformation != Malformation::header_bytes_flipped &&
        frame.malformation != Malformation::random_bytes) {
        fix_ipv4_checksum(bytes, l3); // only the intended defect
    }
}

RandomFrame RandomFrameBuilder::next() {
    RandomFrame frame;
    frame.spec = random_spec();
    build_frame(frame.spec, frame.bytes);
    if (chance(options_.malformed_percent)) {
        malform(frame);
    }
    return frame;
}

} // namespace nicsim::model
