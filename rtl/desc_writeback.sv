// Copyright nicsim contributors. SPDX-License-Identifier: Apache-2.0
//
// Descriptor write-back, for every RX and TX ring: gathers completed descriptors per ring into
// batches and writes each batch back in one AXI burst, then retires its descriptors in ring
// order: one head advance per descriptor, one completion (rx_q_frames / tx_q_frames and the
// interrupt event) per frame, each only once the burst's write response has arrived, so DD is
// in host memory first.
//
// The producers (rx_dma, tx_dma) hand over a descriptor only once the DMA of its data is done
// (RX: every data write of the buffer acknowledged; TX: every beat of the frame read), with a
// flag `more`: another descriptor of the same ring is already on its way behind it. One
// completion is taken per cycle, RX first.
//
// Batching, per ring (the open batch: consecutive ring indices). A descriptor closes its ring's
// batch when
//   - nothing more of the ring is on its way (`more` clear): light load keeps its latency, the
//     write-back goes out as soon as the data is done;
//   - the batch holds min(wb_thresh, per-burst limit) descriptors (RX: MaxBurstLen / 2, TX:
//     (MaxBurstLen + 1) / 2, at most 16);
//   - it is the ring's last descriptor, or the next one starts a 4 KiB page (no burst wraps);
// and a scan pointer, one ring per cycle while some batch is open, closes a batch whose oldest
// descriptor has waited wb_delay eighths of a microsecond (time base: us_prescaler), so no
// completed descriptor waits longer than wb_delay plus 2 * NumQueues cycles.
//
// Closed batches wait in one queue, in order, for issue (AW, then the beats), write response
// and retirement. RX writes whole descriptors (w0: rss_hash, rss_type; w1: length, dd, eop,
// errors 0): 2 beats each; with MaxBurstLen == 1 each descriptor as two one-beat bursts. TX
// writes only the byte of w1 holding dd (strobes select it; every other bit stays as software
// wrote it), in one burst from the first descriptor's w1 to the last one's: 2n - 1 beats, the
// w0 beats in between with no strobe set.
//
// Errors. A write-back answered SLVERR/DECERR counts dma_errors, sets the ring's dma_fault
// status (rx_status_* / tx_status_* handshake to the engine, which forwards it to nic_regs) and
// retires nothing of its ring from then on until the ring is reset: the head stays at the
// first descriptor of the failed burst. RX frames lose their completion: a frame with a
// descriptor in the failed burst counts in rx_dma_error_drops, a later frame of the stopped
// ring in rx_queue_off_drops (each frame once). TX frames (already on the wire) are just not
// counted.
//
// Ring reset (queue disable): the open batch and the closed batches not yet issued are dropped
// without DMA (RX frames in them count in rx_queue_off_drops); batches already issued complete
// and count their frames, but no longer move the head. The reset marks the ring's batches in
// one pass, so a quick disable / enable is safe.
//
// Simulation speed: one instance for both directions; every part (arrival, scan, issue,
// beats, responses, retirement) is evaluated only in cycles in which it has something to do.

`default_nettype none

module desc_writeback #(
  // Number of queue pairs (1..16): rings 0..NumQueues-1 are RX, the next NumQueues TX.
  parameter int unsigned NumQueues   = 4,
  // Maximum AXI beats per write burst (1..256).
  parameter int unsigned MaxBurstLen = 16,
  // Descriptor index width: rings hold up to 2**RingIdxW descriptors (3..12).
  parameter int unsigned RingIdxW    = 12,
  // Completed descriptors held per ring until retired (power of two, 8..64).
  parameter int unsigned Slots       = 32,
  // Closed batches held, over all rings, until retired (power of two, 4..64).
  parameter int unsigned MaxBatches  = 32,
  // Width of an RX completion's payload {rss_hash, rss_type, length}; derived.
  localparam int unsigned RxPayW = nic_regmap_pkg::DESC_RX_WB_RSS_HASH_WIDTH +
                                   nic_regmap_pkg::DESC_RX_WB_RSS_TYPE_WIDTH +
                                   nic_regmap_pkg::DESC_RX_WB_LENGTH_WIDTH
) (
  input  wire logic                               clk_i,
  input  wire logic                               rst_ni,

  input  wire logic [15:0]                        cycles_per_us_i,

  // Ring configuration, per queue (from nic_regs). dma_ctrl: {wb_delay, wb_thresh, fetch_min}.
  input  wire logic [NumQueues-1:0][63:0]         rx_base_i,
  input  wire logic [NumQueues-1:0][RingIdxW-1:0] rx_len_mask_i,
  input  wire logic [NumQueues-1:0]               rx_reset_i,  // one-cycle pulses, one ring at a time
  input  wire logic [NumQueues-1:0][17:0]         rx_dma_ctrl_i,
  input  wire logic [NumQueues-1:0][63:0]         tx_base_i,
  input  wire logic [NumQueues-1:0][RingIdxW-1:0] tx_len_mask_i,
  input  wire logic [NumQueues-1:0]               tx_reset_i,
  input  wire logic [NumQueues-1:0][17:0]         tx_dma_ctrl_i,

  // Completed descriptors, in ring order per ring. A producer never offers one of a ring in
  // that ring's reset cycle. RX payload {rss_hash, rss_type, length}; TX the dd byte as
  // fetched (TX descriptors are frames: each one is its frame's last).
  input  wire logic                               rx_cmpl_valid_i,
  output logic                                    rx_cmpl_ready_o,
  input  wire logic [3:0]                         rx_cmpl_q_i,
  input  wire logic [RingIdxW-1:0]                rx_cmpl_idx_i,
  input  wire logic [RxPayW-1:0]                  rx_cmpl_data_i,
  input  wire logic                               rx_cmpl_last_i,   // the frame's last descriptor
  input  wire logic [15:0]                        rx_cmpl_bytes_i,  // the frame's length
  input  wire logic                               rx_cmpl_more_i,
  input  wire logic                               tx_cmpl_valid_i,
  output logic                                    tx_cmpl_ready_o,
  input  wire logic [3:0]                         tx_cmpl_q_i,
  input  wire logic [RingIdxW-1:0]                tx_cmpl_idx_i,
  input  wire logic [7:0]                         tx_cmpl_data_i,
  input  wire logic [15:0]                        tx_cmpl_bytes_i,
  input  wire logic                               tx_cmpl_more_i,

  // Retirement (to nic_regs): one head advance per descriptor, one completion per frame.
  output logic                                    rx_head_adv_o,
  output logic                                    tx_head_adv_o,
  output logic [3:0]                              head_adv_q_o,
  output logic                                    rxq_done_o,
  output logic                                    txq_done_o,
  output logic [3:0]                              q_done_q_o,
  output logic [15:0]                             q_done_bytes_o,

  // A write-back failed: dma_fault for the queue's RX or TX ring (held until taken).
  output logic                                    rx_status_valid_o,
  output logic                                    tx_status_valid_o,
  output logic [3:0]                              status_q_o,
  input  wire logic                               rx_status_ready_i,
  input  wire logic                               tx_status_ready_i,

  // Statistics: dma_errors, rx_dma_error_drops, rx_queue_off_drops.
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
  if (Slots < 8 || Slots > 64 || (Slots & (Slots - 1)) != 0) begin : gen_slots_check
    $fatal(1, "%m: Slots (%0d) must be a power of two in 8..64", Slots);
  end
  if (MaxBatches < 4 || MaxBatches > 64 || (MaxBatches & (MaxBatches - 1)) != 0)
  begin : gen_batches_check
    $fatal(1, "%m: MaxBatches (%0d) must be a power of two in 4..64", MaxBatches);
  end
  if (nic_regmap_pkg::DESC_RX_WB_RSS_HASH_LSB >= 64 || nic_regmap_pkg::DESC_RX_WB_LENGTH_LSB < 64 ||
      nic_regmap_pkg::DESC_TX_DD_LSB < 64) begin : gen_layout_check
    $fatal(1, "%m: rx_wb must hold rss_hash in w0 and length in w1, tx.dd must be in w1");
  end

  localparam int unsigned QIdxW   = (NumQueues > 1) ? $clog2(NumQueues) : 1;
  localparam int unsigned RIdxW   = QIdxW + 1;            // ring {tx, queue}
  // Per-ring arrays are indexed by {tx, queue}: sized for every such index.
  localparam int unsigned NumRings = 2 ** RIdxW;
  localparam int unsigned SlotW   = $clog2(Slots);
  localparam int unsigned UsedW   = SlotW + 1;
  localparam int unsigned HashW   = nic_regmap_pkg::DESC_RX_WB_RSS_HASH_WIDTH;
  localparam int unsigned TypeW   = nic_regmap_pkg::DESC_RX_WB_RSS_TYPE_WIDTH;
  localparam int unsigned LenW    = nic_regmap_pkg::DESC_RX_WB_LENGTH_WIDTH;
  // RX with one-beat bursts: each descriptor as two bursts.
  localparam bit          SPLIT   = (MaxBurstLen < 2);
  // Descriptors per burst.
  localparam int unsigned RxCapR  = (MaxBurstLen < 2) ? 1 : MaxBurstLen / 2;
  localparam int unsigned TxCapR  = (MaxBurstLen + 1) / 2;
  localparam logic [4:0]  RX_CAP  = 5'((RxCapR < 16) ? RxCapR : 16);
  localparam logic [4:0]  TX_CAP  = 5'((TxCapR < 16) ? TxCapR : 16);
  localparam int unsigned TickW   = 10;
  // The TX dd byte: its position in w1, and dd's bit in it.
  localparam int unsigned DD_BYTE = (nic_regmap_pkg::DESC_TX_DD_LSB - 64) / 8;
  localparam int unsigned DD_BIT  = (nic_regmap_pkg::DESC_TX_DD_LSB - 64) % 8;
  localparam int unsigned BatW    = $clog2(MaxBatches);
  localparam int unsigned CntW    = BatW + 1;
  // A closed batch {ring, start index, first slot, descriptors, frames}.
  localparam int unsigned EntW    = RIdxW + RingIdxW + SlotW + 5 + 5;
  // A completed descriptor as held {last, frame bytes, payload}.
  localparam int unsigned SlotEntW = 1 + 16 + RxPayW;

  // ------------------------------------------------------------------ state
  // Per ring.
  // The open batch {descriptors, frame ends in it, start index, first slot, tick it opened}
  // and the slots {next to fill, held by the open batch and the queue}, one word each (each
  // array written at most once per cycle and event, which Verilator evaluates cheaply).
  localparam int unsigned ObAge   = 0;
  localparam int unsigned ObSlot  = TickW;
  localparam int unsigned ObStart = TickW + SlotW;
  localparam int unsigned ObFr    = TickW + SlotW + RingIdxW;
  localparam int unsigned ObCnt   = ObFr + 5;
  localparam int unsigned ObW     = ObCnt + 5;
  logic [ObW-1:0]          ob_q [NumRings];
  logic [SlotW+UsedW-1:0]  sl_q [NumRings];
  logic [NumRings-1:0]   qfail_q;                // a write-back of the ring failed
  logic [NumRings-1:0]   ffail_q;                // RX: the current frame lost a descriptor
  logic [5:0]            open_n_q;               // rings with an open batch

  logic [SlotEntW-1:0]   slot_q [(2**RIdxW) * Slots];

  // The batch queue: closed at wr, issued at iss, answered at b, retired at rd (wrap bits).
  logic [EntW-1:0]       bat_q [MaxBatches];
  logic [MaxBatches-1:0] bat_dead_q;             // closed before its ring's reset: dropped
  logic [MaxBatches-1:0] bat_rdead_q;            // issued before its ring's reset: no head
  logic [MaxBatches-1:0] bat_err_q;              // its write-back failed
  logic [CntW-1:0]       wr_ptr_q, iss_ptr_q, b_ptr_q, rd_ptr_q;

  logic [TickW-1:0]      tick_q;
  logic [15:0]           tick_acc_q;
  logic [RIdxW-1:0]      scan_q;

  typedef enum logic [1:0] {
    WB_IDLE,
    WB_AW,      // address(es) of the batch
    WB_W        // its beats
  } wb_state_e;

  wb_state_e             wst_q;
  logic                  awvalid_q;
  logic [63:0]           awaddr_q;
  logic [7:0]            awlen_q;
  logic                  aw_second_q;   // RX with SPLIT: the second address is due
  logic [RIdxW-1:0]      cur_r_q;
  logic [SlotW-1:0]      cur_slot_q;
  logic [5:0]            beat_q;        // beat of the batch being sent
  logic [5:0]            cur_beats_q;
  logic                  bseen_q;       // SPLIT: the first response of the batch came
  logic [4:0]            rpos_q;        // descriptors of the batch at rd retired

  logic                  rx_head_q, tx_head_q, rx_done_q, tx_done_q;
  logic [3:0]            head_id_q, done_id_q;
  logic [15:0]           done_bytes_q;
  logic                  st_valid_q, st_tx_q;
  logic [3:0]            st_q_q;
  logic                  gcnt_err_q;
  logic [7:0]            off_backlog_q, err_backlog_q;   // RX frame drops still to count

  // ------------------------------------------------------------------ ring reset
  logic             any_reset;
  logic [RIdxW-1:0] rr;
  always_comb begin
    any_reset = (rx_reset_i != '0) || (tx_reset_i != '0);
    rr        = '0;
    if (any_reset) begin
      for (int unsigned k = 0; k < NumQueues; k++) begin
        if (rx_reset_i[k]) begin
          rr = {1'b0, QIdxW'(k)};
        end
        if (tx_reset_i[k]) begin
          rr = {1'b1, QIdxW'(k)};
        end
      end
    end
  end

  // A ring's configuration.
  function automatic logic [63:0] ring_base(logic [RIdxW-1:0] r,
                                            logic [NumQueues-1:0][63:0] rxb,
                                            logic [NumQueues-1:0][63:0] txb);
    ring_base = r[QIdxW] ? txb[r[QIdxW-1:0]] : rxb[r[QIdxW-1:0]];
  endfunction

  // ------------------------------------------------------------------ arrival and closing
  logic                ring_full, arrive, close_arr, open_arr, close_scan, push, c_tx;
  logic [RIdxW-1:0]    cr, s;
  logic [4:0]          b, new_cnt, thr;
  logic [EntW-1:0]     push_ent;
  logic [RingIdxW-1:0] a_idx, a_mask;
  logic                a_more, a_last;
  logic [4:0]          a_thr_raw;
  logic [11:0]         a_base_low, next_low;   // page offset of the ring, of the next descriptor
  logic [TickW-1:0]    age;
  logic [7:0]          delay;

  assign s         = scan_q;
  assign ring_full = (wr_ptr_q[BatW] != rd_ptr_q[BatW]) && (wr_ptr_q[BatW-1:0] == rd_ptr_q[BatW-1:0]);

  always_comb begin
    rx_cmpl_ready_o = 1'b0;
    tx_cmpl_ready_o = 1'b0;
    arrive          = 1'b0;
    close_arr       = 1'b0;
    open_arr        = 1'b0;
    close_scan      = 1'b0;
    c_tx            = 1'b0;
    cr              = '0;
    b               = '0;
    new_cnt         = '0;
    thr             = '0;
    push_ent        = '0;
    a_idx      = '0;
    a_mask     = '0;
    a_more     = 1'b0;
    a_last     = 1'b0;
    a_thr_raw  = '0;
    a_base_low = '0;
    next_low   = '0;
    age        = '0;
    delay      = '0;
    if (rx_cmpl_valid_i || tx_cmpl_valid_i) begin
      c_tx = !rx_cmpl_valid_i;
      cr   = c_tx ? {1'b1, QIdxW'(tx_cmpl_q_i)} : {1'b0, QIdxW'(rx_cmpl_q_i)};
      a_idx     = c_tx ? tx_cmpl_idx_i : rx_cmpl_idx_i;
      a_more    = c_tx ? tx_cmpl_more_i : rx_cmpl_more_i;
      a_last    = c_tx || rx_cmpl_last_i;
      a_mask    = c_tx ? tx_len_mask_i[cr[QIdxW-1:0]] : rx_len_mask_i[cr[QIdxW-1:0]];
      a_thr_raw = c_tx ? tx_dma_ctrl_i[cr[QIdxW-1:0]][9:5] : rx_dma_ctrl_i[cr[QIdxW-1:0]][9:5];
      arrive          = (sl_q[cr][0 +: UsedW] != UsedW'(Slots)) && !ring_full;
      rx_cmpl_ready_o = arrive && !c_tx;
      tx_cmpl_ready_o = arrive && c_tx;
      b        = ob_q[cr][ObCnt +: 5];
      new_cnt  = b + 5'd1;
      thr        = (a_thr_raw == '0) ? 5'd1 :
                   ((a_thr_raw < (c_tx ? TX_CAP : RX_CAP)) ? a_thr_raw : (c_tx ? TX_CAP : RX_CAP));
      a_base_low = c_tx ? tx_base_i[cr[QIdxW-1:0]][11:0] : rx_base_i[cr[QIdxW-1:0]][11:0];
      next_low   = a_base_low + 12'({a_idx + 1'b1, 4'b0000});
      close_arr  = arrive && (!a_more || (new_cnt >= thr) || (a_idx == a_mask) ||
                              (next_low == 12'd0));
      open_arr   = arrive && (b == '0) && !close_arr;
      push_ent   = {cr, (b == '0) ? a_idx : ob_q[cr][ObStart +: RingIdxW],
                    (b == '0) ? sl_q[cr][UsedW +: SlotW] : ob_q[cr][ObSlot +: SlotW],
                    new_cnt, ob_q[cr][ObFr +: 5] + 5'(a_last)};
    end
    // The scan closes an expired batch when the queue has room this cycle.
    if (open_n_q != '0) begin
      if (!close_arr && !ring_full && !(arrive && cr == s) && !(any_reset && rr == s)) begin
        if (ob_q[s][ObCnt +: 5] != '0) begin
          age        = tick_q - ob_q[s][ObAge +: TickW];
          delay      = s[QIdxW] ? tx_dma_ctrl_i[s[QIdxW-1:0]][17:10] :
                                  rx_dma_ctrl_i[s[QIdxW-1:0]][17:10];
          close_scan = (age >= TickW'(delay));
          if (close_scan) begin
            push_ent = {s, ob_q[s][ObStart +: RingIdxW], ob_q[s][ObSlot +: SlotW],
                        ob_q[s][ObCnt +: 5], ob_q[s][ObFr +: 5]};
          end
        end
      end
    end
    push = close_arr || close_scan;
  end

  // ------------------------------------------------------------------ issue and beats
  logic                start_batch, dead_batch, w_fire, batch_end;
  logic [RIdxW-1:0]    ir;
  logic [RingIdxW-1:0] istart;
  logic [SlotW-1:0]    islot;
  logic [4:0]          icnt, iframes;
  logic [4:0]          wdesc;
  logic [SlotEntW-1:0] went;
  logic [127:0]        wd;

  always_comb begin
    start_batch = 1'b0;
    dead_batch  = 1'b0;
    {ir, istart, islot, icnt, iframes} = '0;
    if (wst_q == WB_IDLE && iss_ptr_q != wr_ptr_q) begin
      {ir, istart, islot, icnt, iframes} = bat_q[iss_ptr_q[BatW-1:0]];
      // A batch closed before its ring's reset is dropped here, without DMA.
      dead_batch  = bat_dead_q[iss_ptr_q[BatW-1:0]];
      start_batch = !dead_batch && !(any_reset && rr == ir);
    end
  end

  // An RX write-back descriptor from a held completion {eop, bytes, hash, type, length}.
  function automatic logic [127:0] rx_wb_desc(logic [SlotEntW-1:0] e);
    logic [127:0] d;
    d = '0;
    d[nic_regmap_pkg::DESC_RX_WB_RSS_HASH_LSB +: HashW] = e[TypeW + LenW +: HashW];
    d[nic_regmap_pkg::DESC_RX_WB_RSS_TYPE_LSB +: TypeW] = e[LenW +: TypeW];
    d[nic_regmap_pkg::DESC_RX_WB_LENGTH_LSB +: LenW]    = e[0 +: LenW];
    d[nic_regmap_pkg::DESC_RX_WB_DD_LSB]                = 1'b1;
    d[nic_regmap_pkg::DESC_RX_WB_EOP_LSB]               = e[SlotEntW - 1];
    rx_wb_desc = d;
  endfunction

  // The beat being sent: RX beat 2j is w0 of descriptor j, 2j + 1 its w1; TX beat 2j is w1 of
  // descriptor j, 2j + 1 the w0 of descriptor j + 1 (no strobe).
  always_comb begin
    m_axi_wvalid_o = 1'b0;
    m_axi_wdata_o  = '0;
    m_axi_wstrb_o  = '0;
    m_axi_wlast_o  = 1'b0;
    w_fire         = 1'b0;
    batch_end      = 1'b0;
    wdesc          = '0;
    went           = '0;
    wd             = '0;
    if (wst_q == WB_W) begin
      wdesc = cur_r_q[QIdxW] ? 5'((beat_q + 6'd1) >> 1) : 5'(beat_q >> 1);
      went  = slot_q[{cur_r_q, cur_slot_q + SlotW'(wdesc)}];
      if (cur_r_q[QIdxW]) begin
        if (!beat_q[0]) begin
          m_axi_wdata_o[8 * DD_BYTE +: 8] = went[7:0] | 8'(1 << DD_BIT);
          m_axi_wstrb_o                   = 8'(1 << DD_BYTE);
        end
        m_axi_wlast_o = (beat_q + 6'd1 == cur_beats_q);
      end else begin
        wd            = rx_wb_desc(went);
        m_axi_wdata_o = beat_q[0] ? wd[127:64] : wd[63:0];
        m_axi_wstrb_o = 8'hFF;
        m_axi_wlast_o = SPLIT || (beat_q + 6'd1 == cur_beats_q);
      end
      m_axi_wvalid_o = 1'b1;
      w_fire         = m_axi_wready_i;
      batch_end      = w_fire && (beat_q + 6'd1 == cur_beats_q);
    end
  end

  // ------------------------------------------------------------------ responses
  logic b_fire, b_last, b_skip;
  always_comb begin
    m_axi_bready_o = 1'b0;
    b_fire         = 1'b0;
    b_last         = 1'b0;
    b_skip         = 1'b0;
    if (b_ptr_q != iss_ptr_q) begin
      // A batch dropped at issue has no response to wait for.
      b_skip         = bat_dead_q[b_ptr_q[BatW-1:0]];
      m_axi_bready_o = !b_skip;
      b_fire         = m_axi_bvalid_i && !b_skip;
      // RX batches with SPLIT have two responses.
      b_last         = b_skip || (b_fire && (!SPLIT || bseen_q ||
                                             bat_q[b_ptr_q[BatW-1:0]][EntW-1]));
    end
  end

  // ------------------------------------------------------------------ retirement
  logic                retire, job_first, job_dead, job_last, job_skip, jerr, r_last, j_tx;
  logic [RIdxW-1:0]    jr;
  logic [4:0]          jcnt, jframes;
  logic [SlotW-1:0]    jslot;
  logic [15:0]         r_bytes;
  logic [RingIdxW-1:0] jstart;

  always_comb begin
    retire    = 1'b0;
    job_first = 1'b0;
    job_dead  = 1'b0;
    job_last  = 1'b0;
    job_skip  = 1'b0;
    jerr      = 1'b0;
    r_last    = 1'b0;
    r_bytes   = '0;
    j_tx      = 1'b0;
    {jr, jstart, jslot, jcnt, jframes} = '0;
    if (rd_ptr_q != b_ptr_q) begin
      {jr, jstart, jslot, jcnt, jframes} = bat_q[rd_ptr_q[BatW-1:0]];
      j_tx      = jr[QIdxW];
      job_skip  = bat_dead_q[rd_ptr_q[BatW-1:0]];
      jerr      = bat_err_q[rd_ptr_q[BatW-1:0]];
      job_first = (rpos_q == '0);
      job_dead  = bat_rdead_q[rd_ptr_q[BatW-1:0]];
      // One descriptor per cycle (a dropped batch in one); a failure waits until the status
      // register is free; nothing of a ring in its reset cycle.
      retire    = !(jerr && job_first && st_valid_q) && !(any_reset && rr == jr);
      job_last  = retire && (job_skip || (rpos_q + 5'd1 == jcnt));
      {r_last, r_bytes} = slot_q[{jr, jslot + SlotW'(rpos_q)}][SlotEntW-1 -: 17];
    end
  end

  // RX frame drops counted here (one per cycle through the backlogs).
  logic [6:0] off_add;
  logic       err_add;
  always_comb begin
    off_add = '0;
    err_add = 1'b0;
    if (retire) begin
      if (job_skip && !j_tx) begin
        off_add = 7'(jframes);
      end else if (!job_skip && !j_tx && r_last) begin
        if (jerr || (!job_dead && ffail_q[jr])) begin
          err_add = 1'b1;
        end else if (!job_dead && qfail_q[jr]) begin
          off_add = 7'd1;
        end
      end
    end
    if (any_reset && !rr[QIdxW] && ob_q[rr][ObCnt +: 5] != '0) begin
      off_add = off_add + 7'(ob_q[rr][ObFr +: 5]);
    end
  end

  // ------------------------------------------------------------------ registers
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      for (int unsigned r = 0; r < NumRings; r++) begin
        ob_q[r] <= '0;
        sl_q[r] <= '0;
      end
      qfail_q       <= '0;
      ffail_q       <= '0;
      open_n_q      <= '0;
      bat_dead_q    <= '0;
      bat_rdead_q   <= '0;
      bat_err_q     <= '0;
      wr_ptr_q      <= '0;
      iss_ptr_q     <= '0;
      b_ptr_q       <= '0;
      rd_ptr_q      <= '0;
      tick_q        <= '0;
      tick_acc_q    <= '0;
      scan_q        <= '0;
      wst_q         <= WB_IDLE;
      awvalid_q     <= 1'b0;
      awaddr_q      <= '0;
      awlen_q       <= '0;
      aw_second_q   <= 1'b0;
      cur_r_q       <= '0;
      cur_slot_q    <= '0;
      beat_q        <= '0;
      cur_beats_q   <= '0;
      bseen_q       <= 1'b0;
      rpos_q        <= '0;
      rx_head_q     <= 1'b0;
      tx_head_q     <= 1'b0;
      rx_done_q     <= 1'b0;
      tx_done_q     <= 1'b0;
      head_id_q     <= '0;
      done_id_q     <= '0;
      done_bytes_q  <= '0;
      st_valid_q    <= 1'b0;
      st_tx_q       <= 1'b0;
      st_q_q        <= '0;
      gcnt_err_q    <= 1'b0;
      off_backlog_q <= '0;
      err_backlog_q <= '0;
    end else begin
      if (rx_head_q || tx_head_q || rx_done_q || tx_done_q || gcnt_err_q) begin
        rx_head_q  <= 1'b0;
        tx_head_q  <= 1'b0;
        rx_done_q  <= 1'b0;
        tx_done_q  <= 1'b0;
        gcnt_err_q <= 1'b0;
      end

      // -------------------------------------------------------------- time base and scan
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
        scan_q <= (32'(scan_q[QIdxW-1:0]) + 1 >= NumQueues) ?
                  {!scan_q[QIdxW], QIdxW'(0)} : scan_q + 1'b1;
      end

      // -------------------------------------------------------------- arrival and closing
      if (arrive) begin
        slot_q[{cr, sl_q[cr][UsedW +: SlotW]}] <=
            c_tx ? {1'b1, tx_cmpl_bytes_i, RxPayW'(tx_cmpl_data_i)} :
                   {rx_cmpl_last_i, rx_cmpl_bytes_i, rx_cmpl_data_i};
        ob_q[cr] <= {close_arr ? 5'd0 : new_cnt, close_arr ? 5'd0 : push_ent[4:0],
                     (b == '0) ? a_idx : ob_q[cr][ObStart +: RingIdxW],
                     (b == '0) ? sl_q[cr][UsedW +: SlotW] : ob_q[cr][ObSlot +: SlotW],
                     (b == '0) ? tick_q : ob_q[cr][ObAge +: TickW]};
      end
      if (close_scan) begin
        ob_q[s] <= {10'd0, ob_q[s][ObFr-1:0]};
      end
      if (open_arr || push || any_reset) begin
        if (open_arr || (close_arr && b != '0) || close_scan ||
            (any_reset && ob_q[rr][ObCnt +: 5] != '0)) begin
          open_n_q <= open_n_q + 6'(open_arr) - 6'(close_arr && b != '0) - 6'(close_scan) -
                      6'(any_reset && ob_q[rr][ObCnt +: 5] != '0);
        end
      end
      if (push) begin
        bat_q[wr_ptr_q[BatW-1:0]]       <= push_ent;
        bat_dead_q[wr_ptr_q[BatW-1:0]]  <= 1'b0;
        bat_rdead_q[wr_ptr_q[BatW-1:0]] <= 1'b0;
        bat_err_q[wr_ptr_q[BatW-1:0]]   <= 1'b0;
        wr_ptr_q <= wr_ptr_q + 1'b1;
      end

      // -------------------------------------------------------------- issue and beats
      if (awvalid_q && m_axi_awready_i) begin
        awvalid_q <= 1'b0;
      end
      unique case (wst_q)
        WB_IDLE: begin
          if (dead_batch) begin
            iss_ptr_q <= iss_ptr_q + 1'b1;
          end else if (start_batch) begin
            awvalid_q   <= 1'b1;
            awaddr_q    <= ring_base(ir, rx_base_i, tx_base_i) +
                           {{(60 - RingIdxW){1'b0}}, istart, 4'b0000} + (ir[QIdxW] ? 64'd8 : 64'd0);
            awlen_q     <= ir[QIdxW] ? ({2'b00, icnt, 1'b0} - 8'd2) :
                           (SPLIT ? 8'd0 : ({2'b00, icnt, 1'b0} - 8'd1));
            aw_second_q <= SPLIT && !ir[QIdxW];
            cur_r_q     <= ir;
            cur_slot_q  <= islot;
            beat_q      <= '0;
            cur_beats_q <= ir[QIdxW] ? ({icnt, 1'b0} - 6'd1) : {icnt, 1'b0};
            iss_ptr_q   <= iss_ptr_q + 1'b1;
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

      // -------------------------------------------------------------- responses
      if (b_fire || b_skip) begin
        if (b_fire && m_axi_bresp_i[1]) begin
          bat_err_q[b_ptr_q[BatW-1:0]] <= 1'b1;
          gcnt_err_q <= 1'b1;
        end
        bseen_q <= !b_last;
        if (b_last) begin
          b_ptr_q <= b_ptr_q + 1'b1;
        end
      end

      // -------------------------------------------------------------- retirement
      if (st_valid_q && (st_tx_q ? tx_status_ready_i : rx_status_ready_i)) begin
        st_valid_q <= 1'b0;
      end
      if (retire) begin
        rpos_q <= job_last ? '0 : rpos_q + 5'd1;
        if (job_last) begin
          rd_ptr_q <= rd_ptr_q + 1'b1;
        end
        if (!job_skip) begin
          if (jerr && !job_dead) begin
            if (job_first && !qfail_q[jr]) begin
              st_valid_q <= 1'b1;
              st_tx_q    <= j_tx;
              st_q_q     <= 4'(jr[QIdxW-1:0]);
            end
            qfail_q[jr] <= 1'b1;
          end
          if (!jerr && !qfail_q[jr] && !job_dead) begin
            rx_head_q <= !j_tx;
            tx_head_q <= j_tx;
            head_id_q <= 4'(jr[QIdxW-1:0]);
          end
          if (r_last && !jerr && (job_dead || (!qfail_q[jr] && (j_tx || !ffail_q[jr])))) begin
            rx_done_q    <= !j_tx;
            tx_done_q    <= j_tx;
            done_id_q    <= 4'(jr[QIdxW-1:0]);
            done_bytes_q <= r_bytes;
          end
          if (!j_tx && !job_dead) begin
            if (r_last) begin
              ffail_q[jr] <= 1'b0;
            end else if (jerr) begin
              ffail_q[jr] <= 1'b1;
            end
          end
        end
      end

      // Slots per ring: the next one +1 and held +1 per arrival (ring cr), held -descriptors
      // per retired batch (ring jr).
      if (arrive) begin
        sl_q[cr] <= {sl_q[cr][UsedW +: SlotW] + 1'b1,
                     sl_q[cr][0 +: UsedW] + 1'b1 - ((job_last && jr == cr) ? UsedW'(jcnt) : '0)};
      end
      if (job_last && !(arrive && jr == cr)) begin
        sl_q[jr] <= {sl_q[jr][UsedW +: SlotW], sl_q[jr][0 +: UsedW] - UsedW'(jcnt)};
      end

      // -------------------------------------------------------------- RX drop counts
      if (retire || any_reset || off_backlog_q != '0 || err_backlog_q != '0) begin
        if (off_add != '0 || off_backlog_q != '0) begin
          off_backlog_q <= off_backlog_q + 8'(off_add) - 8'(off_backlog_q != '0);
        end
        if (err_add || err_backlog_q != '0) begin
          err_backlog_q <= err_backlog_q + 8'(err_add) - 8'(err_backlog_q != '0);
        end
      end

      // -------------------------------------------------------------- ring reset
      // Last, so it wins over everything above for that ring: the open batch is dropped (its
      // slots, the newest, given back), batches in the queue become dead.
      if (any_reset) begin
        if (ob_q[rr][ObCnt +: 5] != '0) begin
          sl_q[rr] <= {sl_q[rr][UsedW +: SlotW] - SlotW'(ob_q[rr][ObCnt +: 5]),
                       sl_q[rr][0 +: UsedW] - UsedW'(ob_q[rr][ObCnt +: 5])};
        end
        ob_q[rr] <= '0;
        qfail_q[rr]   <= 1'b0;
        ffail_q[rr]   <= 1'b0;
        // The ring's batches in the queue: dropped if not yet issued, else retired without
        // moving the head. Positions counted from rd: before iss issued, from iss on waiting.
        for (int unsigned i = 0; i < MaxBatches; i++) begin
          if (bat_q[i][EntW-1 -: RIdxW] == rr &&
              CntW'(BatW'(i) - rd_ptr_q[BatW-1:0]) < CntW'(wr_ptr_q - rd_ptr_q)) begin
            if (CntW'(BatW'(i) - rd_ptr_q[BatW-1:0]) < CntW'(iss_ptr_q - rd_ptr_q)) begin
              bat_rdead_q[i] <= 1'b1;
            end else begin
              bat_dead_q[i] <= 1'b1;
            end
          end
        end
      end
    end
  end

  assign m_axi_awaddr_o  = awaddr_q;
  assign m_axi_awlen_o   = awlen_q;
  assign m_axi_awvalid_o = awvalid_q;

  assign rx_head_adv_o     = rx_head_q;
  assign tx_head_adv_o     = tx_head_q;
  assign head_adv_q_o      = head_id_q;
  assign rxq_done_o        = rx_done_q;
  assign txq_done_o        = tx_done_q;
  assign q_done_q_o        = done_id_q;
  assign q_done_bytes_o    = done_bytes_q;
  assign rx_status_valid_o = st_valid_q && !st_tx_q;
  assign tx_status_valid_o = st_valid_q && st_tx_q;
  assign status_q_o        = st_q_q;

  always_comb begin
    gcnt_inc_o = '0;
    gcnt_inc_o[nic_regmap_pkg::GCNT_DMA_ERRORS]         = gcnt_err_q;
    gcnt_inc_o[nic_regmap_pkg::GCNT_RX_QUEUE_OFF_DROPS] = (off_backlog_q != '0);
    gcnt_inc_o[nic_regmap_pkg::GCNT_RX_DMA_ERROR_DROPS] = (err_backlog_q != '0);
  end

  // Queue indices are carried 4 bits wide; a batch's start index is not needed to retire it.
  logic unused_wb;
  assign unused_wb = ^{m_axi_bresp_i[0], rx_cmpl_q_i, tx_cmpl_q_i, jstart, iframes, wd, went,
                       wdesc, rx_dma_ctrl_i, tx_dma_ctrl_i};

`ifndef SYNTHESIS
  // ------------------------------------------------------------------ assertions
  // Bursts never cross 4 KiB and never exceed MaxBurstLen; WLAST on the batch's last beat
  // only; the batch queue and the slots never overflow; producers respect the reset rule.
  a_rx_cmpl_not_in_reset: assert property (@(posedge clk_i) disable iff (!rst_ni)
      rx_cmpl_valid_i |-> !rx_reset_i[QIdxW'(rx_cmpl_q_i)]);
  a_tx_cmpl_not_in_reset: assert property (@(posedge clk_i) disable iff (!rst_ni)
      tx_cmpl_valid_i |-> !tx_reset_i[QIdxW'(tx_cmpl_q_i)]);
  a_aw_no_4k_cross: assert property (@(posedge clk_i) disable iff (!rst_ni)
      awvalid_q |-> (32'(awaddr_q[11:0]) + (32'(awlen_q) + 1) * 8 <= 32'd4096));
  a_aw_burst_len: assert property (@(posedge clk_i) disable iff (!rst_ni)
      awvalid_q |-> (32'(awlen_q) < MaxBurstLen));
  a_wlast_position: assert property (@(posedge clk_i) disable iff (!rst_ni)
      (m_axi_wvalid_o && m_axi_wlast_o && !(SPLIT && !cur_r_q[QIdxW])) |->
          (beat_q + 6'd1 == cur_beats_q));
  a_queue_no_push_full: assert property (@(posedge clk_i) disable iff (!rst_ni)
      push |-> !ring_full);
  a_queue_order: assert property (@(posedge clk_i) disable iff (!rst_ni)
      (CntW'(wr_ptr_q - iss_ptr_q) <= CntW'(wr_ptr_q - b_ptr_q)) &&
      (CntW'(wr_ptr_q - b_ptr_q) <= CntW'(wr_ptr_q - rd_ptr_q)) &&
      (CntW'(wr_ptr_q - rd_ptr_q) <= CntW'(MaxBatches)));
  // An immediate assertion at the clock edge (the same check as a concurrent one): Verilator
  // 5.006 stops with an internal error (V3Unknown, "No VarRef or Const under ArraySel") on an
  // unpacked-array select inside a concurrent assertion's sampled expression.
  always @(posedge clk_i) begin
    if (rst_ni && arrive) begin
      a_slots_bound: assert (sl_q[cr][0 +: UsedW] < UsedW'(Slots));
    end
  end
`endif

endmodule

`default_nettype wire
