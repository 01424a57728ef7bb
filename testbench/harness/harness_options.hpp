// The NIC clock and the host memory latency as a user gives them (MHz, ns), turned into the
// harness's units: one place for `nicsim loopback`, `nicsim bridge` and the co-simulation.
#pragma once

#include "harness/rtl_harness.hpp"

namespace nicsim::tb {

// SimControl needs an even clock period in ps; the period is the one nearest 1/clock_mhz
// (3 MHz: 333334 ps, not 333333). The DMA latency is rounded to whole cycles of that period,
// at least 1. Throws std::invalid_argument "clock_mhz = V: must be in 1..1000" otherwise.
HarnessOptions harness_options(unsigned clock_mhz, unsigned dma_latency_ns);

// The clock period the options really give, in ns: use it, not 1000 / clock_mhz, wherever
// cycles become time.
inline double ns_per_cycle(const HarnessOptions& options) {
    return static_cast<double>(options.sim.clock_period_ps) / 1000.0;
}

}  // namespace nicsim::tb
