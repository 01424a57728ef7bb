// The Verilated NIC with its harness, behind a header that includes neither Verilator nor
// SystemC: Verilator's headers change meaning when SystemC's are in the same translation
// unit, so the two never meet. The SystemC side (NicPlatform) uses only this.
//
// An interface: make_rtl_nic() picks the model (verilated with tracing for a run that traces,
// without for one that does not) and returns it; each call is one virtual call, which comes
// per sync or MMIO access, never per cycle.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <memory>
#include <span>
#include <vector>

#include "bus/axis_sink.hpp"
#include "bus/host_memory.hpp"
#include "bus/irq_pulse.hpp"
#include "harness/harness_options.hpp"
#include "nic_regs.hpp"
#include "trace/tb_event.hpp"
#include "trace/trace_options.hpp"
#include "trace/trace_schedule.hpp"

namespace nicsim::tb {

// The NIC's global statistics counters, by index in regs::GLOBAL_COUNTERS.
using GlobalCounters = std::array<std::uint64_t, regs::GLOBAL_COUNTERS.size()>;

class RtlNic {
public:
    virtual ~RtlNic() = default;

    virtual std::uint64_t cycle() const = 0;
    virtual void run(std::uint64_t cycles) = 0;

    // Blocking MMIO through the register slave: runs the clock until the access completes.
    virtual std::uint32_t mmio_read32(std::uint32_t addr) = 0;
    virtual void mmio_write32(std::uint32_t addr, std::uint32_t value) = 0;

    // The global counters as they stand in this cycle, read straight from the model (no bus
    // access, no time passes): the testbench's own view for its accounting, where the driver
    // has no need to read them.
    virtual GlobalCounters counters() const = 0;

    virtual HostMemory& memory() = 0;
    // Offers a frame on the MAC input no earlier than `cycle`.
    virtual void offer(std::span<const std::uint8_t> frame, std::uint64_t cycle) = 0;
    // Frames the NIC transmitted, oldest first; the caller pops what it has handled.
    virtual std::deque<ReceivedFrame>& transmitted() = 0;
    // Interrupt pulses since the caller last cleared the list.
    virtual std::vector<IrqPulse>& irq_pulses() = 0;

    // A software event for the trace's testbench scope, shown in cycle e.cycle (or the
    // current one if that has passed). Ignored when no trace was asked for.
    virtual void record(const TbEvent& e) = 0;
    // What the trace covered so far (final once the RtlNic is destroyed or the run is over).
    virtual TraceReport trace_report() const = 0;

    virtual std::uint64_t axi_violations() const = 0;

    // What skip-idle did so far (SimControl): not part of any result, which is the same with
    // and without it, but of the simulator's speed.
    virtual SkipStats skip_stats() const = 0;
};

// With trace.enabled(), the FST is written as `trace` says, and record() puts software events
// into its testbench scope; without, neither costs anything.
std::unique_ptr<RtlNic> make_rtl_nic(const HarnessOptions& options, const TraceOptions& trace, bool checks = false);

}  // namespace nicsim::tb
