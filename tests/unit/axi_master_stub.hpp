// Plays the NIC's AXI4 master (m_axi_*) in unit tests of AxiMemorySlave: issues scripted
// AR, AW and W requests, each not before a given cycle, and records every R beat and B
// response with the cycle whose edge took it. Registered like RTL: edge() sees the signals
// as they were at the rising edge and sets the outputs for the next cycle.
#pragma once

#include <cstdint>
#include <deque>
#include <vector>

#include "fake_nic_pins.hpp"

namespace nicsim::tb::test {

class AxiMasterStub {
public:
    struct Address {
        std::uint64_t addr = 0;
        std::uint8_t len = 0;  // beats - 1
        std::uint64_t not_before = 0;
        std::uint8_t size = 3;
        std::uint8_t burst = 1;  // INCR
    };
    struct WBeat {
        std::uint64_t data = 0;
        std::uint8_t strb = 0xFF;
        bool last = false;
        std::uint64_t not_before = 0;
    };
    struct RBeat {
        std::uint64_t cycle = 0;
        std::uint64_t data = 0;
        std::uint8_t resp = 0;
        bool last = false;
    };
    struct BResp {
        std::uint64_t cycle = 0;
        std::uint8_t resp = 0;
    };

    explicit AxiMasterStub(FakeNicPins& pins) : pins_(pins) { drive(0); }

    void read(Address a) { ar_.push_back(a), drive(next_); }
    void write_address(Address a) { aw_.push_back(a), drive(next_); }
    void write_data(WBeat w) { w_.push_back(w), drive(next_); }
    // A whole burst: AW and its beats (full strobes, WLAST on the last) from `not_before`.
    void write(std::uint64_t addr, const std::vector<std::uint64_t>& beats, std::uint64_t not_before = 0) {
        write_address({addr, static_cast<std::uint8_t>(beats.size() - 1), not_before});
        for (std::size_t i = 0; i < beats.size(); ++i)
            write_data({beats[i], 0xFF, i + 1 == beats.size(), not_before});
    }

    bool rready = true;
    bool bready = true;
    std::vector<RBeat> r_beats;
    std::vector<BResp> b_resps;

    void edge(std::uint64_t cycle) {
        if (pins_.m_axi_arvalid && pins_.m_axi_arready) ar_.pop_front();
        if (pins_.m_axi_awvalid && pins_.m_axi_awready) aw_.pop_front();
        if (pins_.m_axi_wvalid && pins_.m_axi_wready) w_.pop_front();
        if (pins_.m_axi_rvalid && pins_.m_axi_rready)
            r_beats.push_back({cycle, pins_.m_axi_rdata, pins_.m_axi_rresp, pins_.m_axi_rlast != 0});
        if (pins_.m_axi_bvalid && pins_.m_axi_bready) b_resps.push_back({cycle, pins_.m_axi_bresp});
        next_ = cycle + 1;
        drive(next_);
    }

private:
    void drive(std::uint64_t cycle) {
        const bool ar = !ar_.empty() && ar_.front().not_before <= cycle;
        pins_.m_axi_arvalid = ar;
        if (ar) {
            pins_.m_axi_araddr = ar_.front().addr;
            pins_.m_axi_arlen = ar_.front().len;
            pins_.m_axi_arsize = ar_.front().size;
            pins_.m_axi_arburst = ar_.front().burst;
        }
        const bool aw = !aw_.empty() && aw_.front().not_before <= cycle;
        pins_.m_axi_awvalid = aw;
        if (aw) {
            pins_.m_axi_awaddr = aw_.front().addr;
            pins_.m_axi_awlen = aw_.front().len;
            pins_.m_axi_awsize = aw_.front().size;
            pins_.m_axi_awburst = aw_.front().burst;
        }
        const bool w = !w_.empty() && w_.front().not_before <= cycle;
        pins_.m_axi_wvalid = w;
        if (w) {
            pins_.m_axi_wdata = w_.front().data;
            pins_.m_axi_wstrb = w_.front().strb;
            pins_.m_axi_wlast = w_.front().last;
        }
        pins_.m_axi_rready = rready;
        pins_.m_axi_bready = bready;
    }

    FakeNicPins& pins_;
    std::deque<Address> ar_, aw_;
    std::deque<WBeat> w_;
    std::uint64_t next_ = 0;
};

}  // namespace nicsim::tb::test
