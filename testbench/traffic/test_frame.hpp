// Builds and reads back the testbench's own frames: Ethernet II / IPv4 / UDP carrying a
// frame identity (traffic::FrameId) in its payload, so loss and latency are exact.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "frame_limits.hpp"
#include "traffic/frame_id.hpp"

namespace nicsim::tb {

struct TestFrameSpec {
    std::uint32_t size = 60;          // bytes without FCS, 60..9018
    std::uint32_t src_ip = 0x0A000001;  // 10.0.0.1
    std::uint32_t dst_ip = 0x0A000002;  // 10.0.0.2
    std::uint16_t src_port = 1024;
    std::uint16_t dst_port = 9;       // discard
};

inline constexpr std::uint32_t test_frame_min_size = driver::min_frame_bytes;
inline constexpr std::uint32_t test_frame_max_size = driver::max_frame_bytes;

// Writes a frame of spec.size bytes into `out` (resized), carrying `id` in its UDP payload
// (the stamp). The payload after the stamp is filled from the sequence number so that corruption anywhere in the frame is detectable.
void build_test_frame(const TestFrameSpec& spec, const traffic::FrameId& id, std::vector<std::uint8_t>& out);

// Returns the identity it carries if `frame` is an intact test frame (headers, length and payload pattern
// all as built), otherwise nothing.
std::optional<traffic::FrameId> parse_test_frame(std::span<const std::uint8_t> frame);

}  // namespace nicsim::tb
