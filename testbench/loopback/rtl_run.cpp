#include "loopback/rtl_run.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iomanip>
#include <ostream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>

#include "harness/harness_options.hpp"
#include "loopback/loopback_ranges.hpp"
#include "traffic/line_rate.hpp"
#include "harness/nic_harness.hpp"
#include "traffic/test_frame.hpp"

namespace nicsim::tb {
namespace {

bool power_of_two(unsigned v) { return v != 0 && (v & (v - 1)) == 0; }

double percentile(std::vector<double>& sorted_values, double p) {
    if (sorted_values.empty()) return 0;
    const auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(sorted_values.size())));
    return sorted_values[std::min(sorted_values.size() - 1, rank == 0 ? 0 : rank - 1)];
}

}  // namespace

void validate(const RtlRunOptions& o) {
    // Each numeric option against loopback_ranges, the table the help shows.
    for (const LoopbackRange& r : loopback_ranges) {
        const double v = loopback_value(o, r.key);
        if (v >= r.low && v <= r.high) continue;
        std::ostringstream os;
        os.precision(15);
        os << r.key << " = " << v << ": must be " << (r.integer ? "an integer" : "a number") << " in " << r.low
           << ".." << r.high;
        throw std::invalid_argument(os.str());
    }
    const double line_rate = line_rate_pps(o.link_gbps, o.size);
    if (!(o.rate_pps > 0) || o.rate_pps > line_rate) {
        std::ostringstream os;
        os << "rate = " << o.rate_pps << ": must be in (0, " << std::fixed << std::setprecision(0)
           << std::floor(line_rate) << "] frames/s, the line rate of " << std::setprecision(3) << o.link_gbps
           << " Gb/s Ethernet for " << o.size << "-byte frames";
        throw std::invalid_argument(os.str());
    }
    if (!power_of_two(o.driver.rx_ring_size))
        throw std::invalid_argument("rx-ring = " + std::to_string(o.driver.rx_ring_size) +
                                    ": must be a power of two in 8..4096");
    if (!power_of_two(o.driver.tx_ring_size))
        throw std::invalid_argument("tx-ring = " + std::to_string(o.driver.tx_ring_size) +
                                    ": must be a power of two in 8..4096");
    if (o.driver.rx_buffer_size % 8 != 0)
        throw std::invalid_argument("rx-buf-size = " + std::to_string(o.driver.rx_buffer_size) +
                                    ": must be a multiple of 8 in 64..16384");
}

RtlRunReport run_rtl(const RtlRunOptions& o) {
    validate(o);
    const auto wall_start = std::chrono::steady_clock::now();
    HarnessOptions options = harness_options(o.clock_mhz, o.dma_latency_ns);
    options.dma.max_outstanding_reads = o.dma_window;
    options.dma.max_outstanding_writes = o.dma_window;
    const double ns_per_cycle = tb::ns_per_cycle(options);
    NicHarness harness(options);
    if (!o.trace_path.empty()) harness.sim().open_trace(o.trace_path);
    harness.reset();

    NicDevice device(harness);
    driver::DriverConfig driver_config = o.driver;
    driver_config.nic_clock_mhz = o.clock_mhz;
    driver::NicDriver nic(device, driver_config);
    nic.probe();

    RtlRunReport report;
    report.seed = o.seed;
    std::mt19937_64 rng(o.seed);
    std::uniform_int_distribution<unsigned> flow_pick(0, o.flows - 1);
    const double cycles_per_frame = o.clock_mhz * 1e6 / o.rate_pps;
    const auto poll_cycles = std::max<std::uint64_t>(1, static_cast<std::uint64_t>(o.poll_interval_ns / ns_per_cycle));
    const std::uint64_t first_cycle = harness.cycle() + 16;

    std::vector<bool> seen(o.packets, false);
    std::vector<double> latencies;
    latencies.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(o.packets, 10'000'000)));
    std::vector<std::uint8_t> frame;
    std::uint64_t next_sequence = 0;
    std::uint64_t frames_queued_for_tx = 0;

    auto offer_due_frames = [&] {
        // Keep the source fed two poll periods ahead, without holding every frame at once.
        const std::uint64_t horizon = harness.cycle() + 2 * poll_cycles;
        while (next_sequence < o.packets) {
            const auto when =
                first_cycle + static_cast<std::uint64_t>(std::llround(static_cast<double>(next_sequence) * cycles_per_frame));
            if (when > horizon) break;
            TestFrameSpec spec;
            spec.size = o.size;
            spec.src_port = static_cast<std::uint16_t>(1024 + flow_pick(rng));
            build_test_frame(spec, {next_sequence, when}, frame);
            harness.rx_source().push(AxisFrame{frame, false}, when);
            ++next_sequence;
            ++report.offered;
        }
    };

    auto poll_rings = [&] {
        for (unsigned q = 0; q < nic.queues(); ++q) {
            nic.rx(q).poll(o.poll_budget, [&](const driver::RxFrameView& view) {
                view.copy_to(frame);
                const auto stamp = parse_test_frame(frame);
                if (!stamp || stamp->sequence >= o.packets) {
                    ++report.corrupted;
                    return;
                }
                if (seen[stamp->sequence]) {
                    ++report.duplicated;
                    return;
                }
                seen[stamp->sequence] = true;
                ++report.delivered;
                latencies.push_back(static_cast<double>(harness.cycle() - stamp->sent_at) * ns_per_cycle);
                // Queued now, handed to the NIC with one doorbell per poll below (as a driver's
                // xmit_more batching does): one MMIO write per frame would cost the poll more
                // bus time than line rate leaves it.
                if (o.forward) {
                    if (nic.tx(q).enqueue(frame)) ++frames_queued_for_tx;
                    else ++report.tx_ring_full;
                }
            });
            nic.tx(q).kick();
            nic.tx(q).reclaim();
        }
        while (harness.tx_sink().frame_count() > 0) {
            harness.tx_sink().pop_frame();
            ++report.transmitted;
        }
    };

    auto nic_drop_total = [&] {
        std::uint64_t drops = 0;
        for (const auto& c : nic.read_counters())
            if (c.drop) drops += c.value;
        return drops;
    };

    // Offer everything, then drain: the run ends when every offered frame is accounted for
    // (delivered or dropped) and every frame sent back out has left on the wire.
    const std::uint64_t drain_limit_cycles = 1'000'000;  // 4 ms at 250 MHz: far beyond any queue
    std::uint64_t idle_since = 0;
    for (;;) {
        offer_due_frames();
        harness.run(poll_cycles);
        poll_rings();
        if (next_sequence < o.packets || !harness.rx_source().idle()) continue;
        if (idle_since == 0) idle_since = harness.cycle();
        bool tx_idle = report.transmitted == frames_queued_for_tx;
        for (unsigned q = 0; q < nic.queues() && tx_idle; ++q) tx_idle = nic.tx(q).in_flight() == 0;
        if (tx_idle && report.delivered + report.corrupted + report.duplicated + nic_drop_total() >= report.offered)
            break;
        if (harness.cycle() - idle_since > drain_limit_cycles)
            throw std::runtime_error("run did not drain within " + std::to_string(drain_limit_cycles) +
                                     " cycles after the last frame: delivered " + std::to_string(report.delivered) +
                                     " of " + std::to_string(report.offered) + ", transmitted " +
                                     std::to_string(report.transmitted) + " of " + std::to_string(frames_queued_for_tx));
    }

    report.nic_counters = nic.read_counters();
    for (const auto& c : report.nic_counters)
        if (c.drop) report.nic_drops += c.value;
    report.dma_faults = harness.memory().faults().size();
    report.axi_violations = harness.dma().violation_count() + harness.tx_sink().stream_violations();
    std::sort(latencies.begin(), latencies.end());
    report.latency_p50_ns = percentile(latencies, 0.50);
    report.latency_p99_ns = percentile(latencies, 0.99);
    report.latency_max_ns = latencies.empty() ? 0 : latencies.back();
    report.cycles = harness.cycle();
    report.sim_ns = static_cast<double>(report.cycles) * ns_per_cycle;
    harness.sim().close_trace();
    report.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
    return report;
}

void print_json(std::ostream& out, const RtlRunReport& r) {
    nlohmann::ordered_json j;
    j["offered"] = r.offered;
    j["received"] = r.delivered;
    j["transmitted"] = r.transmitted;
    j["nic_drops"] = r.nic_drops;
    j["conserved"] = r.conserved();
    j["corrupted"] = r.corrupted;
    j["duplicated"] = r.duplicated;
    j["tx_ring_full"] = r.tx_ring_full;
    j["dma_faults"] = r.dma_faults;
    j["axi_violations"] = r.axi_violations;
    j["latency_p50_ns"] = r.latency_p50_ns;
    j["latency_p99_ns"] = r.latency_p99_ns;
    j["latency_max_ns"] = r.latency_max_ns;
    nlohmann::ordered_json counters;
    for (const auto& c : r.nic_counters) counters[c.name] = c.value;
    j["counters"] = counters;
    j["nic_cycles"] = r.cycles;
    j["sim_ns"] = r.sim_ns;
    j["wall_s"] = r.wall_s;
    j["seed"] = r.seed;
    out << j.dump() << "\n";
}

void print_report(std::ostream& out, const RtlRunOptions& o, const RtlRunReport& r) {
    const auto flags = out.flags();
    out << "nicsim run: " << r.offered << " frames of " << o.size << " bytes at " << o.rate_pps << " frames/s, "
        << o.driver.queues << " queue(s), seed " << r.seed << "\n\n";
    out << "testbench\n";
    // The widest name sets the column: the NIC's counter names run to 44 characters.
    std::size_t width = 28;
    for (const auto& c : r.nic_counters) width = std::max(width, c.name.size() + (c.drop ? 7 : 0) + 2);
    auto line = [&](const std::string& name, auto value) {
        out << "  " << std::left << std::setw(static_cast<int>(width)) << name << value << "\n";
    };
    line("offered", r.offered);
    line("delivered", r.delivered);
    line("corrupted", r.corrupted);
    line("duplicated", r.duplicated);
    line("transmitted", r.transmitted);
    line("tx_ring_full", r.tx_ring_full);
    line("dma_faults", r.dma_faults);
    line("axi_violations", r.axi_violations);
    out << std::fixed << std::setprecision(1);
    line("latency_p50_ns", r.latency_p50_ns);
    line("latency_p99_ns", r.latency_p99_ns);
    line("latency_max_ns", r.latency_max_ns);
    line("conservation", r.conserved() ? std::string("ok (offered = delivered + NIC drops)")
                                       : std::string("VIOLATED"));
    out << "\nNIC counters\n";
    for (const auto& c : r.nic_counters) line(c.name + (c.drop ? " (drop)" : ""), c.value);
    out << "\nsimulation\n";
    line("nic_cycles", r.cycles);
    out << std::setprecision(3);
    line("sim_us", r.sim_ns / 1000.0);
    line("wall_s", r.wall_s);
    out << std::setprecision(0);
    line("nic_cycles_per_s", r.wall_s > 0 ? static_cast<double>(r.cycles) / r.wall_s : 0.0);
    out.flags(flags);
}

}  // namespace nicsim::tb
