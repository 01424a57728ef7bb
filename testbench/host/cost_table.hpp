// What each piece of host work costs in CPU time. The defaults are the kernel-modern profile
// (a current x86 server core and Linux's kernel stack); cost_profiles.hpp names the others
// (the 1996 kernel of Mogul & Ramakrishnan, a user-space poll-mode stack), and
// docs/host-model.md gives each number's source.
#pragma once

#include <cstdint>

namespace nicsim::host {

struct CostTable {
    double irq_entry_ns = 500;          // hardware interrupt entry: vector, save state, handler dispatch
    double irq_exit_ns = 300;           // interrupt exit: EOI, restore, softirq check
    double driver_rx_ns = 100;          // per received packet: the driver's descriptor and buffer work
    double rx_packet_ns = 250;          // per received packet: IP/UDP input
    double tx_complete_ns = 50;         // per transmitted packet: reclaiming its descriptor
    double poll_empty_ns = 50;          // a poll of the rings that finds nothing
    double forward_ns = 150;            // per forwarded packet: route lookup, header rewrite
    double tx_packet_ns = 200;          // per transmitted packet: qdisc + driver xmit
    double user_packet_ns = 1000;       // per packet the user-level consumer handles
    double context_switch_ns = 1500;    // switching between threads on a core
    double mmio_read_ns = 1000;         // an uncached read round trip to the device (CPU stalls)
    double mmio_write_ns = 100;         // a posted write to the device
    double socket_enqueue_ns = 100;     // handing a packet to a socket (wakeup included)
    double demux_ns = 50;               // soft-lrp: finding a packet's application in software (a socket lookup)
};

inline std::uint64_t to_ps(double ns) { return static_cast<std::uint64_t>(ns * 1000.0 + 0.5); }

}  // namespace nicsim::host
