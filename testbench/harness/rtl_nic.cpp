#include "harness/rtl_nic.hpp"

#include <optional>
#include <stdexcept>

#include "bus/irq_monitor.hpp"
#include "harness/nic_harness.hpp"
#include "harness/trace_support.hpp"
#include "trace/tb_event_driver.hpp"

namespace nicsim::tb {
namespace {

// A template, so that a model verilated without tracing makes it false rather than an error.
template <class Top>
constexpr bool verilated_with_trace = requires(Top& top, VerilatedFstC* fst) { top.trace(fst, 1); };

// The register top's counter array, readable from C++ by testbench/sv/nic_counters_public.vlt.
template <class Top>
const auto& global_counters(Top& top) {
    return top.rootp->nicsim_tb_top__DOT__nic__DOT__u_regs__DOT__u_reg_top__DOT__gcnt_q;
}

template <class Top>
class ModelNic final : public RtlNic {
public:
    ModelNic(const HarnessOptions& options, const TraceOptions& trace)
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
    ~ModelNic() override { harness_.sim().close_trace(); }
    ModelNic(const ModelNic&) = delete;
    ModelNic& operator=(const ModelNic&) = delete;

    std::uint64_t cycle() const override { return harness_.cycle(); }
    void run(std::uint64_t cycles) override { harness_.run(cycles); }
    std::uint32_t mmio_read32(std::uint32_t addr) override { return harness_.mmio_read32(addr); }
    void mmio_write32(std::uint32_t addr, std::uint32_t value) override { harness_.mmio_write32(addr, value); }
    GlobalCounters counters() const override {
        GlobalCounters out{};
        const auto& c = global_counters(harness_.top());
        for (std::size_t i = 0; i < out.size(); ++i) out[i] = c[i];
        return out;
    }
    HostMemory& memory() override { return harness_.memory(); }
    void offer(std::span<const std::uint8_t> frame, std::uint64_t cycle) override {
        harness_.rx_source().push(AxisFrame{std::vector<std::uint8_t>(frame.begin(), frame.end()), false}, cycle);
    }
    std::deque<ReceivedFrame>& transmitted() override { return harness_.tx_sink().frames(); }
    std::vector<IrqPulse>& irq_pulses() override { return irqs_.pending(); }
    void record(const TbEvent& e) override {
        if (events_) events_->record(e);
    }
    TraceReport trace_report() const override { return schedule_ ? schedule_->report() : TraceReport{}; }
    SkipStats skip_stats() const override { return harness_.sim().skip_stats(); }
    std::uint64_t axi_violations() const override {
        return harness_.dma().violation_count() + harness_.tx_sink().stream_violations();
    }

private:
    using Harness = RtlHarness<Top>;
    static HarnessOptions with_depth(HarnessOptions o, const TraceOptions& trace) {
        o.sim.trace_depth = trace.depth;
        return o;
    }

    mutable Harness harness_;
    IrqMonitor<Top> irqs_;
    std::optional<TbEventDriver<Top>> events_;
    std::optional<TraceSchedule<SimControl<Top>, Top>> schedule_;
};

}  // namespace

std::unique_ptr<RtlNic> make_rtl_nic(const HarnessOptions& options, const TraceOptions& trace, bool checks) {
    // Only a run that traces pays for a model verilated with tracing (which has the RTL's
    // assertions too), and only a run that asks for checks for the assertions.
    if (trace.enabled()) return std::make_unique<ModelNic<NicTop>>(options, trace);
    if (checks) return std::make_unique<ModelNic<CheckedNicTop>>(options, trace);
    return std::make_unique<ModelNic<FastNicTop>>(options, trace);
}

bool nic_can_trace() { return verilated_with_trace<NicTop>; }

void require_trace_support(const TraceOptions& trace) {
    if (trace.enabled() && !nic_can_trace())
        throw std::invalid_argument("--trace: this nicsim was built with -DNICSIM_TRACE_FST=OFF (no tracing)");
}

}  // namespace nicsim::tb
