#include "replay/replay_run.hpp"

#include <algorithm>
#include <chrono>
#include <iomanip>
#include <stdexcept>
#include <vector>

#include "nic_driver.hpp"
#include "harness/nic_harness.hpp"
#include "nic_regs.hpp"
#include "pcap/pcap_reader.hpp"
#include "rss_config.hpp"
#include "trace/tb_event_driver.hpp"

namespace nicsim::tb {
namespace {

// The NIC's largest frame: max_frame_len's reset value, which is also its ceiling.
using driver::max_frame_bytes;
// Replay asks what the NIC decides, not how long it takes: host memory answers the DMA in a
// few cycles instead of a PCIe round trip, so a frame is accounted for in a few hundred.
constexpr unsigned dma_latency_cycles = 4;
// Cycles between two looks at the rings and drop counters while a frame is in the NIC.
constexpr unsigned check_interval_cycles = 8;
// A frame the NIC has neither delivered nor counted after this long is lost by the NIC: at
// 4 DMA cycles a 9018-byte frame needs a few thousand.
constexpr std::uint64_t outcome_limit_cycles = 200'000;

std::string frame_label(std::uint64_t index) { return "frame " + std::to_string(index); }

}  // namespace

// The NIC, its host and the driver, with the drop counters being watched.
struct Replayer::Nic {
    struct WatchedCounter {
        std::string name;
        std::uint32_t lo_offset;
        std::uint32_t last_lo = 0;
    };

    explicit Nic(const TraceOptions& trace) : harness(harness_options(trace)), device(harness) {
        if (trace.enabled()) {
            events.emplace(harness.top());
            schedule.emplace(harness.sim(), harness.top(), trace);
            harness.sim().add_model(*events);
            harness.sim().add_model(*schedule);
            schedule->open_if_from_start();
        }
        harness.reset();
    }
    ~Nic() { harness.sim().close_trace(); }

    static HarnessOptions harness_options(const TraceOptions& trace) {
        HarnessOptions options;
        options.dma.latency_cycles = dma_latency_cycles;
        options.sim.trace_depth = trace.depth;
        return options;
    }

    unsigned read_num_queues() {
        return static_cast<unsigned>(regs::CAPS_NUM_QUEUES.get(device.mmio_read32(regs::REG_CAPS)));
    }

    void bring_up(unsigned queues, const std::optional<RssKey>& key) {
        driver::DriverConfig config;
        config.queues = queues;
        config.max_frame_len = max_frame_bytes;
        nic_driver = std::make_unique<driver::NicDriver>(device, config);
        // probe() spreads RSS over the queues it brings up (entry i = i % queues) with the
        // default key; a chosen key is programmed over that, the table unchanged.
        nic_driver->probe();
        if (key) {
            auto rss = driver::RssConfig::spread_over(queues);
            std::copy(key->begin(), key->end(), rss.key.begin());
            driver::program_rss(device, rss);
        }

        for (const auto& c : regs::GLOBAL_COUNTERS)
            if (c.drop) drops.push_back({std::string(c.name), c.offset});
        for (unsigned q = 0; q < queues; ++q)
            for (const auto& c : regs::QUEUE_COUNTERS)
                if (c.drop)
                    drops.push_back({std::string(c.name) + "[" + std::to_string(q) + "]", regs::queue_reg(q, c.offset)});
        for (auto& c : drops) c.last_lo = device.mmio_read32(c.lo_offset);
    }

    // Frames the NIC has delivered to every active ring, and dropped by any reason, as the
    // 64-bit counters say: the run's cross-check of the per-frame attribution.
    std::pair<std::uint64_t, std::uint64_t> delivered_and_dropped_totals() {
        std::uint64_t delivered = 0, dropped = 0;
        for (const auto& c : nic_driver->read_counters()) {
            if (c.drop) dropped += c.value;
            else if (c.name.starts_with("rx_q_frames[")) delivered += c.value;
        }
        return {delivered, dropped};
    }

    // The frame one of the rings completed, if any; its bytes must be the ones offered.
    std::optional<ReplayDelivery> take_delivery(std::uint64_t index, std::span<const std::uint8_t> offered) {
        std::optional<ReplayDelivery> delivery;
        for (unsigned q = 0; q < nic_driver->queues(); ++q) {
            nic_driver->rx(q).poll(1, [&](const driver::RxFrameView& view) {
                if (delivery)
                    throw std::runtime_error(frame_label(index) + ": delivered on queue " + std::to_string(delivery->queue) +
                                             " and again on queue " + std::to_string(q));
                view.copy_to(received);
                if (!std::equal(received.begin(), received.end(), offered.begin(), offered.end()))
                    throw std::runtime_error(frame_label(index) + ": the NIC delivered " +
                                             std::to_string(received.size()) + " bytes on queue " + std::to_string(q) +
                                             " that differ from the " + std::to_string(offered.size()) +
                                             " bytes offered");
                delivery = ReplayDelivery{q, view.rss_hash, view.rss_type};
            });
        }
        return delivery;
    }

    // The drop counter that moved since the last look, if one did. More than one, or one by
    // more than a frame, means the NIC counted something that was never offered.
    std::optional<std::string> take_drop(std::uint64_t index) {
        std::optional<std::string> moved;
        for (auto& c : drops) {
            const std::uint32_t now = device.mmio_read32(c.lo_offset);
            const std::uint32_t delta = now - c.last_lo;
            c.last_lo = now;
            if (delta == 0) continue;
            if (delta != 1 || moved)
                throw std::runtime_error(frame_label(index) + ": the NIC counted it more than once (" +
                                         (moved ? *moved + " and " : std::string()) + c.name + " +" +
                                         std::to_string(delta) + ")");
            moved = c.name;
        }
        return moved;
    }

    NicHarness harness;
    NicDevice device;
    std::optional<TbEventDriver<NicTop>> events;  // only with a trace
    std::optional<TraceSchedule<SimControl<NicTop>, NicTop>> schedule;
    std::unique_ptr<driver::NicDriver> nic_driver;
    std::vector<WatchedCounter> drops;
    std::vector<std::uint8_t> received;
};

Replayer::Replayer(const ReplayOptions& options)
    : options_(options), capture_(capture::check_capture(options.pcap_path, max_frame_bytes)), nic_(std::make_unique<Nic>(options.trace)) {
    const unsigned nic_queues = nic_->read_num_queues();
    const unsigned queues = options_.queues.value_or(nic_queues);
    if (queues < 1 || queues > nic_queues)
        throw std::invalid_argument("--queues = " + std::to_string(queues) + ": must be in 1.." +
                                    std::to_string(nic_queues) + " (the NIC's NumQueues)");
    options_.queues = queues;
    nic_->bring_up(queues, options_.rss_key);
}

Replayer::~Replayer() = default;

unsigned Replayer::queues() const { return *options_.queues; }
unsigned Replayer::nic_queues() const { return nic_->nic_driver->device_queues(); }
const capture::CaptureCheck& Replayer::capture() const { return capture_; }
TraceReport Replayer::trace_report() const { return nic_->schedule ? nic_->schedule->report() : TraceReport{}; }

ReplaySummary Replayer::run(const std::function<void(const ReplayRow&)>& on_row) {
    const auto wall_start = std::chrono::steady_clock::now();
    Nic& nic = *nic_;
    const auto [delivered_before, dropped_before] = nic.delivered_and_dropped_totals();

    ReplaySummary summary;
    capture::PcapReader reader(options_.pcap_path);
    capture::PcapRecord record;
    while (reader.next(record)) {
        ReplayRow row;
        row.frame = record.index;
        row.length = static_cast<std::uint32_t>(record.data.size());
        if (nic.events)
            nic.events->record({nic.harness.cycle(), TbEventKind::frame_offered, 0, static_cast<std::uint32_t>(record.index)});
        nic.harness.rx_source().push(AxisFrame(std::vector<std::uint8_t>(record.data.begin(), record.data.end())));
        nic.harness.run_until([&] { return nic.harness.rx_source().idle(); }, outcome_limit_cycles,
                              frame_label(record.index) + " to enter the NIC");
        const std::uint64_t entered = nic.harness.cycle();
        for (;;) {
            if (auto delivery = nic.take_delivery(record.index, record.data)) {
                row.delivery = delivery;
                break;
            }
            if (auto counter = nic.take_drop(record.index)) {
                row.drop_counter = *counter;
                break;
            }
            if (nic.harness.cycle() - entered > outcome_limit_cycles)
                throw std::runtime_error(frame_label(record.index) + ": the NIC neither delivered nor counted it within " +
                                         std::to_string(outcome_limit_cycles) + " cycles");
            nic.harness.run(check_interval_cycles);
        }
        ++summary.frames;
        if (row.delivered()) {
            ++summary.delivered;
        } else {
            ++summary.dropped;
            ++summary.drops[row.drop_counter];
        }
        on_row(row);
    }

    const auto [delivered_after, dropped_after] = nic.delivered_and_dropped_totals();
    if (delivered_after - delivered_before != summary.delivered || dropped_after - dropped_before != summary.dropped)
        throw std::runtime_error("the NIC's counters disagree with the replay: rx_q_frames moved by " +
                                 std::to_string(delivered_after - delivered_before) + " and the drop counters by " +
                                 std::to_string(dropped_after - dropped_before) + ", the replay saw " +
                                 std::to_string(summary.delivered) + " delivered and " +
                                 std::to_string(summary.dropped) + " dropped");
    summary.nic_cycles = nic.harness.cycle();
    summary.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
    return summary;
}

void print_replay_summary(std::ostream& out, const ReplayOptions& options, const Replayer& replayer,
                          const ReplaySummary& s) {
    const auto flags = out.flags();
    out << "nicsim replay: seed " << options.seed << " (nothing is random), " << options.pcap_path << ", "
        << replayer.queues() << " of " << replayer.nic_queues() << " queues, RSS key "
        << (options.rss_key ? format_rss_key_hex(*options.rss_key) : std::string("default (Microsoft)")) << "\n";
    out << "nicsim replay: " << s.frames << " frames: " << s.delivered << " delivered, " << s.dropped << " dropped";
    if (!s.drops.empty()) {
        out << " (";
        bool first = true;
        for (const auto& [name, count] : s.drops) {
            out << (first ? "" : ", ") << name << " " << count;
            first = false;
        }
        out << ")";
    }
    out << "\n";
    out << "nicsim replay: " << s.nic_cycles << " NIC cycles in " << std::fixed << std::setprecision(2) << s.wall_s
        << " s, " << std::setprecision(0) << (s.wall_s > 0 ? static_cast<double>(s.frames) / s.wall_s : 0.0)
        << " frames/s\n";
    out.flags(flags);
}

}  // namespace nicsim::tb
