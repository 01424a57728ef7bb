// Copyright nicsim contributors. SPDX-License-Identifier: Apache-2.0
//
// Descriptor fetch: an on-chip cache of descriptors per queue, read from the ring in host
// memory ahead of need (as the descriptor caches of Intel's 82599 or the descriptor engine of a
// queue DMA), so that a DMA engine finds its next descriptor on chip while software keeps the
// ring supplied. One instance serves the RX rings (rx_dma), one the TX rings (tx_dma).
//
// Per queue the block keeps: fetch_idx, the next ring index to read; held, the descriptors
// cached or on their way (at most CacheDepth); avail, those arrived and not yet taken. The
// oldest cached descriptor has ring index fetch_idx - held; the consumer takes descriptors in
// ring order, so that is always the one it needs next. Software owns nothing from that index to
// the tail, so cached descriptors cannot go stale.
//
// Fetching. A scan pointer visits one queue per cycle (round-robin, fair, and cheap: no loop
// over the queues in any cycle). A visited queue that is active and has no descriptor fault
// gets a fetch of n descriptors, n the least of: what software posted beyond what is held
// (tail - fetch_idx), the room in its cache, the descriptors per burst (MaxBurstLen / 2, at most
// 16), the descriptors to the ring's end and to the next 4 KiB boundary (no burst wraps the ring
// or crosses a page). A fetch smaller than min(fetch_min, descriptors per burst) waits for more
// room, unless it takes everything posted, or runs to the ring's end or a page boundary: so
// under load fetches come in bursts, and at light load a single posted descriptor is read at
// once. One AR is issued at a time; up to MaxFetches fetches are in flight, answered in order.
// With MaxBurstLen == 1 each descriptor is read alone: only its first word when EntryW <= 64,
// else as two one-beat bursts.
//
// Each cached entry is the descriptor's low EntryW bits and an error flag (a read of it was
// answered SLVERR/DECERR). Every failed read burst pulses the dma_errors increment; a queue with
// an error stops fetching until it is reset (disabled), and the consumer reports the fault when
// it reaches the entry.
//
// reset_i[q] (the queue is disabled; head and tail are 0 again) empties the queue's cache and
// restarts it at index 0. Fetches of the queue still in flight are discarded when they arrive
// (counted exactly: the ones in flight at the reset, whatever follows), so a quick
// disable / enable cannot mix old and new descriptors.

`default_nettype none

module desc_fetch #(
  // Number of queues (1..16).
  parameter int unsigned NumQueues   = 4,
  // Maximum AXI beats per read burst (1..256).
  parameter int unsigned MaxBurstLen = 16,
  // Descriptor index width: rings hold up to 2**RingIdxW descriptors (3..12).
  parameter int unsigned RingIdxW    = 12,
  // Descriptors cached per queue (power of two, 4..64).
  parameter int unsigned CacheDepth  = 32,
  // Low bits of each 128-bit descriptor kept (1..128); <= 64 keeps only the first word.
  parameter int unsigned EntryW      = 64,
  // Fetch bursts in flight at most (power of two, 2..64).
  parameter int unsigned MaxFetches  = 16
) (
  input  wire logic                               clk_i,
  input  wire logic                               rst_ni,

  // Ring configuration and state, per queue (from nic_regs).
  input  wire logic [NumQueues-1:0][63:0]         base_i,
  input  wire logic [NumQueues-1:0][RingIdxW-1:0] len_mask_i,
  input  wire logic [NumQueues-1:0][RingIdxW-1:0] tail_i,
  input  wire logic [NumQueues-1:0]               active_i,
  input  wire logic [NumQueues-1:0]               reset_i,   // one-cycle pulse, one queue at a time
  input  wire logic [NumQueues-1:0][4:0]          fetch_min_i,

  // Consumer: the queue it looks at, that queue's oldest cached descriptor, and taking it.
  input  wire logic [3:0]                         sel_q_i,
  output logic                                    sel_valid_o,
  output logic [EntryW-1:0]                       sel_desc_o,
  output logic                                    sel_err_o,
  output logic [RingIdxW-1:0]                     sel_idx_o,    // its ring index
  output logic [RingIdxW-1:0]                     sel_owned_o,  // posted and not yet taken
  input  wire logic                               pop_i,
  output logic [NumQueues-1:0]                    nonempty_o,   // queues with a cached descriptor

  // Statistics (to nic_regs): GCNT_DMA_ERRORS only.
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
  if (CacheDepth < 4 || CacheDepth > 64 || (CacheDepth & (CacheDepth - 1)) != 0) begin : gen_depth_check
    $fatal(1, "%m: CacheDepth (%0d) must be a power of two in 4..64", CacheDepth);
  end
  if (EntryW < 1 || EntryW > 128) begin : gen_entry_w_check
    $fatal(1, "%m: EntryW (%0d) must be in 1..128", EntryW);
  end
  if (MaxFetches < 2 || MaxFetches > 64 || (MaxFetches & (MaxFetches - 1)) != 0) begin : gen_fetches_check
    $fatal(1, "%m: MaxFetches (%0d) must be a power of two in 2..64", MaxFetches);
  end

  localparam int unsigned QIdxW   = (NumQueues > 1) ? $clog2(NumQueues) : 1;
  localparam int unsigned SlotW   = $clog2(CacheDepth);
  localparam int unsigned CntW    = SlotW + 1;
  // Both words of every descriptor are read, except with one-beat bursts when only the first
  // is kept; with one-beat bursts and both words kept, each descriptor takes two bursts.
  localparam bit          SPLIT   = (MaxBurstLen < 2) && (EntryW > 64);
  localparam int unsigned WORDS   = ((MaxBurstLen < 2) && (EntryW <= 64)) ? 1 : 2;
  localparam int unsigned PerBurst = (MaxBurstLen < 2) ? 1 :
                                     ((MaxBurstLen / 2 < 16) ? MaxBurstLen / 2 : 16);
  localparam logic [12:0] MAX_DESCS = 13'(PerBurst);
  localparam int unsigned NW      = $clog2(PerBurst) + 1;      // width of a fetch's size
  localparam int unsigned FetchW  = $clog2(MaxFetches) + 1;
  localparam int unsigned TrkW    = 4 + NW;                    // {queue, descriptors}

  // ------------------------------------------------------------------ state
  // Per queue (indexed by queue; q < NumQueues always).
  logic [RingIdxW-1:0]  fetch_idx_q [NumQueues];
  logic [CntW-1:0]      held_q      [NumQueues];
  logic [CntW-1:0]      avail_q     [NumQueues];
  logic [SlotW-1:0]     rd_slot_q   [NumQueues];
  logic [FetchW-1:0]    infl_q      [NumQueues];   // fetches in flight
  logic [FetchW-1:0]    stale_q     [NumQueues];   // of those, issued before a reset
  logic [NumQueues-1:0] fault_q;                   // a descriptor read failed: stop fetching
  logic [NumQueues-1:0] nonempty_q;

  // The cache: entry {queue, slot} = {err, descriptor bits}.
  logic [EntryW:0]      cache_q [(2**QIdxW) * CacheDepth];

  logic [QIdxW-1:0]     scan_q;
  logic                 arvalid_q;
  logic [63:0]          araddr_q;
  logic [7:0]           arlen_q;
  logic                 split_q;        // the second one-beat burst of a descriptor is due

  // Receive side: position in the fetch at the head of the tracking FIFO.
  logic [NW-1:0]        dcnt_q;         // descriptors of it completed
  logic                 wpar_q;         // second word of a descriptor next
  logic [63:0]          w0_q;
  logic                 derr_q;         // error in the descriptor being received
  logic                 berr_q;         // error in the burst being received
  logic                 dead_q;         // the fetch being received is discarded
  logic [nic_regmap_pkg::NUM_GCNT-1:0] gcnt_inc_q;

  // Tracking FIFO: the fetches in flight, in issue order.
  logic              trk_push, trk_pop, trk_valid, trk_wr_ready;
  logic [TrkW-1:0]   trk_wdata, trk_rdata;
  logic [FetchW-1:0] trk_count;
  logic [3:0]        trk_q;
  logic [NW-1:0]     trk_n;
  logic [QIdxW-1:0]  tq;

  assign trk_q = trk_rdata[TrkW-1 -: 4];
  assign trk_n = trk_rdata[NW-1:0];
  assign tq    = QIdxW'(trk_q);

  // ------------------------------------------------------------------ reset of a queue
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

  // ------------------------------------------------------------------ consumer view
  logic [QIdxW-1:0] sq;
  assign sq = QIdxW'(sel_q_i);

  always_comb begin
    sel_valid_o = nonempty_q[sq] && !reset_i[sq];
    {sel_err_o, sel_desc_o} = cache_q[{sq, rd_slot_q[sq]}];
    sel_idx_o   = (fetch_idx_q[sq] - RingIdxW'(held_q[sq])) & len_mask_i[sq];
    sel_owned_o = (tail_i[sq] - sel_idx_o) & len_mask_i[sq];
  end
  assign nonempty_o = nonempty_q;

  // ------------------------------------------------------------------ fetch decision
  logic [QIdxW-1:0]    s;
  logic                issue;
  logic [12:0]         n, owned, room, to_end, to_page, need;
  logic [63:0]         fetch_addr;
  logic [RingIdxW-1:0] owned_idx;

  assign s = scan_q;

  always_comb begin
    issue      = 1'b0;
    n          = '0;
    owned      = '0;
    room       = '0;
    to_end     = '0;
    to_page    = '0;
    need       = '0;
    fetch_addr = '0;
    owned_idx  = '0;
    if (!arvalid_q && !split_q && trk_wr_ready && active_i[s] && !reset_i[s] && !fault_q[s]) begin
      owned_idx = (tail_i[s] - fetch_idx_q[s]) & len_mask_i[s];
      owned     = 13'(owned_idx);
      room  = 13'(CacheDepth) - 13'(held_q[s]);
      if (owned != '0 && room != '0) begin
        fetch_addr = base_i[s] + {{(60 - RingIdxW){1'b0}}, fetch_idx_q[s], 4'b0000};
        to_end     = 13'(len_mask_i[s]) - 13'(fetch_idx_q[s]) + 13'd1;
        to_page    = (13'h1000 - {1'b0, fetch_addr[11:0]}) >> 4;
        need       = (13'(fetch_min_i[s]) < MAX_DESCS) ? 13'(fetch_min_i[s]) : MAX_DESCS;
        n = MAX_DESCS;
        if (owned < n) begin
          n = owned;
        end
        if (room < n) begin
          n = room;
        end
        if (to_end < n) begin
          n = to_end;
        end
        if (to_page < n) begin
          n = to_page;
        end
        issue = (n >= need) || (n == owned) || (n == to_end) || (n == to_page);
      end
    end
  end

  assign trk_push  = issue;
  assign trk_wdata = {4'(s), NW'(n)};

  // ------------------------------------------------------------------ receive decisions
  logic r_fire, word_done, desc_done, fetch_done, dead_now, desc_err;
  logic [QIdxW-1:0] pq;           // queue the consumer pops
  logic pop, arrive;

  assign m_axi_rready_o = trk_valid;
  assign r_fire    = m_axi_rvalid_i && trk_valid;
  assign word_done = r_fire && (WORDS == 1 || wpar_q);
  assign desc_done = word_done;
  assign fetch_done = desc_done && (dcnt_q + 1'b1 == trk_n);
  assign trk_pop   = fetch_done;
  // A fetch is discarded if it was issued before its queue's last reset, or if the reset comes
  // while it arrives.
  assign dead_now  = ((dcnt_q == '0 && !wpar_q) ? (stale_q[tq] != '0) : dead_q) ||
                     reset_i[tq];
  assign desc_err  = derr_q || m_axi_rresp_i[1];
  assign pq        = sq;
  assign pop       = pop_i && sel_valid_o;
  assign arrive    = desc_done && !dead_now;

  // Slot of the arriving descriptor: after those its queue holds (a pop in the same cycle moves
  // both the read slot and the count, not their sum).
  logic [SlotW-1:0] wr_slot;
  assign wr_slot = rd_slot_q[tq] + SlotW'(avail_q[tq]);

  // ------------------------------------------------------------------ registers
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      for (int unsigned q = 0; q < NumQueues; q++) begin
        fetch_idx_q[q] <= '0;
        held_q[q]      <= '0;
        avail_q[q]     <= '0;
        rd_slot_q[q]   <= '0;
        infl_q[q]      <= '0;
        stale_q[q]     <= '0;
      end
      fault_q    <= '0;
      nonempty_q <= '0;
      scan_q     <= '0;
      arvalid_q  <= 1'b0;
      araddr_q   <= '0;
      arlen_q    <= '0;
      split_q    <= 1'b0;
      dcnt_q     <= '0;
      wpar_q     <= 1'b0;
      w0_q       <= '0;
      derr_q     <= 1'b0;
      berr_q     <= 1'b0;
      dead_q     <= 1'b0;
      gcnt_inc_q <= '0;
    end else begin
      gcnt_inc_q <= '0;
      if (r_fire && m_axi_rlast_i && (berr_q || m_axi_rresp_i[1])) begin
        gcnt_inc_q[nic_regmap_pkg::GCNT_DMA_ERRORS] <= 1'b1;
      end

      // -------------------------------------------------------------- scan and issue
      if (NumQueues > 1) begin
        scan_q <= (32'(scan_q) + 1 >= NumQueues) ? '0 : scan_q + 1'b1;
      end
      if (arvalid_q && m_axi_arready_i) begin
        arvalid_q <= 1'b0;
      end
      if (split_q && !arvalid_q) begin
        arvalid_q <= 1'b1;
        araddr_q  <= araddr_q + 64'd8;
        split_q   <= 1'b0;
      end
      if (issue) begin
        arvalid_q      <= 1'b1;
        araddr_q       <= fetch_addr;
        arlen_q        <= SPLIT ? 8'd0 : 8'((n * 13'(WORDS)) - 13'd1);
        split_q        <= SPLIT;
        fetch_idx_q[s] <= (fetch_idx_q[s] + RingIdxW'(n)) & len_mask_i[s];
      end

      // -------------------------------------------------------------- receive
      if (r_fire) begin
        berr_q <= !m_axi_rlast_i && (berr_q || m_axi_rresp_i[1]);
        if (WORDS == 2) begin
          wpar_q <= !wpar_q;
          if (!wpar_q) begin
            w0_q   <= m_axi_rdata_i;
            derr_q <= m_axi_rresp_i[1];
          end
        end
        if (dcnt_q == '0 && !wpar_q) begin
          dead_q <= dead_now;
        end else if (reset_i[tq]) begin
          dead_q <= 1'b1;
        end
      end
      if (desc_done) begin
        dcnt_q <= fetch_done ? '0 : dcnt_q + 1'b1;
        derr_q <= 1'b0;
        if (!dead_now) begin
          if (WORDS == 2) begin
            cache_q[{tq, wr_slot}] <= {desc_err, EntryW'({m_axi_rdata_i, w0_q})};
          end else begin
            cache_q[{tq, wr_slot}] <= {m_axi_rresp_i[1], EntryW'(m_axi_rdata_i)};
          end
          if (desc_err) begin
            fault_q[tq] <= 1'b1;
          end
        end
      end

      // -------------------------------------------------------------- per-queue counts
      // An issue (queue s), an arriving descriptor (queue tq) and the consumer's pop (queue pq)
      // may name the same queue: each count is written once, with every change folded in.
      if (issue) begin
        held_q[s] <= held_q[s] + CntW'(n) - CntW'(pop && pq == s);
      end
      if (pop && !(issue && s == pq)) begin
        held_q[pq] <= held_q[pq] - 1'b1;
      end
      if (arrive) begin
        avail_q[tq]    <= avail_q[tq] + 1'b1 - CntW'(pop && pq == tq);
        nonempty_q[tq] <= 1'b1;
      end
      if (pop && !(arrive && tq == pq)) begin
        avail_q[pq]    <= avail_q[pq] - 1'b1;
        nonempty_q[pq] <= (avail_q[pq] != CntW'(1));
      end
      if (pop) begin
        rd_slot_q[pq] <= rd_slot_q[pq] + 1'b1;
      end
      if (issue && !(fetch_done && tq == s)) begin
        infl_q[s] <= infl_q[s] + 1'b1;
      end
      if (fetch_done && !(issue && s == tq)) begin
        infl_q[tq] <= infl_q[tq] - 1'b1;
      end
      // A discarded fetch was one of those in flight at its queue's reset.
      if (fetch_done && dead_now) begin
        stale_q[tq] <= stale_q[tq] - 1'b1;
      end

      // -------------------------------------------------------------- queue reset
      // Last, so it wins over everything above for that queue.
      if (any_reset) begin
        fetch_idx_q[rq] <= '0;
        held_q[rq]      <= '0;
        avail_q[rq]     <= '0;
        rd_slot_q[rq]   <= '0;
        fault_q[rq]     <= 1'b0;
        nonempty_q[rq]  <= 1'b0;
        // Every fetch of the queue still in flight after this cycle is discarded.
        stale_q[rq]     <= infl_q[rq] - FetchW'(fetch_done && tq == rq);
        infl_q[rq]      <= infl_q[rq] - FetchW'(fetch_done && tq == rq);
      end
    end
  end

  sync_fifo #(
    .Width (TrkW),
    .Depth (MaxFetches)
  ) u_trk_fifo (
    .clk_i      (clk_i),
    .rst_ni     (rst_ni),
    .flush_i    (1'b0),
    .wr_valid_i (trk_push),
    .wr_ready_o (trk_wr_ready),
    .wr_data_i  (trk_wdata),
    .rd_valid_o (trk_valid),
    .rd_ready_i (trk_pop),
    .rd_data_o  (trk_rdata),
    .count_o    (trk_count)
  );

  assign m_axi_araddr_o  = araddr_q;
  assign m_axi_arlen_o   = arlen_q;
  assign m_axi_arvalid_o = arvalid_q;
  assign gcnt_inc_o      = gcnt_inc_q;

  // Only bit 1 of a response matters: SLVERR (2'b10) and DECERR (2'b11) are errors.
  logic unused_fetch;
  assign unused_fetch = ^{m_axi_rresp_i[0], trk_count, sel_q_i, trk_q};

`ifndef SYNTHESIS
  // ------------------------------------------------------------------ assertions
  // A fetch never reads past the tail (software's descriptors) nor overfills the cache, never
  // crosses a 4 KiB boundary; the tracking FIFO is never pushed full or popped empty.
  a_fetch_within_tail: assert property (@(posedge clk_i) disable iff (!rst_ni)
      issue |-> (n <= owned && n <= room && n != '0));
  a_fetch_no_4k_cross: assert property (@(posedge clk_i) disable iff (!rst_ni)
      issue |-> (32'(fetch_addr[11:0]) + 32'(n) * 16 <= 32'd4096));
  a_trk_no_push_full: assert property (@(posedge clk_i) disable iff (!rst_ni)
      trk_push |-> trk_wr_ready);
  a_trk_no_pop_empty: assert property (@(posedge clk_i) disable iff (!rst_ni)
      trk_pop |-> trk_valid);
  a_held_bound: assert property (@(posedge clk_i) disable iff (!rst_ni)
      (held_q[s] <= CntW'(CacheDepth)) && (avail_q[s] <= held_q[s]));
  a_pop_only_cached: assert property (@(posedge clk_i) disable iff (!rst_ni)
      pop_i |-> sel_valid_o);
`endif

endmodule

`default_nettype wire
