#include "bridge/udp_transport.hpp"

#include <linux/sock_diag.h>
#include <netinet/in.h>
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
    native_fd_ = socket_.native_handle();
    // Report ICMP errors (port unreachable: the peer went away) on this unconnected socket.
    const int on = 1;
    ::setsockopt(socket_.native_handle(), IPPROTO_IP, IP_RECVERR, &on, sizeof on);
    if (peer_port != 0) {
        fixed_peer_ = true;
        fixed_peer_port_ = peer_port;
        peer_ = udp::endpoint(asio::ip::address_v4::loopback(), peer_port);
        socket_.connect(*peer_, ec);
        if (ec) throw std::runtime_error("--udp-peer = " + std::to_string(peer_port) + ": cannot connect: " + ec.message());
    }
}

std::string UdpTransport::describe() const {
    return "udp 127.0.0.1:" + std::to_string(local_port_) +
           (fixed_peer_ ? ", peer 127.0.0.1:" + std::to_string(fixed_peer_port_) : ", peer: the latest sender");
}

void UdpTransport::peer_unreachable() {
    errors_.record("udp_peer_unreachable", "udp peer " + (peer_ ? std::to_string(peer_->port()) : std::string("?")) +
                                               " is not listening (ICMP port unreachable)");
    // Empty the error queue IP_RECVERR fills, so it never holds the socket's buffer space.
    std::array<std::uint8_t, 512> control{};
    for (;;) {
        msghdr message{};
        message.msg_control = control.data();
        message.msg_controllen = control.size();
        if (::recvmsg(socket_.native_handle(), &message, MSG_ERRQUEUE | MSG_DONTWAIT) < 0) break;
    }
    if (!fixed_peer_) peer_.reset();  // the next sender becomes the peer
}

void UdpTransport::start(FrameHandler on_frame) {
    on_frame_ = std::move(on_frame);
    receive_next();
}

void UdpTransport::receive_next() {
    socket_.async_receive_from(asio::buffer(buffer_), sender_, [this](const boost::system::error_code& ec, std::size_t n) {
        if (ec == asio::error::operation_aborted) return;
        if (ec == asio::error::connection_refused) {
            peer_unreachable();  // an earlier send drew an ICMP port unreachable
        } else if (ec) {
            errors_.record("udp_receive_errors", "udp receive failed: " + ec.message());
        } else if (n < model::ethernet_header_bytes) {
            errors_.record("udp_garbage_datagrams", "a datagram of " + std::to_string(n) + " bytes from port " +
                                                        std::to_string(sender_.port()) +
                                                        " is too short to hold an Ethernet header (14 bytes): dropped");
        } else {
            ++frames_in_;
            bytes_in_ += n;
            if (!fixed_peer_) peer_ = sender_;
            on_frame_(std::span<const std::uint8_t>(buffer_.data(), n));
        }
        receive_next();
    });
}

void UdpTransport::send(std::span<const std::uint8_t> frame) {
    if (!peer_) {
        errors_.record("udp_no_peer", "the NIC sent a frame while no peer was known: dropped");
        return;
    }
    boost::system::error_code ec;
    const auto buffer = asio::buffer(frame.data(), frame.size());
    const std::size_t n = fixed_peer_ ? socket_.send(buffer, 0, ec) : socket_.send_to(buffer, *peer_, 0, ec);
    if (ec == asio::error::connection_refused) {
        peer_unreachable();
        return;
    }
    if (ec) {
        errors_.record("udp_send_errors", "udp send failed: " + ec.message());
        return;
    }
    ++frames_out_;
    bytes_out_ += n;
}

std::uint64_t UdpTransport::kernel_receive_drops() const {
    // SO_MEMINFO (Linux 4.6+) reports the socket's drop counter: datagrams the kernel threw
    // away for this socket, nearly all because its receive buffer was full (what netstat
    // counts, for every socket together, as Udp RcvbufErrors).
    std::array<std::uint32_t, SK_MEMINFO_VARS> info{};
    socklen_t size = sizeof info;
    if (::getsockopt(native_fd_, SOL_SOCKET, SO_MEMINFO, info.data(), &size) != 0 ||
        size < sizeof(std::uint32_t) * (SK_MEMINFO_DROPS + 1))
        return 0;
    return info[SK_MEMINFO_DROPS];
}

FramePort::Counts UdpTransport::counts() const {
    return {{"frames_from_peer", frames_in_},
            {"bytes_from_peer", bytes_in_},
            {"frames_to_peer", frames_out_},
            {"bytes_to_peer", bytes_out_},
            {"kernel_socket_drops", kernel_receive_drops()}};
}

}  // namespace nicsim::bridge
