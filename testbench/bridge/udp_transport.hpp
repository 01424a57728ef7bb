// The simulated wire carried in UDP datagrams on loopback, one Ethernet frame (without FCS)
// per datagram: for machines without /dev/net/tun, and for peers that speak this framing
// (QEMU's `-netdev dgram` / `-netdev socket,udp=...` do).
//
// The bridge listens on 127.0.0.1:PORT. Frames the NIC transmits go to the fixed peer port
// when one is given (the socket is connected to it, so only it is heard), else to whoever
// sent the latest datagram. A peer that goes away is noticed through the ICMP port
// unreachable its port answers with (IP_RECVERR reports it on an unconnected socket too):
// counted, logged once, and — for a learned peer — forgotten until someone sends again.
#pragma once

// Boost 1.74's Asio (Debian 12) uses std::exchange in boost/asio/awaitable.hpp, which C++20
// pulls in, without including <utility>: include it first.
#include <utility>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>

#include <array>
#include <cstdint>
#include <optional>

#include "bridge/error_tally.hpp"
#include "bridge/frame_port.hpp"

namespace nicsim::bridge {

class UdpTransport final : public FramePort {
public:
    // `peer_port` 0: learn the peer from incoming datagrams. Throws std::runtime_error naming
    // the port when it cannot be bound.
    UdpTransport(boost::asio::io_context& io, std::uint16_t port, std::uint16_t peer_port, ErrorTally& errors);

    void start(FrameHandler on_frame) override;
    void send(std::span<const std::uint8_t> frame) override;
    bool gone() const override { return false; }  // a peer may always come (back)
    std::string describe() const override;
    Counts counts() const override;

    std::uint16_t local_port() const { return local_port_; }
    // Datagrams for this socket the kernel dropped before the bridge could read them (its
    // receive buffer was full): lost on the way in, never seen by the bridge's own counters.
    std::uint64_t kernel_receive_drops() const;

private:
    void receive_next();
    void peer_unreachable();

    boost::asio::ip::udp::socket socket_;
    ErrorTally& errors_;
    FrameHandler on_frame_;
    std::uint16_t local_port_ = 0;
    int native_fd_ = -1;  // the socket's descriptor (Asio 1.74 gives it only to non-const callers)
    bool fixed_peer_ = false;
    std::uint16_t fixed_peer_port_ = 0;
    std::optional<boost::asio::ip::udp::endpoint> peer_;
    boost::asio::ip::udp::endpoint sender_;
    std::array<std::uint8_t, 65536> buffer_{};
    std::uint64_t frames_in_ = 0, bytes_in_ = 0, frames_out_ = 0, bytes_out_ = 0;
};

}  // namespace nicsim::bridge
