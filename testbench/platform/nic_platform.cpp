#include "platform/nic_platform.hpp"

#include <stdexcept>
#include <vector>

#include "harness/harness_options.hpp"
#include "nic_regs.hpp"

namespace nicsim::platform {

NicPlatform::NicPlatform(const sc_core::sc_module_name& name, host::SimKernel& kernel, PlatformConfig config,
                         traffic::TrafficSource& traffic, traffic::WireObserver& wire)
    : sc_core::sc_module(name), kernel_(kernel), config_(config), traffic_(traffic), wire_(wire) {
    if (!(config.quantum_ns >= 1 && config.quantum_ns <= 1e6))
        throw std::invalid_argument("quantum_ns = " + std::to_string(config.quantum_ns) + ": must be in 1..1000000");
    auto options = tb::harness_options(config.clock_mhz, config.dma_latency_ns);
    options.sim.skip_idle = config.skip_idle;
    period_ps_ = options.sim.clock_period_ps;
    nic_ = tb::make_rtl_nic(options, config.trace, config.checks);
    tracing_ = config.trace.enabled();
    kernel_.set_before_step([this](std::uint64_t now) { sync_to(now); });
    SC_THREAD(quantum_loop);
}

NicPlatform::~NicPlatform() = default;

void NicPlatform::quantum_loop() {
    const auto quantum = sc_core::sc_time::from_value(static_cast<std::uint64_t>(config_.quantum_ns * 1000.0));
    for (;;) {
        wait(quantum);
        sync_to(now_ps());
    }
}

void NicPlatform::sync_to(std::uint64_t time_ps) {
    tb::RtlNic& nic = *nic_;
    const std::uint64_t target_cycle = time_ps / period_ps_;
    if (nic.cycle() >= target_cycle) return;

    // Put every frame due before the target on the wire model; AxisSource holds each until
    // its cycle, so the wire carries them at their exact send times.
    while (!traffic_done_) {
        if (!have_pending_frame_) {
            if (!traffic_.next(pending_frame_)) {
                traffic_done_ = true;
                break;
            }
            have_pending_frame_ = true;
        }
        const std::uint64_t cycle = (pending_frame_.id.sent_at + period_ps_ - 1) / period_ps_;
        if (cycle > target_cycle) break;
        nic.offer(pending_frame_.bytes, cycle);
        if (tracing_)
            nic.record({cycle, tb::TbEventKind::frame_offered, 0, static_cast<std::uint32_t>(pending_frame_.id.sequence)});
        wire_.on_wire_in(pending_frame_.dst_port, pending_frame_.id.sent_at);
        ++frames_offered_;
        have_pending_frame_ = false;
    }

    nic.run(target_cycle - nic.cycle());

    // Frames the NIC transmitted, stamped with the time their last beat left.
    auto& sent = nic.transmitted();
    while (!sent.empty()) {
        const auto& f = sent.front();
        wire_.on_wire_out(f.data.data(), f.data.size(), (f.last_beat_cycle + 1) * period_ps_);
        sent.pop_front();
    }
    // Interrupts raised since the last sync reach the CPUs now (at most one quantum late).
    auto& pulses = nic.irq_pulses();
    for (const auto& p : pulses) kernel_.deliver_irq(p.vector);
    pulses.clear();
}

std::uint32_t NicPlatform::mmio_read32(std::uint32_t offset) {
    sync_to(now_ps());
    kernel_.charge_ps(host::to_ps(kernel_.costs().mmio_read_ns));
    return nic_->mmio_read32(offset);
}

void NicPlatform::mmio_write32(std::uint32_t offset, std::uint32_t value) {
    sync_to(now_ps());
    kernel_.charge_ps(host::to_ps(kernel_.costs().mmio_write_ns));
    // Clearing a vector's mask is the driver re-arming it: a decision worth seeing in a trace.
    if (tracing_ && offset == regs::REG_INTR_MASK_CLEAR) record_event(now_ps(), tb::TbEventKind::rearm, 0, value);
    nic_->mmio_write32(offset, value);
}

void NicPlatform::record_event(std::uint64_t time_ps, tb::TbEventKind kind, std::uint16_t index, std::uint32_t value) {
    if (tracing_) nic_->record({time_ps / period_ps_, kind, index, value});
}

tb::TraceReport NicPlatform::trace_report() const { return nic_->trace_report(); }

driver::DmaBuffer NicPlatform::dma_alloc(std::size_t size, std::size_t align, driver::DmaDirection dir) {
    return nic_->memory().alloc(size, align, dir);
}

void NicPlatform::dma_free(const driver::DmaBuffer& buffer) { nic_->memory().free(buffer); }

std::uint64_t NicPlatform::nic_cycles() const { return nic_->cycle(); }
std::uint64_t NicPlatform::dma_faults() const { return nic_->memory().faults().size(); }
std::uint64_t NicPlatform::axi_violations() const { return nic_->axi_violations(); }
tb::GlobalCounters NicPlatform::nic_counters() const { return nic_->counters(); }

}  // namespace nicsim::platform
