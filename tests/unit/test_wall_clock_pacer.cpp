// Pacing simulated time against the wall clock: never ahead, lag measured, idle skipped.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <vector>

#include "bridge/wall_clock_pacer.hpp"

using namespace nicsim::bridge;
using namespace std::chrono_literals;
using Clock = WallClockPacer::Clock;

TEST_CASE("the pacer never lets the simulation run ahead of the wall clock", "[unit][bridge]") {
    WallClockPacer pacer(250e6);  // 250 cycles per µs
    const Clock::time_point t0{};
    pacer.anchor(1000, t0);
    CHECK(pacer.cycles_allowed(1000, t0, 250) == 0);  // no wall time has passed
    CHECK(pacer.stats(1000, t0).ahead_waits == 1);
    CHECK(pacer.cycles_allowed(1000, t0 + 400ns, 250) == 100);
    CHECK(pacer.cycles_allowed(1000, t0 + 10us, 250) == 250);  // capped at the chunk
    CHECK(pacer.due_time(1250) == t0 + 1us);
}

TEST_CASE("the time scale stretches simulated time against the wall clock", "[unit][bridge]") {
    WallClockPacer slow(250e6, 0.001);  // a simulated µs per wall ms
    const Clock::time_point t0{};
    slow.anchor(0, t0);
    CHECK(slow.cycles_allowed(0, t0 + 1ms, 1000) == 250);
    CHECK(slow.due_time(250) == t0 + 1ms);
}

TEST_CASE("lag is measured, and idle stretches are skipped rather than simulated", "[unit][bridge]") {
    WallClockPacer pacer(250e6);
    const Clock::time_point t0{};
    pacer.anchor(0, t0);
    // A busy stretch: 10 ms of wall time simulate only 250 cycles (1 µs): 9.999 ms behind.
    CHECK(pacer.cycles_allowed(250, t0 + 10ms, 250) == 250);
    CHECK(pacer.lag(250, t0 + 10ms) == 10ms - 1us);
    pacer.go_idle(250, t0 + 10ms);
    CHECK(pacer.idle());
    // A second of quiet, then a frame: the simulation resumes at the wall clock, not 1 s behind.
    pacer.resume(250, t0 + 1010ms);
    CHECK_FALSE(pacer.idle());
    CHECK(pacer.lag(250, t0 + 1010ms) == 0ns);
    CHECK(pacer.wire_time(250) == t0 + 1010ms);
    CHECK(pacer.cycles_allowed(250, t0 + 1010ms + 1us, 1000) == 250);

    const auto s = pacer.stats(500, t0 + 1020ms);
    CHECK(s.busy_cycles == 500);
    CHECK(s.idle_wall == 1000ms);
    CHECK(s.busy_wall == 20ms);
    CHECK(s.idle_stretches == 1);
    CHECK(s.max_lag >= 10ms - 1us);
}

// The bridge stamps a frame from the wire with wire_time(the cycle it enters the NIC) and a
// frame the NIC sends with wire_time(its last beat's cycle), and writes them in that order.
// Those stamps must never go backwards and never lie in the future, whatever the pacer is
// doing when a frame comes: busy and lagging, ahead and waiting, or idle.
TEST_CASE("pcap timestamps never run backwards: frames arriving while busy, lagging, ahead or idle", "[unit][bridge]") {
    WallClockPacer pacer(250e6);  // 250 cycles per µs
    const Clock::time_point t0{};
    Clock::time_point now = t0;
    std::uint64_t cycle = 0;
    std::vector<Clock::time_point> stamps;  // in the order the bridge writes them
    const auto stamp = [&](std::uint64_t at_cycle) {
        const auto t = pacer.wire_time(at_cycle);
        INFO("frame " << stamps.size() << " at cycle " << at_cycle);
        CHECK(t <= now);                                   // never in the future
        CHECK((stamps.empty() || t >= stamps.back()));     // never backwards
        stamps.push_back(t);
    };
    // One pass of the bridge's loop: the loop's resume() (a no-op unless idle), then a chunk of
    // at most 1 µs when the pacer allows one.
    const auto pass = [&](std::chrono::nanoseconds wall_cost) {
        pacer.resume(cycle, now);
        const std::uint64_t n = pacer.cycles_allowed(cycle, now, 250);
        cycle += n;
        now += wall_cost;  // what simulating those cycles took
        return n;
    };
    pacer.anchor(cycle, now);

    // Busy and lagging: every simulated µs takes 5 wall ms. A reply leaves in each chunk.
    now += 1us;
    for (int i = 0; i < 4; ++i) {
        REQUIRE(pass(5ms) == 250);
        stamp(cycle - 10);
    }
    const auto lag = pacer.lag(cycle, now);
    REQUIRE(lag > 19ms);

    // A frame arrives while busy and that far behind: it enters the NIC at the current cycle.
    // The loop's resume() must not re-anchor (the lag is real, and later replies would be
    // stamped before this frame otherwise).
    now += 1ms;
    pacer.resume(cycle, now);
    CHECK(pacer.lag(cycle, now) == lag + 1ms);
    stamp(cycle);
    const std::uint64_t arrival = cycle;
    REQUIRE(pass(5ms) == 250);
    stamp(arrival + 200);  // its reply, 0.8 µs later in simulated time

    // Quiet for a second, then a frame: re-anchored at the wall clock, the gap skipped.
    pacer.go_idle(cycle, now);
    now += 1s;
    pacer.resume(cycle, now);
    stamp(cycle);
    CHECK(stamps.back() == now);

    // Ahead: no wall time has passed since the re-anchor, so nothing may run; a frame that
    // arrives 100 ns later is stamped at the cycle it enters, then 25 cycles may run.
    CHECK(pacer.cycles_allowed(cycle, now, 250) == 0);
    now += 100ns;
    stamp(cycle);
    CHECK(pass(0ns) == 25);
    stamp(cycle);
    CHECK(stamps.back() == now);
}
