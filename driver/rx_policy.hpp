// A receive policy: how the driver turns NIC events into packet processing (interrupts,
// polling threads, budgets, moderation). Each policy is a small plug-in over the same
// mechanism (NicDriver's rings, the Kernel's contexts).
#pragma once

#include <cstdint>
#include <string>

namespace nicsim::driver {

// Interrupt moderation per vector, in ethtool's terms (ethtool -C).
struct Coalesce {
    unsigned rx_usecs = 0;
    unsigned rx_frames = 0;
    unsigned tx_usecs = 0;
    unsigned tx_frames = 0;
};

class RxPolicy {
public:
    virtual ~RxPolicy() = default;
    virtual std::string name() const = 0;
    // Requests interrupts, programs vectors and moderation, starts threads. Called once the
    // driver has probed the device.
    virtual void start() = 0;
};

}  // namespace nicsim::driver
