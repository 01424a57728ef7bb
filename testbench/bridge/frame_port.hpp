// Where the simulated wire meets the real world: a Linux TAP interface or UDP datagrams on
// loopback. The bridge hands the port the frames the NIC transmits and gets back, through a
// callback on the io_context's thread, the frames the world sends.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace nicsim::bridge {

class FramePort {
public:
    using FrameHandler = std::function<void(std::span<const std::uint8_t>)>;
    using Counts = std::vector<std::pair<std::string, std::uint64_t>>;

    virtual ~FramePort() = default;

    // Starts receiving; each frame (one TAP read, one datagram) goes to `on_frame`, which
    // runs inside the io_context's run/poll calls.
    virtual void start(FrameHandler on_frame) = 0;
    // Sends one frame. Failures are counted and logged once, never thrown: the world going
    // away must not take the simulation down.
    virtual void send(std::span<const std::uint8_t> frame) = 0;
    // True once the port can carry nothing more (its device was removed): the bridge stops.
    virtual bool gone() const = 0;
    // One line for the log: "tap nsb42 (opened existing)".
    virtual std::string describe() const = 0;
    // frames and bytes each way, then this port's error kinds.
    virtual Counts counts() const = 0;
};

}  // namespace nicsim::bridge
