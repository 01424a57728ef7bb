// Copyright nicsim contributors. SPDX-License-Identifier: Apache-2.0
//
// RX descriptor prefetcher: reads posted RX descriptors ahead of rx_dma, so the host memory's
// read latency is paid once per several descriptors instead of once per buffer.
//
// The prefetcher follows one queue at a time. rx_dma asks for the descriptor (queue, index) it
// needs next; if that is not the head of what the prefetcher holds, the prefetcher drops what
// it holds (and the beats of any read in flight) and restarts at that index. It then keeps up
// to Depth descriptors ahead, reading only descriptors hardware owns (index != tail), only while
// the queue is active, in bursts of up to MaxBurstLen / 2 descriptors that neither wrap the ring
// nor cross a 4 KiB boundary. With MaxBurstLen == 1 it reads just the 8-byte word holding the
// buffer address, one descriptor per burst. One read is in flight at a time.
//
// Each descriptor is kept as its buffer address plus an error flag (the read that fetched it
// answered SLVERR/DECERR). Every failed read burst pulses the dma_errors increment. A disable of
// the followed queue (rx_reset_i) drops everything held.
//
// Software never writes descriptors between head and tail (hardware owns them), so prefetched
// descriptors cannot go stale.

`default_nettype none

module rx_desc_prefetch
  import nic_regmap_pkg::*;
#(
  // Number of queues (1..MAX_QUEUES).
  parameter int unsigned NumQueues   = 4,
  // Maximum AXI beats per read burst (1..256).
  parameter int unsigned MaxBurstLen = 16,
  // Descriptor index width: rings hold up to 2**RingIdxW descriptors (3..12).
  parameter int unsigned RingIdxW    = 12,
  // Descriptors held ahead (power of two, 2..64).
  parameter int unsigned Depth       = 8
) (
  input  wire logic                               clk_i,
  input  wire logic                               rst_ni,

  // RX ring configuration and state, per queue (from nic_regs).
  input  wire logic [NumQueues-1:0][63:0]         rx_base_i,
  input  wire logic [NumQueues-1:0][RingIdxW-1:0] rx_len_mask_i,
  input  wire logic [NumQueues-1:0][RingIdxW-1:0] rx_tail_i,
  input  wire logic [NumQueues-1:0]               rx_active_i,
  input  wire logic [NumQueues-1:0]               rx_reset_i,

  // rx_dma: the descriptor it needs next, and taking it.
  input  wire logic                               req_valid_i,
  input  wire logic [3:0]                         req_q_i,
  input  wire logic [RingIdxW-1:0]                req_idx_i,
  output logic                                    desc_valid_o,
  output logic [63:0]                             desc_buf_addr_o,
  output logic                                    desc_err_o,
  input  wire logic                               desc_pop_i,

  // Statistics (to nic_regs): GCNT_DMA_ERRORS only.
  output logic [NUM_GCNT-1:0]                     gcnt_inc_o,

  // AXI4 master, read channels only.
  output logic [63:0]                             m_axi_araddr_o,
  output logic [7:0]                              m_axi_arlen_o,
  output logic                                    m_axi_arvalid_o,
  input  wire logic                               m_axi_arready_i,
  input  wire logic [63:0]                        m_axi_rdata_i,
  input  wire logic [1:0]                         m_axi_rresp_i,
  input  wire logic                               m_axi_rlast_i,
  input  wire logic                               m_axi_rvalid_i,
  output logic                                    m_axi_rready_o
);

  if (NumQueues < 1 || NumQueues > MAX_QUEUES) begin : gen_num_queues_check
    $fatal(1, "%m: NumQueues (%0d) must be in 1..%0d", NumQueues, MAX_QUEUES);
  end
  if (MaxBurstLen < 1 || MaxBurstLen > 256) begin : gen_max_burst_len_check
    $fatal(1, "%m: MaxBurstLen (%0d) must be in 1..256", MaxBurstLen);
  end
  if (RingIdxW < 3 || RingIdxW > 12) begin : gen_ring_idx_w_check
    $fatal(1, "%m: RingIdxW (%0d) must be in 3..12", RingIdxW);
  end
  if (Depth < 2 || Depth > 64 || (Depth & (Depth - 1)) != 0) begin : gen_depth_check
    $fatal(1, "%m: Depth (%0d) must be a power of two in 2..64", Depth);
  end
  if (DESC_RX_READ_BUF_ADDR_LSB % 64 != 0 || DESC_RX_READ_BUF_ADDR_WIDTH != 64 ||
      DESC_RX_READ_BUF_ADDR_LSB > 64) begin : gen_desc_layout_check
    $fatal(1, "%m: rx_read.buf_addr must fill one 64-bit word of the descriptor");
  end

  // Descriptor word (0 or 1) holding the buffer address.
  localparam bit          BUF_WORD   = (DESC_RX_READ_BUF_ADDR_LSB == 64);
  // With 1-beat bursts only the buffer-address word is read.
  localparam bit          WORD_ONLY  = (MaxBurstLen < 2);
  localparam int unsigned BurstDescs = WORD_ONLY ? 1 :
                                       ((MaxBurstLen / 2 < Depth) ? MaxBurstLen / 2 : Depth);
  localparam int unsigned CountW     = $clog2(Depth) + 1;
  localparam logic [12:0] MAX_DESCS  = 13'(BurstDescs);

  localparam int unsigned QIdxW = (NumQueues > 1) ? $clog2(NumQueues) : 1;

  // ------------------------------------------------------------------ state
  logic                bound_q;                  // following a queue
  logic [3:0]          q_q;                      // the queue followed (< NumQueues)
  logic [RingIdxW-1:0] head_idx_q;               // index of the oldest descriptor held
  logic [RingIdxW-1:0] next_idx_q;               // next index to read
  logic [CountW-1:0]   inflight_q;               // descriptors of the read in flight
  logic                drop_q;                   // discard the read in flight
  logic                beat_q;                   // word index within a descriptor
  logic [63:0]         word_q;                   // buffer-address word of the descriptor
  logic                derr_q;                   // error in the current descriptor
  logic                berr_q;                   // error in the current burst
  logic                arvalid_q;
  logic [63:0]         araddr_q;
  logic [7:0]          arlen_q;
  logic [NUM_GCNT-1:0] gcnt_inc_q, gcnt_inc_d;

  // Prefetched descriptors: {buf_addr, err}.
  logic              fifo_flush, fifo_push, fifo_valid, fifo_wr_ready;
  logic [64:0]       fifo_wdata, fifo_rdata;
  logic [CountW-1:0] fifo_count;

  // The followed queue's ring (q_q only ever holds an implemented queue: req_q_i < NumQueues).
  logic [QIdxW-1:0]    qi;
  logic [63:0]         sel_base;
  logic [RingIdxW-1:0] sel_mask, sel_tail;
  logic                sel_active, sel_reset;

  assign qi         = QIdxW'(q_q);
  assign sel_base   = rx_base_i[qi];
  assign sel_mask   = rx_len_mask_i[qi];
  assign sel_tail   = rx_tail_i[qi];
  assign sel_active = rx_active_i[qi];
  assign sel_reset  = rx_reset_i[qi];

  // ------------------------------------------------------------------ next state
  logic [63:0]         next_addr;
  logic [RingIdxW-1:0] owned;
  logic [12:0]         avail, space, to_end, to_page, descs;
  logic                hit, r_fire, last_beat, desc_done, restart, forget, issue;
  logic [CountW-1:0]   inflight_left;

  assign hit = bound_q && (q_q == req_q_i) && (head_idx_q == req_idx_i);

  always_comb begin
    gcnt_inc_d    = '0;
    fifo_flush    = 1'b0;
    fifo_push     = 1'b0;
    fifo_wdata    = '0;
    last_beat     = 1'b0;
    desc_done     = 1'b0;
    issue         = 1'b0;
    next_addr     = '0;
    owned         = '0;
    avail         = '0;
    space         = '0;
    to_end        = '0;
    to_page       = '0;
    descs         = '0;

    // Beats of the read in flight.
    m_axi_rready_o = (inflight_q != '0);
    r_fire         = m_axi_rvalid_i && m_axi_rready_o;
    if (r_fire) begin
      last_beat = m_axi_rlast_i;
      if (m_axi_rlast_i) begin
        gcnt_inc_d[GCNT_DMA_ERRORS] = berr_q || m_axi_rresp_i[1];
      end
      if (WORD_ONLY) begin
        desc_done  = 1'b1;
        fifo_push  = !drop_q;
        fifo_wdata = {m_axi_rdata_i, m_axi_rresp_i[1]};
      end else if (beat_q) begin
        // Second word: the descriptor is complete.
        desc_done  = 1'b1;
        fifo_push  = !drop_q;
        fifo_wdata = {BUF_WORD ? m_axi_rdata_i : word_q, derr_q || m_axi_rresp_i[1]};
      end
    end
    inflight_left = inflight_q - CountW'(desc_done);

    // Restart at what the consumer asks for, or forget the queue when it is disabled.
    restart = req_valid_i && !hit;
    forget  = !restart && bound_q && sel_reset;
    fifo_flush = restart || forget;

    // Read ahead: size of the next read from the descriptors owned, the room held, the ring's
    // end and the 4 KiB page end.
    if (!restart && !forget && bound_q && sel_active && !arvalid_q && inflight_q == '0) begin
      next_addr = sel_base + {{(60 - RingIdxW){1'b0}}, next_idx_q, 4'b0000};
      owned     = (sel_tail - next_idx_q) & sel_mask;
      avail     = 13'(owned);
      space     = 13'(Depth) - 13'(fifo_count);
      to_end    = 13'(sel_mask) - 13'(next_idx_q) + 13'd1;
      to_page   = (13'h1000 - {1'b0, next_addr[11:0]}) >> 4;
      descs     = MAX_DESCS;
      if (avail < descs) begin
        descs = avail;
      end
      if (space < descs) begin
        descs = space;
      end
      if (to_end < descs) begin
        descs = to_end;
      end
      if (to_page < descs) begin
        descs = to_page;
      end
      issue = (descs != 13'd0);
    end
  end

  // Registers load only in the cycles that change them (no next-state copy every cycle).
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      bound_q    <= 1'b0;
      q_q        <= '0;
      head_idx_q <= '0;
      next_idx_q <= '0;
      inflight_q <= '0;
      drop_q     <= 1'b0;
      beat_q     <= 1'b0;
      word_q     <= '0;
      derr_q     <= 1'b0;
      berr_q     <= 1'b0;
      arvalid_q  <= 1'b0;
      araddr_q   <= '0;
      arlen_q    <= '0;
      gcnt_inc_q <= '0;
    end else begin
      gcnt_inc_q <= gcnt_inc_d;
      if (arvalid_q && m_axi_arready_i) begin
        arvalid_q <= 1'b0;
      end
      if (r_fire) begin
        berr_q <= !last_beat && (berr_q || m_axi_rresp_i[1]);
        if (!WORD_ONLY) begin
          if (beat_q == BUF_WORD) begin
            word_q <= m_axi_rdata_i;
          end
          derr_q <= !beat_q && (derr_q || m_axi_rresp_i[1]);
          beat_q <= !beat_q;
        end
        inflight_q <= inflight_left;
        if (inflight_left == '0) begin
          drop_q <= 1'b0;
        end
      end
      // The consumer takes the head.
      if (desc_pop_i) begin
        head_idx_q <= (head_idx_q + 1'b1) & sel_mask;
      end
      if (restart) begin
        bound_q    <= 1'b1;
        q_q        <= req_q_i;
        head_idx_q <= req_idx_i;
        next_idx_q <= req_idx_i;
        drop_q     <= (inflight_left != '0);
      end else if (forget) begin
        bound_q <= 1'b0;
        drop_q  <= (inflight_left != '0);
      end else if (issue) begin
        arvalid_q  <= 1'b1;
        araddr_q   <= next_addr + (WORD_ONLY ? 64'(BUF_WORD) * 64'd8 : 64'd0);
        arlen_q    <= WORD_ONLY ? 8'd0 : 8'((descs << 1) - 13'd1);
        inflight_q <= CountW'(descs);
        next_idx_q <= (next_idx_q + RingIdxW'(descs)) & sel_mask;
        beat_q     <= 1'b0;
        derr_q     <= 1'b0;
      end
    end
  end

  sync_fifo #(
    .Width (65),
    .Depth (Depth)
  ) u_desc_fifo (
    .clk_i      (clk_i),
    .rst_ni     (rst_ni),
    .flush_i    (fifo_flush),
    .wr_valid_i (fifo_push),
    .wr_ready_o (fifo_wr_ready),
    .wr_data_i  (fifo_wdata),
    .rd_valid_o (fifo_valid),
    .rd_ready_i (desc_pop_i),
    .rd_data_o  (fifo_rdata),
    .count_o    (fifo_count)
  );

  assign desc_valid_o    = hit && fifo_valid;
  assign desc_buf_addr_o = fifo_rdata[64:1];
  assign desc_err_o      = fifo_rdata[0];
  assign gcnt_inc_o      = gcnt_inc_q;
  assign m_axi_araddr_o  = araddr_q;
  assign m_axi_arlen_o   = arlen_q;
  assign m_axi_arvalid_o = arvalid_q;

  // Reads are sized to the room left, so the FIFO never refuses a push.
  logic unused_prefetch;
  assign unused_prefetch = ^{fifo_wr_ready, m_axi_rresp_i[0]};

endmodule

`default_nettype wire
