#include "cosim/cosim_run.hpp"

#include <systemc>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iomanip>
#include <memory>
#include <ostream>
#include <stdexcept>

#include "apps/cpu_hog.hpp"
#include "apps/delivery_ledger.hpp"
#include "apps/forward_app.hpp"
#include "traffic/mixed_source.hpp"
#include "policy_factory.hpp"
#include "nic_driver.hpp"
#include "platform/nic_platform.hpp"
#include "traffic/pcap_source.hpp"
#include "host/sim_kernel.hpp"
#include "apps/sink_app.hpp"
#include "apps/socket_demux.hpp"
#include "cosim/tb_event_recorder.hpp"
#include "apps/wire_monitor.hpp"

namespace nicsim {
namespace {

constexpr std::uint64_t ps_per_us = 1'000'000;
// The driver probes at time 0; traffic starts once the rings are surely up.
constexpr std::uint64_t traffic_start_ps = 20 * ps_per_us;
// How much simulated time passes between checks for the end of the run.
constexpr std::uint64_t check_interval_ps = 100 * ps_per_us;

std::string nic_drop_key(std::string_view counter) {
    // rx_no_desc_drops -> drop_nic_no_desc, rx_runt -> drop_nic_runt
    std::string name(counter);
    if (name.rfind("rx_", 0) == 0) name = name.substr(3);
    if (name.size() > 6 && name.compare(name.size() - 6, 6, "_drops") == 0) name.resize(name.size() - 6);
    return "drop_nic_" + name;
}

// One class per application with traffic (run_config's traffic_classes), or the capture as the
// only class.
traffic::MixedSource make_traffic(const RunConfig& config) {
    if (config.traffic != "pcap") return traffic::MixedSource(traffic_classes(config, traffic_start_ps));
    std::vector<std::unique_ptr<traffic::TrafficSource>> capture;
    capture.push_back(std::make_unique<traffic::PcapSource>(
        config.pcap, generator_config(config, traffic_start_ps), max_frame_bytes));
    return traffic::MixedSource(std::move(capture));
}

}  // namespace

double RunResult::get(const std::string& name) const {
    for (const auto& [k, v] : numbers)
        if (k == name) return v;
    throw std::out_of_range("no result named " + name);
}

bool RunResult::conserved() const {
    double drops = 0;
    for (const auto& [k, v] : numbers)
        if (k.rfind("drop_", 0) == 0) drops += v;
    return get("offered_pkts") == get("delivered_pkts") + drops + get("in_flight_pkts") && get("in_flight_pkts") == 0;
}

double traffic_end_us(const RunConfig& config) {
    return static_cast<double>(traffic_start_ps) / static_cast<double>(ps_per_us) +
           static_cast<double>(config.packets) / config.load_pps * 1e6;
}

RunResult run_cosim(const RunConfig& config) {
    validate(config);
    tb::check_trace_options(config.platform.trace, {traffic_end_us(config)});
    const auto wall_start = std::chrono::steady_clock::now();

    // The traffic first: a capture that cannot be read stops the run before SystemC elaborates.
    auto traffic = make_traffic(config);
    host::SimKernel kernel("host", config.cores, config.costs);
    // The source that made a frame is the one that can tell which it was.
    apps::DeliveryLedger ledger([&traffic](std::span<const std::uint8_t> frame) { return traffic.recognise(frame); });
    apps::WireMonitor wire(ledger, config.app == "forward");
    platform::NicPlatform nic_platform("nic", kernel, config.platform, traffic, wire);

    driver::DriverConfig driver_config = config.driver;
    driver_config.nic_clock_mhz = config.platform.clock_mhz;
    driver::NicDriver nic(nic_platform, driver_config);
    // The host's decisions go into the trace's testbench scope only when there is a trace.
    std::unique_ptr<platform::TbEventRecorder> recorder;
    if (nic_platform.tracing()) {
        recorder = std::make_unique<platform::TbEventRecorder>(kernel, nic_platform, ledger);
        nic.set_tracepoints(recorder.get());
    }
    nic.probe();

    std::unique_ptr<apps::ForwardApp> forward;
    std::vector<std::unique_ptr<apps::SinkApp>> sinks;
    std::unique_ptr<apps::SocketDemux> demux;
    driver::PacketHandler* handler = nullptr;
    driver::ConsumerQueue* consumer = nullptr;
    std::vector<driver::LazyReceiver*> receivers;  // for lrp
    if (config.app == "forward") {
        forward = std::make_unique<apps::ForwardApp>(kernel, nic, config.costs, ledger);
        handler = forward.get();
    } else if (config.app == "sink" && config.apps == 1) {
        // The consumer runs on the last core: with one core it shares it with the kernel.
        sinks.push_back(
            std::make_unique<apps::SinkApp>(kernel, config.costs, ledger, config.sink_queue, config.cores - 1));
        handler = sinks.back().get();
        consumer = sinks.back().get();
        receivers.push_back(sinks.back().get());
    } else if (config.app == "sink") {
        // Several applications, all on the last core, each on its own UDP port.
        demux = std::make_unique<apps::SocketDemux>(apps::SocketDemux::Key::udp_port, ledger);
        for (unsigned i = 0; i < config.apps; ++i) {
            sinks.push_back(std::make_unique<apps::SinkApp>(kernel, config.costs, ledger, config.sink_queue,
                                                            config.cores - 1, "sink" + std::to_string(i),
                                                            app_port(i)));
            demux->bind(app_port(i), *sinks.back());
            receivers.push_back(sinks.back().get());
        }
        handler = demux.get();
    } else {
        // sink-per-core: one consumer per core, fed by the queues whose vectors that core takes.
        demux = std::make_unique<apps::SocketDemux>(apps::SocketDemux::Key::queue, ledger);
        for (unsigned c = 0; c < config.cores; ++c)
            sinks.push_back(std::make_unique<apps::SinkApp>(kernel, config.costs, ledger, config.sink_queue, c,
                                                            "sink/" + std::to_string(c)));
        for (unsigned q = 0; q < config.driver.queues; ++q) demux->bind(q, *sinks[q % config.cores]);
        handler = demux.get();
    }
    std::unique_ptr<apps::CpuHog> hog;
    if (config.hog) hog = std::make_unique<apps::CpuHog>(kernel, 0);
    driver::DriverCosts driver_costs;
    driver_costs.rx_ps = host::to_ps(config.costs.driver_rx_ns);
    driver_costs.tx_complete_ps = host::to_ps(config.costs.tx_complete_ns);
    driver_costs.poll_empty_ps = host::to_ps(config.costs.poll_empty_ns);
    const auto policy = driver::make_policy(config.policy, kernel, nic, *handler, consumer, driver_costs,
                                            config.policies, receivers);
    policy->start();

    auto nic_drops = [&] {
        std::vector<std::pair<std::string, double>> drops;
        for (const auto& c : nic.read_counters())
            if (c.drop) drops.emplace_back(nic_drop_key(c.name), static_cast<double>(c.value));
        return drops;
    };
    auto policy_drops = [&] {
        std::uint64_t sum = 0;
        for (const auto& [k, v] : policy->drops()) sum += v;
        return sum;
    };
    auto accounted = [&] {
        double sum = static_cast<double>(ledger.delivered_count() + ledger.total_drops() + policy_drops());
        for (const auto& [k, v] : nic_drops()) sum += v;
        return sum;
    };

    const auto offer_end_ps =
        traffic_start_ps + static_cast<std::uint64_t>(static_cast<double>(config.packets) / config.load_pps * 1e12);
    const auto deadline_ps = offer_end_ps + static_cast<std::uint64_t>(config.drain_timeout_us * ps_per_us);
    bool drained = false;
    while (sc_core::sc_time_stamp().value() < deadline_ps) {
        sc_core::sc_start(sc_core::sc_time::from_value(check_interval_ps));
        if (!nic_platform.traffic_exhausted()) continue;
        // Cheap test first: the ledger alone cannot exceed what was offered.
        if (static_cast<double>(ledger.delivered_count() + ledger.total_drops() + policy_drops()) >
            static_cast<double>(traffic.total_frames()))
            break;
        if (accounted() >= static_cast<double>(nic_platform.frames_offered())) {
            drained = true;
            break;
        }
    }

    RunResult r;
    r.policy = policy->name();
    r.app = config.app;
    r.drained = drained;
    r.trace = nic_platform.trace_report();
    const double sim_ps = static_cast<double>(sc_core::sc_time_stamp().value());
    const auto offered = static_cast<double>(nic_platform.frames_offered());
    // The span of time traffic was offered: that of the `load` class, which the others match.
    const double offer_seconds =
        static_cast<double>(traffic.frames_sent(traffic.classes() - 1)) / config.load_pps;
    const auto delivered = static_cast<double>(ledger.delivered_count());
    auto& n = r.numbers;
    n.emplace_back("offered_pps", traffic.classes() == 1 ? config.load_pps : offered / offer_seconds);
    n.emplace_back("offered_pkts", offered);
    n.emplace_back("delivered_pkts", delivered);
    n.emplace_back("delivered_pps", offer_seconds > 0 ? delivered / offer_seconds : 0);
    const auto drops = nic_drops();
    double drop_sum = static_cast<double>(ledger.total_drops() + policy_drops());
    for (const auto& [k, v] : drops) drop_sum += v;
    n.emplace_back("in_flight_pkts", offered - delivered - drop_sum);
    for (const auto& d : drops) n.push_back(d);
    // Every host-side place a packet can die appears in every report, with 0 where this
    // policy has no such place, so results of different policies line up column by column.
    auto policy_drop = [&](const std::string& where) {
        for (const auto& [k, v] : policy->drops())
            if (k == where) return static_cast<double>(v);
        return 0.0;
    };
    n.emplace_back("drop_ipintrq", policy_drop("ipintrq"));
    for (unsigned i = 0; i < apps::host_drop_names.size(); ++i)
        n.emplace_back("drop_" + std::string(apps::host_drop_names[i]),
                       static_cast<double>(ledger.drops(static_cast<apps::HostDrop>(i))));
    n.emplace_back("irq_count", static_cast<double>(kernel.irq_count()));
    const auto split = kernel.time_split();
    const auto total = static_cast<double>(split.total());
    auto fraction = [&](std::uint64_t ps) { return total > 0 ? static_cast<double>(ps) / total : 0.0; };
    n.emplace_back("cpu_hardirq", fraction(split.hardirq_ps));
    n.emplace_back("cpu_softirq", fraction(split.softirq_ps));
    n.emplace_back("cpu_kthread", fraction(split.kthread_ps));
    n.emplace_back("cpu_user", fraction(split.user_ps));
    n.emplace_back("cpu_idle", fraction(split.idle_ps));
    if (config.cores > 1) {
        // Each core's own split, as fractions of that core's time.
        for (unsigned core = 0; core < config.cores; ++core) {
            const auto s = kernel.time_split(core);
            const auto t = static_cast<double>(s.total());
            const std::string p = "core" + std::to_string(core) + "_";
            auto f = [&](std::uint64_t ps) { return t > 0 ? static_cast<double>(ps) / t : 0.0; };
            n.emplace_back(p + "hardirq", f(s.hardirq_ps));
            n.emplace_back(p + "softirq", f(s.softirq_ps));
            n.emplace_back(p + "kthread", f(s.kthread_ps));
            n.emplace_back(p + "user", f(s.user_ps));
            n.emplace_back(p + "idle", f(s.idle_ps));
        }
    }
    n.emplace_back("lat_p50_us", static_cast<double>(ledger.latency_percentile(0.50)) / 1e6);
    n.emplace_back("lat_p99_us", static_cast<double>(ledger.latency_percentile(0.99)) / 1e6);
    n.emplace_back("lat_max_us", static_cast<double>(ledger.latency_max()) / 1e6);
    std::size_t sink_queue_max = 0;
    for (const auto& s : sinks) sink_queue_max = std::max(sink_queue_max, s->max_queue_length());
    n.emplace_back("sink_queue_max", static_cast<double>(sink_queue_max));
    n.emplace_back("hog_cpu", hog && sim_ps > 0 ? static_cast<double>(hog->cpu_ns()) * 1000.0 / sim_ps : 0.0);
    if (config.app == "sink" && config.apps > 1) {
        // Each application's own account. What it was offered and neither got nor lost at its
        // socket died before it: in the NIC (its share of drop_nic_*) or in a policy's queue
        // (drop_ipintrq), which know nothing of applications: early_drops is that remainder.
        for (unsigned i = 0; i < config.apps; ++i) {
            const apps::SinkApp& s = *sinks[i];
            // Class i is application i's when the quiet ones have traffic; else only the last has.
            const bool has_class = traffic.classes() == config.apps || i + 1 == config.apps;
            const auto app_offered = has_class ? static_cast<double>(traffic.frames_sent(
                                                     traffic.classes() == config.apps ? i : 0))
                                               : 0.0;
            const auto app_delivered = static_cast<double>(s.delivered());
            const auto host_drops = static_cast<double>(s.socket_queue_drops() + s.corrupt());
            const std::string p = "app" + std::to_string(i) + "_";
            n.emplace_back(p + "offered_pkts", app_offered);
            n.emplace_back(p + "offered_pps", offer_seconds > 0 ? app_offered / offer_seconds : 0);
            n.emplace_back(p + "delivered_pkts", app_delivered);
            n.emplace_back(p + "delivered_pps", offer_seconds > 0 ? app_delivered / offer_seconds : 0);
            n.emplace_back(p + "host_drops", host_drops);
            n.emplace_back(p + "early_drops", app_offered - app_delivered - host_drops);
            n.emplace_back(p + "cpu", sim_ps > 0 ? static_cast<double>(s.cpu_ns()) * 1000.0 / sim_ps : 0.0);
        }
    }
    for (const auto& [k, v] : policy->stats()) n.emplace_back(k, static_cast<double>(v));
    n.emplace_back("spurious_irqs", static_cast<double>(kernel.spurious_irqs()));
    n.emplace_back("dma_faults", static_cast<double>(nic_platform.dma_faults()));
    n.emplace_back("axi_violations", static_cast<double>(nic_platform.axi_violations()));
    n.emplace_back("sim_ns", std::round(sim_ps / 1000.0));
    n.emplace_back("nic_cycles", static_cast<double>(nic_platform.nic_cycles()));
    n.emplace_back("seed", static_cast<double>(config.seed));
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
    n.emplace_back("wall_s", wall);
    return r;
}

void print_json(std::ostream& out, const RunResult& r) {
    nlohmann::ordered_json j;
    j["policy"] = r.policy;
    j["app"] = r.app;
    for (const auto& [k, v] : r.numbers) {
        if (v == std::floor(v) && std::fabs(v) < 9e15) j[k] = static_cast<long long>(v);
        else j[k] = v;
    }
    j["drained"] = r.drained;
    out << j.dump() << "\n";
}

void print_summary(std::ostream& out, const RunConfig& c, const RunResult& r) {
    const auto flags = out.flags();
    const auto precision = out.precision();
    out << "nicsim run: policy " << r.policy << ", app " << r.app << ", " << c.packets << " packets "
        << (c.traffic == "pcap" ? "from " + c.pcap : "of " + std::to_string(c.size) + " bytes") << " at " << c.load_pps << " packets/s, " << c.driver.queues << " queue(s), " << c.cores
        << " core(s), seed " << c.seed << "\n";
    for (const auto& [k, v] : r.numbers) {
        out << "  " << std::left << std::setw(22) << k;
        if (v == std::floor(v) && std::fabs(v) < 9e15) out << static_cast<long long>(v);
        else out << std::fixed << std::setprecision(4) << v << std::defaultfloat;
        out << "\n";
    }
    out << "  " << std::left << std::setw(22) << "conservation"
        << (r.conserved() ? "ok (offered = delivered + drops, nothing in flight)" : "VIOLATED") << "\n";
    out.flags(flags);
    out.precision(precision);
}

}  // namespace nicsim
