#include "cosim/tb_event_recorder.hpp"

#include <algorithm>

namespace nicsim {

TbEventRecorder::TbEventRecorder(host::SimKernel& kernel, platform::NicPlatform& platform, apps::DeliveryLedger& ledger)
    : kernel_(kernel), platform_(platform) {
    kernel_.set_on_irq_entry([this](unsigned vector) {
        platform_.record_event(kernel_.step_clock_ps(), tb::TbEventKind::irq_entry, static_cast<std::uint16_t>(vector));
    });
    ledger.set_on_drop([this](apps::HostDrop where) {
        switch (where) {
            case apps::HostDrop::ipintrq: host_drop(tb::HostDropReason::ipintrq); break;
            case apps::HostDrop::tx_ring: host_drop(tb::HostDropReason::tx_ring); break;
            case apps::HostDrop::socket_queue: host_drop(tb::HostDropReason::socket_queue); break;
            // A corrupt frame is a model bug, not a decision: the run's report flags it.
            case apps::HostDrop::corrupt:
            // soft-lrp's channel drops come through packet_dropped(), as the policy's own.
            case apps::HostDrop::lrp_channel:
            case apps::HostDrop::count_: break;
        }
    });
}

void TbEventRecorder::rx_poll_begin(unsigned queue) {
    const std::uint64_t t = kernel_.step_clock_ps();
    poll_begin_ps_[queue & 0xF] = t;
    platform_.record_event(t, tb::TbEventKind::poll_begin, static_cast<std::uint16_t>(queue));
}

void TbEventRecorder::rx_poll_end(unsigned queue, unsigned packets) {
    // A poll that takes less than a NIC cycle still shows, for one cycle.
    const std::uint64_t begin = poll_begin_ps_[queue & 0xF];
    const std::uint64_t t = std::max(kernel_.step_clock_ps(), begin + platform_.clock_period_ps());
    platform_.record_event(t, tb::TbEventKind::poll_end, static_cast<std::uint16_t>(queue), packets);
}

void TbEventRecorder::packet_dropped(std::string_view place) {
    if (apps::host_drop_named(place) == apps::HostDrop::ipintrq) host_drop(tb::HostDropReason::ipintrq);
    // A place without its own counter in tb_events.sv still pulses tb.host_drop (and so
    // starts a --trace-on drop trace).
    else platform_.record_event(kernel_.step_clock_ps(), tb::TbEventKind::host_drop, 0xFF);
}

void TbEventRecorder::host_drop(tb::HostDropReason reason) {
    platform_.record_event(kernel_.step_clock_ps(), tb::TbEventKind::host_drop, static_cast<std::uint16_t>(reason));
}

}  // namespace nicsim
