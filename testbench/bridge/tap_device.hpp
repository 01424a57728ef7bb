// A Linux TAP interface as the far end of the simulated wire: every read is one Ethernet
// frame Linux sent (no FCS, no packet-information header), every write one frame it receives.
//
// Opening attaches to an existing TAP of that name (e.g. made with `ip tuntap add dev NAME
// mode tap`, persistent, configured by the user), or creates one, which needs CAP_NET_ADMIN
// and disappears when the bridge exits. The TAP belongs to the network namespace the bridge
// runs in (run it under `ip netns exec NS` to use one in NS).
#pragma once

// Boost 1.74's Asio (Debian 12) uses std::exchange in boost/asio/awaitable.hpp, which C++20
// pulls in, without including <utility>: include it first.
#include <utility>
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "bridge/error_tally.hpp"
#include "bridge/frame_port.hpp"

namespace nicsim::bridge {

// Throws std::invalid_argument naming `--tap` unless `name` is a valid interface name:
// 1..15 characters (IFNAMSIZ - 1), none of them '/', ':' or whitespace, not "." or "..".
void validate_interface_name(std::string_view name);

class TapDevice final : public FramePort {
public:
    // Throws std::runtime_error with the reason and a way out (no /dev/net/tun, no
    // permission to create, busy, not a TAP).
    TapDevice(boost::asio::io_context& io, const std::string& name, ErrorTally& errors);
    ~TapDevice() override;

    void start(FrameHandler on_frame) override;
    void send(std::span<const std::uint8_t> frame) override;
    bool gone() const override { return gone_; }
    std::string describe() const override;
    Counts counts() const override;

    bool created() const { return created_; }
    // Whether Linux has the interface up (IFF_UP): frames written to a down TAP are refused.
    bool link_up() const;
    // Frames Linux meant for the bridge but dropped because the TAP's queue was full (the
    // interface's tx_dropped, counted since this TapDevice attached); nullopt if the kernel
    // does not tell (no /sys/class/net/NAME/statistics in this mount namespace).
    std::optional<std::uint64_t> kernel_queue_drops() const;

private:
    void read_next();
    std::optional<std::uint64_t> read_tx_dropped() const;

    std::string name_;
    boost::asio::posix::stream_descriptor fd_;
    ErrorTally& errors_;
    FrameHandler on_frame_;
    // One read is one frame, whatever its size: a buffer as big as any frame Linux may send
    // lets an oversize frame be read whole, then refused and counted.
    std::array<std::uint8_t, 65536> buffer_{};
    bool created_ = false;
    bool gone_ = false;
    std::uint64_t tx_dropped_at_attach_ = 0;
    std::uint64_t frames_in_ = 0, bytes_in_ = 0, frames_out_ = 0, bytes_out_ = 0;
};

}  // namespace nicsim::bridge
