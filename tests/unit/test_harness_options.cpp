// The NIC clock in MHz and the DMA latency in ns, as the harness needs them: an even period in
// ps for every clock the commands accept, and the latency in cycles of that period.
#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>

#include "fake_nic_top.hpp"
#include "fake_verilator.hpp"
#include "harness/harness_options.hpp"
#include "harness/sim_control.hpp"

using namespace nicsim::tb;
using namespace nicsim::tb::test;

TEST_CASE("every accepted NIC clock gives an even period SimControl takes", "[unit][harness]") {
    for (unsigned mhz = 1; mhz <= 1000; ++mhz) {
        INFO(mhz << " MHz");
        const HarnessOptions o = harness_options(mhz, 500);
        REQUIRE(o.sim.clock_period_ps % 2 == 0);
        // The nearest even period: off by at most one ps from the exact one.
        REQUIRE(std::abs(static_cast<double>(o.sim.clock_period_ps) - 1e6 / mhz) <= 1.0);
    }
}

TEST_CASE("clocks whose nearest period is odd are rounded to an even one", "[unit][harness]") {
    // 1e6 / 3 = 333333.3 and 1e6 / 7 = 142857.1 round to odd periods, which SimControl refuses.
    CHECK(harness_options(3, 500).sim.clock_period_ps == 333334);
    CHECK(harness_options(7, 500).sim.clock_period_ps == 142858);
    for (const unsigned mhz : {3u, 7u, 9u, 11u}) {
        INFO(mhz << " MHz");
        CHECK_NOTHROW(SimControl<FakeNicTop, FakeContext, FakeTrace>(harness_options(mhz, 500).sim));
    }
    CHECK(harness_options(250, 500).sim.clock_period_ps == 4000);
}

TEST_CASE("DMA latency is counted in cycles of the rounded period, at least one", "[unit][harness]") {
    CHECK(harness_options(250, 500).dma.latency_cycles == 125);
    CHECK(harness_options(250, 0).dma.latency_cycles == 1);
    const HarnessOptions three = harness_options(3, 100'000);
    CHECK(ns_per_cycle(three) == Approx(333.334));
    CHECK(three.dma.latency_cycles == 300);  // 100000 / 333.334 = 299.9994
}

TEST_CASE("a NIC clock outside 1..1000 MHz is refused with its value", "[unit][harness]") {
    CHECK_THROWS_WITH(harness_options(0, 500), "clock_mhz = 0: must be in 1..1000");
    CHECK_THROWS_WITH(harness_options(1001, 500), "clock_mhz = 1001: must be in 1..1000");
}
