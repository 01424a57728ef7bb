// Copyright nicsim contributors. SPDX-License-Identifier: Apache-2.0
//
// Shares one AXI4 master among several DMA engines.
//
// Every AR and every AW is arbitrated on its own, round-robin among the engines requesting, so
// the engines' transactions interleave freely and each engine may keep many bursts in flight.
// The master has no ID signals: the slave answers each channel in order. The arbiter therefore
// remembers, in issue order, which engine each transaction came from (one small FIFO for R
// routing, one for the order of W bursts, one for B routing) and steers responses and write
// data by the FIFO heads. Write data is released only after the slave has accepted the burst's
// address, so W never precedes AW on the master port.
//
// Every channel passes through a skid buffer on the master side, so all m_axi_* outputs
// (including rready and bready) come from registers. Bursts are INCR with 8-byte beats
// (awsize/arsize = 3).
//
// Engines must hold their AxVALID until accepted (AXI rule) and send the W beats of their
// bursts in the order of their AWs.

`default_nettype none

module axi_dma_arbiter #(
  // Number of DMA engines sharing the master (1..8).
  parameter int unsigned NumPorts       = 2,
  // Transactions in flight per channel (power of two, 2..256).
  parameter int unsigned MaxOutstanding = 32
) (
  input  wire logic                     clk_i,
  input  wire logic                     rst_ni,

  // Engine ports. Response payloads (bresp, rdata, rresp, rlast) are shared; valid is per port.
  input  wire logic [NumPorts-1:0][63:0] s_axi_awaddr_i,
  input  wire logic [NumPorts-1:0][7:0]  s_axi_awlen_i,
  input  wire logic [NumPorts-1:0]       s_axi_awvalid_i,
  output logic      [NumPorts-1:0]       s_axi_awready_o,
  input  wire logic [NumPorts-1:0][63:0] s_axi_wdata_i,
  input  wire logic [NumPorts-1:0][7:0]  s_axi_wstrb_i,
  input  wire logic [NumPorts-1:0]       s_axi_wlast_i,
  input  wire logic [NumPorts-1:0]       s_axi_wvalid_i,
  output logic      [NumPorts-1:0]       s_axi_wready_o,
  output logic      [1:0]                s_axi_bresp_o,
  output logic      [NumPorts-1:0]       s_axi_bvalid_o,
  input  wire logic [NumPorts-1:0]       s_axi_bready_i,
  input  wire logic [NumPorts-1:0][63:0] s_axi_araddr_i,
  input  wire logic [NumPorts-1:0][7:0]  s_axi_arlen_i,
  input  wire logic [NumPorts-1:0]       s_axi_arvalid_i,
  output logic      [NumPorts-1:0]       s_axi_arready_o,
  output logic      [63:0]               s_axi_rdata_o,
  output logic      [1:0]                s_axi_rresp_o,
  output logic                           s_axi_rlast_o,
  output logic      [NumPorts-1:0]       s_axi_rvalid_o,
  input  wire logic [NumPorts-1:0]       s_axi_rready_i,

  // Shared AXI4 master.
  output logic [63:0]                    m_axi_awaddr_o,
  output logic [7:0]                     m_axi_awlen_o,
  output logic [2:0]                     m_axi_awsize_o,
  output logic [1:0]                     m_axi_awburst_o,
  output logic                           m_axi_awvalid_o,
  input  wire logic                      m_axi_awready_i,
  output logic [63:0]                    m_axi_wdata_o,
  output logic [7:0]                     m_axi_wstrb_o,
  output logic                           m_axi_wlast_o,
  output logic                           m_axi_wvalid_o,
  input  wire logic                      m_axi_wready_i,
  input  wire logic [1:0]                m_axi_bresp_i,
  input  wire logic                      m_axi_bvalid_i,
  output logic                           m_axi_bready_o,
  output logic [63:0]                    m_axi_araddr_o,
  output logic [7:0]                     m_axi_arlen_o,
  output logic [2:0]                     m_axi_arsize_o,
  output logic [1:0]                     m_axi_arburst_o,
  output logic                           m_axi_arvalid_o,
  input  wire logic                      m_axi_arready_i,
  input  wire logic [63:0]               m_axi_rdata_i,
  input  wire logic [1:0]                m_axi_rresp_i,
  input  wire logic                      m_axi_rlast_i,
  input  wire logic                      m_axi_rvalid_i,
  output logic                           m_axi_rready_o
);

  if (NumPorts < 1 || NumPorts > 8) begin : gen_num_ports_check
    $fatal(1, "%m: NumPorts (%0d) must be in 1..8", NumPorts);
  end
  if (MaxOutstanding < 2 || MaxOutstanding > 256 ||
      (MaxOutstanding & (MaxOutstanding - 1)) != 0) begin : gen_max_outstanding_check
    $fatal(1, "%m: MaxOutstanding (%0d) must be a power of two in 2..256", MaxOutstanding);
  end

  localparam int unsigned PortW      = (NumPorts > 1) ? $clog2(NumPorts) : 1;
  localparam logic [2:0]  SIZE_8B    = 3'd3;
  localparam logic [1:0]  BURST_INCR = 2'b01;
  localparam int unsigned AxW        = 64 + 8;       // {addr, len}
  localparam int unsigned WW         = 64 + 8 + 1;   // {data, strb, last}
  localparam int unsigned RW         = 64 + 2 + 1;   // {data, resp, last}
  localparam int unsigned CountW     = $clog2(MaxOutstanding) + 1;

  // Round-robin pick: the first requester at or after `start` (`start` < NumPorts).
  function automatic logic [PortW-1:0] rr_pick(logic [NumPorts-1:0] req, logic [PortW-1:0] start);
    logic [PortW-1:0] sel;
    logic             found;
    logic [PortW:0]   cand;
    sel   = start;
    found = 1'b0;
    for (int unsigned k = 0; k < NumPorts; k++) begin
      cand = {1'b0, start} + (PortW + 1)'(k);
      if (32'(cand) >= NumPorts) begin
        cand = cand - (PortW + 1)'(NumPorts);
      end
      if (!found && req[PortW'(cand)]) begin
        found = 1'b1;
        sel   = PortW'(cand);
      end
    end
    return sel;
  endfunction

  function automatic logic [PortW-1:0] rr_next(logic [PortW-1:0] port);
    return (32'(port) + 1 >= NumPorts) ? '0 : PortW'(32'(port) + 1);
  endfunction

  // ------------------------------------------------------------------ read channel
  logic [PortW-1:0] rd_rr_q;
  logic [PortW-1:0] ar_pick;
  logic             ar_s_valid, ar_s_ready, ar_take;
  logic [AxW-1:0]   ar_s_data, ar_m_data;
  logic             r_m_valid, r_m_ready;
  logic [RW-1:0]    r_m_data;
  logic             rid_wr_ready, rid_valid, rid_pop;
  logic [PortW-1:0] rid_port;
  logic [CountW-1:0] rid_count;

  // The blocks below are split by signal group so that no ready depends on a valid through a
  // shared process (which Verilator would report as a combinational loop).
  always_comb begin
    ar_pick = rd_rr_q;
    if (s_axi_arvalid_i != '0) begin
      ar_pick = rr_pick(s_axi_arvalid_i, rd_rr_q);
    end
    ar_s_valid      = (s_axi_arvalid_i != '0) && rid_wr_ready;
    // The payload is only looked at when offered; selected with constant indices (a variable
    // select from the packed bus would cost shifts in simulation).
    ar_s_data       = '0;
    if (ar_s_valid) begin
      for (int unsigned p = 0; p < NumPorts; p++) begin
        if (ar_pick == PortW'(p)) begin
          ar_s_data = {s_axi_araddr_i[p], s_axi_arlen_i[p]};
        end
      end
    end
    s_axi_arready_o = '0;
    s_axi_arready_o[ar_pick] = ar_s_ready && rid_wr_ready;
    ar_take         = ar_s_valid && ar_s_ready;
  end

  // R beats go to the engine of the oldest read in flight.
  always_comb begin
    s_axi_rvalid_o           = '0;
    s_axi_rvalid_o[rid_port] = r_m_valid && rid_valid;
  end
  assign r_m_ready = rid_valid && s_axi_rready_i[rid_port];
  assign rid_pop   = r_m_valid && r_m_ready && r_m_data[0];

  sync_fifo #(
    .Width (PortW),
    .Depth (MaxOutstanding)
  ) u_rid_fifo (
    .clk_i      (clk_i),
    .rst_ni     (rst_ni),
    .flush_i    (1'b0),
    .wr_valid_i (ar_take),
    .wr_ready_o (rid_wr_ready),
    .wr_data_i  (ar_pick),
    .rd_valid_o (rid_valid),
    .rd_ready_i (rid_pop),
    .rd_data_o  (rid_port),
    .count_o    (rid_count)
  );

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
  assign s_axi_rdata_o   = r_m_data[RW-1 -: 64];
  assign s_axi_rresp_o   = r_m_data[2:1];
  assign s_axi_rlast_o   = r_m_data[0];

  // ------------------------------------------------------------------ write channel
  logic [PortW-1:0] wr_rr_q;
  logic [PortW-1:0] aw_pick;
  logic             aw_s_valid, aw_s_ready, aw_take;
  logic [AxW-1:0]   aw_s_data, aw_m_data;
  logic             w_s_valid, w_s_ready, w_last_take;
  logic [WW-1:0]    w_s_data, w_m_data;
  logic             b_m_valid, b_m_ready, b_give;
  logic [1:0]       b_m_data;
  logic             wid_wr_ready, wid_valid;
  logic [PortW-1:0] wid_port;
  logic [CountW-1:0] wid_count;
  logic             bid_wr_ready, bid_valid;
  logic [PortW-1:0] bid_port;
  logic [CountW-1:0] bid_count;
  // AWs the slave has accepted whose W beats have not all passed yet.
  logic [CountW-1:0] aw_pend_q;
  logic             w_open;

  always_comb begin
    aw_pick = wr_rr_q;
    if (s_axi_awvalid_i != '0) begin
      aw_pick = rr_pick(s_axi_awvalid_i, wr_rr_q);
    end
    aw_s_valid      = (s_axi_awvalid_i != '0) && wid_wr_ready && bid_wr_ready;
    aw_s_data       = '0;
    if (aw_s_valid) begin
      for (int unsigned p = 0; p < NumPorts; p++) begin
        if (aw_pick == PortW'(p)) begin
          aw_s_data = {s_axi_awaddr_i[p], s_axi_awlen_i[p]};
        end
      end
    end
    s_axi_awready_o = '0;
    s_axi_awready_o[aw_pick] = aw_s_ready && wid_wr_ready && bid_wr_ready;
    aw_take         = aw_s_valid && aw_s_ready;
  end

  // W beats come from the engine of the oldest burst whose data is not all sent, once the
  // slave has its address.
  assign w_open = wid_valid && (aw_pend_q != '0);
  always_comb begin
    s_axi_wready_o           = '0;
    s_axi_wready_o[wid_port] = w_open && w_s_ready;
  end
  assign w_s_valid   = w_open && s_axi_wvalid_i[wid_port];
  always_comb begin
    w_s_data = '0;
    if (w_s_valid) begin
      for (int unsigned p = 0; p < NumPorts; p++) begin
        if (wid_port == PortW'(p)) begin
          w_s_data = {s_axi_wdata_i[p], s_axi_wstrb_i[p], s_axi_wlast_i[p]};
        end
      end
    end
  end
  assign w_last_take = w_s_valid && w_s_ready && s_axi_wlast_i[wid_port];

  // B goes to the engine of the oldest write in flight.
  always_comb begin
    s_axi_bvalid_o           = '0;
    s_axi_bvalid_o[bid_port] = b_m_valid && bid_valid;
  end
  assign b_m_ready = bid_valid && s_axi_bready_i[bid_port];
  assign b_give    = b_m_valid && b_m_ready;

  sync_fifo #(
    .Width (PortW),
    .Depth (MaxOutstanding)
  ) u_wid_fifo (
    .clk_i      (clk_i),
    .rst_ni     (rst_ni),
    .flush_i    (1'b0),
    .wr_valid_i (aw_take),
    .wr_ready_o (wid_wr_ready),
    .wr_data_i  (aw_pick),
    .rd_valid_o (wid_valid),
    .rd_ready_i (w_last_take),
    .rd_data_o  (wid_port),
    .count_o    (wid_count)
  );

  sync_fifo #(
    .Width (PortW),
    .Depth (MaxOutstanding)
  ) u_bid_fifo (
    .clk_i      (clk_i),
    .rst_ni     (rst_ni),
    .flush_i    (1'b0),
    .wr_valid_i (aw_take),
    .wr_ready_o (bid_wr_ready),
    .wr_data_i  (aw_pick),
    .rd_valid_o (bid_valid),
    .rd_ready_i (b_give),
    .rd_data_o  (bid_port),
    .count_o    (bid_count)
  );

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
  assign s_axi_bresp_o   = b_m_data;

  // ------------------------------------------------------------------ registers
  // The next turn starts after the engine just served; aw_pend counts AWs accepted by the slave
  // (awready is only sampled here, at the clock edge) minus bursts whose last beat passed.
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      rd_rr_q   <= '0;
      wr_rr_q   <= '0;
      aw_pend_q <= '0;
    end else begin
      if (ar_take) begin
        rd_rr_q <= rr_next(ar_pick);
      end
      if (aw_take) begin
        wr_rr_q <= rr_next(aw_pick);
      end
      if ((m_axi_awvalid_o && m_axi_awready_i) != w_last_take) begin
        aw_pend_q <= aw_pend_q + CountW'(m_axi_awvalid_o && m_axi_awready_i)
                               - CountW'(w_last_take);
      end
    end
  end

  // The FIFO fill levels are not needed: the ready outputs already bound the transactions.
  logic unused_counts;
  assign unused_counts = ^{rid_count, wid_count, bid_count};

endmodule

`default_nettype wire
