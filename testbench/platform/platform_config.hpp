// How the NIC sits on the host's time base: what a run configures of the platform, without
// the platform's (SystemC) header.
#pragma once

#include "trace/trace_options.hpp"

namespace nicsim::platform {

struct PlatformConfig {
    unsigned clock_mhz = 250;          // NIC clock
    unsigned dma_latency_ns = 500;     // host memory latency seen by the NIC's DMA
    double quantum_ns = 1000;          // longest the NIC may lag host time
    tb::TraceOptions trace;            // FST waveform of the NIC and testbench, off by default
};

}  // namespace nicsim::platform
