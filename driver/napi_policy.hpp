// The `napi` and `napi-dim` receive policies (Linux NAPI): the interrupt only schedules a
// poll; the poll processes up to `weight` packets per call from the NET_RX softirq, cleans
// the TX ring, and when it finds less work than its budget it completes and re-arms the
// vector. Under overload the vector stays masked, the softirq's budget bounds each round,
// ksoftirqd takes over the excess work, and packets the host cannot take wait in the ring
// until the NIC drops them there, where dropping costs the host nothing.
//
// `napi-dim` adds dynamic interrupt moderation (net_dim.hpp): each vector's rx-usecs and
// rx-frames follow the traffic.
//
// Queue i uses vector i for its RX and TX causes; vector i is affine to core i % cores. The
// NIC masks a vector itself when it fires, so the interrupt handler needs no MMIO.
#pragma once

#include <memory>
#include <vector>

#include "interrupt_vectors.hpp"
#include "kernel.hpp"
#include "net_rx_softirq.hpp"
#include "nic_driver.hpp"
#include "packet_handler.hpp"
#include "rx_policy.hpp"

namespace nicsim::driver {

struct NapiConfig {
    NetRxBudget budget;   // netdev_budget, netdev_budget_usecs, weight
    Coalesce coalesce;    // per-vector moderation (the starting point, with dim)
    bool dim = false;     // napi-dim
};

class NapiPolicy final : public RxPolicy {
public:
    NapiPolicy(Kernel& kernel, NicDriver& nic, PacketHandler& handler, DriverCosts costs, NapiConfig config);
    ~NapiPolicy() override;

    std::string name() const override { return config_.dim ? "napi-dim" : "napi"; }
    void start() override;
    std::vector<NamedCount> stats() const override;

private:
    class QueueNapi;

    Kernel& kernel_;
    NicDriver& nic_;
    PacketHandler& handler_;
    DriverCosts costs_;
    NapiConfig config_;
    std::vector<std::unique_ptr<NetRxSoftirq>> softirqs_;  // one per core
    std::vector<std::unique_ptr<QueueNapi>> queues_;
};

}  // namespace nicsim::driver
