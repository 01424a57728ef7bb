// One receive ring as the driver sees it: descriptors, one buffer per slot, and the
// software side of the head/tail protocol.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "descriptors.hpp"
#include "device.hpp"
#include "tracepoints.hpp"

namespace nicsim::driver {

// A received frame: one segment per buffer it spans, valid only during the visit.
struct RxFrameView {
    struct Segment {
        const std::uint8_t* data;
        std::uint16_t length;
    };
    std::vector<Segment> segments;
    std::uint32_t length = 0;
    std::uint32_t rss_hash = 0;
    std::uint8_t rss_type = 0;
    std::uint8_t errors = 0;
    unsigned queue = 0;

    // Copies the frame's bytes out of the ring buffers.
    void copy_to(std::vector<std::uint8_t>& out) const;
};

class RxRing {
public:
    RxRing(Device& device, unsigned queue, unsigned size, unsigned buffer_size);
    ~RxRing();
    RxRing(const RxRing&) = delete;
    RxRing& operator=(const RxRing&) = delete;

    // Programs the ring registers, posts size - 1 buffers and enables the queue.
    void start();
    void stop();

    // Visits up to `budget` completed frames in order, then hands their buffers back to the
    // NIC with one tail write. A frame whose last descriptor is not yet written back is left
    // for the next poll. Returns the number of frames visited.
    unsigned poll(unsigned budget, const std::function<void(const RxFrameView&)>& visit);

    // True when the next descriptor to clean has been written back.
    bool has_work() const;

    // Reports every poll to `tracepoints` from now on (nullptr: to nobody).
    void set_tracepoints(Tracepoints* tracepoints) { tracepoints_ = tracepoints; }

    unsigned queue() const { return queue_; }
    unsigned size() const { return size_; }
    unsigned buffer_size() const { return buffer_size_; }
    std::uint32_t tail() const { return tail_; }

private:
    std::uint8_t* descriptor(unsigned slot) const { return ring_.cpu + std::size_t(slot) * regs::DESC_BYTES; }
    void post(unsigned slot);

    Device& device_;
    unsigned queue_;
    unsigned size_;
    unsigned buffer_size_;
    DmaBuffer ring_;
    DmaBuffer buffers_;
    std::uint32_t next_to_clean_ = 0;
    std::uint32_t tail_ = 0;
    Tracepoints* tracepoints_ = nullptr;
    RxFrameView frame_;  // reused across frames: no allocation per packet once warm
};

}  // namespace nicsim::driver
