#include "udp_transport.hpp"

#include <sys/socket.h>

#include <boost/asio/buffer.hpp>

#include <cerrno>
#include <stdexcept>
#include <string>

#include "frame_parser.hpp"

namespace nicsim::bridge {

namespace asio = boost::asio;
using asio::ip::udp;

UdpTransport::UdpTransport(asio::io_context& io, std::uint16_t port, std::uint16_t peer_port, ErrorTally& errors)
    : socket_(io), errors_(errors) {
    boost::system::error_code ec;
    socket_.open(udp::v4(), ec);
    if (!ec) socket_.bind(udp::endpoint(asio::ip::address_v4::loopback(), port), ec);
    if (ec) throw std::runtime_error("--udp = " + std::to_string(port) + ": cannot bind 127.0.0.1:" +
                                     std::to_string(port) + ": " + ec.message());
    local_port_ = socket_.local_endpoint().port();
    if (peer_port != 0) {
        fixed_peer_ = true;
        fixed_peer_port_ = peer_port;
        connect_to(udp::endpoint(asio::ip::address_v4::loopback(), peer_port));
    }
}

std::string UdpTransport::describe() const {
    return "udp 127.0.0.1:" + std::to_string(local_port_) +
           (fixed_peer_ ? ", peer 127.0.0.1:" + std::to_string(fixed_peer_port_) : ", peer: whoever sends first");
}

void UdpTransport::connect_to(const udp::endpoint& peer) {
    boost::system::error_code ec;
    socket_.connect(peer, ec);
    if (ec) {
        errors_.record("udp_connect_errors", "cannot connect to peer " + peer.address().to_string() + ":" +
                                                 std::to_string(peer.port()) + ": " + ec.message());
        return;
    }
    peer_ = peer;
}

void UdpTransport::forget_peer() {
    // connect() to AF_UNSPEC dissolves the association (connect(2)); Asio has no call for it.
    sockaddr unspecified{};
    unspecified.sa_family = AF_UNSPEC;
    ::connect(socket_.native_handle(), &unspecified, sizeof unspecified);
    peer_.reset();
}

void UdpTransport::start(FrameHandler on_frame) {
    on_frame_ = std::move(on_frame);
    receive_next();
}

void UdpTransport::receive_next() {
    socket_.async_receive_from(asio::buffer(buffer_), sender_, [this](const boost::system::error_code& ec, std::size_t n) {
        if (ec == asio::error::operation_aborted) return;
        if (ec == asio::error::connection_refused) {
            // An earlier send drew an ICMP port unreachable: nobody listens at the peer's port.
            errors_.record("udp_peer_unreachable", "udp peer " + (peer_ ? std::to_string(peer_->port()) : "?") +
                                                       " is not listening (ICMP port unreachable)");
            if (!fixed_peer_) forget_peer();
            receive_next();
            return;
        }
        if (ec) {
            errors_.record("udp_receive_errors", "udp receive failed: " + ec.message());
            receive_next();
            return;
        }
        if (n < model::ethernet_header_bytes) {
            errors_.record("udp_garbage_datagrams", "a datagram of " + std::to_string(n) + " bytes from port " +
                                                        std::to_string(sender_.port()) +
                                                        " is too short to hold an Ethernet header (14 bytes): dropped");
        } else {
            ++frames_in_;
            bytes_in_ += n;
            if (!peer_) connect_to(sender_);
            on_frame_(std::span<const std::uint8_t>(buffer_.data(), n));
        }
        receive_next();
    });
}

void UdpTransport::send(std::span<const std::uint8_t> frame) {
    if (!peer_) {
        errors_.record("udp_no_peer", "the NIC sent a frame before any peer sent a datagram: dropped");
        return;
    }
    boost::system::error_code ec;
    const std::size_t n = socket_.send(asio::buffer(frame.data(), frame.size()), 0, ec);
    if (ec == asio::error::connection_refused) {
        errors_.record("udp_peer_unreachable", "udp peer " + std::to_string(peer_->port()) +
                                                   " is not listening (ICMP port unreachable)");
        if (!fixed_peer_) forget_peer();
        return;
    }
    if (ec) {
        errors_.record("udp_send_errors", "udp send failed: " + ec.message());
        return;
    }
    ++frames_out_;
    bytes_out_ += n;
}

FramePort::Counts UdpTransport::counts() const {
    return {{"frames_from_peer", frames_in_},
            {"bytes_from_peer", bytes_in_},
            {"frames_to_peer", frames_out_},
            {"bytes_to_peer", bytes_out_}};
}

}  // namespace nicsim::bridge
