// How the NIC sits on the host's time base: what a run configures of the platform, without
// the platform's (SystemC) header.
#pragma once

#include "trace/trace_options.hpp"

namespace nicsim::platform {

// Queues of the NIC as this build verilates it (rtl/nic_top.sv's NumQueues, which the
// testbench leaves at its default; the driver reads it from caps.num_queues, and
// rtl.nic_caps checks the two agree). Run keys are checked against it before anything runs.
inline constexpr unsigned nic_queues = 4;

struct PlatformConfig {
    unsigned clock_mhz = 250;          // NIC clock
    unsigned dma_latency_ns = 500;     // host memory latency seen by the NIC's DMA
    double quantum_ns = 1000;          // longest the NIC may lag host time
    bool skip_idle = true;             // jump over idle NIC cycles (exact; SimControl)
    bool checks = false;               // the model with the RTL's assertions compiled in
    tb::TraceOptions trace;            // FST waveform of the NIC and testbench, off by default
};

}  // namespace nicsim::platform
