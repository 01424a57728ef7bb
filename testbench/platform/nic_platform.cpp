#include "platform/nic_platform.hpp"

#include <stdexcept>
#include <vector>

#include "harness/harness_options.hpp"
#include "nic_regs.hpp"
#include "harness/rtl_nic.hpp"
#include "traffic/test_frame.hpp"

namespace nicsim::platform {

struct NicPlatform::Impl {
    Impl(const tb::HarnessOptions& options, const tb::TraceOptions& trace) : nic(options, trace) {}
    RtlNic nic;
    std::vector<std::uint8_t> frame;  // reused for every frame built
};

NicPlatform::NicPlatform(const sc_core::sc_module_name& name, host::SimKernel& kernel, PlatformConfig config,
                         traffic::TrafficSource& traffic, traffic::WireObserver& wire)
    : sc_core::sc_module(name), kernel_(kernel), config_(config), traffic_(traffic), wire_(wire) {
    if (!(config.quantum_ns >= 1 && config.quantum_ns <= 1e6))
        throw std::invalid_argument("quantum_ns = " + std::to_string(config.quantum_ns) + ": must be in 1..1000000");
    const auto options = tb::harness_options(config.clock_mhz, config.dma_latency_ns);
    period_ps_ = options.sim.clock_period_ps;
    impl_ = std::make_unique<Impl>(options, config.trace);
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
    RtlNic& nic = impl_->nic;
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
        const std::uint64_t cycle = (pending_frame_.send_ps + period_ps_ - 1) / period_ps_;
        if (cycle > target_cycle) break;
        if (pending_frame_.bytes) {
            impl_->frame.assign(pending_frame_.bytes->begin(), pending_frame_.bytes->end());
        } else {
            tb::TestFrameSpec spec;
            spec.size = pending_frame_.size;
            spec.src_port = static_cast<std::uint16_t>(1024 + pending_frame_.flow % 60000);
            spec.src_ip = 0x0A000001u + pending_frame_.flow / 60000;
            spec.dst_port = pending_frame_.dst_port;
            tb::build_test_frame(spec, {pending_frame_.sequence, pending_frame_.send_ps}, impl_->frame);
        }
        nic.offer(impl_->frame, cycle);
        if (tracing_)
            nic.record({cycle, tb::TbEventKind::frame_offered, 0, static_cast<std::uint32_t>(pending_frame_.sequence)});
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
    return impl_->nic.mmio_read32(offset);
}

void NicPlatform::mmio_write32(std::uint32_t offset, std::uint32_t value) {
    sync_to(now_ps());
    kernel_.charge_ps(host::to_ps(kernel_.costs().mmio_write_ns));
    // Clearing a vector's mask is the driver re-arming it: a decision worth seeing in a trace.
    if (tracing_ && offset == regs::REG_INTR_MASK_CLEAR) record_event(now_ps(), tb::TbEventKind::rearm, 0, value);
    impl_->nic.mmio_write32(offset, value);
}

void NicPlatform::record_event(std::uint64_t time_ps, tb::TbEventKind kind, std::uint16_t index, std::uint32_t value) {
    if (tracing_) impl_->nic.record({time_ps / period_ps_, kind, index, value});
}

tb::TraceReport NicPlatform::trace_report() const { return impl_->nic.trace_report(); }

driver::DmaBuffer NicPlatform::dma_alloc(std::size_t size, std::size_t align, driver::DmaDirection dir) {
    return impl_->nic.memory().alloc(size, align, dir);
}

void NicPlatform::dma_free(const driver::DmaBuffer& buffer) { impl_->nic.memory().free(buffer); }

std::uint64_t NicPlatform::nic_cycles() const { return impl_->nic.cycle(); }
std::uint64_t NicPlatform::dma_faults() const { return impl_->nic.memory().faults().size(); }
std::uint64_t NicPlatform::axi_violations() const { return impl_->nic.axi_violations(); }
std::uint64_t NicPlatform::irq_pulses() const { return impl_->nic.irq_count(); }

}  // namespace nicsim::platform
