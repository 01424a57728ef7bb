#include "rtl_nic.hpp"

#include <optional>

#include "irq_monitor.hpp"
#include "nic_harness.hpp"
#include "tb_event_driver.hpp"

namespace nicsim::platform {

struct RtlNic::Impl {
    Impl(const tb::HarnessOptions& options, const tb::TraceOptions& trace) : harness(with_depth(options, trace)), irqs(harness.top()) {
        harness.sim().add_model(irqs);
        if (trace.enabled()) {
            events.emplace(harness.top());
            schedule.emplace(harness.sim(), harness.top(), trace);
            harness.sim().add_model(*events);
            harness.sim().add_model(*schedule);
        }
    }
    static tb::HarnessOptions with_depth(tb::HarnessOptions o, const tb::TraceOptions& trace) {
        o.sim.trace_depth = trace.depth;
        return o;
    }

    tb::NicHarness harness;
    tb::IrqMonitor<tb::NicTop> irqs;
    std::optional<tb::TbEventDriver<tb::NicTop>> events;
    std::optional<tb::TraceSchedule<tb::SimControl<tb::NicTop>, tb::NicTop>> schedule;
};

RtlNic::RtlNic(const tb::HarnessOptions& options, const tb::TraceOptions& trace)
    : impl_(std::make_unique<Impl>(options, trace)) {
    if (impl_->schedule) impl_->schedule->open_if_from_start();
    impl_->harness.reset();
}

namespace {
// A template, so that a model verilated without tracing makes it false rather than an error.
template <class Top>
constexpr bool verilated_with_trace = requires(Top& top, VerilatedFstC* fst) { top.trace(fst, 1); };
}  // namespace

bool RtlNic::can_trace() { return verilated_with_trace<tb::NicTop>; }

RtlNic::~RtlNic() { impl_->harness.sim().close_trace(); }

std::uint64_t RtlNic::cycle() const { return impl_->harness.cycle(); }
void RtlNic::run(std::uint64_t cycles) { impl_->harness.run(cycles); }
std::uint32_t RtlNic::mmio_read32(std::uint32_t addr) { return impl_->harness.mmio_read32(addr); }
void RtlNic::mmio_write32(std::uint32_t addr, std::uint32_t value) { impl_->harness.mmio_write32(addr, value); }
tb::HostMemory& RtlNic::memory() { return impl_->harness.memory(); }

void RtlNic::offer(const std::vector<std::uint8_t>& frame, std::uint64_t cycle) {
    impl_->harness.rx_source().push(tb::AxisFrame{frame, false}, cycle);
}

void RtlNic::record(const tb::TbEvent& e) {
    if (impl_->events) impl_->events->record(e);
}
bool RtlNic::tracing_requested() const { return impl_->events.has_value(); }
tb::TraceReport RtlNic::trace_report() const { return impl_->schedule ? impl_->schedule->report() : tb::TraceReport{}; }

std::deque<tb::ReceivedFrame>& RtlNic::transmitted() { return impl_->harness.tx_sink().frames(); }
std::vector<tb::IrqPulse>& RtlNic::irq_pulses() { return impl_->irqs.pending(); }
std::uint64_t RtlNic::irq_count() const { return impl_->irqs.count(); }
std::uint64_t RtlNic::axi_violations() const {
    return impl_->harness.dma().violation_count() + impl_->harness.tx_sink().stream_violations();
}

}  // namespace nicsim::platform
