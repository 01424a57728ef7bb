#include "bus/axis_source.hpp"

#include <bit>
#include <cstring>
#include <utility>

namespace nicsim::tb {

static_assert(std::endian::native == std::endian::little,
              "AxisSource packs bytes into tdata with memcpy: byte 0 must land in lane 0");

AxisSource::AxisSource(const AxisPorts& ports) : p_(ports) { reset(); }

void AxisSource::push(AxisFrame frame, std::uint64_t not_before_cycle) {
    Pending& slot = queue_.push_slot();
    slot.frame = std::move(frame);
    slot.not_before_cycle = not_before_cycle;
}

void AxisSource::reset() {
    // A frame cut by reset is dropped, as the MAC would drop it; the rest stay queued.
    if (sending_) queue_.pop_front();
    sending_ = false;
    offset_ = 0;
    gap_left_ = 0;
    tdata_ = 0;
    tkeep_ = tvalid_ = tlast_ = tuser_ = 0;
    apply();
}

void AxisSource::apply() {
    *p_.tdata = tdata_;
    *p_.tkeep = tkeep_;
    *p_.tvalid = tvalid_;
    *p_.tlast = tlast_;
    *p_.tuser = tuser_;
}

void AxisSource::sample(std::uint64_t cycle) {
    if (tvalid_) {
        if (!*p_.tready) {
            ++stalled_cycles_;  // hold the beat
            return;
        }
        if (!tlast_) {
            offset_ += 8;
            load_beat();
            return;
        }
        ++frames_sent_;
        last_frame_end_cycle_ = cycle;
        queue_.pop_front();
        sending_ = false;
        gap_left_ = gap_cycles_;
        tvalid_ = 0;
    }

    // Between frames.
    tdata_ = 0;
    tkeep_ = tlast_ = tuser_ = 0;
    if (gap_left_ > 0) {
        --gap_left_;
        return;
    }
    if (!queue_.empty() && queue_.front().not_before_cycle <= cycle + 1) {
        sending_ = true;
        offset_ = 0;
        load_beat();
    }
}

std::uint64_t AxisSource::quiet_until(std::uint64_t next_cycle) const {
    if (sending_ || gap_left_ > 0) return next_cycle;
    if (queue_.empty()) return quiet_forever;
    // The sample() of the cycle before a frame's first one loads its first beat.
    const std::uint64_t not_before = queue_.front().not_before_cycle;
    return not_before > next_cycle ? not_before - 1 : next_cycle;
}

void AxisSource::load_beat() {
    const Pending& pending = queue_.front();
    const std::vector<std::uint8_t>& bytes = pending.frame.data;
    const std::size_t remaining = bytes.size() - offset_;
    const std::size_t n = remaining < 8 ? remaining : 8;
    tdata_ = 0;
    if (n > 0) std::memcpy(&tdata_, bytes.data() + offset_, n);
    tkeep_ = static_cast<std::uint8_t>((1u << n) - 1u);
    tlast_ = remaining <= 8;
    tuser_ = tlast_ && pending.frame.bad_fcs;
    tvalid_ = 1;
}

}  // namespace nicsim::tb
