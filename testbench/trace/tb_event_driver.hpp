// Drives the testbench scope's inputs (tb_* ports of nicsim_tb_top) from TbEvents, each in
// the cycle it is stamped with: pulses for one cycle, values held, counters counted.
//
// Events arrive out of order (a poll's end is known when it begins; two cores report in
// turn), so they wait in a heap ordered by cycle, then by arrival. SimControl drives this
// model only when a trace was asked for: with tracing off it is not there at all.
//
// A template on the top class so that it compiles and is tested without Verilator.
#pragma once

#include <cstdint>
#include <queue>
#include <vector>

#include "bus/clocked_model.hpp"
#include "trace/tb_event.hpp"

namespace nicsim::tb {

template <class Top>
class TbEventDriver final : public ClockedModel {
public:
    explicit TbEventDriver(Top& top) : top_(top) {}

    // An event stamped before the current cycle (it cannot be, as the NIC lags host time,
    // but a clamp is cheaper than a surprise) shows in the current one.
    void record(const TbEvent& e) { pending_.push(Queued{e, arrivals_++}); }

    void apply() override {
        if (pulsing_) {
            top_.tb_frame_offered_i = 0;
            top_.tb_irq_entry_i = 0;
            top_.tb_rearm_i = 0;
            top_.tb_host_drop_i = 0;
            pulsing_ = false;
        }
        while (!pending_.empty() && pending_.top().event.cycle <= cycle_) {
            drive(pending_.top().event);
            pending_.pop();
        }
    }
    void sample(std::uint64_t cycle) override { cycle_ = cycle + 1; }
    void reset() override {}
    std::uint64_t quiet_until(std::uint64_t next_cycle) const override {
        if (pulsing_) return next_cycle;
        if (pending_.empty()) return quiet_forever;
        const std::uint64_t due = pending_.top().event.cycle;
        return due > next_cycle ? due : next_cycle;
    }
    void skipped_to(std::uint64_t next_cycle) override { cycle_ = next_cycle; }

    std::size_t pending() const { return pending_.size(); }

private:
    struct Queued {
        TbEvent event;
        std::uint64_t arrival;
        bool operator>(const Queued& o) const {
            return event.cycle != o.event.cycle ? event.cycle > o.event.cycle : arrival > o.arrival;
        }
    };

    void drive(const TbEvent& e) {
        switch (e.kind) {
            case TbEventKind::frame_offered:
                top_.tb_frame_offered_i = 1;
                top_.tb_frame_seq_i = e.value;
                pulsing_ = true;
                break;
            case TbEventKind::irq_entry:
                top_.tb_irq_entry_i = 1;
                top_.tb_irq_vector_i = static_cast<std::uint8_t>(e.index & 0xF);
                pulsing_ = true;
                break;
            case TbEventKind::poll_begin:
                top_.tb_poll_active_i = static_cast<std::uint16_t>(top_.tb_poll_active_i | (1u << (e.index & 0xF)));
                break;
            case TbEventKind::poll_end:
                top_.tb_poll_active_i = static_cast<std::uint16_t>(top_.tb_poll_active_i & ~(1u << (e.index & 0xF)));
                top_.tb_poll_queue_i = static_cast<std::uint8_t>(e.index & 0xF);
                top_.tb_poll_count_i = static_cast<std::uint16_t>(e.value > 0xFFFF ? 0xFFFF : e.value);
                break;
            case TbEventKind::rearm:
                top_.tb_rearm_i = 1;
                top_.tb_rearm_vectors_i = static_cast<std::uint16_t>(e.value);
                pulsing_ = true;
                break;
            case TbEventKind::host_drop:
                top_.tb_host_drop_i = 1;
                pulsing_ = true;
                switch (static_cast<HostDropReason>(e.index)) {
                    case HostDropReason::ipintrq: ++top_.tb_drops_ipintrq_i; break;
                    case HostDropReason::tx_ring: ++top_.tb_drops_tx_ring_i; break;
                    case HostDropReason::socket_queue: ++top_.tb_drops_socket_queue_i; break;
                }
                break;
        }
    }

    Top& top_;
    std::priority_queue<Queued, std::vector<Queued>, std::greater<Queued>> pending_;
    std::uint64_t arrivals_ = 0;
    std::uint64_t cycle_ = 0;  // the cycle the next apply() drives
    bool pulsing_ = false;
};

}  // namespace nicsim::tb
