// The whole per-frame decision: parse, filters, RSS, queue. The RTL classifier is compared
// against Classifier; these tests pin down what it decides.
#include <catch2/catch.hpp>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <vector>

#include "classifier.hpp"
#include "frame_builder.hpp"
#include "toeplitz.hpp"

using namespace nicsim::model;

namespace {

// Row 2 of the published IPv4 verification suite (source in test_toeplitz.cpp):
// 199.92.111.2:14230 -> 65.69.140.83:4739 hashes to 0xc626b0ea with ports (table index 106)
// and 0xd718262a on addresses (index 0x2a = 42).
FrameSpec row2_tcp() {
    FrameSpec spec;
    spec.src_addr = IpAddress::v4(199, 92, 111, 2);
    spec.dst_addr = IpAddress::v4(65, 69, 140, 83);
    spec.src_port = 14230;
    spec.dst_port = 4739;
    return spec;
}

ClassifierConfig queues(unsigned count) {
    ClassifierConfig config;
    config.num_queues = count;
    config.rss.indirection = default_indirection_table(count);
    return config;
}

std::vector<std::uint8_t> arp_frame() {
    FrameSpec arp;
    arp.l3 = L3Kind::none;
    arp.ethertype = ethertype_arp;
    arp.payload_bytes = 28;
    return build_frame(arp);
}

// What the classifier must say about a well-formed random frame, worked out from the spec it
// was built from (not from the parser) with the bit-serial Toeplitz definition.
ClassifierResult expected_from_spec(const FrameSpec& spec, const ClassifierConfig& config) {
    ClassifierResult expected;
    if (spec.l3 == L3Kind::none) {
        expected.queue = config.default_queue < config.num_queues ? config.default_queue : 0;
        return expected;
    }
    const bool v4 = spec.l3 == L3Kind::ipv4;
    const bool fragment = spec.more_fragments || spec.fragment_offset != 0;
    const bool ports = !fragment && !spec.ipv6_hop_by_hop &&
                       (spec.ip_protocol == ip_protocol_tcp || spec.ip_protocol == ip_protocol_udp);
    std::vector<std::uint8_t> input(spec.src_addr.view().begin(), spec.src_addr.view().end());
    input.insert(input.end(), spec.dst_addr.view().begin(), spec.dst_addr.view().end());
    if (ports) {
        for (const std::uint16_t port : {spec.src_port, spec.dst_port}) {
            input.push_back(static_cast<std::uint8_t>(port >> 8));
            input.push_back(static_cast<std::uint8_t>(port & 0xFF));
        }
        const bool tcp = spec.ip_protocol == ip_protocol_tcp;
        expected.rss_type = v4 ? (tcp ? RssType::ipv4_tcp : RssType::ipv4_udp)
                               : (tcp ? RssType::ipv6_tcp : RssType::ipv6_udp);
    } else {
        expected.rss_type = v4 ? RssType::ipv4 : RssType::ipv6;
    }
    expected.rss_hash = toeplitz_hash_bitwise(config.rss.key, input);
    const std::uint8_t entry = config.rss.indirection[expected.rss_hash & 0x7F];
    expected.queue = entry < config.num_queues ? entry : 0;
    return expected;
}

} // namespace

TEST_CASE("ARP goes to queue 0 with hash type none", "[unit][classifier]") {
    Classifier classifier(queues(4));
    const ClassifierResult result = classifier.classify(arp_frame());
    CHECK(result == ClassifierResult{});
    CHECK(result.action == ClassifierAction::deliver);
    CHECK(result.queue == 0);
    CHECK(result.rss_type == RssType::none);
    CHECK(result.rss_hash == 0);
    CHECK_FALSE(result.filter_index);
    CHECK(result.malformed == MalformedReason::none);
}

TEST_CASE("malformed frames are delivered as non-IP with their reason", "[unit][classifier]") {
    Classifier classifier(queues(16));
    // A catch-all rule: malformed frames must not reach it.
    SteeringRule all;
    all.enabled = true;
    all.family = L3Kind::ipv4;
    all.wildcard = filter_field::all;
    all.action = FilterAction::drop;
    classifier.filters().set_rule(0, all);

    auto bad_ihl = build_frame(row2_tcp());
    bad_ihl[14] = 0x42;
    ClassifierResult result = classifier.classify(bad_ihl);
    CHECK(result.action == ClassifierAction::deliver);
    CHECK(result.queue == 0);
    CHECK(result.rss_type == RssType::none);
    CHECK(result.rss_hash == 0);
    CHECK(result.malformed == MalformedReason::ipv4_bad_ihl);
    CHECK_FALSE(result.filter_index);

    auto too_long = build_frame(row2_tcp());
    too_long[16] = 0x7F;
    CHECK(classifier.classify(too_long).malformed ==
          MalformedReason::ipv4_total_length_exceeds_frame);
    CHECK(classifier.classify({}).malformed == MalformedReason::truncated_ethernet);
    const std::vector<std::uint8_t> thirteen(13, 0xFF);
    result = classifier.classify(thirteen);
    CHECK(result.malformed == MalformedReason::truncated_ethernet);
    CHECK(result.queue == 0);
    CHECK(classifier.filters().hit_count(0) == 0);
}

TEST_CASE("TCP frames are spread by the indirection table", "[unit][classifier]") {
    const auto frame = build_frame(row2_tcp());
    for (const unsigned count : {1U, 3U, 4U, 16U}) {
        Classifier classifier(queues(count));
        const ClassifierResult result = classifier.classify(frame);
        INFO(describe(result));
        CHECK(result.action == ClassifierAction::deliver);
        CHECK(result.rss_type == RssType::ipv4_tcp);
        CHECK(result.rss_hash == 0xc626b0eaU);
        CHECK(result.queue == 106 % count);
    }
    ClassifierConfig config = queues(16);
    config.rss.enabled_types = static_cast<std::uint8_t>(all_rss_types &
                                                         ~rss_type_bit(RssType::ipv4_tcp));
    const ClassifierResult fallback = Classifier(config).classify(frame);
    CHECK(fallback.rss_type == RssType::ipv4);
    CHECK(fallback.rss_hash == 0xd718262aU);
    CHECK(fallback.queue == 42 % 16);
}

TEST_CASE("a disabled hash type sends IP frames to the default queue with hash 0",
          "[unit][classifier]") {
    ClassifierConfig config = queues(8);
    config.rss.enabled_types = 0;
    config.default_queue = 5;
    Classifier classifier(config);
    const ClassifierResult result = classifier.classify(build_frame(row2_tcp()));
    CHECK(result.rss_type == RssType::none);
    CHECK(result.rss_hash == 0);
    CHECK(result.queue == 5);
    CHECK(classifier.classify(arp_frame()).queue == 5);
}

TEST_CASE("a deliver rule overrides the RSS queue and keeps the hash", "[unit][classifier]") {
    Classifier classifier(queues(16));
    SteeringRule rule;
    rule.enabled = true;
    rule.family = L3Kind::ipv4;
    rule.protocol = FilterProtocol::tcp;
    rule.dst_addr = IpAddress::v4(65, 69, 140, 83);
    rule.dst_port = 4739;
    rule.wildcard = filter_field::src_addr | filter_field::src_port;
    rule.queue = 13;
    classifier.filters().set_rule(9, rule);
    const ClassifierResult result = classifier.classify(build_frame(row2_tcp()));
    CHECK(result.action == ClassifierAction::deliver);
    CHECK(result.queue == 13);
    CHECK(result.filter_index == std::optional<std::size_t>{9});
    CHECK(result.rss_type == RssType::ipv4_tcp);
    CHECK(result.rss_hash == 0xc626b0eaU);
    CHECK(result.drop_reason == DropReason::none);
}

TEST_CASE("a drop rule drops with queue 0 and says which rule", "[unit][classifier]") {
    Classifier classifier(queues(16));
    SteeringRule rule;
    rule.enabled = true;
    rule.family = L3Kind::ipv4;
    rule.src_addr = IpAddress::v4(199, 92, 111, 2);
    rule.wildcard = filter_field::dst_addr | filter_field::src_port | filter_field::dst_port;
    rule.action = FilterAction::drop;
    rule.queue = 7; // ignored for drop
    classifier.filters().set_rule(2, rule);
    const ClassifierResult result = classifier.classify(build_frame(row2_tcp()));
    CHECK(result.action == ClassifierAction::drop);
    CHECK(result.drop_reason == DropReason::filter);
    CHECK(result.queue == 0);
    CHECK(result.filter_index == std::optional<std::size_t>{2});
    CHECK(result.rss_hash == 0xc626b0eaU);
    CHECK(describe(result) ==
          "drop queue 0 rss ipv4-tcp 0xc626b0ea filter 2 drop_reason filter");
}

TEST_CASE("classify counts filter hits, evaluate does not", "[unit][classifier]") {
    Classifier classifier(queues(4));
    SteeringRule rule;
    rule.enabled = true;
    rule.family = L3Kind::ipv4;
    rule.wildcard = filter_field::all;
    rule.queue = 1;
    classifier.filters().set_rule(0, rule);
    const auto frame = build_frame(row2_tcp());
    CHECK(classifier.evaluate(frame) == classifier.classify(frame));
    classifier.classify(frame);
    (void)classifier.evaluate(frame);
    CHECK(classifier.filters().hit_count(0) == 2);
}

TEST_CASE("queue numbers at or above num_queues act as 0", "[unit][classifier]") {
    ClassifierConfig config = queues(4);
    config.default_queue = 4;
    Classifier classifier(config);
    CHECK(classifier.classify(arp_frame()).queue == 0);

    classifier.rss().set_indirection_entry(106, 9);
    CHECK(classifier.classify(build_frame(row2_tcp())).queue == 0);
    classifier.rss().set_indirection_entry(106, 3);
    CHECK(classifier.classify(build_frame(row2_tcp())).queue == 3);

    SteeringRule rule;
    rule.enabled = true;
    rule.family = L3Kind::ipv4;
    rule.wildcard = filter_field::all;
    rule.queue = 15;
    classifier.filters().set_rule(0, rule);
    const ClassifierResult result = classifier.classify(build_frame(row2_tcp()));
    CHECK(result.queue == 0);
    CHECK(result.filter_index == std::optional<std::size_t>{0});
}

TEST_CASE("the classifier refuses queue counts the RTL cannot have", "[unit][classifier]") {
    ClassifierConfig none;
    none.num_queues = 0;
    CHECK_THROWS_AS(Classifier(none), std::invalid_argument);
    ClassifierConfig seventeen;
    seventeen.num_queues = 17;
    CHECK_THROWS_AS(Classifier(seventeen), std::invalid_argument);
    CHECK(Classifier(queues(16)).num_queues() == 16);
}

TEST_CASE("random well-formed frames classify as their specs say", "[unit][classifier]") {
    const std::uint64_t seed = 0xC1A55; // printed on failure
    INFO("seed " << seed);
    const ClassifierConfig config = queues(16);
    Classifier classifier(config);
    RandomFrameBuilder builder(seed);
    for (int i = 0; i < 10000; ++i) {
        const RandomFrame frame = builder.next();
        const ClassifierResult result = classifier.classify(frame.bytes);
        const ClassifierResult expected = expected_from_spec(frame.spec, config);
        INFO("frame " << i << ": " << describe(parse_frame(frame.bytes)) << "\n  got      "
                      << describe(result) << "\n  expected " << describe(expected));
        REQUIRE(result == expected);
    }
}

TEST_CASE("random frames with malformed ones keep the classifier's invariants",
          "[unit][classifier]") {
    const std::uint64_t seed = 0xC1A56;
    INFO("seed " << seed);
    RandomFrameOptions options;
    options.malformed_percent = 25;
    Classifier classifier(queues(16));
    SteeringRule drop_pool;
    drop_pool.enabled = true;
    drop_pool.family = L3Kind::ipv6;
    drop_pool.src_addr = RandomFrameBuilder::pool_address(L3Kind::ipv6, 1);
    drop_pool.wildcard = filter_field::dst_addr | filter_field::src_port | filter_field::dst_port;
    drop_pool.action = FilterAction::drop;
    classifier.filters().set_rule(0, drop_pool);

    RandomFrameBuilder builder(seed, options);
    unsigned malformed = 0;
    unsigned dropped = 0;
    for (int i = 0; i < 10000; ++i) {
        const RandomFrame frame = builder.next();
        const ClassifierResult result = classifier.classify(frame.bytes);
        INFO("frame " << i << ": " << describe(result));
        REQUIRE(result.queue < 16);
        if (result.malformed != MalformedReason::none) {
            ++malformed;
            REQUIRE(result.rss_type == RssType::none);
            REQUIRE(result.rss_hash == 0);
            REQUIRE(result.action == ClassifierAction::deliver);
            REQUIRE_FALSE(result.filter_index);
        }
        if (result.rss_type == RssType::none) {
            REQUIRE(result.rss_hash == 0);
        }
        if (result.action == ClassifierAction::drop) {
            ++dropped;
            REQUIRE(result.queue == 0);
            REQUIRE(result.filter_index == std::optional<std::size_t>{0});
        }
    }
    CHECK(malformed > 1000);
    CHECK(dropped > 10);
    CHECK(classifier.filters().hit_count(0) == dropped);
}
