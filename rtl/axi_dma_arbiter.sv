// Copyright nicsim contributors. SPDX-License-Identifier: Apache-2.0
//
// Shares one AXI4 master among the DMA engines: two readers (descriptor fetch, TX data) and two
// writers (RX data, descriptor write-back).
//
// Every AR and every AW is arbitrated on its own, round-robin between the two requesting, so
// the engines' transactions interleave freely and each engine may keep many bursts in flight.
// The master has no ID signals: the slave answers each channel in order. The arbiter therefore
// remembers, in issue order, which engine each transaction came from (a bit per transaction:
// one queue for R routing, one for the order of W bursts, one for B routing) and steers
// responses and write data by the queue heads. Write data is released only after the slave has
// accepted the burst's address, so W never precedes AW on the master port.
//
// Every channel passes through a skid buffer on the master side, so all m_axi_* outputs
// (including rready and bready) come from registers. Bursts are INCR with 8-byte beats
// (awsize/arsize = 3).
//
// Engines must hold their AxVALID until accepted (AXI rule) and send the W beats of their
// bursts in the order of their AWs.
//
// Simulation speed: the engines' channels are separate ports (no packed port arrays to copy
// every cycle) and the routing queues are bit vectors.

`default_nettype none

module axi_dma_arbiter #(
  // Transactions in flight per channel (power of two, 2..256).
  parameter int unsigned MaxOutstanding = 64
) (
  input  wire logic        clk_i,
  input  wire logic        rst_ni,

  // Reader 0 and reader 1 (AR, and R valid/ready; the R payload is shared).
  input  wire logic [63:0] rd0_araddr_i,
  input  wire logic [7:0]  rd0_arlen_i,
  input  wire logic        rd0_arvalid_i,
  output logic             rd0_arready_o,
  output logic             rd0_rvalid_o,
  input  wire logic        rd0_rready_i,
  input  wire logic [63:0] rd1_araddr_i,
  input  wire logic [7:0]  rd1_arlen_i,
  input  wire logic        rd1_arvalid_i,
  output logic             rd1_arready_o,
  output logic             rd1_rvalid_o,
  input  wire logic        rd1_rready_i,
  output logic [63:0]      rdata_o,
  output logic [1:0]       rresp_o,
  output logic             rlast_o,

  // Writer 0 and writer 1 (AW, W, and B valid/ready; the B response is shared).
  input  wire logic [63:0] wr0_awaddr_i,
  input  wire logic [7:0]  wr0_awlen_i,
  input  wire logic        wr0_awvalid_i,
  output logic             wr0_awready_o,
  input  wire logic [63:0] wr0_wdata_i,
  input  wire logic [7:0]  wr0_wstrb_i,
  input  wire logic        wr0_wlast_i,
  input  wire logic        wr0_wvalid_i,
  output logic             wr0_wready_o,
  output logic             wr0_bvalid_o,
  input  wire logic        wr0_bready_i,
  input  wire logic [63:0] wr1_awaddr_i,
  input  wire logic [7:0]  wr1_awlen_i,
  input  wire logic        wr1_awvalid_i,
  output logic             wr1_awready_o,
  input  wire logic [63:0] wr1_wdata_i,
  input  wire logic [7:0]  wr1_wstrb_i,
  input  wire logic        wr1_wlast_i,
  input  wire logic        wr1_wvalid_i,
  output logic             wr1_wready_o,
  output logic             wr1_bvalid_o,
  input  wire logic        wr1_bready_i,
  output logic [1:0]       bresp_o,

  // Shared AXI4 master.
  output logic [63:0]      m_axi_awaddr_o,
  output logic [7:0]       m_axi_awlen_o,
  output logic [2:0]       m_axi_awsize_o,
  output logic [1:0]       m_axi_awburst_o,
  output logic             m_axi_awvalid_o,
  input  wire logic        m_axi_awready_i,
  output logic [63:0]      m_axi_wdata_o,
  output logic [7:0]       m_axi_wstrb_o,
  output logic             m_axi_wlast_o,
  output logic             m_axi_wvalid_o,
  input  wire logic        m_axi_wready_i,
  input  wire logic [1:0]  m_axi_bresp_i,
  input  wire logic        m_axi_bvalid_i,
  output logic             m_axi_bready_o,
  output logic [63:0]      m_axi_araddr_o,
  output logic [7:0]       m_axi_arlen_o,
  output logic [2:0]       m_axi_arsize_o,
  output logic [1:0]       m_axi_arburst_o,
  output logic             m_axi_arvalid_o,
  input  wire logic        m_axi_arready_i,
  input  wire logic [63:0] m_axi_rdata_i,
  input  wire logic [1:0]  m_axi_rresp_i,
  input  wire logic        m_axi_rlast_i,
  input  wire logic        m_axi_rvalid_i,
  output logic             m_axi_rready_o
);

  if (MaxOutstanding < 2 || MaxOutstanding > 256 ||
      (MaxOutstanding & (MaxOutstanding - 1)) != 0) begin : gen_max_outstanding_check
    $fatal(1, "%m: MaxOutstanding (%0d) must be a power of two in 2..256", MaxOutstanding);
  end

  localparam logic [2:0]  SIZE_8B    = 3'd3;
  localparam logic [1:0]  BURST_INCR = 2'b01;
  localparam int unsigned AxW        = 64 + 8;       // {addr, len}
  localparam int unsigned WW         = 64 + 8 + 1;   // {data, strb, last}
  localparam int unsigned RW         = 64 + 2 + 1;   // {data, resp, last}
  localparam int unsigned PtrW       = $clog2(MaxOutstanding);

  // Routing queues: one bit per transaction (the engine it came from), in issue order.
  logic [MaxOutstanding-1:0] rid_q, wid_q, bid_q;
  logic [PtrW:0]             rid_wr_q, rid_rd_q, wid_wr_q, wid_rd_q, bid_wr_q, bid_rd_q;
  logic                      rid_full, rid_valid, wid_valid, bid_full, bid_valid;
  assign rid_valid = (rid_wr_q != rid_rd_q);
  assign rid_full  = (rid_wr_q[PtrW] != rid_rd_q[PtrW]) && (rid_wr_q[PtrW-1:0] == rid_rd_q[PtrW-1:0]);
  assign wid_valid = (wid_wr_q != wid_rd_q);

  assign bid_valid = (bid_wr_q != bid_rd_q);
  // A write stays in the B queue longest (past its W beats): it bounds the writes in flight.
  assign bid_full  = (bid_wr_q[PtrW] != bid_rd_q[PtrW]) && (bid_wr_q[PtrW-1:0] == bid_rd_q[PtrW-1:0]);

  logic rd_rr_q, wr_rr_q;   // the reader / writer preferred next

  // ------------------------------------------------------------------ read channel
  logic           ar_s_valid, ar_s_ready, ar_take, ar_pick;
  logic [AxW-1:0] ar_s_data, ar_m_data;
  logic           r_m_valid, r_m_ready, rid_head, rid_pop;
  logic [RW-1:0]  r_m_data;

  always_comb begin
    ar_pick    = 1'b0;
    ar_s_valid = 1'b0;
    ar_s_data  = '0;
    if (rd0_arvalid_i || rd1_arvalid_i) begin
      ar_pick    = rd1_arvalid_i && (!rd0_arvalid_i || rd_rr_q);
      ar_s_valid = !rid_full;
      ar_s_data  = ar_pick ? {rd1_araddr_i, rd1_arlen_i} : {rd0_araddr_i, rd0_arlen_i};
    end
  end
  assign ar_take       = ar_s_valid && ar_s_ready;
  assign rd0_arready_o = ar_take && !ar_pick;
  assign rd1_arready_o = ar_take && ar_pick;

  // R beats go to the engine of the oldest read in flight.
  assign rid_head     = rid_q[rid_rd_q[PtrW-1:0]];
  assign rd0_rvalid_o = r_m_valid && rid_valid && !rid_head;
  assign rd1_rvalid_o = r_m_valid && rid_valid && rid_head;
  assign r_m_ready    = rid_valid && (rid_head ? rd1_rready_i : rd0_rready_i);
  assign rid_pop      = r_m_valid && r_m_ready && r_m_data[0];

  skid_buffer #(
    .Width (AxW)
  ) u_ar_slice (
    .clk_i     (clk_i),
    .rst_ni    (rst_ni),
    .s_valid_i (ar_s_valid),
    .s_ready_o (ar_s_ready),
    .s_data_i  (ar_s_data),
    .m_valid_o (m_axi_arvalid_o),
    .m_ready_i (m_axi_arready_i),
    .m_data_o  (ar_m_data)
  );

  skid_buffer #(
    .Width (RW)
  ) u_r_slice (
    .clk_i     (clk_i),
    .rst_ni    (rst_ni),
    .s_valid_i (m_axi_rvalid_i),
    .s_ready_o (m_axi_rready_o),
    .s_data_i  ({m_axi_rdata_i, m_axi_rresp_i, m_axi_rlast_i}),
    .m_valid_o (r_m_valid),
    .m_ready_i (r_m_ready),
    .m_data_o  (r_m_data)
  );

  assign m_axi_araddr_o  = ar_m_data[AxW-1 -: 64];
  assign m_axi_arlen_o   = ar_m_data[7:0];
  assign m_axi_arsize_o  = SIZE_8B;
  assign m_axi_arburst_o = BURST_INCR;
  assign rdata_o         = r_m_data[RW-1 -: 64];
  assign rresp_o         = r_m_data[2:1];
  assign rlast_o         = r_m_data[0];

  // ------------------------------------------------------------------ write channel
  logic           aw_s_valid, aw_s_ready, aw_take, aw_pick;
  logic [AxW-1:0] aw_s_data, aw_m_data;
  logic           w_open, w_head, w_s_valid, w_s_ready, w_last_take;
  logic [WW-1:0]  w_s_data, w_m_data;
  logic           b_m_valid, b_m_ready, b_give, bid_head;
  logic [1:0]     b_m_data;
  // AWs the slave has accepted whose W beats have not all passed yet.
  logic [PtrW:0]  aw_pend_q;

  always_comb begin
    aw_pick    = 1'b0;
    aw_s_valid = 1'b0;
    aw_s_data  = '0;
    if (wr0_awvalid_i || wr1_awvalid_i) begin
      aw_pick    = wr1_awvalid_i && (!wr0_awvalid_i || wr_rr_q);
      aw_s_valid = !bid_full;
      aw_s_data  = aw_pick ? {wr1_awaddr_i, wr1_awlen_i} : {wr0_awaddr_i, wr0_awlen_i};
    end
  end
  assign aw_take       = aw_s_valid && aw_s_ready;
  assign wr0_awready_o = aw_take && !aw_pick;
  assign wr1_awready_o = aw_take && aw_pick;

  // W beats come from the engine of the oldest burst whose data is not all sent, once the
  // slave has its address.
  assign w_open = wid_valid && (aw_pend_q != '0);
  assign w_head = wid_q[wid_rd_q[PtrW-1:0]];
  always_comb begin
    wr0_wready_o = 1'b0;
    wr1_wready_o = 1'b0;
    w_s_valid    = 1'b0;
    w_s_data     = '0;
    w_last_take  = 1'b0;
    if (w_open) begin
      wr0_wready_o = !w_head && w_s_ready;
      wr1_wready_o = w_head && w_s_ready;
      w_s_valid    = w_head ? wr1_wvalid_i : wr0_wvalid_i;
      w_s_data     = w_head ? {wr1_wdata_i, wr1_wstrb_i, wr1_wlast_i} :
                              {wr0_wdata_i, wr0_wstrb_i, wr0_wlast_i};
      w_last_take  = w_s_valid && w_s_ready && w_s_data[0];
    end
  end

  // B goes to the engine of the oldest write in flight.
  assign bid_head     = bid_q[bid_rd_q[PtrW-1:0]];
  assign wr0_bvalid_o = b_m_valid && bid_valid && !bid_head;
  assign wr1_bvalid_o = b_m_valid && bid_valid && bid_head;
  assign b_m_ready    = bid_valid && (bid_head ? wr1_bready_i : wr0_bready_i);
  assign b_give       = b_m_valid && b_m_ready;

  skid_buffer #(
    .Width (AxW)
  ) u_aw_slice (
    .clk_i     (clk_i),
    .rst_ni    (rst_ni),
    .s_valid_i (aw_s_valid),
    .s_ready_o (aw_s_ready),
    .s_data_i  (aw_s_data),
    .m_valid_o (m_axi_awvalid_o),
    .m_ready_i (m_axi_awready_i),
    .m_data_o  (aw_m_data)
  );

  skid_buffer #(
    .Width (WW)
  ) u_w_slice (
    .clk_i     (clk_i),
    .rst_ni    (rst_ni),
    .s_valid_i (w_s_valid),
    .s_ready_o (w_s_ready),
    .s_data_i  (w_s_data),
    .m_valid_o (m_axi_wvalid_o),
    .m_ready_i (m_axi_wready_i),
    .m_data_o  (w_m_data)
  );

  skid_buffer #(
    .Width (2)
  ) u_b_slice (
    .clk_i     (clk_i),
    .rst_ni    (rst_ni),
    .s_valid_i (m_axi_bvalid_i),
    .s_ready_o (m_axi_bready_o),
    .s_data_i  (m_axi_bresp_i),
    .m_valid_o (b_m_valid),
    .m_ready_i (b_m_ready),
    .m_data_o  (b_m_data)
  );

  assign m_axi_awaddr_o  = aw_m_data[AxW-1 -: 64];
  assign m_axi_awlen_o   = aw_m_data[7:0];
  assign m_axi_awsize_o  = SIZE_8B;
  assign m_axi_awburst_o = BURST_INCR;
  assign m_axi_wdata_o   = w_m_data[WW-1 -: 64];
  assign m_axi_wstrb_o   = w_m_data[8:1];
  assign m_axi_wlast_o   = w_m_data[0];
  assign bresp_o         = b_m_data;

  // ------------------------------------------------------------------ registers
  // The next turn goes to the other engine; aw_pend counts AWs accepted by the slave (awready
  // is only sampled here, at the clock edge) minus bursts whose last beat passed. The W and B
  // queues are pushed together (AW order); the B queue empties last.
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      rd_rr_q   <= 1'b0;
      wr_rr_q   <= 1'b0;
      aw_pend_q <= '0;
      rid_q     <= '0;
      wid_q     <= '0;
      bid_q     <= '0;
      rid_wr_q  <= '0;
      rid_rd_q  <= '0;
      wid_wr_q  <= '0;
      wid_rd_q  <= '0;
      bid_wr_q  <= '0;
      bid_rd_q  <= '0;
    end else begin
      if (ar_take) begin
        rd_rr_q                  <= !ar_pick;
        rid_q[rid_wr_q[PtrW-1:0]] <= ar_pick;
        rid_wr_q                 <= rid_wr_q + 1'b1;
      end
      if (rid_pop) begin
        rid_rd_q <= rid_rd_q + 1'b1;
      end
      if (aw_take) begin
        wr_rr_q                   <= !aw_pick;
        wid_q[wid_wr_q[PtrW-1:0]] <= aw_pick;
        bid_q[bid_wr_q[PtrW-1:0]] <= aw_pick;
        wid_wr_q                  <= wid_wr_q + 1'b1;
        bid_wr_q                  <= bid_wr_q + 1'b1;
      end
      if (w_last_take) begin
        wid_rd_q <= wid_rd_q + 1'b1;
      end
      if (b_give) begin
        bid_rd_q <= bid_rd_q + 1'b1;
      end
      if ((m_axi_awvalid_o && m_axi_awready_i) != w_last_take) begin
        aw_pend_q <= aw_pend_q + (PtrW + 1)'(m_axi_awvalid_o && m_axi_awready_i)
                               - (PtrW + 1)'(w_last_take);
      end
    end
  end

`ifndef SYNTHESIS
  // The routing queues never overflow; responses only come for transactions in flight.
  a_rid_no_overflow: assert property (@(posedge clk_i) disable iff (!rst_ni)
      ar_take |-> !rid_full);
  a_bid_no_overflow: assert property (@(posedge clk_i) disable iff (!rst_ni)
      aw_take |-> !bid_full);
  a_r_routed: assert property (@(posedge clk_i) disable iff (!rst_ni)
      r_m_valid |-> rid_valid);
  a_b_routed: assert property (@(posedge clk_i) disable iff (!rst_ni)
      b_m_valid |-> bid_valid);
`endif

endmodule

`default_nettype wire
