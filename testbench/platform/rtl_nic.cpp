#include "rtl_nic.hpp"

#include "irq_monitor.hpp"
#include "nic_harness.hpp"

namespace nicsim::platform {

struct RtlNic::Impl {
    explicit Impl(const tb::HarnessOptions& options) : harness(options), irqs(harness.top()) {
        harness.sim().add_model(irqs);
    }
    tb::NicHarness harness;
    tb::IrqMonitor<Vnic_top> irqs;
};

RtlNic::RtlNic(const tb::HarnessOptions& options, const std::string& trace_path)
    : impl_(std::make_unique<Impl>(options)) {
    if (!trace_path.empty()) impl_->harness.sim().open_trace(trace_path);
    impl_->harness.reset();
}

RtlNic::~RtlNic() { impl_->harness.sim().close_trace(); }

std::uint64_t RtlNic::cycle() const { return impl_->harness.cycle(); }
void RtlNic::run(std::uint64_t cycles) { impl_->harness.run(cycles); }
std::uint32_t RtlNic::mmio_read32(std::uint32_t addr) { return impl_->harness.mmio_read32(addr); }
void RtlNic::mmio_write32(std::uint32_t addr, std::uint32_t value) { impl_->harness.mmio_write32(addr, value); }
tb::HostMemory& RtlNic::memory() { return impl_->harness.memory(); }

void RtlNic::offer(const std::vector<std::uint8_t>& frame, std::uint64_t cycle) {
    impl_->harness.rx_source().push(tb::AxisFrame{frame, false}, cycle);
}

std::deque<tb::ReceivedFrame>& RtlNic::transmitted() { return impl_->harness.tx_sink().frames(); }
std::vector<tb::IrqPulse>& RtlNic::irq_pulses() { return impl_->irqs.pending(); }
std::uint64_t RtlNic::irq_count() const { return impl_->irqs.count(); }
std::uint64_t RtlNic::axi_violations() const {
    return impl_->harness.dma().violation_count() + impl_->harness.tx_sink().stream_violations();
}

}  // namespace nicsim::platform
