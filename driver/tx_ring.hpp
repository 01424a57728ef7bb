// One transmit ring as the driver sees it: descriptors, one frame buffer per slot, and the
// software side of the head/tail protocol.
#pragma once

#include <cstdint>
#include <span>

#include "descriptors.hpp"
#include "device.hpp"
#include "frame_limits.hpp"

namespace nicsim::driver {

class TxRing {
public:
    TxRing(Device& device, unsigned queue, unsigned size);
    ~TxRing();
    TxRing(const TxRing&) = delete;
    TxRing& operator=(const TxRing&) = delete;

    void start();
    void stop();

    // Copies the frame into the next slot and writes its descriptor. Returns false, changing
    // nothing, when the ring is full. The NIC does not see the frame until `kick()`.
    bool enqueue(std::span<const std::uint8_t> frame);
    // Writes the tail register (the doorbell) if frames were enqueued since the last kick.
    void kick();
    // Frees the slots of up to `max` frames the NIC has completed (DD set); returns how many.
    unsigned reclaim(unsigned max = ~0u);
    // True when the oldest frame in flight has completed.
    bool has_completions() const;

    unsigned in_flight() const { return in_flight_; }
    // Frames reclaimed so far: the transmit completions the host has processed.
    std::uint64_t completions() const { return completions_; }
    unsigned free_slots() const { return size_ - 1 - in_flight_; }
    unsigned queue() const { return queue_; }
    unsigned size() const { return size_; }

private:
    static constexpr unsigned slot_bytes = (max_frame_bytes + 7) / 8 * 8;
    std::uint8_t* descriptor(unsigned slot) const { return ring_.cpu + std::size_t(slot) * regs::DESC_BYTES; }

    Device& device_;
    unsigned queue_;
    unsigned size_;
    DmaBuffer ring_;
    DmaBuffer buffers_;
    std::uint32_t next_to_use_ = 0;
    std::uint32_t next_to_clean_ = 0;
    std::uint32_t kicked_tail_ = 0;
    unsigned in_flight_ = 0;
    std::uint64_t completions_ = 0;
};

}  // namespace nicsim::driver
