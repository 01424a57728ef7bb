// The named results of a finished run, in report order: the packet account of the whole run
// (conservation) and the rates of its measurement window (measurement.hpp), where packets
// died, CPU time in the window, latency of the window's deliveries, each application's
// account, the policy's statistics, the NIC's health and the time simulated (what
// `nicsim run` prints, `--json` or not).
#pragma once

#include "apps/delivery_ledger.hpp"
#include "cosim/applications.hpp"
#include "cosim/measurement.hpp"
#include "cosim/run_result.hpp"
#include "host/sim_kernel.hpp"
#include "platform/nic_platform.hpp"
#include "rx_policy.hpp"
#include "traffic/mixed_source.hpp"

namespace nicsim {

// What a report reads.
struct RunParts {
    const RunConfig& config;
    const traffic::MixedSource& traffic;
    const host::SimKernel& kernel;
    const apps::DeliveryLedger& ledger;
    const platform::NicPlatform& platform;
    const driver::RxPolicy& policy;
    const Applications& apps;
    const WindowPlan& plan;
    const Snapshot& begin;  // at the window's start
    const Snapshot& end;    // at its end
};

// Appends every result but wall_s to r.numbers, from r's packet account and the parts.
void add_results(RunResult& r, const RunParts& parts);

}  // namespace nicsim
