// The classifier keeps up with minimum frames at line rate and beyond: frames of 8 beats with no
// gap at all (a beat every cycle, tlast every 8th; 64-byte line rate leaves 12 bytes of gap and
// preamble), and one-beat frames in consecutive cycles. Consecutive frames are different flows,
// so a tag handed to the wrong frame shows.
#include <iostream>

#include "classifier_fixture.hpp"
#include "frame_builder.hpp"

using namespace nicsim;
using nicsim::test::ClassifierFixture;
using nicsim::test::ReceivedFrame;

namespace {

// A 64-byte frame of a flow drawn from `n`: IPv4 TCP/UDP/GRE, IPv6 UDP/GRE, with or without a
// VLAN tag where it fits, or ARP.
std::vector<std::uint8_t> minimum_frame(unsigned n) {
    model::FrameSpec spec;
    spec.min_frame_bytes = 64;
    const unsigned kind = n % 7;
    const auto host = static_cast<std::uint8_t>(n * 37 + 1);
    if (kind < 4) {
        spec.l3 = model::L3Kind::ipv4;
        spec.src_addr = model::IpAddress::v4(10, host, static_cast<std::uint8_t>(n >> 3), 1);
        spec.dst_addr = model::IpAddress::v4(192, 168, 0, host);
        spec.ip_protocol = kind == 0 ? model::ip_protocol_tcp : kind == 1 ? model::ip_protocol_udp : 47;
        if (kind == 3) spec.vlan_tci = static_cast<std::uint16_t>(n);
    } else if (kind < 6) {
        std::array<std::uint8_t, 16> a{0x20, 0x01, 0x0d, 0xb8};
        a[14] = static_cast<std::uint8_t>(n >> 8);
        a[15] = host;
        spec.l3 = model::L3Kind::ipv6;
        spec.src_addr = model::IpAddress::v6(a);
        a[0] = 0xfd;
        spec.dst_addr = model::IpAddress::v6(a);
        spec.ip_protocol = kind == 4 ? model::ip_protocol_udp : 47;
    } else {
        spec.l3 = model::L3Kind::none;
        spec.ethertype = model::ethertype_arp;
    }
    spec.src_port = static_cast<std::uint16_t>(1024 + n * 7);
    spec.dst_port = static_cast<std::uint16_t>(80 + n);
    auto bytes = model::build_frame(spec);
    REQUIRE(bytes.size() == 64);
    return bytes;
}

}  // namespace

TEST_CASE("back-to-back 64-byte frames with no gap are all classified and none is lost", "[rtl][classifier][line-rate]") {
    ClassifierFixture x;
    model::ClassifierConfig config;
    config.num_queues = test::nic_queues;
    config.rss.indirection = model::default_indirection_table(test::nic_queues);  // as the driver's
    model::Classifier model(config);
    // Every IPv4 TCP frame to queue 3 by a steering rule: lookups at full rate too.
    model::SteeringRule tcp_to_3;
    tcp_to_3.enabled = true;
    tcp_to_3.protocol = model::FilterProtocol::tcp;
    tcp_to_3.wildcard = model::filter_field::all;
    tcp_to_3.queue = 3;
    model.filters().set_rule(5, tcp_to_3);
    x.write_rule(5, tcp_to_3);

    // 400 frames fill 3200 of the receive buffer's 4096 words if the DMA drained none, so
    // every loss would be the classifier's.
    constexpr unsigned frames = 400;
    std::vector<std::vector<std::uint8_t>> sent;
    std::vector<model::ClassifierResult> expected;
    x.f.h.rx_source().set_gap_cycles(0);
    for (unsigned i = 0; i < frames; ++i) {
        auto bytes = minimum_frame(i);
        test::stamp_sequence(bytes, i);
        expected.push_back(model.classify(bytes));
        sent.push_back(bytes);
        x.f.send_bytes(std::move(bytes));
    }
    const std::uint64_t start = x.f.h.cycle();
    std::vector<ReceivedFrame> got;
    x.run_and_collect(frames, got);
    // The source sent a beat every cycle: frames * 8 beats, never stalled.
    CHECK(x.f.h.rx_source().stalled_cycles() == 0);
    CHECK(x.f.h.rx_source().last_frame_end_cycle() - start <= frames * 8 + 2);

    REQUIRE(got.size() == frames);
    std::vector<bool> seen(frames, false);
    for (const ReceivedFrame& r : got) {
        const auto i = test::read_sequence(r.bytes);
        REQUIRE(i);
        REQUIRE(*i < frames);
        INFO("frame " << *i << ": model " << model::describe(expected[*i]));
        CHECK_FALSE(seen[*i]);
        seen[*i] = true;
        CHECK(r.bytes == sent[*i]);
        CHECK(r.queue == expected[*i].queue);
        CHECK(r.rss_type == static_cast<unsigned>(expected[*i].rss_type));
        CHECK(r.rss_hash == expected[*i].rss_hash);
    }
    CHECK(x.f.drops() == 0);
    CHECK(model.filters().hit_count(5) == frames / 7 + 1);  // kind 0 of 7: frames 0, 7, ..., 399
    CHECK(driver::steering_rule_hits(x.f.dev, 5) == model.filters().hit_count(5));
}

TEST_CASE("one-beat frames in consecutive cycles are each classified", "[rtl][classifier][line-rate]") {
    ClassifierFixture x;
    x.f.h.rx_source().set_gap_cycles(0);
    // 300 frames of 1..8 bytes: every one a runt and truncated_ethernet, each counted once.
    constexpr unsigned runts = 300;
    for (unsigned i = 0; i < runts; ++i) x.f.send_bytes(std::vector<std::uint8_t>(1 + i % 8, 0x5A));
    // Then a good frame, which must come through with its own tag.
    auto good = minimum_frame(0);
    test::stamp_sequence(good, 7);
    x.f.send_bytes(good);
    std::vector<ReceivedFrame> got;
    x.run_and_collect(runts + 1, got);
    CHECK(x.f.h.rx_source().stalled_cycles() == 0);
    CHECK(x.f.counter(regs::REG_RX_RUNT_LO) == runts);
    CHECK(x.f.counter(test::global_counter_offset("rx_malformed_truncated_ethernet")) == runts);
    REQUIRE(got.size() == 1);
    CHECK(got[0].bytes == good);
    CHECK(got[0].rss_type == 2);  // ipv4-tcp
    CHECK(x.f.drops() == runts);
}
