// rtl/nic_dma.sv alone (desc_fetch, rx_dma, tx_dma, desc_writeback, axi_dma_arbiter), Verilated
// with its assertions on, against the C++ reference nic_dma_reference.* under an irregular host:
// random host latency and jitter, random back-pressure on each AXI channel (AR, AW, W ready
// withheld; R, B valid withheld, each with its own probability), a random number of requests
// the host answers in flight, random word gaps from the receive frame buffer and random MAC
// stalls behind the transmit frame buffer (the two AXI-Stream ports of nic_top reach nic_dma
// through these buffers), random ring sizes, buffer sizes, prefetch and write-back settings,
// and a driver that polls and refills its rings at random intervals, sometimes short of buffers.
//
// What must hold, checked as it happens and at the end of every run:
//   - every descriptor posted is written back exactly once before software takes it back, and
//     never a descriptor software owns (bus monitor, per ring slot); none is read (fetched)
//     unless posted;
//   - an RX write-back is issued only after every data write of its buffer is acknowledged, a
//     TX write-back only after every read of its frame is answered; a head advance only passes
//     a descriptor whose write-back is acknowledged;
//   - RX: each delivered frame's written-back descriptors are byte for byte the reference's
//     (rx_written_back: length per buffer, dd, eop on the last, RSS hash and type), its bytes
//     are the frame's (frame_bytes) and nothing past them in a buffer is touched; TX: each
//     frame on the wire is the frame posted, byte for byte, and each TX descriptor reads back
//     as tx_written_back (dd set, every other bit as software wrote it);
//   - per-queue order (QueueOrder): RX frames come out in the order offered to their queue, a
//     frame missing only as a drop; TX frames leave in ring order, none missing;
//   - conservation: every RX frame offered is delivered or counted in rx_no_desc_drops (no other
//     drop, no DMA error), per-queue completions (rxq_done / txq_done) count every frame and
//     byte once, no memory fault, no AXI protocol violation, no assertion of the RTL fires
//     (an assertion stops the run: the design's $stop ends the test), no deadlock (a run that
//     does not drain within its cycle budget fails).
//
// Buffers are freed (unmapped) as soon as software takes them back, so a late DMA to one is a
// memory fault. Every run prints its seed and its random configuration; NICSIM_SEED=<n>
// replays one seed of a test case.
#include <catch2/catch.hpp>

#include <Vnic_dma.h>
#include <Vnic_dma___024root.h>  // SimControl sizes the model's state (skip-idle, unused here)
#include <verilated.h>

#include "bus/axi_memory_slave.hpp"
#include "bus/host_memory.hpp"
#include "harness/sim_control.hpp"
#include "nic_dma_models.hpp"
#include "nic_dma_reference.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace nicsim;
using namespace nicsim::test::dma;

constexpr unsigned kQueues = 4;      // nic_dma's NumQueues at nic_top's parameters
constexpr unsigned kRingIdxW = 12;   // RingIdxW
constexpr unsigned kDescBytes = 16;
constexpr std::uint8_t kCanary = 0xA5;  // RX buffer bytes the NIC must not touch

// The block is verilated without tracing: SimControl gets a trace type that never opens.
struct NoTrace {
    void open(const char*) {}
    bool isOpen() const { return false; }
    void dump(std::uint64_t) {}
    void close() {}
};

const char* dir_name(Dir d) { return d == Dir::rx ? "RX" : "TX"; }

tb::AxiMasterPorts bind_axi(Vnic_dma& d) {
    tb::AxiMasterPorts p;
    p.awaddr = &d.m_axi_awaddr_o;
    p.awlen = &d.m_axi_awlen_o;
    p.awsize = &d.m_axi_awsize_o;
    p.awburst = &d.m_axi_awburst_o;
    p.awvalid = &d.m_axi_awvalid_o;
    p.awready = &d.m_axi_awready_i;
    p.wdata = &d.m_axi_wdata_o;
    p.wstrb = &d.m_axi_wstrb_o;
    p.wlast = &d.m_axi_wlast_o;
    p.wvalid = &d.m_axi_wvalid_o;
    p.wready = &d.m_axi_wready_i;
    p.bresp = &d.m_axi_bresp_i;
    p.bvalid = &d.m_axi_bvalid_i;
    p.bready = &d.m_axi_bready_o;
    p.araddr = &d.m_axi_araddr_o;
    p.arlen = &d.m_axi_arlen_o;
    p.arsize = &d.m_axi_arsize_o;
    p.arburst = &d.m_axi_arburst_o;
    p.arvalid = &d.m_axi_arvalid_o;
    p.arready = &d.m_axi_arready_i;
    p.rdata = &d.m_axi_rdata_i;
    p.rresp = &d.m_axi_rresp_i;
    p.rlast = &d.m_axi_rlast_i;
    p.rvalid = &d.m_axi_rvalid_i;
    p.rready = &d.m_axi_rready_o;
    return p;
}

// ---------------------------------------------------------------- the random configuration
// What one seed chooses. Profiles bias the choice (all random, or one corner pushed hard).
enum class Profile { mixed, tiny_rings, slow_host, heavy_backpressure, jumbo, line_rate };

const char* profile_name(Profile p) {
    switch (p) {
    case Profile::mixed: return "mixed";
    case Profile::tiny_rings: return "tiny-rings";
    case Profile::slow_host: return "slow-host";
    case Profile::heavy_backpressure: return "heavy-backpressure";
    case Profile::jumbo: return "jumbo";
    case Profile::line_rate: return "line-rate";
    }
    return "?";
}

struct RingConfig {
    unsigned len = 8;
    unsigned buf_size = 2048;  // RX
    unsigned fetch_min = 8, wb_thresh = 8, wb_delay = 8;
    unsigned base_align = 16;
};

struct Config {
    std::uint64_t seed = 1;
    Profile profile = Profile::mixed;
    tb::AxiMemorySlave::Config host;
    unsigned rx_word_gap = 0;   // percent of cycles the RX frame buffer withholds a word
    unsigned mac_stall = 0;     // percent of cycles the MAC takes no word of the TX buffer
    unsigned poll_max = 200;    // driver polls every 1..poll_max cycles
    unsigned refill_lazy = 0;   // percent of polls that post only part of the free slots
    unsigned rx_gap_max = 40;   // cycles between RX frame arrivals, 0..this
    unsigned rx_frames = 0, tx_frames = 0;  // over all queues
    unsigned max_len = 1514, jumbo_percent = 2;
    std::array<unsigned, kQueues> rx_weight{}, tx_weight{};
    std::array<RingConfig, kQueues> rx{}, tx{};
};

unsigned pick(std::mt19937_64& rng, unsigned lo, unsigned hi) {
    return lo + static_cast<unsigned>(rng() % (std::uint64_t{hi} - lo + 1));
}
template <class T, std::size_t N>
T pick_of(std::mt19937_64& rng, const std::array<T, N>& v) {
    return v[rng() % N];
}

Config make_config(std::uint64_t seed, Profile profile) {
    std::mt19937_64 rng(seed * 0x9E3779B97F4A7C15ull + static_cast<unsigned>(profile));
    Config c;
    c.seed = seed;
    c.profile = profile;

    // The host: 4 ns .. 4 us latency, jitter, a window of requests in flight, stalls.
    c.host.latency_cycles = pick_of(rng, std::array<unsigned, 7>{1, 5, 20, 60, 125, 250, 500});
    if (profile == Profile::slow_host) c.host.latency_cycles = pick(rng, 500, 1000);
    c.host.latency_jitter_cycles = pick(rng, 0, c.host.latency_cycles / 2 + 4);
    c.host.max_outstanding_reads = pick_of(rng, std::array<unsigned, 5>{2, 8, 32, 64, 256});
    c.host.max_outstanding_writes = pick_of(rng, std::array<unsigned, 5>{2, 8, 32, 64, 256});
    if (profile == Profile::slow_host) c.host.max_outstanding_reads = c.host.max_outstanding_writes = 256;
    c.host.max_early_w_beats = pick_of(rng, std::array<unsigned, 3>{1, 16, 512});
    const unsigned stall_max = profile == Profile::heavy_backpressure ? 90 : 40;
    const unsigned stall_min = profile == Profile::heavy_backpressure ? 30 : 0;
    c.host.channel_stalls = tb::AxiMemorySlave::Config::ChannelStalls{
        pick(rng, stall_min, stall_max), pick(rng, stall_min, stall_max), pick(rng, stall_min, stall_max),
        pick(rng, stall_min, stall_max), pick(rng, stall_min, stall_max)};
    c.host.seed = rng();
    c.rx_word_gap = pick(rng, stall_min, stall_max);
    c.mac_stall = pick(rng, stall_min, profile == Profile::heavy_backpressure ? 95 : 60);

    // The driver and the traffic.
    c.poll_max = pick_of(rng, std::array<unsigned, 4>{20, 100, 400, 2000});
    c.refill_lazy = pick(rng, 0, 60);
    c.rx_gap_max = pick_of(rng, std::array<unsigned, 4>{0, 8, 40, 200});
    const bool jumbo = profile == Profile::jumbo;
    c.max_len = jumbo ? 9018 : pick_of(rng, std::array<unsigned, 3>{128, 1514, 4000});
    c.jumbo_percent = jumbo ? 30 : pick(rng, 0, 3);
    c.rx_frames = jumbo ? 500 : 1500;
    c.tx_frames = jumbo ? 500 : 1500;
    if (profile == Profile::slow_host || profile == Profile::heavy_backpressure) c.rx_frames = c.tx_frames = 800;
    for (unsigned q = 0; q < kQueues; ++q) {
        c.rx_weight[q] = pick(rng, 0, 4) == 0 ? 0 : pick(rng, 1, 8);
        c.tx_weight[q] = pick(rng, 0, 4) == 0 ? 0 : pick(rng, 1, 8);
    }
    c.rx_weight[rng() % kQueues] += 1;  // at least one queue of each direction has traffic
    c.tx_weight[rng() % kQueues] += 1;

    // Rings: sizes 8 .. 4096 (RingIdxW = 12), small ones most often so that they wrap a lot.
    const std::array<unsigned, 10> lens{8, 8, 16, 16, 32, 64, 128, 256, 1024, 4096};
    for (unsigned q = 0; q < kQueues; ++q) {
        for (RingConfig* r : {&c.rx[q], &c.tx[q]}) {
            r->len = profile == Profile::tiny_rings ? pick_of(rng, std::array<unsigned, 2>{8, 16}) : pick_of(rng, lens);
            r->fetch_min = pick(rng, 1, 16);
            r->wb_thresh = pick(rng, 1, 16);
            r->wb_delay = pick_of(rng, std::array<unsigned, 4>{1, 4, 40, 255});
            r->base_align = pick_of(rng, std::array<unsigned, 4>{16, 64, 256, 4096});
        }
        // Buffers: a multiple of 8 in 64..16384; small ones make multi-buffer frames.
        c.rx[q].buf_size = pick(rng, 0, 2) == 0 ? 8 * pick(rng, 8, 2048)
                                                 : pick_of(rng, std::array<unsigned, 5>{64, 256, 1024, 2048, 16384});
    }
    if (profile == Profile::line_rate) {
        // Frames back to back from a fast host at 1..4 us, a driver that keeps up, big rings:
        // every engine at its limit of bursts and frames in flight.
        c.host.latency_cycles = pick(rng, 250, 1000);
        c.host.latency_jitter_cycles = pick(rng, 0, c.host.latency_cycles / 8);
        c.host.max_outstanding_reads = c.host.max_outstanding_writes = 256;
        c.host.max_early_w_beats = 512;
        c.host.channel_stalls = tb::AxiMemorySlave::Config::ChannelStalls{
            pick(rng, 0, 5), pick(rng, 0, 5), pick(rng, 0, 5), pick(rng, 0, 5), pick(rng, 0, 5)};
        c.rx_word_gap = 0;
        c.mac_stall = pick(rng, 0, 5);
        c.poll_max = 20;
        c.refill_lazy = 0;
        c.rx_gap_max = 0;
        c.max_len = 512;
        c.jumbo_percent = 0;
        c.rx_frames = c.tx_frames = 4000;
        for (unsigned q = 0; q < kQueues; ++q) {
            c.rx[q].len = pick_of(rng, std::array<unsigned, 2>{1024, 4096});
            c.tx[q].len = pick_of(rng, std::array<unsigned, 2>{1024, 4096});
            c.rx[q].buf_size = pick_of(rng, std::array<unsigned, 3>{256, 1024, 2048});
        }
    }
    return c;
}

std::string describe(const Config& c) {
    std::ostringstream os;
    const auto& s = *c.host.channel_stalls;
    os << "nic_dma seed " << c.seed << " profile " << profile_name(c.profile) << ": host latency "
       << c.host.latency_cycles << "+0.." << c.host.latency_jitter_cycles << " cycles, window r/w "
       << c.host.max_outstanding_reads << "/" << c.host.max_outstanding_writes << ", early W "
       << c.host.max_early_w_beats << ", stall % ar " << s.ar << " aw " << s.aw << " w " << s.w << " r " << s.r
       << " b " << s.b << ", rx word gap " << c.rx_word_gap << "%, mac stall " << c.mac_stall << "%, poll 1.."
       << c.poll_max << ", lazy refill " << c.refill_lazy << "%, rx gap 0.." << c.rx_gap_max << ", frames rx "
       << c.rx_frames << " tx " << c.tx_frames << " up to " << c.max_len << " B (" << c.jumbo_percent
       << "% long)\n";
    for (unsigned q = 0; q < kQueues; ++q) {
        const RingConfig& r = c.rx[q];
        const RingConfig& t = c.tx[q];
        os << "  q" << q << " rx ring " << r.len << " buf " << r.buf_size << " fetch_min " << r.fetch_min
           << " wb_thresh " << r.wb_thresh << " wb_delay " << r.wb_delay << " align " << r.base_align << " weight "
           << c.rx_weight[q] << " | tx ring " << t.len << " fetch_min " << t.fetch_min << " wb_thresh "
           << t.wb_thresh << " wb_delay " << t.wb_delay << " align " << t.base_align << " weight " << c.tx_weight[q]
           << "\n";
    }
    return os.str();
}

// ---------------------------------------------------------------- rings in host memory
// One ring slot as software sees it: posted (owned by the NIC) or not, its buffer, and what the
// bus monitor saw of it since it was posted.
struct Slot {
    bool posted = false;
    driver::DmaBuffer buf{};
    unsigned buf_len = 0;
    Descriptor desc{};       // as posted
    unsigned writebacks = 0; // write bursts that strobed a byte of it
    bool acked = false;      // the last of them answered (B)
};

struct Ring {
    Dir dir = Dir::rx;
    unsigned q = 0;
    RingConfig cfg;
    driver::DmaBuffer mem{};
    std::vector<Slot> slots;
    unsigned tail = 0;  // software's producer index
    unsigned ntc = 0;   // next to clean: software's consumer index
    unsigned hw_head = 0;  // the head as the monitor counted the NIC's advances

    std::uint64_t base() const { return mem.iova; }
    bool holds(std::uint64_t addr) const { return addr >= base() && addr < base() + std::uint64_t{cfg.len} * kDescBytes; }
    unsigned index_of(std::uint64_t addr) const { return static_cast<unsigned>((addr - base()) / kDescBytes); }
    unsigned posted_count() const { return (tail + cfg.len - ntc) % cfg.len; }
};

struct Errors {
    std::vector<std::string> list;
    void add(std::string e) {
        if (list.size() < 20) list.push_back(std::move(e));
        ++count;
    }
    std::uint64_t count = 0;
};

std::string hex(const Descriptor& d) {
    std::string s;
    char b[4];
    for (unsigned i = 0; i < d.size(); ++i) {
        std::snprintf(b, sizeof b, "%02x", d[i]);
        s += b;
        if (i == 7) s += ' ';
    }
    return s;
}

// ---------------------------------------------------------------- bus monitor
// Watches the AXI master and the head advances: write-back counts per slot, the order of
// write-backs after data, fetches only of posted descriptors.
class BusMonitor final : public tb::ClockedModel {
public:
    BusMonitor(Vnic_dma& dut, const tb::AxiMasterPorts& p, std::vector<Ring>& rings, Errors& errors)
        : dut_(dut), p_(p), rings_(rings), errors_(errors) {}

    std::uint64_t r_beats = 0, w_beats = 0, desc_write_bursts = 0;
    std::uint64_t last_busy = 0;  // the last cycle with a valid on any channel

    void reset() override {}
    void apply() override {}
    void sample(std::uint64_t cycle) override {
        if (*p_.arvalid || *p_.awvalid || *p_.wvalid || *p_.rvalid || *p_.bvalid) last_busy = cycle;
        if (*p_.arvalid && *p_.arready) on_ar(cycle);
        if (*p_.rvalid && *p_.rready) {
            ++r_beats;
            if (*p_.rlast && !reads_.empty()) reads_.pop_front();
        }
        if (*p_.awvalid && *p_.awready) on_aw(cycle);
        if (*p_.wvalid && *p_.wready) {
            ++w_beats;
            w_.push_back({*p_.wdata, *p_.wstrb});
            complete_writes();
        }
        if (*p_.bvalid && *p_.bready) on_b(cycle);
        if (dut_.rx_head_adv_o) on_head(ring(Dir::rx, dut_.rx_head_adv_q_o), cycle);
        if (dut_.tx_head_adv_o) on_head(ring(Dir::tx, dut_.tx_head_adv_q_o), cycle);
    }

private:
    struct Burst {
        std::uint64_t addr = 0;
        unsigned beats = 0;
        Ring* ring = nullptr;  // a descriptor burst of this ring, or a data burst
    };
    struct Beat {
        std::uint64_t data;
        std::uint8_t strb;
    };

    Ring& ring(Dir d, unsigned q) { return rings_[(d == Dir::rx ? 0 : kQueues) + (q % kQueues)]; }
    Ring* ring_holding(std::uint64_t addr) {
        for (Ring& r : rings_)
            if (r.holds(addr)) return &r;
        return nullptr;
    }
    static bool overlaps(const Burst& b, std::uint64_t lo, std::uint64_t len) {
        const std::uint64_t start = b.addr & ~7ull, end = start + 8ull * b.beats;
        return start < lo + len && lo < end;
    }
    // The slots a burst to ring r touches (by its address range).
    static std::pair<unsigned, unsigned> slot_range(const Ring& r, const Burst& b) {
        const std::uint64_t start = b.addr & ~7ull, end = start + 8ull * b.beats;
        return {r.index_of(start), r.index_of(end - 1)};
    }

    void on_ar(std::uint64_t cycle) {
        Burst b{*p_.araddr, *p_.arlen + 1u, ring_holding(*p_.araddr)};
        if (b.ring) {
            const auto [first, last] = slot_range(*b.ring, b);
            for (unsigned i = first; i <= last && i < b.ring->cfg.len; ++i)
                if (!b.ring->slots[i].posted)
                    errors_.add(std::string(dir_name(b.ring->dir)) + " q" + std::to_string(b.ring->q) +
                                " descriptor " + std::to_string(i) + " fetched but not posted, cycle " +
                                std::to_string(cycle));
        }
        reads_.push_back(b);
    }

    void on_aw(std::uint64_t cycle) {
        Burst b{*p_.awaddr, *p_.awlen + 1u, ring_holding(*p_.awaddr)};
        aw_.push_back(b);
        writes_.push_back(b);
        if (b.ring) {
            ++desc_write_bursts;
            // DD after the data: no write of the buffers (RX) still unanswered, no read of the
            // frames (TX) still on its way.
            const auto [first, last] = slot_range(*b.ring, b);
            for (unsigned i = first; i <= last && i < b.ring->cfg.len; ++i) {
                const Slot& s = b.ring->slots[i];
                if (!s.posted) continue;  // reported when its beats arrive
                const auto& pending = b.ring->dir == Dir::rx ? writes_ : reads_;
                for (const Burst& d : pending)
                    if (!d.ring && overlaps(d, s.buf.iova, s.buf_len))
                        errors_.add(std::string(dir_name(b.ring->dir)) + " q" + std::to_string(b.ring->q) +
                                    " descriptor " + std::to_string(i) + " written back while a " +
                                    (b.ring->dir == Dir::rx ? "data write to" : "data read of") +
                                    " its buffer is unanswered, cycle " + std::to_string(cycle));
            }
        }
        complete_writes();
    }

    // Pairs W beats with AWs in order; a burst complete with all its beats is checked.
    void complete_writes() {
        while (!aw_.empty() && w_.size() >= aw_.front().beats) {
            const Burst b = aw_.front();
            aw_.pop_front();
            std::vector<Beat> beats(w_.begin(), w_.begin() + b.beats);
            w_.erase(w_.begin(), w_.begin() + b.beats);
            if (b.ring) count_writeback(b, beats);
        }
    }

    void count_writeback(const Burst& b, const std::vector<Beat>& beats) {
        Ring& r = *b.ring;
        const std::uint64_t start = b.addr & ~7ull;
        std::vector<bool> touched(r.cfg.len, false);
        for (unsigned k = 0; k < beats.size(); ++k) {
            if (beats[k].strb == 0) continue;
            const std::uint64_t a = start + 8ull * k;
            if (!r.holds(a)) continue;  // a fault HostMemory records
            touched[r.index_of(a)] = true;
        }
        for (unsigned i = 0; i < r.cfg.len; ++i) {
            if (!touched[i]) continue;
            Slot& s = r.slots[i];
            if (!s.posted)
                errors_.add(std::string(dir_name(r.dir)) + " q" + std::to_string(r.q) + " descriptor " +
                            std::to_string(i) + " written back while software owns it");
            else if (++s.writebacks > 1)
                errors_.add(std::string(dir_name(r.dir)) + " q" + std::to_string(r.q) + " descriptor " +
                            std::to_string(i) + " written back " + std::to_string(s.writebacks) + " times");
            s.acked = false;
        }
    }

    void on_b(std::uint64_t cycle) {
        if (writes_.empty()) {
            errors_.add("write response with no write outstanding, cycle " + std::to_string(cycle));
            return;
        }
        const Burst b = writes_.front();
        writes_.pop_front();
        if (!b.ring) return;
        const auto [first, last] = slot_range(*b.ring, b);
        for (unsigned i = first; i <= last && i < b.ring->cfg.len; ++i)
            if (b.ring->slots[i].writebacks > 0) b.ring->slots[i].acked = true;
    }

    void on_head(Ring& r, std::uint64_t cycle) {
        Slot& s = r.slots[r.hw_head];
        if (!s.posted || s.writebacks != 1 || !s.acked)
            errors_.add(std::string(dir_name(r.dir)) + " q" + std::to_string(r.q) + " head passed descriptor " +
                        std::to_string(r.hw_head) + " (posted " + std::to_string(s.posted) + ", written back " +
                        std::to_string(s.writebacks) + " times, acknowledged " + std::to_string(s.acked) +
                        "), cycle " + std::to_string(cycle));
        r.hw_head = (r.hw_head + 1) % r.cfg.len;
    }

    Vnic_dma& dut_;
    tb::AxiMasterPorts p_;
    std::vector<Ring>& rings_;
    Errors& errors_;
    std::deque<Burst> reads_;   // AR taken, last R not yet
    std::deque<Burst> writes_;  // AW taken, B not yet
    std::deque<Burst> aw_;      // AW taken, waiting for its beats
    std::deque<Beat> w_;        // W beats not yet paired with an AW
};

// ---------------------------------------------------------------- the driver and the traffic
struct OfferedRx {
    unsigned len = 0;
    std::uint32_t hash = 0;
    std::uint8_t type = 0;
};

class Host final : public tb::ClockedModel {
public:
    Host(const Config& cfg, tb::HostMemory& mem, std::vector<Ring>& rings, RegsModel<Vnic_dma>& regs,
         RxSourceModel<Vnic_dma>& rx_src, Errors& errors)
        : cfg_(cfg), mem_(mem), rings_(rings), regs_(regs), rx_src_(rx_src), errors_(errors),
          rng_(cfg.seed ^ 0x5bd1e995u) {
        plan_traffic();
    }

    // Enables every ring (geometry first, then the enable, as software does); the first frame
    // arrives once the enables have been taken.
    void bring_up(std::uint64_t now) {
        next_poll_ = now;
        next_frame_ = now + 100;
        for (Ring& r : rings_) {
            const std::uint32_t ctrl = dma_ctrl_bits(r.cfg.fetch_min, r.cfg.wb_thresh, r.cfg.wb_delay);
            regs_.configure(r.dir, r.q, r.base(), r.cfg.len, r.cfg.buf_size, ctrl);
            regs_.write({RegOp::enable, r.dir, r.q, 0});
        }
    }

    // Everything offered has come out or been dropped, and software has every slot back.
    bool done() const {
        if (rx_next_ < rx_plan_.size() || rx_src_.stored() > 0) return false;
        if (rx_delivered_ + rx_drops() < rx_plan_.size()) return false;
        if (tx_posted_total_ < tx_total_ || tx_on_wire_ < tx_total_) return false;
        for (const Ring& r : rings_)
            if (r.dir == Dir::tx && r.posted_count() > 0) return false;
        return true;
    }

    std::uint64_t rx_drops() const { return regs_.counters[no_desc_index_]; }

    // The MAC side of the TX frame buffer.
    void on_wire(std::vector<std::uint8_t> f) {
        ++tx_on_wire_;
        if (f.size() < 5) {
            errors_.add("TX frame of " + std::to_string(f.size()) + " bytes on the wire");
            return;
        }
        const unsigned q = queue_of(f);
        const std::uint32_t seq = seq_of(f);
        if (q >= kQueues || seq >= tx_len_[q].size()) {
            errors_.add("TX frame on the wire names queue " + std::to_string(q) + " frame " + std::to_string(seq));
            return;
        }
        if (auto e = tx_order[q].deliver(seq)) errors_.add("TX q" + std::to_string(q) + ": " + *e);
        if (f != frame_bytes(cfg_.seed, Dir::tx, q, seq, tx_len_[q][seq]))
            errors_.add("TX q" + std::to_string(q) + " frame " + std::to_string(seq) + " left with wrong bytes (" +
                        std::to_string(f.size()) + " of " + std::to_string(tx_len_[q][seq]) + ")");
        tx_bytes_[q] += f.size();
    }

    std::array<QueueOrder, kQueues> rx_order, tx_order;
    std::array<std::uint64_t, kQueues> rx_bytes_{}, tx_bytes_{};
    std::uint64_t rx_delivered_ = 0, tx_on_wire_ = 0, tx_reclaimed_ = 0, polls_ = 0;
    std::array<std::uint64_t, kQueues> rx_delivered_q_{};

    bool stopped = false;  // software does nothing more: no poll, no refill, no frame
    std::uint64_t rx_offered() const { return rx_plan_.size(); }
    std::uint64_t tx_offered() const { return tx_total_; }

    void reset() override {}
    void apply() override {}
    void sample(std::uint64_t cycle) override {
        if (stopped) return;
        if (cycle >= next_frame_ && rx_next_ < rx_plan_.size() && rx_src_.stored() < 64) offer_rx();
        if (cycle < next_poll_) return;
        next_poll_ = cycle + pick(rng_, 1, cfg_.poll_max);
        ++polls_;
        for (Ring& r : rings_) {
            if (r.dir == Dir::rx) {
                reap_rx(r);
                refill_rx(r);
            } else {
                reap_tx(r);
                post_tx(r);
            }
        }
    }

private:
    struct RxPlan {
        unsigned q;
        std::uint32_t seq;
    };

    unsigned frame_len(unsigned max) {
        const unsigned top = std::min(max, cfg_.max_len);
        if (pick(rng_, 0, 99) < cfg_.jumbo_percent) return pick(rng_, std::min(1515u, top), top);
        if (pick(rng_, 0, 1) == 0) return pick(rng_, 60, std::min(128u, top));
        return pick(rng_, 60, top);
    }

    static unsigned weighted(std::mt19937_64& rng, const std::array<unsigned, kQueues>& w) {
        unsigned sum = 0;
        for (unsigned x : w) sum += x;
        unsigned k = static_cast<unsigned>(rng() % sum);
        for (unsigned q = 0; q < kQueues; ++q) {
            if (k < w[q]) return q;
            k -= w[q];
        }
        return 0;
    }

    void plan_traffic() {
        for (unsigned n = 0; n < cfg_.rx_frames; ++n) {
            const unsigned q = weighted(rng_, cfg_.rx_weight);
            const RingConfig& rc = cfg_.rx[q];
            // A frame the ring can hold at all: at most half its descriptors.
            const unsigned max = std::min(9018u, rc.buf_size * (rc.len / 2));
            OfferedRx o{frame_len(max), static_cast<std::uint32_t>(rng_()), static_cast<std::uint8_t>(pick(rng_, 0, 6))};
            if (o.type == 0) o.hash = 0;
            rx_plan_.push_back({q, static_cast<std::uint32_t>(rx_offered_[q].size())});
            rx_offered_[q].push_back(o);
        }
        for (unsigned n = 0; n < cfg_.tx_frames; ++n) {
            const unsigned q = weighted(rng_, cfg_.tx_weight);
            tx_len_[q].push_back(pick(rng_, 0, 9) == 0 ? pick(rng_, 5, 59) : frame_len(9018));
            ++tx_total_;
        }
    }

    void offer_rx() {
        const RxPlan p = rx_plan_[rx_next_++];
        const OfferedRx& o = rx_offered_[p.q][p.seq];
        RxFrame f;
        f.queue = p.q;
        f.seq = p.seq;
        f.bytes = frame_bytes(cfg_.seed, Dir::rx, p.q, p.seq, o.len);
        f.rss_hash = o.hash;
        f.rss_type = o.type;
        rx_src_.push(std::move(f));
        rx_order[p.q].offer(p.seq);
        next_frame_ += pick(rng_, 0, cfg_.rx_gap_max);
    }

    // Software posts `n` of the free slots (all of them unless this poll is lazy).
    unsigned to_post(const Ring& r) {
        const unsigned free = r.cfg.len - 1 - r.posted_count();
        if (free == 0) return 0;
        return pick(rng_, 0, 99) < cfg_.refill_lazy ? pick(rng_, 0, free) : free;
    }

    void write_desc(Ring& r, unsigned i, const Descriptor& d) {
        std::memcpy(r.mem.cpu + std::size_t{i} * kDescBytes, d.data(), kDescBytes);
    }
    Descriptor read_desc(const Ring& r, unsigned i) const {
        Descriptor d;
        std::memcpy(d.data(), r.mem.cpu + std::size_t{i} * kDescBytes, kDescBytes);
        return d;
    }

    void post(Ring& r, const driver::DmaBuffer& buf, unsigned buf_len, const Descriptor& d) {
        Slot& s = r.slots[r.tail];
        s = Slot{true, buf, buf_len, d, 0, false};
        write_desc(r, r.tail, d);
        r.tail = (r.tail + 1) % r.cfg.len;
    }

    void give_back(Ring& r, Slot& s) {
        mem_.free(s.buf);
        s.posted = false;
        r.ntc = (r.ntc + 1) % r.cfg.len;
    }

    void refill_rx(Ring& r) {
        const unsigned n = to_post(r);
        if (n == 0) return;
        for (unsigned k = 0; k < n; ++k) {
            const driver::DmaBuffer b = mem_.alloc(r.cfg.buf_size, 8, driver::DmaDirection::from_device);
            std::memset(b.cpu, kCanary, r.cfg.buf_size);
            post(r, b, r.cfg.buf_size, rx_posted(b.iova));
        }
        regs_.write({RegOp::tail, Dir::rx, r.q, r.tail});
    }

    // Takes back what the NIC has completed (up to its head), frame by frame: a frame's
    // descriptors are checked once all of them are done.
    void reap_rx(Ring& r) {
        const unsigned head = regs_.ring(Dir::rx, r.q).head;
        while (r.ntc != head) {
            const unsigned i = r.ntc;
            const Descriptor first = read_desc(r, i);
            const Slot& s0 = r.slots[i];
            const std::vector<std::uint8_t> hdr(s0.buf.cpu, s0.buf.cpu + std::min(8u, s0.buf_len));
            const std::uint32_t seq = seq_of(hdr);
            const unsigned q = queue_of(hdr);
            if (q != r.q || seq >= rx_offered_[r.q].size()) {
                errors_.add("RX q" + std::to_string(r.q) + " descriptor " + std::to_string(i) +
                            " completed with a buffer naming queue " + std::to_string(q) + " frame " +
                            std::to_string(seq) + " (descriptor " + hex(first) + ")");
                check_slot(r, i);
                give_back(r, r.slots[i]);
                continue;
            }
            const OfferedRx& o = rx_offered_[r.q][seq];
            const unsigned n = rx_buffers_needed(o.len, r.cfg.buf_size);
            if ((head + r.cfg.len - i) % r.cfg.len < n) return;  // the rest of the frame is not done yet
            const std::vector<Descriptor> want = rx_written_back(o.len, r.cfg.buf_size, o.hash, o.type);
            std::vector<std::uint8_t> got;
            bool ok = true;
            for (unsigned k = 0; k < n; ++k) {
                const unsigned j = (i + k) % r.cfg.len;
                Slot& s = r.slots[j];
                const Descriptor d = read_desc(r, j);
                check_slot(r, j);
                if (ok && d != want[k]) {
                    errors_.add("RX q" + std::to_string(r.q) + " frame " + std::to_string(seq) + " descriptor " +
                                std::to_string(k) + " of " + std::to_string(n) + " (ring index " + std::to_string(j) +
                                ") reads " + hex(d) + ", the reference writes " + hex(want[k]));
                    ok = false;
                }
                const unsigned in_buf = std::min(r.cfg.buf_size, o.len - k * r.cfg.buf_size);
                got.insert(got.end(), s.buf.cpu, s.buf.cpu + in_buf);
                for (unsigned b = in_buf; b < s.buf_len; ++b)
                    if (s.buf.cpu[b] != kCanary) {
                        errors_.add("RX q" + std::to_string(r.q) + " frame " + std::to_string(seq) + " buffer " +
                                    std::to_string(k) + ": byte " + std::to_string(b) + " past the frame's " +
                                    std::to_string(in_buf) + " was written");
                        break;
                    }
                give_back(r, s);
            }
            if (got != frame_bytes(cfg_.seed, Dir::rx, r.q, seq, o.len)) {
                std::size_t at = 0;
                const auto want_bytes = frame_bytes(cfg_.seed, Dir::rx, r.q, seq, o.len);
                while (at < got.size() && got[at] == want_bytes[at]) ++at;
                errors_.add("RX q" + std::to_string(r.q) + " frame " + std::to_string(seq) + " of " +
                            std::to_string(o.len) + " bytes differs from byte " + std::to_string(at));
            }
            if (auto e = rx_order[r.q].deliver(seq)) errors_.add("RX q" + std::to_string(r.q) + ": " + *e);
            ++rx_delivered_;
            ++rx_delivered_q_[r.q];
            rx_bytes_[r.q] += o.len;
        }
    }

    // A slot software takes back was written back exactly once, and that write was answered.
    void check_slot(const Ring& r, unsigned i) {
        const Slot& s = r.slots[i];
        if (s.writebacks != 1 || !s.acked)
            errors_.add(std::string(dir_name(r.dir)) + " q" + std::to_string(r.q) + " descriptor " +
                        std::to_string(i) + " taken back after " + std::to_string(s.writebacks) +
                        " write-backs (acknowledged " + std::to_string(s.acked) + ")");
    }

    void reap_tx(Ring& r) {
        const unsigned head = regs_.ring(Dir::tx, r.q).head;
        while (r.ntc != head) {
            const unsigned i = r.ntc;
            Slot& s = r.slots[i];
            const Descriptor d = read_desc(r, i);
            const Descriptor want = tx_written_back(s.desc);
            if (d != want)
                errors_.add("TX q" + std::to_string(r.q) + " descriptor " + std::to_string(i) + " reads " + hex(d) +
                            ", the reference writes " + hex(want));
            check_slot(r, i);
            give_back(r, s);
            ++tx_reclaimed_;
        }
    }

    // Posts this queue's next frames, as far as the ring has room.
    void post_tx(Ring& r) {
        const unsigned n = std::min(to_post(r), static_cast<unsigned>(tx_len_[r.q].size()) - tx_next_seq_[r.q]);
        if (n == 0) return;
        for (unsigned k = 0; k < n; ++k) {
            const std::uint32_t seq = tx_next_seq_[r.q]++;
            const unsigned len = tx_len_[r.q][seq];
            const driver::DmaBuffer b = mem_.alloc(len, 8, driver::DmaDirection::to_device);
            const auto bytes = frame_bytes(cfg_.seed, Dir::tx, r.q, seq, len);
            std::memcpy(b.cpu, bytes.data(), len);
            post(r, b, len, tx_posted(b.iova, len));
            tx_order[r.q].offer(seq);
            ++tx_posted_total_;
        }
        regs_.write({RegOp::tail, Dir::tx, r.q, r.tail});
    }

    const Config& cfg_;
    tb::HostMemory& mem_;
    std::vector<Ring>& rings_;
    RegsModel<Vnic_dma>& regs_;
    RxSourceModel<Vnic_dma>& rx_src_;
    Errors& errors_;
    std::mt19937_64 rng_;

    std::vector<RxPlan> rx_plan_;
    std::size_t rx_next_ = 0;
    std::array<std::vector<OfferedRx>, kQueues> rx_offered_;
    std::size_t tx_total_ = 0;
    std::array<std::vector<unsigned>, kQueues> tx_len_;  // per queue, in ring order
    std::array<std::uint32_t, kQueues> tx_next_seq_{};
    unsigned no_desc_index_ = gcnt_index("rx_no_desc_drops");
    std::uint64_t tx_posted_total_ = 0;
    std::uint64_t next_frame_ = 0, next_poll_ = 0;
};

// ---------------------------------------------------------------- one run
struct RunResult {
    std::uint64_t cycles = 0;
    std::uint64_t rx_offered = 0, rx_delivered = 0, rx_drops = 0, tx_frames = 0;
    std::uint64_t read_bursts = 0, write_bursts = 0;
};

std::vector<std::uint64_t> seeds_to_run(std::uint64_t first, std::size_t count) {
    if (const char* env = std::getenv("NICSIM_SEED")) return {std::strtoull(env, nullptr, 0)};
    std::vector<std::uint64_t> seeds;
    for (std::size_t i = 0; i < count; ++i) seeds.push_back(first + i);
    return seeds;
}

RunResult run_one(std::uint64_t seed, Profile profile) {
    const Config cfg = make_config(seed, profile);
    std::cout << describe(cfg) << std::flush;
    INFO(describe(cfg));

    tb::SimControl<Vnic_dma, VerilatedContext, NoTrace> sim;
    sim.context().fatalOnError(false);  // an assertion ends the run as $finish: SimControl throws
    Vnic_dma& dut = sim.top();
    tb::HostMemory mem;
    Errors errors;

    std::vector<Ring> rings;
    for (Dir d : {Dir::rx, Dir::tx})
        for (unsigned q = 0; q < kQueues; ++q) {
            Ring r;
            r.dir = d;
            r.q = q;
            r.cfg = d == Dir::rx ? cfg.rx[q] : cfg.tx[q];
            r.mem = mem.alloc(std::size_t{r.cfg.len} * kDescBytes, r.cfg.base_align, driver::DmaDirection::bidirectional);
            r.slots.assign(r.cfg.len, Slot{});
            rings.push_back(std::move(r));
        }

    const tb::AxiMasterPorts ports = bind_axi(dut);
    RegsModel<Vnic_dma> regs(dut, kQueues, kRingIdxW);
    RxSourceModel<Vnic_dma> rx_src(dut, seed + 1, cfg.rx_word_gap);
    Host* host_ptr = nullptr;
    TxSinkModel<Vnic_dma> tx_sink(dut, seed + 2, cfg.mac_stall, [&](std::vector<std::uint8_t> f) { host_ptr->on_wire(std::move(f)); });
    tb::AxiMemorySlave slave(ports, mem, cfg.host);
    BusMonitor monitor(dut, ports, rings, errors);
    Host host(cfg, mem, rings, regs, rx_src, errors);
    host_ptr = &host;
    for (tb::ClockedModel* m : std::initializer_list<tb::ClockedModel*>{&regs, &rx_src, &tx_sink, &slave, &monitor, &host})
        sim.add_model(*m);

    sim.reset();
    host.bring_up(sim.cycle());
    // A generous budget: a run that has not drained by then is stuck.
    const std::uint64_t budget = 40'000'000;
    sim.run_until([&] { return host.done() || errors.count > 0; }, budget, "every frame to come out");
    // Quiet afterwards: once the prefetches of the last buffers posted are answered, nothing
    // more is written or read, no descriptor written back again.
    // (Settled: no valid on any channel for longer than a round trip, counted from the stop.)
    host.stopped = true;
    const std::uint64_t settle = cfg.host.latency_cycles + cfg.host.latency_jitter_cycles + 200;
    const std::uint64_t stop = sim.cycle();
    sim.run_until([&] { return !regs.ops_pending() && sim.cycle() > std::max(stop, monitor.last_busy) + settle; },
                  1'000'000, "the bus to go idle");
    const std::uint64_t r_beats = monitor.r_beats, w_beats = monitor.w_beats;
    sim.run(5000);
    CHECK(monitor.r_beats == r_beats);
    CHECK(monitor.w_beats == w_beats);

    for (const auto& e : errors.list) UNSCOPED_INFO(e);
    CHECK(errors.count == 0);
    for (const auto& e : regs.errors) UNSCOPED_INFO(e);
    CHECK(regs.errors.empty());
    for (const auto& e : rx_src.errors) UNSCOPED_INFO(e);
    CHECK(rx_src.errors.empty());
    for (const auto& e : tx_sink.errors) UNSCOPED_INFO(e);
    CHECK(tx_sink.errors.empty());
    for (const auto& v : slave.violations()) UNSCOPED_INFO("cycle " << v.cycle << ": " << v.what);
    CHECK(slave.violation_count() == 0);
    for (const auto& f : mem.faults())
        UNSCOPED_INFO((f.is_write ? "write" : "read") << " fault at 0x" << std::hex << f.addr << std::dec << " len "
                                                      << f.len << ": " << tb::to_string(f.reason));
    CHECK(mem.faults().empty());
    CHECK(slave.idle());
    CHECK(tx_sink.idle());
    CHECK(tx_sink.rollbacks == 0);

    // Conservation and completions.
    const std::uint64_t drops = host.rx_drops();
    CHECK(host.rx_delivered_ + drops == host.rx_offered());
    std::uint64_t missing = 0;
    for (unsigned q = 0; q < kQueues; ++q) {
        INFO("queue " << q);
        missing += host.rx_order[q].offered() - host.rx_order[q].delivered();
        CHECK(regs.rx_done[q] == host.rx_delivered_q_[q]);
        CHECK(regs.rx_done_bytes[q] == host.rx_bytes_[q]);
        CHECK(host.tx_order[q].delivered() == host.tx_order[q].offered());
        CHECK(host.tx_order[q].skipped() == 0);
        CHECK(regs.tx_done[q] == host.tx_order[q].offered());
        CHECK(regs.tx_done_bytes[q] == host.tx_bytes_[q]);
        CHECK(regs.ring(Dir::rx, q).status == 0);
        CHECK(regs.ring(Dir::tx, q).status == 0);
    }
    CHECK(missing == drops);
    for (unsigned i = 0; i < kNumGcnt; ++i) {
        const auto& c = regs::GLOBAL_COUNTERS[i];
        if (c.name == "rx_no_desc_drops") continue;
        INFO("counter " << c.name);
        if (c.drop || c.name == "dma_errors") CHECK(regs.counters[i] == 0);
    }
    CHECK(host.tx_on_wire_ == host.tx_offered());
    CHECK(host.tx_reclaimed_ == host.tx_offered());
    // The busy counters' beats are the bus's.
    CHECK(regs.rd_beats == monitor.r_beats);
    CHECK(regs.wr_beats == monitor.w_beats);

    RunResult res;
    res.cycles = sim.cycle();
    res.rx_offered = host.rx_offered();
    res.rx_delivered = host.rx_delivered_;
    res.rx_drops = drops;
    res.tx_frames = host.tx_on_wire_;
    res.read_bursts = slave.read_bursts();
    res.write_bursts = slave.write_bursts();
    std::cout << "  -> " << res.cycles << " cycles: rx " << res.rx_delivered << " delivered + " << res.rx_drops
              << " dropped (no descriptor) of " << res.rx_offered << ", tx " << res.tx_frames << " frames, "
              << res.read_bursts << " read and " << res.write_bursts << " write bursts ("
              << monitor.desc_write_bursts << " write-backs), " << host.polls_ << " polls\n"
              << std::flush;
    return res;
}

void run_profile(Profile profile, std::uint64_t first_seed, std::size_t count) {
    for (const std::uint64_t seed : seeds_to_run(first_seed, count)) run_one(seed, profile);
}

}  // namespace

TEST_CASE("random host, back-pressure and rings: every descriptor written back once, every byte right, "
          "per-queue order kept",
          "[nic_dma][random]") {
    run_profile(Profile::mixed, 1, 12);
}

TEST_CASE("tiny rings wrap constantly and run short of buffers: drops counted, order and bytes kept",
          "[nic_dma][random]") {
    run_profile(Profile::tiny_rings, 101, 6);
}

TEST_CASE("slow host (2 to 4 us latency with jitter): the engines' many bursts in flight stay right",
          "[nic_dma][random]") {
    run_profile(Profile::slow_host, 201, 4);
}

TEST_CASE("heavy back-pressure on every AXI channel and both frame-buffer ports", "[nic_dma][random]") {
    run_profile(Profile::heavy_backpressure, 301, 6);
}

TEST_CASE("long frames over many small buffers and long TX bursts", "[nic_dma][random]") {
    run_profile(Profile::jumbo, 401, 4);
}

TEST_CASE("frames back to back at 1 to 4 us: every engine at its limit of bursts in flight", "[nic_dma][random]") {
    run_profile(Profile::line_rate, 501, 4);
}
