#include "harness/harness_options.hpp"

#include <algorithm>
#include <cmath>

#include "range_check.hpp"

namespace nicsim::tb {

HarnessOptions harness_options(unsigned clock_mhz, unsigned dma_latency_ns) {
    model::check_range<unsigned>("clock_mhz", clock_mhz, 1, 1000);
    HarnessOptions o;
    const auto half_ps = std::llround(1e6 / clock_mhz / 2.0);
    o.sim.clock_period_ps = 2 * static_cast<std::uint64_t>(std::max<long long>(1, half_ps));
    // The host's window: 256 reads in flight, as PCIe with extended tags allows (8-bit tags;
    // without them 32, with which 64-byte line rate holds at 1.5 us, not at 1.75 us), and as many
    // writes (posted on PCIe; the B response is the bridge's).
    o.dma.max_outstanding_reads = 256;
    o.dma.max_outstanding_writes = 256;
    o.dma.latency_cycles =
        std::max<unsigned>(1, static_cast<unsigned>(std::llround(dma_latency_ns / ns_per_cycle(o))));
    return o;
}

}  // namespace nicsim::tb
