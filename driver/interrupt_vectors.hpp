// The NIC's interrupt vectors as every receive policy drives them: route a queue's causes to
// a vector, set its moderation, mask it, re-arm it.
#pragma once

#include <cstdint>

#include "nic_driver.hpp"

namespace nicsim::driver {

// Interrupt moderation per vector, in ethtool's terms (ethtool -C).
struct Coalesce {
    unsigned rx_usecs = 0;
    unsigned rx_frames = 0;
    unsigned tx_usecs = 0;
    unsigned tx_frames = 0;
};

// Programs queue q's RX and TX causes onto `vector` and the vector's moderation.
void program_vector(NicDriver& nic, unsigned queue, unsigned vector, const Coalesce& coalesce);
// Re-arms (unmasks) a vector with one register write.
void rearm_vector(NicDriver& nic, unsigned vector);
// Masks vectors; used by policies that run without interrupts.
void mask_vectors(NicDriver& nic, std::uint32_t vectors);

}  // namespace nicsim::driver
