// Plain storage for every nic_top port, with the contract's names and Verilator's storage
// types, so unit tests can bind the testbench models (through nic_ports.hpp, which this also
// checks) and play the NIC's side by hand.
#pragma once

#include <cstdint>

namespace nicsim::tb::test {

struct FakeNicPins {
    std::uint8_t clk_i = 0;
    std::uint8_t rst_ni = 1;

    std::uint16_t s_axil_awaddr = 0;
    std::uint8_t s_axil_awprot = 0, s_axil_awvalid = 0, s_axil_awready = 0;
    std::uint32_t s_axil_wdata = 0;
    std::uint8_t s_axil_wstrb = 0, s_axil_wvalid = 0, s_axil_wready = 0;
    std::uint8_t s_axil_bresp = 0, s_axil_bvalid = 0, s_axil_bready = 0;
    std::uint16_t s_axil_araddr = 0;
    std::uint8_t s_axil_arprot = 0, s_axil_arvalid = 0, s_axil_arready = 0;
    std::uint32_t s_axil_rdata = 0;
    std::uint8_t s_axil_rresp = 0, s_axil_rvalid = 0, s_axil_rready = 0;

    std::uint64_t m_axi_awaddr = 0;
    std::uint8_t m_axi_awlen = 0, m_axi_awsize = 0, m_axi_awburst = 0, m_axi_awvalid = 0, m_axi_awready = 0;
    std::uint64_t m_axi_wdata = 0;
    std::uint8_t m_axi_wstrb = 0, m_axi_wlast = 0, m_axi_wvalid = 0, m_axi_wready = 0;
    std::uint8_t m_axi_bresp = 0, m_axi_bvalid = 0, m_axi_bready = 0;
    std::uint64_t m_axi_araddr = 0;
    std::uint8_t m_axi_arlen = 0, m_axi_arsize = 0, m_axi_arburst = 0, m_axi_arvalid = 0, m_axi_arready = 0;
    std::uint64_t m_axi_rdata = 0;
    std::uint8_t m_axi_rresp = 0, m_axi_rlast = 0, m_axi_rvalid = 0, m_axi_rready = 0;

    std::uint64_t s_axis_rx_tdata = 0;
    std::uint8_t s_axis_rx_tkeep = 0, s_axis_rx_tvalid = 0, s_axis_rx_tready = 0, s_axis_rx_tlast = 0,
                 s_axis_rx_tuser = 0;
    std::uint64_t m_axis_tx_tdata = 0;
    std::uint8_t m_axis_tx_tkeep = 0, m_axis_tx_tvalid = 0, m_axis_tx_tready = 0, m_axis_tx_tlast = 0,
                 m_axis_tx_tuser = 0;
};

}  // namespace nicsim::tb::test
