// Reference model of rtl/intr_moderation.sv: interrupt moderation for one MSI-X vector
// (ethtool / Intel ITR style), cycle-accurate, with no Verilator dependency.
//
// One object per interrupt vector. step() is one rising clock edge: it takes the inputs driven
// during the cycle that edge ends, and afterwards irq(), masked(), rx_pending(), tx_pending()
// equal the RTL outputs irq_o, masked_o, rx_pending_o, tx_pending_o in the following cycle.
// The settings (cycles_per_us, rx/tx_usecs, rx/tx_frames) are the RTL's quasi-static inputs;
// set_settings() changes them for the following steps.
//
// Rules (identical to the RTL header, all normative):
//  1. Events accumulate in saturating pending counters (max 2^frames_width - 1).
//  2. Every cycle, with rx_sum = sat(rx_pending + rx_events) (tx likewise):
//       armed  = !mask_set && (!masked || rearm)
//       rx_due = rx_sum != 0 && (interval_elapsed(rx_usecs)
//                                || (rx_frames != 0 && rx_sum >= rx_frames))
//       fire   = armed && (rx_due || tx_due)
//     interval_elapsed(U): at least U * cycles_per_us cycles since the previous fire, or no fire
//     since reset, or both intervals had elapsed since the previous fire (the count then
//     saturates, so an interval raised afterwards applies from the next fire);
//     U == 0 disables the interval, frames == 0 disables the threshold,
//     cycles_per_us == 0 acts as 1.
//  3. A fire during the cycle ended by step() makes irq() true after that step (one-cycle
//     pulse): an event in cycle t on an armed, elapsed vector gives irq_o in cycle t+1.
//  4. Firing auto-masks the vector and clears both pending counters (this cycle's events
//     included). Events while masked stay pending; nothing is ever forgotten.
//  5. mask_set wins over rearm and over a due cause. rearm of an armed vector and mask_set of a
//     masked one have no effect.
//  6. Reset: unmasked, nothing pending, interval considered elapsed.
//
// Interval counting: prescaler (cycles within the current microsecond) and a microsecond
// counter saturating at 2^usecs_width - 1, or at once when it reaches both intervals, both
// restarted on each fire (the cycle after the fire counts as one elapsed cycle) and held once
// saturated. Per-cycle work is O(1);
// advance_idle() skips any number of idle cycles in O(1).
#pragma once

#include <cstdint>
#include <optional>

namespace nicsim::model {

// The RTL parameters. The constructor rejects values outside the RTL's legal ranges.
struct IntrModerationParams {
    unsigned event_width = 5;   // EventWidth, 1..8
    unsigned usecs_width = 16;  // UsecsWidth, 4..24
    unsigned frames_width = 16; // FramesWidth, 1..32
};

// The programmable settings; values wider than the RTL ports are truncated as the ports would.
struct IntrModerationSettings {
    std::uint32_t cycles_per_us = 1; // 16 bits, 0 acts as 1
    std::uint32_t rx_usecs = 0;      // usecs_width bits, 0 = no interval
    std::uint32_t tx_usecs = 0;
    std::uint32_t rx_frames = 0;     // frames_width bits, 0 = no threshold
    std::uint32_t tx_frames = 0;
};

// What is driven during one cycle.
struct IntrModerationInputs {
    std::uint32_t rx_events = 0; // event_width bits
    std::uint32_t tx_events = 0;
    bool mask_set = false;
    bool rearm = false;
};

class IntrModerationModel {
public:
    explicit IntrModerationModel(IntrModerationParams params = {},
                                 IntrModerationSettings settings = {});

    // Asynchronous reset: unmasked, nothing pending, interval elapsed. Settings are kept.
    void reset();

    void set_settings(const IntrModerationSettings& settings);
    [[nodiscard]] const IntrModerationSettings& settings() const { return settings_; }
    [[nodiscard]] const IntrModerationParams& params() const { return params_; }

    // One rising clock edge with `in` driven during the cycle it ends.
    void step(const IntrModerationInputs& in);

    // Equivalent to `cycles` calls of step({}) (no events, no mask_set, no rearm), in O(1).
    // Returns the step number j (1 <= j <= cycles) after which irq() was true, if the vector
    // fired during the stretch; an idle stretch fires at most once (firing masks the vector).
    std::optional<std::uint64_t> advance_idle(std::uint64_t cycles);

    // Without advancing: how many step({}) calls until irq() becomes true, if the vector would
    // ever fire while idle (nullopt when masked or nothing is pending). For event-driven use.
    [[nodiscard]] std::optional<std::uint64_t> idle_steps_to_irq() const;

    // The RTL outputs.
    [[nodiscard]] bool irq() const { return irq_; }
    [[nodiscard]] bool masked() const { return masked_; }
    [[nodiscard]] std::uint32_t rx_pending() const { return rx_pending_; }
    [[nodiscard]] std::uint32_t tx_pending() const { return tx_pending_; }

    // Internal interval counters, for debugging.
    [[nodiscard]] std::uint32_t usecs_since_fire() const { return usecs_; }
    [[nodiscard]] std::uint32_t prescaler() const { return prescaler_; }

private:
    [[nodiscard]] std::uint32_t cycles_per_us() const;
    [[nodiscard]] bool due(std::uint32_t sum, std::uint32_t usecs, std::uint32_t frames) const;
    // Cycles (idle steps from now) until usecs_ >= `usecs`, counting as step() does; requires
    // prescaler_ < cycles_per_us() or a saturated counter.
    [[nodiscard]] std::uint64_t cycles_until_usecs(std::uint32_t usecs) const;
    // `cycles` idle steps in which the vector does not fire.
    void advance_quiet(std::uint64_t cycles);
    // The longer of the two intervals: the count saturates when it gets there.
    [[nodiscard]] std::uint32_t longest_interval() const;
    void saturate_count();

    IntrModerationParams params_;
    IntrModerationSettings settings_;
    std::uint32_t event_mask_;
    std::uint32_t usecs_max_;
    std::uint32_t pending_max_;

    bool irq_ = false;
    bool masked_ = false;
    std::uint32_t rx_pending_ = 0;
    std::uint32_t tx_pending_ = 0;
    std::uint32_t usecs_ = 0;     // whole microseconds since the previous fire, saturating
    std::uint32_t prescaler_ = 0; // cycles within the current microsecond
};

} // namespace nicsim::model
