#include "cosim/run_report.hpp"

#include <systemc>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <string_view>

#include "cosim/cpu_bound.hpp"

namespace nicsim {
namespace {

using Numbers = std::vector<std::pair<std::string, double>>;

// More than 2% apart, and more than the one packet by which counting alone can part the halves
// of a perfectly steady stream.
bool halves_differ(std::uint64_t first, std::uint64_t second) {
    const double a = static_cast<double>(first), b = static_cast<double>(second);
    return std::fabs(a - b) > std::max(1.0, max_half_difference * std::max(a, b));
}

double rate(std::uint64_t count, double seconds) { return seconds > 0 ? static_cast<double>(count) / seconds : 0.0; }

host::CpuTimeSplit minus(const host::CpuTimeSplit& a, const host::CpuTimeSplit& b) {
    return {a.hardirq_ps - b.hardirq_ps, a.softirq_ps - b.softirq_ps, a.kthread_ps - b.kthread_ps,
            a.user_ps - b.user_ps, a.idle_ps - b.idle_ps};
}

// The whole run's account (what conservation checks): offered, delivered, in flight, and
// every drop. Every place a packet can die appears in every report, with 0 where this policy
// has no such place, so results of different policies line up column by column. The rates
// beside the counts are the window's (add_window).
void add_account(Numbers& n, const RunResult& r, const RunParts& p) {
    const double seconds = p.plan.window.seconds();
    n.emplace_back("offered_pps", rate(p.ledger.offers().inside(), seconds));
    n.emplace_back("offered_pkts", static_cast<double>(r.offered));
    n.emplace_back("delivered_pkts", static_cast<double>(r.delivered));
    n.emplace_back("delivered_pps", rate(p.ledger.deliveries().inside(), seconds));
    n.emplace_back("in_flight_pkts", r.in_flight());
    const auto& reasons = apps::drop_reasons();
    for (unsigned i = 0; i < reasons.size(); ++i) n.emplace_back(reasons[i].key(), static_cast<double>(r.drops.at(i)));
}

// The measurement window: where it lies, what was offered and delivered in it, each half's
// delivered rate, what was drained after it, and whether its rates can be trusted.
void add_window(Numbers& n, const RunParts& p) {
    const apps::MeasurementWindow& w = p.plan.window;
    const apps::WindowCount& offers = p.ledger.offers();
    const apps::WindowCount& deliveries = p.ledger.deliveries();
    const double half = w.seconds() / 2;
    const double first = rate(deliveries.first_half(), half);
    const double second = rate(deliveries.second_half(), half);
    n.emplace_back("warmup_us", p.plan.warmup_us);
    n.emplace_back("window_us", static_cast<double>(w.end_ps - w.start_ps) / 1e6);
    n.emplace_back("window_offered_pkts", static_cast<double>(offers.inside()));
    n.emplace_back("window_delivered_pkts", static_cast<double>(deliveries.inside()));
    n.emplace_back("drained_pkts", static_cast<double>(deliveries.after()));
    n.emplace_back("delivered_pps_first_half", first);
    n.emplace_back("delivered_pps_second_half", second);
    n.emplace_back("flag_unstable", halves_differ(deliveries.first_half(), deliveries.second_half()) ? 1 : 0);
    n.emplace_back("flag_short_window", p.plan.too_short() ? 1 : 0);
    n.emplace_back("window_min_packets", static_cast<double>(p.plan.min_packets));
    n.emplace_back("cpu_bound_pps", std::round(cpu_bound(p.config).pps));
}

// Interrupts (the whole run's count, and per million packets offered in the window), transmit
// completions the host processed in the window, and the CPU split of the window.
void add_cpu(Numbers& n, const RunParts& p) {
    const double seconds = p.plan.window.seconds();
    const std::uint64_t window_offered = p.ledger.offers().inside();
    n.emplace_back("irq_count", static_cast<double>(p.kernel.irq_count()));
    n.emplace_back("irq_per_mpkt", window_offered > 0 ? static_cast<double>(p.end.irqs - p.begin.irqs) * 1e6 /
                                                            static_cast<double>(window_offered)
                                                      : 0.0);
    n.emplace_back("tx_completions_pps", rate(p.end.tx_completions - p.begin.tx_completions, seconds));
    host::CpuTimeSplit all;
    std::vector<host::CpuTimeSplit> cores;
    for (std::size_t core = 0; core < p.end.cores.size(); ++core) {
        cores.push_back(minus(p.end.cores[core], p.begin.cores[core]));
        all += cores.back();
    }
    auto add_split = [&n](const std::string& prefix, const host::CpuTimeSplit& s) {
        const auto t = static_cast<double>(s.total());
        auto f = [&](std::uint64_t ps) { return t > 0 ? static_cast<double>(ps) / t : 0.0; };
        n.emplace_back(prefix + "hardirq", f(s.hardirq_ps));
        n.emplace_back(prefix + "softirq", f(s.softirq_ps));
        n.emplace_back(prefix + "kthread", f(s.kthread_ps));
        n.emplace_back(prefix + "user", f(s.user_ps));
        n.emplace_back(prefix + "idle", f(s.idle_ps));
    };
    add_split("cpu_", all);
    if (p.config.cores <= 1) return;
    // Each core's own split, as fractions of that core's time.
    for (std::size_t core = 0; core < cores.size(); ++core) add_split("core" + std::to_string(core) + "_", cores[core]);
}

// A process's share of one core over the window.
double share(std::uint64_t end_ns, std::uint64_t begin_ns, const RunParts& p) {
    const double window_ns = static_cast<double>(p.end.ps - p.begin.ps) / 1000.0;
    return window_ns > 0 ? static_cast<double>(end_ns - begin_ns) / window_ns : 0.0;
}

void add_latency_and_queues(Numbers& n, const RunParts& p) {
    n.emplace_back("lat_p50_us", static_cast<double>(p.ledger.latency_percentile(0.50)) / 1e6);
    n.emplace_back("lat_p99_us", static_cast<double>(p.ledger.latency_percentile(0.99)) / 1e6);
    n.emplace_back("lat_max_us", static_cast<double>(p.ledger.latency_max()) / 1e6);
    std::size_t sink_queue_max = 0;
    for (const auto& s : p.apps.sinks) sink_queue_max = std::max(sink_queue_max, s->max_queue_length());
    if (p.apps.screend) sink_queue_max = std::max(sink_queue_max, p.apps.screend->max_queue_length());
    n.emplace_back("sink_queue_max", static_cast<double>(sink_queue_max));
    n.emplace_back("hog_cpu", p.apps.hog ? share(p.end.hog_ns, p.begin.hog_ns, p) : 0.0);
    if (p.apps.screend) n.emplace_back("screend_cpu", share(p.end.app_ns.back(), p.begin.app_ns.back(), p));
}

// Each application's own account, when several sink. What it was offered and neither got nor
// lost at its socket died before it: in the NIC (its share of drop_nic_*) or in a policy's
// queue (drop_ipintrq, drop_lrp_channel), which know nothing of applications: early_drops is
// that remainder. Counts are the whole run's, rates and CPU shares the window's.
void add_applications(Numbers& n, const RunParts& p) {
    const RunConfig& c = p.config;
    if (c.app != App::sink || c.apps <= 1) return;
    const double seconds = p.plan.window.seconds();
    for (unsigned i = 0; i < c.apps; ++i) {
        const apps::SinkApp& s = *p.apps.sinks[i];
        const apps::WindowCount offers = p.ledger.offers_to(app_port(i));
        const auto app_delivered = static_cast<double>(s.delivered());
        const auto host_drops = static_cast<double>(s.socket_queue_drops() + s.corrupt());
        const std::string prefix = "app" + std::to_string(i) + "_";
        n.emplace_back(prefix + "offered_pkts", static_cast<double>(offers.total()));
        n.emplace_back(prefix + "offered_pps", rate(offers.inside(), seconds));
        n.emplace_back(prefix + "delivered_pkts", app_delivered);
        n.emplace_back(prefix + "delivered_pps", rate(s.deliveries().inside(), seconds));
        n.emplace_back(prefix + "host_drops", host_drops);
        n.emplace_back(prefix + "early_drops", static_cast<double>(offers.total()) - app_delivered - host_drops);
        n.emplace_back(prefix + "cpu", share(p.end.app_ns[i], p.begin.app_ns[i], p));
    }
}

void add_health_and_time(Numbers& n, const RunParts& p, double sim_ps) {
    for (const auto& [k, v] : p.policy.stats()) n.emplace_back(k, static_cast<double>(v));
    n.emplace_back("spurious_irqs", static_cast<double>(p.kernel.spurious_irqs()));
    n.emplace_back("dma_faults", static_cast<double>(p.platform.dma_faults()));
    n.emplace_back("axi_violations", static_cast<double>(p.platform.axi_violations()));
    n.emplace_back("sim_ns", std::round(sim_ps / 1000.0));
    n.emplace_back("nic_cycles", static_cast<double>(p.platform.nic_cycles()));
    // DMA bus utilisation over the whole run: cycles with a read (write) data beat, and their
    // share of the NIC's cycles (one beat per cycle at most on the 64-bit bus).
    const auto counters = p.platform.nic_counters();
    for (const char* name : {"dma_rd_busy_cycles", "dma_wr_busy_cycles"}) {
        const auto it = std::find_if(regs::GLOBAL_COUNTERS.begin(), regs::GLOBAL_COUNTERS.end(),
                                     [&](const auto& c) { return std::string_view(c.name) == name; });
        if (it == regs::GLOBAL_COUNTERS.end()) throw std::logic_error(std::string("no NIC counter ") + name);
        const double busy = static_cast<double>(counters[static_cast<std::size_t>(it - regs::GLOBAL_COUNTERS.begin())]);
        n.emplace_back(name, busy);
        const double cycles = static_cast<double>(p.platform.nic_cycles());
        n.emplace_back(std::string(name).substr(0, 6) + "_utilisation", cycles > 0 ? busy / cycles : 0.0);
    }
    n.emplace_back("seed", static_cast<double>(p.config.seed));
}

}  // namespace

void add_results(RunResult& r, const RunParts& parts) {
    r.seed = parts.config.seed;
    const double sim_ps = static_cast<double>(sc_core::sc_time_stamp().value());
    add_account(r.numbers, r, parts);
    add_window(r.numbers, parts);
    add_cpu(r.numbers, parts);
    add_latency_and_queues(r.numbers, parts);
    add_applications(r.numbers, parts);
    add_health_and_time(r.numbers, parts, sim_ps);
}

}  // namespace nicsim
