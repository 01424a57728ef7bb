// The bridge's own addresses as a user gives them on the command line: the simulated NIC's
// MAC (--mac) and its IPv4 address with the on-link prefix (--ip A.B.C.D/N).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace nicsim::bridge {

struct MacAddress {
    std::array<std::uint8_t, 6> bytes{};

    bool is_multicast() const { return (bytes[0] & 1u) != 0; }  // broadcast included
    std::string to_string() const;                                // "02:6e:69:63:73:01"
    friend bool operator==(const MacAddress&, const MacAddress&) = default;
};

inline constexpr MacAddress broadcast_mac{{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}};

// Host byte order, so the prefix arithmetic reads naturally.
struct Ipv4Address {
    std::uint32_t value = 0;

    std::string to_string() const;  // dotted quad
    friend bool operator==(const Ipv4Address&, const Ipv4Address&) = default;
};

// An address and the subnet it is on: who is reachable without a router.
struct Ipv4Interface {
    Ipv4Address address;
    unsigned prefix = 24;

    std::uint32_t netmask() const { return prefix == 0 ? 0 : ~0u << (32 - prefix); }
    bool on_link(Ipv4Address peer) const { return (peer.value & netmask()) == (address.value & netmask()); }
    // On the subnet and neither its network nor its broadcast address (a /31 has neither).
    bool is_host(Ipv4Address peer) const;
    std::string to_string() const;  // "10.77.0.2/24"
};

// Both throw std::invalid_argument naming `option`, the value and the accepted form.
// A MAC is six hex byte pairs separated by ':' and must be unicast (the NIC's own address).
MacAddress parse_mac(std::string_view text, std::string_view option = "--mac");
// A host address A.B.C.D/N with N in 1..31, neither the subnet's network nor its broadcast
// address (for N <= 30), and not multicast, broadcast, 0.0.0.0/8 or 127.0.0.0/8.
Ipv4Interface parse_ipv4_interface(std::string_view text, std::string_view option = "--ip");
// A dotted quad; returns false for anything else (no throw: parse_ipv4_interface words the error).
bool parse_ipv4(std::string_view text, Ipv4Address& out);

}  // namespace nicsim::bridge
