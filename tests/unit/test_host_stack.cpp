// The bridge's host stack: its answers to frames real Linux sent (captured from `ping`,
// `socat` and the kernel's ARP through `nicsim bridge`), checksums, and refusals.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "host_stack.hpp"
#include "inet_checksum.hpp"

using namespace nicsim::bridge;

namespace {

std::vector<std::uint8_t> from_hex(const std::string& hex) {
    std::vector<std::uint8_t> out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
        out.push_back(static_cast<std::uint8_t>(std::stoul(hex.substr(i, 2), nullptr, 16)));
    return out;
}

std::uint16_t be16(const std::vector<std::uint8_t>& b, std::size_t at) {
    return static_cast<std::uint16_t>(b[at] << 8 | b[at + 1]);
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
        other_ip[24] = other_ip[25] = 0;
        const auto sum = inet_checksum(bytes(other_ip, 14, 20));
        other_ip[24] = static_cast<std::uint8_t>(sum >> 8);
        other_ip[25] = static_cast<std::uint8_t>(sum);
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
        fragment[24] = fragment[25] = 0;
        const auto sum = inet_checksum(bytes(fragment, 14, 20));
        fragment[24] = static_cast<std::uint8_t>(sum >> 8);
        fragment[25] = static_cast<std::uint8_t>(sum);
        CHECK(stack.handle(fragment, reply) == Verdict::fragment);
        auto port9 = from_hex(linux_udp_echo);
        port9[40] = port9[41] = 0;  // no checksum, so the port can change
        port9[37] = 9;
        CHECK(stack.handle(port9, reply) == Verdict::unsupported);
        auto ipv6 = ping;
        ipv6[12] = 0x86;
        ipv6[13] = 0xdd;
        CHECK(stack.handle(ipv6, reply) == Verdict::unsupported);
        auto echo_reply = ping;  // an echo reply is not answered
        echo_reply[34] = 0;
        echo_reply[36] = static_cast<std::uint8_t>(echo_reply[36] + 8);  // keep the checksum right
        CHECK(stack.handle(echo_reply, reply) == Verdict::unsupported);
        CHECK(reply.empty());
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

TEST_CASE("Internet checksum matches RFC 1071's worked example", "[unit][bridge]") {
    // RFC 1071 section 3: the words 0001 f203 f4f5 f6f7 sum to ddf2 (folded), checksum 220d.
    const std::vector<std::uint8_t> data{0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7};
    CHECK(inet_checksum(data) == 0x220d);
    const std::vector<std::uint8_t> odd{0x01};  // padded with a zero byte
    CHECK(inet_checksum(odd) == static_cast<std::uint16_t>(~0x0100 & 0xffff));
}
