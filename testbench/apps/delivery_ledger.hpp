// Where every offered packet ended: delivered (with its latency) or dropped at a named place.
// The conservation invariant is checked against it: offered = delivered + drops + in flight.
//
// It also counts offers and deliveries by the measurement window (measurement_window.hpp): a
// packet is offered in the window when its send time falls in it, delivered in the window when
// its delivery time does; latency percentiles are over the deliveries in the window.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "apps/drop_reason.hpp"
#include "apps/measurement_window.hpp"
#include "traffic/frame_identifier.hpp"

namespace nicsim::apps {

class DeliveryLedger {
public:
    // `identifier` tells which offered frame a received one is: the traffic that made them.
    explicit DeliveryLedger(traffic::FrameIdentifier& identifier) : identifier_(identifier) {}

    // The window rates are measured in; set before the first frame is offered.
    void set_window(const MeasurementWindow& window) { window_ = window; }
    const MeasurementWindow& window() const { return window_; }

    // A frame for UDP port `dst_port` put on the wire, its first byte at `sent_at_ps`.
    void offered(std::uint16_t dst_port, std::uint64_t sent_at_ps) {
        offers_.add(window_, sent_at_ps);
        offers_by_port_[dst_port].add(window_, sent_at_ps);
    }

    // Which offered frame `frame` is, or nothing for one that was not offered as it is now
    // (corrupted, or received twice).
    std::optional<traffic::FrameId> identify(std::span<const std::uint8_t> frame) { return identifier_.identify(frame); }

    // Frame `id` (sent at id.sent_at ps) reached its destination at `at_ps`.
    void delivered(const traffic::FrameId& id, std::uint64_t at_ps) {
        ++delivered_;
        deliveries_.add(window_, at_ps);
        if (window_.contains(at_ps)) latencies_ps_.push_back(at_ps - id.sent_at);
    }
    void dropped(HostDrop where) {
        ++drops_[static_cast<unsigned>(where)];
        if (on_drop_) on_drop_(where);
    }
    // Called with every drop from now on (the waveform's testbench scope); empty = nobody.
    void set_on_drop(std::function<void(HostDrop)> hook) { on_drop_ = std::move(hook); }

    std::uint64_t delivered_count() const { return delivered_; }
    // Offers and deliveries by window; offers also per UDP destination port (application).
    const WindowCount& offers() const { return offers_; }
    WindowCount offers_to(std::uint16_t port) const {
        const auto it = offers_by_port_.find(port);
        return it == offers_by_port_.end() ? WindowCount{} : it->second;
    }
    const WindowCount& deliveries() const { return deliveries_; }
    std::uint64_t drops(HostDrop where) const { return drops_[static_cast<unsigned>(where)]; }
    std::uint64_t total_drops() const {
        std::uint64_t sum = 0;
        for (auto d : drops_) sum += d;
        return sum;
    }
    // Latency percentile of the deliveries in the window, in picoseconds (p in 0..1); sorts a copy.
    std::uint64_t latency_percentile(double p) const;
    std::uint64_t latency_max() const;

private:
    traffic::FrameIdentifier& identifier_;
    std::uint64_t delivered_ = 0;
    MeasurementWindow window_;
    WindowCount offers_;
    std::map<std::uint16_t, WindowCount> offers_by_port_;
    WindowCount deliveries_;
    // By HostDrop; the ipintrq slot stays 0 here (the policy counts those).
    std::array<std::uint64_t, host_drop_count> drops_{};
    std::vector<std::uint64_t> latencies_ps_;  // of the deliveries in the window
    std::function<void(HostDrop)> on_drop_;
};

}  // namespace nicsim::apps
