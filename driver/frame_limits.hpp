// The sizes of Ethernet frames the NIC takes, without FCS. The largest is the register map's
// (max_frame_len's reset value, its hardware ceiling, rtl/regmap.toml); nothing else in C++
// spells it.
#pragma once

#include "nic_regs.hpp"

namespace nicsim::driver {

inline constexpr unsigned min_frame_bytes = 60;  // 64 on the wire with the FCS
inline constexpr unsigned max_frame_bytes = regs::REG_MAX_FRAME_LEN_RESET;

}  // namespace nicsim::driver
