// `forward`: IP forwarding in the kernel, as the router in Mogul & Ramakrishnan. Every
// received frame costs protocol input, the forwarding decision and transmit, and goes back
// out through the same queue's TX ring; a full ring drops it there. A forwarded packet is
// delivered when it leaves on the wire (WireMonitor records that).
#pragma once

#include <vector>

#include "host/cost_table.hpp"
#include "apps/delivery_ledger.hpp"
#include "kernel.hpp"
#include "nic_driver.hpp"
#include "packet_handler.hpp"

namespace nicsim::apps {

class ForwardApp final : public driver::PacketHandler {
public:
    ForwardApp(driver::Kernel& kernel, driver::NicDriver& nic, const host::CostTable& costs, DeliveryLedger& ledger);

    void receive(unsigned queue, const driver::RxFrameView& frame) override;

private:
    driver::Kernel& kernel_;
    driver::NicDriver& nic_;
    DeliveryLedger& ledger_;
    std::uint64_t per_packet_ps_;
    std::vector<std::uint8_t> frame_;
};

}  // namespace nicsim::apps
