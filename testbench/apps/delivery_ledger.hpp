// Where every offered packet ended: delivered (with its latency) or dropped at a named place.
// The conservation invariant is checked against it: offered = delivered + drops + in flight.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "apps/drop_reason.hpp"
#include "traffic/test_frame.hpp"

namespace nicsim::apps {

class DeliveryLedger {
public:
    // Tells which offered frame a received frame is (its sequence and send time), or
    // nothing for a frame that was not offered as it is now (corrupted).
    using Recogniser = std::function<std::optional<tb::TestFrameStamp>(std::span<const std::uint8_t>)>;

    // By default frames are test frames, which carry their stamp; a source that offers
    // other bytes (a capture) recognises its own (TrafficSource::recognise).
    explicit DeliveryLedger(Recogniser recognise = tb::parse_test_frame) : recognise_(std::move(recognise)) {}

    std::optional<tb::TestFrameStamp> recognise(std::span<const std::uint8_t> frame) const { return recognise_(frame); }

    void delivered(std::uint64_t send_ps, std::uint64_t at_ps) {
        ++delivered_;
        latencies_ps_.push_back(at_ps - send_ps);
    }
    void dropped(HostDrop where) {
        ++drops_[static_cast<unsigned>(where)];
        if (on_drop_) on_drop_(where);
    }
    // Called with every drop from now on (the waveform's testbench scope); empty = nobody.
    void set_on_drop(std::function<void(HostDrop)> hook) { on_drop_ = std::move(hook); }

    std::uint64_t delivered_count() const { return delivered_; }
    std::uint64_t drops(HostDrop where) const { return drops_[static_cast<unsigned>(where)]; }
    std::uint64_t total_drops() const {
        std::uint64_t sum = 0;
        for (auto d : drops_) sum += d;
        return sum;
    }
    // Latency percentile in picoseconds (p in 0..1); sorts a copy.
    std::uint64_t latency_percentile(double p) const;
    std::uint64_t latency_max() const;

private:
    Recogniser recognise_;
    std::uint64_t delivered_ = 0;
    // By HostDrop; the ipintrq slot stays 0 here (the policy counts those).
    std::array<std::uint64_t, host_drop_count> drops_{};
    std::vector<std::uint64_t> latencies_ps_;
    std::function<void(HostDrop)> on_drop_;
};

}  // namespace nicsim::apps
