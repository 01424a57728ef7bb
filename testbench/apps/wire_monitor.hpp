// Watches the NIC's transmit wire. For `forward`, a frame leaving is a delivered packet;
// for applications that never transmit, anything on the wire is unexpected and counted.
#pragma once

#include "apps/delivery_ledger.hpp"
#include "traffic/wire_observer.hpp"

namespace nicsim::apps {

class WireMonitor final : public traffic::WireObserver {
public:
    WireMonitor(DeliveryLedger& ledger, bool frames_are_deliveries)
        : ledger_(ledger), frames_are_deliveries_(frames_are_deliveries) {}

    void on_wire_out(const std::uint8_t* data, std::size_t size, std::uint64_t time_ps) override;

    std::uint64_t frames() const { return frames_; }
    std::uint64_t unexpected() const { return unexpected_; }

private:
    DeliveryLedger& ledger_;
    bool frames_are_deliveries_;
    std::uint64_t frames_ = 0;
    std::uint64_t unexpected_ = 0;
};

}  // namespace nicsim::apps
