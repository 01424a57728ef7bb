// Copyright nicsim contributors. SPDX-License-Identifier: Apache-2.0
//
// Descriptor write-back: gathers completed descriptors per queue into batches and writes each
// batch back in one AXI burst, then retires its descriptors in ring order: one head advance per
// descriptor, one completion (rx_q_frames / tx_q_frames and the interrupt event) per frame, each
// only once the burst's write response has arrived, so DD is in host memory first. One
// instance serves the RX rings (IsTx = 0), one the TX rings (IsTx = 1).
//
// The producer (rx_dma / tx_dma) hands over a descriptor only once the DMA of its data is done
// (RX: every data write of the buffer acknowledged; TX: every beat of the frame read), with a
// flag `more`: another descriptor of the same queue is already on its way behind it.
//
// Batching, per queue (open batch: consecutive ring indices). A descriptor closes its queue's
// batch, which then goes to the issue FIFO, when
//   - nothing more of the queue is on its way (`more` clear): light load keeps its latency,
//     the write-back goes out as soon as the data is done;
//   - the batch holds min(wb_thresh, per-burst limit) descriptors (RX: MaxBurstLen / 2, TX:
//     (MaxBurstLen + 1) / 2, at most 16);
//   - it is the ring's last descriptor or the next one starts a 4 KiB page (no burst wraps);
// and a scan pointer, one queue per cycle, closes a batch whose oldest descriptor has waited
// wb_delay eighths of a microsecond (time base: us_prescaler), so no completed descriptor
// waits longer than wb_delay plus NumQueues cycles.
//
// Bursts. RX writes whole descriptors (w0: rss_hash, rss_type; w1: length, dd, eop, errors 0):
// 2 beats each; with MaxBurstLen == 1, each descriptor as two one-beat bursts. TX writes only
// the byte of w1 holding dd (strobes select it; every other bit of the descriptor stays as
// software wrote it), as one burst from the first descriptor's w1 to the last one's: 2n - 1
// beats, the w0 beats in between with no strobe set.
//
// Errors. A write-back answered SLVERR/DECERR counts dma_errors, sets the queue's dma_fault
// status (status_* handshake to the engine, which forwards it to nic_regs) and retires nothing
// of its queue from then on until the queue is reset: the head stays at the first descriptor
// of the failed burst. RX frames lose their completion: a frame with a descriptor in the
// failed burst counts in rx_dma_error_drops, a later frame of the stopped queue in
// rx_queue_off_drops (each frame once). TX frames (already on the wire) are just not counted.
//
// Queue reset (disable): the open batch and the closed batches not yet issued are dropped
// without DMA (RX frames in them count in rx_queue_off_drops); batches already issued complete
// and count their frames, but no longer move the head. All of this is counted exactly per
// queue (batches at the reset, whatever follows), so a quick disable / enable is safe.

`default_nettype none

module desc_writeback #(
  // Number of queues (1..16).
  parameter int unsigned NumQueues   = 4,
  // Maximum AXI beats per write burst (1..256).
  parameter int unsigned MaxBurstLen = 16,
  // Descriptor index width: rings hold up to 2**RingIdxW descriptors (3..12).
  parameter int unsigned RingIdxW    = 12,
  // 0: RX descriptors (rx_wb layout), 1: TX descriptors (dd only).
  parameter bit          IsTx        = 1'b0,
  // Completed descriptors held per queue, open or waiting to be written (power of two, 4..64).
  parameter int unsigned Slots       = 16,
  // Descriptors written and not yet retired, over all queues (power of two, 16..256).
  parameter int unsigned RetireDepth = 64,
  // Write-back bursts in flight (power of two, 2..64).
  parameter int unsigned MaxBatches  = 16,
  // Width of a completion's payload; derived, do not override.
  localparam int unsigned PayW = IsTx ? 8 :
      (nic_regmap_pkg::DESC_RX_WB_RSS_HASH_WIDTH + nic_regmap_pkg::DESC_RX_WB_RSS_TYPE_WIDTH +
       nic_regmap_pkg::DESC_RX_WB_LENGTH_WIDTH)
) (
  input  wire logic                               clk_i,
  input  wire logic                               rst_ni,

  input  wire logic [15:0]                        cycles_per_us_i,

  // Ring configuration, per queue (from nic_regs).
  input  wire logic [NumQueues-1:0][63:0]         base_i,
  input  wire logic [NumQueues-1:0][RingIdxW-1:0] len_mask_i,
  input  wire logic [NumQueues-1:0]               reset_i,   // one-cycle pulse, one queue at a time
  input  wire logic [NumQueues-1:0][4:0]          wb_thresh_i,
  input  wire logic [NumQueues-1:0][7:0]          wb_delay_i,

  // Completed descriptors, in ring order per queue. The producer never offers one of a queue in
  // that queue's reset cycle. Payload: RX {rss_hash, rss_type, length}, TX the descriptor's dd
  // byte as fetched.
  input  wire logic                               cmpl_valid_i,
  output logic                                    cmpl_ready_o,
  input  wire logic [3:0]                         cmpl_q_i,
  input  wire logic [RingIdxW-1:0]                cmpl_idx_i,
  input  wire logic [PayW-1:0]                    cmpl_data_i,
  input  wire logic                               cmpl_last_i,   // the frame's last descriptor
  input  wire logic [15:0]                        cmpl_bytes_i,  // the frame's length (with last)
  input  wire logic                               cmpl_more_i,

  // Retirement (to nic_regs): one head advance per descriptor, one completion per frame.
  output logic                                    head_adv_o,
  output logic [3:0]                              head_adv_q_o,
  output logic                                    q_done_o,
  output logic [3:0]                              q_done_q_o,
  output logic [15:0]                             q_done_bytes_o,

  // A write-back failed: dma_fault for the queue (held until taken).
  output logic                                    status_valid_o,
  output logic [3:0]                              status_q_o,
  input  wire logic                               status_ready_i,

  // Statistics: dma_errors; RX also rx_dma_error_drops and rx_queue_off_drops.
  output logic [nic_regmap_pkg::NUM_GCNT-1:0]     gcnt_inc_o,

  // AXI4 master, write channels only.
  output logic [63:0]                             m_axi_awaddr_o,
  output logic [7:0]                              m_axi_awlen_o,
  output logic                                    m_axi_awvalid_o,
  input  wire logic                               m_axi_awready_i,
  output logic [63:0]                             m_axi_wdata_o,
  output logic [7:0]                              m_axi_wstrb_o,
  output logic                                    m_axi_wlast_o,
  output logic                                    m_axi_wvalid_o,
  input  wire logic                               m_axi_wready_i,
  input  wire logic [1:0]                         m_axi_bresp_i,
  input  wire logic                               m_axi_bvalid_i,
  output logic                                    m_axi_bready_o
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
  if (Slots < 4 || Slots > 64 || (Slots & (Slots - 1)) != 0) begin : gen_slots_check
    $fatal(1, "%m: Slots (%0d) must be a power of two in 4..64", Slots);
  end
  if (RetireDepth < 16 || RetireDepth > 256 || (RetireDepth & (RetireDepth - 1)) != 0)
  begin : gen_retire_depth_check
    $fatal(1, "%m: RetireDepth (%0d) must be a power of two in 16..256", RetireDepth);
  end
  if (MaxBatches < 2 || MaxBatches > 64 || (MaxBatches & (MaxBatches - 1)) != 0)
  begin : gen_batches_check
    $fatal(1, "%m: MaxBatches (%0d) must be a power of two in 2..64", MaxBatches);
  end

  localparam int unsigned QIdxW  = (NumQueues > 1) ? $clog2(NumQueues) : 1;
  localparam int unsigned SlotW  = $clog2(Slots);
  localparam int unsigned UsedW  = SlotW + 1;
  localparam int unsigned HashW  = nic_regmap_pkg::DESC_RX_WB_RSS_HASH_WIDTH;
  localparam int unsigned TypeW  = nic_regmap_pkg::DESC_RX_WB_RSS_TYPE_WIDTH;
  localparam int unsigned LenW   = nic_regmap_pkg::DESC_RX_WB_LENGTH_WIDTH;
  // RX with one-beat bursts: each descriptor as two bursts.
  localparam bit          SPLIT  = !IsTx && (MaxBurstLen < 2);
  // Descriptors per burst.
  localparam int unsigned CapRaw = IsTx ? (MaxBurstLen + 1) / 2 : ((MaxBurstLen < 2) ? 1 : MaxBurstLen / 2);
  localparam int unsigned Cap    = (CapRaw < 16) ? CapRaw : 16;
  localparam logic [4:0]  CAP    = 5'(Cap);
  localparam int unsigned TickW  = 10;
  // The TX dd byte: its position in w1, and dd's bit in it.
  localparam int unsigned DD_BYTE = (nic_regmap_pkg::DESC_TX_DD_LSB - 64) / 8;
  localparam int unsigned DD_BIT  = (nic_regmap_pkg::DESC_TX_DD_LSB - 64) % 8;
  // Issue FIFO entry {queue, start index, first slot, descriptors, frames}.
  localparam int unsigned IssW   = 4 + RingIdxW + SlotW + 5 + 5;
  localparam int unsigned BatchW = $clog2(MaxBatches) + 1;
  localparam int unsigned RetW   = 1 + 16;                      // {last, bytes}
  localparam int unsigned RetCntW = $clog2(RetireDepth) + 1;
  localparam int unsigned SlotEntW = 1 + 16 + PayW;             // {last, bytes, payload}

  if (!IsTx && (nic_regmap_pkg::DESC_RX_WB_RSS_HASH_LSB >= 64 ||
                nic_regmap_pkg::DESC_RX_WB_LENGTH_LSB < 64)) begin : gen_rx_layout_check
    $fatal(1, "%m: rx_wb must hold rss_hash in w0 and length in w1");
  end
  if (IsTx && nic_regmap_pkg::DESC_TX_DD_LSB < 64) begin : gen_tx_layout_check
    $fatal(1, "%m: tx.dd must be in w1");
  end

  // ------------------------------------------------------------------ per-queue state
  logic [4:0]            bcnt_q    [NumQueues];   // open batch: descriptors
  logic [4:0]            bframes_q [NumQueues];   // open batch: frame ends in it
  logic [RingIdxW-1:0]   bstart_q  [NumQueues];
  logic [SlotW-1:0]      bslot_q   [NumQueues];
  logic [TickW-1:0]      bage_q    [NumQueues];   // tick when the batch opened
  logic [SlotW-1:0]      wslot_q   [NumQueues];   // slot of the next completion
  logic [UsedW-1:0]      used_q    [NumQueues];   // slots holding open or closed batches
  logic [BatchW-1:0]     closed_q  [NumQueues];   // closed batches not yet issued
  logic [BatchW-1:0]     cdead_q   [NumQueues];   // of those, closed before a reset
  logic [BatchW-1:0]     infl_q    [NumQueues];   // issued batches not yet retired
  logic [BatchW-1:0]     rdead_q   [NumQueues];   // of those, issued before a reset
  logic [NumQueues-1:0]  qfail_q;                 // a write-back of the queue failed
  logic [NumQueues-1:0]  ffail_q;                 // RX: the current frame lost a descriptor
  logic [4:0]            open_n_q;                // queues with an open batch

  logic [SlotEntW-1:0]   slot_q [(2**QIdxW) * Slots];

  logic [TickW-1:0]      tick_q;
  logic [15:0]           tick_acc_q;
  logic [QIdxW-1:0]      scan_q;

  // ------------------------------------------------------------------ queue reset
  logic             any_reset;
  logic [QIdxW-1:0] rq;
  always_comb begin
    any_reset = (reset_i != '0);
    rq        = '0;
    if (any_reset) begin
      for (int unsigned k = 0; k < NumQueues; k++) begin
        if (reset_i[k]) begin
          rq = QIdxW'(k);
        end
      end
    end
  end

  // ------------------------------------------------------------------ issue FIFO
  logic             iss_push, iss_pop, iss_valid, iss_wr_ready;
  logic [IssW-1:0]  iss_wdata, iss_rdata;
  logic [BatchW-1:0] iss_count;

  // ------------------------------------------------------------------ arrival
  logic [QIdxW-1:0]    cq;
  logic                arrive, close_arr, open_arr;
  logic [4:0]          b, new_cnt, new_frames, thr;
  logic [RingIdxW-1:0] first_idx;
  logic [SlotW-1:0]    first_slot;
  logic [11:0]         next_low;     // page offset of the next descriptor

  assign cq           = QIdxW'(cmpl_q_i);
  assign cmpl_ready_o = (used_q[cq] != UsedW'(Slots)) && iss_wr_ready;
  assign arrive       = cmpl_valid_i && cmpl_ready_o;

  always_comb begin
    b          = '0;
    new_cnt    = '0;
    new_frames = '0;
    thr        = '0;
    first_idx  = '0;
    first_slot = '0;
    next_low   = '0;
    close_arr  = 1'b0;
    open_arr   = 1'b0;
    if (cmpl_valid_i) begin
      b          = bcnt_q[cq];
      new_cnt    = b + 5'd1;
      new_frames = bframes_q[cq] + 5'(cmpl_last_i);
      thr        = (wb_thresh_i[cq] == '0) ? 5'd1 :
                   ((wb_thresh_i[cq] < CAP) ? wb_thresh_i[cq] : CAP);
      first_idx  = (b == '0) ? cmpl_idx_i : bstart_q[cq];
      first_slot = (b == '0) ? wslot_q[cq] : bslot_q[cq];
      next_low   = base_i[cq][11:0] + 12'({cmpl_idx_i + 1'b1, 4'b0000});
      close_arr  = !cmpl_more_i || (new_cnt >= thr) || (cmpl_idx_i == len_mask_i[cq]) ||
                   (next_low == 12'd0);
      open_arr   = (b == '0) && !close_arr;
    end
  end

  // ------------------------------------------------------------------ timeout scan
  logic [QIdxW-1:0] s;
  logic             close_scan;
  logic [TickW-1:0] age;
  assign s = scan_q;
  always_comb begin
    close_scan = 1'b0;
    age        = '0;
    if (open_n_q != '0 && bcnt_q[s] != '0 && !reset_i[s] && !(arrive && cq == s) &&
        !(arrive && close_arr) && iss_wr_ready) begin
      age        = tick_q - bage_q[s];
      close_scan = (age >= TickW'(wb_delay_i[s]));
    end
  end

  always_comb begin
    iss_push  = (arrive && close_arr) || close_scan;
    iss_wdata = '0;
    if (arrive && close_arr) begin
      iss_wdata = {cmpl_q_i, first_idx, first_slot, new_cnt, new_frames};
    end else if (close_scan) begin
      iss_wdata = {4'(s), bstart_q[s], bslot_q[s], bcnt_q[s], bframes_q[s]};
    end
  end

  sync_fifo #(
    .Width (IssW),
    .Depth (MaxBatches)
  ) u_issue_fifo (
    .clk_i      (clk_i),
    .rst_ni     (rst_ni),
    .flush_i    (1'b0),
    .wr_valid_i (iss_push),
    .wr_ready_o (iss_wr_ready),
    .wr_data_i  (iss_wdata),
    .rd_valid_o (iss_valid),
    .rd_ready_i (iss_pop),
    .rd_data_o  (iss_rdata),
    .count_o    (iss_count)
  );

  logic [3:0]          iq_raw;
  logic [QIdxW-1:0]    iq;
  logic [RingIdxW-1:0] istart;
  logic [SlotW-1:0]    islot;
  logic [4:0]          icnt, iframes;
  assign {iq_raw, istart, islot, icnt, iframes} = iss_rdata;
  assign iq = QIdxW'(iq_raw);

  // ------------------------------------------------------------------ AW / W
  typedef enum logic [1:0] {
    WB_IDLE,
    WB_AW,      // address(es) of the batch
    WB_W        // its beats
  } wb_state_e;

  wb_state_e           wst_q;
  logic                awvalid_q;
  logic [63:0]         awaddr_q;
  logic [7:0]          awlen_q;
  logic                aw_second_q;   // SPLIT: the second address is due
  logic [QIdxW-1:0]    cur_q_q;
  logic [SlotW-1:0]    cur_slot_q;
  logic [4:0]          cur_cnt_q;
  logic [5:0]          beat_q;        // beat of the batch being sent
  logic [5:0]          cur_beats_q;

  // B tracking FIFO {queue, descriptors, bursts} and retire job FIFO {queue, descriptors, err}.
  localparam int unsigned BtqW = 4 + 5 + 2;
  localparam int unsigned JobW = 4 + 5 + 1;
  logic             btq_push, btq_pop, btq_valid, btq_wr_ready;
  logic [BtqW-1:0]  btq_wdata, btq_rdata;
  logic [BatchW-1:0] btq_count;
  logic             job_push, job_pop, job_valid, job_wr_ready;
  logic [JobW-1:0]  job_wdata, job_rdata;
  logic [BatchW-1:0] job_count;
  logic             ret_push, ret_pop, ret_valid, ret_wr_ready;
  logic [RetW-1:0]  ret_wdata, ret_rdata;
  logic [RetCntW-1:0] ret_count;

  logic             start_batch, dead_batch, w_fire, desc_end, batch_end;
  logic [SlotW-1:0] wslot;
  logic [SlotEntW-1:0] went;
  logic [4:0]       wdesc;
  logic [127:0]     wdesc_bits;

  // A batch starts (AW) when the queue is live and there is room to track it; a batch closed
  // before its queue's reset is dropped here.
  assign dead_batch  = (wst_q == WB_IDLE) && iss_valid && (cdead_q[iq] != '0);
  assign start_batch = (wst_q == WB_IDLE) && iss_valid && (cdead_q[iq] == '0) &&
                       (32'(btq_count) + 32'(job_count) < MaxBatches) &&
                       (32'(ret_count) + 32'(icnt) <= RetireDepth) && !(any_reset && rq == iq);
  assign iss_pop     = start_batch || dead_batch;

  // The beat being sent: RX beat 2j is w0 of descriptor j, 2j + 1 its w1; TX beat 2j is w1 of
  // descriptor j, 2j + 1 the w0 of descriptor j + 1 (no strobe).
  assign wdesc = IsTx ? 5'((beat_q + 6'd1) >> 1) : 5'(beat_q >> 1);
  assign wslot = cur_slot_q + SlotW'(wdesc);
  assign went  = slot_q[{cur_q_q, wslot}];

  if (IsTx) begin : gen_tx_beat
    always_comb begin
      m_axi_wdata_o = '0;
      m_axi_wstrb_o = '0;
      if (wst_q == WB_W && !beat_q[0]) begin
        m_axi_wdata_o[8 * DD_BYTE +: 8] = went[7:0] | 8'(1 << DD_BIT);
        m_axi_wstrb_o                   = 8'(1 << DD_BYTE);
      end
    end
    assign wdesc_bits = '0;
  end else begin : gen_rx_beat
    always_comb begin
      wdesc_bits = '0;
      wdesc_bits[nic_regmap_pkg::DESC_RX_WB_RSS_HASH_LSB +: HashW] = went[TypeW + LenW +: HashW];
      wdesc_bits[nic_regmap_pkg::DESC_RX_WB_RSS_TYPE_LSB +: TypeW] = went[LenW +: TypeW];
      wdesc_bits[nic_regmap_pkg::DESC_RX_WB_LENGTH_LSB +: LenW]    = went[0 +: LenW];
      wdesc_bits[nic_regmap_pkg::DESC_RX_WB_DD_LSB]                = 1'b1;
      wdesc_bits[nic_regmap_pkg::DESC_RX_WB_EOP_LSB]               = went[SlotEntW - 1];
    end
    assign m_axi_wdata_o = beat_q[0] ? wdesc_bits[127:64] : wdesc_bits[63:0];
    assign m_axi_wstrb_o = 8'hFF;
  end

  assign m_axi_wvalid_o = (wst_q == WB_W);
  assign m_axi_wlast_o  = SPLIT || (beat_q + 6'd1 == cur_beats_q);
  assign w_fire         = m_axi_wvalid_o && m_axi_wready_i;
  // A descriptor's last beat (RX: its w1; TX: its only strobed beat) retires it later.
  assign desc_end       = w_fire && (IsTx ? !beat_q[0] : beat_q[0]);
  assign batch_end      = w_fire && (beat_q + 6'd1 == cur_beats_q);
  assign ret_push       = desc_end;
  assign ret_wdata      = {went[SlotEntW - 1], went[PayW +: 16]};

  assign btq_push  = start_batch;
  assign btq_wdata = {iq_raw, icnt, SPLIT ? 2'd2 : 2'd1};

  // ------------------------------------------------------------------ B responses
  logic [1:0]  bseen_q;     // responses of the head batch seen
  logic        berr_q;
  logic        b_fire, b_err;
  logic [3:0]  bq_raw;
  logic [4:0]  bcnt_b;
  logic [1:0]  bnb;
  assign {bq_raw, bcnt_b, bnb} = btq_rdata;
  assign m_axi_bready_o = btq_valid;
  assign b_fire    = m_axi_bvalid_i && btq_valid;
  assign b_err     = m_axi_bresp_i[1];
  assign btq_pop   = b_fire && (bseen_q + 2'd1 == bnb);
  assign job_push  = btq_pop;
  assign job_wdata = {bq_raw, bcnt_b, berr_q || b_err};

  // ------------------------------------------------------------------ retire
  logic [3:0]       jq_raw;
  logic [QIdxW-1:0] jq;
  logic [4:0]       jcnt;
  logic             jerr;
  logic [4:0]       rpos_q;       // descriptors of the head job retired
  logic             rdead_cur_q;  // the head job was issued before its queue's reset
  logic             retire, job_first, job_dead, job_last, r_last;
  logic [15:0]      r_bytes;
  assign {jq_raw, jcnt, jerr} = job_rdata;
  assign jq        = QIdxW'(jq_raw);
  assign {r_last, r_bytes} = ret_rdata;
  assign job_first = (rpos_q == '0);
  assign job_dead  = job_first ? (rdead_q[jq] != '0) : rdead_cur_q;
  // One descriptor per cycle; a failure waits until its status report is taken.
  assign retire    = job_valid && !(status_valid_q && !status_ready_i) && !(any_reset && rq == jq);
  assign job_last  = retire && (rpos_q + 5'd1 == jcnt);
  assign ret_pop   = retire;
  assign job_pop   = job_last;

  // ------------------------------------------------------------------ outputs and counters
  logic             head_adv_q, q_done_q;
  logic [3:0]       head_adv_id_q, q_done_id_q;
  logic [15:0]      q_done_bytes_q;
  logic             status_valid_q;
  logic [3:0]       status_q_q;
  logic [nic_regmap_pkg::NUM_GCNT-1:0] gcnt_inc_q;
  logic [7:0]       off_backlog_q, err_backlog_q;   // RX frame drops still to count
  logic [5:0]       off_add;
  logic             err_add;

  always_comb begin
    off_add = '0;
    err_add = 1'b0;
    if (!IsTx) begin
      if (dead_batch) begin
        off_add = off_add + 6'(iframes);
      end
      if (any_reset && bcnt_q[rq] != '0) begin
        off_add = off_add + 6'(bframes_q[rq]);
      end
      if (retire && r_last && (jerr || (!job_dead && ffail_q[jq]))) begin
        err_add = 1'b1;
      end else if (retire && r_last && !job_dead && qfail_q[jq]) begin
        off_add = off_add + 6'd1;
      end
    end
  end

  // ------------------------------------------------------------------ registers
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      for (int unsigned q = 0; q < NumQueues; q++) begin
        bcnt_q[q]    <= '0;
        bframes_q[q] <= '0;
        bstart_q[q]  <= '0;
        bslot_q[q]   <= '0;
        bage_q[q]    <= '0;
        wslot_q[q]   <= '0;
        used_q[q]    <= '0;
        closed_q[q]  <= '0;
        cdead_q[q]   <= '0;
        infl_q[q]    <= '0;
        rdead_q[q]   <= '0;
      end
      qfail_q        <= '0;
      ffail_q        <= '0;
      open_n_q       <= '0;
      tick_q         <= '0;
      tick_acc_q     <= '0;
      scan_q         <= '0;
      wst_q          <= WB_IDLE;
      awvalid_q      <= 1'b0;
      awaddr_q       <= '0;
      awlen_q        <= '0;
      aw_second_q    <= 1'b0;
      cur_q_q        <= '0;
      cur_slot_q     <= '0;
      cur_cnt_q      <= '0;
      beat_q         <= '0;
      cur_beats_q    <= '0;
      bseen_q        <= '0;
      berr_q         <= 1'b0;
      rpos_q         <= '0;
      rdead_cur_q    <= 1'b0;
      head_adv_q     <= 1'b0;
      head_adv_id_q  <= '0;
      q_done_q       <= 1'b0;
      q_done_id_q    <= '0;
      q_done_bytes_q <= '0;
      status_valid_q <= 1'b0;
      status_q_q     <= '0;
      gcnt_inc_q     <= '0;
      off_backlog_q  <= '0;
      err_backlog_q  <= '0;
    end else begin
      head_adv_q <= 1'b0;
      q_done_q   <= 1'b0;
      gcnt_inc_q <= '0;

      // -------------------------------------------------------------- time base
      // Ticks of 1/8 us; only needed (and only counted) while some batch is open.
      if (open_n_q != '0) begin
        if (cycles_per_us_i <= 16'd8) begin
          tick_q <= tick_q + 1'b1;
        end else if ({1'b0, tick_acc_q} + 17'd8 >= {1'b0, cycles_per_us_i}) begin
          tick_acc_q <= tick_acc_q + 16'd8 - cycles_per_us_i;
          tick_q     <= tick_q + 1'b1;
        end else begin
          tick_acc_q <= tick_acc_q + 16'd8;
        end
      end
      if (NumQueues > 1 && open_n_q != '0) begin
        scan_q <= (32'(scan_q) + 1 >= NumQueues) ? '0 : scan_q + 1'b1;
      end

      // -------------------------------------------------------------- arrival
      if (arrive) begin
        slot_q[{cq, wslot_q[cq]}] <= {cmpl_last_i, cmpl_bytes_i, cmpl_data_i};
        wslot_q[cq] <= wslot_q[cq] + 1'b1;
        if (b == '0) begin
          bstart_q[cq] <= cmpl_idx_i;
          bslot_q[cq]  <= wslot_q[cq];
          bage_q[cq]   <= tick_q;
        end
        bcnt_q[cq]    <= close_arr ? '0 : new_cnt;
        bframes_q[cq] <= close_arr ? '0 : new_frames;
      end
      if (close_scan) begin
        bcnt_q[s]    <= '0;
        bframes_q[s] <= '0;
      end
      if (open_arr || (arrive && close_arr && b != '0) || close_scan ||
          (any_reset && bcnt_q[rq] != '0)) begin
        open_n_q <= open_n_q + 5'(open_arr) - 5'(arrive && close_arr && b != '0) -
                    5'(close_scan) - 5'(any_reset && bcnt_q[rq] != '0);
      end

      // used: +1 per arrival, -cnt when a batch has been sent or dropped.
      if (arrive && !(batch_end && cur_q_q == cq) && !(dead_batch && iq == cq)) begin
        used_q[cq] <= used_q[cq] + 1'b1;
      end
      if (batch_end) begin
        used_q[cur_q_q] <= used_q[cur_q_q] - UsedW'(cur_cnt_q) + UsedW'(arrive && cq == cur_q_q);
      end
      if (dead_batch) begin
        used_q[iq] <= used_q[iq] - UsedW'(icnt) + UsedW'(arrive && cq == iq);
      end

      // closed: +1 per closing, -1 per batch leaving the issue FIFO.
      if (iss_push && !(iss_pop && iq == (close_scan ? s : cq))) begin
        if (close_scan) begin
          closed_q[s] <= closed_q[s] + 1'b1;
        end else begin
          closed_q[cq] <= closed_q[cq] + 1'b1;
        end
      end
      if (iss_pop && !(iss_push && iq == (close_scan ? s : cq))) begin
        closed_q[iq] <= closed_q[iq] - 1'b1;
      end
      if (dead_batch) begin
        cdead_q[iq] <= cdead_q[iq] - 1'b1;
      end

      // -------------------------------------------------------------- AW / W
      if (awvalid_q && m_axi_awready_i) begin
        awvalid_q <= 1'b0;
      end
      unique case (wst_q)
        WB_IDLE: begin
          if (start_batch) begin
            awvalid_q   <= 1'b1;
            awaddr_q    <= base_i[iq] + {{(60 - RingIdxW){1'b0}}, istart, 4'b0000} +
                           (IsTx ? 64'd8 : 64'd0);
            awlen_q     <= SPLIT ? 8'd0 : (IsTx ? ({2'b00, icnt, 1'b0} - 8'd2) :
                                                  ({2'b00, icnt, 1'b0} - 8'd1));
            aw_second_q <= SPLIT;
            cur_q_q     <= iq;
            cur_slot_q  <= islot;
            cur_cnt_q   <= icnt;
            beat_q      <= '0;
            cur_beats_q <= IsTx ? ({icnt, 1'b0} - 6'd1) : {icnt, 1'b0};
            wst_q       <= WB_AW;
          end
        end
        WB_AW: begin
          if (awvalid_q && m_axi_awready_i) begin
            if (aw_second_q) begin
              awvalid_q   <= 1'b1;
              awaddr_q    <= awaddr_q + 64'd8;
              aw_second_q <= 1'b0;
            end else begin
              wst_q <= WB_W;
            end
          end
        end
        WB_W: begin
          if (w_fire) begin
            beat_q <= beat_q + 6'd1;
            if (batch_end) begin
              wst_q <= WB_IDLE;
            end
          end
        end
        default: wst_q <= WB_IDLE;
      endcase

      if (start_batch && !(job_last && jq == iq)) begin
        infl_q[iq] <= infl_q[iq] + 1'b1;
      end
      if (job_last && !(start_batch && jq == iq)) begin
        infl_q[jq] <= infl_q[jq] - 1'b1;
      end
      if (job_last && job_dead) begin
        rdead_q[jq] <= rdead_q[jq] - 1'b1;
      end

      // -------------------------------------------------------------- B
      if (b_fire) begin
        if (btq_pop) begin
          bseen_q <= '0;
          berr_q  <= 1'b0;
        end else begin
          bseen_q <= bseen_q + 2'd1;
          berr_q  <= berr_q || b_err;
        end
        if (b_err) begin
          gcnt_inc_q[nic_regmap_pkg::GCNT_DMA_ERRORS] <= 1'b1;
        end
      end

      // -------------------------------------------------------------- retire
      if (status_valid_q && status_ready_i) begin
        status_valid_q <= 1'b0;
      end
      if (retire) begin
        rpos_q <= job_last ? '0 : rpos_q + 5'd1;
        if (job_first) begin
          rdead_cur_q <= job_dead;
        end
        if (jerr && !job_dead) begin
          if (job_first && !qfail_q[jq]) begin
            status_valid_q <= 1'b1;
            status_q_q     <= jq_raw;
          end
          qfail_q[jq] <= 1'b1;
        end
        head_adv_q    <= !jerr && !qfail_q[jq] && !job_dead;
        head_adv_id_q <= jq_raw;
        if (r_last) begin
          if (!jerr && (job_dead || (!qfail_q[jq] && (IsTx || !ffail_q[jq])))) begin
            q_done_q       <= 1'b1;
            q_done_id_q    <= jq_raw;
            q_done_bytes_q <= r_bytes;
          end
          if (!IsTx && !job_dead) begin
            ffail_q[jq] <= 1'b0;
          end
        end else if (!IsTx && jerr && !job_dead) begin
          ffail_q[jq] <= 1'b1;
        end
      end

      // -------------------------------------------------------------- RX drop counts
      if (!IsTx) begin
        if (off_backlog_q != '0) begin
          gcnt_inc_q[nic_regmap_pkg::GCNT_RX_QUEUE_OFF_DROPS] <= 1'b1;
        end
        if (err_backlog_q != '0) begin
          gcnt_inc_q[nic_regmap_pkg::GCNT_RX_DMA_ERROR_DROPS] <= 1'b1;
        end
        if (off_add != '0 || off_backlog_q != '0) begin
          off_backlog_q <= off_backlog_q + 8'(off_add) - 8'(off_backlog_q != '0);
        end
        if (err_add || err_backlog_q != '0) begin
          err_backlog_q <= err_backlog_q + 8'(err_add) - 8'(err_backlog_q != '0);
        end
      end

      // -------------------------------------------------------------- queue reset
      // Last, so it wins over everything above for that queue.
      if (any_reset) begin
        if (bcnt_q[rq] != '0) begin
          used_q[rq] <= used_q[rq] - UsedW'(bcnt_q[rq]) -
                        ((batch_end && cur_q_q == rq) ? UsedW'(cur_cnt_q) : '0) -
                        ((dead_batch && iq == rq) ? UsedW'(icnt) : '0);
        end
        bcnt_q[rq]    <= '0;
        bframes_q[rq] <= '0;
        cdead_q[rq]   <= closed_q[rq] - BatchW'(iss_pop && iq == rq);
        // Every issued batch of the queue retires dead from now on, also the one whose
        // retirement is under way (retire and start_batch wait out this cycle for the queue).
        rdead_q[rq]   <= infl_q[rq];
        if (job_valid && jq == rq && rpos_q != '0) begin
          rdead_cur_q <= 1'b1;
        end
        qfail_q[rq]   <= 1'b0;
        ffail_q[rq]   <= 1'b0;
      end
    end
  end

  sync_fifo #(
    .Width (BtqW),
    .Depth (MaxBatches)
  ) u_btq_fifo (
    .clk_i      (clk_i),
    .rst_ni     (rst_ni),
    .flush_i    (1'b0),
    .wr_valid_i (btq_push),
    .wr_ready_o (btq_wr_ready),
    .wr_data_i  (btq_wdata),
    .rd_valid_o (btq_valid),
    .rd_ready_i (btq_pop),
    .rd_data_o  (btq_rdata),
    .count_o    (btq_count)
  );

  sync_fifo #(
    .Width (JobW),
    .Depth (MaxBatches)
  ) u_job_fifo (
    .clk_i      (clk_i),
    .rst_ni     (rst_ni),
    .flush_i    (1'b0),
    .wr_valid_i (job_push),
    .wr_ready_o (job_wr_ready),
    .wr_data_i  (job_wdata),
    .rd_valid_o (job_valid),
    .rd_ready_i (job_pop),
    .rd_data_o  (job_rdata),
    .count_o    (job_count)
  );

  sync_fifo #(
    .Width (RetW),
    .Depth (RetireDepth)
  ) u_retire_fifo (
    .clk_i      (clk_i),
    .rst_ni     (rst_ni),
    .flush_i    (1'b0),
    .wr_valid_i (ret_push),
    .wr_ready_o (ret_wr_ready),
    .wr_data_i  (ret_wdata),
    .rd_valid_o (ret_valid),
    .rd_ready_i (ret_pop),
    .rd_data_o  (ret_rdata),
    .count_o    (ret_count)
  );

  assign m_axi_awaddr_o  = awaddr_q;
  assign m_axi_awlen_o   = awlen_q;
  assign m_axi_awvalid_o = awvalid_q;

  assign head_adv_o     = head_adv_q;
  assign head_adv_q_o   = head_adv_id_q;
  assign q_done_o       = q_done_q;
  assign q_done_q_o     = q_done_id_q;
  assign q_done_bytes_o = q_done_bytes_q;
  assign status_valid_o = status_valid_q;
  assign status_q_o     = status_q_q;
  assign gcnt_inc_o     = gcnt_inc_q;

  // Fill levels are bounded by the issue conditions; bresp[0] carries no meaning here.
  logic unused_wb;
  assign unused_wb = ^{iss_count, btq_count, job_count, job_wr_ready, ret_wr_ready, ret_valid,
                       m_axi_bresp_i[0], cmpl_q_i, iq_raw, bq_raw, jq_raw, cur_cnt_q,
                       btq_wr_ready, wdesc, wdesc_bits};

`ifndef SYNTHESIS
  // ------------------------------------------------------------------ assertions
  // Completions of a queue arrive in ring order (the open batch stays contiguous); bursts never
  // cross 4 KiB and never exceed MaxBurstLen; WLAST on the batch's last beat only; no FIFO is
  // pushed full or popped empty.
  a_cmpl_contiguous: assert property (@(posedge clk_i) disable iff (!rst_ni)
      (arrive && b != '0) |-> (cmpl_idx_i == ((bstart_q[cq] + RingIdxW'(b)) & len_mask_i[cq])));
  a_cmpl_not_in_reset: assert property (@(posedge clk_i) disable iff (!rst_ni)
      cmpl_valid_i |-> !reset_i[cq]);
  a_aw_no_4k_cross: assert property (@(posedge clk_i) disable iff (!rst_ni)
      awvalid_q |-> (32'(awaddr_q[11:0]) + (32'(awlen_q) + 1) * 8 <= 32'd4096));
  a_aw_burst_len: assert property (@(posedge clk_i) disable iff (!rst_ni)
      awvalid_q |-> (32'(awlen_q) < MaxBurstLen));
  a_wlast_position: assert property (@(posedge clk_i) disable iff (!rst_ni)
      (m_axi_wvalid_o && m_axi_wlast_o && !SPLIT) |-> (beat_q + 6'd1 == cur_beats_q));
  a_iss_no_push_full: assert property (@(posedge clk_i) disable iff (!rst_ni)
      iss_push |-> iss_wr_ready);
  a_btq_no_pop_empty: assert property (@(posedge clk_i) disable iff (!rst_ni)
      btq_pop |-> btq_valid);
  a_job_no_push_full: assert property (@(posedge clk_i) disable iff (!rst_ni)
      job_push |-> job_wr_ready);
  a_ret_no_push_full: assert property (@(posedge clk_i) disable iff (!rst_ni)
      ret_push |-> ret_wr_ready);
  a_ret_no_pop_empty: assert property (@(posedge clk_i) disable iff (!rst_ni)
      ret_pop |-> ret_valid);
  a_slots_bound: assert property (@(posedge clk_i) disable iff (!rst_ni)
      used_q[cq] <= UsedW'(Slots));
`endif

endmodule

`default_nettype wire
