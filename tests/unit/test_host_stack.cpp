// The bridge's host stack: its answers to frames real Linux sent (captured from `ping`,
// `socat` and the kernel's ARP through `nicsim bridge`), checksums, and refusals.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "byte_order.hpp"
#include "frame_builder.hpp"
#include "bridge/host_stack.hpp"
#include "inet_checksum.hpp"

using namespace nicsim::bridge;
using nicsim::model::inet_checksum_ok;
using nicsim::model::MalformedReason;

namespace {

std::vector<std::uint8_t> from_hex(const std::string& hex) {
    std::vector<std::uint8_t> out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
        out.push_back(static_cast<std::uint8_t>(std::stoul(hex.substr(i, 2), nullptr, 16)));
    return out;
}

std::uint16_t be16(const std::vector<std::uint8_t>& b, std::size_t at) { return nicsim::model::load_be16(b, at); }

// Recomputes the IPv4 header checksum of an untagged frame after a test changed the header.
void fix_ip_checksum(std::vector<std::uint8_t>& frame) { nicsim::model::fix_ipv4_checksum(frame, 14); }

// Inserts an 802.1Q tag (VLAN 5) after the MAC addresses.
std::vector<std::uint8_t> tagged(std::vector<std::uint8_t> frame) {
    const std::uint8_t tag[4] = {0x81, 0x00, 0x00, 0x05};
    frame.insert(frame.begin() + 12, tag, tag + 4);
    return frame;
}

std::span<const std::uint8_t> bytes(const std::vector<std::uint8_t>& b, std::size_t at, std::size_t n) {
    return std::span<const std::uint8_t>(b).subspan(at, n);
}

// Captured from Linux 10.77.0.1 (36:cf:91:d2:f5:d7) talking to the bridge's defaults.
const std::string linux_arp_request =  // 42 bytes: Linux does not pad what it writes to a TAP
    "ffffffffffff36cf91d2f5d70806000108000604000136cf91d2f5d70a4d00010000000000000a4d0002";
const std::string linux_ping =  // ping -c 1: echo request id 0x4bf2 seq 1, 56 bytes of data
    "026e6963730136cf91d2f5d70800450000542a5e40004001fbae0a4d00010a4d00020800cb994bf2000160cc016b00000000b4"
    "680b0000000000101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637";
const std::string linux_udp_echo =  // socat - UDP4:10.77.0.2:7 sending "hello-nicsim\n", from port 55276
    "026e6963730136cf91d2f5d7080045000029133e4000401112ea0a4d00010a4d0002d7ec0007001589ea68656c6c6f2d6e696373"
    "696d0a";

const MacAddress our_mac{{0x02, 0x6e, 0x69, 0x63, 0x73, 0x01}};
const MacAddress linux_mac{{0x36, 0xcf, 0x91, 0xd2, 0xf5, 0xd7}};

HostStack make_stack() { return HostStack(our_mac, parse_ipv4_interface("10.77.0.2/24")); }

MacAddress mac_at(const std::vector<std::uint8_t>& b, std::size_t at) {
    MacAddress m;
    for (std::size_t i = 0; i < 6; ++i) m.bytes[i] = b[at + i];
    return m;
}

// UDP checksum check with the pseudo-header, written out independently of the stack's.
bool udp_checksum_ok(const std::vector<std::uint8_t>& frame) {
    const std::size_t ip = 14, udp = 34;
    const std::size_t length = be16(frame, udp + 4);
    std::uint32_t sum = 0;
    for (std::size_t i = 12; i < 20; i += 2) sum += be16(frame, ip + i);  // source and destination
    sum += 17 + static_cast<std::uint32_t>(length);
    return inet_checksum_ok(bytes(frame, udp, length), sum);
}

}  // namespace

TEST_CASE("host stack answers Linux's ARP request for its address", "[unit][bridge]") {
    HostStack stack = make_stack();
    std::vector<std::uint8_t> reply;
    for (const bool padded : {false, true}) {
        auto request = from_hex(linux_arp_request);
        if (padded) request.resize(60, 0);  // as it arrives through the NIC
        REQUIRE(stack.handle(request, reply) == Verdict::arp_reply);
        REQUIRE(reply.size() == 60);
        CHECK(mac_at(reply, 0) == linux_mac);
        CHECK(mac_at(reply, 6) == our_mac);
        CHECK(be16(reply, 12) == 0x0806);
        CHECK(be16(reply, 20) == 2);  // reply
        CHECK(mac_at(reply, 22) == our_mac);
        CHECK(std::vector<std::uint8_t>(reply.begin() + 28, reply.begin() + 32) == from_hex("0a4d0002"));
        CHECK(mac_at(reply, 32) == linux_mac);
        CHECK(std::vector<std::uint8_t>(reply.begin() + 38, reply.begin() + 42) == from_hex("0a4d0001"));
    }
    CHECK(stack.count(Verdict::arp_reply) == 2);
}

TEST_CASE("host stack answers ping with a correct echo reply", "[unit][bridge]") {
    HostStack stack = make_stack();
    const auto request = from_hex(linux_ping);
    std::vector<std::uint8_t> reply;
    REQUIRE(stack.handle(request, reply) == Verdict::icmp_echo_reply);
    REQUIRE(reply.size() == request.size());
    CHECK(mac_at(reply, 0) == linux_mac);
    CHECK(mac_at(reply, 6) == our_mac);
    CHECK(inet_checksum_ok(bytes(reply, 14, 20)));          // IPv4 header
    CHECK(be16(reply, 16) == 84);                           // total length as requested
    CHECK(std::vector<std::uint8_t>(reply.begin() + 26, reply.begin() + 30) == from_hex("0a4d0002"));
    CHECK(std::vector<std::uint8_t>(reply.begin() + 30, reply.begin() + 34) == from_hex("0a4d0001"));
    CHECK(reply[34] == 0);                                  // echo reply
    CHECK(inet_checksum_ok(bytes(reply, 34, 64)));          // ICMP
    // Identifier, sequence number and data come back unchanged: that is how ping matches them.
    CHECK(std::vector<std::uint8_t>(reply.begin() + 38, reply.end()) ==
          std::vector<std::uint8_t>(request.begin() + 38, request.end()));
}

TEST_CASE("host stack echoes UDP on port 7 with a correct checksum", "[unit][bridge]") {
    HostStack stack = make_stack();
    auto request = from_hex(linux_udp_echo);
    REQUIRE(udp_checksum_ok(request));  // the capture itself is right
    request.resize(60, 0);              // the padding must not become payload
    std::vector<std::uint8_t> reply;
    REQUIRE(stack.handle(request, reply) == Verdict::udp_echo_reply);
    REQUIRE(reply.size() == 60);
    CHECK(be16(reply, 16) == 41);          // IPv4 total length: 20 + 8 + 13
    CHECK(inet_checksum_ok(bytes(reply, 14, 20)));
    CHECK(be16(reply, 34) == 7);           // from the echo port
    CHECK(be16(reply, 36) == 0xd7ec);      // to the client's port
    CHECK(be16(reply, 38) == 21);
    CHECK(be16(reply, 40) != 0);
    CHECK(udp_checksum_ok(reply));
    CHECK(std::string(reply.begin() + 42, reply.begin() + 55) == "hello-nicsim\n");
}

TEST_CASE("host stack counts and ignores what it does not answer", "[unit][bridge]") {
    HostStack stack = make_stack();
    std::vector<std::uint8_t> reply;
    const auto ping = from_hex(linux_ping);

    SECTION("frames shorter than an Ethernet header, or truncated headers, are malformed") {
        CHECK(stack.handle(std::vector<std::uint8_t>(13, 0), reply) == Verdict::malformed);
        CHECK(stack.handle(std::vector<std::uint8_t>(ping.begin(), ping.begin() + 30), reply) == Verdict::malformed);
        auto arp = from_hex(linux_arp_request);
        arp.resize(40);
        CHECK(stack.handle(arp, reply) == Verdict::malformed);
        auto long_total = ping;
        long_total[16] = 0x10;  // total length 4180 > what is there
        CHECK(stack.handle(long_total, reply) == Verdict::malformed);
        auto bad_ihl = ping;
        bad_ihl[14] = 0x44;
        CHECK(stack.handle(bad_ihl, reply) == Verdict::malformed);
        CHECK(reply.empty());
        CHECK(stack.count(Verdict::malformed) == 5);
        // The reasons model::parse_frame gives (the NIC's classifier counts the same), and the
        // stack's own check (a short ARP message) under none.
        CHECK(stack.count(MalformedReason::truncated_ethernet) == 1);
        CHECK(stack.count(MalformedReason::truncated_ipv4) == 1);
        CHECK(stack.count(MalformedReason::ipv4_total_length_exceeds_frame) == 1);
        CHECK(stack.count(MalformedReason::ipv4_bad_ihl) == 1);
        CHECK(stack.count(MalformedReason::none) == 1);
    }
    SECTION("a wrong IPv4, ICMP or UDP checksum is refused") {
        auto bad_ip = ping;
        bad_ip[24] ^= 1;
        CHECK(stack.handle(bad_ip, reply) == Verdict::bad_checksum);
        auto bad_icmp = ping;
        bad_icmp[60] ^= 1;  // a data byte
        CHECK(stack.handle(bad_icmp, reply) == Verdict::bad_checksum);
        auto bad_udp = from_hex(linux_udp_echo);
        bad_udp[50] ^= 1;
        CHECK(stack.handle(bad_udp, reply) == Verdict::bad_checksum);
        CHECK(reply.empty());
    }
    SECTION("a zero UDP checksum means none and is accepted") {
        auto no_sum = from_hex(linux_udp_echo);
        no_sum[40] = no_sum[41] = 0;
        CHECK(stack.handle(no_sum, reply) == Verdict::udp_echo_reply);
        CHECK(udp_checksum_ok(reply));
    }
    SECTION("other hosts' frames and addresses are not for us") {
        auto other_mac = ping;
        other_mac[5] = 0x02;
        CHECK(stack.handle(other_mac, reply) == Verdict::not_for_us);
        auto arp_other = from_hex(linux_arp_request);
        arp_other[41] = 0x03;  // who has 10.77.0.3?
        CHECK(stack.handle(arp_other, reply) == Verdict::not_for_us);
        auto other_ip = ping;
        other_ip[33] = 0x03;
        fix_ip_checksum(other_ip);
        CHECK(stack.handle(other_ip, reply) == Verdict::not_for_us);
    }
    SECTION("IPv4 from outside the subnet gets no answer: there is no route back") {
        HostStack narrow(our_mac, parse_ipv4_interface("10.77.0.2/31"));
        CHECK(narrow.handle(ping, reply) == Verdict::off_subnet);  // 10.77.0.1 is outside 10.77.0.2/31
        CHECK(reply.empty());
    }
    SECTION("fragments, other UDP ports and other protocols are unsupported or counted apart") {
        auto fragment = ping;
        fragment[20] = 0x20;  // more fragments (DF cleared)
        fix_ip_checksum(fragment);
        CHECK(stack.handle(fragment, reply) == Verdict::fragment);
        auto port9 = from_hex(linux_udp_echo);
        port9[40] = port9[41] = 0;  // no checksum, so the port can change
        port9[37] = 9;
        CHECK(stack.handle(port9, reply) == Verdict::unsupported);
        nicsim::model::FrameSpec v6;  // a well-formed IPv6/UDP frame to our MAC
        v6.dst_mac = our_mac.bytes;
        v6.src_mac = linux_mac.bytes;
        v6.l3 = nicsim::model::L3Kind::ipv6;
        v6.src_addr = *nicsim::model::IpAddress::parse("fe80::1");
        v6.dst_addr = *nicsim::model::IpAddress::parse("fe80::2");
        v6.ip_protocol = nicsim::model::ip_protocol_udp;
        v6.dst_port = 7;
        CHECK(stack.handle(nicsim::model::build_frame(v6), reply) == Verdict::unsupported);
        auto echo_reply = ping;  // an echo reply is not answered
        echo_reply[34] = 0;
        echo_reply[36] = static_cast<std::uint8_t>(echo_reply[36] + 8);  // keep the checksum right
        CHECK(stack.handle(echo_reply, reply) == Verdict::unsupported);
        CHECK(reply.empty());
    }
}

TEST_CASE("host stack reads frames as the NIC's classifier does: tags, IPv6, malformed reasons", "[unit][bridge]") {
    HostStack stack = make_stack();
    std::vector<std::uint8_t> reply;
    const auto ping = from_hex(linux_ping);

    SECTION("a tagged frame is parsed past its tag, and not answered: the host has no VLAN") {
        const auto tagged_ping = tagged(ping);
        REQUIRE(nicsim::model::parse_frame(tagged_ping).l3 == nicsim::model::L3Kind::ipv4);
        CHECK(stack.handle(tagged_ping, reply) == Verdict::unsupported);
        auto tagged_bad_ihl = tagged_ping;
        tagged_bad_ihl[18] = 0x44;  // the classifier calls it malformed: so does the stack
        REQUIRE(nicsim::model::parse_frame(tagged_bad_ihl).malformed == MalformedReason::ipv4_bad_ihl);
        CHECK(stack.handle(tagged_bad_ihl, reply) == Verdict::malformed);
        CHECK(stack.count(MalformedReason::ipv4_bad_ihl) == 1);
        CHECK(reply.empty());
    }
    SECTION("an IPv6 EtherType in front of an IPv4 packet is malformed IPv6") {
        auto wrong_version = ping;
        wrong_version[12] = 0x86;
        wrong_version[13] = 0xdd;
        CHECK(stack.handle(wrong_version, reply) == Verdict::malformed);
        CHECK(stack.count(MalformedReason::ipv6_bad_version) == 1);
    }
    SECTION("a UDP header the IPv4 total length cuts short is truncated_udp") {
        auto cut = from_hex(linux_udp_echo);
        cut[17] = 20 + 4;  // total length: the IPv4 header and half a UDP header
        fix_ip_checksum(cut);
        CHECK(stack.handle(cut, reply) == Verdict::malformed);
        CHECK(stack.count(MalformedReason::truncated_udp) == 1);
    }
}

TEST_CASE("host stack answers nothing that could loop or go to a whole subnet", "[unit][bridge]") {
    HostStack stack = make_stack();
    std::vector<std::uint8_t> reply;

    SECTION("UDP echo from port 0, 7 (echo) or 19 (chargen) is refused") {
        for (const unsigned port : {0u, 7u, 19u}) {
            INFO("source port " << port);
            auto request = from_hex(linux_udp_echo);
            request[34] = static_cast<std::uint8_t>(port >> 8);
            request[35] = static_cast<std::uint8_t>(port);
            request[40] = request[41] = 0;  // no UDP checksum, so the port may change
            CHECK(stack.handle(request, reply) == Verdict::refused_source);
            CHECK(reply.empty());
        }
        CHECK(stack.count(Verdict::refused_source) == 3);
        auto port_20 = from_hex(linux_udp_echo);  // the next port up is an ordinary client
        port_20[34] = 0;
        port_20[35] = 20;
        port_20[40] = port_20[41] = 0;
        CHECK(stack.handle(port_20, reply) == Verdict::udp_echo_reply);
    }
    SECTION("nothing goes back to the subnet's network or broadcast address") {
        for (const unsigned host : {0x00u, 0xffu}) {
            INFO("source 10.77.0." << host);
            auto udp = from_hex(linux_udp_echo);
            udp[29] = static_cast<std::uint8_t>(host);
            udp[40] = udp[41] = 0;
            fix_ip_checksum(udp);
            CHECK(stack.handle(udp, reply) == Verdict::refused_source);
            auto ping = from_hex(linux_ping);
            ping[29] = static_cast<std::uint8_t>(host);
            fix_ip_checksum(ping);
            CHECK(stack.handle(ping, reply) == Verdict::refused_source);
            CHECK(reply.empty());
        }
        CHECK(stack.count(Verdict::refused_source) == 4);
    }
    SECTION("a /31 has no network or broadcast address: both ends are hosts") {
        HostStack point_to_point(our_mac, parse_ipv4_interface("10.77.0.1/31"));
        auto ping = from_hex(linux_ping);  // from 10.77.0.1 to 10.77.0.2: make it 10.77.0.0 -> 10.77.0.1
        ping[29] = 0x00;
        ping[33] = 0x01;
        fix_ip_checksum(ping);
        CHECK(point_to_point.handle(ping, reply) == Verdict::icmp_echo_reply);
    }
}

TEST_CASE("replies to the same peer carry fresh IPv4 identifications", "[unit][bridge]") {
    HostStack stack = make_stack();
    const auto ping = from_hex(linux_ping);
    std::vector<std::uint8_t> first, second;
    stack.handle(ping, first);
    stack.handle(ping, second);
    CHECK(be16(first, 18) != be16(second, 18));
}
