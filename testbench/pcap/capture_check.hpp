// A first pass over a capture, for replay and for pcap traffic: everything wrong with the
// input is found here, before the NIC simulates a single frame.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace nicsim::capture {

struct CaptureCheck {
    std::uint64_t frames = 0;
    std::uint64_t bytes = 0;                      // captured bytes of all frames
    std::uint64_t truncated = 0;                  // records with caplen < len
    std::optional<std::uint64_t> first_truncated; // index of the first of them
};

// Reads every record of `path`. Throws std::invalid_argument when the file cannot be read,
// its link type is not Ethernet (DLT_EN10MB), or a frame is longer than `max_frame_bytes`
// (naming the frame's index and length). A truncated record is not an error: replay offers
// the bytes that were captured.
CaptureCheck check_capture(const std::string& path, std::uint32_t max_frame_bytes);

}  // namespace nicsim::capture
