// Copyright nicsim contributors. SPDX-License-Identifier: Apache-2.0
//
// Shares one AXI4 master among several DMA engines.
//
// The read channel (AR/R) and the write channel (AW/W/B) are arbitrated independently,
// round-robin. A read grant covers one transaction, from AR to the R beat with rlast. A write
// grant lasts while the granted engine has write bursts in flight (it may issue the next AW
// before earlier responses return); it passes on when the engine's last outstanding B has been
// delivered. Responses are therefore always for the granted engine and need no ID routing. Every channel passes through a skid
// buffer on the master side, so all m_axi_* outputs (including rready and bready) come from
// registers. Bursts are INCR with 8-byte beats (awsize/arsize = 3). Write data is released only
// after the slave has accepted the write address, so W never precedes AW on the master port.
//
// Engines must hold their AxVALID until accepted (AXI rule), issue one read at a time, and keep
// at most 15 write bursts outstanding.

`default_nettype none

module axi_dma_arbiter #(
  // Number of DMA engines sharing the master (1..8).
  parameter int unsigned NumPorts = 2
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

  localparam int unsigned PortW      = (NumPorts > 1) ? $clog2(NumPorts) : 1;
  localparam logic [2:0]  SIZE_8B    = 3'd3;
  localparam logic [1:0]  BURST_INCR = 2'b01;
  localparam int unsigned AxW        = 64 + 8;       // {addr, len}
  localparam int unsigned WW         = 64 + 8 + 1;   // {data, strb, last}
  localparam int unsigned RW         = 64 + 2 + 1;   // {data, resp, last}

  // Round-robin pick: the first requester at or after `start`.
  function automatic logic [PortW-1:0] rr_pick(logic [NumPorts-1:0] req, logic [PortW-1:0] start);
    logic [PortW-1:0] sel;
    logic             found;
    int unsigned      cand;
    sel   = start;
    found = 1'b0;
    for (int unsigned k = 0; k < NumPorts; k++) begin
      cand = (32'(start) + k) % NumPorts;
      for (int unsigned i = 0; i < NumPorts; i++) begin
        if (!found && cand == i && req[i]) begin
          found = 1'b1;
          sel   = PortW'(i);
        end
      end
    end
    return sel;
  endfunction

  function automatic logic [PortW-1:0] rr_next(logic [PortW-1:0] port);
    return (32'(port) + 1 >= NumPorts) ? '0 : PortW'(32'(port) + 1);
  endfunction

  // ------------------------------------------------------------------ read channel
  logic             rd_busy_q, rd_busy_d;
  logic [PortW-1:0] rd_grant_q, rd_grant_d;
  logic [PortW-1:0] rd_rr_q, rd_rr_d;
  logic             ar_done_q, ar_done_d;

  logic             ar_s_valid, ar_s_ready;
  logic [AxW-1:0]   ar_s_data, ar_m_data;
  logic             r_m_valid, r_m_ready;
  logic [RW-1:0]    r_m_data;

  always_comb begin
    rd_busy_d  = rd_busy_q;
    rd_grant_d = rd_grant_q;
    rd_rr_d    = rd_rr_q;
    ar_done_d  = ar_done_q;

    ar_s_valid      = 1'b0;
    ar_s_data       = {s_axi_araddr_i[rd_grant_q], s_axi_arlen_i[rd_grant_q]};
    s_axi_arready_o = '0;
    s_axi_rvalid_o  = '0;
    r_m_ready       = 1'b0;

    if (!rd_busy_q) begin
      if (s_axi_arvalid_i != '0) begin
        rd_busy_d  = 1'b1;
        rd_grant_d = rr_pick(s_axi_arvalid_i, rd_rr_q);
        ar_done_d  = 1'b0;
      end
    end else begin
      ar_s_valid                  = !ar_done_q && s_axi_arvalid_i[rd_grant_q];
      s_axi_arready_o[rd_grant_q] = !ar_done_q && ar_s_ready;
      if (ar_s_valid && ar_s_ready) begin
        ar_done_d = 1'b1;
      end
      s_axi_rvalid_o[rd_grant_q] = r_m_valid;
      r_m_ready                  = s_axi_rready_i[rd_grant_q];
      if (r_m_valid && r_m_ready && r_m_data[0]) begin
        rd_busy_d = 1'b0;
        rd_rr_d   = rr_next(rd_grant_q);
      end
    end
  end

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
  // A write grant lasts while the granted engine has bursts in flight, so an engine may keep
  // several bursts outstanding (responses come back in order, no IDs are needed). The grant
  // passes on when the response that empties the engine's count is delivered.
  logic             wr_busy_q, wr_busy_d;
  logic [PortW-1:0] wr_grant_q, wr_grant_d;
  logic [PortW-1:0] wr_rr_q, wr_rr_d;
  logic [3:0]       b_out_q, b_out_d;       // AWs taken from the engine, B not yet returned
  logic [3:0]       aw_pend_q, aw_pend_d;   // AWs accepted by the slave, W not all passed

  logic             aw_s_valid, aw_s_ready;
  logic [AxW-1:0]   aw_s_data, aw_m_data;
  logic             w_s_valid, w_s_ready;
  logic [WW-1:0]    w_s_data, w_m_data;
  logic             b_m_valid, b_m_ready;
  logic [1:0]       b_m_data;
  logic             aw_take, w_last_take, b_give;

  always_comb begin
    wr_busy_d  = wr_busy_q;
    wr_grant_d = wr_grant_q;
    wr_rr_d    = wr_rr_q;

    aw_s_valid      = 1'b0;
    aw_s_data       = {s_axi_awaddr_i[wr_grant_q], s_axi_awlen_i[wr_grant_q]};
    w_s_valid       = 1'b0;
    w_s_data        = {s_axi_wdata_i[wr_grant_q], s_axi_wstrb_i[wr_grant_q],
                       s_axi_wlast_i[wr_grant_q]};
    s_axi_awready_o = '0;
    s_axi_wready_o  = '0;
    s_axi_bvalid_o  = '0;
    b_m_ready       = 1'b0;

    if (!wr_busy_q) begin
      if (s_axi_awvalid_i != '0) begin
        wr_busy_d  = 1'b1;
        wr_grant_d = rr_pick(s_axi_awvalid_i, wr_rr_q);
      end
    end else begin
      aw_s_valid                  = s_axi_awvalid_i[wr_grant_q];
      s_axi_awready_o[wr_grant_q] = aw_s_ready;
      // W beats are released once the slave has taken their AW, so they never precede it.
      w_s_valid                  = (aw_pend_q != 4'd0) && s_axi_wvalid_i[wr_grant_q];
      s_axi_wready_o[wr_grant_q] = (aw_pend_q != 4'd0) && w_s_ready;
      s_axi_bvalid_o[wr_grant_q] = b_m_valid;
      b_m_ready                  = s_axi_bready_i[wr_grant_q];
    end

    aw_take     = aw_s_valid && aw_s_ready;
    w_last_take = w_s_valid && w_s_ready && s_axi_wlast_i[wr_grant_q];
    b_give      = b_m_valid && b_m_ready;

    b_out_d   = b_out_q + {3'b000, aw_take} - {3'b000, b_give};
    aw_pend_d = aw_pend_q + {3'b000, m_axi_awvalid_o && m_axi_awready_i} - {3'b000, w_last_take};

    if (wr_busy_q && b_give && b_out_d == 4'd0) begin
      wr_busy_d = 1'b0;
      wr_rr_d   = rr_next(wr_grant_q);
    end
  end

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
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      rd_busy_q  <= 1'b0;
      rd_grant_q <= '0;
      rd_rr_q    <= '0;
      ar_done_q  <= 1'b0;
      wr_busy_q  <= 1'b0;
      wr_grant_q <= '0;
      wr_rr_q    <= '0;
      b_out_q    <= '0;
      aw_pend_q  <= '0;
    end else begin
      rd_busy_q  <= rd_busy_d;
      rd_grant_q <= rd_grant_d;
      rd_rr_q    <= rd_rr_d;
      ar_done_q  <= ar_done_d;
      wr_busy_q  <= wr_busy_d;
      wr_grant_q <= wr_grant_d;
      wr_rr_q    <= wr_rr_d;
      b_out_q    <= b_out_d;
      aw_pend_q  <= aw_pend_d;
    end
  end

endmodule

`default_nettype wire
