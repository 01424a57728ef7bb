// The Verilated NIC on the SystemC time base, as the host sees it: the driver's Device
// (MMIO, DMA memory), the interrupt lines into the simulated CPUs, and the wire.
//
// Temporal decoupling: the NIC is stepped cycle by cycle in a tight C++ loop, never through
// the SystemC scheduler, and is brought up to the current SystemC time ("synced") only when
// something needs it: before every CPU step (so the driver sees what the NIC has DMA'd by
// then), before every MMIO access (so register accesses land at their exact time, in order),
// and at least once per quantum (so interrupts are never later than one quantum). The NIC
// therefore never runs ahead of host time: nothing the host sees comes from the future. The
// cost of this choice is interrupt latency quantisation: an interrupt the NIC raises between
// two syncs reaches the CPU at the later one, at most `quantum_ns` late.
#pragma once

#include <systemc>

#include <cstdint>
#include <memory>
#include <string>

#include "host/cost_table.hpp"
#include "device.hpp"
#include "host/sim_kernel.hpp"
#include "harness/rtl_nic.hpp"
#include "trace/tb_event.hpp"
#include "platform/platform_config.hpp"
#include "trace/trace_schedule.hpp"
#include "traffic/traffic_source.hpp"
#include "traffic/wire_observer.hpp"

namespace nicsim::platform {

class NicPlatform final : public sc_core::sc_module, public driver::Device {
public:
    SC_HAS_PROCESS(NicPlatform);
    NicPlatform(const sc_core::sc_module_name& name, host::SimKernel& kernel, PlatformConfig config,
                traffic::TrafficSource& traffic, traffic::WireObserver& wire);
    ~NicPlatform() override;

    // driver::Device: MMIO lands at the current host time; the CPU is charged its cost.
    std::uint32_t mmio_read32(std::uint32_t offset) override;
    void mmio_write32(std::uint32_t offset, std::uint32_t value) override;
    driver::DmaBuffer dma_alloc(std::size_t size, std::size_t align, driver::DmaDirection dir) override;
    void dma_free(const driver::DmaBuffer& buffer) override;

    // Steps the NIC up to `time_ps`, feeding the wire and delivering interrupts.
    void sync_to(std::uint64_t time_ps);

    // A software event at host time `time_ps` for the trace's testbench scope; a no-op
    // unless a trace was asked for (check tracing() first to skip building it).
    void record_event(std::uint64_t time_ps, tb::TbEventKind kind, std::uint16_t index = 0, std::uint32_t value = 0);
    bool tracing() const { return tracing_; }
    tb::TraceReport trace_report() const;

    std::uint64_t clock_period_ps() const { return period_ps_; }
    std::uint64_t nic_cycles() const;
    std::uint64_t frames_offered() const { return frames_offered_; }
    bool traffic_exhausted() const { return traffic_done_; }
    std::uint64_t dma_faults() const;
    std::uint64_t axi_violations() const;
    tb::SkipStats skip_stats() const { return nic_->skip_stats(); }
    // The NIC's global counters now, read from the model without bus traffic or time passing
    // (RtlNic::counters()): for the testbench's accounting, which the driver does not need.
    tb::GlobalCounters nic_counters() const;

private:
    void quantum_loop();
    std::uint64_t now_ps() const { return sc_core::sc_time_stamp().value(); }

    std::unique_ptr<tb::RtlNic> nic_;
    host::SimKernel& kernel_;
    PlatformConfig config_;
    traffic::TrafficSource& traffic_;
    traffic::WireObserver& wire_;
    std::uint64_t period_ps_;
    std::uint64_t frames_offered_ = 0;
    bool traffic_done_ = false;
    bool tracing_ = false;
    bool have_pending_frame_ = false;
    traffic::OfferedFrame pending_frame_;
};

}  // namespace nicsim::platform
