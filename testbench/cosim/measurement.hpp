// The run's measurement window and the counters its rates and shares are differences of.
//
// The offer starts at traffic_start and lasts packets / load. The first `warmup-us` of it is
// the warm-up; the rest, up to the offer's end, is the window; after it the run only drains.
// A packet is offered in the window when its first byte is sent in it, delivered in the window
// when its delivery (leaving on the wire, or its consumer finishing with it) falls in it; what
// is delivered after the window is drained, reported apart. CPU shares, interrupts and
// transmit completions are the differences of snapshots taken at the window's two ends.
#pragma once

#include <cstdint>
#include <vector>

#include "apps/measurement_window.hpp"
#include "cosim/applications.hpp"
#include "cosim/run_config.hpp"
#include "host/sim_kernel.hpp"
#include "nic_driver.hpp"

namespace nicsim {

// Fewer expected packets than this in the window and its rates are flagged as too short.
inline constexpr double min_window_packets = 100;
// A window whose halves' delivered counts differ by more than this fraction of the larger, and by
// more than one packet (what counting alone can part them by), is flagged unstable.
inline constexpr double max_half_difference = 0.02;

struct WindowPlan {
    apps::MeasurementWindow window;  // in host time
    double warmup_us = 0;            // as configured, but at most the whole offer
    double expected_packets = 0;     // offered in the window at the configured loads
    std::uint64_t min_packets = 0;   // `packets` for min_window_packets in the window, this warm-up and load
    bool too_short() const { return expected_packets < min_window_packets; }
};

WindowPlan plan_window(const RunConfig& config, std::uint64_t traffic_start_ps);

struct Snapshot {
    std::uint64_t ps = 0;
    std::vector<host::CpuTimeSplit> cores;
    std::uint64_t irqs = 0;
    std::uint64_t tx_completions = 0;
    std::uint64_t hog_ns = 0;
    std::vector<std::uint64_t> app_ns;  // each user-level application's process (sinks, screend)
};

Snapshot take_snapshot(const host::SimKernel& kernel, const driver::NicDriver& nic, const Applications& apps);

}  // namespace nicsim
