#include "harness/rtl_nic.hpp"

#include <optional>
#include <stdexcept>

#include "bus/irq_monitor.hpp"
#include "harness/nic_harness.hpp"
#include "harness/trace_support.hpp"
#include "trace/tb_event_driver.hpp"

namespace nicsim::platform {

namespace {
// A template, so that a model verilated without tracing makes it false rather than an error.
template <class Top>
constexpr bool verilated_with_trace = requires(Top& top, VerilatedFstC* fst) { top.trace(fst, 1); };
}  // namespace

// The NIC behind RtlNic, whichever model runs it (one virtual call per RtlNic call, which
// comes per sync or MMIO access, never per cycle).
struct RtlNic::Impl {
    virtual ~Impl() = default;
    virtual std::uint64_t cycle() const = 0;
    virtual void run(std::uint64_t cycles) = 0;
    virtual std::uint32_t mmio_read32(std::uint32_t addr) = 0;
    virtual void mmio_write32(std::uint32_t addr, std::uint32_t value) = 0;
    virtual tb::HostMemory& memory() = 0;
    virtual void offer(const std::vector<std::uint8_t>& frame, std::uint64_t cycle) = 0;
    virtual void record(const tb::TbEvent& e) = 0;
    virtual bool tracing_requested() const = 0;
    virtual tb::TraceReport trace_report() const = 0;
    virtual std::deque<tb::ReceivedFrame>& transmitted() = 0;
    virtual std::vector<tb::IrqPulse>& irq_pulses() = 0;
    virtual std::uint64_t irq_count() const = 0;
    virtual std::uint64_t axi_violations() const = 0;
    virtual void close_trace() = 0;
};

namespace {

template <class Top>
class ModelImpl final : public RtlNic::Impl {
public:
    ModelImpl(const tb::HarnessOptions& options, const tb::TraceOptions& trace)
        : harness_(with_depth(options, trace)), irqs_(harness_.top()) {
        harness_.sim().add_model(irqs_);
        if (trace.enabled()) {
            events_.emplace(harness_.top());
            schedule_.emplace(harness_.sim(), harness_.top(), trace);
            harness_.sim().add_model(*events_);
            harness_.sim().add_model(*schedule_);
            schedule_->open_if_from_start();
        }
        harness_.reset();
    }

    std::uint64_t cycle() const override { return harness_.cycle(); }
    void run(std::uint64_t cycles) override { harness_.run(cycles); }
    std::uint32_t mmio_read32(std::uint32_t addr) override { return harness_.mmio_read32(addr); }
    void mmio_write32(std::uint32_t addr, std::uint32_t value) override { harness_.mmio_write32(addr, value); }
    tb::HostMemory& memory() override { return harness_.memory(); }
    void offer(const std::vector<std::uint8_t>& frame, std::uint64_t cycle) override {
        harness_.rx_source().push(tb::AxisFrame{frame, false}, cycle);
    }
    void record(const tb::TbEvent& e) override {
        if (events_) events_->record(e);
    }
    bool tracing_requested() const override { return events_.has_value(); }
    tb::TraceReport trace_report() const override { return schedule_ ? schedule_->report() : tb::TraceReport{}; }
    std::deque<tb::ReceivedFrame>& transmitted() override { return harness_.tx_sink().frames(); }
    std::vector<tb::IrqPulse>& irq_pulses() override { return irqs_.pending(); }
    std::uint64_t irq_count() const override { return irqs_.count(); }
    std::uint64_t axi_violations() const override {
        return harness_.dma().violation_count() + harness_.tx_sink().stream_violations();
    }
    void close_trace() override { harness_.sim().close_trace(); }

private:
    using Harness = tb::RtlHarness<Top>;
    static tb::HarnessOptions with_depth(tb::HarnessOptions o, const tb::TraceOptions& trace) {
        o.sim.trace_depth = trace.depth;
        return o;
    }

    mutable Harness harness_;
    tb::IrqMonitor<Top> irqs_;
    std::optional<tb::TbEventDriver<Top>> events_;
    std::optional<tb::TraceSchedule<tb::SimControl<Top>, Top>> schedule_;
};

}  // namespace

RtlNic::RtlNic(const tb::HarnessOptions& options, const tb::TraceOptions& trace) {
    // Only a run that traces pays for a model verilated with tracing.
    if (trace.enabled()) impl_ = std::make_unique<ModelImpl<tb::NicTop>>(options, trace);
    else impl_ = std::make_unique<ModelImpl<tb::FastNicTop>>(options, trace);
}

bool RtlNic::can_trace() { return verilated_with_trace<tb::NicTop>; }

}  // namespace nicsim::platform

namespace nicsim::tb {

bool nic_can_trace() { return platform::RtlNic::can_trace(); }

void require_trace_support(const TraceOptions& trace) {
    if (trace.enabled() && !nic_can_trace())
        throw std::invalid_argument("--trace: this nicsim was built with -DNICSIM_TRACE_FST=OFF (no tracing)");
}

}  // namespace nicsim::tb

namespace nicsim::platform {

RtlNic::~RtlNic() { impl_->close_trace(); }

std::uint64_t RtlNic::cycle() const { return impl_->cycle(); }
void RtlNic::run(std::uint64_t cycles) { impl_->run(cycles); }
std::uint32_t RtlNic::mmio_read32(std::uint32_t addr) { return impl_->mmio_read32(addr); }
void RtlNic::mmio_write32(std::uint32_t addr, std::uint32_t value) { impl_->mmio_write32(addr, value); }
tb::HostMemory& RtlNic::memory() { return impl_->memory(); }
void RtlNic::offer(const std::vector<std::uint8_t>& frame, std::uint64_t cycle) { impl_->offer(frame, cycle); }
void RtlNic::record(const tb::TbEvent& e) { impl_->record(e); }
bool RtlNic::tracing_requested() const { return impl_->tracing_requested(); }
tb::TraceReport RtlNic::trace_report() const { return impl_->trace_report(); }
std::deque<tb::ReceivedFrame>& RtlNic::transmitted() { return impl_->transmitted(); }
std::vector<tb::IrqPulse>& RtlNic::irq_pulses() { return impl_->irq_pulses(); }
std::uint64_t RtlNic::irq_count() const { return impl_->irq_count(); }
std::uint64_t RtlNic::axi_violations() const { return impl_->axi_violations(); }

}  // namespace nicsim::platform
