// `busy-poll`: kernel bypass in the style of DPDK's poll-mode drivers and netmap. Interrupts
// stay off; a thread on a dedicated core (the last one) spins over every queue, taking one
// packet per step and doing all its processing, and never sleeps. Latency is as low as the
// spin allows and there is no interrupt overhead, at the price of a core that is always
// 100% busy, whether there is traffic or not.
#pragma once

#include "kernel.hpp"
#include "nic_driver.hpp"
#include "packet_handler.hpp"
#include "rx_policy.hpp"

namespace nicsim::driver {

class BusyPollPolicy final : public RxPolicy, public Runnable {
public:
    BusyPollPolicy(Kernel& kernel, NicDriver& nic, PacketHandler& handler, DriverCosts costs);

    std::string name() const override { return "busy-poll"; }
    void start() override;
    std::vector<NamedCount> stats() const override;

    bool run_step() override;

private:
    Kernel& kernel_;
    NicDriver& nic_;
    PacketHandler& handler_;
    DriverCosts costs_;
    unsigned next_queue_ = 0;
    std::uint64_t empty_polls_ = 0;
    std::uint64_t packets_ = 0;
};

}  // namespace nicsim::driver
