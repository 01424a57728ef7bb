// The Verilated NIC with its harness, behind a header that includes neither Verilator nor
// SystemC: Verilator's headers change meaning when SystemC's are in the same translation
// unit, so the two never meet. The SystemC side (nic_platform) uses only this.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "bus/axis_sink.hpp"
#include "bus/host_memory.hpp"
#include "bus/irq_pulse.hpp"
#include "harness/rtl_harness.hpp"
#include "trace/tb_event.hpp"
#include "trace/trace_options.hpp"
#include "trace/trace_schedule.hpp"

namespace nicsim::platform {

class RtlNic {
public:
    // With trace.enabled(), the FST is written as `trace` says, and record() puts software
    // events into its testbench scope; without, neither costs anything.
    RtlNic(const tb::HarnessOptions& options, const tb::TraceOptions& trace);
    // False when the NIC was verilated without tracing (-DNICSIM_TRACE_FST=OFF).
    static bool can_trace();
    ~RtlNic();
    RtlNic(const RtlNic&) = delete;
    RtlNic& operator=(const RtlNic&) = delete;

    std::uint64_t cycle() const;
    void run(std::uint64_t cycles);

    std::uint32_t mmio_read32(std::uint32_t addr);
    void mmio_write32(std::uint32_t addr, std::uint32_t value);

    tb::HostMemory& memory();
    // Offers a frame on the MAC input no earlier than `cycle`.
    void offer(const std::vector<std::uint8_t>& frame, std::uint64_t cycle);
    // Frames the NIC transmitted, oldest first; the caller pops what it has handled.
    std::deque<tb::ReceivedFrame>& transmitted();
    // Interrupt pulses since the caller last cleared the list.
    std::vector<tb::IrqPulse>& irq_pulses();

    // A software event for the trace's testbench scope, shown in cycle e.cycle (or the
    // current one if that has passed). Ignored when no trace was asked for.
    void record(const tb::TbEvent& e);
    bool tracing_requested() const;
    // What the trace covered so far (final once the RtlNic is destroyed or the run is over).
    tb::TraceReport trace_report() const;

    std::uint64_t irq_count() const;
    std::uint64_t axi_violations() const;

    // The model behind it (rtl_nic.cpp): public only so that its implementations, one per
    // Verilated model, can derive from it there.
    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace nicsim::platform
