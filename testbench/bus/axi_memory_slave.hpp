// Serves the NIC's AXI4 DMA master (m_axi_*) from HostMemory, as the host's memory system
// would behind PCIe: with a latency, with every access checked against the DMA map, and with
// the AXI rules checked on every burst.
//
// Bursts are INCR bursts of 8-byte beats (AxSIZE = 3). Several reads and several writes may be
// outstanding; each channel answers in order (the contract has no AXI IDs).
//
// Reads: an accepted AR is checked and read from memory at once (the access happens when the
// request arrives; the latency is the trip back). Its beats are returned one per cycle, the
// first `latency_cycles` rising edges after the AR handshake at the earliest. A burst refused
// by HostMemory returns RRESP = SLVERR and data 0 on every beat; HostMemory records the fault.
//
// Writes: W beats may arrive before their AW or with it. When a burst has all its beats it is
// checked and written with its strobes as one access (so a refused burst touches nothing), and
// B is returned `latency_cycles` edges later at the earliest; BRESP = SLVERR if refused.
//
// For block tests the slave can also be made irregular, seeded and reproducible: each burst's
// latency gets a random extra of 0..latency_jitter_cycles (answers stay in order per channel),
// and each channel can be stalled at random: AR/AW/W ready held low, R/B valid withheld, in a
// cycle with probability stall_percent / 100, or with a probability of its own per channel
// (channel_stalls; a valid already shown is held until taken, as AXI requires). With all at 0
// (the default) the slave is exactly as described above.
//
// Protocol errors by the master are recorded in violations() (never silently ignored) and the
// burst is then served as if it were legal: INCR, 8-byte beats, counted by AxLEN. They are:
// a burst crossing a 4 KiB boundary, AxSIZE != 3, AxBURST != INCR, WLAST on the wrong beat,
// and an AR/AW/W whose VALID drops or whose payload changes before it is accepted.
#pragma once

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "bus/bus_ports.hpp"
#include "bus/clocked_model.hpp"
#include "bus/host_memory.hpp"
#include "bus/ring_queue.hpp"

namespace nicsim::tb {

struct AxiViolation {
    std::uint64_t cycle = 0;
    std::string what;
};

class AxiMemorySlave final : public ClockedModel {
public:
    struct Config {
        // Rising edges from the AR handshake (reads) or the last W beat (writes) to the
        // earliest edge that can take the first R beat or the B response; at least 1.
        // 125 cycles = 500 ns at 250 MHz, a typical PCIe round trip.
        unsigned latency_cycles = 125;
        unsigned max_outstanding_reads = 32;   // AR accepted but not fully answered
        unsigned max_outstanding_writes = 32;  // AW accepted but B not yet taken
        unsigned max_early_w_beats = 512;      // W beats held before their AW arrives
        // Throw std::runtime_error from sample() on the first violation, to stop a system
        // test at the faulty cycle instead of at its end.
        bool throw_on_violation = false;
        // Irregular host (block tests): extra latency per burst, uniform in 0..this.
        unsigned latency_jitter_cycles = 0;
        // Per-cycle probability (percent, 0..100) of stalling a channel: AR, AW, W ready low;
        // R, B valid withheld. The same for every channel, unless channel_stalls is set.
        unsigned stall_percent = 0;
        // Each channel's own probability (percent, 0..100), replacing stall_percent. The same
        // value on every channel draws exactly as stall_percent does.
        struct ChannelStalls {
            unsigned ar = 0, aw = 0, w = 0, r = 0, b = 0;
        };
        std::optional<ChannelStalls> channel_stalls;
        std::uint64_t seed = 1;  // of the jitter and stall choices
    };

    AxiMemorySlave(const AxiMasterPorts& ports, HostMemory& memory, Config config);
    AxiMemorySlave(const AxiMasterPorts& ports, HostMemory& memory)
        : AxiMemorySlave(ports, memory, Config{}) {}

    void apply() override;
    void sample(std::uint64_t cycle) override;
    void reset() override;
    std::uint64_t quiet_until(std::uint64_t next_cycle) const override;

    // Applies to bursts accepted from now on.
    void set_latency(unsigned cycles) { config_.latency_cycles = cycles == 0 ? 1 : cycles; }
    const Config& config() const { return config_; }

    const std::vector<AxiViolation>& violations() const { return violations_; }
    std::uint64_t violation_count() const { return violations_.size(); }
    void clear_violations() { violations_.clear(); }

    std::uint64_t read_bursts() const { return read_bursts_; }    // ARs accepted
    std::uint64_t write_bursts() const { return write_bursts_; }  // AWs accepted
    std::uint64_t read_errors() const { return read_errors_; }    // bursts answered SLVERR
    std::uint64_t write_errors() const { return write_errors_; }
    bool idle() const { return reads_.empty() && writes_.empty() && early_w_.empty(); }

private:
    struct ReadBurst {
        std::uint64_t ready_cycle = 0;  // first cycle in which RVALID may be shown
        unsigned beats = 0;
        unsigned next_beat = 0;
        AxiResp resp = AxiResp::okay;
        std::vector<std::uint64_t> data;  // keeps its capacity across reuse of the slot
    };
    struct WriteBurst {
        std::uint64_t addr = 0;
        unsigned beats = 0;
        unsigned received = 0;
        std::uint64_t ready_cycle = 0;  // valid once complete
        AxiResp resp = AxiResp::okay;
        std::vector<std::uint64_t> data;
        std::vector<std::uint8_t> strb;
    };
    struct WBeat {
        std::uint64_t data = 0;
        std::uint8_t strb = 0;
        bool last = false;
    };
    // What a channel showed while VALID was high and READY low, to check it is held.
    struct HeldRequest {
        bool waiting = false;
        std::uint64_t payload = 0;
        std::uint16_t extra = 0;
    };

    // No request shown, nothing in flight or shown by us: sample() would change nothing.
    bool nothing_to_do() const;
    void accept_read(std::uint64_t cycle);
    void accept_write_address(std::uint64_t cycle);
    void add_write_beat(const WBeat& beat, std::uint64_t cycle);
    void check_burst(const char* channel, std::uint64_t addr, unsigned len, unsigned size, unsigned burst,
                     std::uint64_t cycle);
    void check_held(HeldRequest& held, bool valid, bool ready, std::uint64_t payload, std::uint16_t extra,
                    const char* channel, std::uint64_t cycle);
    void violation(std::uint64_t cycle, std::string what);

    AxiMasterPorts p_;
    HostMemory& memory_;
    Config config_;

    RingQueue<ReadBurst> reads_;
    RingQueue<WriteBurst> writes_;  // front: oldest; the first `writes_complete_` have all beats
    std::size_t writes_complete_ = 0;
    RingQueue<WBeat> early_w_;      // W beats that arrived before their AW

    // Irregular host: the last ready cycles handed out (answers stay in order), the choices.
    bool irregular_ = false;
    std::uint64_t last_read_ready_ = 0, last_write_ready_ = 0;
    std::mt19937_64 rng_;
    Config::ChannelStalls stalls_;  // in effect: channel_stalls, or stall_percent everywhere
    bool any_stall_ = false;
    unsigned jitter();
    bool stall(unsigned percent);

    // The inputs of the NIC we drive: the values applied now, replaced by the next ones
    // computed in sample().
    std::uint8_t arready_ = 0, awready_ = 0, wready_ = 0;
    std::uint8_t rvalid_ = 0, rlast_ = 0, rresp_ = 0;
    std::uint64_t rdata_ = 0;
    std::uint8_t bvalid_ = 0, bresp_ = 0;

    HeldRequest held_ar_, held_aw_, held_w_;
    std::vector<AxiViolation> violations_;
    std::uint64_t read_bursts_ = 0, write_bursts_ = 0, read_errors_ = 0, write_errors_ = 0;
};

}  // namespace nicsim::tb
