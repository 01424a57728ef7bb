// Decides, cycle by cycle, when the FST trace is open: from the start of the window (or the
// first trigger event inside it) until the end of the window (or --trace-for after the event).
// A trace is never reopened: one run, one stretch of waveform.
//
// How a late start works: SimControl dumps the state after every evaluation. While no trace
// is open nothing is dumped, so the first dump after open_trace_now() holds the value of every
// signal and the FST simply starts at that time; GTKWave shows nothing before it. The trigger
// signals (trigger_*_o of nicsim_tb_top) are read in phase (b), after the falling-edge
// evaluation, and open_trace_now() dumps that settled state at its own time, so the cycle
// that holds the event is the first one in the trace.
//
// SimControl drives this model only when a trace was asked for: with tracing off it costs
// nothing. A template on SimControl and the top class so that it is unit-tested on fakes.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include "bus/clocked_model.hpp"
#include "trace/trace_options.hpp"

namespace nicsim::tb {

// What the trace ended up covering, for the user (and the tests).
struct TraceReport {
    bool written = false;        // a trace was opened (else the file was removed)
    std::uint64_t start_ps = 0;  // first and last dump
    std::uint64_t end_ps = 0;
    bool triggered = false;      // opened by --trace-on
};

template <class Sim, class Top>
class TraceSchedule final : public ClockedModel {
public:
    TraceSchedule(Sim& sim, Top& top, const TraceOptions& options) : sim_(sim), top_(top), options_(options) {
        period_ps_ = sim.clock_period_ps();
        from_ps_ = to_ps(options.from_us);
        to_ps_ = options.to_us == std::numeric_limits<double>::infinity() ? never : to_ps(options.to_us);
        for_ps_ = to_ps(options.for_us);
    }

    // Before reset: a whole-run trace (no window start, no trigger) opens now, so that it holds
    // the reset too.
    void open_if_from_start() {
        if (from_ps_ == 0 && options_.trigger == TraceTrigger::none) open(0, to_ps_, false);
    }

    void apply() override {}

    void sample(std::uint64_t cycle) override {
        const std::uint64_t now = cycle * period_ps_;  // time of the evaluation just done
        switch (state_) {
            case State::waiting:
                if (now < from_ps_) return;
                if (options_.trigger == TraceTrigger::none) {
                    open(now, to_ps_, false);
                } else if (fired()) {
                    open(now, now + for_ps_ < to_ps_ ? now + for_ps_ : to_ps_, true);
                } else if (now > to_ps_) {
                    state_ = State::done;  // the window passed without the event
                }
                return;
            case State::open:
                // Close before the rising-edge dump that would land after the end.
                if (now + period_ps_ / 2 > stop_ps_) {
                    sim_.close_trace();
                    state_ = State::done;
                    report_.end_ps = now;  // the falling-edge dump just done was the last
                } else {
                    report_.end_ps = now + period_ps_ / 2;
                }
                return;
            case State::done:
                return;
        }
    }

    void reset() override {}

    // A trace that is open is written cycle by cycle: it shows every clock edge, and the
    // waveform is the same with and without skip-idle.
    std::uint64_t quiet_until(std::uint64_t next_cycle) const override {
        switch (state_) {
            case State::waiting: {
                const std::uint64_t from = (from_ps_ + period_ps_ - 1) / period_ps_;
                if (next_cycle < from) return from;
                if (options_.trigger == TraceTrigger::none || fired()) return next_cycle;
                if (to_ps_ == never) return quiet_forever;
                const std::uint64_t passed = to_ps_ / period_ps_ + 1;  // first cycle with now > to
                return passed > next_cycle ? passed : next_cycle;
            }
            case State::open: return next_cycle;
            case State::done: return quiet_forever;
        }
        return next_cycle;
    }

    const TraceReport& report() const { return report_; }

private:
    enum class State { waiting, open, done };
    static constexpr std::uint64_t never = std::numeric_limits<std::uint64_t>::max();

    static std::uint64_t to_ps(double us) { return static_cast<std::uint64_t>(std::llround(us * 1e6)); }

    bool fired() const {
        switch (options_.trigger) {
            case TraceTrigger::drop: return top_.trigger_drop_o != 0;
            case TraceTrigger::irq: return top_.trigger_irq_o != 0;
            case TraceTrigger::error: return top_.trigger_error_o != 0;
            case TraceTrigger::none: break;
        }
        return false;
    }

    void open(std::uint64_t now, std::uint64_t stop, bool triggered) {
        if (now == 0) sim_.open_trace(options_.path);
        else sim_.open_trace_now(options_.path);
        state_ = State::open;
        stop_ps_ = stop;
        report_.written = true;
        report_.triggered = triggered;
        report_.start_ps = now;
        report_.end_ps = now;
    }

    Sim& sim_;
    Top& top_;
    TraceOptions options_;
    std::uint64_t period_ps_ = 0;
    std::uint64_t from_ps_ = 0, to_ps_ = never, for_ps_ = 0, stop_ps_ = never;
    State state_ = State::waiting;
    TraceReport report_;
};

}  // namespace nicsim::tb
