// nicsim replay: every frame of a capture through the RTL NIC's MAC input, one at a time,
// and what the NIC did with each: the queue, RSS hash and type it wrote back, or the drop
// counter that counted it (docs/replay.md).
//
// Outcomes are attributed exactly by offering one frame at a time: the next frame enters
// only once the NIC has accounted for the previous one, either by completing it on one of
// the driver's receive rings or by moving one of its drop counters.
//
// This header is free of Verilator: the NIC lives in replay_run.cpp.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>

#include "pcap/capture_check.hpp"
#include "replay/replay_csv.hpp"
#include "replay/rss_key_hex.hpp"
#include "trace/trace_options.hpp"
#include "trace/trace_schedule.hpp"

namespace nicsim::tb {

struct ReplayOptions {
    std::string pcap_path;
    std::optional<unsigned> queues;     // active queues, 1..the NIC's NumQueues; none: all of them
    std::optional<RssKey> rss_key;      // none: the NIC's default, Microsoft's key
    std::uint64_t seed = 1;             // reported only: nothing in a replay is random
    TraceOptions trace;                 // an FST of the replay (frame_offered = frame index)
};

struct ReplaySummary {
    std::uint64_t frames = 0;
    std::uint64_t delivered = 0;
    std::uint64_t dropped = 0;
    std::map<std::string, std::uint64_t> drops;  // by NIC drop counter
    std::uint64_t nic_cycles = 0;
    double wall_s = 0;
};

class Replayer {
public:
    // Checks the capture (pcap/capture_check.hpp), brings up the NIC and the driver with
    // options.queues active queues, and programs RSS: the key and the indirection table
    // entry i = i % queues. Throws std::invalid_argument, before any frame is simulated,
    // for a bad capture or a queue count outside 1..NumQueues.
    explicit Replayer(const ReplayOptions& options);
    ~Replayer();
    Replayer(const Replayer&) = delete;
    Replayer& operator=(const Replayer&) = delete;

    unsigned queues() const;
    unsigned nic_queues() const;  // the NIC's NumQueues
    const capture::CaptureCheck& capture() const;
    // What the FST covers, when options.trace asked for one (final after run()).
    TraceReport trace_report() const;

    // Replays every frame, handing each row to `on_row` in capture order. Throws
    // std::runtime_error when the NIC breaks its own accounting (a frame neither delivered
    // nor counted, counted twice, or delivered with different bytes).
    ReplaySummary run(const std::function<void(const ReplayRow&)>& on_row);

private:
    struct Nic;
    ReplayOptions options_;
    capture::CaptureCheck capture_;
    std::unique_ptr<Nic> nic_;
};

// The stderr lines: seed, frames, delivered, dropped by reason, truncated records, speed.
void print_replay_summary(std::ostream& out, const ReplayOptions& options, const Replayer& replayer,
                          const ReplaySummary& summary);

}  // namespace nicsim::tb
