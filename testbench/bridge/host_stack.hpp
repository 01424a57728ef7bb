// The simulated host's network stack, as small as a peer needs to talk to it: ARP replies
// for our address, ICMP echo replies, and UDP echo on port 7 (RFC 862). Everything else is
// classified, counted and ignored.
//
// Pure frame logic: bytes in, bytes out, no I/O and no simulation, so every reply and every
// refusal is unit-tested. Frames are Ethernet without FCS; replies are padded to the 60-byte
// Ethernet minimum, as a driver pads short frames before the NIC sends them.
//
// IPv4 is answered only for peers on --ip's subnet: the host has no router to send anything
// else to, and answering would pretend it has (counted as off_subnet). ARP is answered for any
// sender, as Linux does with its default arp_ignore = 0. Fragments are not reassembled.
// Frames are read with model::parse_frame, the NIC classifier's parser, so the stack and the
// NIC agree on what is malformed (and why), what is tagged, and what is a fragment.
//
// Nothing is answered that could start a loop or a storm: UDP echo is refused to source ports
// 0, 7 (echo) and 19 (chargen), and nothing goes to a source that is the subnet's network or
// broadcast address (refused_source).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "frame_parser.hpp"
#include "bridge/net_address.hpp"

namespace nicsim::bridge {

// What became of one received frame.
enum class Verdict : std::uint8_t {
    arp_reply,        // an ARP request for our address: answered
    icmp_echo_reply,  // an ICMP echo request to us: answered
    udp_echo_reply,   // a UDP datagram to our port 7: echoed
    not_for_us,       // another host's MAC or IP address, multicast, or an ARP request for another IP
    unsupported,      // a protocol or message this stack does not answer (IPv6, VLAN, other UDP ports, ...)
    fragment,         // an IPv4 fragment: not reassembled
    off_subnet,       // IPv4 from outside our subnet: no route back
    refused_source,   // from the subnet's network/broadcast address, or UDP echo from port 0, 7 or 19
    malformed,        // truncated or inconsistent headers
    bad_checksum,     // a wrong IPv4 header, ICMP or UDP checksum
};
inline constexpr std::size_t verdict_count = 10;

// snake_case, as printed in the statistics.
std::string_view verdict_name(Verdict verdict);

inline constexpr std::uint16_t udp_echo_port = 7;
inline constexpr std::uint16_t udp_chargen_port = 19;
inline constexpr std::size_t ethernet_min_frame_bytes = 60;  // without FCS

class HostStack {
public:
    HostStack(MacAddress mac, Ipv4Interface ip) : mac_(mac), ip_(ip) {}

    // Classifies `frame`; when it deserves an answer, writes it to `reply` (cleared first,
    // left empty otherwise). Counts the verdict.
    Verdict handle(std::span<const std::uint8_t> frame, std::vector<std::uint8_t>& reply);

    std::uint64_t count(Verdict verdict) const { return counts_[static_cast<std::size_t>(verdict)]; }
    // Of the malformed frames, those model::parse_frame refused for `reason` (the rest, under
    // MalformedReason::none, failed the stack's own checks: a multicast sender, a short ARP,
    // ICMP or UDP message, a UDP length beyond the datagram).
    std::uint64_t count(model::MalformedReason reason) const {
        return malformed_reasons_[static_cast<std::size_t>(reason)];
    }
    const MacAddress& mac() const { return mac_; }
    const Ipv4Interface& ip() const { return ip_; }

private:
    Verdict classify(std::span<const std::uint8_t> frame, std::vector<std::uint8_t>& reply);
    Verdict handle_arp(std::span<const std::uint8_t> frame, std::vector<std::uint8_t>& reply);
    Verdict handle_ipv4(std::span<const std::uint8_t> frame, const model::ParsedFrame& parsed,
                        std::vector<std::uint8_t>& reply);
    Verdict malformed(model::MalformedReason reason);
    // Writes the Ethernet and IPv4 headers of a reply to `dst` carrying `payload_bytes` of
    // `protocol` after them; the caller fills in the payload.
    void start_ipv4_reply(std::span<const std::uint8_t> request, Ipv4Address dst, std::uint8_t protocol,
                          std::size_t payload_bytes, std::vector<std::uint8_t>& reply);

    MacAddress mac_;
    Ipv4Interface ip_;
    std::uint16_t next_ip_id_ = 1;
    std::array<std::uint64_t, verdict_count> counts_{};
    std::array<std::uint64_t, model::malformed_reason_count> malformed_reasons_{};
};

}  // namespace nicsim::bridge
