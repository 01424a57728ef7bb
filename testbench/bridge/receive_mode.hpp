// How the bridge's driver services the NIC under each `--policy` name.
//
// The co-simulation's policies (driver/policy_factory) need the simulated host: CPU cores, a
// scheduler, softirqs, costs. The bridge runs the RTL on the plain harness with no CPU model,
// so it keeps what maps onto the NIC itself — interrupts or none, interrupt moderation,
// frames per poll, when a vector is re-armed — and says plainly what it drops. The table is
// in docs/bridge.md.
#pragma once

#include <string>

#include "interrupt_vectors.hpp"

namespace nicsim::bridge {

struct ReceiveMode {
    std::string policy;
    bool interrupts = true;       // false: poll the rings every service interval, vectors masked
    driver::Coalesce coalesce;    // the vector's moderation (ethtool -C), when interrupts
    unsigned quota = 0;           // frames per ring per service pass; 0 = all there are
    // After a pass that handled fewer than this many frames the vector is re-armed; until
    // then it stays masked and the ring is polled every service interval (NAPI's "complete").
    // ~0u: re-arm after every pass.
    unsigned rearm_below = ~0u;
    bool dim = false;             // net_dim adjusts rx-usecs/rx-frames from the traffic
    std::string summary;          // one line: what this policy does here
};

// Throws std::invalid_argument "--policy = NAME: must be one of ..." for an unknown name.
ReceiveMode receive_mode(const std::string& policy);

}  // namespace nicsim::bridge
