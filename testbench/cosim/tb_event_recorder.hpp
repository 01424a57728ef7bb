// Collects the host's decisions for the trace's testbench scope: interrupt entry (from the
// simulated CPUs), RX polls and policy drops (from the driver's Tracepoints), application
// drops (from the delivery ledger). Frames offered and re-arms the platform records itself.
//
// Each event is stamped with the host time it happened at: a step's start for interrupt
// entry, and for events inside a step the step's start plus the CPU time charged so far
// (SimKernel::step_clock_ps), so a poll spans the CPU time its work takes. Preemption is not
// shown: a preempted poll ends in the trace where its work would have ended unpreempted.
//
// Made only when a trace is asked for; with tracing off nothing calls into it.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "apps/delivery_ledger.hpp"
#include "platform/nic_platform.hpp"
#include "host/sim_kernel.hpp"
#include "tracepoints.hpp"

namespace nicsim {

class TbEventRecorder final : public driver::Tracepoints {
public:
    // Hooks itself into `kernel` and `ledger`; must outlive the run.
    TbEventRecorder(host::SimKernel& kernel, platform::NicPlatform& platform, apps::DeliveryLedger& ledger);

    void rx_poll_begin(unsigned queue) override;
    void rx_poll_end(unsigned queue, unsigned packets) override;
    void packet_dropped(std::string_view place) override;

private:
    void host_drop(tb::HostDropReason reason);

    host::SimKernel& kernel_;
    platform::NicPlatform& platform_;
    std::array<std::uint64_t, 16> poll_begin_ps_{};  // per queue
};

}  // namespace nicsim
