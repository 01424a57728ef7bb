// A C++ stand-in for the Verilated nic_top, with the contract's ports and Verilator's model
// interface (constructor with a context, clk_i/rst_ni, eval, final, trace), so SimControl,
// RtlHarness and RtlDevice can be tested end to end without the RTL.
//
// It behaves like registered RTL: eval() acts on a rising clk_i edge, with the inputs as they
// were applied before the edge, and then recomputes its outputs. Reset is asynchronous and
// active low. Inside:
//   - an AXI4-Lite register file (see the offsets below); an access at 0x100 or above
//     answers SLVERR;
//   - a DMA copy engine on m_axi: reads BEATS beats at SRC in one burst and writes them to
//     DST in one burst when GO is written;
//   - a one-register AXI-Stream loopback from s_axis_rx to m_axis_tx, whose s_axis_rx_tready
//     depends combinationally on m_axis_tx_tready (so two-phase evaluation matters).
#pragma once

#include <array>
#include <cstdint>

#include "fake_nic_pins.hpp"
#include "fake_verilator.hpp"

namespace nicsim::tb::test {

class FakeNicTop : public FakeNicPins {
public:
    static constexpr std::uint32_t kId = 0x00;  // ro, reads kIdValue
    static constexpr std::uint32_t kScratch = 0x04;
    static constexpr std::uint32_t kSrcLo = 0x08, kSrcHi = 0x0C, kDstLo = 0x10, kDstHi = 0x14;
    static constexpr std::uint32_t kBeats = 0x18;   // 1..16
    static constexpr std::uint32_t kGo = 0x1C;      // write 1 to copy
    static constexpr std::uint32_t kStatus = 0x20;  // bit 0 busy, 1 done, 2 read error, 3 write error
    static constexpr std::uint32_t kIdValue = 0x4E494353;

    FakeNicTop(FakeContext* context, const char* /*name*/) : context_(context) { outputs(); }

    void eval() {
        if (!rst_ni) {
            reset_state();
            if (clk_i && !prev_clk_) ++edges_in_reset;
        } else if (clk_i && !prev_clk_) {
            ++rising_edges;
            rising_edge();
        }
        prev_clk_ = clk_i;
        outputs();
    }
    void final() { ++finals; }
    void trace(FakeTrace* /*trace*/, int levels) { FakeTrace::depth = levels; }

    FakeContext* context() const { return context_; }

    std::uint64_t rising_edges = 0;
    std::uint64_t edges_in_reset = 0;
    static inline int finals = 0;  // final() calls by every instance

private:
    enum class Dma { idle, read_address, read_data, write, write_response };

    void reset_state() {
        aw_have_ = w_have_ = bvalid_q_ = rvalid_q_ = false;
        regs_.fill(0);
        dma_ = Dma::idle;
        tx_valid_q_ = false;
    }

    std::uint8_t write_reg(std::uint32_t addr, std::uint32_t value) {
        if (addr >= 0x100) return 2;
        if (addr == kGo && (value & 1u) && dma_ == Dma::idle) {
            dma_ = Dma::read_address;
            regs_[kStatus / 4] = 1;
            beat_ = 0;
        } else if (addr != kId && addr != kStatus && addr != kGo) {
            regs_[addr / 4] = value;
        }
        return 0;
    }

    std::uint32_t read_reg(std::uint32_t addr, std::uint8_t* resp) const {
        *resp = addr >= 0x100 ? 2 : 0;
        if (addr >= 0x100) return 0;
        return addr == kId ? kIdValue : regs_[addr / 4];
    }

    std::uint64_t reg64(std::uint32_t lo) const {
        return regs_[lo / 4] | (std::uint64_t{regs_[lo / 4 + 1]} << 32);
    }
    unsigned beats() const { return regs_[kBeats / 4] == 0 ? 1u : regs_[kBeats / 4]; }

    void rising_edge() {
        // AXI4-Lite slave.
        if (s_axil_awvalid && s_axil_awready) {
            aw_have_ = true;
            aw_addr_ = s_axil_awaddr;
        }
        if (s_axil_wvalid && s_axil_wready) {
            w_have_ = true;
            w_data_ = s_axil_wdata;
        }
        if (s_axil_bvalid && s_axil_bready) bvalid_q_ = false;
        if (aw_have_ && w_have_ && !bvalid_q_) {
            bresp_q_ = write_reg(aw_addr_, w_data_);
            bvalid_q_ = true;
            aw_have_ = w_have_ = false;
        }
        if (s_axil_rvalid && s_axil_rready) rvalid_q_ = false;
        if (s_axil_arvalid && s_axil_arready) {
            rdata_q_ = read_reg(s_axil_araddr, &rresp_q_);
            rvalid_q_ = true;
        }

        // DMA copy engine.
        switch (dma_) {
            case Dma::idle: break;
            case Dma::read_address:
                if (m_axi_arvalid && m_axi_arready) dma_ = Dma::read_data;
                break;
            case Dma::read_data:
                if (m_axi_rvalid && m_axi_rready) {
                    buffer_[beat_++] = m_axi_rdata;
                    if (m_axi_rresp != 0) regs_[kStatus / 4] |= 4u;
                    if (m_axi_rlast) {
                        dma_ = Dma::write;
                        beat_ = 0;
                        aw_done_ = false;
                    }
                }
                break;
            case Dma::write:
                if (m_axi_awvalid && m_axi_awready) aw_done_ = true;
                if (m_axi_wvalid && m_axi_wready) ++beat_;
                if (aw_done_ && beat_ == beats()) dma_ = Dma::write_response;
                break;
            case Dma::write_response:
                if (m_axi_bvalid && m_axi_bready) {
                    if (m_axi_bresp != 0) regs_[kStatus / 4] |= 8u;
                    regs_[kStatus / 4] = (regs_[kStatus / 4] & ~1u) | 2u;
                    dma_ = Dma::idle;
                }
                break;
        }

        // AXI-Stream loopback register.
        if (m_axis_tx_tvalid && m_axis_tx_tready) tx_valid_q_ = false;
        if (s_axis_rx_tvalid && s_axis_rx_tready) {
            tx_valid_q_ = true;
            tx_data_q_ = s_axis_rx_tdata;
            tx_keep_q_ = s_axis_rx_tkeep;
            tx_last_q_ = s_axis_rx_tlast;
            tx_user_q_ = s_axis_rx_tuser;
        }
    }

    void outputs() {
        s_axil_awready = !aw_have_;
        s_axil_wready = !w_have_;
        s_axil_bvalid = bvalid_q_;
        s_axil_bresp = bresp_q_;
        s_axil_arready = !rvalid_q_;
        s_axil_rvalid = rvalid_q_;
        s_axil_rdata = rdata_q_;
        s_axil_rresp = rresp_q_;

        m_axi_arvalid = dma_ == Dma::read_address;
        m_axi_araddr = reg64(kSrcLo);
        m_axi_arlen = static_cast<std::uint8_t>(beats() - 1);
        m_axi_arsize = 3;
        m_axi_arburst = 1;
        m_axi_rready = dma_ == Dma::read_data;
        m_axi_awvalid = dma_ == Dma::write && !aw_done_;
        m_axi_awaddr = reg64(kDstLo);
        m_axi_awlen = static_cast<std::uint8_t>(beats() - 1);
        m_axi_awsize = 3;
        m_axi_awburst = 1;
        m_axi_wvalid = dma_ == Dma::write && beat_ < beats();
        m_axi_wdata = buffer_[beat_ % buffer_.size()];
        m_axi_wstrb = 0xFF;
        m_axi_wlast = beat_ + 1 == beats();
        m_axi_bready = dma_ == Dma::write_response;

        m_axis_tx_tvalid = tx_valid_q_;
        m_axis_tx_tdata = tx_data_q_;
        m_axis_tx_tkeep = tx_keep_q_;
        m_axis_tx_tlast = tx_last_q_;
        m_axis_tx_tuser = tx_user_q_;
        s_axis_rx_tready = !tx_valid_q_ || m_axis_tx_tready;  // combinational through
    }

    FakeContext* context_;
    std::uint8_t prev_clk_ = 0;

    bool aw_have_ = false, w_have_ = false, bvalid_q_ = false, rvalid_q_ = false;
    std::uint16_t aw_addr_ = 0;
    std::uint32_t w_data_ = 0, rdata_q_ = 0;
    std::uint8_t bresp_q_ = 0, rresp_q_ = 0;
    std::array<std::uint32_t, 64> regs_{};

    Dma dma_ = Dma::idle;
    std::array<std::uint64_t, 16> buffer_{};
    unsigned beat_ = 0;
    bool aw_done_ = false;

    bool tx_valid_q_ = false, tx_last_q_ = false, tx_user_q_ = false;
    std::uint64_t tx_data_q_ = 0;
    std::uint8_t tx_keep_q_ = 0;
};

}  // namespace nicsim::tb::test
