// The wire's other end: told about every frame the NIC puts on the wire. The platform calls
// it; whoever accounts for frames (apps' WireMonitor) implements it. An interface of its own
// so that neither needs the other's header.
#pragma once

#include <cstddef>
#include <cstdint>

namespace nicsim::traffic {

class WireObserver {
public:
    virtual ~WireObserver() = default;
    virtual void on_wire_out(const std::uint8_t* data, std::size_t size, std::uint64_t time_ps) = 0;
};

}  // namespace nicsim::traffic
