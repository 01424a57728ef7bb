// Traffic generators: each yields the frames to offer on the wire, in send-time order, and
// recognises them again when the host receives them.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "traffic/test_frame.hpp"

namespace nicsim::traffic {

struct OfferedFrame {
    std::uint64_t sequence = 0;  // 0, 1, 2, ... in send order
    std::uint64_t send_ps = 0;   // when its first byte is on the wire
    unsigned size = 60;          // bytes without FCS
    unsigned flow = 0;           // which flow (5-tuple) it belongs to
    // The frame's exact bytes when the source has them (a capture's, possibly empty), valid
    // as long as the source lives. None: the platform builds a test frame of `size` bytes
    // for `flow`, stamped with `sequence` and `send_ps`.
    std::optional<std::span<const std::uint8_t>> bytes;
    std::uint16_t dst_port = 9;  // UDP destination port: which application it is for
};

class TrafficSource {
public:
    virtual ~TrafficSource() = default;
    // The next frame, or false when the source is exhausted.
    virtual bool next(OfferedFrame& frame) = 0;
    virtual std::uint64_t total_frames() const = 0;
    virtual double offered_pps() const = 0;

    // Which offered frame `frame` (as the host received it) is: its sequence number and send
    // time, for the delivery ledger. Nothing when it is none of this source's frames, i.e.
    // it was corrupted. Test frames carry that stamp in their payload.
    virtual std::optional<tb::TestFrameStamp> recognise(std::span<const std::uint8_t> frame) {
        return tb::parse_test_frame(frame);
    }
};

}  // namespace nicsim::traffic
