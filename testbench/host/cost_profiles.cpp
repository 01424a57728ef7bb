#include "host/cost_profiles.hpp"

namespace nicsim::host {
namespace {

// Mogul & Ramakrishnan's setting: "peak @ 5000 => 200 us/pkt" (the lecture notes on their
// Figure 6-1), an interrupt "~10 usec", split over the stages of the 4.4BSD path. screend's
// user work is chosen so that forwarding through it is loss-free to just under 2,000
// packets/s, the MLFRR the paper reports for screend (docs/host-model.md).
CostTable kernel_1996() {
    CostTable t;
    t.irq_entry_ns = 5'000;
    t.irq_exit_ns = 5'000;
    t.driver_rx_ns = 30'000;
    t.rx_packet_ns = 50'000;
    t.tx_complete_ns = 10'000;
    t.poll_empty_ns = 2'000;
    t.forward_ns = 60'000;
    t.tx_packet_ns = 40'000;
    t.user_packet_ns = 300'000;
    t.context_switch_ns = 20'000;
    t.mmio_read_ns = 2'000;
    t.mmio_write_ns = 500;
    t.socket_enqueue_ns = 10'000;
    t.demux_ns = 10'000;
    return t;
}

// A poll-mode stack in user space: the same hardware as kernel-modern (interrupts, context
// switches, device access cost what they cost), but per-packet work in batches, without
// sk_buffs, system calls or copies: about 100 ns per forwarded packet, the order of DPDK's
// l3fwd at 10 Mpps per core. The application's own work per packet is the application's.
CostTable user_space() {
    CostTable t;
    t.driver_rx_ns = 20;
    t.rx_packet_ns = 30;
    t.tx_complete_ns = 5;
    t.poll_empty_ns = 20;
    t.forward_ns = 30;
    t.tx_packet_ns = 20;
    t.socket_enqueue_ns = 20;
    t.demux_ns = 20;
    return t;
}

}  // namespace

CostTable cost_table(CostProfile profile) {
    switch (profile) {
        case CostProfile::kernel_1996: return kernel_1996();
        case CostProfile::user_space: return user_space();
        case CostProfile::kernel_modern:
        case CostProfile::count_: break;
    }
    return CostTable{};
}

}  // namespace nicsim::host
