// Steering filters: matching per field, wildcards, precedence, drop, hit counters.
#include <catch2/catch.hpp>

#include <cstdint>
#include <initializer_list>
#include <stdexcept>
#include <vector>

#include "frame_builder.hpp"
#include "frame_parser.hpp"
#include "steering_filters.hpp"

using namespace nicsim::model;

namespace {

const IpAddress client = IpAddress::v4(198, 51, 100, 7);
const IpAddress server = IpAddress::v4(203, 0, 113, 1);

ParsedFrame frame_v4(std::uint8_t protocol, std::uint16_t src_port = 40000,
                     std::uint16_t dst_port = 80) {
    FrameSpec spec;
    spec.src_addr = client;
    spec.dst_addr = server;
    spec.ip_protocol = protocol;
    spec.src_port = src_port;
    spec.dst_port = dst_port;
    return parse_frame(build_frame(spec));
}

ParsedFrame frame_v6(std::uint8_t protocol) {
    FrameSpec spec;
    spec.l3 = L3Kind::ipv6;
    spec.src_addr = *IpAddress::parse("2001:db8::7");
    spec.dst_addr = *IpAddress::parse("2001:db8::1");
    spec.ip_protocol = protocol;
    spec.src_port = 40000;
    spec.dst_port = 53;
    return parse_frame(build_frame(spec));
}

// The exact 5-tuple of frame_v4(tcp).
SteeringRule exact_v4_tcp() {
    SteeringRule rule;
    rule.enabled = true;
    rule.family = L3Kind::ipv4;
    rule.protocol = FilterProtocol::tcp;
    rule.src_addr = client;
    rule.dst_addr = server;
    rule.src_port = 40000;
    rule.dst_port = 80;
    rule.queue = 3;
    return rule;
}

} // namespace

TEST_CASE("there are 64 rules by default, all disabled", "[unit][steering_filters]") {
    SteeringFilters filters;
    CHECK(filters.size() == 64);
    CHECK_FALSE(filters.match(frame_v4(ip_protocol_tcp)));
    CHECK_FALSE(filters.rule(63).enabled);
    CHECK_THROWS_AS(SteeringFilters(0), std::invalid_argument);
    CHECK(SteeringFilters(128).size() == 128);
}

TEST_CASE("an exact rule matches its 5-tuple and nothing else", "[unit][steering_filters]") {
    SteeringFilters filters;
    filters.set_rule(5, exact_v4_tcp());
    const auto hit = filters.match(frame_v4(ip_protocol_tcp));
    REQUIRE(hit);
    CHECK(*hit == FilterHit{5, FilterAction::deliver, 3});

    CHECK_FALSE(filters.match(frame_v4(ip_protocol_udp)));         // protocol
    CHECK_FALSE(filters.match(frame_v4(ip_protocol_tcp, 40001)));  // source port
    CHECK_FALSE(filters.match(frame_v4(ip_protocol_tcp, 40000, 81))); // destination port
    SteeringRule other_dst = exact_v4_tcp();
    other_dst.dst_addr = IpAddress::v4(203, 0, 113, 2);
    filters.set_rule(5, other_dst);
    CHECK_FALSE(filters.match(frame_v4(ip_protocol_tcp)));           // destination address
    SteeringRule other_src = exact_v4_tcp();
    other_src.src_addr = IpAddress::v4(198, 51, 100, 8);
    filters.set_rule(5, other_src);
    CHECK_FALSE(filters.match(frame_v4(ip_protocol_tcp)));           // source address
}

TEST_CASE("each field can be wildcarded on its own", "[unit][steering_filters]") {
    struct Case {
        std::uint8_t wildcard;
        ParsedFrame frame; // differs from the rule exactly in that field
    };
    SteeringRule base = exact_v4_tcp();
    FrameSpec spec;
    spec.src_addr = client;
    spec.dst_addr = server;
    spec.src_port = 40000;
    spec.dst_port = 80;

    FrameSpec other_src = spec;
    other_src.src_addr = IpAddress::v4(10, 1, 1, 1);
    FrameSpec other_dst = spec;
    other_dst.dst_addr = IpAddress::v4(10, 2, 2, 2);
    const Case cases[] = {
        {filter_field::src_addr, parse_frame(build_frame(other_src))},
        {filter_field::dst_addr, parse_frame(build_frame(other_dst))},
        {filter_field::src_port, frame_v4(ip_protocol_tcp, 1, 80)},
        {filter_field::dst_port, frame_v4(ip_protocol_tcp, 40000, 8080)},
    };
    for (const Case& c : cases) {
        INFO("wildcard bits " << unsigned{c.wildcard});
        SteeringFilters filters;
        filters.set_rule(0, base);
        CHECK_FALSE(filters.match(c.frame));
        SteeringRule wild = base;
        wild.wildcard = c.wildcard;
        filters.set_rule(0, wild);
        CHECK(filters.match(c.frame));
    }
}

TEST_CASE("destination-only rules demultiplex early, as LRP's NI demux",
          "[unit][steering_filters]") {
    SteeringFilters filters;
    SteeringRule by_service;
    by_service.enabled = true;
    by_service.family = L3Kind::ipv4;
    by_service.protocol = FilterProtocol::udp;
    by_service.dst_addr = server;
    by_service.dst_port = 53;
    by_service.wildcard = filter_field::src_addr | filter_field::src_port;
    by_service.queue = 2;
    filters.set_rule(0, by_service);
    for (const std::uint16_t port : std::initializer_list<std::uint16_t>{1, 1234, 65535}) {
        const auto hit = filters.match(frame_v4(ip_protocol_udp, port, 53));
        REQUIRE(hit);
        CHECK(hit->queue == 2);
    }
    CHECK_FALSE(filters.match(frame_v4(ip_protocol_udp, 1234, 54)));
    CHECK_FALSE(filters.match(frame_v4(ip_protocol_tcp, 1234, 53)));
}

TEST_CASE("protocol any matches TCP and UDP; tcp and udp match only themselves",
          "[unit][steering_filters]") {
    SteeringRule rule = exact_v4_tcp();
    rule.protocol = FilterProtocol::any;
    SteeringFilters filters;
    filters.set_rule(0, rule);
    CHECK(filters.match(frame_v4(ip_protocol_tcp)));
    CHECK(filters.match(frame_v4(ip_protocol_udp)));
    CHECK_FALSE(filters.match(frame_v4(1))); // ICMP has no ports to compare
    rule.protocol = FilterProtocol::udp;
    filters.set_rule(0, rule);
    CHECK_FALSE(filters.match(frame_v4(ip_protocol_tcp)));
    CHECK(filters.match(frame_v4(ip_protocol_udp)));
}

TEST_CASE("frames without ports match only rules that ignore ports",
          "[unit][steering_filters]") {
    FrameSpec spec;
    spec.src_addr = client;
    spec.dst_addr = server;
    spec.src_port = 40000;
    spec.dst_port = 80;
    spec.more_fragments = true; // a TCP first fragment: addresses only
    const ParsedFrame fragment = parse_frame(build_frame(spec));
    REQUIRE(fragment.is_fragment);

    SteeringFilters filters;
    filters.set_rule(0, exact_v4_tcp()); // protocol tcp: a fragment's L4 is unknown
    CHECK_FALSE(filters.match(fragment));
    SteeringRule any_exact_ports = exact_v4_tcp();
    any_exact_ports.protocol = FilterProtocol::any;
    filters.set_rule(0, any_exact_ports);
    CHECK_FALSE(filters.match(fragment));
    SteeringRule addresses_only = any_exact_ports;
    addresses_only.wildcard = filter_field::src_port | filter_field::dst_port;
    filters.set_rule(0, addresses_only);
    CHECK(filters.match(fragment));
    // A port value of 0 in the rule does not stand for "no port".
    SteeringRule zero_ports = any_exact_ports;
    zero_ports.src_port = 0;
    zero_ports.dst_port = 0;
    filters.set_rule(0, zero_ports);
    CHECK_FALSE(filters.match(fragment));
}

TEST_CASE("IPv6 rules match IPv6 frames, and families never cross",
          "[unit][steering_filters]") {
    SteeringRule rule;
    rule.enabled = true;
    rule.family = L3Kind::ipv6;
    rule.protocol = FilterProtocol::udp;
    rule.src_addr = *IpAddress::parse("2001:db8::7");
    rule.dst_addr = *IpAddress::parse("2001:db8::1");
    rule.src_port = 40000;
    rule.dst_port = 53;
    rule.queue = 1;
    SteeringFilters filters;
    filters.set_rule(0, rule);
    CHECK(filters.match(frame_v6(ip_protocol_udp)));
    rule.dst_addr = *IpAddress::parse("2001:db8::2");
    filters.set_rule(0, rule);
    CHECK_FALSE(filters.match(frame_v6(ip_protocol_udp)));

    SteeringRule wildcard_v4;
    wildcard_v4.enabled = true;
    wildcard_v4.family = L3Kind::ipv4;
    wildcard_v4.wildcard = filter_field::all;
    filters.set_rule(0, wildcard_v4);
    CHECK_FALSE(filters.match(frame_v6(ip_protocol_udp)));
    CHECK(filters.match(frame_v4(ip_protocol_udp)));
    SteeringRule wildcard_v6 = wildcard_v4;
    wildcard_v6.family = L3Kind::ipv6;
    filters.set_rule(0, wildcard_v6);
    CHECK(filters.match(frame_v6(ip_protocol_udp)));
    CHECK_FALSE(filters.match(frame_v4(ip_protocol_udp)));
}

TEST_CASE("non-IP and malformed frames match no rule, not even a catch-all",
          "[unit][steering_filters]") {
    SteeringFilters filters;
    for (const L3Kind family : {L3Kind::ipv4, L3Kind::ipv6}) {
        SteeringRule all;
        all.enabled = true;
        all.family = family;
        all.wildcard = filter_field::all;
        filters.set_rule(family == L3Kind::ipv4 ? 0 : 1, all);
    }
    FrameSpec arp;
    arp.l3 = L3Kind::none;
    CHECK_FALSE(filters.match(parse_frame(build_frame(arp))));
    FrameSpec spec;
    auto bad = build_frame(spec);
    bad[14] = 0x43; // IHL 3
    CHECK_FALSE(filters.match(parse_frame(bad)));
    CHECK(filters.match(parse_frame(build_frame(spec))));
}

TEST_CASE("the lowest-index matching rule wins", "[unit][steering_filters]") {
    SteeringFilters filters;
    SteeringRule broad;
    broad.enabled = true;
    broad.family = L3Kind::ipv4;
    broad.wildcard = filter_field::all;
    broad.queue = 1;
    SteeringRule narrow = exact_v4_tcp();
    narrow.queue = 2;

    filters.set_rule(40, broad);
    filters.set_rule(10, narrow);
    CHECK(filters.match(frame_v4(ip_protocol_tcp))->index == 10);
    CHECK(filters.match(frame_v4(ip_protocol_udp))->index == 40); // narrow does not match

    filters.set_rule(3, broad);
    CHECK(filters.match(frame_v4(ip_protocol_tcp))->index == 3);
    filters.clear_rule(3);
    CHECK(filters.match(frame_v4(ip_protocol_tcp))->index == 10);
    SteeringRule disabled = narrow;
    disabled.enabled = false;
    filters.set_rule(10, disabled);
    CHECK(filters.match(frame_v4(ip_protocol_tcp))->index == 40);

    filters.set_rule(63, narrow); // the last rule works too
    filters.clear_rule(40);
    CHECK(filters.match(frame_v4(ip_protocol_tcp))->index == 63);
}

TEST_CASE("a drop rule reports drop", "[unit][steering_filters]") {
    SteeringFilters filters;
    SteeringRule drop = exact_v4_tcp();
    drop.action = FilterAction::drop;
    filters.set_rule(7, drop);
    const auto hit = filters.match(frame_v4(ip_protocol_tcp));
    REQUIRE(hit);
    CHECK(hit->action == FilterAction::drop);
    CHECK(hit->index == 7);
    CHECK(filter_action_name(FilterAction::drop) == "drop");
}

TEST_CASE("hit counters count the winning rule only", "[unit][steering_filters]") {
    SteeringFilters filters;
    SteeringRule broad;
    broad.enabled = true;
    broad.family = L3Kind::ipv4;
    broad.wildcard = filter_field::all;
    filters.set_rule(0, exact_v4_tcp());
    filters.set_rule(1, broad);

    const ParsedFrame tcp = frame_v4(ip_protocol_tcp);
    const ParsedFrame udp = frame_v4(ip_protocol_udp);
    for (int i = 0; i < 3; ++i) {
        filters.match_and_count(tcp);
    }
    filters.match_and_count(udp);
    filters.match_and_count(frame_v6(ip_protocol_udp)); // no hit
    (void)filters.match(tcp);                           // match() does not count
    CHECK(filters.hit_count(0) == 3);
    CHECK(filters.hit_count(1) == 1); // rule 1 also matches tcp, but rule 0 won those
    CHECK(filters.hit_count(2) == 0);

    filters.set_rule(1, broad); // rewriting a rule restarts its counter
    CHECK(filters.hit_count(1) == 0);
    CHECK(filters.hit_count(0) == 3);
    filters.clear_hit_counts();
    CHECK(filters.hit_count(0) == 0);
    CHECK_THROWS_AS(filters.hit_count(64), std::out_of_range);
}

TEST_CASE("rules are checked when written", "[unit][steering_filters]") {
    SteeringFilters filters;
    CHECK_THROWS_AS(filters.set_rule(64, exact_v4_tcp()), std::out_of_range);
    SteeringRule wrong_family = exact_v4_tcp();
    wrong_family.dst_addr = *IpAddress::parse("2001:db8::1");
    CHECK_THROWS_AS(filters.set_rule(0, wrong_family), std::invalid_argument);
    wrong_family.wildcard = filter_field::dst_addr; // a wildcarded address is not compared
    CHECK_NOTHROW(filters.set_rule(0, wrong_family));
    SteeringRule no_family = exact_v4_tcp();
    no_family.family = L3Kind::none;
    CHECK_THROWS_AS(filters.set_rule(0, no_family), std::invalid_argument);
    no_family.enabled = false; // a disabled rule may hold anything
    CHECK_NOTHROW(filters.set_rule(0, no_family));
}

TEST_CASE("rules written with the random builder's pools hit random frames",
          "[unit][steering_filters][frame_builder]") {
    const std::uint64_t seed = 0x5eed0003;
    INFO("seed " << seed);
    SteeringFilters filters;
    SteeringRule rule;
    rule.enabled = true;
    rule.family = L3Kind::ipv4;
    rule.dst_addr = RandomFrameBuilder::pool_address(L3Kind::ipv4, 0);
    rule.wildcard = filter_field::src_addr | filter_field::src_port | filter_field::dst_port;
    filters.set_rule(0, rule);
    RandomFrameBuilder builder(seed);
    std::uint64_t expected = 0;
    for (int i = 0; i < 2000; ++i) {
        const ParsedFrame parsed = parse_frame(builder.next().bytes);
        const bool hits = parsed.l3 == L3Kind::ipv4 && parsed.dst_addr == rule.dst_addr;
        expected += hits ? 1 : 0;
        CHECK(filters.match_and_count(parsed).has_value() == hits);
    }
    CHECK(expected > 20);
    CHECK(filters.hit_count(0) == expected);
}

TEST_CASE("the compiled matcher agrees with rule_matches on random rules and frames",
          "[unit][steering_filters][frame_builder]") {
    const std::uint64_t seed = 0x5eed0004;
    INFO("seed " << seed);
    RandomFrameOptions options;
    options.pool_percent = 80;
    options.malformed_percent = 10;
    RandomFrameBuilder builder(seed, options);
    std::vector<ParsedFrame> frames;
    for (int i = 0; i < 400; ++i) {
        frames.push_back(parse_frame(builder.next().bytes));
    }
    std::uint64_t state = seed;
    const auto draw = [&state](unsigned bound) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<unsigned>((state >> 33) % bound);
    };
    std::uint64_t matches = 0;
    for (int r = 0; r < 300; ++r) {
        SteeringRule rule;
        rule.enabled = true;
        rule.family = draw(2) == 0 ? L3Kind::ipv4 : L3Kind::ipv6;
        rule.protocol = static_cast<FilterProtocol>(draw(3));
        rule.src_addr = RandomFrameBuilder::pool_address(rule.family, draw(RandomFrameBuilder::pool_size));
        rule.dst_addr = RandomFrameBuilder::pool_address(rule.family, draw(RandomFrameBuilder::pool_size));
        rule.src_port = RandomFrameBuilder::pool_port(draw(RandomFrameBuilder::pool_size));
        rule.dst_port = RandomFrameBuilder::pool_port(draw(RandomFrameBuilder::pool_size));
        rule.wildcard = static_cast<std::uint8_t>(draw(16) | draw(16)); // mostly wild
        SteeringFilters filters;
        filters.set_rule(0, rule);
        for (const ParsedFrame& frame : frames) {
            const bool expected = rule_matches(rule, frame);
            INFO("rule " << r << " wildcard " << unsigned{rule.wildcard} << ", frame "
                         << describe(frame));
            REQUIRE(filters.match(frame).has_value() == expected);
            matches += expected ? 1 : 0;
        }
    }
    CHECK(matches > 1000); // the comparison saw plenty of hits, not only misses
}
