// The socket lookup of the protocol stack when several applications receive: hands each frame
// to the application it is for, either by UDP destination port (one socket per
// application) or by the queue it arrived on (per-core sockets: the application on the core
// the queue's interrupt is affine to, as SO_REUSEPORT groups with RSS arrange it). Its cost
// is part of the protocol input the application's receive() charges.
#pragma once

#include <cstdint>
#include <map>

#include "apps/delivery_ledger.hpp"
#include "packet_handler.hpp"

namespace nicsim::apps {

class SocketDemux final : public driver::PacketHandler {
public:
    enum class Key { udp_port, queue };

    SocketDemux(Key key, DeliveryLedger& ledger) : key_(key), ledger_(ledger) {}

    // Frames whose key (port or queue) is `value` go to `socket`.
    void bind(unsigned value, driver::PacketHandler& socket) { sockets_[value] = &socket; }

    // A frame for no bound socket is counted as corrupt: the testbench only sends frames to
    // applications that exist, so one would be a model bug.
    void receive(unsigned queue, const driver::RxFrameView& frame) override;

private:
    Key key_;
    DeliveryLedger& ledger_;
    std::map<unsigned, driver::PacketHandler*> sockets_;
};

}  // namespace nicsim::apps
