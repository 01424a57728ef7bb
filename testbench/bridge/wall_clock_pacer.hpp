// Paces simulated time against wall-clock time, for a simulation that talks to the real world.
//
// The rule: the simulation may lag the wall clock but never runs ahead of it, and idle
// stretches are skipped. While there is work (a frame on the wire, in the NIC, in a ring) the
// simulation runs in chunks as fast as it can, but never past the cycle the wall clock has
// reached (`time_scale` simulated seconds per wall second); if it would, the caller waits.
// When everything is quiet the caller stops simulating and waits for the outside world; the
// next event re-anchors simulated time to the wall clock, so the idle stretch costs no
// simulation and the lag does not accumulate across quiet periods.
//
// The Verilated NIC runs at a few million cycles per wall second, so at 250 MHz a busy
// stretch lags real time by ~60x: a ping's RTT through the NIC is milliseconds of wall time
// for microseconds of simulated time. lag() and the statistics say how far behind it got.
//
// No clock is read here: every call takes `now`, so the pacer is deterministic under test.
#pragma once

#include <chrono>
#include <cstdint>

namespace nicsim::bridge {

class WallClockPacer {
public:
    using Clock = std::chrono::steady_clock;

    // `cycle_hz`: the NIC clock; `time_scale`: simulated seconds per wall-clock second (> 0).
    WallClockPacer(double cycle_hz, double time_scale = 1.0);

    // Ties `cycle` to `now`: at the start, and by resume().
    void anchor(std::uint64_t cycle, Clock::time_point now);

    // How many cycles the simulation, at `cycle`, may run now: at most `max_chunk`, never past
    // the wall clock. 0 means it is ahead: nothing may run before due_time(cycle + 1). The
    // bridge then waits until due_time(cycle + max_chunk), when a whole chunk may run, rather
    // than waking for every cycle.
    std::uint64_t cycles_allowed(std::uint64_t cycle, Clock::time_point now, std::uint64_t max_chunk);
    // The wall-clock time at which `cycle` is due.
    Clock::time_point due_time(std::uint64_t cycle) const;
    // The wall-clock time `cycle` stands for on the simulated wire (timestamps in the pcap):
    // never later than the wall clock at which it was simulated.
    Clock::time_point wire_time(std::uint64_t cycle) const { return due_time(cycle); }

    // The simulation went quiet at `cycle`; stop the clock until resume().
    void go_idle(std::uint64_t cycle, Clock::time_point now);
    // Work arrived: re-anchor so that the idle stretch is skipped, not simulated.
    void resume(std::uint64_t cycle, Clock::time_point now);
    bool idle() const { return idle_; }

    // How far the simulation at `cycle` is behind the wall clock (0 if it is not).
    std::chrono::nanoseconds lag(std::uint64_t cycle, Clock::time_point now) const;

    struct Stats {
        std::uint64_t busy_cycles = 0;               // cycles simulated
        std::chrono::nanoseconds busy_wall{0};       // wall time spent with work to simulate
        std::chrono::nanoseconds idle_wall{0};       // quiet wall time skipped
        std::chrono::nanoseconds max_lag{0};         // the furthest the simulation fell behind
        std::uint64_t ahead_waits = 0;               // times it had to wait for the wall clock
        std::uint64_t idle_stretches = 0;
    };
    // Totals up to `now` (an idle or busy stretch in progress included).
    Stats stats(std::uint64_t cycle, Clock::time_point now) const;

    double cycle_hz() const { return cycle_hz_; }
    double time_scale() const { return time_scale_; }

private:
    double cycles_per_wall_ns_;
    double cycle_hz_;
    double time_scale_;
    std::uint64_t anchor_cycle_ = 0;
    Clock::time_point anchor_wall_{};
    std::uint64_t first_cycle_ = 0;
    bool started_ = false;
    bool idle_ = false;
    Clock::time_point stretch_start_{};  // of the current busy or idle stretch
    Stats done_;                          // finished stretches
};

}  // namespace nicsim::bridge
