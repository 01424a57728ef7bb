#include "bridge/wall_clock_pacer.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace nicsim::bridge {

WallClockPacer::WallClockPacer(double cycle_hz, double time_scale)
    : cycles_per_wall_ns_(cycle_hz * time_scale * 1e-9), cycle_hz_(cycle_hz), time_scale_(time_scale) {
    if (!(cycle_hz > 0) || !(time_scale > 0))
        throw std::invalid_argument("WallClockPacer: clock " + std::to_string(cycle_hz) + " Hz and time scale " +
                                    std::to_string(time_scale) + " must both be above 0");
}

void WallClockPacer::anchor(std::uint64_t cycle, Clock::time_point now) {
    anchor_cycle_ = cycle;
    anchor_wall_ = now;
    if (!started_) {
        started_ = true;
        first_cycle_ = cycle;
        stretch_start_ = now;
    }
}

WallClockPacer::Clock::time_point WallClockPacer::due_time(std::uint64_t cycle) const {
    const double cycles = static_cast<double>(cycle) - static_cast<double>(anchor_cycle_);
    return anchor_wall_ + std::chrono::nanoseconds(static_cast<std::int64_t>(std::floor(cycles / cycles_per_wall_ns_)));
}

std::uint64_t WallClockPacer::cycles_allowed(std::uint64_t cycle, Clock::time_point now, std::uint64_t max_chunk) {
    const double elapsed_ns = static_cast<double>(std::chrono::duration_cast<std::chrono::nanoseconds>(now - anchor_wall_).count());
    const double target = static_cast<double>(anchor_cycle_) + std::floor(elapsed_ns * cycles_per_wall_ns_);
    const double room = target - static_cast<double>(cycle);
    if (room < 1) {
        ++done_.ahead_waits;
        return 0;
    }
    done_.max_lag = std::max(done_.max_lag, lag(cycle, now));
    return std::min<std::uint64_t>(max_chunk, static_cast<std::uint64_t>(room));
}

std::chrono::nanoseconds WallClockPacer::lag(std::uint64_t cycle, Clock::time_point now) const {
    const auto behind = now - due_time(cycle);
    return behind > Clock::duration::zero() ? std::chrono::duration_cast<std::chrono::nanoseconds>(behind)
                                            : std::chrono::nanoseconds{0};
}

void WallClockPacer::go_idle(std::uint64_t cycle, Clock::time_point now) {
    if (idle_) return;
    done_.max_lag = std::max(done_.max_lag, lag(cycle, now));
    done_.busy_wall += now - stretch_start_;
    stretch_start_ = now;
    idle_ = true;
    ++done_.idle_stretches;
}

void WallClockPacer::resume(std::uint64_t cycle, Clock::time_point now) {
    if (!idle_) return;
    done_.idle_wall += now - stretch_start_;
    stretch_start_ = now;
    idle_ = false;
    anchor(cycle, now);
}

WallClockPacer::Stats WallClockPacer::stats(std::uint64_t cycle, Clock::time_point now) const {
    Stats s = done_;
    s.busy_cycles = cycle - first_cycle_;
    if (idle_) s.idle_wall += now - stretch_start_;
    else {
        s.busy_wall += now - stretch_start_;
        s.max_lag = std::max(s.max_lag, lag(cycle, now));
    }
    return s;
}

}  // namespace nicsim::bridge
