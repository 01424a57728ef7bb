#include "bridge/net_address.hpp"

#include <charconv>
#include <cstdio>
#include <stdexcept>

#include "byte_order.hpp"
#include "frame_parser.hpp"

namespace nicsim::bridge {
namespace {

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

[[noreturn]] void reject(std::string_view option, std::string_view text, std::string_view rule) {
    throw std::invalid_argument(std::string(option) + " = " + std::string(text) + ": " + std::string(rule));
}

}  // namespace

std::string MacAddress::to_string() const {
    char text[18];
    std::snprintf(text, sizeof text, "%02x:%02x:%02x:%02x:%02x:%02x", bytes[0], bytes[1], bytes[2], bytes[3],
                  bytes[4], bytes[5]);
    return text;
}

std::string Ipv4Address::to_string() const {
    return std::to_string(value >> 24) + "." + std::to_string((value >> 16) & 0xff) + "." +
           std::to_string((value >> 8) & 0xff) + "." + std::to_string(value & 0xff);
}

bool Ipv4Interface::is_host(Ipv4Address peer) const {
    if (!on_link(peer)) return false;
    if (prefix > 30) return true;  // /31 (RFC 3021): both addresses are hosts
    const std::uint32_t host = peer.value & ~netmask();
    return host != 0 && host != ~netmask();
}

std::string Ipv4Interface::to_string() const { return address.to_string() + "/" + std::to_string(prefix); }

MacAddress parse_mac(std::string_view text, std::string_view option) {
    constexpr std::string_view form = "must be six hex bytes separated by ':', as 02:6e:69:63:73:01";
    MacAddress mac;
    if (text.size() != 17) reject(option, text, form);
    for (std::size_t i = 0; i < 6; ++i) {
        const int hi = hex_digit(text[3 * i]);
        const int lo = hex_digit(text[3 * i + 1]);
        if (hi < 0 || lo < 0 || (i < 5 && text[3 * i + 2] != ':')) reject(option, text, form);
        mac.bytes[i] = static_cast<std::uint8_t>(hi * 16 + lo);
    }
    if (mac.is_multicast())
        reject(option, text, "must be a unicast address (the lowest bit of the first byte clear), as 02:6e:69:63:73:01");
    return mac;
}

bool parse_ipv4(std::string_view text, Ipv4Address& out) {
    // inet_pton's dotted quad: exactly four decimal parts of 0..255, no leading zeros (which
    // some tools read as octal), no sign, nothing around it.
    const auto parsed = model::IpAddress::parse(text);
    if (!parsed || parsed->size != 4) return false;
    out.value = model::load_be32(parsed->view(), 0);
    return true;
}

Ipv4Interface parse_ipv4_interface(std::string_view text, std::string_view option) {
    constexpr std::string_view form = "must be an IPv4 host address and prefix length A.B.C.D/N, N in 1..31, as 10.77.0.2/24";
    const auto slash = text.find('/');
    if (slash == std::string_view::npos) reject(option, text, form);
    Ipv4Interface iface;
    if (!parse_ipv4(text.substr(0, slash), iface.address)) reject(option, text, form);
    const std::string_view prefix = text.substr(slash + 1);
    const auto [next, ec] = std::from_chars(prefix.data(), prefix.data() + prefix.size(), iface.prefix);
    if (ec != std::errc{} || next != prefix.data() + prefix.size() || prefix.empty() || iface.prefix < 1 ||
        iface.prefix > 31)
        reject(option, text, form);
    const std::uint32_t a = iface.address.value;
    const std::uint32_t first = a >> 24;
    if (first == 0 || first == 127 || first >= 224)
        reject(option, text, "must be a unicast host address (not 0.0.0.0/8, 127.0.0.0/8, multicast or reserved)");
    if (!iface.is_host(iface.address))
        reject(option, text, "is the subnet's network or broadcast address: must be a host address in it");
    return iface;
}

}  // namespace nicsim::bridge
