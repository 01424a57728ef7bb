#include "apps/wire_monitor.hpp"

namespace nicsim::apps {

void WireMonitor::on_wire_out(const std::uint8_t* data, std::size_t size, std::uint64_t time_ps) {
    ++frames_;
    if (!frames_are_deliveries_) {
        ++unexpected_;
        return;
    }
    const auto stamp = ledger_.recognise({data, size});
    if (!stamp) {
        ledger_.dropped(HostDrop::corrupt);
        return;
    }
    ledger_.delivered(stamp->offered_at, time_ps);
}

}  // namespace nicsim::apps
