// Collects the frames the NIC transmits on its MAC port (m_axis_tx_*), as the MAC would.
//
// Bytes are taken from the lanes tkeep marks, in lane order. The NIC must send every beat but
// the last full and the last one filled from lane 0 up; a frame that breaks this (a hole in
// tkeep, a partial middle beat, a beat with tkeep = 0) is still collected but flagged, so a
// test can tell a framing bug from a data bug.
//
// tready is 1 unless a test lowers it with set_ready() to back-pressure the NIC. While tready
// is low, the sink checks that the NIC holds its beat (AXI-Stream rules) and counts each
// breach in stream_violations().
#pragma once

#include <cstdint>
#include <deque>
#include <vector>

#include "bus/bus_ports.hpp"
#include "bus/clocked_model.hpp"

namespace nicsim::tb {

struct ReceivedFrame {
    std::vector<std::uint8_t> data;
    std::uint64_t last_beat_cycle = 0;  // the cycle whose edge took the last beat
    bool tuser = false;                 // tuser on the last beat
    bool keep_error = false;            // tkeep was not contiguous (see above)
};

class AxisSink final : public ClockedModel {
public:
    explicit AxisSink(const AxisPorts& ports);

    // Takes effect from the next cycle.
    void set_ready(bool ready) { tready_ = ready ? 1 : 0; }
    bool ready() const { return tready_ != 0; }

    std::deque<ReceivedFrame>& frames() { return frames_; }
    const std::deque<ReceivedFrame>& frames() const { return frames_; }
    std::size_t frame_count() const { return frames_.size(); }
    // Removes and returns the oldest collected frame (std::out_of_range if there is none).
    ReceivedFrame pop_frame();
    std::uint64_t frames_received() const { return frames_received_; }  // ever, pops included
    std::uint64_t beats_received() const { return beats_received_; }
    bool in_frame() const { return in_frame_; }  // some beats of a frame taken, not its last
    std::uint64_t stream_violations() const { return stream_violations_; }

    void apply() override;
    void sample(std::uint64_t cycle) override;
    void reset() override;
    // Passive: only a beat the NIC shows (or a new tready from the test) can change anything.
    std::uint64_t quiet_until(std::uint64_t next_cycle) const override {
        return (*p_.tvalid || waiting_ || *p_.tready != tready_) ? next_cycle : quiet_forever;
    }

private:
    AxisPorts p_;
    std::uint8_t tready_ = 1;

    ReceivedFrame current_;
    bool in_frame_ = false;
    std::deque<ReceivedFrame> frames_;

    // The beat shown while tready was low, which must be held until taken.
    bool waiting_ = false;
    std::uint64_t held_tdata_ = 0;
    std::uint16_t held_ctrl_ = 0;

    std::uint64_t frames_received_ = 0;
    std::uint64_t beats_received_ = 0;
    std::uint64_t stream_violations_ = 0;
};

}  // namespace nicsim::tb
