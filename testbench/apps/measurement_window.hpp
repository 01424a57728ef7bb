// The steady-state measurement window of a run: after a warm-up (rings, queues and timers
// reach their steady state) and before the drain (what the host still holds when the offer
// ends). Rates count only events inside it; each half is counted on its own, so a run can say
// whether its rate was stable.
#pragma once

#include <cstdint>

namespace nicsim::apps {

struct MeasurementWindow {
    std::uint64_t start_ps = 0;  // the warm-up's end
    std::uint64_t end_ps = 0;    // the offer's end: what is delivered from here on was drained

    std::uint64_t mid_ps() const { return start_ps + (end_ps - start_ps) / 2; }
    double seconds() const { return static_cast<double>(end_ps - start_ps) * 1e-12; }
    bool contains(std::uint64_t t_ps) const { return t_ps >= start_ps && t_ps < end_ps; }
};

// Events (offers, deliveries) counted by where their time falls: before the window, in its
// first or second half, or after it.
class WindowCount {
public:
    void add(const MeasurementWindow& w, std::uint64_t t_ps) {
        if (t_ps < w.start_ps) ++before_;
        else if (t_ps < w.mid_ps()) ++first_half_;
        else if (t_ps < w.end_ps) ++second_half_;
        else ++after_;
    }

    std::uint64_t before() const { return before_; }
    std::uint64_t first_half() const { return first_half_; }
    std::uint64_t second_half() const { return second_half_; }
    std::uint64_t inside() const { return first_half_ + second_half_; }
    std::uint64_t after() const { return after_; }
    std::uint64_t total() const { return before_ + inside() + after_; }

private:
    std::uint64_t before_ = 0;
    std::uint64_t first_half_ = 0;
    std::uint64_t second_half_ = 0;
    std::uint64_t after_ = 0;
};

}  // namespace nicsim::apps
