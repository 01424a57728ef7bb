#include "net_dim.hpp"

namespace nicsim::driver {
namespace {

// A difference counts when it is more than 10% of the reference.
bool significant(std::uint64_t value, std::uint64_t reference) {
    if (reference == 0) return false;
    const std::uint64_t diff = value > reference ? value - reference : reference - value;
    return 100 * diff > 10 * reference;
}

}  // namespace

NetDim::NetDim(unsigned start_profile) : profile_(start_profile < dim_rx_profiles.size() ? start_profile : 0) {}

NetDim::Compare NetDim::compare(const Rates& cur, const Rates& prev) {
    if (prev.bpms == 0) return cur.bpms ? Compare::better : Compare::same;
    if (significant(cur.bpms, prev.bpms)) return cur.bpms > prev.bpms ? Compare::better : Compare::worse;
    if (prev.ppms == 0) return cur.ppms ? Compare::better : Compare::same;
    if (significant(cur.ppms, prev.ppms)) return cur.ppms > prev.ppms ? Compare::better : Compare::worse;
    if (prev.epms == 0) return Compare::same;
    if (significant(cur.epms, prev.epms)) return cur.epms < prev.epms ? Compare::better : Compare::worse;
    return Compare::same;
}

NetDim::Step NetDim::step() {
    if (tired_ == 2 * dim_rx_profiles.size()) return Step::too_tired;
    switch (state_) {
        case State::parking_on_top:
        case State::parking_tired: break;
        case State::going_right:
            if (profile_ == dim_rx_profiles.size() - 1) return Step::on_edge;
            ++profile_;
            ++steps_right_;
            break;
        case State::going_left:
            if (profile_ == 0) return Step::on_edge;
            --profile_;
            ++steps_left_;
            break;
    }
    ++tired_;
    return Step::stepped;
}

void NetDim::exit_parking() {
    state_ = profile_ ? State::going_left : State::going_right;
    step();
}

bool NetDim::on_top() const {
    switch (state_) {
        case State::parking_on_top:
        case State::parking_tired: return true;
        case State::going_right: return steps_left_ > 1 && steps_right_ == 1;
        case State::going_left: return steps_right_ > 1 && steps_left_ == 1;
    }
    return false;
}

void NetDim::turn() {
    if (state_ == State::going_right) {
        state_ = State::going_left;
        steps_left_ = 0;
    } else if (state_ == State::going_left) {
        state_ = State::going_right;
        steps_right_ = 0;
    }
}

void NetDim::park_on_top() {
    steps_right_ = steps_left_ = tired_ = 0;
    state_ = State::parking_on_top;
}

void NetDim::park_tired() {
    steps_right_ = steps_left_ = 0;
    state_ = State::parking_tired;
}

bool NetDim::decide(const Rates& cur) {
    const State before_state = state_;
    const unsigned before_profile = profile_;
    switch (state_) {
        case State::parking_on_top:
            if (compare(cur, previous_) != Compare::same) exit_parking();
            break;
        case State::parking_tired:
            if (tired_ > 0) --tired_;
            if (tired_ == 0) exit_parking();
            break;
        case State::going_right:
        case State::going_left: {
            if (compare(cur, previous_) != Compare::better) turn();
            if (on_top()) {
                park_on_top();
                break;
            }
            const Step s = step();
            if (s == Step::on_edge) park_on_top();
            else if (s == Step::too_tired) park_tired();
            break;
        }
    }
    // While parked on top, the reference stays the window that put it there.
    if (before_state != State::parking_on_top || state_ != State::parking_on_top) previous_ = cur;
    return profile_ != before_profile;
}

bool NetDim::update(const Sample& totals) {
    if (!started_) {
        window_start_ = totals;
        started_ = true;
        return false;
    }
    if (totals.events - window_start_.events < window_events) return false;
    const std::uint64_t elapsed_ns = totals.time_ns - window_start_.time_ns;
    Rates cur;
    if (elapsed_ns > 0) {
        // Per millisecond, as net_dim computes them.
        cur.ppms = (totals.packets - window_start_.packets) * 1'000'000 / elapsed_ns;
        cur.bpms = (totals.bytes - window_start_.bytes) * 1'000'000 / elapsed_ns;
        cur.epms = (totals.events - window_start_.events) * 1'000'000 / elapsed_ns;
    }
    window_start_ = totals;
    ++decisions_;
    const bool changed = decide(cur);
    if (changed) ++changes_;
    return changed;
}

}  // namespace nicsim::driver
