// Copyright nicsim contributors. SPDX-License-Identifier: Apache-2.0
//
// Descriptor fetch, for every RX and TX ring: an on-chip cache of descriptors per ring, read
// from host memory ahead of need (as the descriptor caches of Intel's 82599 or the descriptor
// engine of a queue DMA), so that rx_dma and tx_dma find their next descriptor on chip while
// software keeps the rings supplied.
//
// Per ring the block keeps: fetch_idx, the next ring index to read; held, the descriptors
// cached or on their way (at most CacheDepth); avail, those arrived and not yet taken; the cache
// slot of the oldest. The oldest has ring index fetch_idx - held; each engine takes descriptors
// in ring order, so that is always the one it needs next. Software owns nothing from that index
// to the tail, so cached descriptors cannot go stale.
//
// Fetching. A ring is looked at when something may let it fetch: software wrote its tail or
// enabled it (kick), or its engine took a descriptor (room). A scan pointer visits the rings so
// marked, one per cycle (round-robin, fair, no loop over the rings). A visited ring that is
// active and has no descriptor fault gets a fetch of n descriptors, n the least of: what
// software posted beyond what is held (tail - fetch_idx), the room in its cache, the
// descriptors per burst (MaxBurstLen / 2, at most 16), the descriptors to the ring's end and to
// the next 4 KiB boundary (no burst wraps the ring or crosses a page). A fetch smaller than
// min(fetch_min, descriptors per burst) waits for more room, unless it takes everything posted,
// or runs to the ring's end or a page boundary: so under load fetches come in bursts, and at
// light load a single posted descriptor is read at once. One AR is issued at a time; up to
// MaxFetches fetches are in flight, answered in order. With MaxBurstLen == 1 each descriptor is
// read alone: an RX descriptor's first word only, a TX descriptor as two one-beat bursts.
//
// Each cached entry is the descriptor's low bits (RX: the buffer address word; TX: up to the
// dd byte) and an error flag (a read of it was answered SLVERR/DECERR). Every failed read burst
// pulses the dma_errors increment; a ring with an error stops fetching until it is reset
// (disabled), and its engine reports the fault when it reaches the entry.
//
// A ring's reset (its queue disabled; head and tail are 0 again) empties its cache and restarts
// it at index 0; its fetches still in flight are marked and their data discarded when it
// arrives, so a quick disable / enable cannot mix old and new descriptors.
//
// Simulation speed: one instance for both directions; the per-ring counters live in one array,
// each ring written once per cycle with every change to it folded in; the scan, the engines'
// views and the read side are evaluated only in cycles that need them.

`default_nettype none

module desc_fetch #(
  // Number of queue pairs (1..16): rings 0..NumQueues-1 are RX, the next NumQueues TX.
  parameter int unsigned NumQueues   = 4,
  // Maximum AXI beats per read burst (1..256).
  parameter int unsigned MaxBurstLen = 16,
  // Descriptor index width: rings hold up to 2**RingIdxW descriptors (3..12).
  parameter int unsigned RingIdxW    = 12,
  // Descriptors cached per ring (power of two, 4..64).
  parameter int unsigned CacheDepth  = 32,
  // Low bits of each TX descriptor kept (65..128); RX keeps its first word.
  parameter int unsigned TxEntryW    = 104,
  // Fetch bursts in flight at most (power of two, 2..64).
  parameter int unsigned MaxFetches  = 16
) (
  input  wire logic                               clk_i,
  input  wire logic                               rst_ni,

  // Ring configuration and state, per queue (from nic_regs). dma_ctrl: fetch_min in 4:0.
  input  wire logic [NumQueues-1:0][63:0]         rx_base_i,
  input  wire logic [NumQueues-1:0][RingIdxW-1:0] rx_len_mask_i,
  input  wire logic [NumQueues-1:0][RingIdxW-1:0] rx_tail_i,
  input  wire logic [NumQueues-1:0]               rx_active_i,
  input  wire logic [NumQueues-1:0]               rx_reset_i,  // one-cycle pulses, one ring at a time
  input  wire logic [NumQueues-1:0]               rx_kick_i,   // tail written or queue enabled
  input  wire logic [NumQueues-1:0][17:0]         rx_dma_ctrl_i,
  input  wire logic [NumQueues-1:0][63:0]         tx_base_i,
  input  wire logic [NumQueues-1:0][RingIdxW-1:0] tx_len_mask_i,
  input  wire logic [NumQueues-1:0][RingIdxW-1:0] tx_tail_i,
  input  wire logic [NumQueues-1:0]               tx_active_i,
  input  wire logic [NumQueues-1:0]               tx_reset_i,
  input  wire logic [NumQueues-1:0]               tx_kick_i,
  input  wire logic [NumQueues-1:0][17:0]         tx_dma_ctrl_i,

  // rx_dma: while rx_sel_en_i, the queue it looks at, that ring's oldest cached descriptor,
  // and taking it (rx_pop_i, in an rx_sel_en_i cycle).
  input  wire logic                               rx_sel_en_i,
  input  wire logic [3:0]                         rx_sel_q_i,
  output logic                                    rx_sel_valid_o,
  output logic [63:0]                             rx_sel_desc_o,
  output logic                                    rx_sel_err_o,
  output logic [RingIdxW-1:0]                     rx_sel_idx_o,    // its ring index
  output logic [RingIdxW-1:0]                     rx_sel_owned_o,  // posted and not yet taken
  input  wire logic                               rx_pop_i,

  // tx_dma: the same, and which TX rings have a descriptor cached.
  input  wire logic                               tx_sel_en_i,
  input  wire logic [3:0]                         tx_sel_q_i,
  output logic                                    tx_sel_valid_o,
  output logic [TxEntryW-1:0]                     tx_sel_desc_o,
  output logic                                    tx_sel_err_o,
  output logic [RingIdxW-1:0]                     tx_sel_idx_o,
  input  wire logic                               tx_pop_i,
  output logic [NumQueues-1:0]                    tx_nonempty_o,

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
  if (TxEntryW < 65 || TxEntryW > 128) begin : gen_entry_w_check
    $fatal(1, "%m: TxEntryW (%0d) must be in 65..128", TxEntryW);
  end
  if (MaxFetches < 2 || MaxFetches > 64 || (MaxFetches & (MaxFetches - 1)) != 0) begin : gen_fetches_check
    $fatal(1, "%m: MaxFetches (%0d) must be a power of two in 2..64", MaxFetches);
  end
  if (nic_regmap_pkg::DESC_RX_READ_BUF_ADDR_LSB != 0 || nic_regmap_pkg::DESC_RX_READ_BUF_ADDR_WIDTH != 64)
  begin : gen_layout_check
    $fatal(1, "%m: rx_read.buf_addr must be the descriptor's first word");
  end

  localparam int unsigned QIdxW    = (NumQueues > 1) ? $clog2(NumQueues) : 1;
  localparam int unsigned RIdxW    = QIdxW + 1;              // ring {tx, queue}
  localparam int unsigned NumRings = 2 ** RIdxW;
  localparam int unsigned SlotW    = $clog2(CacheDepth);
  localparam int unsigned CntW     = SlotW + 1;
  // With one-beat bursts an RX descriptor is read as its first word, a TX one as two bursts.
  localparam bit          ONE_BEAT = (MaxBurstLen < 2);
  localparam int unsigned PerBurst = (MaxBurstLen < 2) ? 1 :
                                     ((MaxBurstLen / 2 < 16) ? MaxBurstLen / 2 : 16);
  localparam logic [12:0] MAX_DESCS = 13'(PerBurst);
  localparam int unsigned NW       = $clog2(PerBurst) + 1;   // width of a fetch's size
  localparam int unsigned TrkW     = $clog2(MaxFetches);
  // Per-ring state {fetch_idx, held, avail, oldest slot}.
  localparam int unsigned FetchLsb = CntW + CntW + SlotW;
  localparam int unsigned HeldLsb  = CntW + SlotW;
  localparam int unsigned AvailLsb = SlotW;
  localparam int unsigned StW      = RingIdxW + CntW + CntW + SlotW;

  // ------------------------------------------------------------------ state
  logic [StW-1:0]        st_q [NumRings];
  logic [NumRings-1:0]   fault_q;      // a descriptor read failed: stop fetching
  logic [NumRings-1:0]   nonempty_q;
  logic [NumRings-1:0]   want_q;       // may be able to fetch: look at it

  // The cache: entry {ring, slot} = {err, descriptor bits}.
  logic [TxEntryW:0]     cache_q [NumRings * CacheDepth];

  logic [RIdxW-1:0]      scan_q;
  logic                  arvalid_q;
  logic [63:0]           araddr_q;
  logic [7:0]            arlen_q;
  logic                  split_q;      // the second one-beat burst of a TX descriptor is due

  // Fetches in flight {ring, descriptors}, in issue order, and which are to be discarded.
  logic [RIdxW+NW-1:0]   trk_q [MaxFetches];
  logic [MaxFetches-1:0] trk_dead_q;
  logic [TrkW:0]         trk_wr_q, trk_rd_q;

  // Receive side: position in the fetch at the head of the tracking ring.
  logic [NW-1:0]         dcnt_q;       // descriptors of it completed
  logic                  wpar_q;       // second word of a descriptor next
  logic [63:0]           w0_q;
  logic                  derr_q;       // error in the descriptor being received
  logic                  berr_q;       // error in the burst being received
  logic                  gcnt_err_q;

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

  // ------------------------------------------------------------------ the engines' views
  logic [RIdxW-1:0] pr, pt;             // the rings rx_dma and tx_dma look at
  logic [StW-1:0]   rx_st, tx_st;
  logic [TxEntryW:0] rx_ent;
  assign pr = {1'b0, QIdxW'(rx_sel_q_i)};
  assign pt = {1'b1, QIdxW'(tx_sel_q_i)};

  always_comb begin
    rx_sel_valid_o = 1'b0;
    rx_sel_desc_o  = '0;
    rx_sel_err_o   = 1'b0;
    rx_sel_idx_o   = '0;
    rx_sel_owned_o = '0;
    rx_st          = '0;
    rx_ent         = '0;
    if (rx_sel_en_i) begin
      rx_st          = st_q[pr];
      rx_sel_valid_o = nonempty_q[pr] && !rx_reset_i[pr[QIdxW-1:0]];
      rx_ent         = cache_q[{pr, rx_st[SlotW-1:0]}];
      rx_sel_err_o   = rx_ent[TxEntryW];
      rx_sel_desc_o  = rx_ent[63:0];
      rx_sel_idx_o   = (rx_st[FetchLsb +: RingIdxW] - RingIdxW'(rx_st[HeldLsb +: CntW])) &
                       rx_len_mask_i[pr[QIdxW-1:0]];
      rx_sel_owned_o = (rx_tail_i[pr[QIdxW-1:0]] - rx_sel_idx_o) & rx_len_mask_i[pr[QIdxW-1:0]];
    end
  end

  always_comb begin
    tx_sel_valid_o = 1'b0;
    tx_sel_desc_o  = '0;
    tx_sel_err_o   = 1'b0;
    tx_sel_idx_o   = '0;
    tx_st          = '0;
    if (tx_sel_en_i) begin
      tx_st          = st_q[pt];
      tx_sel_valid_o = nonempty_q[pt] && !tx_reset_i[pt[QIdxW-1:0]];
      {tx_sel_err_o, tx_sel_desc_o} = cache_q[{pt, tx_st[SlotW-1:0]}];
      tx_sel_idx_o   = (tx_st[FetchLsb +: RingIdxW] - RingIdxW'(tx_st[HeldLsb +: CntW])) &
                       tx_len_mask_i[pt[QIdxW-1:0]];
    end
  end

  for (genvar q = 0; q < NumQueues; q++) begin : gen_tx_nonempty
    assign tx_nonempty_o[q] = nonempty_q[(2 ** QIdxW) + q];
  end

  // ------------------------------------------------------------------ fetch decision
  logic                issue, s_idle, s_tx, trk_full;
  logic [RIdxW-1:0]    s;
  logic [StW-1:0]      s_st;
  logic [RingIdxW-1:0] owned_idx, s_mask, s_fetch;
  logic [12:0]         n, owned, room, to_end, to_page, need;
  logic [63:0]         fetch_addr;
  logic [4:0]          s_min;

  assign s        = scan_q;
  assign s_tx     = s[QIdxW];
  assign trk_full = (trk_wr_q[TrkW] != trk_rd_q[TrkW]) && (trk_wr_q[TrkW-1:0] == trk_rd_q[TrkW-1:0]);

  always_comb begin
    issue      = 1'b0;
    s_idle     = 1'b0;
    s_st       = '0;
    s_mask     = '0;
    s_fetch    = '0;
    s_min      = '0;
    owned_idx  = '0;
    n          = '0;
    owned      = '0;
    room       = '0;
    to_end     = '0;
    to_page    = '0;
    need       = '0;
    fetch_addr = '0;
    // Only a marked ring is looked at, and only when a fetch could be issued now.
    if (want_q[s] && !arvalid_q && !split_q && !trk_full) begin
      if ((s_tx ? tx_active_i[s[QIdxW-1:0]] : rx_active_i[s[QIdxW-1:0]]) && !(any_reset && rr == s) &&
          !fault_q[s]) begin
        s_st      = st_q[s];
        s_fetch   = s_st[FetchLsb +: RingIdxW];
        s_mask    = s_tx ? tx_len_mask_i[s[QIdxW-1:0]] : rx_len_mask_i[s[QIdxW-1:0]];
        owned_idx = ((s_tx ? tx_tail_i[s[QIdxW-1:0]] : rx_tail_i[s[QIdxW-1:0]]) - s_fetch) & s_mask;
        owned     = 13'(owned_idx);
        room      = 13'(CacheDepth) - 13'(s_st[HeldLsb +: CntW]);
        if (owned != '0 && room != '0) begin
          fetch_addr = (s_tx ? tx_base_i[s[QIdxW-1:0]] : rx_base_i[s[QIdxW-1:0]]) +
                       {{(60 - RingIdxW){1'b0}}, s_fetch, 4'b0000};
          to_end     = 13'(s_mask) - 13'(s_fetch) + 13'd1;
          to_page    = (13'h1000 - {1'b0, fetch_addr[11:4], 4'b0000}) >> 4;
          s_min      = s_tx ? tx_dma_ctrl_i[s[QIdxW-1:0]][4:0] : rx_dma_ctrl_i[s[QIdxW-1:0]][4:0];
          need       = (13'(s_min) < MAX_DESCS) ? 13'(s_min) : MAX_DESCS;
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
      // Nothing to do for it now: forget it until the next kick or take.
      s_idle = !issue;
    end
  end

  // ------------------------------------------------------------------ receive decisions
  logic             r_fire, desc_done, fetch_done, dead_now, desc_err, arrive, words2;
  logic             rx_pop, tx_pop;
  logic [RIdxW-1:0] t;
  logic [NW-1:0]    t_n;

  always_comb begin
    m_axi_rready_o = 1'b0;
    r_fire         = 1'b0;
    desc_done      = 1'b0;
    fetch_done     = 1'b0;
    dead_now       = 1'b0;
    desc_err       = 1'b0;
    arrive         = 1'b0;
    words2         = 1'b0;
    {t, t_n}       = '0;
    if (trk_wr_q != trk_rd_q) begin
      m_axi_rready_o = 1'b1;
      if (m_axi_rvalid_i) begin
        {t, t_n}   = trk_q[trk_rd_q[TrkW-1:0]];
        words2     = !ONE_BEAT || t[QIdxW];
        r_fire     = 1'b1;
        desc_done  = !words2 || wpar_q;
        fetch_done = desc_done && (dcnt_q + 1'b1 == t_n);
        // Discarded: marked at its ring's reset, or the reset comes while it arrives.
        dead_now   = trk_dead_q[trk_rd_q[TrkW-1:0]] || (any_reset && rr == t);
        desc_err   = (words2 && derr_q) || m_axi_rresp_i[1];
        arrive     = desc_done && !dead_now;
      end
    end
  end
  assign rx_pop = rx_sel_en_i && rx_pop_i && rx_sel_valid_o;
  assign tx_pop = tx_sel_en_i && tx_pop_i && tx_sel_valid_o;

  // ------------------------------------------------------------------ per-ring updates
  // At most four rings change in a cycle: the one a fetch is issued for (s), the one a
  // descriptor arrives for (t), the ones the engines take from (pr, pt), and the one reset (rr,
  // which wins). Each is written once, with every change to it folded in.
  function automatic logic [StW-1:0] apply(logic [StW-1:0] st, logic [NW-1:0] fetched,
                                           logic add, logic take);
    logic [RingIdxW-1:0] f;
    logic [CntW-1:0]     h, a;
    logic [SlotW-1:0]    o;
    f = st[FetchLsb +: RingIdxW] + RingIdxW'(fetched);
    h = st[HeldLsb +: CntW] + CntW'(fetched) - CntW'(take);
    a = st[AvailLsb +: CntW] + CntW'(add) - CntW'(take);
    o = st[SlotW-1:0] + SlotW'(take);
    apply = {f, h, a, o};
  endfunction

  logic             upd_s, upd_t, upd_r, upd_x;
  logic [StW-1:0]   new_s, new_t, new_r, new_x;
  logic [SlotW-1:0] wr_slot;

  always_comb begin
    upd_s   = 1'b0;
    upd_t   = 1'b0;
    upd_r   = 1'b0;
    upd_x   = 1'b0;
    new_s   = '0;
    new_t   = '0;
    new_r   = '0;
    new_x   = '0;
    wr_slot = '0;
    if (issue || arrive || rx_pop || tx_pop) begin
      if (issue) begin
        upd_s = 1'b1;
        new_s = apply(st_q[s], NW'(n), arrive && t == s, (rx_pop && pr == s) || (tx_pop && pt == s));
        new_s[FetchLsb +: RingIdxW] = new_s[FetchLsb +: RingIdxW] & s_mask;
      end
      if (arrive && !(issue && t == s)) begin
        upd_t = 1'b1;
        new_t = apply(st_q[t], '0, 1'b1, (rx_pop && pr == t) || (tx_pop && pt == t));
      end
      if (rx_pop && !(issue && pr == s) && !(arrive && pr == t)) begin
        upd_r = 1'b1;
        new_r = apply(st_q[pr], '0, 1'b0, 1'b1);
      end
      if (tx_pop && !(issue && pt == s) && !(arrive && pt == t)) begin
        upd_x = 1'b1;
        new_x = apply(st_q[pt], '0, 1'b0, 1'b1);
      end
      // The arriving descriptor's slot: after those its ring holds.
      if (arrive) begin
        wr_slot = st_q[t][SlotW-1:0] + SlotW'(st_q[t][AvailLsb +: CntW]);
      end
    end
  end

  // ------------------------------------------------------------------ registers
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      fault_q    <= '0;
      nonempty_q <= '0;
      want_q     <= '0;
      scan_q     <= '0;
      arvalid_q  <= 1'b0;
      araddr_q   <= '0;
      arlen_q    <= '0;
      split_q    <= 1'b0;
      trk_dead_q <= '0;
      trk_wr_q   <= '0;
      trk_rd_q   <= '0;
      dcnt_q     <= '0;
      wpar_q     <= 1'b0;
      w0_q       <= '0;
      derr_q     <= 1'b0;
      berr_q     <= 1'b0;
      gcnt_err_q <= 1'b0;
    end else begin
      // -------------------------------------------------------------- what to look at
      if (rx_kick_i != '0 || tx_kick_i != '0 || rx_pop || tx_pop || s_idle || issue) begin
        want_q <= (want_q & ~(NumRings'(s_idle) << s)) |
                  (NumRings'(tx_kick_i) << (2 ** QIdxW)) | NumRings'(rx_kick_i) |
                  (NumRings'(rx_pop) << pr) | (NumRings'(tx_pop) << pt) |
                  (NumRings'(issue) << s);
      end
      if (want_q != '0) begin
        scan_q <= (32'(scan_q[QIdxW-1:0]) + 1 >= NumQueues) ?
                  {!scan_q[QIdxW], QIdxW'(0)} : scan_q + 1'b1;
      end

      // -------------------------------------------------------------- issue
      if (arvalid_q && m_axi_arready_i) begin
        if (split_q) begin
          araddr_q <= araddr_q + 64'd8;   // the second word of the TX descriptor
          split_q  <= 1'b0;
        end else begin
          arvalid_q <= 1'b0;
        end
      end
      if (issue) begin
        arvalid_q <= 1'b1;
        araddr_q  <= fetch_addr;
        arlen_q   <= ONE_BEAT ? 8'd0 : 8'((n << 1) - 13'd1);
        split_q   <= ONE_BEAT && s_tx;
        trk_q[trk_wr_q[TrkW-1:0]]      <= {s, NW'(n)};
        trk_dead_q[trk_wr_q[TrkW-1:0]] <= 1'b0;
        trk_wr_q  <= trk_wr_q + 1'b1;
      end

      // -------------------------------------------------------------- receive
      if (r_fire) begin
        if (m_axi_rlast_i) begin
          gcnt_err_q <= berr_q || m_axi_rresp_i[1];
        end else if (gcnt_err_q) begin
          gcnt_err_q <= 1'b0;
        end
        berr_q <= !m_axi_rlast_i && (berr_q || m_axi_rresp_i[1]);
        if (words2) begin
          wpar_q <= !wpar_q;
          if (!wpar_q) begin
            w0_q   <= m_axi_rdata_i;
            derr_q <= m_axi_rresp_i[1];
          end
        end
        if (desc_done) begin
          dcnt_q <= fetch_done ? '0 : dcnt_q + 1'b1;
        end
        if (fetch_done) begin
          trk_rd_q <= trk_rd_q + 1'b1;
        end
        if (arrive) begin
          if (words2) begin
            cache_q[{t, wr_slot}] <= {desc_err, TxEntryW'({m_axi_rdata_i, w0_q})};
          end else begin
            cache_q[{t, wr_slot}] <= {desc_err, TxEntryW'(m_axi_rdata_i)};
          end
          if (desc_err) begin
            fault_q[t] <= 1'b1;
          end
        end
      end else if (gcnt_err_q) begin
        gcnt_err_q <= 1'b0;
      end

      // -------------------------------------------------------------- per-ring counts
      if (arrive || rx_pop || tx_pop) begin
        nonempty_q <= (nonempty_q | (NumRings'(arrive) << t)) &
                      ~(NumRings'(rx_pop && rx_st[AvailLsb +: CntW] == CntW'(1) &&
                                  !(arrive && t == pr)) << pr) &
                      ~(NumRings'(tx_pop && tx_st[AvailLsb +: CntW] == CntW'(1) &&
                                  !(arrive && t == pt)) << pt);
      end

      // -------------------------------------------------------------- ring reset
      // Last, so it wins: the ring starts over at index 0, and its fetches in flight (the ones
      // in the tracking ring, whatever follows) are discarded when they arrive.
      if (any_reset) begin
        fault_q[rr]    <= 1'b0;
        nonempty_q[rr] <= 1'b0;
        for (int unsigned i = 0; i < MaxFetches; i++) begin
          if (trk_q[i][RIdxW+NW-1 -: RIdxW] == rr &&
              (TrkW + 1)'(TrkW'(i) - trk_rd_q[TrkW-1:0]) < (trk_wr_q - trk_rd_q)) begin
            trk_dead_q[i] <= 1'b1;
          end
        end
      end
    end
  end

  // The per-ring counts: their own block, touched only in cycles that change one; a reset
  // (last, so it wins) starts the ring over.
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      for (int unsigned r = 0; r < NumRings; r++) begin
        st_q[r] <= '0;
      end
    end else if (issue || arrive || rx_pop || tx_pop || any_reset) begin
      if (upd_s) begin
        st_q[s] <= new_s;
      end
      if (upd_t) begin
        st_q[t] <= new_t;
      end
      if (upd_r) begin
        st_q[pr] <= new_r;
      end
      if (upd_x) begin
        st_q[pt] <= new_x;
      end
      if (any_reset) begin
        st_q[rr] <= '0;
      end
    end
  end

  assign m_axi_araddr_o  = araddr_q;
  assign m_axi_arlen_o   = arlen_q;
  assign m_axi_arvalid_o = arvalid_q;

  always_comb begin
    gcnt_inc_o = '0;
    gcnt_inc_o[nic_regmap_pkg::GCNT_DMA_ERRORS] = gcnt_err_q;
  end

  // Only bit 1 of a response matters: SLVERR (2'b10) and DECERR (2'b11) are errors. RX entries
  // use only the buffer address word of the cache.
  logic unused_fetch;
  assign unused_fetch = ^{m_axi_rresp_i[0], rx_sel_q_i, tx_sel_q_i, rx_dma_ctrl_i, tx_dma_ctrl_i,
                          owned_idx, fetch_addr[3:0], s_st, rx_st, tx_st, rx_ent};

`ifndef SYNTHESIS
  // ------------------------------------------------------------------ assertions
  // A fetch never reads past the tail (software's descriptors) nor overfills the cache, never
  // crosses a 4 KiB boundary; the tracking ring is never pushed full or popped empty; the
  // engines take only cached descriptors.
  a_fetch_within_tail: assert property (@(posedge clk_i) disable iff (!rst_ni)
      issue |-> (n <= owned && n <= room && n != '0));
  a_fetch_no_4k_cross: assert property (@(posedge clk_i) disable iff (!rst_ni)
      issue |-> (32'(fetch_addr[11:0]) + 32'(n) * 16 <= 32'd4096));
  a_trk_no_push_full: assert property (@(posedge clk_i) disable iff (!rst_ni)
      issue |-> !trk_full);
  a_trk_no_pop_empty: assert property (@(posedge clk_i) disable iff (!rst_ni)
      fetch_done |-> (trk_wr_q != trk_rd_q));
  a_held_bound: assert property (@(posedge clk_i) disable iff (!rst_ni)
      rx_sel_en_i |-> ((rx_st[HeldLsb +: CntW] <= CntW'(CacheDepth)) &&
                       (rx_st[AvailLsb +: CntW] <= rx_st[HeldLsb +: CntW])));
  a_rx_pop_only_cached: assert property (@(posedge clk_i) disable iff (!rst_ni)
      rx_pop_i |-> (rx_sel_en_i && rx_sel_valid_o));
  a_tx_pop_only_cached: assert property (@(posedge clk_i) disable iff (!rst_ni)
      tx_pop_i |-> (tx_sel_en_i && tx_sel_valid_o));
`endif

endmodule

`default_nettype wire
