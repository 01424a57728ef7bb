// Traffic generators: each yields the frames to offer on the wire, in send-time order.
#pragma once

#include <cstdint>

namespace nicsim::traffic {

struct OfferedFrame {
    std::uint64_t sequence = 0;  // 0, 1, 2, ... in send order
    std::uint64_t send_ps = 0;   // when its first byte is on the wire
    unsigned size = 60;          // bytes without FCS
    unsigned flow = 0;           // which flow (5-tuple) it belongs to
    std::uint16_t dst_port = 9;  // UDP destination port: which application it is for
};

class TrafficSource {
public:
    virtual ~TrafficSource() = default;
    // The next frame, or false when the source is exhausted.
    virtual bool next(OfferedFrame& frame) = 0;
    virtual std::uint64_t total_frames() const = 0;
    virtual double offered_pps() const = 0;
};

}  // namespace nicsim::traffic
