// Bad input at the MAC: frames that end inside the IP or L4 header, IPv4 IHL < 5, IP lengths
// beyond the frame, an IPv4 total length below its header, IP version nibbles that do not match
// the EtherType, bad FCS flagged on tuser, zero-length frames. Each ends in its named
// counter, nothing hangs (a good frame after each comes through), and every frame is delivered
// or dropped exactly once, as the counters say. The expectations are written out per case
// here, not taken from the model.
#include "classifier_fixture.hpp"
#include "frame_builder.hpp"

using namespace nicsim;
using nicsim::test::ClassifierFixture;
using nicsim::test::ReceivedFrame;

namespace {

struct BadCase {
    std::string name;
    std::vector<std::uint8_t> bytes;
    bool bad_fcs = false;
    std::string malformed;        // rx_malformed_<this>, or "" for a frame that parses fine
    std::string drop;             // the drop counter, or "" when delivered
};

model::FrameSpec tcp4() {
    model::FrameSpec s;  // 10.0.0.1:1024 -> 10.0.0.2:80, TCP
    s.payload_bytes = 40;
    return s;
}

model::FrameSpec udp6() {
    model::FrameSpec s;
    s.l3 = model::L3Kind::ipv6;
    s.src_addr = *model::IpAddress::parse("2001:db8::1");
    s.dst_addr = *model::IpAddress::parse("2001:db8::2");
    s.ip_protocol = model::ip_protocol_udp;
    s.payload_bytes = 40;
    return s;
}

void set16(std::vector<std::uint8_t>& b, std::size_t at, unsigned v) {
    b[at] = static_cast<std::uint8_t>(v >> 8);
    b[at + 1] = static_cast<std::uint8_t>(v);
}

std::vector<BadCase> bad_cases() {
    std::vector<BadCase> cases;
    const auto good4 = model::build_frame(tcp4());  // 14 + 20 + 20 + 40 = 94 bytes
    const auto good6 = model::build_frame(udp6());  // 14 + 40 + 8 + 40 = 102 bytes

    auto cut = [](std::vector<std::uint8_t> b, std::size_t n) { b.resize(n); return b; };
    // Ends inside the IPv4 header (a runt too: under 60 bytes) and inside the IPv6 header
    // (also a runt). Which malformed counter: the model's first failing check.
    cases.push_back({"ends inside the IPv4 header", cut(good4, 30), false, "truncated_ipv4", "rx_runt"});
    cases.push_back({"ends inside the IPv6 header", cut(good6, 50), false, "truncated_ipv6", "rx_runt"});
    // Ends inside the TCP / UDP header with the IP length still claiming the whole datagram.
    cases.push_back({"ends inside the TCP header", cut(good4, 44), false, "ipv4_total_length_exceeds_frame", "rx_runt"});
    {
        auto b = cut(good4, 44);  // IP length now says the TCP header is cut: delivered, non-IP
        set16(b, 14 + 2, 30);
        model::fix_ipv4_checksum(b, 14);
        b.resize(60, 0);
        cases.push_back({"IP length ends inside the TCP header", b, false, "truncated_tcp", ""});
    }
    {
        auto b = good6;  // payload length 4 < the 8-byte UDP header
        set16(b, 14 + 4, 4);
        cases.push_back({"IPv6 payload ends inside the UDP header", b, false, "truncated_udp", ""});
    }
    cases.push_back({"ends inside the UDP header", cut(good6, 58), false, "ipv6_payload_length_exceeds_frame", "rx_runt"});
    for (unsigned ihl : {0u, 4u}) {
        auto b = good4;
        b[14] = static_cast<std::uint8_t>(0x40 | ihl);
        cases.push_back({"IPv4 IHL " + std::to_string(ihl), b, false, "ipv4_bad_ihl", ""});
    }
    {
        auto b = good4;
        set16(b, 14 + 2, 81);  // one more than the 80 bytes from the IP header on
        cases.push_back({"IPv4 total length beyond the frame", b, false, "ipv4_total_length_exceeds_frame", ""});
    }
    {
        auto b = good6;
        set16(b, 14 + 4, 49);  // 40 + 49 > 88
        cases.push_back({"IPv6 payload length beyond the frame", b, false, "ipv6_payload_length_exceeds_frame", ""});
    }
    {
        auto b = good4;  // EtherType IPv4, version nibble 5
        b[14] = 0x55;
        model::fix_ipv4_checksum(b, 14);
        cases.push_back({"IPv4 version 5", b, false, "ipv4_bad_version", ""});
    }
    {
        auto b = good4;
        set16(b, 14 + 2, 19);  // one less than the 20-byte header
        model::fix_ipv4_checksum(b, 14);
        cases.push_back({"IPv4 total length below the header", b, false, "ipv4_total_length_below_header", ""});
    }
    {
        auto b = good6;  // EtherType IPv6, version nibble 4
        b[14] = static_cast<std::uint8_t>(0x40 | (b[14] & 0x0F));
        cases.push_back({"IPv6 version 4", b, false, "ipv6_bad_version", ""});
    }
    cases.push_back({"bad FCS on tuser", good4, true, "", "rx_fcs_errors"});
    cases.push_back({"bad FCS on a malformed frame", cut(good4, 30), true, "truncated_ipv4", "rx_fcs_errors"});
    cases.push_back({"zero-length frame", {}, false, "truncated_ethernet", "rx_runt"});
    cases.push_back({"zero-length frame with bad FCS", {}, true, "truncated_ethernet", "rx_fcs_errors"});
    cases.push_back({"VLAN tag cut", cut(std::vector<std::uint8_t>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0x81, 0x00, 0}, 15),
                     false, "truncated_vlan", "rx_runt"});
    return cases;
}

}  // namespace

TEST_CASE("malformed and bad frames end in their named counters and hang nothing", "[rtl][classifier][bad-input]") {
    ClassifierFixture x;
    x.f.wr(regs::REG_RX_DEFAULT_QUEUE, 2);
    const auto cases = bad_cases();
    auto good = model::build_frame(tcp4());
    const auto good_type = 2u;  // ipv4-tcp

    // Each case, then a good frame: the good frames all come through, so nothing hung.
    std::uint32_t sequence = 0;
    std::map<std::string, std::uint64_t> malformed, drops;
    std::vector<std::uint32_t> bad_delivered;
    for (const BadCase& c : cases) {
        auto bytes = c.bytes;
        test::stamp_sequence(bytes, sequence);
        if (!c.malformed.empty()) ++malformed[c.malformed];
        if (!c.drop.empty()) ++drops[c.drop];
        else bad_delivered.push_back(sequence);
        ++sequence;
        x.f.send_bytes(bytes, c.bad_fcs);
        auto g = good;
        test::stamp_sequence(g, 1000 + sequence);
        x.f.send_bytes(g);
    }
    const std::uint64_t offered = 2 * cases.size();
    std::vector<ReceivedFrame> got;
    x.run_and_collect(offered, got);

    unsigned good_frames = 0, bad_frames = 0;
    for (const ReceivedFrame& r : got) {
        const auto s = test::read_sequence(r.bytes);
        REQUIRE(s);
        if (*s >= 1000) {
            ++good_frames;
            CHECK(r.rss_type == good_type);
            continue;
        }
        const BadCase& c = cases.at(*s);
        INFO(c.name);
        ++bad_frames;
        CHECK(c.drop.empty());
        // THE RULE: a malformed frame is classified as non-IP: rx_default_queue, no hash.
        CHECK(r.queue == 2);
        CHECK(r.rss_type == 0);
        CHECK(r.rss_hash == 0);
    }
    CHECK(good_frames == cases.size());
    CHECK(bad_frames == bad_delivered.size());

    for (unsigned reason = 1; reason < model::malformed_reason_count; ++reason) {
        const std::string name(model::malformed_reason_name(static_cast<model::MalformedReason>(reason)));
        INFO("rx_malformed_" << name);
        CHECK(x.f.counter(test::global_counter_offset("rx_malformed_" + name)) == malformed[name]);
    }
    for (const auto& c : regs::GLOBAL_COUNTERS) {
        if (!c.drop) continue;
        INFO(c.name);
        CHECK(x.f.counter(c.offset) == drops[std::string(c.name)]);
    }
    CHECK(x.f.counter(regs::REG_RX_FRAMES_LO) == offered);
    CHECK(got.size() + x.f.drops() == offered);
}

// rx_frame_buffer's drop order (rx_disabled, FCS, runt, oversize, then the filters): a frame a
// drop rule matches counts under the earlier reason when it has one. The rule counts a hit all
// the same (rx_classifier: every frame the MAC delivers is classified and counted, also one
// dropped afterwards for another reason), as the model does.
TEST_CASE("a frame a drop rule matches counts as a runt or as rx_disabled first, the rule's hit still counted",
          "[rtl][classifier][bad-input]") {
    ClassifierFixture x;
    auto spec = tcp4();
    spec.payload_bytes = 0;
    spec.min_frame_bytes = 0;
    const auto short54 = model::build_frame(spec);  // 14 + 20 + 20: valid IPv4 TCP, a runt
    REQUIRE(short54.size() == 54);
    const auto full94 = model::build_frame(tcp4());

    model::SteeringRule drop;  // exactly this flow, dropped; rule 3 so that index 0 is not special
    drop.enabled = true;
    drop.protocol = model::FilterProtocol::tcp;
    drop.src_addr = model::IpAddress::v4(10, 0, 0, 1);
    drop.dst_addr = model::IpAddress::v4(10, 0, 0, 2);
    drop.src_port = 1024;
    drop.dst_port = 80;
    drop.action = model::FilterAction::drop;
    model::ClassifierConfig config;
    config.num_queues = test::nic_queues;
    model::Classifier model(config);
    model.filters().set_rule(3, drop);
    x.write_rule(3, drop);
    for (const auto* frame : {&short54, &full94}) {
        const auto r = model.classify(*frame);
        REQUIRE(r.malformed == model::MalformedReason::none);
        REQUIRE(r.filter_index == std::optional<std::size_t>(3));
        REQUIRE(r.action == model::ClassifierAction::drop);
    }

    auto& f = x.f;
    const auto hits = [&] { return driver::steering_rule_hits(f.dev, 3); };
    std::uint64_t seen = 0;
    const auto offer = [&](const std::vector<std::uint8_t>& b) {
        f.send_bytes(b);
        f.wait_frames_seen(++seen);
        f.h.run(200);
    };

    offer(short54);  // runt before filter
    CHECK(f.counter(regs::REG_RX_RUNT_LO) == 1);
    CHECK(f.counter(regs::REG_RX_FILTER_DROPS_LO) == 0);
    CHECK(hits() == 1);

    offer(full94);  // the same flow at full size: the rule drops it
    CHECK(f.counter(regs::REG_RX_RUNT_LO) == 1);
    CHECK(f.counter(regs::REG_RX_FILTER_DROPS_LO) == 1);
    CHECK(hits() == 2);

    f.wr(regs::REG_CTRL, 1u << regs::CTRL_TX_EN.lsb);  // rx_en clear: before runt and filter
    offer(full94);
    offer(short54);
    // A malformed frame with rx_en clear: rx_disabled_drops, and its malformed counter too.
    offer(std::vector<std::uint8_t>(full94.begin(), full94.begin() + 30));  // truncated_ipv4
    CHECK(f.counter(regs::REG_RX_DISABLED_DROPS_LO) == 3);
    CHECK(f.counter(regs::REG_RX_RUNT_LO) == 1);
    CHECK(f.counter(regs::REG_RX_FILTER_DROPS_LO) == 1);
    CHECK(hits() == 4);

    for (unsigned reason = 1; reason < model::malformed_reason_count; ++reason) {
        const auto r = static_cast<model::MalformedReason>(reason);
        INFO(test::malformed_counter_name(r));
        CHECK(f.counter(test::global_counter_offset(test::malformed_counter_name(r))) ==
              (r == model::MalformedReason::truncated_ipv4 ? 1u : 0u));
    }
    CHECK(f.drops() == seen);
    std::vector<ReceivedFrame> got;
    x.poll_all(got);
    CHECK(got.empty());
}
