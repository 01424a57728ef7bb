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
#include "traffic/frame_identifier.hpp"

namespace nicsim::apps {

class DeliveryLedger {
public:
    // `identifier` tells which offered frame a received one is: the traffic that made them.
    explicit DeliveryLedger(traffic::FrameIdentifier& identifier) : identifier_(identifier) {}

    // Which offered frame `frame` is, or nothing for one that was not offered as it is now
    // (corrupted, or received twice).
    std::optional<traffic::FrameId> identify(std::span<const std::uint8_t> frame) { return identifier_.identify(frame); }

    // Frame `id` (sent at id.sent_at ps) reached its destination at `at_ps`.
    void delivered(const traffic::FrameId& id, std::uint64_t at_ps) {
        ++delivered_;
        latencies_ps_.push_back(at_ps - id.sent_at);
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
    traffic::FrameIdentifier& identifier_;
    std::uint64_t delivered_ = 0;
    // By HostDrop; the ipintrq slot stays 0 here (the policy counts those).
    std::array<std::uint64_t, host_drop_count> drops_{};
    std::vector<std::uint64_t> latencies_ps_;
    std::function<void(HostDrop)> on_drop_;
};

}  // namespace nicsim::apps
