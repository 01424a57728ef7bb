// Copyright nicsim contributors. SPDX-License-Identifier: Apache-2.0
//
// Receive DMA engine: moves the frame at the head of rx_frame_buffer into host memory through
// the posted buffers of its queue's RX ring. Descriptors come from rx_desc_prefetch; this engine
// only writes (AW/W/B).
//
// Per frame:
//  1. If the queue is not active (disabled or stopped on an error), drop it (rx_queue_off_drops).
//  2. If the ring holds fewer than ceil(len / rx_buf_size) free descriptors, drop it
//     (rx_no_desc_drops); nothing is written to host memory. The check is done without a
//     divider, as len <= free * rx_buf_size.
//  3. For each buffer: take its descriptor; a read error sets rx_status.dma_fault, a buffer
//     address that is not 8-byte aligned sets rx_status.buf_misaligned. Write the buffer's bytes
//     in INCR bursts of 8-byte beats (at most MaxBurstLen beats, never crossing a 4 KiB
//     boundary, last beat's wstrb from the byte count), up to 16 bursts in flight. Once every
//     earlier write has its response, write the descriptor back (rss_hash, rss_type, length,
//     DD, EOP on the last buffer, errors 0; one 2-beat burst, or two 1-beat bursts when
//     MaxBurstLen is 1). So DD is only written after the buffer's data is acknowledged.
//  4. The write-back is posted: the engine goes on with the next buffer or frame, and when the
//     write-back's response arrives the head advances; for the frame's last buffer rx_q_frames
//     and rx_q_bytes then count the frame. At most one write-back is pending (the next one is
//     only issued after all earlier responses), so heads advance in order.
// An error response (SLVERR/DECERR) on a data or write-back burst counts dma_errors (per failed
// burst) and sets rx_status.dma_fault (so status.dma_error); the frame is counted once in
// rx_dma_error_drops and the rest of it is discarded. A misaligned buffer counts
// rx_dma_error_drops. In both cases the head does not move past the failing descriptor. If the
// failed write-back is the last one of a frame the engine has already moved past, a following
// frame of the same queue is abandoned (rx_queue_off_drops).
//
// Queue disabled mid-frame: the engine completes the AXI bursts already issued, then abandons
// the frame (no further bursts, write-backs or head updates) and counts it in
// rx_queue_off_drops. Buffers of that frame already written are never handed back. A pending
// write-back of a disabled queue still completes (and counts its frame if it was the last) but
// does not move the head.

`default_nettype none

module rx_dma
  import nic_regmap_pkg::*;
  import dma_burst_pkg::*;
#(
  // Number of queues (1..MAX_QUEUES).
  parameter int unsigned NumQueues   = 4,
  // Maximum AXI beats per data burst (1..256).
  parameter int unsigned MaxBurstLen = 16,
  // Descriptor index width: rings hold up to 2**RingIdxW descriptors (3..12).
  parameter int unsigned RingIdxW    = 12
) (
  input  wire logic                                    clk_i,
  input  wire logic                                    rst_ni,

  // Oldest stored frame, from rx_frame_buffer.
  input  wire logic                                    frame_valid_i,
  input  wire logic [15:0]                             frame_len_i,
  input  wire logic [RX_DEFAULT_QUEUE_QUEUE_WIDTH-1:0] frame_queue_i,
  input  wire logic [DESC_RX_WB_RSS_HASH_WIDTH-1:0]    frame_rss_hash_i,
  input  wire logic [DESC_RX_WB_RSS_TYPE_WIDTH-1:0]    frame_rss_type_i,
  output logic                                         frame_done_o,
  input  wire logic                                    word_valid_i,
  output logic                                         word_ready_o,
  input  wire logic [63:0]                             word_data_i,

  // RX ring configuration and state, per queue (from nic_regs).
  input  wire logic [NumQueues-1:0][63:0]              rx_base_i,
  input  wire logic [NumQueues-1:0][RingIdxW-1:0]      rx_len_mask_i,
  input  wire logic [NumQueues-1:0][RingIdxW-1:0]      rx_head_i,
  input  wire logic [NumQueues-1:0][RingIdxW-1:0]      rx_tail_i,
  input  wire logic [NumQueues-1:0][15:0]              rx_buf_size_i,
  input  wire logic [NumQueues-1:0]                    rx_active_i,
  input  wire logic [NumQueues-1:0]                    rx_reset_i,

  // Descriptors (rx_desc_prefetch).
  output logic                                         desc_req_o,
  output logic [3:0]                                   desc_req_q_o,
  output logic [RingIdxW-1:0]                          desc_req_idx_o,
  input  wire logic                                    desc_valid_i,
  input  wire logic [63:0]                             desc_buf_addr_i,
  input  wire logic                                    desc_err_i,
  output logic                                         desc_pop_o,

  // Ring updates (to nic_regs).
  output logic                                         head_adv_o,
  output logic [3:0]                                   head_adv_q_o,
  output logic                                         status_set_o,
  output logic [3:0]                                   status_set_q_o,
  output logic [31:0]                                  status_set_bits_o,

  // Statistics (to nic_regs).
  output logic [NUM_GCNT-1:0]                          gcnt_inc_o,
  output logic                                         q_done_o,
  output logic [3:0]                                   q_done_q_o,
  output logic [15:0]                                  q_done_bytes_o,

  // AXI4 master, write channels only (INCR bursts of 8-byte beats; the arbiter fixes size and
  // burst type).
  output logic [63:0]                                  m_axi_awaddr_o,
  output logic [7:0]                                   m_axi_awlen_o,
  output logic                                         m_axi_awvalid_o,
  input  wire logic                                    m_axi_awready_i,
  output logic [63:0]                                  m_axi_wdata_o,
  output logic [7:0]                                   m_axi_wstrb_o,
  output logic                                         m_axi_wlast_o,
  output logic                                         m_axi_wvalid_o,
  input  wire logic                                    m_axi_wready_i,
  input  wire logic [1:0]                              m_axi_bresp_i,
  input  wire logic                                    m_axi_bvalid_i,
  output logic                                         m_axi_bready_o
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

  localparam int unsigned QueueW    = RX_DEFAULT_QUEUE_QUEUE_WIDTH;
  localparam int unsigned HashW     = DESC_RX_WB_RSS_HASH_WIDTH;
  localparam int unsigned TypeW     = DESC_RX_WB_RSS_TYPE_WIDTH;
  localparam logic [12:0] MAX_BURST = 13'(MaxBurstLen);
  // Write-backs are one 2-beat burst, or two 1-beat bursts when MaxBurstLen is 1.
  localparam bit          WB_SPLIT  = (MaxBurstLen < 2);
  localparam logic [7:0]  WB_AWLEN  = WB_SPLIT ? 8'd0 : 8'd1;
  localparam logic [1:0]  WB_BURSTS = WB_SPLIT ? 2'd2 : 2'd1;
  // Bursts in flight at most: enough to cover the round trip of a host memory behind PCIe
  // (~125 cycles) at full rate. Equals the burst-length FIFO depth.
  localparam int unsigned WrOutstanding = 16;
  localparam int unsigned WrOutW        = $clog2(WrOutstanding) + 1;
  localparam logic [WrOutW-1:0] MAX_WR_OUTSTANDING = WrOutW'(WrOutstanding);

  localparam int unsigned QIdxW = (NumQueues > 1) ? $clog2(NumQueues) : 1;

  typedef enum logic [2:0] {
    ST_IDLE,
    ST_CHECK,   // queue state and free-descriptor check
    ST_DESC,    // take the buffer's descriptor
    ST_DATA,    // write the buffer: issue bursts, send beats; also drains before stopping
    ST_WB_AW,   // issue the descriptor write-back (posted)
    ST_WB_W,
    ST_FINISH   // release the frame, count drops
  } state_e;

  typedef enum logic [2:0] {
    FIN_OK,
    FIN_QUEUE_OFF,
    FIN_NO_DESC,
    FIN_MISALIGNED,
    FIN_FAULT
  } finish_e;

  // Simulation speed: the registers are loaded only in the cycles that change them (in the
  // sequential block below, state by state) instead of through a next-state copy of every
  // register each cycle; the combinational block computes the outputs and the decisions both
  // sides need, and works out per-state values only in their state. Verilator evaluates every
  // statement of a process every cycle, so this keeps an idle or streaming cycle cheap.

  // Frame being processed.
  state_e               state_q;
  finish_e              fin_q;
  logic [QueueW-1:0]    q_q;
  logic [15:0]          len_q;
  logic [HashW-1:0]     hash_q;
  logic [TypeW-1:0]     type_q;
  logic [63:0]          base_q;
  logic [RingIdxW-1:0]  mask_q;
  logic [RingIdxW-1:0]  idx_q;          // descriptor of the current buffer
  logic [15:0]          bs_q;
  logic [15:0]          off_q;          // frame bytes placed in earlier buffers
  logic [15:0]          blen_q;         // frame bytes for the current buffer
  logic [63:0]          aw_addr_q;      // address of the next data burst
  logic [12:0]          aw_left_q;      // buffer beats not yet covered by a burst
  logic [12:0]          w_left_q;       // buffer beats not yet sent
  logic [8:0]           w_cnt_q;        // beats sent in the current burst
  logic                 werr_q;         // a write of this frame failed
  logic                 wb_half_q;      // second half of a split write-back
  logic                 abort_q;        // this frame is abandoned

  // All write bursts: in flight from address acceptance to response.
  logic [WrOutW-1:0]    b_out_q;

  // The pending (posted) write-back.
  logic                 pend_valid_q;
  logic [QueueW-1:0]    pend_q_q;
  logic [RingIdxW-1:0]  pend_idx_q;
  logic [15:0]          pend_len_q;     // frame length
  logic                 pend_last_q;    // the frame's last buffer
  logic                 pend_cur_q;     // of the frame still being processed
  logic                 pend_off_q;     // its queue was disabled meanwhile
  logic [1:0]           pend_b_q;       // write-back responses still due
  logic                 pend_err_q;

  logic                 awvalid_q;
  logic [63:0]          awaddr_q;
  logic [7:0]           awlen_q;

  // Registered reports to nic_regs.
  logic                 head_adv_q;
  logic [QueueW-1:0]    head_adv_id_q;
  logic                 status_set_q;
  logic [QueueW-1:0]    status_id_q;
  logic [31:0]          status_bits_q;
  logic [NUM_GCNT-1:0]  gcnt_inc_q, gcnt_inc_d;
  logic                 q_done_q;
  logic [QueueW-1:0]    q_done_id_q;
  logic [15:0]          q_done_bytes_q;

  // Burst-length FIFO between the address and data sides of the data phase.
  logic              blq_push, blq_pop, blq_valid, blq_wr_ready;
  logic [8:0]        blq_len;
  logic [WrOutW-1:0] blq_count;

  // ------------------------------------------------------------------ queue configuration
  // q_q and pend_q_q only ever hold implemented queues (frame_queue_i < NumQueues).
  logic [63:0]          sel_base;
  logic [RingIdxW-1:0]  sel_mask, sel_head, sel_tail, start_idx, sel_free;
  logic [15:0]          sel_bs;
  logic                 sel_active, sel_reset, pend_reset;
  logic [27:0]          free_bytes;

  assign sel_base   = rx_base_i[QIdxW'(q_q)];
  assign sel_mask   = rx_len_mask_i[QIdxW'(q_q)];
  assign sel_head   = rx_head_i[QIdxW'(q_q)];
  assign sel_tail   = rx_tail_i[QIdxW'(q_q)];
  assign sel_bs     = rx_buf_size_i[QIdxW'(q_q)];
  assign sel_active = rx_active_i[QIdxW'(q_q)];
  assign sel_reset  = rx_reset_i[QIdxW'(q_q)];
  assign pend_reset = rx_reset_i[QIdxW'(pend_q_q)];

  // Byte strobe for the last beat of a buffer holding `bytes` (mod 8) bytes.
  function automatic logic [7:0] last_strb(logic [2:0] bytes);
    logic [7:0] s;
    case (bytes)
      3'd0:    s = 8'hFF;
      3'd1:    s = 8'h01;
      3'd2:    s = 8'h03;
      3'd3:    s = 8'h07;
      3'd4:    s = 8'h0F;
      3'd5:    s = 8'h1F;
      3'd6:    s = 8'h3F;
      default: s = 8'h7F;
    endcase
    return s;
  endfunction


  // Word `hi` of the write-back descriptor of the current buffer.
  function automatic logic [63:0] wb_word(logic hi, logic [HashW-1:0] hash, logic [TypeW-1:0] typ,
                                          logic [15:0] blen, logic eop);
    logic [127:0] d;
    d = '0;
    d[DESC_RX_WB_RSS_HASH_LSB +: DESC_RX_WB_RSS_HASH_WIDTH] = hash;
    d[DESC_RX_WB_RSS_TYPE_LSB +: DESC_RX_WB_RSS_TYPE_WIDTH] = typ;
    d[DESC_RX_WB_LENGTH_LSB +: DESC_RX_WB_LENGTH_WIDTH]     = blen;
    d[DESC_RX_WB_DD_LSB +: DESC_RX_WB_DD_WIDTH]             = 1'b1;
    d[DESC_RX_WB_EOP_LSB +: DESC_RX_WB_EOP_WIDTH]           = eop;
    d[DESC_RX_WB_ERRORS_LSB +: DESC_RX_WB_ERRORS_WIDTH]     = '0;
    return hi ? d[127:64] : d[63:0];
  endfunction

  // ------------------------------------------------------------------ decisions and outputs
  logic         b_fire, b_err, wb_b_fire, wb_done, wb_err, cmpl_report, cmpl_stop;
  logic         abort_now, werr_now, pend_off_now, w_fire, last_buf, issue, data_done;
  logic [63:0]  desc_addr;
  logic [15:0]  remaining, blen_new;
  logic [12:0]  burst, beats_new;

  always_comb begin
    // ---------------------------------------------------------------- responses
    // In order: the pending write-back's responses come first (nothing was in flight when it
    // was issued), then those of data bursts issued after it.
    m_axi_bready_o = (b_out_q != '0);
    b_fire         = m_axi_bvalid_i && m_axi_bready_o;
    b_err          = m_axi_bresp_i[1];
    wb_b_fire      = b_fire && (pend_b_q != 2'd0);       // a response of the write-back
    wb_done        = wb_b_fire && (pend_b_q == 2'd1);    // its last response
    wb_err         = pend_err_q || b_err;                // failed (valid with wb_done)
    cmpl_report    = wb_done && wb_err;                  // a failure reported this cycle
    // A failed write-back of a frame already released (or of its last buffer): a following
    // frame of the same queue is stopped.
    cmpl_stop      = cmpl_report && !(pend_cur_q && !pend_last_q);
    pend_off_now   = pend_off_q || (pend_valid_q && pend_reset);
    abort_now      = abort_q || (state_q != ST_IDLE && sel_reset) ||
                     (cmpl_stop && state_q != ST_IDLE && q_q == pend_q_q);
    werr_now       = werr_q || (b_fire && pend_b_q == 2'd0 && b_err) ||
                     (cmpl_report && pend_cur_q && !pend_last_q);

    gcnt_inc_d                          = '0;
    gcnt_inc_d[GCNT_DMA_ERRORS]         = b_fire && b_err;
    gcnt_inc_d[GCNT_RX_DMA_ERROR_DROPS] = cmpl_stop && pend_last_q;

    // ---------------------------------------------------------------- frame state machine
    frame_done_o   = 1'b0;
    word_ready_o   = 1'b0;
    desc_pop_o     = 1'b0;
    m_axi_wvalid_o = 1'b0;
    m_axi_wdata_o  = word_data_i;
    m_axi_wstrb_o  = 8'hFF;
    m_axi_wlast_o  = 1'b0;
    w_fire         = 1'b0;
    blq_push       = 1'b0;
    blq_pop        = 1'b0;
    issue          = 1'b0;
    data_done      = 1'b0;
    last_buf       = 1'b0;
    desc_addr      = '0;
    remaining      = '0;
    blen_new       = '0;
    beats_new      = '0;
    burst          = '0;
    start_idx      = '0;
    sel_free       = '0;
    free_bytes     = '0;

    unique case (state_q)
      ST_CHECK: begin
        // The frame starts after the pending write-back's descriptor if that is of the same
        // queue: the head in nic_regs only moves when the write-back's response arrives.
        start_idx  = (pend_valid_q && !pend_off_q && pend_q_q == q_q) ?
                     ((pend_idx_q + 1'b1) & sel_mask) : sel_head;
        sel_free   = (sel_tail - start_idx) & sel_mask;
        free_bytes = 28'(sel_free) * 28'(sel_bs);
      end

      ST_DESC: begin
        remaining = len_q - off_q;
        blen_new  = (remaining > bs_q) ? bs_q : remaining;
        beats_new = 13'((32'(blen_new) + 32'd7) >> 3);
        desc_pop_o = !(abort_q || werr_q) && desc_valid_i;
      end

      ST_DATA: begin
        // Issue: the next burst of the buffer, unless stopping. Beats to the next 4 KiB
        // boundary (the address is 8-byte aligned): 1..512.
        burst = next_burst_beats(aw_left_q, MAX_BURST, aw_addr_q[11:0]);
        issue    = !awvalid_q && aw_left_q != 13'd0 && !abort_q && !werr_q &&
                   b_out_q < MAX_WR_OUTSTANDING;
        blq_push = issue;
        // Data: beats of the oldest issued burst whose data is not yet sent.
        m_axi_wvalid_o = blq_valid && word_valid_i;
        m_axi_wdata_o  = word_data_i;
        m_axi_wstrb_o  = (w_left_q == 13'd1) ? last_strb(blen_q[2:0]) : 8'hFF;
        m_axi_wlast_o  = (w_cnt_q + 9'd1 == blq_len);
        word_ready_o   = blq_valid && m_axi_wready_i;
        w_fire         = m_axi_wvalid_o && m_axi_wready_i;
        blq_pop        = w_fire && m_axi_wlast_o;
        // Done when nothing is left to issue or send and every earlier write is answered.
        data_done = !awvalid_q && !blq_valid && b_out_q == '0 &&
                    (aw_left_q == 13'd0 || abort_q || werr_q);
      end

      ST_WB_AW: begin
        last_buf  = (off_q + blen_q) == len_q;
        desc_addr = base_q + {{(60 - RingIdxW){1'b0}}, idx_q, 4'b0000};
      end

      ST_WB_W: begin
        last_buf = (off_q + blen_q) == len_q;
        m_axi_wvalid_o = !awvalid_q;
        m_axi_wdata_o  = wb_word(wb_half_q || !WB_SPLIT && w_cnt_q[0], hash_q, type_q, blen_q,
                                 last_buf);
        m_axi_wstrb_o  = 8'hFF;
        m_axi_wlast_o  = WB_SPLIT || w_cnt_q[0];
        w_fire         = m_axi_wvalid_o && m_axi_wready_i;
      end

      ST_FINISH: begin
        // A write-back failure reported this cycle has the status and counter ports.
        if (!cmpl_report) begin
          frame_done_o = 1'b1;
          unique case (fin_q)
            FIN_OK: ;  // counted when its last write-back is answered
            FIN_QUEUE_OFF:  gcnt_inc_d[GCNT_RX_QUEUE_OFF_DROPS] = 1'b1;
            FIN_NO_DESC:    gcnt_inc_d[GCNT_RX_NO_DESC_DROPS]   = 1'b1;
            // FIN_MISALIGNED, and FIN_FAULT (dma_errors was counted per failed burst).
            default:        gcnt_inc_d[GCNT_RX_DMA_ERROR_DROPS] = 1'b1;
          endcase
        end
      end

      default: ;
    endcase
  end

  // Lengths of issued data bursts whose beats are not all sent yet, oldest first.
  sync_fifo #(
    .Width (9),
    .Depth (WrOutstanding)
  ) u_burst_len_fifo (
    .clk_i      (clk_i),
    .rst_ni     (rst_ni),
    .flush_i    (1'b0),
    .wr_valid_i (blq_push),
    .wr_ready_o (blq_wr_ready),
    .wr_data_i  (9'(burst)),
    .rd_valid_o (blq_valid),
    .rd_ready_i (blq_pop),
    .rd_data_o  (blq_len),
    .count_o    (blq_count)
  );

  // ------------------------------------------------------------------ registers
  // Statements later in this block win over earlier ones (the state machine over the response
  // handling), as in a next-state function evaluated top to bottom.
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q        <= ST_IDLE;
      fin_q          <= FIN_OK;
      q_q            <= '0;
      len_q          <= '0;
      hash_q         <= '0;
      type_q         <= '0;
      base_q         <= '0;
      mask_q         <= '0;
      idx_q          <= '0;
      bs_q           <= '0;
      off_q          <= '0;
      blen_q         <= '0;
      aw_addr_q      <= '0;
      aw_left_q      <= '0;
      w_left_q       <= '0;
      w_cnt_q        <= '0;
      werr_q         <= 1'b0;
      wb_half_q      <= 1'b0;
      abort_q        <= 1'b0;
      b_out_q        <= '0;
      pend_valid_q   <= 1'b0;
      pend_q_q       <= '0;
      pend_idx_q     <= '0;
      pend_len_q     <= '0;
      pend_last_q    <= 1'b0;
      pend_cur_q     <= 1'b0;
      pend_off_q     <= 1'b0;
      pend_b_q       <= '0;
      pend_err_q     <= 1'b0;
      awvalid_q      <= 1'b0;
      awaddr_q       <= '0;
      awlen_q        <= '0;
      head_adv_q     <= 1'b0;
      head_adv_id_q  <= '0;
      status_set_q   <= 1'b0;
      status_id_q    <= '0;
      status_bits_q  <= '0;
      gcnt_inc_q     <= '0;
      q_done_q       <= 1'b0;
      q_done_id_q    <= '0;
      q_done_bytes_q <= '0;
    end else begin
      // -------------------------------------------------------------- always
      gcnt_inc_q   <= gcnt_inc_d;
      abort_q      <= (state_q == ST_IDLE) ? 1'b0 : abort_now;
      werr_q       <= (state_q == ST_IDLE) ? 1'b0 : werr_now;
      pend_off_q   <= pend_off_now;
      head_adv_q   <= 1'b0;
      status_set_q <= 1'b0;
      q_done_q     <= 1'b0;
      if (awvalid_q && m_axi_awready_i) begin
        awvalid_q <= 1'b0;
      end
      if ((awvalid_q && m_axi_awready_i) != b_fire) begin
        b_out_q <= b_out_q + WrOutW'(awvalid_q && m_axi_awready_i) - WrOutW'(b_fire);
      end

      // -------------------------------------------------------------- write-back responses
      if (wb_b_fire) begin
        pend_b_q   <= pend_b_q - 2'd1;
        pend_err_q <= wb_err;
      end
      if (wb_done) begin
        pend_valid_q <= 1'b0;
        if (!wb_err) begin
          head_adv_q     <= !pend_off_now;
          head_adv_id_q  <= pend_q_q;
          q_done_q       <= pend_last_q;
          q_done_id_q    <= pend_q_q;
          q_done_bytes_q <= pend_len_q;
        end else begin
          status_set_q  <= 1'b1;
          status_id_q   <= pend_q_q;
          status_bits_q <= 32'd1 << RX_STATUS_DMA_FAULT_LSB;
        end
      end

      // -------------------------------------------------------------- frame state machine
      unique case (state_q)
        ST_IDLE: begin
          // Wait while a head or status update is on its way to nic_regs, so the checks see
          // the updated ring state.
          if (frame_valid_i && !head_adv_q && !status_set_q && !wb_done) begin
            q_q     <= frame_queue_i;
            len_q   <= frame_len_i;
            hash_q  <= frame_rss_hash_i;
            type_q  <= frame_rss_type_i;
            state_q <= ST_CHECK;
          end
        end

        ST_CHECK: begin
          base_q <= sel_base;
          mask_q <= sel_mask;
          idx_q  <= start_idx;
          bs_q   <= sel_bs;
          off_q  <= '0;
          if (!sel_active || abort_now) begin
            fin_q   <= FIN_QUEUE_OFF;
            state_q <= ST_FINISH;
          end else if (28'(len_q) > free_bytes) begin
            fin_q   <= FIN_NO_DESC;
            state_q <= ST_FINISH;
          end else begin
            state_q <= ST_DESC;
          end
        end

        ST_DESC: begin
          blen_q    <= blen_new;
          aw_left_q <= (abort_q || werr_q) ? 13'd0 : beats_new;
          w_left_q  <= beats_new;
          aw_addr_q <= desc_buf_addr_i;
          w_cnt_q   <= '0;
          if (abort_q || werr_q) begin
            state_q <= ST_DATA;  // drain, then finish
          end else if (desc_valid_i) begin
            if (desc_err_i) begin
              fin_q   <= FIN_FAULT;
              state_q <= ST_FINISH;
            end else if (desc_buf_addr_i[2:0] != 3'd0) begin
              fin_q   <= FIN_MISALIGNED;
              state_q <= ST_FINISH;
            end else begin
              state_q <= ST_DATA;
            end
          end
        end

        ST_DATA: begin
          if (issue) begin
            awvalid_q <= 1'b1;
            awaddr_q  <= aw_addr_q;
            awlen_q   <= 8'(burst - 13'd1);
            aw_addr_q <= aw_addr_q + {48'd0, burst, 3'b000};
            aw_left_q <= aw_left_q - burst;
          end
          if (w_fire) begin
            w_left_q <= w_left_q - 13'd1;
            w_cnt_q  <= m_axi_wlast_o ? 9'd0 : w_cnt_q + 9'd1;
          end
          if (data_done) begin
            if (werr_q) begin
              fin_q   <= FIN_FAULT;
              state_q <= ST_FINISH;
            end else if (abort_q) begin
              fin_q   <= FIN_QUEUE_OFF;
              state_q <= ST_FINISH;
            end else begin
              wb_half_q <= 1'b0;
              state_q   <= ST_WB_AW;
            end
          end
        end

        ST_WB_AW: begin
          if (abort_q || werr_q) begin
            aw_left_q <= '0;
            state_q   <= ST_DATA;  // drain, then finish
          end else begin
            awvalid_q <= 1'b1;
            awaddr_q  <= desc_addr + (wb_half_q ? 64'd8 : 64'd0);
            awlen_q   <= WB_AWLEN;
            if (!wb_half_q) begin
              // Nothing else is in flight now: this write-back's responses come next.
              pend_valid_q <= 1'b1;
              pend_q_q     <= q_q;
              pend_idx_q   <= idx_q;
              pend_len_q   <= len_q;
              pend_last_q  <= last_buf;
              pend_cur_q   <= 1'b1;
              pend_off_q   <= 1'b0;
              pend_b_q     <= WB_BURSTS;
              pend_err_q   <= 1'b0;
            end
            state_q <= ST_WB_W;
          end
        end

        ST_WB_W: begin
          if (w_fire) begin
            w_cnt_q <= w_cnt_q + 9'd1;
            if (m_axi_wlast_o) begin
              w_cnt_q <= '0;
              if (WB_SPLIT && !wb_half_q) begin
                wb_half_q <= 1'b1;
                state_q   <= ST_WB_AW;
              end else begin
                // Posted: go on with the next buffer, or release the frame.
                idx_q <= (idx_q + 1'b1) & mask_q;
                off_q <= off_q + blen_q;
                if (last_buf) begin
                  fin_q   <= FIN_OK;
                  state_q <= ST_FINISH;
                end else begin
                  state_q <= ST_DESC;
                end
              end
            end
          end
        end

        ST_FINISH: begin
          if (!cmpl_report) begin
            pend_cur_q <= 1'b0;
            if (fin_q == FIN_MISALIGNED || fin_q == FIN_FAULT) begin
              status_set_q  <= 1'b1;
              status_id_q   <= q_q;
              status_bits_q <= (fin_q == FIN_MISALIGNED) ? 32'd1 << RX_STATUS_BUF_MISALIGNED_LSB :
                                                           32'd1 << RX_STATUS_DMA_FAULT_LSB;
            end
            state_q <= ST_IDLE;
          end
        end

        default: begin
          state_q <= ST_IDLE;
        end
      endcase
    end
  end

  // ------------------------------------------------------------------ outputs
  assign desc_req_o     = (state_q == ST_DESC);
  assign desc_req_q_o   = 4'(q_q);
  assign desc_req_idx_o = idx_q;

  assign m_axi_awaddr_o  = awaddr_q;
  assign m_axi_awlen_o   = awlen_q;
  assign m_axi_awvalid_o = awvalid_q;

  assign head_adv_o        = head_adv_q;
  assign head_adv_q_o      = 4'(head_adv_id_q);
  assign status_set_o      = status_set_q;
  assign status_set_q_o    = 4'(status_id_q);
  assign status_set_bits_o = status_bits_q;
  assign gcnt_inc_o        = gcnt_inc_q;
  assign q_done_o          = q_done_q;
  assign q_done_q_o        = 4'(q_done_id_q);
  assign q_done_bytes_o    = q_done_bytes_q;

  // Only bit 1 of a response matters: SLVERR (2'b10) and DECERR (2'b11) are errors.
  logic unused_resp;
  assign unused_resp = m_axi_bresp_i[0];
  // The issue limit (MAX_WR_OUTSTANDING = FIFO depth) guarantees room in the burst FIFO.
  logic unused_blq;
  assign unused_blq = ^{blq_wr_ready, blq_count};

endmodule

`default_nettype wire
