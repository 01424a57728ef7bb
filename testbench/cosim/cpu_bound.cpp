#include "cosim/cpu_bound.hpp"

#include <algorithm>
#include <limits>

namespace nicsim {

CpuBound cpu_bound(const RunConfig& c) {
    using driver::PolicyKind;
    const host::CostTable& k = c.costs;
    CpuBound b;
    // The driver's work on every received frame, wherever the policy does it.
    double driver = k.driver_rx_ns + (c.policy == PolicyKind::soft_lrp ? k.demux_ns : 0.0);
    switch (c.app) {
        case App::forward: b.kernel_ns = driver + k.rx_packet_ns + k.forward_ns + k.tx_packet_ns + k.tx_complete_ns; break;
        case App::screend:
            b.kernel_ns = driver + k.rx_packet_ns + k.socket_enqueue_ns + k.tx_complete_ns;
            b.user_ns = k.user_packet_ns + k.forward_ns + k.tx_packet_ns;
            break;
        case App::sink:
        case App::sink_per_core:
        case App::count_:
            if (c.policy == PolicyKind::lrp) {
                // NI-LRP: the application's thread does the driver's and the protocol's work.
                b.user_ns = driver + k.rx_packet_ns + k.user_packet_ns;
            } else if (c.policy == PolicyKind::soft_lrp) {
                b.kernel_ns = driver;
                b.user_ns = k.rx_packet_ns + k.user_packet_ns;
            } else {
                b.kernel_ns = driver + k.rx_packet_ns + k.socket_enqueue_ns;
                b.user_ns = k.user_packet_ns;
            }
            break;
    }
    // Queue q's work runs on core q % cores; busy-poll's all on its one core.
    b.kernel_cores = c.policy == PolicyKind::busy_poll ? 1u : std::min(c.driver.queues, c.cores);
    // One process per core with sink-per-core; every other user process on the last core.
    b.user_cores = c.app == App::sink_per_core ? c.cores : 1u;
    const double all_ns = b.kernel_ns + b.user_ns;
    double pps = std::numeric_limits<double>::infinity();
    if (all_ns > 0) pps = std::min(pps, c.cores * 1e9 / all_ns);
    if (b.kernel_ns > 0) pps = std::min(pps, b.kernel_cores * 1e9 / b.kernel_ns);
    if (b.user_ns > 0) pps = std::min(pps, b.user_cores * 1e9 / b.user_ns);
    b.pps = pps;
    return b;
}

}  // namespace nicsim
