// Traffic: each source yields the frames to offer on the wire, in send-time order, bytes and
// identity made here, and identifies them again when the host receives them.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "traffic/frame_id.hpp"
#include "traffic/frame_identifier.hpp"
#include "traffic/test_frame.hpp"

namespace nicsim::traffic {

struct OfferedFrame {
    FrameId id;                  // sent_at: when its first byte is on the wire, in ps
    unsigned size = 60;          // bytes without FCS
    unsigned flow = 0;           // which flow (5-tuple) it belongs to
    std::uint16_t dst_port = 9;  // UDP destination port: which application it is for
    // The frame's bytes (a test frame carrying `id`, or a capture's frame), valid until the
    // source that made it makes its next frame.
    std::span<const std::uint8_t> bytes;
};

class TrafficSource : public FrameIdentifier {
public:
    // The next frame, bytes and all, or false when the source is exhausted.
    bool next(OfferedFrame& frame) {
        if (!draw(frame)) return false;
        build(frame);
        return true;
    }
    virtual std::uint64_t total_frames() const = 0;
    virtual double offered_pps() const = 0;

    // next() in two steps, for a source that renumbers frames before they are built
    // (MixedSource): draw() decides the next frame (identity, size, flow, port), build() makes
    // its bytes for the identity it has by then.
    virtual bool draw(OfferedFrame& frame) = 0;
    virtual void build(OfferedFrame& frame) = 0;

    // Test frames carry their identity in their payload.
    std::optional<FrameId> identify(std::span<const std::uint8_t> frame) override { return tb::parse_test_frame(frame); }
};

}  // namespace nicsim::traffic
