#include "cosim/measurement.hpp"

#include <algorithm>
#include <cmath>

#include <systemc>

namespace nicsim {

WindowPlan plan_window(const RunConfig& c, std::uint64_t traffic_start_ps) {
    const double span_us = static_cast<double>(c.packets) / c.load_pps * 1e6;
    const double warmup_us = std::min(c.warmup_us, span_us);
    WindowPlan p;
    p.warmup_us = warmup_us;
    p.window.start_ps = traffic_start_ps + static_cast<std::uint64_t>(std::llround(warmup_us * 1e6));
    p.window.end_ps = traffic_start_ps + static_cast<std::uint64_t>(std::llround(span_us * 1e6));
    // Every class is offered over the same span: the quiet applications' loads add up.
    const double total_pps = c.load_pps + c.quiet_load_pps * (c.apps - 1);
    p.expected_packets = total_pps * (span_us - warmup_us) * 1e-6;
    const double needed_us = c.warmup_us + min_window_packets / total_pps * 1e6;
    p.min_packets = static_cast<std::uint64_t>(std::ceil(needed_us * 1e-6 * c.load_pps));
    return p;
}

Snapshot take_snapshot(const host::SimKernel& kernel, const driver::NicDriver& nic, const Applications& apps) {
    Snapshot s;
    s.ps = sc_core::sc_time_stamp().value();
    for (unsigned core = 0; core < kernel.num_cores(); ++core) s.cores.push_back(kernel.time_split(core));
    s.irqs = kernel.irq_count();
    for (unsigned q = 0; q < nic.queues(); ++q) s.tx_completions += nic.tx(q).completions();
    s.hog_ns = apps.hog ? apps.hog->cpu_ns() : 0;
    for (const auto& sink : apps.sinks) s.app_ns.push_back(sink->cpu_ns());
    if (apps.screend) s.app_ns.push_back(apps.screend->cpu_ns());
    return s;
}

}  // namespace nicsim
