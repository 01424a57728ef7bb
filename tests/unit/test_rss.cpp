// RSS: hash type selection and fallbacks, hash input order, the indirection table.
#include <catch2/catch.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <utility>

#include "frame_builder.hpp"
#include "frame_parser.hpp"
#include "rss.hpp"

using namespace nicsim::model;

namespace {

// Row 1 of the published IPv4 verification suite (see test_toeplitz.cpp for the source):
// 66.9.149.187:2794 -> 161.142.100.80:1766, addresses 0x323e8fc2, with ports 0x51ccc178.
// Row 2: 199.92.111.2:14230 -> 65.69.140.83:4739, 0xd718262a / 0xc626b0ea.
FrameSpec row1(std::uint8_t protocol) {
    FrameSpec spec;
    spec.src_addr = IpAddress::v4(66, 9, 149, 187);
    spec.dst_addr = IpAddress::v4(161, 142, 100, 80);
    spec.src_port = 2794;
    spec.dst_port = 1766;
    spec.ip_protocol = protocol;
    return spec;
}

FrameSpec row2(std::uint8_t protocol) {
    FrameSpec spec = row1(protocol);
    spec.src_addr = IpAddress::v4(199, 92, 111, 2);
    spec.dst_addr = IpAddress::v4(65, 69, 140, 83);
    spec.src_port = 14230;
    spec.dst_port = 4739;
    return spec;
}

// Row 1 of the IPv6 suite: [3ffe:2501:200:1fff::7]:2794 -> [3ffe:2501:200:3::1]:1766,
// addresses 0x2cc18cd5, with ports 0x40207d3d.
FrameSpec ipv6_row1(std::uint8_t protocol) {
    FrameSpec spec;
    spec.l3 = L3Kind::ipv6;
    spec.src_addr = *IpAddress::parse("3ffe:2501:200:1fff::7");
    spec.dst_addr = *IpAddress::parse("3ffe:2501:200:3::1");
    spec.src_port = 2794;
    spec.dst_port = 1766;
    spec.ip_protocol = protocol;
    return spec;
}

ParsedFrame parsed(const FrameSpec& spec) {
    return parse_frame(build_frame(spec));
}

Rss rss_with(std::uint8_t enabled_types) {
    RssConfig config;
    config.enabled_types = enabled_types;
    return Rss(config);
}

constexpr std::uint8_t all_but(RssType type) {
    return static_cast<std::uint8_t>(all_rss_types & ~rss_type_bit(type));
}

} // namespace

TEST_CASE("rss_type codes follow the register map's rx_wb.rss_type", "[unit][rss]") {
    CHECK(static_cast<unsigned>(RssType::none) == 0);
    CHECK(static_cast<unsigned>(RssType::ipv4) == 1);
    CHECK(static_cast<unsigned>(RssType::ipv4_tcp) == 2);
    CHECK(static_cast<unsigned>(RssType::ipv4_udp) == 3);
    CHECK(static_cast<unsigned>(RssType::ipv6) == 4);
    CHECK(static_cast<unsigned>(RssType::ipv6_tcp) == 5);
    CHECK(static_cast<unsigned>(RssType::ipv6_udp) == 6);
    CHECK(rss_type_name(RssType::ipv6_udp) == "ipv6-udp");
    CHECK(all_rss_types == 0x7E);
}

TEST_CASE("RSS hashes the 4-tuple in source, destination, ports order", "[unit][rss]") {
    const Rss rss;
    RssResult result = rss.compute(parsed(row1(ip_protocol_tcp)));
    CHECK(result.type == RssType::ipv4_tcp);
    CHECK(result.hash == 0x51ccc178U);
    // UDP uses the same input as TCP.
    result = rss.compute(parsed(row1(ip_protocol_udp)));
    CHECK(result.type == RssType::ipv4_udp);
    CHECK(result.hash == 0x51ccc178U);
    // Other protocols hash the addresses.
    result = rss.compute(parsed(row1(1)));
    CHECK(result.type == RssType::ipv4);
    CHECK(result.hash == 0x323e8fc2U);

    result = rss.compute(parsed(ipv6_row1(ip_protocol_tcp)));
    CHECK(result.type == RssType::ipv6_tcp);
    CHECK(result.hash == 0x40207d3dU);
    result = rss.compute(parsed(ipv6_row1(ip_protocol_udp)));
    CHECK(result.type == RssType::ipv6_udp);
    CHECK(result.hash == 0x40207d3dU);
    result = rss.compute(parsed(ipv6_row1(58)));
    CHECK(result.type == RssType::ipv6);
    CHECK(result.hash == 0x2cc18cd5U);
}

TEST_CASE("RSS hashes fragments and IPv6 extension headers on addresses only", "[unit][rss]") {
    const Rss rss;
    FrameSpec first = row1(ip_protocol_tcp);
    first.more_fragments = true;
    RssResult result = rss.compute(parsed(first));
    CHECK(result.type == RssType::ipv4);
    CHECK(result.hash == 0x323e8fc2U);

    FrameSpec later = row1(ip_protocol_udp);
    later.fragment_offset = 100;
    result = rss.compute(parsed(later));
    CHECK(result.type == RssType::ipv4);
    CHECK(result.hash == 0x323e8fc2U);

    FrameSpec hop_by_hop = ipv6_row1(ip_protocol_tcp);
    hop_by_hop.ipv6_hop_by_hop = true;
    result = rss.compute(parsed(hop_by_hop));
    CHECK(result.type == RssType::ipv6);
    CHECK(result.hash == 0x2cc18cd5U);
}

TEST_CASE("a disabled 4-tuple type falls back to its address type, then to none",
          "[unit][rss]") {
    const auto tcp4 = parsed(row1(ip_protocol_tcp));
    const auto udp4 = parsed(row1(ip_protocol_udp));
    const auto tcp6 = parsed(ipv6_row1(ip_protocol_tcp));
    const auto udp6 = parsed(ipv6_row1(ip_protocol_udp));

    SECTION("ipv4-tcp off") {
        const Rss rss = rss_with(all_but(RssType::ipv4_tcp));
        CHECK(rss.compute(tcp4).type == RssType::ipv4);
        CHECK(rss.compute(tcp4).hash == 0x323e8fc2U);
        CHECK(rss.compute(udp4).type == RssType::ipv4_udp); // others unaffected
        CHECK(rss.compute(tcp6).type == RssType::ipv6_tcp);
    }
    SECTION("ipv4-udp off") {
        const Rss rss = rss_with(all_but(RssType::ipv4_udp));
        CHECK(rss.compute(udp4).type == RssType::ipv4);
        CHECK(rss.compute(tcp4).type == RssType::ipv4_tcp);
    }
    SECTION("ipv4-tcp and ipv4 off") {
        const Rss rss = rss_with(static_cast<std::uint8_t>(
            all_rss_types & ~rss_type_bit(RssType::ipv4_tcp) & ~rss_type_bit(RssType::ipv4)));
        const RssResult result = rss.compute(tcp4);
        CHECK(result.type == RssType::none);
        CHECK(result.hash == 0);
        CHECK_FALSE(result.queue);
        CHECK(rss.compute(udp4).type == RssType::ipv4_udp);
    }
    SECTION("ipv4 off alone leaves the 4-tuple types") {
        const Rss rss = rss_with(all_but(RssType::ipv4));
        CHECK(rss.compute(tcp4).type == RssType::ipv4_tcp);
        CHECK(rss.compute(parsed(row1(1))).type == RssType::none);
    }
    SECTION("ipv6-tcp and ipv6-udp off") {
        const Rss rss = rss_with(static_cast<std::uint8_t>(
            all_rss_types & ~rss_type_bit(RssType::ipv6_tcp) & ~rss_type_bit(RssType::ipv6_udp)));
        CHECK(rss.compute(tcp6).type == RssType::ipv6);
        CHECK(rss.compute(udp6).type == RssType::ipv6);
        CHECK(rss.compute(udp6).hash == 0x2cc18cd5U);
    }
    SECTION("ipv6-udp and ipv6 off") {
        const Rss rss = rss_with(static_cast<std::uint8_t>(
            all_rss_types & ~rss_type_bit(RssType::ipv6_udp) & ~rss_type_bit(RssType::ipv6)));
        CHECK(rss.compute(udp6).type == RssType::none);
        CHECK(rss.compute(tcp6).type == RssType::ipv6_tcp);
    }
    SECTION("everything off") {
        const Rss rss = rss_with(0);
        for (const auto& frame : {tcp4, udp4, tcp6, udp6}) {
            CHECK(rss.compute(frame) == RssResult{});
        }
    }
}

TEST_CASE("non-IP and malformed frames get type none and hash 0", "[unit][rss]") {
    const Rss rss;
    FrameSpec arp;
    arp.l3 = L3Kind::none;
    CHECK(rss.compute(parsed(arp)) == RssResult{});
    auto bad = build_frame(row1(ip_protocol_tcp));
    bad[14] = 0x44; // IHL 4
    CHECK(rss.compute(parse_frame(bad)) == RssResult{});
}

TEST_CASE("the default indirection table is i % queues for 1, 3, 4 and 16 queues",
          "[unit][rss]") {
    for (const unsigned queues : {1U, 3U, 4U, 16U}) {
        const IndirectionTable table = default_indirection_table(queues);
        for (std::size_t i = 0; i < indirection_table_size; ++i) {
            REQUIRE(table[i] == i % queues);
        }
    }
    const IndirectionTable three = default_indirection_table(3);
    CHECK(three[0] == 0);
    CHECK(three[1] == 1);
    CHECK(three[2] == 2);
    CHECK(three[3] == 0);
    CHECK(three[127] == 1);
    CHECK_THROWS_AS(default_indirection_table(0), std::invalid_argument);
    CHECK(RssConfig{}.indirection == default_indirection_table(1));
}

TEST_CASE("the queue is the table entry at hash & 0x7F", "[unit][rss]") {
    // Row 2 with TCP hashes to 0xc626b0ea: index 0x6a = 106.
    const auto frame = parsed(row2(ip_protocol_tcp));
    const std::array<std::pair<unsigned, unsigned>, 4> expected = {
        {{1, 0}, {3, 106 % 3}, {4, 106 % 4}, {16, 106 % 16}}};
    for (const auto& [queues, queue] : expected) {
        RssConfig config;
        config.indirection = default_indirection_table(queues);
        const RssResult result = Rss(config).compute(frame);
        CHECK(result.hash == 0xc626b0eaU);
        REQUIRE(result.queue);
        CHECK(*result.queue == queue);
    }
    Rss rss;
    rss.set_indirection_entry(106, 9);
    CHECK(rss.compute(frame).queue == std::optional<std::uint8_t>{9});
    CHECK_THROWS_AS(rss.set_indirection_entry(128, 0), std::out_of_range);
}

TEST_CASE("a new key changes the hash and rebuilds the tables", "[unit][rss]") {
    Rss rss;
    const auto frame = parsed(row1(ip_protocol_tcp));
    RssKey other = microsoft_rss_key;
    other[5] ^= 0x10; // key bit 43: in the windows of input bits 12..43, several of them set
    rss.set_key(other);
    const std::uint32_t changed = rss.compute(frame).hash;
    CHECK(changed != 0x51ccc178U);
    CHECK(changed == rss.hasher().hash(std::array<std::uint8_t, 12>{66, 9, 149, 187, 161, 142,
                                                                      100, 80, 0x0a, 0xea,
                                                                      0x06, 0xe6}));
    rss.set_key(microsoft_rss_key);
    CHECK(rss.compute(frame).hash == 0x51ccc178U);
}
