// Binds the port bundles of bus_ports.hpp to a top model with nic_top's port names.
//
// Templates, so this header compiles without the Verilated class: they are instantiated with
// Vnicsim_tb in the real build and with a plain struct of integers in unit tests. A port whose
// width (and so Verilator storage type) differs from the contract fails to compile here.
#pragma once

#include "bus/bus_ports.hpp"

namespace nicsim::tb {

// m_axi_*: the NIC's AXI4 DMA master.
template <class Top>
AxiMasterPorts bind_axi_master(Top& top) {
    AxiMasterPorts p;
    p.awaddr = &top.m_axi_awaddr;
    p.awlen = &top.m_axi_awlen;
    p.awsize = &top.m_axi_awsize;
    p.awburst = &top.m_axi_awburst;
    p.awvalid = &top.m_axi_awvalid;
    p.awready = &top.m_axi_awready;
    p.wdata = &top.m_axi_wdata;
    p.wstrb = &top.m_axi_wstrb;
    p.wlast = &top.m_axi_wlast;
    p.wvalid = &top.m_axi_wvalid;
    p.wready = &top.m_axi_wready;
    p.bresp = &top.m_axi_bresp;
    p.bvalid = &top.m_axi_bvalid;
    p.bready = &top.m_axi_bready;
    p.araddr = &top.m_axi_araddr;
    p.arlen = &top.m_axi_arlen;
    p.arsize = &top.m_axi_arsize;
    p.arburst = &top.m_axi_arburst;
    p.arvalid = &top.m_axi_arvalid;
    p.arready = &top.m_axi_arready;
    p.rdata = &top.m_axi_rdata;
    p.rresp = &top.m_axi_rresp;
    p.rlast = &top.m_axi_rlast;
    p.rvalid = &top.m_axi_rvalid;
    p.rready = &top.m_axi_rready;
    return p;
}

// s_axil_*: the NIC's AXI4-Lite register slave.
template <class Top>
AxilPorts bind_axil_slave(Top& top) {
    AxilPorts p;
    p.awaddr = &top.s_axil_awaddr;
    p.awprot = &top.s_axil_awprot;
    p.awvalid = &top.s_axil_awvalid;
    p.awready = &top.s_axil_awready;
    p.wdata = &top.s_axil_wdata;
    p.wstrb = &top.s_axil_wstrb;
    p.wvalid = &top.s_axil_wvalid;
    p.wready = &top.s_axil_wready;
    p.bresp = &top.s_axil_bresp;
    p.bvalid = &top.s_axil_bvalid;
    p.bready = &top.s_axil_bready;
    p.araddr = &top.s_axil_araddr;
    p.arprot = &top.s_axil_arprot;
    p.arvalid = &top.s_axil_arvalid;
    p.arready = &top.s_axil_arready;
    p.rdata = &top.s_axil_rdata;
    p.rresp = &top.s_axil_rresp;
    p.rvalid = &top.s_axil_rvalid;
    p.rready = &top.s_axil_rready;
    return p;
}

// s_axis_rx_*: frames from the MAC into the NIC (driven by AxisSource).
template <class Top>
AxisPorts bind_axis_rx(Top& top) {
    AxisPorts p;
    p.tdata = &top.s_axis_rx_tdata;
    p.tkeep = &top.s_axis_rx_tkeep;
    p.tvalid = &top.s_axis_rx_tvalid;
    p.tready = &top.s_axis_rx_tready;
    p.tlast = &top.s_axis_rx_tlast;
    p.tuser = &top.s_axis_rx_tuser;
    return p;
}

// m_axis_tx_*: frames from the NIC to the MAC (collected by AxisSink).
template <class Top>
AxisPorts bind_axis_tx(Top& top) {
    AxisPorts p;
    p.tdata = &top.m_axis_tx_tdata;
    p.tkeep = &top.m_axis_tx_tkeep;
    p.tvalid = &top.m_axis_tx_tvalid;
    p.tready = &top.m_axis_tx_tready;
    p.tlast = &top.m_axis_tx_tlast;
    p.tuser = &top.m_axis_tx_tuser;
    return p;
}

}  // namespace nicsim::tb
