// Reference model of rtl/intr_moderation.sv; the rules are in intr_moderation_model.hpp.
#include "intr_moderation_model.hpp"

#include <algorithm>

#include "range_check.hpp"

namespace nicsim::model {

namespace {

std::uint32_t low_mask(unsigned width) {
    return static_cast<std::uint32_t>((std::uint64_t{1} << width) - 1U);
}

} // namespace

IntrModerationModel::IntrModerationModel(IntrModerationParams params,
                                         IntrModerationSettings settings)
    : params_(params),
      event_mask_(0),
      usecs_max_(0),
      pending_max_(0) {
    // The same legal ranges as the RTL's elaboration-time checks.
    check_range<unsigned>("IntrModerationModel: event_width", params_.event_width, 1, 8);
    check_range<unsigned>("IntrModerationModel: usecs_width", params_.usecs_width, 4, 24);
    check_range<unsigned>("IntrModerationModel: frames_width", params_.frames_width, 1, 32);
    event_mask_ = low_mask(params_.event_width);
    usecs_max_ = low_mask(params_.usecs_width);
    pending_max_ = low_mask(params_.frames_width);
    set_settings(settings);
    reset();
}

void IntrModerationModel::reset() {
    irq_ = false;
    masked_ = false;
    rx_pending_ = 0;
    tx_pending_ = 0;
    usecs_ = usecs_max_; // interval considered elapsed
    prescaler_ = 0;
}

void IntrModerationModel::set_settings(const IntrModerationSettings& settings) {
    settings_.cycles_per_us = settings.cycles_per_us & 0xFFFFU;
    settings_.rx_usecs = settings.rx_usecs & usecs_max_;
    settings_.tx_usecs = settings.tx_usecs & usecs_max_;
    settings_.rx_frames = settings.rx_frames & pending_max_;
    settings_.tx_frames = settings.tx_frames & pending_max_;
}

std::uint32_t IntrModerationModel::cycles_per_us() const {
    return settings_.cycles_per_us == 0 ? 1U : settings_.cycles_per_us;
}

bool IntrModerationModel::due(std::uint32_t sum, std::uint32_t usecs,
                              std::uint32_t frames) const {
    return sum != 0 && (usecs_ >= usecs || (frames != 0 && sum >= frames));
}

void IntrModerationModel::step(const IntrModerationInputs& in) {
    const auto saturate = [this](std::uint32_t pending, std::uint32_t events) {
        const std::uint64_t sum = std::uint64_t{pending} + (events & event_mask_);
        return static_cast<std::uint32_t>(std::min<std::uint64_t>(sum, pending_max_));
    };
    const std::uint32_t rx_new = saturate(rx_pending_, in.rx_events);
    const std::uint32_t tx_new = saturate(tx_pending_, in.tx_events);

    const bool armed = !in.mask_set && (!masked_ || in.rearm);
    const bool fire = armed && (due(rx_new, settings_.rx_usecs, settings_.rx_frames) ||
                                due(tx_new, settings_.tx_usecs, settings_.tx_frames));

    if (in.mask_set || fire) {
        masked_ = true;
    } else if (in.rearm) {
        masked_ = false;
    }
    irq_ = fire;
    rx_pending_ = fire ? 0 : rx_new;
    tx_pending_ = fire ? 0 : tx_new;

    if (fire || usecs_ != usecs_max_) {
        const std::uint32_t base_usecs = fire ? 0 : usecs_;
        const std::uint32_t next = (fire ? 0 : prescaler_) + 1;
        if (next >= cycles_per_us()) {
            prescaler_ = 0;
            usecs_ = base_usecs + 1;
        } else {
            prescaler_ = next;
            usecs_ = base_usecs;
        }
        if (usecs_ >= longest_interval()) saturate_count();
    }
}

std::uint32_t IntrModerationModel::longest_interval() const {
    return std::max(settings_.rx_usecs, settings_.tx_usecs);
}

void IntrModerationModel::saturate_count() {
    usecs_ = usecs_max_;
    prescaler_ = 0;
}

std::uint64_t IntrModerationModel::cycles_until_usecs(std::uint32_t usecs) const {
    if (usecs_ >= usecs) {
        return 0;
    }
    const std::uint64_t c = cycles_per_us();
    if (prescaler_ >= c) {
        // cycles_per_us was lowered below the prescaler: the next step wraps it.
        return 1 + (std::uint64_t{usecs} - usecs_ - 1) * c;
    }
    return std::uint64_t{usecs} * c - (std::uint64_t{usecs_} * c + prescaler_);
}

std::optional<std::uint64_t> IntrModerationModel::idle_steps_to_irq() const {
    if (masked_) {
        return std::nullopt;
    }
    std::optional<std::uint64_t> wait;
    const auto consider = [&](std::uint32_t pending, std::uint32_t usecs, std::uint32_t frames) {
        if (pending == 0) {
            return;
        }
        // Without events the frames condition cannot change; only the interval can elapse.
        const std::uint64_t w =
            (frames != 0 && pending >= frames) ? 0 : cycles_until_usecs(usecs);
        wait = wait ? std::min(*wait, w) : w;
    };
    consider(rx_pending_, settings_.rx_usecs, settings_.rx_frames);
    consider(tx_pending_, settings_.tx_usecs, settings_.tx_frames);
    if (!wait) {
        return std::nullopt;
    }
    // The fire is decided in the cycle after `wait` quiet steps; irq() is true after its step.
    return *wait + 1;
}

void IntrModerationModel::advance_quiet(std::uint64_t cycles) {
    if (cycles == 0) {
        return;
    }
    irq_ = false;
    if (usecs_ == usecs_max_) {
        return; // saturated counters hold
    }
    const std::uint64_t c = cycles_per_us();
    const std::uint32_t longest = longest_interval();
    if (prescaler_ >= c) {
        // cycles_per_us was lowered below the prescaler: the first step wraps it.
        prescaler_ = 0;
        ++usecs_;
        --cycles;
        if (usecs_ >= longest) {
            saturate_count();
            return;
        }
    }
    if (cycles == 0) {
        return;
    }
    // A count at or past both intervals (one was lowered) saturates in the next step.
    if (usecs_ >= longest) {
        saturate_count();
        return;
    }
    // Steps until the count saturates: it reaches the longer interval (or usecs_max_) with the
    // prescaler at 0.
    const std::uint64_t target = std::min(longest, usecs_max_);
    const std::uint64_t to_saturation = (target - usecs_) * c - prescaler_;
    if (cycles >= to_saturation) {
        saturate_count();
        return;
    }
    const std::uint64_t elapsed = std::uint64_t{usecs_} * c + prescaler_ + cycles;
    usecs_ = static_cast<std::uint32_t>(elapsed / c);
    prescaler_ = static_cast<std::uint32_t>(elapsed % c);
}

std::optional<std::uint64_t> IntrModerationModel::advance_idle(std::uint64_t cycles) {
    const std::optional<std::uint64_t> fire_at = idle_steps_to_irq();
    if (!fire_at || *fire_at > cycles) {
        advance_quiet(cycles);
        return std::nullopt;
    }
    advance_quiet(*fire_at - 1);
    step(IntrModerationInputs{});
    advance_quiet(cycles - *fire_at); // masked now: no further fire
    return fire_at;
}

} // namespace nicsim::model
