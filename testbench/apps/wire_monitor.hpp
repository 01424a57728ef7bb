// Watches the NIC's wire. Every frame offered on the receive side is an offer in the ledger
// (by its send time, for the measurement window). On the transmit side, for `forward` and
// `screend`, a frame leaving is a delivered packet; for applications that never transmit,
// anything on the wire is unexpected and counted.
#pragma once

#include "apps/delivery_ledger.hpp"
#include "traffic/wire_observer.hpp"

namespace nicsim::apps {

class WireMonitor final : public traffic::WireObserver {
public:
    WireMonitor(DeliveryLedger& ledger, bool frames_are_deliveries)
        : ledger_(ledger), frames_are_deliveries_(frames_are_deliveries) {}

    void on_wire_in(std::uint16_t dst_port, std::uint64_t sent_at_ps) override {
        ledger_.offered(dst_port, sent_at_ps);
    }
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
