// Clock, reset, time and tracing of a Verilated model, and the models that plug into its
// clock: the one place where simulation control lives (as OpenTitan's VerilatorSimCtrl).
//
// Shaped as Verilator's example harness: SimControl owns a std::unique_ptr<VerilatedContext>
// and the model constructed with it, advances time with timeInc(), stops on $finish and calls
// final() when it is destroyed. FST tracing is off unless open_trace() switches it on at run
// time (the model must have been verilated with TRACE_FST).
//
// A template so that it needs neither a Verilated model nor the Verilator runtime to compile
// and to be unit-tested:
//   Top      constructor (Context*, const char* name), members clk_i and rst_ni, eval(),
//            final(); trace(Trace*, int levels) only if open_trace() is used.
//   Context  VerilatedContext, or a fake with its traceEverOn, timeInc, time, timeprecision,
//            timeprecisionString and gotFinish.
//   Trace    VerilatedFstC, or a fake with open, isOpen, dump and close.
// Only forward declarations of the Verilator classes are seen here: whoever instantiates
// SimControl<Vnicsim_tb> includes <verilated.h> and <verilated_fst_c.h> (nic_harness.hpp does).
//
// Every cycle (see clocked_model.hpp for why two phases):
//   (a) each model apply()s its pending inputs; clk_i = 0; eval; trace; time += period / 2
//   (b) each model sample()s the settled signals and computes its next inputs
//   (c) clk_i = 1; eval (the rising edge); trace; time += period / 2; cycle() += 1
//
// Skip-idle (SimOptions::skip_idle, and only while no trace is open): when every model is
// quiet for a while (ClockedModel::quiet_until), SimControl checks whether the model has
// reached a fixed point: it copies the model's whole state (all of its variables, inputs
// included, after phase (a)), runs the cycle, applies the next cycle's inputs and compares.
// Unchanged state with unchanged inputs can only give the same state again, so time then
// jumps to the first cycle some model needs (or the end of the run) with no evaluation: no
// RTL knowledge is involved, and a wrong guess costs a check, never a difference.
// The whole state is large (79 KB, nearly all of it the frame buffers' and descriptor caches'
// memories), so a whole check is preceded by a quick one of the first few KB only, where
// Verilator puts the scalar variables (flip-flops, their next values, write enables): a busy
// NIC fails it for the price of a cycle. Only when it holds does the next cycle run the whole
// check, which alone decides. Checks back off while the NIC stays busy, and none is made when
// the models need a cycle too soon for a skip to repay it. Only a top with a `rootp` (a
// Verilated model) is checked.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bus/clocked_model.hpp"

class VerilatedContext;
class VerilatedFstC;

namespace nicsim::tb {

struct SimOptions {
    std::uint64_t clock_period_ps = 4000;  // 250 MHz
    int trace_depth = 0;                   // levels below TOP in an FST trace, as $dumpvars; 0 = all
    // Skip idle stretches exactly (see "Skip-idle" below); off unless asked for, because a
    // test that drives the top's ports itself, past the models, must evaluate every cycle.
    bool skip_idle = false;
};


template <class Top, class Context = VerilatedContext, class Trace = VerilatedFstC>
class SimControl {
public:
    explicit SimControl(SimOptions options = {}) : options_(options) {
        if (options_.clock_period_ps == 0 || options_.clock_period_ps % 2 != 0)
            throw std::invalid_argument("SimControl: the clock period must be an even, non-zero number of ps");
        context_ = std::make_unique<Context>();
        // Verilator needs this before the model is built for open_trace() to work later. The
        // model is verilated with tracing anyway, so it costs little while no trace is open.
        context_->traceEverOn(true);
        // A failing RTL assertion ($error, with its time, module and name, printed by the model)
        // ends the cycle with gotFinish instead of abort(), so the run ends through the thrown
        // error below: exit status 1 with a message, temporary files removed.
        if constexpr (requires(Context& c) { c.fatalOnError(false); }) context_->fatalOnError(false);
        top_ = std::make_unique<Top>(context_.get(), "TOP");
        half_period_ = half_period_in_precision_units();
        top_->clk_i = 0;
        top_->rst_ni = 1;
    }

    ~SimControl() {
        close_trace();
        top_->final();
    }

    SimControl(const SimControl&) = delete;
    SimControl& operator=(const SimControl&) = delete;

    Top& top() { return *top_; }
    Context& context() { return *context_; }

    // The model is driven from the next cycle on and must outlive this SimControl's use.
    void add_model(ClockedModel& model) { models_.push_back(&model); }

    // Resets every model (idle values on its ports), holds rst_ni low for `cycles` cycles
    // during which the models are not clocked, then releases it in phase (a) of the next cycle.
    void reset(unsigned cycles = 8) {
        for (ClockedModel* m : models_) m->reset();
        settled_ = applied_ = quick_held_ = false;
        next_check_ = cycle_ + reset_cycles_hint(cycles);
        top_->rst_ni = 0;
        for (unsigned i = 0; i < cycles; ++i) {
            top_->clk_i = 0;
            eval_and_trace();
            top_->clk_i = 1;
            eval_and_trace();
            ++cycle_;
            ++skip_.evaluated;  // so that evaluated + skipped is every cycle
        }
        top_->rst_ni = 1;  // evaluated at the next falling edge, not on this rising one
    }

    // One clock cycle.
    void step() {
        settled_ = quick_held_ = false;
        apply_inputs();
        finish_cycle();
    }

    // `cycles` clock cycles, skipping idle ones when skip-idle is on.
    void run(std::uint64_t cycles) {
        const std::uint64_t end = cycle_ + cycles;
        if constexpr (checkable) {
            if (options_.skip_idle) {
                while (cycle_ < end) run_skipping(end);
                return;
            }
        }
        while (cycle_ < end) step();
    }

    const SkipStats& skip_stats() const { return skip_; }

    // Steps until pred() is true (checked before each cycle) and returns the cycles run.
    // Throws std::runtime_error naming `what` if it is still false after max_cycles.
    template <class Pred>
    std::uint64_t run_until(Pred&& pred, std::uint64_t max_cycles, std::string_view what = "condition") {
        for (std::uint64_t n = 0; n <= max_cycles; ++n) {
            if (pred()) return n;
            if (n == max_cycles) break;
            step();
        }
        throw std::runtime_error("SimControl::run_until: timed out after " + std::to_string(max_cycles) +
                                 " cycles (now at cycle " + std::to_string(cycle_) + ") waiting for " +
                                 std::string(what));
    }

    // Cycles since construction, reset cycles included.
    std::uint64_t cycle() const { return cycle_; }
    std::uint64_t clock_period_ps() const { return options_.clock_period_ps; }

    void open_trace(const std::string& path) {
        if constexpr (requires(Top& t, Trace* f) { t.trace(f, 1); }) {
            if (trace_) throw std::logic_error("SimControl::open_trace: a trace is already open");
            auto trace = std::make_unique<Trace>();
            // Verilator ignores trace()'s level argument; dumpvars() is what limits the depth.
            top_->trace(trace.get(), 99);
            if constexpr (requires(Trace& t) { t.dumpvars(1, std::string()); })
                if (options_.trace_depth > 0) trace->dumpvars(options_.trace_depth, "TOP");
            trace->open(path.c_str());
            if (!trace->isOpen()) throw std::runtime_error("SimControl::open_trace: cannot open " + path);
            trace_ = std::move(trace);  // the next eval dumps every signal
        } else {
            (void)path;
            throw std::logic_error("SimControl::open_trace: the model was not verilated with TRACE_FST");
        }
    }

    // Opens a trace between the two evaluations of a cycle (from a model's sample()) and
    // dumps the settled state at the time of the evaluation just done, so that the trace
    // starts with the cycle in which the caller decided to open it.
    void open_trace_now(const std::string& path) {
        open_trace(path);
        if constexpr (requires(Trace& t) { t.dump(std::uint64_t{}); })
            if (context_->time() >= half_period_) trace_->dump(context_->time() - half_period_);
    }

    void close_trace() {
        if (trace_) {
            trace_->close();
            trace_.reset();
        }
    }

    bool tracing() const { return trace_ != nullptr; }

private:
    // A Verilated model keeps all of its state in *rootp; a fake top has none to compare.
    static constexpr bool checkable = requires(Top& t) { *t.rootp; };

    void apply_inputs() {
        if (!applied_)
            for (ClockedModel* m : models_) m->apply();
        applied_ = false;
    }

    // Phases (a) after apply, (b) and (c).
    void finish_cycle() {
        top_->clk_i = 0;
        eval_and_trace();
        for (ClockedModel* m : models_) m->sample(cycle_);
        top_->clk_i = 1;
        eval_and_trace();
        ++cycle_;
        ++skip_.evaluated;
        if (context_->gotFinish()) {
            if constexpr (requires(Context& c) { c.gotError(); }) {
                if (context_->gotError())
                    throw std::runtime_error("an RTL assertion failed in NIC cycle " + std::to_string(cycle_) +
                                             " (its time, module and name are printed above)");
            }
            throw std::runtime_error("SimControl: the design called $finish at cycle " + std::to_string(cycle_));
        }
    }

    std::uint64_t quiet_until() const {
        std::uint64_t q = ClockedModel::quiet_forever;
        for (const ClockedModel* m : models_) {
            const std::uint64_t m_q = m->quiet_until(cycle_);
            if (m_q < q) q = m_q;
            if (q <= cycle_) break;
        }
        return q;
    }

    // Runs at least one cycle, or jumps, towards `end`.
    void run_skipping(std::uint64_t end) {
        if (trace_) {
            settled_ = false;
            step();
            return;
        }
        if (settled_) {
            const std::uint64_t q = quiet_until();
            if (q > cycle_) {
                jump_to(q < end ? q : end);
                return;
            }
            step();  // some model has something to do now
            return;
        }
        if (cycle_ < next_check_ || quiet_until() < cycle_ + min_gain) {
            step();
            return;
        }
        // The check: this cycle's state and inputs, then the next cycle's.
        const bool whole = quick_held_;
        const std::size_t n = whole ? state_size() : quick_size();
        ++(whole ? skip_.checks : skip_.quick_checks);
        apply_inputs();
        snapshot_.assign(state_bytes(), state_bytes() + n);
        finish_cycle();
        for (ClockedModel* m : models_) m->apply();
        applied_ = true;
        quick_held_ = false;
        if (std::memcmp(snapshot_.data(), state_bytes(), n) == 0) {
            if (!whole) {
                quick_held_ = true;  // the whole check follows in the next cycle
                return;
            }
            ++skip_.settled;
            settled_ = true;
            backoff_ = min_backoff;
        } else {
            next_check_ = cycle_ + backoff_;
            if (backoff_ < max_backoff) backoff_ *= 2;
        }
    }

    static std::uint64_t reset_cycles_hint(unsigned cycles) { return std::uint64_t{cycles} + min_backoff; }

    void jump_to(std::uint64_t cycle) {
        if (cycle <= cycle_) return;
        const std::uint64_t n = cycle - cycle_;
        context_->timeInc(2 * half_period_ * n);
        cycle_ = cycle;
        skip_.skipped += n;
        for (ClockedModel* m : models_) m->skipped_to(cycle_);
        // The models apply their (unchanged) inputs again in the cycle they wake in, and drive
        // whatever became due in it.
        applied_ = false;
    }

    const unsigned char* state_bytes() const {
        if constexpr (checkable) return reinterpret_cast<const unsigned char*>(top_->rootp);
        else return nullptr;
    }
    static constexpr std::size_t state_size() {
        if constexpr (checkable) return sizeof(*std::declval<Top&>().rootp);
        else return 0;
    }
    static constexpr std::size_t quick_size() { return state_size() < quick_bytes ? state_size() : quick_bytes; }

    void eval_and_trace() {
        top_->eval();
        if (trace_) trace_->dump(context_->time());
        context_->timeInc(half_period_);
    }

    // The model's constructor has set the context's time precision from its timescale.
    std::uint64_t half_period_in_precision_units() const {
        std::uint64_t half = options_.clock_period_ps / 2;  // in ps = 10^-12 s
        int exponent = context_->timeprecision();           // e.g. -12 for 1ps, -9 for 1ns
        for (; exponent < -12; ++exponent) half *= 10;
        for (; exponent > -12; --exponent) {
            if (half % 10 != 0)
                throw std::invalid_argument(std::string("SimControl: half the clock period is not a whole number of ") +
                                            context_->timeprecisionString());
            half /= 10;
        }
        return half;
    }

    SimOptions options_;
    std::unique_ptr<Context> context_;
    std::unique_ptr<Top> top_;
    std::unique_ptr<Trace> trace_;
    std::vector<ClockedModel*> models_;
    std::uint64_t half_period_ = 0;
    std::uint64_t cycle_ = 0;

    // Skip-idle. A whole check costs about as much as 8 evaluated cycles (a copy and a
    // comparison of the state), a quick one well under one: no check unless a skip of at least
    // min_gain cycles could follow, and while the NIC stays busy they come ever further apart.
    // Measured at 10 kpps with napi (docs/performance.md, skip-idle).
    static constexpr std::uint64_t min_backoff = 2, max_backoff = 256, min_gain = 16;
    static constexpr std::size_t quick_bytes = 4096;
    bool quick_held_ = false;  // the quick check held in the cycle just run
    bool applied_ = false;  // the models have applied their inputs for cycle_
    bool settled_ = false;  // the state is a fixed point under the inputs applied
    std::uint64_t next_check_ = 0;
    std::uint64_t backoff_ = min_backoff;
    std::vector<unsigned char> snapshot_;
    SkipStats skip_;
};

}  // namespace nicsim::tb
