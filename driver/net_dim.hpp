// Dynamic interrupt moderation in the style of Linux's net_dim (lib/dim/net_dim.c).
//
// Every `window_events` interrupts the driver hands it a sample (time, packets, bytes,
// interrupts). It compares the rates per millisecond with the previous window — bytes
// first, then packets, then (fewer is better) interrupts; a change under 10% is "same" —
// and walks a ladder of five (rx-usecs, rx-frames) profiles: while a step helps it keeps
// going, when it stops helping it turns, and it parks when it has found the top (a turn
// right after a turn) or grown tired (too many steps without settling). A parked tuner
// leaves the top only when the traffic changes.
#pragma once

#include <array>
#include <cstdint>

namespace nicsim::driver {

struct DimProfile {
    unsigned usecs;
    unsigned frames;
};

// Linux's completion-based receive profiles, lowest latency first.
inline constexpr std::array<DimProfile, 5> dim_rx_profiles{{{2, 256}, {8, 128}, {16, 64}, {32, 64}, {64, 64}}};

class NetDim {
public:
    static constexpr unsigned window_events = 64;  // DIM_NEVENTS

    struct Sample {
        std::uint64_t time_ns = 0;
        std::uint64_t packets = 0;
        std::uint64_t bytes = 0;
        std::uint64_t events = 0;  // interrupts
    };
    enum class State { parking_on_top, parking_tired, going_right, going_left };

    explicit NetDim(unsigned start_profile = 1);

    // Feeds the running totals; returns true when the profile changed (program it).
    bool update(const Sample& totals);

    unsigned profile_index() const { return profile_; }
    const DimProfile& profile() const { return dim_rx_profiles[profile_]; }
    State state() const { return state_; }
    std::uint64_t decisions() const { return decisions_; }
    std::uint64_t profile_changes() const { return changes_; }

private:
    struct Rates {
        std::uint64_t ppms = 0;  // packets per ms
        std::uint64_t bpms = 0;  // bytes per ms
        std::uint64_t epms = 0;  // events per ms
    };
    enum class Compare { better, worse, same };
    enum class Step { stepped, on_edge, too_tired };

    static Compare compare(const Rates& current, const Rates& previous);
    Step step();
    void exit_parking();
    bool on_top() const;
    void turn();
    void park_on_top();
    void park_tired();
    bool decide(const Rates& current);

    unsigned profile_;
    State state_ = State::going_right;
    unsigned steps_left_ = 0;
    unsigned steps_right_ = 0;
    unsigned tired_ = 0;
    Rates previous_;
    Sample window_start_;
    bool started_ = false;
    std::uint64_t decisions_ = 0;
    std::uint64_t changes_ = 0;
};

}  // namespace nicsim::driver
