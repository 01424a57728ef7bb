// The first form of `nicsim run`: frames at a constant rate from the wire through the RTL
// NIC into host memory and the minimal driver, which polls its rings and (optionally)
// sends every frame back out, as a forwarding host would.
//
// The driver polls on a fixed period here; interrupts and the simulated CPU arrive with
// the co-simulation platform.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "nic_driver.hpp"

namespace nicsim::tb {

struct RtlRunOptions {
    std::uint64_t packets = 1000;          // frames offered on the wire
    double rate_pps = 1'000'000;           // offered load, frames per second
    unsigned size = 60;                    // frame bytes without FCS, 60..9018
    unsigned flows = 1;                    // distinct UDP source ports, chosen at random
    std::uint64_t seed = 1;
    bool forward = true;                   // send each received frame back out
    driver::DriverConfig driver;           // queues, ring sizes, buffer size
    unsigned poll_interval_ns = 1000;      // how often the driver polls its rings
    unsigned poll_budget = 64;             // frames per ring per poll
    unsigned dma_latency_ns = 500;
    unsigned dma_window = 256;             // reads / writes the host answers in flight (PCIe tags)
    unsigned clock_mhz = 250;              // NIC clock
    double link_gbps = 10;                 // Ethernet speed: bounds the offered rate
    std::string trace_path;                // FST waveform, empty = no tracing
};

// Checks every option against its legal range; throws std::invalid_argument naming the
// option, the value and the range.
void validate(const RtlRunOptions& options);

struct RtlRunReport {
    std::uint64_t offered = 0;             // frames the wire presented to the NIC
    std::uint64_t delivered = 0;           // intact frames the driver received
    std::uint64_t corrupted = 0;           // frames received whose contents were wrong
    std::uint64_t duplicated = 0;          // sequence numbers received more than once
    std::uint64_t transmitted = 0;         // frames the NIC put on the wire
    std::uint64_t tx_ring_full = 0;        // frames the driver could not queue for transmit
    std::uint64_t nic_drops = 0;           // sum of the NIC's drop counters
    std::vector<driver::Counter> nic_counters;
    std::uint64_t dma_faults = 0;
    std::uint64_t axi_violations = 0;
    double latency_p50_ns = 0;             // wire to driver
    double latency_p99_ns = 0;
    double latency_max_ns = 0;
    std::uint64_t cycles = 0;
    double sim_ns = 0;
    double wall_s = 0;
    std::uint64_t seed = 0;

    // Every offered frame was delivered or counted in exactly one NIC drop counter.
    bool conserved() const { return offered == delivered + corrupted + nic_drops; }
};

RtlRunReport run_rtl(const RtlRunOptions& options);

void print_report(std::ostream& out, const RtlRunOptions& options, const RtlRunReport& report);

// One JSON object: offered, received (frames the driver took from RX rings), transmitted
// (frames that left on the wire), nic_drops (the sum of the NIC's drop counters), conserved,
// every NIC counter under its name, latency, and the simulation's time and speed.
void print_json(std::ostream& out, const RtlRunReport& report);

}  // namespace nicsim::tb
