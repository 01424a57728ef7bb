#include "bus/axis_sink.hpp"

#include <bit>
#include <cstring>
#include <stdexcept>
#include <utility>

namespace nicsim::tb {

static_assert(std::endian::native == std::endian::little,
              "AxisSink unpacks full beats with memcpy: lane 0 must be the first byte");

namespace {

constexpr std::size_t kTypicalFrameBytes = 2048;

// 0b0..01..1 with at least one byte.
bool keep_is_prefix(std::uint8_t keep) { return keep != 0 && (keep & (keep + 1u)) == 0; }

}  // namespace

AxisSink::AxisSink(const AxisPorts& ports) : p_(ports) { reset(); }

ReceivedFrame AxisSink::pop_frame() {
    if (frames_.empty()) throw std::out_of_range("AxisSink::pop_frame: no frame collected");
    ReceivedFrame f = std::move(frames_.front());
    frames_.pop_front();
    return f;
}

void AxisSink::reset() {
    current_ = ReceivedFrame{};
    in_frame_ = false;
    waiting_ = false;
    *p_.tready = 0;  // not ready during reset; tready_ (the test's choice) returns after it
}

void AxisSink::apply() { *p_.tready = tready_; }

void AxisSink::sample(std::uint64_t cycle) {
    const bool tvalid = *p_.tvalid;
    if (!tvalid && !waiting_) return;  // idle: the common case
    const std::uint64_t tdata = *p_.tdata;
    const std::uint8_t tkeep = *p_.tkeep;
    const bool tlast = *p_.tlast;
    const auto ctrl = static_cast<std::uint16_t>(tkeep | (tlast ? 0x100u : 0u) | ((*p_.tuser & 1u) << 9));

    if (waiting_ && (!tvalid || tdata != held_tdata_ || ctrl != held_ctrl_)) ++stream_violations_;
    const bool ready = *p_.tready != 0;  // as applied in this cycle
    waiting_ = tvalid && !ready;
    held_tdata_ = tdata;
    held_ctrl_ = ctrl;
    if (!tvalid || !ready) return;

    ++beats_received_;
    if (!in_frame_) {
        in_frame_ = true;
        current_.data.reserve(kTypicalFrameBytes);
    }
    if (tkeep == 0xFF) {
        const std::size_t at = current_.data.size();
        current_.data.resize(at + 8);
        std::memcpy(current_.data.data() + at, &tdata, 8);
    } else {
        for (unsigned lane = 0; lane < 8; ++lane)
            if ((tkeep >> lane) & 1u) current_.data.push_back(static_cast<std::uint8_t>(tdata >> (8 * lane)));
    }
    if (tlast ? !keep_is_prefix(tkeep) : tkeep != 0xFF) current_.keep_error = true;
    if (!tlast) return;

    current_.tuser = (*p_.tuser & 1u) != 0;
    current_.last_beat_cycle = cycle;
    frames_.push_back(std::move(current_));
    current_ = ReceivedFrame{};
    in_frame_ = false;
    ++frames_received_;
}

}  // namespace nicsim::tb
