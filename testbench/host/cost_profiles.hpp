// Named sets of host costs, one per kind of stack, chosen with one key (`cost-profile`):
//
//   kernel-modern  a current x86 server core and Linux's kernel stack (the CostTable defaults)
//   kernel-1996    Mogul & Ramakrishnan's DECstation-class router: ~200 us per forwarded packet
//   user-space     a poll-mode stack in user space (DPDK, netmap): ~100 ns per forwarded packet
//
// docs/host-model.md gives every number and where it comes from. A `cost-*` key given beside
// the profile replaces that one cost.
#pragma once

#include <array>
#include <string_view>

#include "host/cost_table.hpp"

namespace nicsim::host {

enum class CostProfile : unsigned { kernel_modern, kernel_1996, user_space, count_ };
inline constexpr std::array<std::string_view, static_cast<unsigned>(CostProfile::count_)> cost_profile_names{
    "kernel-modern", "kernel-1996", "user-space"};

// The profile's costs.
CostTable cost_table(CostProfile profile);

// Every cost as the run configuration names it (cost-<name>-ns), bound to its field.
struct CostField {
    std::string_view key;
    double CostTable::*field;
};
inline constexpr std::array<CostField, 14> cost_fields{{
    {"cost-irq-entry-ns", &CostTable::irq_entry_ns},
    {"cost-irq-exit-ns", &CostTable::irq_exit_ns},
    {"cost-driver-rx-ns", &CostTable::driver_rx_ns},
    {"cost-rx-packet-ns", &CostTable::rx_packet_ns},
    {"cost-tx-complete-ns", &CostTable::tx_complete_ns},
    {"cost-poll-empty-ns", &CostTable::poll_empty_ns},
    {"cost-forward-ns", &CostTable::forward_ns},
    {"cost-tx-packet-ns", &CostTable::tx_packet_ns},
    {"cost-user-packet-ns", &CostTable::user_packet_ns},
    {"cost-context-switch-ns", &CostTable::context_switch_ns},
    {"cost-mmio-read-ns", &CostTable::mmio_read_ns},
    {"cost-mmio-write-ns", &CostTable::mmio_write_ns},
    {"cost-socket-enqueue-ns", &CostTable::socket_enqueue_ns},
    {"cost-demux-ns", &CostTable::demux_ns},
}};

}  // namespace nicsim::host
