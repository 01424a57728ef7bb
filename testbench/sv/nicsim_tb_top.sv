// Copyright nicsim contributors. SPDX-License-Identifier: Apache-2.0
//
// The top the testbench Verilates: nic_top exactly as synthesised (instance `nic`) next to
// tb_events (instance `tb`), the testbench's own signals. An FST trace therefore holds
//   TOP.nicsim_tb_top.nic.*   the NIC, every block below it
//   TOP.nicsim_tb_top.tb.*    frames offered, interrupt entry, polls, re-arms, drops
// on one time axis. nic_top itself knows nothing of the testbench: this wrapper passes every
// nic_top port straight through (same names and widths, so the C++ harness binds to it as
// to nic_top) and reads a few of its internal nets by hierarchical reference, which is
// fine in a testbench and keeps them out of the synthesisable RTL.
//
// Cost when no trace is open: the pass-through ports are aliases, the tb_* inputs change only
// when a trace was asked for, and the derived strobes are a handful of gates.
`default_nettype none

module nicsim_tb_top
  import nic_regmap_pkg::*;
(
  input  wire logic        clk_i,
  input  wire logic        rst_ni,

  // AXI4-Lite slave (MMIO).
  input  wire logic [15:0] s_axil_awaddr,
  input  wire logic [2:0]  s_axil_awprot,
  input  wire logic        s_axil_awvalid,
  output logic             s_axil_awready,
  input  wire logic [31:0] s_axil_wdata,
  input  wire logic [3:0]  s_axil_wstrb,
  input  wire logic        s_axil_wvalid,
  output logic             s_axil_wready,
  output logic [1:0]       s_axil_bresp,
  output logic             s_axil_bvalid,
  input  wire logic        s_axil_bready,
  input  wire logic [15:0] s_axil_araddr,
  input  wire logic [2:0]  s_axil_arprot,
  input  wire logic        s_axil_arvalid,
  output logic             s_axil_arready,
  output logic [31:0]      s_axil_rdata,
  output logic [1:0]       s_axil_rresp,
  output logic             s_axil_rvalid,
  input  wire logic        s_axil_rready,

  // AXI4 master (DMA to host memory).
  output logic [63:0]      m_axi_awaddr,
  output logic [7:0]       m_axi_awlen,
  output logic [2:0]       m_axi_awsize,
  output logic [1:0]       m_axi_awburst,
  output logic             m_axi_awvalid,
  input  wire logic        m_axi_awready,
  output logic [63:0]      m_axi_wdata,
  output logic [7:0]       m_axi_wstrb,
  output logic             m_axi_wlast,
  output logic             m_axi_wvalid,
  input  wire logic        m_axi_wready,
  input  wire logic [1:0]  m_axi_bresp,
  input  wire logic        m_axi_bvalid,
  output logic             m_axi_bready,
  output logic [63:0]      m_axi_araddr,
  output logic [7:0]       m_axi_arlen,
  output logic [2:0]       m_axi_arsize,
  output logic [1:0]       m_axi_arburst,
  output logic             m_axi_arvalid,
  input  wire logic        m_axi_arready,
  input  wire logic [63:0] m_axi_rdata,
  input  wire logic [1:0]  m_axi_rresp,
  input  wire logic        m_axi_rlast,
  input  wire logic        m_axi_rvalid,
  output logic             m_axi_rready,

  // MAC receive input (frames without FCS; tuser on the last beat = bad frame).
  input  wire logic [63:0] s_axis_rx_tdata,
  input  wire logic [7:0]  s_axis_rx_tkeep,
  input  wire logic        s_axis_rx_tvalid,
  output logic             s_axis_rx_tready,
  input  wire logic        s_axis_rx_tlast,
  input  wire logic        s_axis_rx_tuser,

  // MAC transmit output (tuser always 0).
  output logic [63:0]      m_axis_tx_tdata,
  output logic [7:0]       m_axis_tx_tkeep,
  output logic             m_axis_tx_tvalid,
  input  wire logic        m_axis_tx_tready,
  output logic             m_axis_tx_tlast,
  output logic             m_axis_tx_tuser,

  // Interrupts (MSI-X style): bit v pulses for one cycle per interrupt message of vector v.
  output logic [15:0]      irq_o,

  // Testbench events (see tb_events.sv), driven by the C++ testbench.
  input  wire logic        tb_frame_offered_i,
  input  wire logic [31:0] tb_frame_seq_i,
  input  wire logic        tb_irq_entry_i,
  input  wire logic [3:0]  tb_irq_vector_i,
  input  wire logic [15:0] tb_poll_active_i,
  input  wire logic [3:0]  tb_poll_queue_i,
  input  wire logic [15:0] tb_poll_count_i,
  input  wire logic        tb_rearm_i,
  input  wire logic [15:0] tb_rearm_vectors_i,
  input  wire logic        tb_host_drop_i,
  input  wire logic [31:0] tb_drops_ipintrq_i,
  input  wire logic [31:0] tb_drops_tx_ring_i,
  input  wire logic [31:0] tb_drops_socket_queue_i,

  // Trace triggers (--trace-on drop|irq|error), read by the C++ TraceSchedule.
  output logic             trigger_drop_o,
  output logic             trigger_irq_o,
  output logic             trigger_error_o
);

  nic_top nic (.*);

  // The NIC's statistics-counter increments, OR-ed over the blocks that report them.
  logic [NUM_GCNT-1:0] nic_counter_inc;
  always_comb begin : or_counter_sources
    nic_counter_inc = '0;
    for (int s = 0; s < $size(nic.gcnt_inc, 1); s++) nic_counter_inc |= nic.gcnt_inc[s];
  end

  tb_events tb (
    .clk_i                (clk_i),
    .frame_offered_i      (tb_frame_offered_i),
    .frame_seq_i          (tb_frame_seq_i),
    .irq_entry_i          (tb_irq_entry_i),
    .irq_vector_i         (tb_irq_vector_i),
    .poll_active_i        (tb_poll_active_i),
    .poll_queue_i         (tb_poll_queue_i),
    .poll_count_i         (tb_poll_count_i),
    .rearm_i              (tb_rearm_i),
    .rearm_vectors_i      (tb_rearm_vectors_i),
    .host_drop_i          (tb_host_drop_i),
    .drops_ipintrq_i      (tb_drops_ipintrq_i),
    .drops_tx_ring_i      (tb_drops_tx_ring_i),
    .drops_socket_queue_i (tb_drops_socket_queue_i),
    .nic_counter_inc_i    (nic_counter_inc),
    .nic_queue_error_i    (nic.rx_status_set | nic.tx_status_set),
    .nic_irq_i            (irq_o),
    .drop_o               (trigger_drop_o),
    .error_o              (trigger_error_o),
    .irq_o                (trigger_irq_o)
  );

endmodule

`default_nettype wire
