// Pacing simulated time against the wall clock: never ahead, lag measured, idle skipped.
#include <catch2/catch.hpp>

#include <chrono>

#include "wall_clock_pacer.hpp"

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

TEST_CASE("wire time never runs backwards across idle stretches", "[unit][bridge]") {
    WallClockPacer pacer(250e6);
    const Clock::time_point t0{};
    pacer.anchor(0, t0);
    const auto before = pacer.wire_time(25'000);  // 100 µs simulated, taken 5 ms of wall time
    pacer.go_idle(25'000, t0 + 5ms);
    pacer.resume(25'000, t0 + 6ms);
    CHECK(pacer.wire_time(25'000) >= before);
    CHECK(pacer.wire_time(25'001) > pacer.wire_time(25'000));
}
