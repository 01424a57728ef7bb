// One software decision to show in the waveform's testbench scope (tb_events.sv), stamped
// with the NIC cycle it happened in. Plain data: the SystemC side makes them, the Verilated
// side (TbEventDriver) turns them into signals.
#pragma once

#include <cstdint>

namespace nicsim::tb {

enum class TbEventKind : std::uint8_t {
    frame_offered,  // value = sequence number
    irq_entry,      // index = vector
    poll_begin,     // index = queue
    poll_end,       // index = queue, value = packets
    rearm,          // value = vector mask
    host_drop,      // index = HostDropReason
};

// Host-side drop reasons with a counter in the testbench scope (tb.drops_<name>).
enum class HostDropReason : std::uint8_t { ipintrq, tx_ring, socket_queue };

struct TbEvent {
    std::uint64_t cycle = 0;
    TbEventKind kind = TbEventKind::frame_offered;
    std::uint16_t index = 0;
    std::uint32_t value = 0;
};

}  // namespace nicsim::tb
