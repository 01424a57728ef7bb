// rtl/intr_moderation.sv against the C++ reference model/intr_moderation_model, cycle for cycle.
//
// Every cycle of every test drives the Verilated primitive and the model with the same inputs
// and compares irq_o, masked_o, rx_pending_o and tx_pending_o; the directed tests then assert
// the moderation rules on those (equal) outputs. Two parameterisations are Verilated: the
// default (Vintr_moderation) and a narrow one (Vintr_moderation_narrow: EventWidth 8,
// UsecsWidth 4, FramesWidth 6) whose counters saturate within a few cycles, so the random
// streams reach the saturation corners often. Random streams print their seed; set
// NICSIM_SEED=<n> to replay only that stream.
#include <catch2/catch.hpp>

#include <Vintr_moderation.h>
#include <Vintr_moderation_narrow.h>
#include <verilated.h>

#include "intr_moderation_model.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace {

using nicsim::model::IntrModerationInputs;
using nicsim::model::IntrModerationModel;
using nicsim::model::IntrModerationSettings;

using nicsim::model::IntrModerationParams;

constexpr std::uint32_t PENDING_MAX = 0xFFFF; // FramesWidth = 16 (the RTL default)

// The parameters each Verilated model was built with (tests/rtl/intr_moderation.cmake).
template <class Dut> struct DutParams;
template <> struct DutParams<Vintr_moderation> {
    static constexpr IntrModerationParams value{5, 16, 16};
    static constexpr const char* name = "default";
};
template <> struct DutParams<Vintr_moderation_narrow> {
    static constexpr IntrModerationParams value{8, 4, 6};
    static constexpr const char* name = "narrow";
};

std::uint32_t all_ones(unsigned width) {
    return static_cast<std::uint32_t>((std::uint64_t{1} << width) - 1U);
}

template <class Port> void drive(Port& port, std::uint32_t value) {
    port = static_cast<Port>(value);
}

struct Outputs {
    bool irq = false;
    bool masked = false;
    std::uint32_t rx_pending = 0;
    std::uint32_t tx_pending = 0;

    friend bool operator==(const Outputs&, const Outputs&) = default;
};

std::ostream& operator<<(std::ostream& os, const Outputs& o) {
    return os << "irq=" << o.irq << " masked=" << o.masked << " rx_pending=" << o.rx_pending
              << " tx_pending=" << o.tx_pending;
}

Outputs outputs_of(const IntrModerationModel& m) {
    return Outputs{m.irq(), m.masked(), m.rx_pending(), m.tx_pending()};
}

// The Verilated primitive and the model side by side. cycle() drives the inputs of the current
// cycle into both, ends the cycle with a rising edge, compares the outputs and returns them.
// now() is the number of the cycle whose outputs are visible (0 right after reset).
template <class Dut> class BasicBench {
public:
    explicit BasicBench(const IntrModerationSettings& settings)
        : context_(std::make_unique<VerilatedContext>()),
          dut_(std::make_unique<Dut>(context_.get(), "dut")),
          model_(DutParams<Dut>::value, settings) {
        drive_settings();
        reset();
    }
    ~BasicBench() { dut_->final(); }
    BasicBench(const BasicBench&) = delete;
    BasicBench& operator=(const BasicBench&) = delete;

    void reset() {
        drive_inputs(IntrModerationInputs{});
        dut_->clk_i = 0;
        dut_->rst_ni = 1;
        dut_->eval();
        dut_->rst_ni = 0; // asynchronous: takes effect without a clock edge
        dut_->eval();
        for (int i = 0; i < 2; ++i) {
            half_cycle(1);
            half_cycle(0);
        }
        dut_->rst_ni = 1;
        dut_->eval();
        model_.reset();
        now_ = 0;
        compare();
    }

    void set_settings(const IntrModerationSettings& settings) {
        model_.set_settings(settings);
        drive_settings();
    }

    const Outputs& cycle(const IntrModerationInputs& in) {
        rtl_cycle(in);
        model_.step(in);
        compare();
        return rtl_;
    }

    // The RTL alone, for checking the model's fast paths (advance_idle) against it.
    const Outputs& rtl_cycle(const IntrModerationInputs& in) {
        // Two phases: inputs change only while the clock is low, then the rising edge.
        dut_->clk_i = 0;
        drive_inputs(in);
        dut_->eval();
        context_->timeInc(1);
        half_cycle(1);
        context_->timeInc(1);
        ++now_;
        rtl_ = read_outputs();
        return rtl_;
    }

    // Compares the RTL outputs of the current cycle with the model's.
    void compare() {
        rtl_ = read_outputs();
        ++compared_;
        const Outputs expected = outputs_of(model_);
        if (!(rtl_ == expected) && first_mismatch_.empty()) {
            std::ostringstream os;
            os << "cycle " << now_ << ": RTL " << rtl_ << " / model " << expected;
            first_mismatch_ = os.str();
        }
    }

    [[nodiscard]] const Outputs& outputs() const { return rtl_; }
    [[nodiscard]] IntrModerationModel& model() { return model_; }
    [[nodiscard]] std::uint64_t now() const { return now_; }
    [[nodiscard]] std::uint64_t compared() const { return compared_; }
    // Empty while the RTL and the model agreed on every comparison.
    [[nodiscard]] const std::string& first_mismatch() const { return first_mismatch_; }

private:
    Outputs read_outputs() const {
        return Outputs{dut_->irq_o != 0, dut_->masked_o != 0, dut_->rx_pending_o,
                       dut_->tx_pending_o};
    }

    void half_cycle(int clk) {
        dut_->clk_i = static_cast<CData>(clk);
        dut_->eval();
    }

    // Verilator expects the unused high bits of a port clean: truncate as the model does.
    void drive_inputs(const IntrModerationInputs& in) {
        const std::uint32_t events = all_ones(model_.params().event_width);
        drive(dut_->rx_events_i, in.rx_events & events);
        drive(dut_->tx_events_i, in.tx_events & events);
        drive(dut_->mask_set_i, in.mask_set ? 1U : 0U);
        drive(dut_->rearm_i, in.rearm ? 1U : 0U);
    }

    void drive_settings() {
        const IntrModerationSettings& s = model_.settings(); // truncated to the port widths
        drive(dut_->cycles_per_us_i, s.cycles_per_us);
        drive(dut_->rx_usecs_i, s.rx_usecs);
        drive(dut_->tx_usecs_i, s.tx_usecs);
        drive(dut_->rx_frames_i, s.rx_frames);
        drive(dut_->tx_frames_i, s.tx_frames);
    }

    std::unique_ptr<VerilatedContext> context_;
    std::unique_ptr<Dut> dut_;
    IntrModerationModel model_;
    Outputs rtl_;
    std::uint64_t now_ = 0;
    std::uint64_t compared_ = 0;
    std::string first_mismatch_;
};

using Bench = BasicBench<Vintr_moderation>;
using NarrowBench = BasicBench<Vintr_moderation_narrow>;

IntrModerationSettings settings(std::uint32_t cycles_per_us, std::uint32_t rx_usecs,
                                std::uint32_t rx_frames, std::uint32_t tx_usecs = 0,
                                std::uint32_t tx_frames = 0) {
    return IntrModerationSettings{cycles_per_us, rx_usecs, tx_usecs, rx_frames, tx_frames};
}

IntrModerationInputs rx(std::uint32_t events) {
    IntrModerationInputs in;
    in.rx_events = events;
    return in;
}

IntrModerationInputs tx(std::uint32_t events) {
    IntrModerationInputs in;
    in.tx_events = events;
    return in;
}

IntrModerationInputs idle() { return IntrModerationInputs{}; }

IntrModerationInputs rearm(IntrModerationInputs in = {}) {
    in.rearm = true;
    return in;
}

IntrModerationInputs mask(IntrModerationInputs in = {}) {
    in.mask_set = true;
    return in;
}

// Runs `n` cycles of `in`; returns the cycles in which irq_o was high.
template <class B>
std::vector<std::uint64_t> run(B& b, std::uint64_t n, const IntrModerationInputs& in) {
    std::vector<std::uint64_t> irqs;
    for (std::uint64_t i = 0; i < n; ++i) {
        if (b.cycle(in).irq) {
            irqs.push_back(b.now());
        }
    }
    return irqs;
}

// ------------------------------------------------------------------ random stimulus

using Rng = std::mt19937_64;

std::uint32_t uniform(Rng& rng, std::uint32_t lo, std::uint32_t hi) {
    return std::uniform_int_distribution<std::uint32_t>(lo, hi)(rng);
}

bool chance(Rng& rng, double p) { return std::bernoulli_distribution(p)(rng); }

std::uint32_t random_usecs(Rng& rng) {
    switch (uniform(rng, 0, 5)) {
    case 0: return 0;
    case 1: return uniform(rng, 1, 3);
    case 2:
    case 3: return uniform(rng, 4, 40);
    case 4: return uniform(rng, 41, 400);
    default: return chance(rng, 0.5) ? 0xFFFF : uniform(rng, 1000, 0xFFFE);
    }
}

std::uint32_t random_frames(Rng& rng) {
    switch (uniform(rng, 0, 4)) {
    case 0:
    case 1: return 0;
    case 2: return uniform(rng, 1, 8);
    case 3: return uniform(rng, 9, 300);
    default: return chance(rng, 0.5) ? 0xFFFF : uniform(rng, 301, 0xFFFE);
    }
}

IntrModerationSettings random_settings(Rng& rng) {
    static constexpr std::uint32_t CYCLES_PER_US[] = {0, 1, 1, 3, 3, 250, 250};
    return IntrModerationSettings{CYCLES_PER_US[uniform(rng, 0, 6)], random_usecs(rng),
                                  random_usecs(rng), random_frames(rng), random_frames(rng)};
}

// Completion events: a two-state (burst / quiet) source per direction, with a per-stream
// profile: bursty, sparse, very sparse (long quiet periods that saturate the microsecond
// counter), or flooding (long full-rate bursts that saturate the pending counters).
class EventSource {
public:
    explicit EventSource(Rng& rng) {
        const auto real = [&rng](double lo, double hi) {
            return std::uniform_real_distribution<double>(lo, hi)(rng);
        };
        max_per_cycle_ = chance(rng, 0.3) ? 1 : uniform(rng, 2, 31);
        switch (uniform(rng, 0, 5)) {
        case 0: // very sparse
            burst_rate_ = real(0.1, 0.5);
            quiet_rate_ = real(0.0, 0.0001);
            enter_burst_ = real(0.00001, 0.0001);
            leave_burst_ = real(0.05, 0.5);
            break;
        case 1: // flooding
            burst_rate_ = 1.0;
            quiet_rate_ = real(0.0, 0.02);
            enter_burst_ = real(0.0005, 0.002);
            leave_burst_ = real(0.00005, 0.0005);
            max_per_cycle_ = 31;
            break;
        case 2: // sparse
            burst_rate_ = real(0.05, 0.3);
            quiet_rate_ = real(0.0, 0.005);
            enter_burst_ = real(0.0001, 0.002);
            leave_burst_ = real(0.01, 0.2);
            break;
        default: // bursty
            burst_rate_ = real(0.2, 1.0);
            quiet_rate_ = real(0.0, 0.02);
            enter_burst_ = real(0.0005, 0.01);
            leave_burst_ = real(0.005, 0.1);
            break;
        }
    }

    std::uint32_t next(Rng& rng) {
        in_burst_ = in_burst_ ? !chance(rng, leave_burst_) : chance(rng, enter_burst_);
        if (!chance(rng, in_burst_ ? burst_rate_ : quiet_rate_)) {
            return 0;
        }
        return uniform(rng, 1, max_per_cycle_);
    }

private:
    double burst_rate_ = 0;
    double quiet_rate_ = 0;
    double enter_burst_ = 0;
    double leave_burst_ = 0;
    std::uint32_t max_per_cycle_ = 1;
    bool in_burst_ = false;
};

// A driver: re-arms a random delay after each interrupt (sometimes in the same cycle), now and
// then masks the vector, re-arms an armed vector, or masks and re-arms in one cycle.
class RandomDriver {
public:
    explicit RandomDriver(Rng& rng)
        : max_delay_(chance(rng, 0.3)   ? 0
                     : chance(rng, 0.3) ? uniform(rng, 1, 20)
                     : chance(rng, 0.5) ? uniform(rng, 21, 3000)
                                        : uniform(rng, 3001, 30000)),
          mask_rate_(chance(rng, 0.5) ? 0.0 : 1.0 / 2000),
          stray_rearm_rate_(1.0 / 1000) {}

    // Control inputs for the current cycle, given the outputs visible in it.
    IntrModerationInputs control(Rng& rng, const Outputs& out) {
        IntrModerationInputs in;
        if (out.masked && rearm_in_ < 0) {
            rearm_in_ = uniform(rng, 0, max_delay_);
        }
        if (rearm_in_ == 0) {
            in.rearm = true;
        }
        if (rearm_in_ >= 0) {
            --rearm_in_;
        }
        if (chance(rng, stray_rearm_rate_)) {
            in.rearm = true;
        }
        if (chance(rng, mask_rate_)) {
            in.mask_set = true;
        }
        return in;
    }

    // After an idle stretch the driver starts over.
    void forget() { rearm_in_ = -1; }

private:
    std::uint32_t max_delay_;
    double mask_rate_;
    double stray_rearm_rate_;
    std::int64_t rearm_in_ = -1; // cycles until the scheduled re-arm, -1 for none
};

std::vector<std::uint64_t> seeds_to_run(std::uint64_t first, std::size_t count) {
    if (const char* env = std::getenv("NICSIM_SEED")) {
        return {std::strtoull(env, nullptr, 0)};
    }
    std::vector<std::uint64_t> seeds;
    for (std::size_t i = 0; i < count; ++i) {
        seeds.push_back(first + i);
    }
    return seeds;
}

std::string describe(const IntrModerationSettings& s) {
    std::ostringstream os;
    os << "cycles_per_us=" << s.cycles_per_us << " rx_usecs=" << s.rx_usecs
       << " rx_frames=" << s.rx_frames << " tx_usecs=" << s.tx_usecs
       << " tx_frames=" << s.tx_frames;
    return os.str();
}

struct StreamResult {
    std::uint64_t compared = 0;
    std::uint64_t irqs = 0;
    std::uint64_t idle_stretches = 0;
    std::uint64_t pending_saturated = 0; // cycles with a pending counter at its maximum
    std::uint64_t usecs_saturated = 0;   // cycles with the microsecond counter saturated
    std::string first_mismatch;
};

// One seeded random stream. With `skip_idle`, idle stretches are taken in one advance_idle()
// call by the model while the RTL runs them cycle by cycle; the irq cycle and the outputs after
// the stretch are compared.
template <class Dut>
StreamResult random_stream(std::uint64_t seed, std::uint64_t cycles, bool skip_idle) {
    Rng rng(seed);
    IntrModerationSettings s = random_settings(rng);
    std::cout << "intr_moderation " << DutParams<Dut>::name << ' '
              << (skip_idle ? "idle-skip" : "random") << " stream seed " << seed << ": "
              << describe(s) << '\n';
    BasicBench<Dut> b(s);
    const std::uint32_t pending_max = all_ones(DutParams<Dut>::value.frames_width);
    const std::uint32_t usecs_max = all_ones(DutParams<Dut>::value.usecs_width);
    EventSource rx_source(rng);
    EventSource tx_source(rng);
    RandomDriver driver(rng);
    const bool settings_change = chance(rng, 0.5);
    StreamResult r;

    while (b.now() < cycles && b.first_mismatch().empty()) {
        if (settings_change && chance(rng, 1.0 / 4000)) {
            s = random_settings(rng);
            b.set_settings(s);
        }
        if (skip_idle && chance(rng, 1.0 / 200)) {
            const std::uint64_t n = chance(rng, 0.5) ? uniform(rng, 1, 50) : uniform(rng, 51, 20000);
            // Step numbers (1..n) of the interrupt in the stretch, 0 for none.
            const std::uint64_t predicted = b.model().idle_steps_to_irq().value_or(0);
            const std::uint64_t model_irq = b.model().advance_idle(n).value_or(0);
            std::uint64_t rtl_irq = 0;
            std::uint64_t rtl_irqs = 0;
            for (std::uint64_t j = 1; j <= n; ++j) {
                if (b.rtl_cycle(idle()).irq) {
                    ++rtl_irqs;
                    rtl_irq = j;
                }
            }
            b.compare();
            ++r.idle_stretches;
            r.irqs += rtl_irqs;
            const std::uint64_t expected_irq = predicted <= n ? predicted : 0;
            if (r.first_mismatch.empty() &&
                (rtl_irqs > 1 || model_irq != rtl_irq || expected_irq != rtl_irq)) {
                std::ostringstream os;
                os << "idle stretch of " << n << " cycles ending at cycle " << b.now()
                   << ": RTL fired " << rtl_irqs << "x, last at step " << rtl_irq
                   << "; advance_idle " << model_irq << ", idle_steps_to_irq " << predicted;
                r.first_mismatch = os.str();
            }
            driver.forget();
            continue;
        }
        IntrModerationInputs in = driver.control(rng, b.outputs());
        in.rx_events = rx_source.next(rng);
        in.tx_events = tx_source.next(rng);
        const Outputs& out = b.cycle(in);
        r.irqs += out.irq ? 1U : 0U;
        const bool saturated = out.rx_pending == pending_max || out.tx_pending == pending_max;
        r.pending_saturated += saturated ? 1U : 0U;
        r.usecs_saturated += b.model().usecs_since_fire() == usecs_max ? 1U : 0U;
    }
    r.compared = b.compared();
    if (r.first_mismatch.empty()) {
        r.first_mismatch = b.first_mismatch();
    }
    return r;
}

} // namespace

// ------------------------------------------------------------------ random equivalence

TEMPLATE_TEST_CASE("RTL equals the model every cycle on seeded random event streams",
                   "[intr_moderation][random]", Vintr_moderation, Vintr_moderation_narrow) {
    constexpr std::uint64_t CYCLES = 100'000;
    StreamResult sum;
    for (const std::uint64_t seed : seeds_to_run(1, 32)) {
        const StreamResult r = random_stream<TestType>(seed, CYCLES, false);
        INFO("seed " << seed << ": " << r.first_mismatch);
        REQUIRE(r.first_mismatch.empty());
        sum.compared += r.compared;
        sum.irqs += r.irqs;
        sum.pending_saturated += r.pending_saturated;
        sum.usecs_saturated += r.usecs_saturated;
    }
    std::cout << "intr_moderation " << DutParams<TestType>::name
              << " random streams: " << sum.compared << " cycles compared, "
              << sum.irqs << " interrupts, " << sum.pending_saturated
              << " cycles with a saturated pending counter, " << sum.usecs_saturated
              << " with a saturated microsecond counter\n";
    // The streams reach the corners (unless replaying a single seed).
    if (std::getenv("NICSIM_SEED") == nullptr) {
        CHECK(sum.irqs > 1000);
        CHECK(sum.pending_saturated > 0);
        CHECK(sum.usecs_saturated > 0);
    }
}

TEMPLATE_TEST_CASE("model advance_idle() equals RTL run cycle by cycle over idle stretches",
                   "[intr_moderation][random][model]", Vintr_moderation,
                   Vintr_moderation_narrow) {
    std::uint64_t stretches = 0;
    for (const std::uint64_t seed : seeds_to_run(1001, 16)) {
        const StreamResult r = random_stream<TestType>(seed, 100'000, true);
        INFO("seed " << seed << ": " << r.first_mismatch);
        REQUIRE(r.first_mismatch.empty());
        stretches += r.idle_stretches;
    }
    std::cout << "intr_moderation " << DutParams<TestType>::name
              << " idle-skip streams: " << stretches << " idle stretches\n";
    CHECK(stretches > 100);
}

TEST_CASE("model advance_idle() equals stepping one idle cycle at a time",
          "[intr_moderation][model]") {
    // Model against model, so other parameterisations (narrow counters that saturate quickly)
    // and settings changed just before a stretch (prescaler above a lowered cycles_per_us) are
    // covered too.
    std::uint64_t stretches = 0;
    std::uint64_t fired = 0;
    for (const std::uint64_t seed : seeds_to_run(3001, 12)) {
        Rng rng(seed);
        const nicsim::model::IntrModerationParams params{uniform(rng, 1, 8), uniform(rng, 4, 12),
                                                         uniform(rng, 1, 32)};
        const IntrModerationSettings initial = random_settings(rng);
        std::cout << "intr_moderation model idle-skip seed " << seed << ": event_width "
                  << params.event_width << " usecs_width " << params.usecs_width
                  << " frames_width " << params.frames_width << '\n';
        IntrModerationModel fast(params, initial);
        IntrModerationModel slow(params, initial);
        for (int round = 0; round < 1500; ++round) {
            const std::uint32_t busy = uniform(rng, 0, 40);
            for (std::uint32_t i = 0; i < busy; ++i) {
                IntrModerationInputs in;
                in.rx_events = chance(rng, 0.3) ? uniform(rng, 0, 255) : 0;
                in.tx_events = chance(rng, 0.3) ? uniform(rng, 0, 255) : 0;
                in.mask_set = chance(rng, 0.05);
                in.rearm = chance(rng, 0.3);
                fast.step(in);
                slow.step(in);
            }
            if (chance(rng, 0.3)) {
                const IntrModerationSettings s = random_settings(rng);
                fast.set_settings(s);
                slow.set_settings(s);
            }
            const std::uint64_t n = chance(rng, 0.9) ? uniform(rng, 0, 300) : uniform(rng, 301, 20000);
            const std::uint64_t predicted = fast.idle_steps_to_irq().value_or(0);
            const std::uint64_t fast_irq = fast.advance_idle(n).value_or(0);
            std::uint64_t slow_irq = 0;
            for (std::uint64_t j = 1; j <= n; ++j) {
                slow.step(IntrModerationInputs{});
                if (slow.irq()) {
                    slow_irq = j;
                }
            }
            INFO("seed " << seed << " round " << round << " stretch " << n);
            REQUIRE(fast_irq == slow_irq);
            REQUIRE((predicted <= n ? predicted : 0) == slow_irq);
            REQUIRE(outputs_of(fast) == outputs_of(slow));
            REQUIRE(fast.usecs_since_fire() == slow.usecs_since_fire());
            REQUIRE(fast.prescaler() == slow.prescaler());
            ++stretches;
            fired += slow_irq != 0 ? 1U : 0U;
        }
    }
    std::cout << "intr_moderation model idle-skip: " << stretches << " stretches, " << fired
              << " fired\n";
    CHECK(fired > 100);
}

// ------------------------------------------------------------------ directed

TEMPLATE_TEST_CASE("no event is lost: after the last event, re-arming drains everything",
                   "[intr_moderation][directed]", Vintr_moderation, Vintr_moderation_narrow) {
    const std::uint32_t pending_max = all_ones(DutParams<TestType>::value.frames_width);
    for (const std::uint64_t seed : seeds_to_run(2001, 12)) {
        Rng rng(seed);
        IntrModerationSettings s = random_settings(rng);
        // Bounded interval so that the drain finishes quickly: at most 60 us * 250 cycles.
        s.rx_usecs = std::min<std::uint32_t>(s.rx_usecs, 60);
        s.tx_usecs = std::min<std::uint32_t>(s.tx_usecs, 60);
        std::cout << "intr_moderation " << DutParams<TestType>::name << " no-lost-event seed "
                  << seed << ": " << describe(s) << '\n';
        INFO("seed " << seed << ": " << describe(s));
        BasicBench<TestType> b(s);
        EventSource rx_source(rng);
        EventSource tx_source(rng);
        RandomDriver driver(rng);

        // Events since the last interrupt, without saturation.
        std::uint64_t rx_uncovered = 0;
        std::uint64_t tx_uncovered = 0;
        std::uint64_t last_event = 0;
        std::uint64_t last_irq = 0;
        bool accounting_ok = true;
        const auto account = [&](const IntrModerationInputs& in, const Outputs& out) {
            if (in.rx_events != 0 || in.tx_events != 0) {
                last_event = b.now() - 1; // the cycle the events were driven in
            }
            if (out.irq) {
                // This interrupt covers everything up to and including the cycle just ended.
                rx_uncovered = tx_uncovered = 0;
                last_irq = b.now();
            } else {
                rx_uncovered += in.rx_events;
                tx_uncovered += in.tx_events;
            }
            accounting_ok = accounting_ok &&
                            out.rx_pending == std::min<std::uint64_t>(rx_uncovered, pending_max) &&
                            out.tx_pending == std::min<std::uint64_t>(tx_uncovered, pending_max);
        };

        for (int i = 0; i < 8000; ++i) {
            IntrModerationInputs in = driver.control(rng, b.outputs());
            in.rx_events = rx_source.next(rng);
            in.tx_events = tx_source.next(rng);
            account(in, b.cycle(in));
        }
        // Make sure there is something left to deliver.
        const IntrModerationInputs last = mask(rx(3));
        account(last, b.cycle(last));
        REQUIRE(b.outputs().rx_pending > 0);

        // Drain: no more events, the driver re-arms whenever the vector is masked.
        std::uint64_t drain = 0;
        while ((b.outputs().masked || b.outputs().rx_pending != 0 ||
                b.outputs().tx_pending != 0) &&
               drain++ < 100'000) {
            const IntrModerationInputs in = b.outputs().masked ? rearm() : idle();
            account(in, b.cycle(in));
        }
        REQUIRE(b.first_mismatch().empty());
        CHECK(accounting_ok);
        CHECK(b.outputs().rx_pending == 0);
        CHECK(b.outputs().tx_pending == 0);
        CHECK(rx_uncovered == 0);
        CHECK(tx_uncovered == 0);
        CHECK(!b.outputs().masked);
        CHECK(last_irq > last_event);
    }
}

TEST_CASE("interval is respected: continuous events fire exactly every usecs * cycles_per_us",
          "[intr_moderation][directed]") {
    for (const std::uint32_t cycles_per_us : {1U, 3U, 250U}) {
        for (const std::uint32_t usecs : {1U, 4U, 25U}) {
            for (const bool use_tx : {false, true}) {
                const std::uint64_t interval = std::uint64_t{usecs} * cycles_per_us;
                const std::uint64_t window_us = 40ULL * usecs;
                INFO("cycles_per_us=" << cycles_per_us << " usecs=" << usecs
                                      << (use_tx ? " tx" : " rx"));
                Bench b(use_tx ? settings(cycles_per_us, 0, 0, usecs, 0)
                               : settings(cycles_per_us, usecs, 0));
                std::vector<std::uint64_t> irqs;
                // The driver re-arms in the very cycle it sees irq_o.
                while (b.now() < window_us * cycles_per_us) {
                    IntrModerationInputs in = use_tx ? tx(1) : rx(1);
                    in.rearm = b.outputs().irq;
                    if (b.cycle(in).irq) {
                        irqs.push_back(b.now());
                    }
                }
                REQUIRE(b.first_mismatch().empty());
                REQUIRE(!irqs.empty());
                CHECK(irqs.front() == 1); // first event (cycle 0) fires at once
                for (std::size_t i = 1; i < irqs.size(); ++i) {
                    INFO("irq " << i << " at cycle " << irqs[i]);
                    REQUIRE(irqs[i] - irqs[i - 1] == interval);
                }
                CHECK(irqs.size() <= window_us / usecs + 1);
                CHECK(irqs.size() >= window_us / usecs);
            }
        }
    }
}

TEST_CASE("interval is respected when the driver re-arms late", "[intr_moderation][directed]") {
    constexpr std::uint32_t CYCLES_PER_US = 3;
    constexpr std::uint32_t USECS = 10; // 30 cycles
    for (const std::uint64_t delay : {0ULL, 1ULL, 17ULL, 29ULL, 30ULL, 45ULL}) {
        INFO("re-arm " << delay << " cycles after irq_o");
        Bench b(settings(CYCLES_PER_US, USECS, 0));
        std::vector<std::uint64_t> irqs;
        while (b.now() < 3000) {
            IntrModerationInputs in = rx(2);
            in.rearm = !irqs.empty() && b.now() == irqs.back() + delay;
            if (b.cycle(in).irq) {
                irqs.push_back(b.now());
            }
        }
        REQUIRE(b.first_mismatch().empty());
        REQUIRE(irqs.size() > 2);
        // Re-armed in cycle irq + delay, the fire is decided in that cycle at the earliest.
        const std::uint64_t expected = std::max<std::uint64_t>(CYCLES_PER_US * USECS, delay + 1);
        for (std::size_t i = 1; i < irqs.size(); ++i) {
            REQUIRE(irqs[i] - irqs[i - 1] == expected);
        }
    }
}

TEST_CASE("frames threshold fires before the interval", "[intr_moderation][directed]") {
    constexpr std::uint32_t FRAMES = 8;
    constexpr std::uint64_t INTERVAL = 1000 * 3; // rx_usecs = 1000 at 3 cycles per us
    Bench b(settings(3, 1000, FRAMES));

    // The first event fires at once and starts the interval.
    REQUIRE(b.cycle(rx(1)).irq);
    const std::uint64_t first_irq = b.now();
    REQUIRE(!b.cycle(rearm()).masked);

    // Single events: the 8th one fires, in the cycle after it.
    for (std::uint32_t k = 1; k < FRAMES; ++k) {
        const Outputs& out = b.cycle(rx(1));
        REQUIRE(!out.irq);
        REQUIRE(out.rx_pending == k);
    }
    const Outputs& fired = b.cycle(rx(1));
    CHECK(fired.irq);
    CHECK(fired.masked);
    CHECK(fired.rx_pending == 0);
    CHECK(b.now() - first_irq < INTERVAL);

    // Three per cycle: 3, 6, 9 >= 8 fires after the third cycle.
    b.cycle(rearm());
    CHECK(!b.cycle(rx(3)).irq);
    CHECK(!b.cycle(rx(3)).irq);
    CHECK(b.cycle(rx(3)).irq);
    const std::uint64_t frames_irq = b.now();

    // Below the threshold only the interval fires, a full interval after the previous fire.
    b.cycle(rearm(rx(7)));
    const std::vector<std::uint64_t> irqs = run(b, INTERVAL + 10, idle());
    REQUIRE(irqs.size() == 1);
    CHECK(irqs.front() == frames_irq + INTERVAL);

    // TX has its own threshold.
    b.set_settings(settings(3, 1000, FRAMES, 1000, 4));
    b.cycle(rearm());
    CHECK(!b.cycle(tx(2)).irq);
    CHECK(b.cycle(tx(2)).irq);
    REQUIRE(b.first_mismatch().empty());
}

TEST_CASE("events pending while masked are delivered after re-arm, respecting the interval",
          "[intr_moderation][directed]") {
    constexpr std::uint64_t INTERVAL = 10 * 3; // rx_usecs = 10 at 3 cycles per us
    Bench b(settings(3, 10, 0));
    REQUIRE(b.cycle(rx(1)).irq);
    REQUIRE(b.now() == 1);

    // Masked: events accumulate, nothing fires.
    for (int i = 0; i < 9; ++i) {
        REQUIRE(!b.cycle(rx(2)).irq);
    }
    CHECK(b.outputs().masked);
    CHECK(b.outputs().rx_pending == 18);

    SECTION("re-armed before the interval elapsed: fires when it does") {
        CHECK(!b.cycle(rearm()).irq); // re-armed in cycle 10
        CHECK(!b.outputs().masked);
        const std::vector<std::uint64_t> irqs = run(b, 100, idle());
        REQUIRE(irqs.size() == 1);
        CHECK(irqs.front() == 1 + INTERVAL);
    }
    SECTION("re-armed after the interval elapsed: fires in the next cycle") {
        REQUIRE(run(b, 50, idle()).empty());
        const std::uint64_t rearm_cycle = b.now();
        CHECK(b.cycle(rearm()).irq);
        CHECK(b.now() == rearm_cycle + 1);
        CHECK(b.outputs().rx_pending == 0);
        CHECK(b.outputs().masked);
    }
    SECTION("pending reached the frames threshold while masked: fires right after re-arm") {
        b.set_settings(settings(3, 10, 16));
        const std::uint64_t rearm_cycle = b.now();
        CHECK(b.cycle(rearm()).irq); // 18 pending >= 16: no need to wait for the interval
        CHECK(b.now() == rearm_cycle + 1);
        CHECK(b.now() < 1 + INTERVAL);
    }
    REQUIRE(b.first_mismatch().empty());
}

TEST_CASE("first event after a quiet period fires in the next cycle",
          "[intr_moderation][directed]") {
    constexpr std::uint64_t INTERVAL = 5 * 250;
    Bench b(settings(250, 5, 0, 5, 0));

    // After reset the interval counts as elapsed.
    REQUIRE(run(b, 100, idle()).empty());
    CHECK(b.cycle(rx(1)).irq);
    CHECK(b.now() == 101);

    // Quiet for longer than the interval: the next event fires at once again.
    b.cycle(rearm());
    REQUIRE(run(b, INTERVAL + 5, idle()).empty());
    CHECK(b.cycle(tx(1)).irq);

    // An event inside the interval waits for it.
    const std::uint64_t fired = b.now();
    b.cycle(rearm());
    REQUIRE(run(b, 10, idle()).empty());
    const std::vector<std::uint64_t> irqs = run(b, INTERVAL, rx(1));
    REQUIRE(irqs.size() == 1);
    CHECK(irqs.front() == fired + INTERVAL);

    // The largest interval does not delay the first event after reset either.
    Bench fresh(settings(250, 0xFFFF, 0));
    CHECK(fresh.cycle(rx(1)).irq);
    CHECK(fresh.now() == 1);
    REQUIRE(b.first_mismatch().empty());
    REQUIRE(fresh.first_mismatch().empty());
}

TEST_CASE("re-arming an armed vector and masking a masked one are harmless; mask_set wins",
          "[intr_moderation][directed]") {
    Bench b(settings(1, 0, 0));

    // Re-arm of an armed vector: nothing happens.
    REQUIRE(run(b, 50, rearm()).empty());
    CHECK(!b.outputs().masked);
    // Re-arm together with an event on an armed vector: one interrupt, as for the event alone.
    CHECK(b.cycle(rearm(rx(1))).irq);
    CHECK(!b.cycle(idle()).irq);

    // Mask a masked vector: stays masked, pending kept, no interrupt.
    CHECK(!b.cycle(rx(4)).irq);
    CHECK(b.outputs().rx_pending == 4);
    REQUIRE(run(b, 5, mask()).empty());
    CHECK(b.outputs().masked);
    CHECK(b.outputs().rx_pending == 4);

    // mask_set wins over rearm in the same cycle.
    CHECK(!b.cycle(mask(rearm())).irq);
    CHECK(b.outputs().masked);
    CHECK(b.outputs().rx_pending == 4);
    // A plain re-arm delivers in the next cycle.
    CHECK(b.cycle(rearm()).irq);
    CHECK(b.outputs().rx_pending == 0);
    b.cycle(rearm());
    CHECK(!b.outputs().masked);

    // mask_set wins over an event that would fire: it stays pending.
    CHECK(!b.cycle(mask(rx(1))).irq);
    CHECK(b.outputs().masked);
    CHECK(b.outputs().rx_pending == 1);
    CHECK(b.cycle(rearm()).irq);
    REQUIRE(b.first_mismatch().empty());
}

TEST_CASE("zero interval and zero frames disable them", "[intr_moderation][directed]") {
    SECTION("rx_usecs = 0: every cycle with events fires when re-armed at once") {
        Bench b(settings(250, 0, 0));
        std::vector<std::uint64_t> irqs;
        for (int i = 0; i < 200; ++i) {
            IntrModerationInputs in = rx(1);
            in.rearm = b.outputs().irq;
            if (b.cycle(in).irq) {
                irqs.push_back(b.now());
            }
        }
        REQUIRE(b.first_mismatch().empty());
        REQUIRE(irqs.size() == 200);
        CHECK(irqs.front() == 1);
        CHECK(irqs.back() == 200);
    }
    SECTION("rx_frames = 0: no threshold, even with the pending counter saturated") {
        constexpr std::uint64_t INTERVAL = 1000 * 3;
        Bench b(settings(3, 1000, 0));
        REQUIRE(b.cycle(rearm(rx(31))).irq);
        const std::vector<std::uint64_t> irqs = run(b, INTERVAL + 5, rearm(rx(31)));
        REQUIRE(b.first_mismatch().empty());
        REQUIRE(irqs.size() == 1);
        CHECK(irqs[0] == 1 + INTERVAL);
    }
    SECTION("pending counters saturate instead of wrapping") {
        Bench b(settings(3, 1000, 0));
        b.cycle(mask());
        REQUIRE(run(b, 65535 / 31 + 10, rx(31)).empty());
        CHECK(b.outputs().rx_pending == PENDING_MAX);
        CHECK(b.cycle(rearm()).irq);
        REQUIRE(b.first_mismatch().empty());
    }
}

TEST_CASE("cycles_per_us = 0 acts as 1", "[intr_moderation][directed]") {
    Bench b(settings(0, 7, 0));
    std::vector<std::uint64_t> irqs;
    while (b.now() < 100) {
        IntrModerationInputs in = rx(1);
        in.rearm = b.outputs().irq;
        if (b.cycle(in).irq) {
            irqs.push_back(b.now());
        }
    }
    REQUIRE(b.first_mismatch().empty());
    REQUIRE(irqs.size() > 2);
    for (std::size_t i = 1; i < irqs.size(); ++i) {
        CHECK(irqs[i] - irqs[i - 1] == 7);
    }
}

TEST_CASE("model rejects parameters outside the RTL's legal ranges", "[intr_moderation][model]") {
    using nicsim::model::IntrModerationParams;
    CHECK_THROWS_AS(IntrModerationModel(IntrModerationParams{0, 16, 16}), std::invalid_argument);
    CHECK_THROWS_AS(IntrModerationModel(IntrModerationParams{9, 16, 16}), std::invalid_argument);
    CHECK_THROWS_AS(IntrModerationModel(IntrModerationParams{5, 3, 16}), std::invalid_argument);
    CHECK_THROWS_AS(IntrModerationModel(IntrModerationParams{5, 25, 16}), std::invalid_argument);
    CHECK_THROWS_AS(IntrModerationModel(IntrModerationParams{5, 16, 33}), std::invalid_argument);
    CHECK_NOTHROW(IntrModerationModel(IntrModerationParams{8, 24, 32}));
    CHECK_NOTHROW(IntrModerationModel(IntrModerationParams{1, 4, 1}));
}
