// Copyright nicsim contributors. SPDX-License-Identifier: Apache-2.0
//
// Transmit DMA engine: reads the frames of the TX rings from host memory into tx_frame_buffer
// and hands each frame read in full to desc_writeback. Descriptors come from desc_fetch (its TX
// instance), which reads them ahead per queue. This engine only reads (AR/R).
//
// Frame state machine. While ctrl.tx_en is set, it serves the active queues whose descriptor
// cache holds a descriptor, round-robin, one frame per turn:
//  1. Pick the first such queue at or after the one after the last served.
//  2. Validate its next descriptor, first failing check wins: a read error -> tx_status.
//     dma_fault; length 0 -> zero_length; length > 9018 -> oversize; buffer address not 8-byte
//     aligned -> buf_misaligned. The queue stops (its head stays at that descriptor).
//  3. Issue the frame's INCR bursts of 8-byte beats (at most MaxBurstLen beats, never crossing
//     a 4 KiB boundary), one AR per cycle, each once tx_frame_buffer has room for it beyond the
//     beats already requested, up to RdOutstanding bursts in flight; then record the frame and
//     go on to the next: frames follow each other on the read channel while earlier ones are
//     still on their way from memory or on the wire.
//
// Read data (in order; the slave answers reads in AR order): the beats go into tx_frame_buffer
// as they come. When all beats of the oldest recorded frame are in, the frame is committed (it
// then leaves on the MAC output) and handed to desc_writeback, which writes DD and, once that
// write is acknowledged, advances tx_head and counts tx_q_frames / tx_q_bytes. So DD means the
// frame has been read from host memory and is queued for the wire, and a frame may leave before
// its DD is written. A frame that cannot complete is rolled back instead (never sent, never
// written back, not counted):
//  - a read of it answered SLVERR/DECERR: dma_errors (per failed burst), tx_status.dma_fault,
//    and the queue stops here at once, so its later frames already in flight roll back too;
//  - its queue was disabled (tx_reset_i) after it was issued: the reads already issued
//    complete, nothing more is read. Counted exactly: the frames of the queue recorded at the
//    disable, and the one being issued, whatever follows.
// Clearing ctrl.tx_en stops new frames; frames being read still complete and go out.
// Descriptors are prefetched while the queue is enabled, whatever tx_en says.
//
// Status reports go to nic_regs through one registered port, shared with desc_writeback's (a
// failed write-back): each source holds its report until the port takes it.
//
// Simulation speed: the round-robin search runs only when a frame may start; the state machine
// and the read side are evaluated only in cycles in which they have something to do; frames in
// flight sit in a ring read only then; a queue's disable marks its frames in one pass.

`default_nettype none

module tx_dma #(
  // Number of queues (1..16).
  parameter int unsigned NumQueues     = 4,
  // Maximum AXI beats per data burst (1..256).
  parameter int unsigned MaxBurstLen   = 16,
  // Descriptor index width: rings hold up to 2**RingIdxW descriptors (3..12).
  parameter int unsigned RingIdxW      = 12,
  // Read bursts in flight at most (power of two, 4..64). At 1 us host latency 64-byte line
  // rate needs about 16.
  parameter int unsigned RdOutstanding = 32,
  // Frames in flight at most, read or being read (power of two, 4..64).
  parameter int unsigned MaxFrames     = 32,
  // Descriptor bits the cache keeps: up to and including the dd byte; derived.
  localparam int unsigned DescW = (nic_regmap_pkg::DESC_TX_DD_LSB / 8) * 8 + 8
) (
  input  wire logic                               clk_i,
  input  wire logic                               rst_ni,

  input  wire logic                               tx_en_i,

  // TX ring state, per queue (from nic_regs).
  input  wire logic [NumQueues-1:0]               tx_active_i,
  input  wire logic [NumQueues-1:0]               tx_reset_i,

  // Descriptors (desc_fetch): queues with one cached; while desc_en_o, the queue looked at,
  // its next descriptor, taking it.
  input  wire logic [NumQueues-1:0]               desc_nonempty_i,
  output logic                                    desc_en_o,
  output logic [3:0]                              desc_q_o,
  input  wire logic                               desc_valid_i,
  input  wire logic [DescW-1:0]                   desc_i,
  input  wire logic                               desc_err_i,
  input  wire logic [RingIdxW-1:0]                desc_idx_i,
  output logic                                    desc_pop_o,

  // tx_frame_buffer write side.
  output logic                                    buf_wr_valid_o,
  output logic [63:0]                             buf_wr_data_o,
  output logic                                    buf_commit_o,
  output logic [15:0]                             buf_commit_len_o,
  output logic                                    buf_rollback_o,
  input  wire logic [15:0]                        buf_free_words_i,
  input  wire logic [6:0]                         buf_free_frames_i,

  // Frames read in full (desc_writeback): payload the descriptor's dd byte as fetched.
  output logic                                    cmpl_valid_o,
  input  wire logic                               cmpl_ready_i,
  output logic [3:0]                              cmpl_q_o,
  output logic [RingIdxW-1:0]                     cmpl_idx_o,
  output logic [7:0]                              cmpl_data_o,
  output logic [15:0]                             cmpl_bytes_o,
  output logic                                    cmpl_more_o,

  // A failed write-back (desc_writeback): forwarded as dma_fault.
  input  wire logic                               wb_status_valid_i,
  input  wire logic [3:0]                         wb_status_q_i,
  output logic                                    wb_status_ready_o,

  // Status reports (to nic_regs).
  output logic                                    status_set_o,
  output logic [3:0]                              status_set_q_o,
  output logic [31:0]                             status_set_bits_o,

  // Statistics (to nic_regs): GCNT_DMA_ERRORS.
  output logic [nic_regmap_pkg::NUM_GCNT-1:0]     gcnt_inc_o,

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

  if (NumQueues < 1 || NumQueues > 16) begin : gen_num_queues_check
    $fatal(1, "%m: NumQueues (%0d) must be in 1..16", NumQueues);
  end
  if (MaxBurstLen < 1 || MaxBurstLen > 256) begin : gen_max_burst_len_check
    $fatal(1, "%m: MaxBurstLen (%0d) must be in 1..256", MaxBurstLen);
  end
  if (RingIdxW < 3 || RingIdxW > 12) begin : gen_ring_idx_w_check
    $fatal(1, "%m: RingIdxW (%0d) must be in 3..12", RingIdxW);
  end
  if (RdOutstanding < 4 || RdOutstanding > 64 || (RdOutstanding & (RdOutstanding - 1)) != 0)
  begin : gen_outstanding_check
    $fatal(1, "%m: RdOutstanding (%0d) must be a power of two in 4..64", RdOutstanding);
  end
  if (MaxFrames < 4 || MaxFrames > 64 || (MaxFrames & (MaxFrames - 1)) != 0)
  begin : gen_frames_check
    $fatal(1, "%m: MaxFrames (%0d) must be a power of two in 4..64", MaxFrames);
  end

  localparam int unsigned QIdxW     = (NumQueues > 1) ? $clog2(NumQueues) : 1;
  localparam int unsigned OutW      = $clog2(RdOutstanding) + 1;
  localparam int unsigned PtrW      = $clog2(MaxFrames);
  localparam int unsigned FrW       = PtrW + 1;
  localparam logic [12:0] MAX_BURST = 13'(MaxBurstLen);
  localparam int unsigned DD_BYTE_LSB = (nic_regmap_pkg::DESC_TX_DD_LSB / 8) * 8;
  // The hardware ceiling on frame length is the reset value of max_frame_len (9018).
  localparam logic [15:0] MAX_FRAME_LEN =
      16'(nic_regmap_pkg::REG_MAX_FRAME_LEN_RESET[nic_regmap_pkg::MAX_FRAME_LEN_LEN_LSB +:
                                                  nic_regmap_pkg::MAX_FRAME_LEN_LEN_WIDTH]);
  // Frame record {queue, index, length, dd byte, beats issued, complete}.
  localparam int unsigned RecW      = 4 + RingIdxW + 16 + 8 + 13 + 1;

  typedef enum logic [1:0] {
    ST_PICK,    // round-robin over the queues with a cached descriptor
    ST_START,   // validate the descriptor
    ST_ISSUE    // issue the frame's bursts
  } state_e;

  // ------------------------------------------------------------------ state
  state_e               state_q;
  logic [QIdxW-1:0]     q_q;
  logic [QIdxW-1:0]     rr_q;           // first queue to consider next
  logic [RingIdxW-1:0]  idx_q;
  logic [15:0]          len_q;
  logic [7:0]           dd_byte_q;
  logic [63:0]          ar_addr_q;
  logic [12:0]          ar_left_q;
  logic [12:0]          issued_q;       // beats of this frame requested

  logic                 arvalid_q;
  logic [63:0]          araddr_q;
  logic [7:0]           arlen_q;
  logic [OutW-1:0]      r_out_q;        // bursts from AR to last beat
  logic [16:0]          rsv_q;          // beats requested, not yet written to the buffer
  logic [FrW-1:0]       frames_q;       // frames picked and not yet committed or rolled back

  // Frames being read, in order, and which are to be rolled back (queue disabled).
  logic [RecW-1:0]      rec_q [MaxFrames];
  logic [MaxFrames-1:0] rec_dead_q;
  logic [FrW-1:0]       rec_wr_q, rec_rd_q;
  logic [12:0]          rcv_q;          // beats of the oldest frame received
  logic                 rerr_q;         // one of them failed
  logic                 berr_q;         // error in the burst being received
  logic [NumQueues-1:0][FrW-1:0] recs_q;   // records of the queue in the ring
  logic [NumQueues-1:0] qfail_q;

  logic                 out_valid_q;
  logic [3:0]           out_q_q;
  logic [RingIdxW-1:0]  out_idx_q;
  logic [7:0]           out_data_q;
  logic [15:0]          out_bytes_q;
  logic                 out_more_q;

  // The status report of this cycle (a one-cycle pulse): its queue and its bits.
  logic                 status_set_q;
  logic [3:0]           status_q_q;
  logic [31:0]          status_bits_q;
  logic                 gcnt_err_q;

  // ------------------------------------------------------------------ queue reset
  logic             any_reset;
  logic [QIdxW-1:0] rq;
  always_comb begin
    any_reset = (tx_reset_i != '0);
    rq        = '0;
    if (any_reset) begin
      for (int unsigned k = 0; k < NumQueues; k++) begin
        if (tx_reset_i[k]) begin
          rq = QIdxW'(k);
        end
      end
    end
  end

  logic rec_full, rec_empty;
  assign rec_empty = (rec_wr_q == rec_rd_q);
  assign rec_full  = (rec_wr_q[PtrW] != rec_rd_q[PtrW]) && (rec_wr_q[PtrW-1:0] == rec_rd_q[PtrW-1:0]);

  // ------------------------------------------------------------------ frame state machine
  logic [NumQueues-1:0] cand;
  logic                 pick_valid, stop_q, start_ok, start_bad, issue, issue_last, frame_gone;
  logic                 rec_push;
  logic [QIdxW-1:0]     pick;
  logic [QIdxW:0]       k_q;
  logic [63:0]          d_addr;
  logic [15:0]          d_len;
  logic [12:0]          burst;
  logic [31:0]          bad_bits;
  logic [RecW-1:0]      rec_wdata;

  always_comb begin
    cand       = '0;
    pick_valid = 1'b0;
    pick       = '0;
    k_q        = '0;
    stop_q     = 1'b0;
    start_ok   = 1'b0;
    start_bad  = 1'b0;
    bad_bits   = '0;
    issue      = 1'b0;
    issue_last = 1'b0;
    frame_gone = 1'b0;
    burst      = '0;
    d_addr     = '0;
    d_len      = '0;
    desc_pop_o = 1'b0;
    rec_push   = 1'b0;
    rec_wdata  = '0;

    unique case (state_q)
      ST_PICK: begin
        // Only searched when some queue has work and a frame may start.
        if (tx_en_i && desc_nonempty_i != '0 && 32'(frames_q) < MaxFrames &&
            32'(frames_q) < 32'(buf_free_frames_i)) begin
          cand = desc_nonempty_i & tx_active_i & ~qfail_q & ~tx_reset_i;
          for (int unsigned k = 0; k < NumQueues; k++) begin
            k_q = (QIdxW + 1)'(32'(rr_q) + k);
            if (32'(k_q) >= NumQueues) begin
              k_q = (QIdxW + 1)'(32'(k_q) - NumQueues);
            end
            if (!pick_valid && cand[QIdxW'(k_q)]) begin
              pick_valid = 1'b1;
              pick       = QIdxW'(k_q);
            end
          end
        end
      end

      ST_START: begin
        stop_q    = tx_reset_i[q_q] || !tx_active_i[q_q] || qfail_q[q_q];
        d_addr    = desc_i[nic_regmap_pkg::DESC_TX_BUF_ADDR_LSB +: 64];
        d_len     = desc_i[nic_regmap_pkg::DESC_TX_LENGTH_LSB +: 16];
        if (!stop_q && desc_valid_i) begin
          if (desc_err_i) begin
            bad_bits = 32'd1 << nic_regmap_pkg::TX_STATUS_DMA_FAULT_LSB;
          end else if (d_len == 16'd0) begin
            bad_bits = 32'd1 << nic_regmap_pkg::TX_STATUS_ZERO_LENGTH_LSB;
          end else if (d_len > MAX_FRAME_LEN) begin
            bad_bits = 32'd1 << nic_regmap_pkg::TX_STATUS_OVERSIZE_LSB;
          end else if (d_addr[2:0] != 3'd0) begin
            bad_bits = 32'd1 << nic_regmap_pkg::TX_STATUS_BUF_MISALIGNED_LSB;
          end
          start_bad  = (bad_bits != '0);
          start_ok   = !start_bad;
          desc_pop_o = start_ok;
        end
      end

      ST_ISSUE: begin
        stop_q = tx_reset_i[q_q] || !tx_active_i[q_q] || qfail_q[q_q];
        burst  = dma_burst_pkg::next_burst_beats(ar_left_q, MAX_BURST, ar_addr_q[11:3]);
        // Room: the buffer's free words (saturated at 0xFFFF, so the test is safe) beyond
        // those already requested. The AR still shown (arvalid_q, taken at this edge or not)
        // counts as in flight: r_out_q counts it only from the cycle after its handshake.
        if (!stop_q && (!arvalid_q || m_axi_arready_i) &&
            r_out_q + OutW'(arvalid_q) < OutW'(RdOutstanding) &&
            !rec_full && 32'(burst) + 32'(rsv_q) <= 32'(buf_free_words_i)) begin
          issue      = 1'b1;
          issue_last = (burst == ar_left_q);
        end
        // The frame's record goes in with its last burst, or when it stops with some of it
        // requested (it then rolls back); stopped before any of it, it just leaves.
        if (issue && issue_last) begin
          rec_push  = 1'b1;
          rec_wdata = {4'(q_q), idx_q, len_q, dd_byte_q, issued_q + burst, 1'b1};
        end else if (stop_q && !rec_full && issued_q != '0) begin
          rec_push  = 1'b1;
          rec_wdata = {4'(q_q), idx_q, len_q, dd_byte_q, issued_q, 1'b0};
        end
        frame_gone = stop_q && issued_q == '0;
      end

      default: ;
    endcase
  end

  assign desc_q_o  = 4'(q_q);
  assign desc_en_o = (state_q == ST_START);

  // ------------------------------------------------------------------ read data
  logic [3:0]          r_q_raw;
  logic [QIdxW-1:0]    r_q;
  logic [RingIdxW-1:0] r_idx;
  logic [15:0]         r_len;
  logic [7:0]          r_dd;
  logic [12:0]         r_beats;
  logic                r_full, r_fire, beat_err, out_free, rec_dead, rec_fail, rec_ok;
  logic                rec_proc, rec_st_new;

  always_comb begin
    {r_q_raw, r_idx, r_len, r_dd, r_beats, r_full} = '0;
    m_axi_rready_o = 1'b0;
    r_fire         = 1'b0;
    beat_err       = 1'b0;
    out_free       = 1'b0;
    rec_dead       = 1'b0;
    rec_fail       = 1'b0;
    rec_ok         = 1'b0;
    rec_proc       = 1'b0;
    rec_st_new     = 1'b0;
    if (!rec_empty) begin
      {r_q_raw, r_idx, r_len, r_dd, r_beats, r_full} = rec_q[rec_rd_q[PtrW-1:0]];
    end
    // A beat belongs to the oldest recorded frame, or to the frame still being issued if
    // there is none; beats past the oldest frame's wait until it is processed (so a commit or
    // rollback covers exactly that frame's words).
    if (r_out_q != '0) begin
      m_axi_rready_o = rec_empty || (rcv_q < r_beats);
      r_fire         = m_axi_rvalid_i && m_axi_rready_o;
      beat_err       = berr_q || m_axi_rresp_i[1];
    end
    if (!rec_empty && (rcv_q + 13'(r_fire) >= r_beats)) begin
      out_free   = !out_valid_q || cmpl_ready_i || tx_reset_i[QIdxW'(out_q_q)];
      rec_dead   = rec_dead_q[rec_rd_q[PtrW-1:0]];
      rec_fail   = rerr_q || (r_fire && m_axi_rresp_i[1]);
      rec_ok     = r_full && !rec_dead && !rec_fail && !qfail_q[QIdxW'(r_q_raw)];
      // (A failure to report waits for a cycle in which the state machine reports none.)
      rec_proc   = !(any_reset && rq == QIdxW'(r_q_raw)) && (!rec_ok || out_free) &&
                   !(rec_fail && !rec_dead && start_bad);
      rec_st_new = rec_proc && rec_fail && !rec_dead;
    end
  end
  assign r_q = QIdxW'(r_q_raw);

  assign buf_wr_valid_o   = r_fire;
  assign buf_wr_data_o    = m_axi_rdata_i;
  assign buf_commit_o     = rec_proc && rec_ok;
  assign buf_commit_len_o = r_len;
  assign buf_rollback_o   = rec_proc && !rec_ok;

  logic out_drop;
  assign out_drop     = out_valid_q && tx_reset_i[QIdxW'(out_q_q)];
  assign cmpl_valid_o = out_valid_q && !out_drop;
  assign cmpl_q_o     = out_q_q;
  assign cmpl_idx_o   = out_idx_q;
  assign cmpl_data_o  = out_data_q;
  assign cmpl_bytes_o = out_bytes_q;
  assign cmpl_more_o  = out_more_q;

  // ------------------------------------------------------------------ status port
  // One report per cycle: the state machine's, else the read side's, else write-back's.
  assign wb_status_ready_o = !start_bad && !rec_st_new;

  // ------------------------------------------------------------------ registers
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q        <= ST_PICK;
      q_q            <= '0;
      rr_q           <= '0;
      idx_q          <= '0;
      len_q          <= '0;
      dd_byte_q      <= '0;
      ar_addr_q      <= '0;
      ar_left_q      <= '0;
      issued_q       <= '0;
      arvalid_q      <= 1'b0;
      araddr_q       <= '0;
      arlen_q        <= '0;
      r_out_q        <= '0;
      rsv_q          <= '0;
      frames_q       <= '0;
      rec_dead_q     <= '0;
      rec_wr_q       <= '0;
      rec_rd_q       <= '0;
      rcv_q          <= '0;
      rerr_q         <= 1'b0;
      berr_q         <= 1'b0;
      qfail_q        <= '0;
      out_valid_q    <= 1'b0;
      out_q_q        <= '0;
      out_idx_q      <= '0;
      out_data_q     <= '0;
      out_bytes_q    <= '0;
      out_more_q     <= 1'b0;
      status_set_q   <= 1'b0;
      status_q_q     <= '0;
      status_bits_q  <= '0;
      gcnt_err_q     <= 1'b0;
    end else begin
      // -------------------------------------------------------------- AR
      if ((arvalid_q && m_axi_arready_i) || (r_fire && m_axi_rlast_i)) begin
        r_out_q <= r_out_q + OutW'(arvalid_q && m_axi_arready_i) - OutW'(r_fire && m_axi_rlast_i);
        if (arvalid_q && m_axi_arready_i && !issue) begin
          arvalid_q <= 1'b0;
        end
      end
      if (issue || r_fire) begin
        rsv_q <= rsv_q + (issue ? 17'(burst) : 17'd0) - 17'(r_fire);
      end
      // Frames picked and not yet committed or rolled back.
      if (start_ok || rec_proc || frame_gone) begin
        frames_q <= frames_q + FrW'(start_ok) - FrW'(rec_proc) - FrW'(frame_gone);
      end
      if (rec_push) begin
        rec_q[rec_wr_q[PtrW-1:0]]      <= rec_wdata;
        rec_dead_q[rec_wr_q[PtrW-1:0]] <= 1'b0;
        rec_wr_q <= rec_wr_q + 1'b1;
      end

      // -------------------------------------------------------------- frame state machine
      unique case (state_q)
        ST_PICK: begin
          if (pick_valid) begin
            q_q     <= pick;
            state_q <= ST_START;
          end
        end

        ST_START: begin
          if (stop_q) begin
            state_q <= ST_PICK;
          end else if (start_bad) begin
            qfail_q[q_q] <= 1'b1;
            state_q      <= ST_PICK;
          end else if (start_ok) begin
            ar_addr_q <= d_addr;
            ar_left_q <= 13'((32'(d_len) + 32'd7) >> 3);
            len_q     <= d_len;
            idx_q     <= desc_idx_i;
            dd_byte_q <= desc_i[DD_BYTE_LSB +: 8];
            issued_q  <= '0;
            // The next turn starts after the queue just served.
            rr_q    <= (32'(q_q) + 1 >= NumQueues) ? '0 : q_q + 1'b1;
            state_q <= ST_ISSUE;
          end
        end

        ST_ISSUE: begin
          if (issue) begin
            arvalid_q <= 1'b1;
            araddr_q  <= ar_addr_q;
            arlen_q   <= 8'(burst - 13'd1);
            ar_addr_q <= ar_addr_q + {48'd0, burst, 3'b000};
            ar_left_q <= ar_left_q - burst;
            issued_q  <= issued_q + burst;
            if (issue_last) begin
              state_q <= ST_PICK;
            end
          end else if (stop_q && (rec_push || issued_q == '0)) begin
            state_q <= ST_PICK;
          end
        end

        default: state_q <= ST_PICK;
      endcase

      // -------------------------------------------------------------- read data
      if (r_fire) begin
        berr_q <= !m_axi_rlast_i && beat_err;
        gcnt_err_q <= m_axi_rlast_i && beat_err;
        if (!rec_proc) begin
          rcv_q  <= rcv_q + 13'd1;
          rerr_q <= rerr_q || m_axi_rresp_i[1];
        end
      end else if (gcnt_err_q) begin
        gcnt_err_q <= 1'b0;
      end
      if (rec_proc) begin
        rcv_q    <= rcv_q + 13'(r_fire) - r_beats;
        rerr_q   <= 1'b0;
        rec_rd_q <= rec_rd_q + 1'b1;
        if (rec_st_new) begin
          qfail_q[r_q] <= 1'b1;
        end
      end
      if (out_valid_q && (cmpl_ready_i || out_drop) && !(rec_proc && rec_ok)) begin
        out_valid_q <= 1'b0;
      end
      if (rec_proc && rec_ok) begin
        out_valid_q <= 1'b1;
        out_q_q     <= r_q_raw;
        out_idx_q   <= r_idx;
        out_data_q  <= r_dd;
        out_bytes_q <= r_len;
        out_more_q  <= (recs_q[r_q] > FrW'(1)) || (state_q == ST_ISSUE && q_q == r_q);
      end


      // -------------------------------------------------------------- status port
      if (status_set_q || start_bad || rec_st_new || wb_status_valid_i) begin
        status_set_q  <= start_bad || rec_st_new || wb_status_valid_i;
        status_q_q    <= start_bad ? 4'(q_q) : (rec_st_new ? r_q_raw : wb_status_q_i);
        status_bits_q <= start_bad ? bad_bits : 32'd1 << nic_regmap_pkg::TX_STATUS_DMA_FAULT_LSB;
      end

      // -------------------------------------------------------------- queue reset
      // Its frames recorded now roll back when their data is in.
      if (any_reset) begin
        qfail_q[rq] <= 1'b0;
        for (int unsigned i = 0; i < MaxFrames; i++) begin
          if (rec_q[i][RecW-1 -: 4] == 4'(rq) &&
              FrW'(PtrW'(i) - rec_rd_q[PtrW-1:0]) < (rec_wr_q - rec_rd_q)) begin
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

  assign m_axi_araddr_o  = araddr_q;
  assign m_axi_arlen_o   = arlen_q;
  assign m_axi_arvalid_o = arvalid_q;

  assign status_set_o      = status_set_q;
  assign status_set_q_o    = status_q_q;
  assign status_set_bits_o = status_bits_q;

  always_comb begin
    gcnt_inc_o = '0;
    gcnt_inc_o[nic_regmap_pkg::GCNT_DMA_ERRORS] = gcnt_err_q;
  end

  // Only bit 1 of a response matters: SLVERR (2'b10) and DECERR (2'b11) are errors. The
  // descriptor's other bits are not the engine's business.
  logic unused_tx_dma;
  assign unused_tx_dma = ^{m_axi_rresp_i[0], desc_i};

`ifndef SYNTHESIS
  // ------------------------------------------------------------------ assertions
  // Bursts never cross 4 KiB and never exceed MaxBurstLen; the record ring is never pushed
  // full or popped empty; the buffer is never written beyond the room reserved.
  a_ar_no_4k_cross: assert property (@(posedge clk_i) disable iff (!rst_ni)
      arvalid_q |-> (32'(araddr_q[11:0]) + (32'(arlen_q) + 1) * 8 <= 32'd4096));
  a_ar_burst_len: assert property (@(posedge clk_i) disable iff (!rst_ni)
      arvalid_q |-> (32'(arlen_q) < MaxBurstLen));
  a_rec_no_push_full: assert property (@(posedge clk_i) disable iff (!rst_ni)
      rec_push |-> !rec_full);
  a_rec_no_pop_empty: assert property (@(posedge clk_i) disable iff (!rst_ni)
      rec_proc |-> !rec_empty);
  a_buffer_room: assert property (@(posedge clk_i) disable iff (!rst_ni)
      buf_wr_valid_o |-> (buf_free_words_i != 16'd0));
  a_pop_desc_valid: assert property (@(posedge clk_i) disable iff (!rst_ni)
      desc_pop_o |-> desc_valid_i);
  a_bursts_bounded: assert property (@(posedge clk_i) disable iff (!rst_ni)
      r_out_q <= OutW'(RdOutstanding));
`endif

endmodule

`default_nettype wire
