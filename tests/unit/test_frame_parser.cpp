// The reference frame parser on hand-built frames, every malformed case, and the random frame
// builder the RTL comparison draws from.
#include <catch2/catch.hpp>

#include <cstdint>
#include <initializer_list>
#include <set>
#include <string>
#include <vector>

#include "frame_builder.hpp"
#include "frame_parser.hpp"

using namespace nicsim::model;

namespace {

IpAddress v6(const char* text) {
    const auto address = IpAddress::parse(text);
    REQUIRE(address);
    REQUIRE(address->size == 16);
    return *address;
}

FrameSpec ipv4_tcp_spec() {
    FrameSpec spec;
    spec.src_addr = IpAddress::v4(66, 9, 149, 187);
    spec.dst_addr = IpAddress::v4(161, 142, 100, 80);
    spec.src_port = 2794;
    spec.dst_port = 1766;
    return spec;
}

FrameSpec ipv6_spec(std::uint8_t protocol) {
    FrameSpec spec;
    spec.l3 = L3Kind::ipv6;
    spec.src_addr = v6("3ffe:2501:200:1fff::7");
    spec.dst_addr = v6("3ffe:2501:200:3::1");
    spec.ip_protocol = protocol;
    spec.src_port = 2794;
    spec.dst_port = 1766;
    return spec;
}

void set16(std::vector<std::uint8_t>& frame, std::size_t at, unsigned value) {
    frame[at] = static_cast<std::uint8_t>(value >> 8);
    frame[at + 1] = static_cast<std::uint8_t>(value & 0xFF);
}

// A malformed frame is non-IP: nothing above L2 survives.
void check_treated_as_non_ip(const ParsedFrame& parsed) {
    CHECK(parsed.l3 == L3Kind::none);
    CHECK(parsed.l4 == L4Kind::none);
    CHECK(parsed.src_addr.size == 0);
    CHECK(parsed.dst_addr.size == 0);
    CHECK(parsed.src_port == 0);
    CHECK(parsed.dst_port == 0);
    CHECK_FALSE(parsed.is_fragment);
}

MalformedReason reason_of(const std::vector<std::uint8_t>& frame) {
    const ParsedFrame parsed = parse_frame(frame);
    if (parsed.malformed != MalformedReason::none) {
        check_treated_as_non_ip(parsed);
    }
    return parsed.malformed;
}

} // namespace

TEST_CASE("VLAN-tagged IPv4 with options and TCP yields addresses, ports and offsets",
          "[unit][frame_parser]") {
    FrameSpec spec = ipv4_tcp_spec();
    spec.vlan_tci = 0xA00B;
    spec.ipv4_option_bytes = 12; // IHL 8
    spec.payload_bytes = 100;
    const auto frame = build_frame(spec);
    const ParsedFrame parsed = parse_frame(frame);
    CHECK(parsed.malformed == MalformedReason::none);
    CHECK(parsed.has_vlan);
    CHECK(parsed.vlan_tci == 0xA00B);
    CHECK(parsed.ethertype == ethertype_ipv4);
    CHECK(parsed.l3 == L3Kind::ipv4);
    CHECK(parsed.l4 == L4Kind::tcp);
    CHECK(parsed.ip_protocol == ip_protocol_tcp);
    CHECK_FALSE(parsed.is_fragment);
    CHECK(parsed.src_addr == IpAddress::v4(66, 9, 149, 187));
    CHECK(parsed.dst_addr == IpAddress::v4(161, 142, 100, 80));
    CHECK(parsed.src_port == 2794);
    CHECK(parsed.dst_port == 1766);
    CHECK(parsed.l3_offset == 18);
    CHECK(parsed.l4_offset == 18 + 32);
    CHECK(describe(parsed) == "vlan 0xa00b ipv4 tcp 66.9.149.187:2794 -> 161.142.100.80:1766");
}

TEST_CASE("IPv6 UDP yields 16-byte addresses and ports", "[unit][frame_parser]") {
    const auto frame = build_frame(ipv6_spec(ip_protocol_udp));
    const ParsedFrame parsed = parse_frame(frame);
    CHECK(parsed.malformed == MalformedReason::none);
    CHECK_FALSE(parsed.has_vlan);
    CHECK(parsed.l3 == L3Kind::ipv6);
    CHECK(parsed.l4 == L4Kind::udp);
    CHECK(parsed.src_addr == v6("3ffe:2501:200:1fff::7"));
    CHECK(parsed.dst_addr == v6("3ffe:2501:200:3::1"));
    CHECK(parsed.src_port == 2794);
    CHECK(parsed.dst_port == 1766);
    CHECK(parsed.l3_offset == 14);
    CHECK(parsed.l4_offset == 54);
}

TEST_CASE("IPv6 with a hop-by-hop header is hashed on addresses: no ports",
          "[unit][frame_parser]") {
    FrameSpec spec = ipv6_spec(ip_protocol_tcp);
    spec.ipv6_hop_by_hop = true; // a real TCP header follows, but it is not chased
    const ParsedFrame parsed = parse_frame(build_frame(spec));
    CHECK(parsed.malformed == MalformedReason::none);
    CHECK(parsed.l3 == L3Kind::ipv6);
    CHECK(parsed.l4 == L4Kind::none);
    CHECK(parsed.ip_protocol == 0);
    CHECK(parsed.src_port == 0);
    CHECK(parsed.dst_port == 0);
    CHECK_FALSE(parsed.is_fragment);
    CHECK(parsed.src_addr == v6("3ffe:2501:200:1fff::7"));
}

TEST_CASE("IPv6 with other next headers has no ports, fragment header included",
          "[unit][frame_parser]") {
    for (const std::uint8_t next_header : std::initializer_list<std::uint8_t>{44, 58, 43, 59}) {
        const ParsedFrame parsed = parse_frame(build_frame(ipv6_spec(next_header)));
        CHECK(parsed.l3 == L3Kind::ipv6);
        CHECK(parsed.l4 == L4Kind::none);
        CHECK(parsed.ip_protocol == next_header);
        CHECK_FALSE(parsed.is_fragment);
    }
}

TEST_CASE("IPv4 fragments (MF or offset) carry addresses only", "[unit][frame_parser]") {
    struct Case {
        bool more_fragments;
        std::uint16_t offset;
    };
    for (const Case c : {Case{true, 0}, Case{true, 185}, Case{false, 185}, Case{false, 0x1FFF}}) {
        FrameSpec spec = ipv4_tcp_spec();
        spec.more_fragments = c.more_fragments;
        spec.fragment_offset = c.offset;
        spec.payload_bytes = 64;
        const ParsedFrame parsed = parse_frame(build_frame(spec));
        INFO("MF " << c.more_fragments << " offset " << c.offset);
        CHECK(parsed.malformed == MalformedReason::none);
        CHECK(parsed.l3 == L3Kind::ipv4);
        CHECK(parsed.is_fragment);
        CHECK(parsed.l4 == L4Kind::none);
        CHECK(parsed.ip_protocol == ip_protocol_tcp);
        CHECK(parsed.src_port == 0);
        CHECK(parsed.dst_port == 0);
        CHECK(parsed.src_addr == IpAddress::v4(66, 9, 149, 187));
    }
}

TEST_CASE("DF alone is not a fragment", "[unit][frame_parser]") {
    auto frame = build_frame(ipv4_tcp_spec());
    frame[14 + 6] = 0x40; // DF
    const ParsedFrame parsed = parse_frame(frame);
    CHECK_FALSE(parsed.is_fragment);
    CHECK(parsed.l4 == L4Kind::tcp);
}

TEST_CASE("a first fragment is not checked for a cut L4 header", "[unit][frame_parser]") {
    FrameSpec spec = ipv4_tcp_spec();
    spec.more_fragments = true;
    auto frame = build_frame(spec);
    set16(frame, 14 + 2, 20 + 4); // datagram ends 4 bytes into the TCP header
    const ParsedFrame parsed = parse_frame(frame);
    CHECK(parsed.malformed == MalformedReason::none);
    CHECK(parsed.is_fragment);
}

TEST_CASE("padding after a short datagram is ignored", "[unit][frame_parser]") {
    FrameSpec spec = ipv4_tcp_spec();
    spec.ip_protocol = ip_protocol_udp;
    spec.trailer_bytes = 5;
    const auto frame = build_frame(spec);
    REQUIRE(frame.size() == 60); // 14 + 20 + 8 + 5, padded
    const ParsedFrame parsed = parse_frame(frame);
    CHECK(parsed.malformed == MalformedReason::none);
    CHECK(parsed.l4 == L4Kind::udp);
}

TEST_CASE("L4 headers that exactly fill the datagram are whole", "[unit][frame_parser]") {
    auto tcp = build_frame(ipv4_tcp_spec());
    CHECK(parse_frame(tcp).l4 == L4Kind::tcp); // total length 40: exactly the TCP header
    FrameSpec udp_spec = ipv6_spec(ip_protocol_udp);
    CHECK(parse_frame(build_frame(udp_spec)).l4 == L4Kind::udp); // payload length 8
}

TEST_CASE("non-IP frames are l3 none and not malformed", "[unit][frame_parser]") {
    FrameSpec arp;
    arp.l3 = L3Kind::none;
    arp.ethertype = ethertype_arp;
    arp.payload_bytes = 28;
    ParsedFrame parsed = parse_frame(build_frame(arp));
    CHECK(parsed.l3 == L3Kind::none);
    CHECK(parsed.malformed == MalformedReason::none);
    CHECK(parsed.ethertype == ethertype_arp);

    arp.vlan_tci = 7;
    arp.ethertype = ethertype_vlan; // a second tag: at most one is understood
    parsed = parse_frame(build_frame(arp));
    CHECK(parsed.has_vlan);
    CHECK(parsed.ethertype == ethertype_vlan);
    CHECK(parsed.l3 == L3Kind::none);
    CHECK(parsed.malformed == MalformedReason::none);

    for (const std::uint16_t ethertype : std::initializer_list<std::uint16_t>{0x88A8, 0x0100, 0x88CC}) {
        arp.vlan_tci.reset();
        arp.ethertype = ethertype;
        parsed = parse_frame(build_frame(arp));
        CHECK(parsed.l3 == L3Kind::none);
        CHECK(parsed.malformed == MalformedReason::none);
    }

    // Exactly an Ethernet header and nothing more is a (content-free) non-IP frame.
    auto header_only = build_frame(arp);
    header_only.resize(14);
    CHECK(reason_of(header_only) == MalformedReason::none);
}

TEST_CASE("frames that end inside the Ethernet or VLAN header are malformed",
          "[unit][frame_parser]") {
    CHECK(reason_of({}) == MalformedReason::truncated_ethernet);
    const auto full = build_frame(ipv4_tcp_spec());
    CHECK(reason_of({full.begin(), full.begin() + 13}) == MalformedReason::truncated_ethernet);
    CHECK(reason_of({full.begin(), full.begin() + 1}) == MalformedReason::truncated_ethernet);

    FrameSpec tagged = ipv4_tcp_spec();
    tagged.vlan_tci = 1;
    const auto vlan = build_frame(tagged);
    for (std::size_t size : {14U, 15U, 16U, 17U}) {
        INFO("size " << size);
        const std::vector<std::uint8_t> cut(vlan.begin(),
                                            vlan.begin() + static_cast<std::ptrdiff_t>(size));
        const ParsedFrame parsed = parse_frame(cut);
        CHECK(parsed.malformed == MalformedReason::truncated_vlan);
        CHECK(parsed.has_vlan);
        CHECK(parsed.ethertype == 0);
    }
}

TEST_CASE("frames that end inside the IPv4 header are malformed", "[unit][frame_parser]") {
    const auto full = build_frame(ipv4_tcp_spec());
    for (std::size_t size : {14U, 15U, 33U}) {
        INFO("size " << size);
        CHECK(reason_of({full.begin(), full.begin() + static_cast<std::ptrdiff_t>(size)}) ==
              MalformedReason::truncated_ipv4);
    }
    FrameSpec with_options = ipv4_tcp_spec();
    with_options.ipv4_option_bytes = 40;
    const auto options = build_frame(with_options);
    // 20 fixed bytes present, options cut after 39 of 40 bytes.
    CHECK(reason_of({options.begin(), options.begin() + 14 + 59}) ==
          MalformedReason::truncated_ipv4);
    // Wire bytes stopping inside the TCP header trip the total-length check first.
    CHECK(reason_of({options.begin(), options.begin() + 14 + 60 + 10}) ==
          MalformedReason::ipv4_total_length_exceeds_frame);
}

TEST_CASE("IPv4 version, IHL and total length errors are malformed", "[unit][frame_parser]") {
    const auto good = build_frame(ipv4_tcp_spec());
    REQUIRE(reason_of(good) == MalformedReason::none);

    for (const unsigned version : {0U, 5U, 6U, 15U}) {
        auto frame = good;
        frame[14] = static_cast<std::uint8_t>((version << 4) | 5);
        CHECK(reason_of(frame) == MalformedReason::ipv4_bad_version);
    }
    for (const unsigned ihl : {0U, 1U, 4U}) {
        auto frame = good;
        frame[14] = static_cast<std::uint8_t>(0x40 | ihl);
        CHECK(reason_of(frame) == MalformedReason::ipv4_bad_ihl);
    }
    auto ihl_beyond_frame = good;
    ihl_beyond_frame[14] = 0x4F; // a 60-byte header; only 46 bytes follow the Ethernet header
    CHECK(reason_of(ihl_beyond_frame) == MalformedReason::truncated_ipv4);

    auto too_long = good; // 60-byte frame: 46 bytes from the IP header on
    set16(too_long, 16, 47);
    CHECK(reason_of(too_long) == MalformedReason::ipv4_total_length_exceeds_frame);
    set16(too_long, 16, 46);
    CHECK(reason_of(too_long) == MalformedReason::none); // padding counted as datagram: legal
    set16(too_long, 16, 0xFFFF);
    CHECK(reason_of(too_long) == MalformedReason::ipv4_total_length_exceeds_frame);

    auto too_short = good;
    set16(too_short, 16, 19);
    CHECK(reason_of(too_short) == MalformedReason::ipv4_total_length_below_header);
    set16(too_short, 16, 0);
    CHECK(reason_of(too_short) == MalformedReason::ipv4_total_length_below_header);
}

TEST_CASE("an IP datagram that ends inside its TCP or UDP header is malformed",
          "[unit][frame_parser]") {
    auto tcp = build_frame(ipv4_tcp_spec());
    set16(tcp, 16, 20 + 19);
    CHECK(reason_of(tcp) == MalformedReason::truncated_tcp);
    set16(tcp, 16, 20);
    CHECK(reason_of(tcp) == MalformedReason::truncated_tcp);

    FrameSpec udp_spec = ipv4_tcp_spec();
    udp_spec.ip_protocol = ip_protocol_udp;
    auto udp = build_frame(udp_spec);
    set16(udp, 16, 20 + 7);
    CHECK(reason_of(udp) == MalformedReason::truncated_udp);

    auto tcp6 = build_frame(ipv6_spec(ip_protocol_tcp));
    set16(tcp6, 18, 10);
    CHECK(reason_of(tcp6) == MalformedReason::truncated_tcp);
    auto udp6 = build_frame(ipv6_spec(ip_protocol_udp));
    set16(udp6, 18, 0);
    CHECK(reason_of(udp6) == MalformedReason::truncated_udp);
}

TEST_CASE("IPv6 truncation, version and payload length errors are malformed",
          "[unit][frame_parser]") {
    const auto good = build_frame(ipv6_spec(ip_protocol_tcp)); // 14 + 40 + 20 = 74 bytes
    REQUIRE(good.size() == 74);
    CHECK(reason_of({good.begin(), good.begin() + 14}) == MalformedReason::truncated_ipv6);
    CHECK(reason_of({good.begin(), good.begin() + 53}) == MalformedReason::truncated_ipv6);

    for (const unsigned version : {4U, 0U, 7U}) {
        auto frame = good;
        frame[14] = static_cast<std::uint8_t>(version << 4);
        CHECK(reason_of(frame) == MalformedReason::ipv6_bad_version);
    }
    auto too_long = good;
    set16(too_long, 18, 21);
    CHECK(reason_of(too_long) == MalformedReason::ipv6_payload_length_exceeds_frame);
    // Wire bytes stopping inside the TCP header: the payload length no longer fits.
    CHECK(reason_of({good.begin(), good.begin() + 60}) ==
          MalformedReason::ipv6_payload_length_exceeds_frame);
}

TEST_CASE("malformed reasons have distinct names", "[unit][frame_parser]") {
    std::set<std::string> names;
    for (unsigned code = 0; code < malformed_reason_count; ++code) {
        const auto name = std::string(malformed_reason_name(static_cast<MalformedReason>(code)));
        CHECK(name != "unknown");
        names.insert(name);
    }
    CHECK(names.size() == malformed_reason_count);
    CHECK(malformed_reason_name(MalformedReason::ipv4_bad_ihl) == "ipv4_bad_ihl");
}

TEST_CASE("IpAddress parses and prints both families", "[unit][frame_parser]") {
    const auto v4 = IpAddress::parse("192.0.2.7");
    REQUIRE(v4);
    CHECK(*v4 == IpAddress::v4(192, 0, 2, 7));
    CHECK(v4->to_string() == "192.0.2.7");
    CHECK(v6("2001:db8::1").to_string() == "2001:db8::1");
    CHECK_FALSE(IpAddress::parse("not an address"));
    CHECK(IpAddress{}.to_string() == "-");
}

TEST_CASE("random frames parse as their specs say", "[unit][frame_parser][frame_builder]") {
    const std::uint64_t seed = 0x5eed0001;
    INFO("seed " << seed);
    RandomFrameBuilder builder(seed);
    for (int i = 0; i < 5000; ++i) {
        const RandomFrame frame = builder.next();
        const FrameSpec& spec = frame.spec;
        const ParsedFrame parsed = parse_frame(frame.bytes);
        INFO("frame " << i << ": " << describe(parsed));
        REQUIRE(frame.malformation == Malformation::none);
        REQUIRE(parsed.malformed == MalformedReason::none);
        REQUIRE(frame.bytes.size() >= 60);
        CHECK(parsed.has_vlan == spec.vlan_tci.has_value());
        CHECK(parsed.l3 == spec.l3);
        if (spec.l3 == L3Kind::none) {
            continue;
        }
        CHECK(parsed.src_addr == spec.src_addr);
        CHECK(parsed.dst_addr == spec.dst_addr);
        const bool fragment = spec.more_fragments || spec.fragment_offset != 0;
        CHECK(parsed.is_fragment == fragment);
        const bool ports = !fragment && !spec.ipv6_hop_by_hop &&
                           (spec.ip_protocol == ip_protocol_tcp ||
                            spec.ip_protocol == ip_protocol_udp);
        if (ports) {
            CHECK(parsed.l4 == (spec.ip_protocol == ip_protocol_tcp ? L4Kind::tcp : L4Kind::udp));
            CHECK(parsed.src_port == spec.src_port);
            CHECK(parsed.dst_port == spec.dst_port);
        } else {
            CHECK(parsed.l4 == L4Kind::none);
        }
    }
}

TEST_CASE("random frames are the same for a seed and differ between seeds",
          "[unit][frame_builder]") {
    RandomFrameOptions options;
    options.malformed_percent = 30;
    RandomFrameBuilder a(42, options);
    RandomFrameBuilder b(42, options);
    RandomFrameBuilder c(43, options);
    bool any_difference = false;
    for (int i = 0; i < 500; ++i) {
        const RandomFrame fa = a.next();
        const RandomFrame fb = b.next();
        REQUIRE(fa.bytes == fb.bytes);
        REQUIRE(fa.malformation == fb.malformation);
        any_difference = any_difference || c.next().bytes != fa.bytes;
    }
    CHECK(any_difference);
}

TEST_CASE("random malformations give the parser's matching reason", "[unit][frame_builder]") {
    const std::uint64_t seed = 0x5eed0002;
    INFO("seed " << seed);
    RandomFrameOptions options;
    options.malformed_percent = 100;
    RandomFrameBuilder builder(seed, options);
    std::set<Malformation> seen;
    std::set<MalformedReason> reasons;
    for (int i = 0; i < 20000; ++i) {
        const RandomFrame frame = builder.next();
        const ParsedFrame parsed = parse_frame(frame.bytes);
        seen.insert(frame.malformation);
        reasons.insert(parsed.malformed);
        const bool v4 = frame.spec.l3 == L3Kind::ipv4;
        INFO("frame " << i << " " << malformation_name(frame.malformation) << " -> "
                      << malformed_reason_name(parsed.malformed));
        switch (frame.malformation) {
        case Malformation::none: FAIL("a frame was left whole at malformed_percent 100"); break;
        case Malformation::truncated_in_headers:
            CHECK(parsed.malformed != MalformedReason::none);
            break;
        case Malformation::bad_ip_version:
            CHECK(parsed.malformed == (v4 ? MalformedReason::ipv4_bad_version
                                          : MalformedReason::ipv6_bad_version));
            break;
        case Malformation::bad_ipv4_ihl:
            CHECK(parsed.malformed == MalformedReason::ipv4_bad_ihl);
            break;
        case Malformation::ip_length_too_long:
            CHECK(parsed.malformed == (v4 ? MalformedReason::ipv4_total_length_exceeds_frame
                                          : MalformedReason::ipv6_payload_length_exceeds_frame));
            break;
        case Malformation::ipv4_length_below_header:
            CHECK(parsed.malformed == MalformedReason::ipv4_total_length_below_header);
            break;
        case Malformation::l4_header_cut:
            CHECK(parsed.malformed == (frame.spec.ip_protocol == ip_protocol_tcp
                                           ? MalformedReason::truncated_tcp
                                           : MalformedReason::truncated_udp));
            break;
        case Malformation::header_bytes_flipped:
        case Malformation::random_bytes:
            break; // fuzz: any answer is an answer
        }
        if (parsed.malformed != MalformedReason::none) {
            check_treated_as_non_ip(parsed);
        }
    }
    CHECK(seen.size() == 8);                          // every malformation was drawn
    CHECK(reasons.size() == malformed_reason_count);  // and every reason was produced
}
