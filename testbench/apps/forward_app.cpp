#include "apps/forward_app.hpp"

namespace nicsim::apps {

ForwardApp::ForwardApp(driver::Kernel& kernel, driver::NicDriver& nic, const host::CostTable& costs,
                       DeliveryLedger& ledger)
    : kernel_(kernel),
      nic_(nic),
      ledger_(ledger),
      per_packet_ps_(host::to_ps(costs.rx_packet_ns) + host::to_ps(costs.forward_ns) + host::to_ps(costs.tx_packet_ns)) {}

void ForwardApp::receive(unsigned queue, const driver::RxFrameView& frame) {
    kernel_.charge_ps(per_packet_ps_);
    frame.copy_to(frame_);
    if (!nic_.transmit(queue, frame_)) ledger_.dropped(HostDrop::tx_ring);
}

}  // namespace nicsim::apps
