// Drives Ethernet frames into the NIC's MAC receive port (s_axis_rx_*), as the MAC would.
//
// A frame (without FCS) goes out as 64-bit beats, byte 0 in lane 0, `tkeep` marking the bytes
// of the last beat, `tlast` on the last beat, and `tuser` on the last beat when the frame is
// bad (the MAC found a wrong FCS). A zero-length frame is sent as one beat with tkeep = 0 and
// tlast = 1: the MAC never sends that, but tests of bad input need to.
//
// Pacing: `gap_cycles` idle cycles after every frame (the interframe gap), and a frame pushed
// with `not_before_cycle` starts in that cycle at the earliest, which lets a test pace frames
// at a line rate.
//
// A real MAC cannot be back-pressured: the wire does not wait. If the NIC lowers tready, this
// model holds the beat (AXI-Stream rules) and counts the cycle in stalled_cycles(); on real
// hardware those bytes would be lost. System tests should expect stalled_cycles() == 0.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "bus/bus_ports.hpp"
#include "bus/clocked_model.hpp"
#include "bus/ring_queue.hpp"

namespace nicsim::tb {

struct AxisFrame {
    AxisFrame() = default;
    AxisFrame(std::vector<std::uint8_t> bytes, bool bad = false) : data(std::move(bytes)), bad_fcs(bad) {}

    std::vector<std::uint8_t> data;
    bool bad_fcs = false;  // sent with tuser = 1 on the last beat
};

class AxisSource final : public ClockedModel {
public:
    explicit AxisSource(const AxisPorts& ports);

    // Queues a frame; it starts no earlier than cycle `not_before_cycle`.
    void push(AxisFrame frame, std::uint64_t not_before_cycle = 0);

    void set_gap_cycles(unsigned cycles) { gap_cycles_ = cycles; }
    unsigned gap_cycles() const { return gap_cycles_; }

    bool idle() const { return !sending_ && queue_.empty(); }  // nothing queued or in flight
    std::size_t queued() const { return queue_.size(); }       // including the one being sent
    std::uint64_t frames_sent() const { return frames_sent_; }
    std::uint64_t stalled_cycles() const { return stalled_cycles_; }
    // The cycle whose edge took the last beat of the latest frame sent.
    std::uint64_t last_frame_end_cycle() const { return last_frame_end_cycle_; }

    void apply() override;
    void sample(std::uint64_t cycle) override;
    void reset() override;
    std::uint64_t quiet_until(std::uint64_t next_cycle) const override;

private:
    struct Pending {
        AxisFrame frame;
        std::uint64_t not_before_cycle = 0;
    };

    void load_beat();  // sets the beat at offset_ of the front frame

    AxisPorts p_;
    RingQueue<Pending> queue_;  // front is the frame being sent while sending_
    bool sending_ = false;
    std::size_t offset_ = 0;  // first byte of the current beat
    unsigned gap_cycles_ = 0;
    unsigned gap_left_ = 0;

    // The beat as applied now; sample() replaces it with the next cycle's.
    std::uint64_t tdata_ = 0;
    std::uint8_t tkeep_ = 0, tvalid_ = 0, tlast_ = 0, tuser_ = 0;

    std::uint64_t frames_sent_ = 0;
    std::uint64_t stalled_cycles_ = 0;
    std::uint64_t last_frame_end_cycle_ = 0;
};

}  // namespace nicsim::tb
