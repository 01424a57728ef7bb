// Both ends of the wire: told about every frame offered to the NIC and every frame the NIC
// puts on the wire. The platform calls it; whoever accounts for frames (apps' WireMonitor)
// implements it. An interface of its own so that neither needs the other's header.
#pragma once

#include <cstddef>
#include <cstdint>

namespace nicsim::traffic {

class WireObserver {
public:
    virtual ~WireObserver() = default;
    // A frame for UDP port `dst_port` handed to the NIC's receive port, its first byte on the
    // wire at `sent_at_ps`.
    virtual void on_wire_in(std::uint16_t dst_port, std::uint64_t sent_at_ps) = 0;
    virtual void on_wire_out(const std::uint8_t* data, std::size_t size, std::uint64_t time_ps) = 0;
};

}  // namespace nicsim::traffic
