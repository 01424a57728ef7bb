// Exact-match steering filter rules (early demultiplexing ahead of RSS, as LRP and Intel's
// Flow Director perfect filters do it): a frame matching an enabled rule goes to the rule's
// queue or is dropped at the NIC; the lowest-index matching rule wins. The matching rules are
// the register map's ([filter] in rtl/regmap.toml).
#pragma once

#include <array>
#include <cstdint>

#include "device.hpp"

namespace nicsim::driver {

struct SteeringRule {
    bool ipv6 = false;
    enum class Protocol : std::uint8_t { any, tcp, udp } protocol = Protocol::any;
    // Network byte order; an IPv4 address uses bytes 0..3 (the hardware ignores the rest).
    std::array<std::uint8_t, 16> src_addr{}, dst_addr{};
    std::uint16_t src_port = 0, dst_port = 0;
    std::uint8_t wildcard = 0; /* bit0 src addr, bit1 dst addr, bit2 src port, bit3 dst port */
    bool drop = false;
    std::uint8_t queue = 0;    // for deliver; the device treats queues >= its num_queues as 0
};

// Programs rule `index` and enables it: ctrl with enable clear first (so no frame matches a
// half-written rule), then the addresses and ports, then ctrl with enable. Zeroes its hit
// counter. Throws std::out_of_range for an index, queue or wildcard that does not fit the
// map, naming the value and the allowed range, before writing anything.
void write_steering_rule(Device& device, unsigned index, const SteeringRule& rule);

// Disables rule `index` and zeroes its hit counter (one ctrl write; the addresses stay).
void clear_steering_rule(Device& device, unsigned index);

// Frames rule `index` has won since its ctrl was last written (read _lo, then _hi).
std::uint64_t steering_rule_hits(Device& device, unsigned index);

}  // namespace nicsim::driver
