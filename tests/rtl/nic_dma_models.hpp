// The neighbours of nic_dma in the block test, as clocked C++ models on the Verilated block's
// ports: the ring registers (nic_regs' part: ring geometry, tail writes, enable/disable, head
// advances, status bits, counters), the read side of rx_frame_buffer (frames with random word
// gaps), and the write side of tx_frame_buffer (free space, commit/rollback, a MAC that drains
// with random stalls). Each follows the RTL block's contract as its header states it; any
// breach of that contract by nic_dma is recorded in errors().
#pragma once

#include <verilated.h>

#include <nic_regs.hpp>

#include "bus/clocked_model.hpp"
#include "nic_dma_reference.hpp"

#include <cstdint>
#include <deque>
#include <functional>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace nicsim::test::dma {

// ---------------------------------------------------------------- packed-array ports
// A field of a Verilated port, whatever its storage (CData .. QData, or VlWide for > 64 bits).
template <class T>
    requires std::is_integral_v<T>
void put_bits(T& port, unsigned lsb, unsigned width, std::uint64_t value) {
    const std::uint64_t mask = width >= 64 ? ~0ull : (1ull << width) - 1;
    std::uint64_t p = static_cast<std::uint64_t>(port);
    p = (p & ~(mask << lsb)) | ((value & mask) << lsb);
    port = static_cast<T>(p);
}
template <std::size_t N>
void put_bits(VlWide<N>& port, unsigned lsb, unsigned width, std::uint64_t value) {
    for (unsigned i = 0; i < width; ++i) {
        const unsigned b = lsb + i;
        const std::uint32_t bit = static_cast<std::uint32_t>((value >> i) & 1u) << (b % 32);
        port[b / 32] = (port[b / 32] & ~(1u << (b % 32))) | bit;
    }
}
template <class T>
    requires std::is_integral_v<T>
std::uint64_t get_bits(const T& port, unsigned lsb, unsigned width) {
    const std::uint64_t mask = width >= 64 ? ~0ull : (1ull << width) - 1;
    return (static_cast<std::uint64_t>(port) >> lsb) & mask;
}
template <std::size_t N>
std::uint64_t get_bits(const VlWide<N>& port, unsigned lsb, unsigned width) {
    std::uint64_t v = 0;
    for (unsigned i = 0; i < width; ++i) {
        const unsigned b = lsb + i;
        v |= static_cast<std::uint64_t>((port[b / 32] >> (b % 32)) & 1u) << i;
    }
    return v;
}
template <class T>
    requires std::is_integral_v<T>
bool any_bit(const T& port) {
    return port != 0;
}
template <std::size_t N>
bool any_bit(const VlWide<N>& port) {
    for (std::size_t i = 0; i < N; ++i)
        if (port[i] != 0) return true;
    return false;
}

// The global counters, in the order of their increment bits (GCNT_* in nic_regmap_pkg).
inline constexpr unsigned kNumGcnt = static_cast<unsigned>(regs::GLOBAL_COUNTERS.size());
inline unsigned gcnt_index(std::string_view name) {
    for (unsigned i = 0; i < kNumGcnt; ++i)
        if (regs::GLOBAL_COUNTERS[i].name == name) return i;
    throw std::invalid_argument("no global counter " + std::string(name));
}

// The DMA settings word of a queue as nic_regs hands it over: {wb_delay, wb_thresh, fetch_min}.
inline std::uint32_t dma_ctrl_bits(unsigned fetch_min, unsigned wb_thresh, unsigned wb_delay) {
    return (wb_delay << 10) | (wb_thresh << 5) | fetch_min;
}

// ---------------------------------------------------------------- ring registers
struct RingRegs {
    std::uint64_t base = 0;
    unsigned len = 8;
    unsigned tail = 0;
    unsigned head = 0;
    unsigned buf_size = 2048;  // RX only
    bool enabled = false;
    std::uint32_t status = 0;
    std::uint32_t dma_ctrl = dma_ctrl_bits(8, 8, 8);
};

// One register write per cycle, as nic_regs takes them from AXI-Lite.
struct RegOp {
    enum Kind : std::uint8_t { tail, enable, disable } kind = tail;
    Dir dir = Dir::rx;
    unsigned queue = 0;
    unsigned value = 0;
};

template <class Dut>
class RegsModel final : public tb::ClockedModel {
public:
    RegsModel(Dut& dut, unsigned num_queues, unsigned ring_idx_w)
        : dut_(dut), nq_(num_queues), ring_idx_w_(ring_idx_w), rings_{std::vector<RingRegs>(nq_), std::vector<RingRegs>(nq_)} {
        counters.assign(kNumGcnt, 0);
        rx_done.assign(nq_, 0);
        tx_done.assign(nq_, 0);
        rx_done_bytes.assign(nq_, 0);
        tx_done_bytes.assign(nq_, 0);
    }

    RingRegs& ring(Dir d, unsigned q) { return rings_[static_cast<unsigned>(d)][q]; }
    // Geometry and settings of a disabled ring, as software sets them before the enable.
    void configure(Dir d, unsigned q, std::uint64_t base, unsigned len, unsigned buf_size, std::uint32_t dma_ctrl) {
        RingRegs& r = ring(d, q);
        r.base = base, r.len = len, r.buf_size = buf_size, r.dma_ctrl = dma_ctrl;
        dirty_ = true;
    }
    void write(RegOp op) { ops_.push_back(op); }
    bool ops_pending() const { return !ops_.empty(); }
    bool tx_en = true;

    // What the DUT reported: counters (by GCNT index), completions per queue, beats.
    std::vector<std::uint64_t> counters;
    std::vector<std::uint64_t> rx_done, tx_done, rx_done_bytes, tx_done_bytes;
    std::uint64_t rd_beats = 0, wr_beats = 0;
    std::vector<std::string> errors;

    void reset() override {}
    void apply() override {
        if (dirty_) {
            for (unsigned q = 0; q < nq_; ++q) {
                const RingRegs& rx = ring(Dir::rx, q);
                const RingRegs& tx = ring(Dir::tx, q);
                put_bits(dut_.rx_base_i, 64 * q, 64, rx.base);
                put_bits(dut_.rx_len_mask_i, ring_w() * q, ring_w(), rx.len - 1);
                put_bits(dut_.rx_tail_i, ring_w() * q, ring_w(), rx.tail);
                put_bits(dut_.rx_buf_size_i, 16 * q, 16, rx.buf_size);
                put_bits(dut_.rx_dma_ctrl_i, 18 * q, 18, rx.dma_ctrl);
                put_bits(dut_.tx_base_i, 64 * q, 64, tx.base);
                put_bits(dut_.tx_len_mask_i, ring_w() * q, ring_w(), tx.len - 1);
                put_bits(dut_.tx_tail_i, ring_w() * q, ring_w(), tx.tail);
                put_bits(dut_.tx_dma_ctrl_i, 18 * q, 18, tx.dma_ctrl);
            }
            dirty_ = false;
        }
        std::uint32_t rx_act = 0, tx_act = 0;
        for (unsigned q = 0; q < nq_; ++q) {
            rx_act |= (ring(Dir::rx, q).enabled && ring(Dir::rx, q).status == 0) ? 1u << q : 0u;
            tx_act |= (ring(Dir::tx, q).enabled && ring(Dir::tx, q).status == 0) ? 1u << q : 0u;
        }
        dut_.rx_active_i = static_cast<std::remove_reference_t<decltype(dut_.rx_active_i)>>(rx_act);
        dut_.tx_active_i = static_cast<std::remove_reference_t<decltype(dut_.tx_active_i)>>(tx_act);
        dut_.rx_kick_i = static_cast<std::remove_reference_t<decltype(dut_.rx_kick_i)>>(kick_[0]);
        dut_.tx_kick_i = static_cast<std::remove_reference_t<decltype(dut_.tx_kick_i)>>(kick_[1]);
        dut_.rx_reset_i = static_cast<std::remove_reference_t<decltype(dut_.rx_reset_i)>>(reset_[0]);
        dut_.tx_reset_i = static_cast<std::remove_reference_t<decltype(dut_.tx_reset_i)>>(reset_[1]);
        dut_.tx_en_i = tx_en;
        dut_.cycles_per_us_i = 250;
    }
    void sample(std::uint64_t cycle) override {
        kick_[0] = kick_[1] = reset_[0] = reset_[1] = 0;
        // The DUT's reports of this cycle (nic_regs ignores them for a disabled ring).
        if (dut_.rx_head_adv_o) advance(Dir::rx, dut_.rx_head_adv_q_o, cycle);
        if (dut_.tx_head_adv_o) advance(Dir::tx, dut_.tx_head_adv_q_o, cycle);
        if (dut_.rx_status_set_o) set_status(Dir::rx, dut_.rx_status_set_q_o, dut_.rx_status_set_bits_o);
        if (dut_.tx_status_set_o) set_status(Dir::tx, dut_.tx_status_set_q_o, dut_.tx_status_set_bits_o);
        if (dut_.rxq_done_o) done(rx_done, rx_done_bytes, dut_.rxq_done_q_o, dut_.rxq_done_bytes_o);
        if (dut_.txq_done_o) done(tx_done, tx_done_bytes, dut_.txq_done_q_o, dut_.txq_done_bytes_o);
        if (any_bit(dut_.gcnt_inc_o))
            for (unsigned s = 0; s < 4; ++s)
                for (unsigned i = 0; i < kNumGcnt; ++i)
                    counters[i] += get_bits(dut_.gcnt_inc_o, s * kNumGcnt + i, 1);
        rd_beats += dut_.dma_rd_beat_o;
        wr_beats += dut_.dma_wr_beat_o;
        // Then this cycle's register write (it wins over a report, as in nic_regs).
        if (ops_.empty()) return;
        const RegOp op = ops_.front();
        ops_.pop_front();
        RingRegs& r = ring(op.dir, op.queue);
        const unsigned d = static_cast<unsigned>(op.dir);
        switch (op.kind) {
        case RegOp::tail:
            r.tail = op.value;
            kick_[d] |= 1u << op.queue;
            break;
        case RegOp::enable:
            if (!r.enabled) {
                r.enabled = true;
                kick_[d] |= 1u << op.queue;
            }
            break;
        case RegOp::disable:
            r.enabled = false;
            r.status = 0;
            r.head = r.tail = 0;
            reset_[d] |= 1u << op.queue;
            break;
        }
        dirty_ = true;
    }

private:
    unsigned ring_w() const { return ring_idx_w_; }
    void advance(Dir d, unsigned q, std::uint64_t cycle) {
        if (q >= nq_) {
            errors.push_back("head advance of queue " + std::to_string(q) + " at cycle " + std::to_string(cycle));
            return;
        }
        RingRegs& r = ring(d, q);
        if (!r.enabled) return;
        if (r.head == r.tail)
            errors.push_back(std::string(d == Dir::rx ? "RX" : "TX") + " head of queue " + std::to_string(q) +
                             " passed its tail at cycle " + std::to_string(cycle));
        r.head = (r.head + 1) % r.len;
    }
    void set_status(Dir d, unsigned q, std::uint32_t bits) {
        if (q >= nq_) return;
        RingRegs& r = ring(d, q);
        if (r.enabled) r.status |= bits;
    }
    void done(std::vector<std::uint64_t>& frames, std::vector<std::uint64_t>& bytes, unsigned q, unsigned len) {
        if (q >= nq_) {
            errors.push_back("completion of queue " + std::to_string(q));
            return;
        }
        ++frames[q];
        bytes[q] += len;
    }

    Dut& dut_;
    unsigned nq_;
    unsigned ring_idx_w_ = 0;
    std::vector<RingRegs> rings_[2];
    std::deque<RegOp> ops_;
    std::uint32_t kick_[2] = {0, 0}, reset_[2] = {0, 0};
    bool dirty_ = true;
};

// ---------------------------------------------------------------- rx_frame_buffer read side
struct RxFrame {
    unsigned queue = 0;
    std::uint32_t seq = 0;
    std::vector<std::uint8_t> bytes;
    std::uint32_t rss_hash = 0;
    std::uint8_t rss_type = 0;
};

template <class Dut>
class RxSourceModel final : public tb::ClockedModel {
public:
    RxSourceModel(Dut& dut, std::uint64_t seed, unsigned word_gap_percent)
        : dut_(dut), rng_(seed), gap_(word_gap_percent) {}

    void push(RxFrame f) { frames_.push_back(std::move(f)); }
    std::size_t stored() const { return frames_.size(); }
    std::uint64_t released = 0;  // frames the DMA was done with (frame_done)
    std::vector<std::string> errors;

    void reset() override {}
    void apply() override {
        const bool v = !frames_.empty();
        dut_.frame_valid_i = v;
        if (v) {
            const RxFrame& f = frames_.front();
            dut_.frame_len_i = static_cast<std::uint16_t>(f.bytes.size());
            dut_.frame_queue_i = static_cast<std::uint8_t>(f.queue);
            dut_.frame_rss_hash_i = f.rss_hash;
            dut_.frame_rss_type_i = f.rss_type;
        }
        dut_.word_valid_i = show_;
        if (show_) {
            const RxFrame& f = frames_.front();
            std::uint64_t w = 0;
            for (unsigned b = 0; b < 8 && 8 * word_ + b < f.bytes.size(); ++b)
                w |= static_cast<std::uint64_t>(f.bytes[8 * word_ + b]) << (8 * b);
            dut_.word_data_i = w;
        }
    }
    void sample(std::uint64_t cycle) override {
        if (dut_.frame_done_o) {
            if (frames_.empty()) {
                errors.push_back("frame_done with no frame at cycle " + std::to_string(cycle));
            } else {
                frames_.pop_front();
                ++released;
            }
            word_ = 0;
            delay_ = 1 + static_cast<unsigned>(rng_() % 3);  // the RAM read of the next frame
        } else if (show_ && dut_.word_ready_o) {
            ++word_;
        }
        if (delay_ > 0) --delay_;
        show_ = !frames_.empty() && delay_ == 0 && word_ < (frames_.front().bytes.size() + 7) / 8 &&
                (gap_ == 0 || rng_() % 100 >= gap_);
    }

private:
    Dut& dut_;
    std::mt19937_64 rng_;
    unsigned gap_;
    std::deque<RxFrame> frames_;
    unsigned word_ = 0, delay_ = 2;
    bool show_ = false;
};

// ---------------------------------------------------------------- tx_frame_buffer write side
template <class Dut>
class TxSinkModel final : public tb::ClockedModel {
public:
    static constexpr unsigned kCapacityWords = 16384 / 8;  // nic_top's TxBufferBytes
    static constexpr unsigned kFrameSlots = 64;

    TxSinkModel(Dut& dut, std::uint64_t seed, unsigned stall_percent,
                std::function<void(std::vector<std::uint8_t>)> on_wire)
        : dut_(dut), rng_(seed), stall_(stall_percent), on_wire_(std::move(on_wire)) {}

    std::uint64_t rollbacks = 0;
    std::vector<std::string> errors;
    bool idle() const { return open_.empty() && frames_.empty(); }

    void reset() override {}
    void apply() override {
        const unsigned used = static_cast<unsigned>(open_.size()) + committed_words_;
        dut_.txb_free_words_i = static_cast<std::uint16_t>(kCapacityWords - used);
        dut_.txb_free_frames_i = static_cast<std::uint8_t>(kFrameSlots - frames_.size());
    }
    void sample(std::uint64_t cycle) override {
        if (dut_.txb_wr_valid_o) {
            if (open_.size() + committed_words_ >= kCapacityWords)
                errors.push_back("tx buffer written while full at cycle " + std::to_string(cycle));
            open_.push_back(dut_.txb_wr_data_o);
        }
        if (dut_.txb_commit_o && dut_.txb_rollback_o)
            errors.push_back("commit and rollback together at cycle " + std::to_string(cycle));
        if (dut_.txb_commit_o) {
            const unsigned len = dut_.txb_commit_len_o;
            if (len == 0 || len > 9018 || open_.size() != (len + 7) / 8) {
                errors.push_back("commit of " + std::to_string(len) + " bytes with " + std::to_string(open_.size()) +
                                 " words at cycle " + std::to_string(cycle));
            } else if (frames_.size() >= kFrameSlots) {
                errors.push_back("commit with no frame slot at cycle " + std::to_string(cycle));
            } else {
                std::vector<std::uint8_t> f(len);
                for (unsigned i = 0; i < len; ++i) f[i] = static_cast<std::uint8_t>(open_[i / 8] >> (8 * (i % 8)));
                committed_words_ += static_cast<unsigned>(open_.size());
                frames_.push_back({std::move(f), static_cast<unsigned>(open_.size()), 0});
            }
            open_.clear();
        } else if (dut_.txb_rollback_o) {
            ++rollbacks;
            open_.clear();
        }
        // The MAC: one word per cycle of the oldest committed frame, unless it stalls.
        if (!frames_.empty() && (stall_ == 0 || rng_() % 100 >= stall_)) {
            Frame& f = frames_.front();
            ++f.sent;
            --committed_words_;
            if (f.sent == f.words) {
                on_wire_(std::move(f.bytes));
                frames_.pop_front();
            }
        }
    }

private:
    struct Frame {
        std::vector<std::uint8_t> bytes;
        unsigned words = 0, sent = 0;
    };
    Dut& dut_;
    std::mt19937_64 rng_;
    unsigned stall_;
    std::function<void(std::vector<std::uint8_t>)> on_wire_;
    std::vector<std::uint64_t> open_;
    std::deque<Frame> frames_;
    unsigned committed_words_ = 0;
};

}  // namespace nicsim::test::dma
