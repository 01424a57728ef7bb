#include "cosim/run_report.hpp"

#include <systemc>

#include <algorithm>
#include <cmath>
#include <string>

namespace nicsim {
namespace {

using Numbers = std::vector<std::pair<std::string, double>>;

// The span of time traffic was offered: that of the `load` class, which the others match.
double offer_seconds(const RunParts& p) {
    return static_cast<double>(p.traffic.frames_sent(p.traffic.classes() - 1)) / p.config.load_pps;
}

void add_account(Numbers& n, const RunResult& r, const RunParts& p) {
    const auto offered = static_cast<double>(r.offered);
    const auto delivered = static_cast<double>(r.delivered);
    const double seconds = offer_seconds(p);
    n.emplace_back("offered_pps", p.traffic.classes() == 1 ? p.config.load_pps : offered / seconds);
    n.emplace_back("offered_pkts", offered);
    n.emplace_back("delivered_pkts", delivered);
    n.emplace_back("delivered_pps", seconds > 0 ? delivered / seconds : 0);
    n.emplace_back("in_flight_pkts", r.in_flight());
    // Every place a packet can die appears in every report, with 0 where this policy has no
    // such place, so results of different policies line up column by column.
    const auto& reasons = apps::drop_reasons();
    for (unsigned i = 0; i < reasons.size(); ++i) n.emplace_back(reasons[i].key(), static_cast<double>(r.drops.at(i)));
}

void add_cpu(Numbers& n, const RunParts& p) {
    n.emplace_back("irq_count", static_cast<double>(p.kernel.irq_count()));
    const auto split = p.kernel.time_split();
    const auto total = static_cast<double>(split.total());
    auto fraction = [&](std::uint64_t ps) { return total > 0 ? static_cast<double>(ps) / total : 0.0; };
    n.emplace_back("cpu_hardirq", fraction(split.hardirq_ps));
    n.emplace_back("cpu_softirq", fraction(split.softirq_ps));
    n.emplace_back("cpu_kthread", fraction(split.kthread_ps));
    n.emplace_back("cpu_user", fraction(split.user_ps));
    n.emplace_back("cpu_idle", fraction(split.idle_ps));
    if (p.config.cores <= 1) return;
    // Each core's own split, as fractions of that core's time.
    for (unsigned core = 0; core < p.config.cores; ++core) {
        const auto s = p.kernel.time_split(core);
        const auto t = static_cast<double>(s.total());
        const std::string prefix = "core" + std::to_string(core) + "_";
        auto f = [&](std::uint64_t ps) { return t > 0 ? static_cast<double>(ps) / t : 0.0; };
        n.emplace_back(prefix + "hardirq", f(s.hardirq_ps));
        n.emplace_back(prefix + "softirq", f(s.softirq_ps));
        n.emplace_back(prefix + "kthread", f(s.kthread_ps));
        n.emplace_back(prefix + "user", f(s.user_ps));
        n.emplace_back(prefix + "idle", f(s.idle_ps));
    }
}

void add_latency_and_queues(Numbers& n, const RunParts& p, double sim_ps) {
    n.emplace_back("lat_p50_us", static_cast<double>(p.ledger.latency_percentile(0.50)) / 1e6);
    n.emplace_back("lat_p99_us", static_cast<double>(p.ledger.latency_percentile(0.99)) / 1e6);
    n.emplace_back("lat_max_us", static_cast<double>(p.ledger.latency_max()) / 1e6);
    std::size_t sink_queue_max = 0;
    for (const auto& s : p.apps.sinks) sink_queue_max = std::max(sink_queue_max, s->max_queue_length());
    n.emplace_back("sink_queue_max", static_cast<double>(sink_queue_max));
    n.emplace_back("hog_cpu", p.apps.hog && sim_ps > 0 ? static_cast<double>(p.apps.hog->cpu_ns()) * 1000.0 / sim_ps : 0.0);
}

// Each application's own account, when several sink. What it was offered and neither got nor
// lost at its socket died before it: in the NIC (its share of drop_nic_*) or in a policy's
// queue (drop_ipintrq), which know nothing of applications: early_drops is that remainder.
void add_applications(Numbers& n, const RunParts& p, double sim_ps) {
    const RunConfig& c = p.config;
    if (c.app != App::sink || c.apps <= 1) return;
    const double seconds = offer_seconds(p);
    for (unsigned i = 0; i < c.apps; ++i) {
        const apps::SinkApp& s = *p.apps.sinks[i];
        // Class i is application i's when the quiet ones have traffic; else only the last has.
        const bool has_class = p.traffic.classes() == c.apps || i + 1 == c.apps;
        const auto app_offered =
            has_class ? static_cast<double>(p.traffic.frames_sent(p.traffic.classes() == c.apps ? i : 0)) : 0.0;
        const auto app_delivered = static_cast<double>(s.delivered());
        const auto host_drops = static_cast<double>(s.socket_queue_drops() + s.corrupt());
        const std::string prefix = "app" + std::to_string(i) + "_";
        n.emplace_back(prefix + "offered_pkts", app_offered);
        n.emplace_back(prefix + "offered_pps", seconds > 0 ? app_offered / seconds : 0);
        n.emplace_back(prefix + "delivered_pkts", app_delivered);
        n.emplace_back(prefix + "delivered_pps", seconds > 0 ? app_delivered / seconds : 0);
        n.emplace_back(prefix + "host_drops", host_drops);
        n.emplace_back(prefix + "early_drops", app_offered - app_delivered - host_drops);
        n.emplace_back(prefix + "cpu", sim_ps > 0 ? static_cast<double>(s.cpu_ns()) * 1000.0 / sim_ps : 0.0);
    }
}

void add_health_and_time(Numbers& n, const RunParts& p, double sim_ps) {
    for (const auto& [k, v] : p.policy.stats()) n.emplace_back(k, static_cast<double>(v));
    n.emplace_back("spurious_irqs", static_cast<double>(p.kernel.spurious_irqs()));
    n.emplace_back("dma_faults", static_cast<double>(p.platform.dma_faults()));
    n.emplace_back("axi_violations", static_cast<double>(p.platform.axi_violations()));
    n.emplace_back("sim_ns", std::round(sim_ps / 1000.0));
    n.emplace_back("nic_cycles", static_cast<double>(p.platform.nic_cycles()));
    n.emplace_back("seed", static_cast<double>(p.config.seed));
}

}  // namespace

void add_results(RunResult& r, const RunParts& parts) {
    const double sim_ps = static_cast<double>(sc_core::sc_time_stamp().value());
    add_account(r.numbers, r, parts);
    add_cpu(r.numbers, parts);
    add_latency_and_queues(r.numbers, parts, sim_ps);
    add_applications(r.numbers, parts, sim_ps);
    add_health_and_time(r.numbers, parts, sim_ps);
}

}  // namespace nicsim
