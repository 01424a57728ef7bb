#include "bridge/bridge_run.hpp"

// Boost 1.74's Asio (Debian 12) uses std::exchange in boost/asio/awaitable.hpp, which C++20
// pulls in, without including <utility>: include it first.
#include <utility>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cmath>
#include <iomanip>
#include <memory>
#include <optional>
#include <ostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "bridge/error_tally.hpp"
#include "harness/harness_options.hpp"
#include "bridge/host_stack.hpp"
#include "interrupt_vectors.hpp"
#include "bus/irq_monitor.hpp"
#include "bridge/net_address.hpp"
#include "net_dim.hpp"
#include "nic_driver.hpp"
#include "harness/nic_harness.hpp"
#include "output/atomic_output_file.hpp"
#include "pcap/pcap_writer.hpp"
#include "range_check.hpp"
#include "bridge/receive_mode.hpp"
#include "bridge/tap_device.hpp"
#include "bridge/udp_transport.hpp"
#include "bridge/wall_clock_pacer.hpp"

namespace nicsim::bridge {
namespace {

namespace asio = boost::asio;
using Clock = WallClockPacer::Clock;
using model::check_range;

// Ethernet header + one 802.1Q tag on top of the MTU: the longest frame the MAC accepts.
constexpr unsigned frame_overhead_bytes = 18;
// Frames waiting to enter the NIC. The simulation lags the wall clock under load, so frames
// from Linux queue here as they would in no real MAC; past this many they are dropped.
constexpr std::size_t wire_backlog_limit = 4096;
// How long after the last sign of activity the NIC counts as quiet (simulated). Frames the
// driver can see (in a ring, on the TX ring, an interrupt pending) keep it busy anyway; this
// covers a frame still inside the NIC, which a 9018-byte frame is for ~10 µs (store and
// forward, then DMA).
constexpr double settle_us = 50;

// Everything the bridge counts itself, next to what the port, the stack and the NIC count.
struct BridgeCounts {
    std::uint64_t frames_to_nic = 0;     // into the NIC's MAC receive port
    std::uint64_t frames_padded = 0;     // of those, shorter than 60 bytes and zero-padded
    std::uint64_t frames_from_nic = 0;   // out of the NIC's MAC transmit port
    std::uint64_t rx_frames = 0;         // taken from the RX rings by the driver
    std::uint64_t rx_bytes = 0;
    std::uint64_t replies_queued = 0;    // host-stack answers put on the TX ring
    std::uint64_t interrupts = 0;
    std::uint64_t service_passes = 0;    // ring polls (per queue)
    std::uint64_t dim_changes = 0;
};

void print_line(std::ostream& out, const std::string& name, const std::string& value, const std::string& note = "") {
    out << "  " << std::left << std::setw(std::max<int>(26, static_cast<int>(name.size()) + 1)) << name;
    if (note.empty()) out << value;
    else out << std::setw(14) << value << note;
    out << "\n";
}

std::string fixed(double v, int digits) {
    std::ostringstream os;
    os << std::fixed << std::setprecision(digits) << v;
    return os.str();
}

}  // namespace

void validate(const BridgeOptions& o) {
    if (o.tap.empty() == !o.udp)
        throw std::invalid_argument("exactly one of --tap IFNAME and --udp PORT must be given");
    if (!o.tap.empty()) validate_interface_name(o.tap);
    check_range<unsigned>("--udp", o.udp_port, 0, 65535);
    check_range<unsigned>("--udp-peer", o.udp_peer_port, 0, 65535);
    if (o.udp_peer_port != 0 && !o.udp)
        throw std::invalid_argument("--udp-peer = " + std::to_string(o.udp_peer_port) + ": needs --udp PORT");
    parse_ipv4_interface(o.ip, "--ip");
    parse_mac(o.mac, "--mac");
    receive_mode(o.policy);
    // 68: the IPv4 minimum MTU; 9000: jumbo frames, the NIC's 9018-byte limit with the tag.
    check_range<unsigned>("--mtu", o.mtu, 68, 9000, " bytes");
    check_range<double>("--time-scale", o.time_scale, 1e-6, 1000.0, " simulated seconds per wall second");
    check_range<unsigned>("--clock-mhz", o.clock_mhz, 1, 1000);
    check_range<unsigned>("--dma-latency-ns", o.dma_latency_ns, 0, 100'000);
    check_range<double>("--duration", o.duration_s, 0.0, 1e7, " s (0 = until SIGINT/SIGTERM)");
}

int run_bridge(const BridgeOptions& o, std::ostream& out, std::ostream& log) {
    // First of all, before a TAP exists or the NIC is built: from here on SIGINT and SIGTERM
    // are only noted (asio queues one that comes before the wait below is armed), so a signal
    // at any moment ends in the clean shutdown, never in the default action halfway through.
    asio::io_context io;
    asio::signal_set signals(io, SIGINT, SIGTERM);
    bool stop = false;
    std::string stop_reason;
    signals.async_wait([&](const boost::system::error_code& ec, int signal) {
        if (ec) return;
        stop = true;
        stop_reason = signal == SIGINT ? "SIGINT" : "SIGTERM";
    });

    validate(o);
    // The capture is written under a temporary name beside --pcap and renamed over it when the
    // bridge stops, so a capture already there is replaced only by a complete one. Made first:
    // a path that cannot be written is bad input (exit 2), found before a TAP or NIC exists.
    std::optional<output::AtomicOutputFile> pcap_file;
    if (!o.pcap_path.empty()) {
        try {
            pcap_file.emplace(o.pcap_path);
        } catch (const output::OutputFileError& e) {
            throw std::invalid_argument("--pcap = " + o.pcap_path + ": " + e.reason());
        }
    }
    const MacAddress mac = parse_mac(o.mac, "--mac");
    const Ipv4Interface ip = parse_ipv4_interface(o.ip, "--ip");
    const ReceiveMode mode = receive_mode(o.policy);
    const unsigned max_frame = o.mtu + frame_overhead_bytes;
    // The clock as the harness can run it (an even period in ps): every conversion between
    // cycles and time below uses this period, not 1000 / --clock-mhz.
    const tb::HarnessOptions nic_options = tb::harness_options(o.clock_mhz, o.dma_latency_ns);
    const double ns_per_cycle = tb::ns_per_cycle(nic_options);

    auto keep_waiting = asio::make_work_guard(io);  // run_one_for waits for its timeout
    ErrorTally errors(log);
    std::unique_ptr<FramePort> port;
    if (!o.tap.empty()) port = std::make_unique<TapDevice>(io, o.tap, errors);
    else port = std::make_unique<UdpTransport>(io, static_cast<std::uint16_t>(o.udp_port),
                                               static_cast<std::uint16_t>(o.udp_peer_port), errors);
    std::optional<capture::PcapWriter> pcap;
    if (pcap_file) {
        try {
            pcap.emplace(pcap_file->temp_path().string());
        } catch (const std::runtime_error& e) {
            throw std::runtime_error("--pcap = " + o.pcap_path + ": " + e.what());
        }
        // A bridge killed outright (SIGKILL) still leaves every frame so far, in the temporary
        // file beside --pcap.
        pcap->flush_each_frame(true);
    }

    // The NIC and its driver, as `nicsim loopback` builds them, plus the interrupt lines.
    tb::FastNicHarness harness(nic_options);
    tb::IrqMonitor<tb::FastNicTop> irq(harness.top());
    harness.sim().add_model(irq);
    harness.reset();
    tb::FastNicDevice device(harness);
    driver::DriverConfig driver_config;
    driver_config.queues = 1;
    driver_config.max_frame_len = max_frame;
    driver_config.nic_clock_mhz = o.clock_mhz;
    driver::NicDriver nic(device, driver_config);
    nic.probe();

    driver::NetDim dim;
    driver::Coalesce coalesce = mode.coalesce;
    if (mode.dim) {
        coalesce.rx_usecs = dim.profile().usecs;
        coalesce.rx_frames = dim.profile().frames;
    }
    for (unsigned q = 0; q < nic.queues(); ++q) driver::program_vector(nic, q, q, coalesce);
    if (!mode.interrupts) driver::mask_vectors(nic, 0xffff);

    HostStack stack(mac, ip);
    BridgeCounts counts;
    WallClockPacer pacer(1e9 / ns_per_cycle, o.time_scale);
    const auto settle_cycles = static_cast<std::uint64_t>(settle_us * o.clock_mhz);
    const std::uint64_t chunk_cycles = o.clock_mhz;  // 1 µs: how often the driver looks
    std::uint64_t last_activity = harness.cycle();
    std::vector<bool> scheduled(nic.queues(), false);  // masked vector, ring still being polled

    // pcap timestamps: the pacer's wall-clock time of a cycle, as Unix time.
    const auto steady_start = Clock::now();
    const auto unix_start = std::chrono::duration_cast<std::chrono::nanoseconds>(
        std::chrono::system_clock::now().time_since_epoch());
    const auto unix_time_ns = [&](std::uint64_t cycle) {
        const auto t = unix_start + std::chrono::duration_cast<std::chrono::nanoseconds>(pacer.wire_time(cycle) - steady_start);
        return static_cast<std::uint64_t>(t.count());
    };

    asio::steady_timer deadline(io);
    if (o.duration_s > 0) {
        deadline.expires_after(std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.duration_s)));
        deadline.async_wait([&](const boost::system::error_code& ec) {
            if (ec) return;
            stop = true;
            stop_reason = "--duration " + fixed(o.duration_s, 1) + " s elapsed";
        });
    }

    port->start([&](std::span<const std::uint8_t> frame) {
        if (frame.size() > max_frame) {
            errors.record("oversize_frames", "a " + std::to_string(frame.size()) +
                                                 "-byte frame is longer than --mtu " + std::to_string(o.mtu) +
                                                 " allows (" + std::to_string(max_frame) +
                                                 " bytes with Ethernet header and VLAN tag): dropped before the NIC");
            return;
        }
        if (harness.rx_source().queued() >= wire_backlog_limit) {
            errors.record("wire_backlog_drops", "frames arrive faster than the simulation takes them: " +
                                                    std::to_string(wire_backlog_limit) + " waiting, dropped");
            return;
        }
        if (pacer.idle()) pacer.resume(harness.cycle(), Clock::now());
        std::vector<std::uint8_t> bytes(frame.begin(), frame.end());
        // Linux hands the TAP short frames unpadded (a real NIC pads them on the wire); the
        // NIC drops frames under 60 bytes as runts, so pad as the sender's MAC would.
        if (bytes.size() < ethernet_min_frame_bytes) {
            bytes.resize(ethernet_min_frame_bytes, 0);
            ++counts.frames_padded;
        }
        if (pcap) pcap->write(bytes, unix_time_ns(harness.cycle()));
        harness.rx_source().push(tb::AxisFrame{std::move(bytes)}, harness.cycle());
        ++counts.frames_to_nic;
        last_activity = harness.cycle();
    });

    std::vector<std::uint8_t> frame;
    std::vector<std::uint8_t> reply;
    // One pass over queue q's RX ring: answer what deserves it, then free finished TX slots.
    const auto service_queue = [&](unsigned q) {
        ++counts.service_passes;
        const unsigned budget = mode.quota ? mode.quota : nic.rx(q).size();
        const unsigned handled = nic.rx(q).poll(budget, [&](const driver::RxFrameView& view) {
            view.copy_to(frame);
            ++counts.rx_frames;
            counts.rx_bytes += frame.size();
            stack.handle(frame, reply);
            if (reply.empty()) return;
            if (nic.transmit(q, reply)) ++counts.replies_queued;
            else errors.record("tx_ring_full", "the TX ring is full: a reply was dropped");
        });
        nic.tx(q).reclaim();
        if (handled > 0) last_activity = harness.cycle();
        return handled;
    };

    const auto service = [&] {
        if (!mode.interrupts) {
            for (unsigned q = 0; q < nic.queues(); ++q) service_queue(q);
            return;
        }
        for (const auto& pulse : irq.pending()) {
            ++counts.interrupts;
            last_activity = harness.cycle();
            if (pulse.vector < scheduled.size()) scheduled[pulse.vector] = true;  // the NIC masked it
            if (mode.dim) {
                const driver::NetDim::Sample totals{
                    static_cast<std::uint64_t>(static_cast<double>(harness.cycle()) * ns_per_cycle), counts.rx_frames,
                    counts.rx_bytes, counts.interrupts};
                if (dim.update(totals)) {
                    ++counts.dim_changes;
                    coalesce.rx_usecs = dim.profile().usecs;
                    coalesce.rx_frames = dim.profile().frames;
                    driver::program_vector(nic, pulse.vector, pulse.vector, coalesce);
                }
            }
        }
        irq.pending().clear();
        for (unsigned q = 0; q < nic.queues(); ++q) {
            if (!scheduled[q]) continue;
            if (service_queue(q) < mode.rearm_below) {
                scheduled[q] = false;
                driver::rearm_vector(nic, q);
            }
        }
    };

    const auto forward_transmitted = [&] {
        while (harness.tx_sink().frame_count() > 0) {
            const tb::ReceivedFrame sent = harness.tx_sink().pop_frame();
            ++counts.frames_from_nic;
            last_activity = harness.cycle();
            if (sent.keep_error || sent.tuser)
                errors.record("tx_framing_errors", "the NIC sent a frame with a tkeep hole or tuser set");
            if (pcap) pcap->write(sent.data, unix_time_ns(sent.last_beat_cycle));
            port->send(sent.data);
        }
    };

    const auto nic_busy = [&] {
        if (!harness.rx_source().idle() || harness.tx_sink().in_frame() || !irq.pending().empty()) return true;
        for (unsigned q = 0; q < nic.queues(); ++q)
            if (scheduled[q] || nic.tx(q).in_flight() > 0 || nic.rx(q).has_work()) return true;
        return harness.cycle() - last_activity < settle_cycles;
    };

    pacer.anchor(harness.cycle(), Clock::now());
    out << "nicsim bridge: ready: " << port->describe() << "; NIC " << mac.to_string() << ", host " << ip.to_string()
        << ", MTU " << o.mtu << ", policy " << mode.policy << ", NIC clock " << o.clock_mhz << " MHz, time scale "
        << o.time_scale << (pcap ? ", pcap " + o.pcap_path : std::string()) << "\n"
        << std::flush;

    while (!stop) {
        if (io.stopped()) io.restart();
        io.poll();
        if (stop) break;
        if (port->gone()) {
            stop_reason = "the interface went away";
            break;
        }
        const auto now = Clock::now();
        if (!nic_busy()) {
            // Nothing in flight: stop simulating and wait for the world (or a signal).
            pacer.go_idle(harness.cycle(), now);
            io.run_one_for(std::chrono::milliseconds(250));
            continue;
        }
        pacer.resume(harness.cycle(), now);  // no-op unless it was idle
        const std::uint64_t cycles = pacer.cycles_allowed(harness.cycle(), now, chunk_cycles);
        if (cycles == 0) {
            // Ahead of the wall clock (a slow NIC clock or a small --time-scale): wait until a
            // whole chunk is due, awake to events meanwhile.
            io.run_one_until(pacer.due_time(harness.cycle() + chunk_cycles));
            continue;
        }
        harness.run(cycles);
        service();
        forward_transmitted();
    }

    const auto end = Clock::now();
    const auto time = pacer.stats(harness.cycle(), end);
    const auto nic_counters = nic.read_counters();
    // The capture complete (closed, every record flushed), then in place.
    const std::uint64_t pcap_frames = pcap ? pcap->frames() : 0;
    pcap.reset();
    if (pcap_file) pcap_file->commit();

    out << "\nnicsim bridge: stopped: " << stop_reason << "\n\n";
    out << "wire (" << port->describe() << ")\n";
    for (const auto& [name, value] : port->counts()) print_line(out, name, std::to_string(value));
    out << "\nbridge\n";
    print_line(out, "frames_to_nic", std::to_string(counts.frames_to_nic), "into the NIC's MAC receive port");
    print_line(out, "frames_padded", std::to_string(counts.frames_padded), "of those, zero-padded to 60 bytes");
    print_line(out, "frames_from_nic", std::to_string(counts.frames_from_nic), "out of the NIC's MAC transmit port");
    if (pcap_file) print_line(out, "pcap_frames", std::to_string(pcap_frames), o.pcap_path);
    out << "\nproblems (each logged once when it first happened)\n";
    if (errors.counts().empty()) print_line(out, "none", "");
    for (const auto& [name, value] : errors.counts()) print_line(out, name, std::to_string(value));
    out << "\ndriver (policy " << mode.policy << ": " << mode.summary << ")\n";
    print_line(out, "rx_frames", std::to_string(counts.rx_frames), "taken from the RX ring");
    print_line(out, "rx_bytes", std::to_string(counts.rx_bytes));
    print_line(out, "replies_queued", std::to_string(counts.replies_queued), "put on the TX ring");
    print_line(out, "interrupts", std::to_string(counts.interrupts));
    print_line(out, "service_passes", std::to_string(counts.service_passes));
    if (mode.dim) print_line(out, "dim_profile_changes", std::to_string(counts.dim_changes));
    out << "\nhost stack (" << mac.to_string() << ", " << ip.to_string() << ")\n";
    for (std::size_t v = 0; v < verdict_count; ++v)
        print_line(out, std::string(verdict_name(static_cast<Verdict>(v))), std::to_string(stack.count(static_cast<Verdict>(v))));
    // Why the malformed ones were: model::parse_frame's reasons (as the NIC counts them), and
    // the stack's own checks under "other".
    for (unsigned r = 0; r < model::malformed_reason_count; ++r) {
        const auto reason = static_cast<model::MalformedReason>(r);
        if (stack.count(reason) == 0) continue;
        const std::string name = reason == model::MalformedReason::none ? "other" : std::string(model::malformed_reason_name(reason));
        print_line(out, "  malformed: " + name, std::to_string(stack.count(reason)));
    }
    out << "\nNIC counters\n";
    for (const auto& c : nic_counters) print_line(out, c.name + (c.drop ? " (drop)" : ""), std::to_string(c.value));
    const double busy_s = std::chrono::duration<double>(time.busy_wall).count();
    const double sim_s = static_cast<double>(time.busy_cycles) * ns_per_cycle * 1e-9;
    out << "\ntime (simulation may lag the wall clock, never leads it; idle stretches are skipped)\n";
    print_line(out, "nic_cycles", std::to_string(time.busy_cycles));
    print_line(out, "sim_s", fixed(sim_s, 6), "simulated time");
    print_line(out, "wall_s", fixed(std::chrono::duration<double>(end - steady_start).count(), 3));
    print_line(out, "busy_wall_s", fixed(busy_s, 3), "wall time with work in the NIC");
    print_line(out, "idle_wall_s", fixed(std::chrono::duration<double>(time.idle_wall).count(), 3),
               "quiet wall time, skipped in " + std::to_string(time.idle_stretches) + " stretches");
    print_line(out, "slowdown_when_busy", sim_s > 0 ? fixed(busy_s / sim_s, 1) + "x" : "-",
               "wall seconds per simulated second while busy (1x = real time)");
    print_line(out, "max_lag_ms", fixed(std::chrono::duration<double, std::milli>(time.max_lag).count(), 3),
               "furthest behind the wall clock");
    print_line(out, "ahead_waits", std::to_string(time.ahead_waits), "times it waited for the wall clock");
    out << std::flush;
    return 0;
}

}  // namespace nicsim::bridge
