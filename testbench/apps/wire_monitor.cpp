#include "apps/wire_monitor.hpp"

namespace nicsim::apps {

void WireMonitor::on_wire_out(const std::uint8_t* data, std::size_t size, std::uint64_t time_ps) {
    ++frames_;
    if (!frames_are_deliveries_) {
        ++unexpected_;
        return;
    }
    const auto id = ledger_.identify({data, size});
    if (!id) {
        ledger_.dropped(HostDrop::corrupt);
        return;
    }
    ledger_.delivered(*id, time_ps);
}

}  // namespace nicsim::apps
