#include "cosim/cosim_run.hpp"

#include <systemc>

#include <chrono>
#include <memory>
#include <stdexcept>

#include "apps/delivery_ledger.hpp"
#include "apps/wire_monitor.hpp"
#include "cosim/applications.hpp"
#include "cosim/measurement.hpp"
#include "cosim/run_report.hpp"
#include "cosim/tb_event_recorder.hpp"
#include "host/sim_kernel.hpp"
#include "nic_driver.hpp"
#include "platform/nic_platform.hpp"
#include "policy_factory.hpp"
#include "traffic/mixed_source.hpp"
#include "traffic/pcap_source.hpp"

namespace nicsim {
namespace {

constexpr std::uint64_t ps_per_us = 1'000'000;
// The driver probes at time 0; traffic starts once the rings are surely up.
constexpr std::uint64_t traffic_start_ps = 20 * ps_per_us;
// How much simulated time passes between checks for the end of the run.
constexpr std::uint64_t check_interval_ps = 100 * ps_per_us;

// One class per application with traffic (run_config's traffic_classes), or the capture as the
// only class.
traffic::MixedSource make_traffic(const RunConfig& config) {
    if (config.traffic != TrafficKind::pcap) return traffic::MixedSource(traffic_classes(config, traffic_start_ps));
    std::vector<std::unique_ptr<traffic::TrafficSource>> capture;
    capture.push_back(std::make_unique<traffic::PcapSource>(config.pcap, generator_config(config, traffic_start_ps)));
    return traffic::MixedSource(std::move(capture));
}

driver::DriverConfig driver_config(const RunConfig& config) {
    driver::DriverConfig d = config.driver;
    d.nic_clock_mhz = config.platform.clock_mhz;
    return d;
}

driver::DriverCosts driver_costs(const RunConfig& config) {
    driver::DriverCosts costs;
    costs.rx_ps = host::to_ps(config.costs.driver_rx_ns);
    costs.tx_complete_ps = host::to_ps(config.costs.tx_complete_ns);
    costs.poll_empty_ps = host::to_ps(config.costs.poll_empty_ns);
    return costs;
}

// The run's parts, built in the order SystemC elaborates them, and its two phases: drain()
// runs the simulation until every packet is accounted for, report() reads the results.
class CosimRun {
public:
    explicit CosimRun(const RunConfig& config)
        : config_(config),
          traffic_(make_traffic(config)),  // a capture that cannot be read stops here, before SystemC elaborates
          kernel_("host", config.cores, config.costs),
          // The source that made a frame is the one that can tell which it was.
          ledger_(traffic_),
          wire_(ledger_, config.app == App::forward || config.app == App::screend),
          platform_("nic", kernel_, config.platform, traffic_, wire_),
          nic_(platform_, driver_config(config)),
          plan_(plan_window(config, traffic_start_ps)) {
        ledger_.set_window(plan_.window);
        // The host's decisions go into the trace's testbench scope only when there is a trace.
        if (platform_.tracing()) {
            recorder_ = std::make_unique<TbEventRecorder>(kernel_, platform_, ledger_);
            nic_.set_tracepoints(recorder_.get());
        }
        nic_.probe();
        apps_ = make_applications(config, kernel_, nic_, ledger_);
        policy_ = driver::make_policy(config.policy, kernel_, nic_, *apps_.handler, apps_.consumer,
                                      driver_costs(config), config.policies, apps_.receivers);
        policy_->start();
    }

    // Runs through the warm-up and the measurement window, snapshotting the counters at its
    // ends, then until every offered packet is delivered or counted in a drop, checking every
    // check_interval_ps once the traffic has all been offered, or until the drain timeout.
    // True when everything was accounted for.
    bool drain() {
        run_until(plan_.window.start_ps);
        begin_ = take_snapshot(kernel_, nic_, apps_);
        run_until(plan_.window.end_ps);
        end_ = take_snapshot(kernel_, nic_, apps_);
        const auto deadline_ps = plan_.window.end_ps + static_cast<std::uint64_t>(config_.drain_timeout_us * ps_per_us);
        while (sc_core::sc_time_stamp().value() < deadline_ps) {
            sc_core::sc_start(sc_core::sc_time::from_value(check_interval_ps));
            if (!platform_.traffic_exhausted()) continue;
            // Cheap test first: the host's account alone cannot exceed what was offered.
            if (host_accounted() > traffic_.total_frames()) return false;
            if (host_accounted() + nic_drops().total() >= platform_.frames_offered()) return true;
        }
        return false;
    }

    RunResult report(bool drained, std::chrono::steady_clock::time_point wall_start) {
        RunParts parts{config_, traffic_, kernel_, ledger_, platform_, *policy_, apps_, plan_, begin_, end_};
        RunResult r;
        r.policy = policy_->name();
        r.app = std::string(name_of(config_.app));
        r.drained = drained;
        r.trace = platform_.trace_report();
        r.skip = platform_.skip_stats();
        r.offered = platform_.frames_offered();
        r.delivered = ledger_.delivered_count();
        r.drops = drop_counts();
        add_results(r, parts);
        const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
        r.numbers.emplace_back("wall_s", wall);
        return r;
    }

private:
    static void run_until(std::uint64_t t_ps) {
        const std::uint64_t now = sc_core::sc_time_stamp().value();
        if (t_ps > now) sc_core::sc_start(sc_core::sc_time::from_value(t_ps - now));
    }

    // Delivered and dropped on the host (the applications' and the policy's drops).
    std::uint64_t host_accounted() const {
        std::uint64_t sum = ledger_.delivered_count() + ledger_.total_drops();
        for (const auto& [place, count] : policy_->drops()) sum += count;
        return sum;
    }

    // The NIC's drop counters as they stand now: one snapshot from the model, no bus traffic
    // (the driver does not need them; reading them over MMIO would run the NIC's clock ahead
    // of host time).
    apps::DropCounts nic_drops() const {
        const auto counters = platform_.nic_counters();
        apps::DropCounts drops;
        for (const auto& d : regs::NIC_DROPS) drops[d.drop] = counters[d.index];
        return drops;
    }

    // Every drop, by reason.
    apps::DropCounts drop_counts() {
        apps::DropCounts drops = nic_drops();
        for (const auto& [place, count] : policy_->drops()) {
            const auto where = apps::host_drop_named(place);
            if (!where) throw std::logic_error("policy " + policy_->name() + " drops at '" + place + "', a place apps/drop_reason.hpp does not name");
            drops[*where] += count;
        }
        for (unsigned i = 0; i < apps::host_drop_count; ++i) {
            const auto where = static_cast<apps::HostDrop>(i);
            drops[where] += ledger_.drops(where);
        }
        return drops;
    }

    const RunConfig& config_;
    traffic::MixedSource traffic_;
    host::SimKernel kernel_;
    apps::DeliveryLedger ledger_;
    apps::WireMonitor wire_;
    platform::NicPlatform platform_;
    driver::NicDriver nic_;
    std::unique_ptr<TbEventRecorder> recorder_;
    WindowPlan plan_;
    Applications apps_;
    std::unique_ptr<driver::RxPolicy> policy_;
    Snapshot begin_;
    Snapshot end_;
};

}  // namespace

double traffic_end_us(const RunConfig& config) {
    return static_cast<double>(traffic_start_ps) / static_cast<double>(ps_per_us) +
           static_cast<double>(config.packets) / config.load_pps * 1e6;
}

RunResult run_cosim(const RunConfig& config) {
    validate(config);
    tb::check_trace_options(config.platform.trace, {traffic_end_us(config)});
    const auto wall_start = std::chrono::steady_clock::now();
    CosimRun run(config);
    const bool drained = run.drain();
    return run.report(drained, wall_start);
}

}  // namespace nicsim
