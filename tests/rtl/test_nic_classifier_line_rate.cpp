// The classifier keeps up with minimum frames at line rate and beyond: frames of 8 beats with no
// gap at all (a beat every cycle, tlast every 8th; 64-byte line rate leaves 12 bytes of gap and
// preamble); and runts of different malformed reasons (one beat and up) back to back, each
// followed at once by a 64-byte frame. Consecutive frames are different flows or reasons, so a
// tag or counter handed to the wrong frame shows.
#include <array>
#include <iostream>
#include <random>

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

// A runt that ends in the classifier's short-frame paths, one of five kinds by `kind`: 1..8
// bytes (one beat) and 13 bytes, both truncated_ethernet; 15 bytes with TPID 0x8100,
// truncated_vlan; 16 bytes with EtherType 0x0800, truncated_ipv4; a 42-byte ARP request,
// not IP and not malformed (a runt all the same).
std::vector<std::uint8_t> short_frame(unsigned kind, unsigned n) {
    std::vector<std::uint8_t> b;
    switch (kind % 5) {
    case 0: return std::vector<std::uint8_t>(1 + n % 8, 0x5A);
    case 1: b.assign(13, 0x5A); break;
    case 2: b.assign(15, 0x5A); b[12] = 0x81; b[13] = 0x00; break;
    case 3: b.assign(16, 0x5A); b[12] = 0x08; b[13] = 0x00; b[14] = 0x45; break;
    default: {
        model::FrameSpec spec;
        spec.l3 = model::L3Kind::none;
        spec.ethertype = model::ethertype_arp;
        spec.payload_bytes = 28;
        spec.min_frame_bytes = 0;
        b = model::build_frame(spec);
        REQUIRE(b.size() == 42);
    }
    }
    return b;
}

// Every sent frame arrived exactly once (found by its sequence stamp), unchanged, with the
// queue, hash and type the model gave it.
void check_each_delivered_once(const std::vector<ReceivedFrame>& got,
                               const std::vector<std::vector<std::uint8_t>>& sent,
                               const std::vector<model::ClassifierResult>& expected) {
    REQUIRE(got.size() == sent.size());
    std::vector<bool> seen(sent.size(), false);
    for (const ReceivedFrame& r : got) {
        const auto i = test::read_sequence(r.bytes);
        REQUIRE(i);
        REQUIRE(*i < sent.size());
        INFO("frame " << *i << ": model " << model::describe(expected[*i]));
        CHECK_FALSE(seen[*i]);
        seen[*i] = true;
        CHECK(r.bytes == sent[*i]);
        CHECK(r.queue == expected[*i].queue);
        CHECK(r.rss_type == static_cast<unsigned>(expected[*i].rss_type));
        CHECK(r.rss_hash == expected[*i].rss_hash);
    }
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
    std::vector<ReceivedFrame> got;
    x.run_and_collect(frames, got);
    // No stall or cycle-count check: rx_frame_buffer holds tready high out of reset, so the
    // source sends a beat every cycle whatever the classifier does; losses show as drops.

    check_each_delivered_once(got, sent, expected);
    CHECK(x.f.drops() == 0);
    CHECK(model.filters().hit_count(5) == frames / 7 + 1);  // kind 0 of 7: frames 0, 7, ..., 399
    CHECK(driver::steering_rule_hits(x.f.dev, 5) == model.filters().hit_count(5));
}

TEST_CASE("short frames of different malformed reasons and minimum frames back to back are each classified",
          "[rtl][classifier][line-rate]") {
    ClassifierFixture x;
    model::ClassifierConfig config;
    config.num_queues = test::nic_queues;
    config.rss.indirection = model::default_indirection_table(test::nic_queues);  // as the driver's
    model::Classifier model(config);
    x.f.h.rx_source().set_gap_cycles(0);

    // Rounds of 1..4 runts of random kinds, then a deliverable 64-byte frame, all with no gap:
    // each reason's count differs from the others', so a reason handed to the next frame shows in
    // the counters, and a runt's tag handed to the 64-byte frame shows in its classification.
    // The 250 64-byte frames fill 2000 of the buffer's 4096 words if the DMA drained none, and a
    // dropped runt keeps no room, so any buffer drop is a failure (drops() == runts).
    constexpr unsigned rounds = 250;
    std::mt19937_64 rng(0x5407);
    std::array<std::uint64_t, model::malformed_reason_count> malformed{};
    std::vector<std::vector<std::uint8_t>> sent;
    std::vector<model::ClassifierResult> expected;
    std::uint64_t runts = 0;
    for (unsigned round = 0; round < rounds; ++round) {
        const unsigned shorts = 1 + static_cast<unsigned>(rng() % 4);
        for (unsigned k = 0; k < shorts; ++k) {
            auto bytes = short_frame(static_cast<unsigned>(rng() % 5), static_cast<unsigned>(rng()));
            REQUIRE(bytes.size() < 60);
            ++malformed[static_cast<unsigned>(model.classify(bytes).malformed)];
            ++runts;
            x.f.send_bytes(std::move(bytes));
        }
        auto good = minimum_frame(round);
        test::stamp_sequence(good, round);
        expected.push_back(model.classify(good));
        ++malformed[static_cast<unsigned>(expected.back().malformed)];
        sent.push_back(good);
        x.f.send_bytes(std::move(good));
    }
    // The mix reached every kind, in counts that differ.
    const auto m = [&](model::MalformedReason r) { return malformed[static_cast<unsigned>(r)]; };
    REQUIRE(m(model::MalformedReason::truncated_ethernet) > 0);
    REQUIRE(m(model::MalformedReason::truncated_vlan) > 0);
    REQUIRE(m(model::MalformedReason::truncated_ipv4) > 0);
    REQUIRE(m(model::MalformedReason::truncated_vlan) != m(model::MalformedReason::truncated_ipv4));

    std::vector<ReceivedFrame> got;
    x.run_and_collect(runts + rounds, got);
    CHECK(x.f.counter(regs::REG_RX_RUNT_LO) == runts);
    CHECK(x.f.drops() == runts);
    for (unsigned reason = 1; reason < model::malformed_reason_count; ++reason) {
        const auto r = static_cast<model::MalformedReason>(reason);
        INFO(test::malformed_counter_name(r));
        CHECK(x.f.counter(test::global_counter_offset(test::malformed_counter_name(r))) == malformed[reason]);
    }
    check_each_delivered_once(got, sent, expected);
}
