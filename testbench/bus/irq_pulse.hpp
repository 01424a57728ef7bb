// One interrupt message from the NIC: which vector, at which NIC cycle.
#pragma once

#include <cstdint>

namespace nicsim::tb {

struct IrqPulse {
    std::uint64_t cycle;
    unsigned vector;
};

}  // namespace nicsim::tb
