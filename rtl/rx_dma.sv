// Copyright nicsim contributors. SPDX-License-Identifier: Apache-2.0
//
// Receive DMA engine: moves the frame at the head of rx_frame_buffer into host memory through
// the posted buffers of its queue's RX ring, and hands each buffer whose data is acknowledged
// to desc_writeback. Descriptors come from desc_fetch (its RX instance). This engine only
// writes (AW/W/B).
//
// Per frame (the frame state machine):
//  1. If the queue is not active (disabled, stopped on an error, or stopped by this engine after
//     a failed write of it), drop the frame (rx_queue_off_drops).
//  2. If the ring holds fewer than ceil(len / rx_buf_size) posted descriptors not yet used,
//     drop it (rx_no_desc_drops); nothing is written to host memory. The check is done without
//     a divider, as len <= posted * rx_buf_size.
//  3. For each buffer: take its descriptor from the cache (waiting if it is still being
//     fetched); a read error sets rx_status.dma_fault, a buffer address that is not 8-byte
//     aligned sets rx_status.buf_misaligned (the frame counts rx_dma_error_drops, the queue
//     stops). Issue the buffer's INCR bursts of 8-byte beats (at most MaxBurstLen beats, never
//     crossing a 4 KiB boundary), one AW per cycle, up to WrOutstanding in flight; then record
//     the buffer (queue, index, length, EOP, RSS hash and type, bursts) in the completion FIFO.
//  4. Once every burst of the frame is issued, wait for the last beat to leave (the W side
//     below), release the frame, and take the next one: the next frame's bursts go out while
//     the responses of this one are still on their way. Nothing waits for a write response.
// The W side sends the beats of the issued bursts in order, from rx_frame_buffer's words, the
// last beat of a buffer with the strobes of its byte count, WLAST on each burst's last beat.
//
// Completion (in order of the write responses, which the slave returns in AW order): when every
// burst of the oldest recorded buffer is answered, the buffer goes to desc_writeback (which
// writes DD only after this, so DD always follows the data), with `more` set if another buffer
// of the queue is already recorded behind it.
//
// Write responses are always taken (BREADY is high while any burst is in flight), whatever the
// completion side is waiting for: an answer pointer walks the record ring ahead of the
// completion side and marks each record answered (and whether a response of it failed) as its
// last response arrives. The B channel is shared with desc_writeback and answered in AW order,
// so holding a response here until desc_writeback takes a completion would let desc_writeback
// wait (for slots, for its own responses queued behind ours, for the slave's write window) on
// this engine while this engine waits on it: a deadlock once enough writes are in flight, as at
// 2 us host latency and 64-byte line rate. A frame is counted once, at its last record:
// by desc_writeback if its last buffer went there, else here (rx_dma_error_drops if any write
// of it failed, else rx_queue_off_drops).
//
// Errors: a write answered SLVERR/DECERR counts dma_errors (per failed burst) and sets the
// queue's dma_fault; the queue stops at once here, so no later buffer of it goes to
// write-back, and frames of it already issued count rx_queue_off_drops. Buffers of the failed
// frame completed before the failure keep DD without EOP (the queue must be re-initialised).
//
// Queue disabled (rx_reset_i) mid-frame: the bursts already issued complete, then the frame is
// abandoned (no further bursts) and counted in rx_queue_off_drops; buffers of the queue issued
// before the disable never reach write-back (counted exactly: the records of the queue at the
// disable, whatever follows). Buffers already written are never handed back.
//
// Status reports go to nic_regs through one registered port, shared with desc_writeback's (a
// failed write-back): each source holds its report until the port takes it.
//
// Simulation speed: the state machine, the W side and the completion side are each evaluated
// only in cycles in which they have something to do; the burst and record queues are rings read
// only then; a queue's disable marks its records in one pass, in that cycle only.

`default_nettype none

module rx_dma #(
  // Number of queues (1..16).
  parameter int unsigned NumQueues     = 4,
  // Maximum AXI beats per data burst (1..256).
  parameter int unsigned MaxBurstLen   = 16,
  // Descriptor index width: rings hold up to 2**RingIdxW descriptors (3..12).
  parameter int unsigned RingIdxW      = 12,
  // Write bursts in flight at most (power of two, 4..64); also the depth of the burst and
  // record rings. At 1 us host latency 64-byte line rate needs about 16.
  parameter int unsigned WrOutstanding = 32,
  // Payload of a completion for desc_writeback: {rss_hash, rss_type, length}; derived.
  localparam int unsigned CmplW = nic_regmap_pkg::DESC_RX_WB_RSS_HASH_WIDTH +
                                  nic_regmap_pkg::DESC_RX_WB_RSS_TYPE_WIDTH +
                                  nic_regmap_pkg::DESC_RX_WB_LENGTH_WIDTH
) (
  input  wire logic                                    clk_i,
  input  wire logic                                    rst_ni,

  // Oldest stored frame, from rx_frame_buffer.
  input  wire logic                                    frame_valid_i,
  input  wire logic [15:0]                             frame_len_i,
  input  wire logic [3:0]                              frame_queue_i,
  input  wire logic [nic_regmap_pkg::DESC_RX_WB_RSS_HASH_WIDTH-1:0] frame_rss_hash_i,
  input  wire logic [nic_regmap_pkg::DESC_RX_WB_RSS_TYPE_WIDTH-1:0] frame_rss_type_i,
  output logic                                         frame_done_o,
  input  wire logic                                    word_valid_i,
  output logic                                         word_ready_o,
  input  wire logic [63:0]                             word_data_i,

  // RX ring state, per queue (from nic_regs).
  input  wire logic [NumQueues-1:0][15:0]              rx_buf_size_i,
  input  wire logic [NumQueues-1:0]                    rx_active_i,
  input  wire logic [NumQueues-1:0]                    rx_reset_i,

  // Descriptors (desc_fetch): while desc_en_o, the queue looked at, its next descriptor,
  // taking it.
  output logic                                         desc_en_o,
  output logic [3:0]                                   desc_q_o,
  input  wire logic                                    desc_valid_i,
  input  wire logic [63:0]                             desc_buf_addr_i,
  input  wire logic                                    desc_err_i,
  input  wire logic [RingIdxW-1:0]                     desc_idx_i,
  input  wire logic [RingIdxW-1:0]                     desc_owned_i,
  output logic                                         desc_pop_o,

  // Buffers whose data is acknowledged (desc_writeback).
  output logic                                         cmpl_valid_o,
  input  wire logic                                    cmpl_ready_i,
  output logic [3:0]                                   cmpl_q_o,
  output logic [RingIdxW-1:0]                          cmpl_idx_o,
  output logic [CmplW-1:0]                             cmpl_data_o,
  output logic                                         cmpl_last_o,
  output logic [15:0]                                  cmpl_bytes_o,
  output logic                                         cmpl_more_o,

  // A failed write-back (desc_writeback): forwarded as dma_fault.
  input  wire logic                                    wb_status_valid_i,
  input  wire logic [3:0]                              wb_status_q_i,
  output logic                                         wb_status_ready_o,

  // Status reports (to nic_regs).
  output logic                                         status_set_o,
  output logic [3:0]                                   status_set_q_o,
  output logic [31:0]                                  status_set_bits_o,

  // Statistics (to nic_regs).
  output logic [nic_regmap_pkg::NUM_GCNT-1:0]          gcnt_inc_o,

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

  if (NumQueues < 1 || NumQueues > 16) begin : gen_num_queues_check
    $fatal(1, "%m: NumQueues (%0d) must be in 1..16", NumQueues);
  end
  if (MaxBurstLen < 1 || MaxBurstLen > 256) begin : gen_max_burst_len_check
    $fatal(1, "%m: MaxBurstLen (%0d) must be in 1..256", MaxBurstLen);
  end
  if (RingIdxW < 3 || RingIdxW > 12) begin : gen_ring_idx_w_check
    $fatal(1, "%m: RingIdxW (%0d) must be in 3..12", RingIdxW);
  end
  if (WrOutstanding < 4 || WrOutstanding > 64 || (WrOutstanding & (WrOutstanding - 1)) != 0)
  begin : gen_outstanding_check
    $fatal(1, "%m: WrOutstanding (%0d) must be a power of two in 4..64", WrOutstanding);
  end

  localparam int unsigned QIdxW     = (NumQueues > 1) ? $clog2(NumQueues) : 1;
  localparam int unsigned HashW     = nic_regmap_pkg::DESC_RX_WB_RSS_HASH_WIDTH;
  localparam int unsigned TypeW     = nic_regmap_pkg::DESC_RX_WB_RSS_TYPE_WIDTH;
  localparam int unsigned PtrW      = $clog2(WrOutstanding);
  localparam int unsigned OutW      = PtrW + 1;
  localparam logic [12:0] MAX_BURST = 13'(MaxBurstLen);
  // Burst ring entry {beats, ends a buffer, ends the frame, bytes in the last beat mod 8}.
  localparam int unsigned BlqW      = 9 + 1 + 1 + 3;
  // Record ring entry {queue, index, length, hash, type, frame length, bursts, frame end,
  // complete buffer, error reason}.
  localparam int unsigned NbW       = 12;
  localparam int unsigned RecW      = 4 + RingIdxW + 16 + HashW + TypeW + 16 + NbW + 3;

  typedef enum logic [1:0] {
    ST_IDLE,    // the next frame: queue state and free-descriptor check
    ST_BUF,     // take the next buffer's descriptor (and issue its first burst)
    ST_ISSUE,   // issue the buffer's remaining bursts
    ST_DRAIN    // wait for the frame's beats to leave, then release it
  } state_e;

  // ------------------------------------------------------------------ state
  state_e               state_q;
  logic [QIdxW-1:0]     q_q;
  logic [15:0]          len_q;
  logic [HashW-1:0]     hash_q;
  logic [TypeW-1:0]     type_q;
  logic [15:0]          bs_q;
  logic [15:0]          off_q;          // frame bytes in earlier buffers
  logic [15:0]          blen_q;         // frame bytes in this buffer
  logic [RingIdxW-1:0]  idx_q;          // this buffer's descriptor
  logic [63:0]          aw_addr_q;      // next burst's address
  logic [12:0]          aw_left_q;      // beats of the buffer not yet in a burst
  logic [NbW-1:0]       nb_q;           // bursts of this buffer issued
  logic                 any_rec_q;      // a record of this frame was pushed
  logic                 abort_q;        // draining an abandoned frame

  logic                 awvalid_q;
  logic [63:0]          awaddr_q;
  logic [7:0]           awlen_q;
  logic [OutW-1:0]      b_out_q;        // bursts from AW to B

  // The burst ring (W side) and the record ring (completion side).
  logic [BlqW-1:0]      blq_q [WrOutstanding];
  logic [OutW-1:0]      blq_wr_q, blq_rd_q;
  logic [8:0]           wcnt_q;         // beats of the head burst sent
  logic [RecW-1:0]      rec_q [WrOutstanding];
  logic [WrOutstanding-1:0] rec_dead_q; // recorded before its queue's disable
  logic [OutW-1:0]      rec_wr_q, rec_rd_q;
  logic [OutW-1:0]      ans_q;          // oldest record not yet fully answered (rd..ans..wr)
  logic [WrOutstanding-1:0] rec_berr_q; // answered records: a response of it failed

  // Completion side.
  logic [NbW-1:0]       bseen_q;        // responses seen of the record at ans_q
  logic                 berr_q;         // one of them failed
  logic                 fbad_q;         // the frame being completed failed
  logic [NumQueues-1:0][OutW-1:0] recs_q;   // records of the queue in the ring
  logic [NumQueues-1:0] qfail_q;              // stopped here after an error

  // Output register to desc_writeback.
  logic                 out_valid_q;
  logic [3:0]           out_q_q;
  logic [RingIdxW-1:0]  out_idx_q;
  logic [CmplW-1:0]     out_data_q;
  logic                 out_last_q;
  logic [15:0]          out_bytes_q;
  logic                 out_more_q;

  // The status report of this cycle (a one-cycle pulse): its queue, and whether it is
  // buf_misaligned (else dma_fault).
  logic                 status_set_q;
  logic [3:0]           status_q_q;
  logic                 status_misaligned_q;

  logic                 gerr_q, nodesc_q;   // dma_errors, rx_no_desc_drops this cycle
  logic [5:0]           off_backlog_q, err_backlog_q;

  // ------------------------------------------------------------------ queue reset
  logic             any_reset;
  logic [QIdxW-1:0] rq;
  always_comb begin
    any_reset = (rx_reset_i != '0);
    rq        = '0;
    if (any_reset) begin
      for (int unsigned k = 0; k < NumQueues; k++) begin
        if (rx_reset_i[k]) begin
          rq = QIdxW'(k);
        end
      end
    end
  end

  logic blq_full, blq_empty, rec_full, rec_empty;
  assign blq_empty = (blq_wr_q == blq_rd_q);
  assign blq_full  = (blq_wr_q[PtrW] != blq_rd_q[PtrW]) && (blq_wr_q[PtrW-1:0] == blq_rd_q[PtrW-1:0]);
  assign rec_empty = (rec_wr_q == rec_rd_q);
  assign rec_full  = (rec_wr_q[PtrW] != rec_rd_q[PtrW]) && (rec_wr_q[PtrW-1:0] == rec_rd_q[PtrW-1:0]);

  // ------------------------------------------------------------------ frame state machine
  // Byte strobe for the last beat of a buffer holding `bytes` (mod 8) bytes.
  function automatic logic [7:0] last_strb(logic [2:0] bytes);
    logic [7:0] st;
    case (bytes)
      3'd0:    st = 8'hFF;
      3'd1:    st = 8'h01;
      3'd2:    st = 8'h03;
      3'd3:    st = 8'h07;
      3'd4:    st = 8'h0F;
      3'd5:    st = 8'h1F;
      3'd6:    st = 8'h3F;
      default: st = 8'h7F;
    endcase
    last_strb = st;
  endfunction

  logic                stop_q;         // the frame's queue may not take more DMA
  logic [QIdxW-1:0]    fq;             // the frame's queue: the new one while idle
  logic                fsm_act, check_off, check_nodesc, buf_fault, buf_misaligned, buf_ok;
  logic                buf_end, issue, issue_last, last_buf, drain_done, fsm_st_new, fsm_done;
  logic [27:0]         free_bytes;
  logic [15:0]         remaining, blen_new, cur_blen;
  logic [12:0]         beats_new, burst, cur_left;
  logic [63:0]         cur_addr;
  logic [RingIdxW-1:0] cur_idx;
  logic [2:0]          fsm_cnt;        // FSM drop to count: {err, nodesc, off}
  logic                blq_push, rec_push;
  logic [BlqW-1:0]     blq_wdata;
  logic [RecW-1:0]     rec_wdata;

  // The state machine has work: a frame waits, or one is under way. The descriptor cache is
  // looked at for the frame's queue (the new one while idle) in the states that need it; kept
  // apart from the block below, which reads the cache's answer.
  assign fsm_act   = (state_q != ST_IDLE) || frame_valid_i;
  assign fq        = (state_q == ST_IDLE) ? QIdxW'(frame_queue_i) : q_q;
  assign desc_en_o = (state_q == ST_IDLE && frame_valid_i) || state_q == ST_BUF;

  always_comb begin
    stop_q         = 1'b0;
    check_off      = 1'b0;
    check_nodesc   = 1'b0;
    buf_fault      = 1'b0;
    buf_misaligned = 1'b0;
    buf_ok         = 1'b0;
    buf_end        = 1'b0;
    issue          = 1'b0;
    issue_last     = 1'b0;
    last_buf       = 1'b0;
    drain_done     = 1'b0;
    fsm_st_new     = 1'b0;
    fsm_done       = 1'b0;
    fsm_cnt        = '0;
    free_bytes     = '0;
    remaining      = '0;
    blen_new       = '0;
    beats_new      = '0;
    burst          = '0;
    cur_addr       = '0;
    cur_left       = '0;
    cur_blen       = '0;
    cur_idx        = '0;
    desc_pop_o     = 1'b0;
    blq_push       = 1'b0;
    blq_wdata      = '0;
    rec_push       = 1'b0;
    rec_wdata      = '0;

    if (fsm_act) begin
      stop_q = rx_reset_i[fq] || !rx_active_i[fq] || qfail_q[fq] ||
               (abort_q && state_q != ST_IDLE);
      cur_addr = aw_addr_q;
      cur_left = aw_left_q;
      cur_blen = blen_q;
      cur_idx  = idx_q;

      unique case (state_q)
        ST_IDLE: begin
          // The frame at the head of the buffer, checked in the cycle it shows (desc_q_o names
          // its queue): dropped here, or taken.
          free_bytes = 28'(desc_owned_i) * 28'(rx_buf_size_i[fq]);
          if (stop_q) begin
            check_off = 1'b1;
          end else if (28'(frame_len_i) > free_bytes) begin
            check_nodesc = 1'b1;
          end
          fsm_done   = check_off || check_nodesc;
          fsm_cnt[0] = check_off;
          fsm_cnt[1] = check_nodesc;
        end

        ST_BUF: begin
          remaining = len_q - off_q;
          blen_new  = (remaining > bs_q) ? bs_q : remaining;
          beats_new = 13'((32'(blen_new) + 32'd7) >> 3);
          // A bad descriptor stops the queue (it stays in the cache until the queue is reset).
          if (!stop_q && desc_valid_i) begin
            buf_fault      = desc_err_i;
            buf_misaligned = !desc_err_i && (desc_buf_addr_i[2:0] != 3'd0);
            buf_ok         = !buf_fault && !buf_misaligned;
            desc_pop_o     = buf_ok;
          end
          cur_addr = desc_buf_addr_i;
          cur_left = beats_new;
          cur_blen = blen_new;
          cur_idx  = desc_idx_i;
          // A frame that ends here (stopped queue or bad descriptor) ends with a marker record
          // if earlier buffers of it were recorded (their responses decide when it is
          // counted), else it is counted now.
          buf_end = (stop_q || buf_fault || buf_misaligned) && !rec_full;
          if (buf_end) begin
            fsm_st_new = buf_fault || buf_misaligned;
            if (any_rec_q) begin
              rec_push  = 1'b1;
              rec_wdata = {4'(q_q), idx_q, 16'd0, hash_q, type_q, len_q, NbW'(0), 1'b1, 1'b0,
                           fsm_st_new};
            end else begin
              fsm_cnt[0] = !fsm_st_new;
              fsm_cnt[2] = fsm_st_new;
            end
          end
        end

        ST_ISSUE: begin
          // The record of a buffer stopped with some of its bursts issued ends the frame,
          // incomplete; with none, a marker ends it; with nothing recorded, it is counted now.
          if (stop_q && !rec_full && (nb_q != '0 || any_rec_q)) begin
            rec_push  = 1'b1;
            rec_wdata = {4'(q_q), idx_q, blen_q, hash_q, type_q, len_q, nb_q, 1'b1, 1'b0, 1'b0};
          end else if (stop_q && nb_q == '0 && !any_rec_q) begin
            fsm_cnt[0] = 1'b1;
          end
        end

        ST_DRAIN: begin
          // Abandoned: once the issued bursts' beats are out, release the frame.
          drain_done = abort_q && blq_empty;
          fsm_done   = drain_done;
        end

        default: ;
      endcase

      // Issue: the next burst of the buffer (in ST_BUF its first, from the descriptor taken).
      if ((state_q == ST_ISSUE && !stop_q) || buf_ok) begin
        burst    = dma_burst_pkg::next_burst_beats(cur_left, MAX_BURST, cur_addr[11:3]);
        last_buf = (off_q + cur_blen) == len_q;
        // The AW still shown (awvalid_q, taken at this edge or not) counts as in flight:
        // b_out_q counts it only from the cycle after its handshake.
        if ((!awvalid_q || m_axi_awready_i) && b_out_q + OutW'(awvalid_q) < OutW'(WrOutstanding) &&
            !blq_full && !rec_full) begin
          issue      = 1'b1;
          issue_last = (burst == cur_left);
          blq_push   = 1'b1;
          blq_wdata  = {9'(burst), issue_last, issue_last && last_buf, cur_blen[2:0]};
        end
        // The buffer's record goes in with its last burst.
        if (issue && issue_last) begin
          rec_push  = 1'b1;
          rec_wdata = {4'(q_q), cur_idx, cur_blen, hash_q, type_q, len_q,
                       (state_q == ST_BUF) ? NbW'(1) : nb_q + 1'b1, last_buf, 1'b1, 1'b0};
        end
      end
    end
  end

  assign desc_q_o = 4'(fq);

  // ------------------------------------------------------------------ W side
  logic [8:0] h_beats;
  logic       h_ends_buf, h_ends_frame, w_fire, w_last, w_frame_done;
  logic [2:0] h_bytes;
  always_comb begin
    {h_beats, h_ends_buf, h_ends_frame, h_bytes} = '0;
    m_axi_wvalid_o = 1'b0;
    m_axi_wstrb_o  = 8'hFF;
    m_axi_wlast_o  = 1'b0;
    word_ready_o   = 1'b0;
    w_fire         = 1'b0;
    w_last         = 1'b0;
    w_frame_done   = 1'b0;
    if (!blq_empty) begin
      {h_beats, h_ends_buf, h_ends_frame, h_bytes} = blq_q[blq_rd_q[PtrW-1:0]];
      w_last         = (wcnt_q + 9'd1 == h_beats);
      m_axi_wvalid_o = word_valid_i;
      m_axi_wstrb_o  = (w_last && h_ends_buf) ? last_strb(h_bytes) : 8'hFF;
      m_axi_wlast_o  = w_last;
      word_ready_o   = m_axi_wready_i;
      w_fire         = word_valid_i && m_axi_wready_i;
      w_frame_done   = w_fire && w_last && h_ends_frame;
    end
  end
  assign m_axi_wdata_o = word_data_i;
  assign frame_done_o  = w_frame_done || fsm_done;

  // ------------------------------------------------------------------ completion side
  logic [3:0]          r_q_raw;
  logic [QIdxW-1:0]    r_q;
  logic [RingIdxW-1:0] r_idx;
  logic [15:0]         r_blen, r_flen;
  logic [HashW-1:0]    r_hash;
  logic [TypeW-1:0]    r_type;
  logic [NbW-1:0]      r_nb;
  logic                r_fend, r_full, r_err_reason;
  logic                b_fire, b_err, rec_dead, rec_fail, rec_fwd, rec_proc, rec_st_new;
  logic                ans_valid, ans_done;
  logic [NbW-1:0]      a_nb;
  logic                rec_cnt_err, rec_cnt_off, out_free;

  always_comb begin
    {r_q_raw, r_idx, r_blen, r_hash, r_type, r_flen, r_nb, r_fend, r_full, r_err_reason} = '0;
    m_axi_bready_o = 1'b0;
    b_fire         = 1'b0;
    b_err          = 1'b0;
    ans_valid      = 1'b0;
    ans_done       = 1'b0;
    a_nb           = '0;
    rec_dead       = 1'b0;
    rec_fail       = 1'b0;
    rec_fwd        = 1'b0;
    rec_proc       = 1'b0;
    rec_st_new     = 1'b0;
    rec_cnt_err    = 1'b0;
    rec_cnt_off    = 1'b0;
    out_free       = 1'b0;
    if (!rec_empty) begin
      {r_q_raw, r_idx, r_blen, r_hash, r_type, r_flen, r_nb, r_fend, r_full, r_err_reason} =
          rec_q[rec_rd_q[PtrW-1:0]];
    end
    // A response belongs to the record at the answer pointer, or to the buffer still being
    // issued if every record is answered. Always taken (see the header).
    if (b_out_q != '0) begin
      m_axi_bready_o = 1'b1;
      b_fire         = m_axi_bvalid_i;
      b_err          = m_axi_bresp_i[1];
      ans_valid      = (ans_q != rec_wr_q);
      if (ans_valid) begin
        a_nb     = rec_q[ans_q[PtrW-1:0]][3 +: NbW];
        ans_done = b_fire && (bseen_q + 1'b1 >= a_nb);
      end
    end
    // The oldest record, once answered (in an earlier cycle).
    if (!rec_empty && (rec_rd_q != ans_q)) begin
      out_free = !out_valid_q || cmpl_ready_i || rx_reset_i[QIdxW'(out_q_q)];
      rec_dead = rec_dead_q[rec_rd_q[PtrW-1:0]];
      rec_fail = rec_berr_q[rec_rd_q[PtrW-1:0]];
      rec_fwd  = r_full && !rec_dead && !rec_fail && !fbad_q && !qfail_q[QIdxW'(r_q_raw)];
      // Processed when answered, with room for what it produces; not in its queue's reset.
      // (A failure to report waits for a cycle in which the state machine reports none.)
      rec_proc = !(any_reset && rq == QIdxW'(r_q_raw)) && (!rec_fwd || out_free) &&
                 !(rec_fail && !rec_dead && fsm_st_new);
      rec_st_new  = rec_proc && rec_fail && !rec_dead;
      // The frame's outcome at its last record, when not counted by desc_writeback.
      rec_cnt_err = rec_proc && r_fend && !rec_fwd && (fbad_q || rec_fail || r_err_reason);
      rec_cnt_off = rec_proc && r_fend && !rec_fwd && !rec_cnt_err;
    end
  end
  assign r_q = QIdxW'(r_q_raw);

  // The output register is dropped if its queue is disabled before desc_writeback takes it.
  logic out_drop;
  assign out_drop     = out_valid_q && rx_reset_i[QIdxW'(out_q_q)];
  assign cmpl_valid_o = out_valid_q && !out_drop;
  assign cmpl_q_o     = out_q_q;
  assign cmpl_idx_o   = out_idx_q;
  assign cmpl_data_o  = out_data_q;
  assign cmpl_last_o  = out_last_q;
  assign cmpl_bytes_o = out_bytes_q;
  assign cmpl_more_o  = out_more_q;

  // ------------------------------------------------------------------ status port
  // One report per cycle: the state machine's, else the completion side's, else write-back's.
  assign wb_status_ready_o = !fsm_st_new && !rec_st_new;

  // ------------------------------------------------------------------ counters
  logic [1:0] off_add, err_add;
  assign off_add = 2'(fsm_cnt[0]) + 2'(rec_cnt_off) + 2'(out_drop && out_last_q);
  assign err_add = 2'(fsm_cnt[2]) + 2'(rec_cnt_err);

  // ------------------------------------------------------------------ registers
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q        <= ST_IDLE;
      q_q            <= '0;
      len_q          <= '0;
      hash_q         <= '0;
      type_q         <= '0;
      bs_q           <= '0;
      off_q          <= '0;
      blen_q         <= '0;
      idx_q          <= '0;
      aw_addr_q      <= '0;
      aw_left_q      <= '0;
      nb_q           <= '0;
      any_rec_q      <= 1'b0;
      abort_q        <= 1'b0;
      awvalid_q      <= 1'b0;
      awaddr_q       <= '0;
      awlen_q        <= '0;
      b_out_q        <= '0;
      blq_wr_q       <= '0;
      blq_rd_q       <= '0;
      wcnt_q         <= '0;
      rec_dead_q     <= '0;
      rec_wr_q       <= '0;
      rec_rd_q       <= '0;
      ans_q          <= '0;
      rec_berr_q     <= '0;
      bseen_q        <= '0;
      berr_q         <= 1'b0;
      fbad_q         <= 1'b0;
      qfail_q        <= '0;
      out_valid_q    <= 1'b0;
      out_q_q        <= '0;
      out_idx_q      <= '0;
      out_data_q     <= '0;
      out_last_q     <= 1'b0;
      out_bytes_q    <= '0;
      out_more_q     <= 1'b0;
      status_set_q        <= 1'b0;
      status_q_q          <= '0;
      status_misaligned_q <= 1'b0;
      gerr_q         <= 1'b0;
      nodesc_q       <= 1'b0;
      off_backlog_q  <= '0;
      err_backlog_q  <= '0;
    end else begin
      // -------------------------------------------------------------- AW
      if ((awvalid_q && m_axi_awready_i) || b_fire) begin
        b_out_q <= b_out_q + OutW'(awvalid_q && m_axi_awready_i) - OutW'(b_fire);
        if (awvalid_q && m_axi_awready_i && !issue) begin
          awvalid_q <= 1'b0;
        end
      end
      if (issue) begin
        awvalid_q <= 1'b1;
        awaddr_q  <= cur_addr;
        awlen_q   <= 8'(burst - 13'd1);
      end
      if (blq_push) begin
        blq_q[blq_wr_q[PtrW-1:0]] <= blq_wdata;
        blq_wr_q <= blq_wr_q + 1'b1;
      end
      if (rec_push) begin
        rec_q[rec_wr_q[PtrW-1:0]]      <= rec_wdata;
        rec_dead_q[rec_wr_q[PtrW-1:0]] <= 1'b0;
        rec_wr_q <= rec_wr_q + 1'b1;
      end

      // -------------------------------------------------------------- frame state machine
      if (fsm_act) begin
        unique case (state_q)
          ST_IDLE: begin
            if (frame_valid_i && !check_off && !check_nodesc) begin
              q_q       <= QIdxW'(frame_queue_i);
              len_q     <= frame_len_i;
              hash_q    <= frame_rss_hash_i;
              type_q    <= frame_rss_type_i;
              bs_q      <= rx_buf_size_i[fq];
              off_q     <= '0;
              nb_q      <= '0;
              abort_q   <= 1'b0;
              any_rec_q <= 1'b0;
              state_q   <= ST_BUF;
            end
          end

          ST_BUF: begin
            if (buf_end) begin
              // Abandoned: the beats of bursts already issued leave, then it is released.
              abort_q <= 1'b1;
              state_q <= ST_DRAIN;
              if (fsm_st_new) begin
                qfail_q[q_q] <= 1'b1;
              end
            end else if (buf_ok) begin
              blen_q    <= blen_new;
              idx_q     <= desc_idx_i;
              aw_addr_q <= issue ? desc_buf_addr_i + {48'd0, burst, 3'b000} : desc_buf_addr_i;
              aw_left_q <= issue ? beats_new - burst : beats_new;
              nb_q      <= issue ? NbW'(1) : '0;
              if (issue && issue_last) begin
                any_rec_q <= 1'b1;
                off_q     <= off_q + blen_new;
                state_q   <= last_buf ? ST_DRAIN : ST_BUF;
              end else begin
                state_q <= ST_ISSUE;
              end
            end
          end

          ST_ISSUE: begin
            if (issue) begin
              aw_addr_q <= aw_addr_q + {48'd0, burst, 3'b000};
              aw_left_q <= aw_left_q - burst;
              nb_q      <= nb_q + 1'b1;
              if (issue_last) begin
                any_rec_q <= 1'b1;
                off_q     <= off_q + blen_q;
                state_q   <= last_buf ? ST_DRAIN : ST_BUF;
              end
            end else if (stop_q && (rec_push || (nb_q == '0 && !any_rec_q))) begin
              abort_q <= 1'b1;
              state_q <= ST_DRAIN;
            end
          end

          ST_DRAIN: begin
            if (w_frame_done || drain_done) begin
              abort_q <= 1'b0;
              state_q <= ST_IDLE;
            end
          end

          default: state_q <= ST_IDLE;
        endcase
      end

      // -------------------------------------------------------------- W side
      if (w_fire) begin
        wcnt_q <= w_last ? '0 : wcnt_q + 9'd1;
        if (w_last) begin
          blq_rd_q <= blq_rd_q + 1'b1;
        end
      end

      // -------------------------------------------------------------- completion side
      if (ans_done) begin
        rec_berr_q[ans_q[PtrW-1:0]] <= berr_q || b_err;
        ans_q   <= ans_q + 1'b1;
        bseen_q <= '0;
        berr_q  <= 1'b0;
      end else if (b_fire) begin
        bseen_q <= bseen_q + 1'b1;
        berr_q  <= berr_q || b_err;
      end
      if (rec_proc) begin
        fbad_q   <= !r_fend && (fbad_q || rec_fail || r_err_reason);
        rec_rd_q <= rec_rd_q + 1'b1;
        if (rec_st_new) begin
          qfail_q[r_q] <= 1'b1;
        end
      end
      if (out_valid_q && (cmpl_ready_i || out_drop) && !(rec_proc && rec_fwd)) begin
        out_valid_q <= 1'b0;
      end
      if (rec_proc && rec_fwd) begin
        out_valid_q <= 1'b1;
        out_q_q     <= r_q_raw;
        out_idx_q   <= r_idx;
        out_data_q  <= {r_hash, r_type, r_blen};
        out_last_q  <= r_fend;
        out_bytes_q <= r_flen;
        out_more_q  <= (recs_q[r_q] > OutW'(1));
      end

      // Records per queue: +1 pushed (queue q_q), -1 processed (queue r_q).

      // -------------------------------------------------------------- status port
      if (status_set_q || fsm_st_new || rec_st_new || wb_status_valid_i) begin
        status_set_q        <= fsm_st_new || rec_st_new || wb_status_valid_i;
        status_q_q          <= fsm_st_new ? 4'(q_q) : (rec_st_new ? r_q_raw : wb_status_q_i);
        status_misaligned_q <= fsm_st_new && buf_misaligned;
      end

      // -------------------------------------------------------------- counters
      if (b_fire) begin
        gerr_q <= b_err;
      end else if (gerr_q) begin
        gerr_q <= 1'b0;
      end
      if (fsm_cnt[1] != nodesc_q) begin
        nodesc_q <= fsm_cnt[1];
      end
      if (fsm_act || rec_proc || out_drop || off_backlog_q != '0 || err_backlog_q != '0) begin
        if (off_add != '0 || off_backlog_q != '0) begin
          off_backlog_q <= off_backlog_q + 6'(off_add) - 6'(off_backlog_q != '0);
        end
        if (err_add != '0 || err_backlog_q != '0) begin
          err_backlog_q <= err_backlog_q + 6'(err_add) - 6'(err_backlog_q != '0);
        end
      end

      // -------------------------------------------------------------- queue reset
      // Last, so it wins for that queue: its records in the ring now never reach write-back.
      if (any_reset) begin
        qfail_q[rq] <= 1'b0;
        for (int unsigned i = 0; i < WrOutstanding; i++) begin
          if (rec_q[i][RecW-1 -: 4] == 4'(rq) &&
              OutW'(PtrW'(i) - rec_rd_q[PtrW-1:0]) < (rec_wr_q - rec_rd_q)) begin
            rec_dead_q[i] <= 1'b1;
          end
        end
      end
    end
  end

  // Records per queue: +1 pushed (queue q_q), -1 processed (queue r_q); its own block, touched
  // only in cycles with either.
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      recs_q <= '0;
    end else if (rec_push || rec_proc) begin
      if (rec_push && !(rec_proc && r_q == q_q)) begin
        recs_q[q_q] <= recs_q[q_q] + 1'b1;
      end
      if (rec_proc && !(rec_push && r_q == q_q)) begin
        recs_q[r_q] <= recs_q[r_q] - 1'b1;
      end
    end
  end

  assign m_axi_awaddr_o  = awaddr_q;
  assign m_axi_awlen_o   = awlen_q;
  assign m_axi_awvalid_o = awvalid_q;

  assign status_set_o      = status_set_q;
  assign status_set_q_o    = status_q_q;
  assign status_set_bits_o = status_misaligned_q ?
                             32'd1 << nic_regmap_pkg::RX_STATUS_BUF_MISALIGNED_LSB :
                             32'd1 << nic_regmap_pkg::RX_STATUS_DMA_FAULT_LSB;
  always_comb begin
    gcnt_inc_o = '0;
    gcnt_inc_o[nic_regmap_pkg::GCNT_DMA_ERRORS]         = gerr_q;
    gcnt_inc_o[nic_regmap_pkg::GCNT_RX_NO_DESC_DROPS]   = nodesc_q;
    gcnt_inc_o[nic_regmap_pkg::GCNT_RX_QUEUE_OFF_DROPS] = (off_backlog_q != '0);
    gcnt_inc_o[nic_regmap_pkg::GCNT_RX_DMA_ERROR_DROPS] = (err_backlog_q != '0);
  end

  // Only bit 1 of a response matters: SLVERR (2'b10) and DECERR (2'b11) are errors. The oldest
  // record's burst count is the answer side's business (a_nb).
  logic unused_rx_dma;
  assign unused_rx_dma = ^{m_axi_bresp_i[0], frame_queue_i, r_nb};

`ifndef SYNTHESIS
  // ------------------------------------------------------------------ assertions
  // Bursts never cross 4 KiB and never exceed MaxBurstLen; the burst and record rings are never
  // pushed full or popped empty; WLAST on each burst's last beat.
  a_aw_no_4k_cross: assert property (@(posedge clk_i) disable iff (!rst_ni)
      awvalid_q |-> (32'(awaddr_q[11:0]) + (32'(awlen_q) + 1) * 8 <= 32'd4096));
  a_aw_burst_len: assert property (@(posedge clk_i) disable iff (!rst_ni)
      awvalid_q |-> (32'(awlen_q) < MaxBurstLen));
  a_blq_no_push_full: assert property (@(posedge clk_i) disable iff (!rst_ni)
      blq_push |-> !blq_full);
  a_blq_no_pop_empty: assert property (@(posedge clk_i) disable iff (!rst_ni)
      w_fire |-> !blq_empty);
  a_rec_no_push_full: assert property (@(posedge clk_i) disable iff (!rst_ni)
      rec_push |-> !rec_full);
  a_rec_no_pop_empty: assert property (@(posedge clk_i) disable iff (!rst_ni)
      rec_proc |-> !rec_empty);
  a_wlast_position: assert property (@(posedge clk_i) disable iff (!rst_ni)
      (m_axi_wvalid_o && m_axi_wlast_o) |-> (wcnt_q + 9'd1 == h_beats));
  a_bursts_bounded: assert property (@(posedge clk_i) disable iff (!rst_ni)
      b_out_q <= OutW'(WrOutstanding));
  // The answer pointer stays between the completion side and the newest record, and a record
  // is completed only once answered.
  a_ans_in_ring: assert property (@(posedge clk_i) disable iff (!rst_ni)
      OutW'(ans_q - rec_rd_q) <= OutW'(rec_wr_q - rec_rd_q));
  a_proc_answered: assert property (@(posedge clk_i) disable iff (!rst_ni)
      rec_proc |-> (rec_rd_q != ans_q));
  // Responses never wait for the completion side (holding them deadlocks the shared B channel
  // against desc_writeback; see the header).
  a_b_always_taken: assert property (@(posedge clk_i) disable iff (!rst_ni)
      (b_out_q != '0) |-> m_axi_bready_o);
  a_pop_desc_valid: assert property (@(posedge clk_i) disable iff (!rst_ni)
      desc_pop_o |-> desc_valid_i);
`endif

endmodule

`default_nettype wire
