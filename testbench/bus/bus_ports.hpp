// The bus port bundles through which the testbench models drive and observe the NIC.
//
// Each bundle is a struct of pointers into signal storage. With the RTL, they point at the
// Verilated model's port members (nic_ports.hpp fills them); in unit tests they point at plain
// integers, so every model can be tested without Verilator. The pointer types follow
// Verilator's storage types (CData = uint8_t for <= 8 bits, SData = uint16_t for <= 16,
// IData = uint32_t for <= 32, QData = uint64_t for <= 64), so binding to a model whose port
// widths differ from the contract in docs/architecture.md fails to compile.
//
// Direction comments are from the NIC's point of view (in = driven by the testbench).
#pragma once

#include <cstdint>

namespace nicsim::tb {

// AXI response codes (xRESP).
enum class AxiResp : std::uint8_t {
    okay = 0,
    exokay = 1,
    slverr = 2,
    decerr = 3,
};

// AXI burst types (AxBURST).
inline constexpr std::uint8_t kAxiBurstFixed = 0;
inline constexpr std::uint8_t kAxiBurstIncr = 1;
inline constexpr std::uint8_t kAxiBurstWrap = 2;

// The NIC's AXI4 DMA master (m_axi_*): served by AxiMemorySlave.
struct AxiMasterPorts {
    // write address channel
    std::uint64_t* awaddr = nullptr;  // out [63:0]
    std::uint8_t* awlen = nullptr;    // out [7:0]
    std::uint8_t* awsize = nullptr;   // out [2:0]
    std::uint8_t* awburst = nullptr;  // out [1:0]
    std::uint8_t* awvalid = nullptr;  // out
    std::uint8_t* awready = nullptr;  // in
    // write data channel
    std::uint64_t* wdata = nullptr;  // out [63:0]
    std::uint8_t* wstrb = nullptr;   // out [7:0]
    std::uint8_t* wlast = nullptr;   // out
    std::uint8_t* wvalid = nullptr;  // out
    std::uint8_t* wready = nullptr;  // in
    // write response channel
    std::uint8_t* bresp = nullptr;   // in [1:0]
    std::uint8_t* bvalid = nullptr;  // in
    std::uint8_t* bready = nullptr;  // out
    // read address channel
    std::uint64_t* araddr = nullptr;  // out [63:0]
    std::uint8_t* arlen = nullptr;    // out [7:0]
    std::uint8_t* arsize = nullptr;   // out [2:0]
    std::uint8_t* arburst = nullptr;  // out [1:0]
    std::uint8_t* arvalid = nullptr;  // out
    std::uint8_t* arready = nullptr;  // in
    // read data channel
    std::uint64_t* rdata = nullptr;  // in [63:0]
    std::uint8_t* rresp = nullptr;   // in [1:0]
    std::uint8_t* rlast = nullptr;   // in
    std::uint8_t* rvalid = nullptr;  // in
    std::uint8_t* rready = nullptr;  // out
};

// The NIC's AXI4-Lite register slave (s_axil_*): driven by AxilMaster.
struct AxilPorts {
    std::uint16_t* awaddr = nullptr;  // in [15:0]
    std::uint8_t* awprot = nullptr;   // in [2:0]
    std::uint8_t* awvalid = nullptr;  // in
    std::uint8_t* awready = nullptr;  // out
    std::uint32_t* wdata = nullptr;   // in [31:0]
    std::uint8_t* wstrb = nullptr;    // in [3:0]
    std::uint8_t* wvalid = nullptr;   // in
    std::uint8_t* wready = nullptr;   // out
    std::uint8_t* bresp = nullptr;    // out [1:0]
    std::uint8_t* bvalid = nullptr;   // out
    std::uint8_t* bready = nullptr;   // in
    std::uint16_t* araddr = nullptr;  // in [15:0]
    std::uint8_t* arprot = nullptr;   // in [2:0]
    std::uint8_t* arvalid = nullptr;  // in
    std::uint8_t* arready = nullptr;  // out
    std::uint32_t* rdata = nullptr;   // out [31:0]
    std::uint8_t* rresp = nullptr;    // out [1:0]
    std::uint8_t* rvalid = nullptr;   // out
    std::uint8_t* rready = nullptr;   // in
};

// A 64-bit AXI-Stream (the MAC side: s_axis_rx_* into the NIC, m_axis_tx_* out of it).
// The same bundle serves both directions; which side drives what depends on the model.
struct AxisPorts {
    std::uint64_t* tdata = nullptr;  // [63:0], byte lane i = bits [8i+7:8i]
    std::uint8_t* tkeep = nullptr;   // [7:0]
    std::uint8_t* tvalid = nullptr;
    std::uint8_t* tready = nullptr;
    std::uint8_t* tlast = nullptr;
    std::uint8_t* tuser = nullptr;  // on the last beat: bad frame
};

}  // namespace nicsim::tb
