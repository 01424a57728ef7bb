// The bridge's command-line values: addresses and policy names, and the error a user sees.
#include <catch2/catch.hpp>

#include <stdexcept>

#include "bridge/net_address.hpp"
#include "bridge/receive_mode.hpp"

using namespace nicsim::bridge;
using Catch::Matchers::Contains;

TEST_CASE("MAC addresses parse and bad ones name the value and the form", "[unit][bridge]") {
    CHECK(parse_mac("02:6E:69:63:73:01").to_string() == "02:6e:69:63:73:01");
    CHECK_THROWS_WITH(parse_mac("02:6e:69:63:73"), Contains("--mac = 02:6e:69:63:73: must be six hex bytes"));
    CHECK_THROWS_WITH(parse_mac("02-6e-69-63-73-01"), Contains("separated by ':'"));
    CHECK_THROWS_WITH(parse_mac("02:6e:69:63:73:0g"), Contains("must be six hex bytes"));
    CHECK_THROWS_WITH(parse_mac("ff:ff:ff:ff:ff:ff"), Contains("must be a unicast address"));
    CHECK_THROWS_WITH(parse_mac("01:00:5e:00:00:01"), Contains("must be a unicast address"));
}

TEST_CASE("IPv4 interface addresses parse with their prefix", "[unit][bridge]") {
    const auto iface = parse_ipv4_interface("10.77.0.2/24");
    CHECK(iface.address.to_string() == "10.77.0.2");
    CHECK(iface.prefix == 24);
    CHECK(iface.netmask() == 0xffffff00u);
    Ipv4Address peer;
    REQUIRE(parse_ipv4("10.77.0.200", peer));
    CHECK(iface.on_link(peer));
    REQUIRE(parse_ipv4("10.78.0.1", peer));
    CHECK_FALSE(iface.on_link(peer));
    CHECK(parse_ipv4_interface("192.168.1.1/31").prefix == 31);  // point-to-point: both ends are hosts
}

TEST_CASE("bad IPv4 interface addresses are refused with the accepted form", "[unit][bridge]") {
    for (const char* bad : {"10.77.0.2", "10.77.0.2/", "10.77.0.2/0", "10.77.0.2/32", "10.77.0.256/24",
                            "10.77.0/24", "10.77.0.2.1/24", "010.77.0.2/24", "10.77.0.2/24x", " 10.77.0.2/24"}) {
        INFO(bad);
        CHECK_THROWS_WITH(parse_ipv4_interface(bad), Contains("must be an IPv4 host address and prefix length A.B.C.D/N"));
    }
    CHECK_THROWS_WITH(parse_ipv4_interface("10.77.0.0/24"), Contains("network or broadcast address"));
    CHECK_THROWS_WITH(parse_ipv4_interface("10.77.0.255/24"), Contains("network or broadcast address"));
    CHECK_THROWS_WITH(parse_ipv4_interface("127.0.0.2/8"), Contains("must be a unicast host address"));
    CHECK_THROWS_WITH(parse_ipv4_interface("224.0.0.5/24"), Contains("must be a unicast host address"));
}

TEST_CASE("every driver policy name has a meaning in the bridge; others are refused", "[unit][bridge]") {
    for (const char* name : {"bsd-interrupt", "poll-noquota", "poll-quota", "poll-feedback", "poll-cpulimit", "napi",
                             "napi-dim", "busy-poll"}) {
        INFO(name);
        const ReceiveMode m = receive_mode(name);
        CHECK(m.policy == name);
        CHECK_FALSE(m.summary.empty());
    }
    CHECK_FALSE(receive_mode("busy-poll").interrupts);
    CHECK(receive_mode("napi").quota == 64);
    CHECK(receive_mode("napi-dim").dim);
    CHECK(receive_mode("poll-quota").quota == 5);
    CHECK(receive_mode("poll-quota").rearm_below == 1);
    CHECK_THROWS_WITH(receive_mode("lrp2"), Contains("--policy = lrp2: must be one of bsd-interrupt, poll-noquota"));
}
