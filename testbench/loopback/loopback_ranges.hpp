// The numeric options of `nicsim loopback` and their legal ranges: one table that validate()
// checks against and the command line turns into knobs (cli/loopback_knobs.cpp), so that
// help, checks and messages cannot drift apart, as run's knob table does for run.
#pragma once

#include <array>
#include <string_view>

#include "traffic/test_frame.hpp"

namespace nicsim::tb {

struct RtlRunOptions;

struct LoopbackRange {
    std::string_view key;  // the option without its dashes: --packets is "packets"
    std::string_view help;
    double low;
    double high;
    bool integer;
};

// The queues of the NIC this build verilates (nic_top's NumQueues, as platform::nic_queues).
inline constexpr unsigned loopback_nic_queues = 4;

// --rate is not here: its upper end is the line rate of --link-gbps for --size (validate()).
inline constexpr std::array<LoopbackRange, 13> loopback_ranges{{
    {"packets", "Frames to offer", 1, 100'000'000, true},
    {"size", "Frame size in bytes without FCS", test_frame_min_size, test_frame_max_size, true},
    {"flows", "Distinct UDP flows (source ports)", 1, 65535, true},
    {"queues", "Queues the driver brings up (the built NIC has 4)", 1, loopback_nic_queues, true},
    {"rx-ring", "RX ring size in descriptors, a power of two", 8, 4096, true},
    {"tx-ring", "TX ring size in descriptors, a power of two", 8, 4096, true},
    {"rx-buf-size", "RX buffer size in bytes, a multiple of 8", 64, 16384, true},
    {"poll-interval-ns", "How often the driver polls its rings", 10, 10'000'000, true},
    {"poll-budget", "Frames per ring per poll", 1, 4096, true},
    {"dma-latency-ns", "Host memory latency seen by the NIC's DMA", 0, 100'000, true},
    {"dma-window", "Reads and writes the host answers in flight each (PCIe tags: 32 without extended tags)", 1,
     1024, true},
    {"clock-mhz", "NIC clock", 1, 1000, true},
    {"link-gbps", "Ethernet link speed; the offered rate may not exceed it", 0.001, 400, false},
}};

// The option's value in `options`, and storing one (already checked against its range).
double loopback_value(const RtlRunOptions& options, std::string_view key);
void set_loopback_value(RtlRunOptions& options, std::string_view key, double value);

}  // namespace nicsim::tb
