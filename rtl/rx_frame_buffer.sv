// Copyright nicsim contributors. SPDX-License-Identifier: Apache-2.0
//
// Store-and-forward receive packet buffer between the MAC input and rx_dma.
//
// Write side (MAC): s_axis_rx_tready is held high out of reset; the MAC is never back-pressured.
// Each beat is registered once, then stored as one 64-bit word of a circular packet RAM. Beats
// are expected to carry a full tkeep except the last; beats with tkeep == 0 store nothing (a
// lone tlast beat with tkeep == 0 simply ends the frame). A frame is dropped, rolled back and
// counted under exactly one reason, checked in this order:
//   1. ctrl.rx_en was clear on the frame's first beat  -> rx_disabled_drops
//   2. tuser set on the last beat                       -> rx_fcs_errors
//   3. shorter than 60 bytes                            -> rx_runt
//   4. longer than min(max_frame_len, 9018) bytes       -> rx_oversize
//   5. a steering filter rule drops it (frame_drop_i)   -> rx_filter_drops
//   6. the packet RAM (or frame-descriptor FIFO) filled -> rx_buffer_drops
// Errors of the frame itself come first (the classifier's verdict on a bad frame means
// nothing), then policy (the filter), then resources: a frame the filters drop is never a
// buffer drop, even if it would not have fitted.
// Every frame's last beat counts in rx_frames. Once a frame is known to be dropped the rest of it
// is accepted and discarded without writing. A frame that is kept is committed: its length and
// the classification tag (queue, rss_hash, rss_type, sampled from frame_*_i on the last beat,
// as frame_drop_i is) are pushed into a frame-descriptor FIFO.
//
// Read side (rx_dma): frame_valid_o and frame_*_o describe the oldest stored frame; its words
// stream on word_* in order. rx_dma takes as many words as it wants and then pulses
// frame_done_i, which discards whatever is left of the frame and releases all of its space.
// Space is released per frame (the head frame's space is reused only after frame_done_i).

`default_nettype none

module rx_frame_buffer #(
  // Packet RAM size in bytes; a power of two, 16384..1048576 (must hold a 9018-byte frame).
  parameter int unsigned RxBufferBytes = 32768
) (
  input  wire logic                                    clk_i,
  input  wire logic                                    rst_ni,

  // MAC receive input.
  input  wire logic [63:0]                             s_axis_rx_tdata_i,
  input  wire logic [7:0]                              s_axis_rx_tkeep_i,
  input  wire logic                                    s_axis_rx_tvalid_i,
  output logic                                         s_axis_rx_tready_o,
  input  wire logic                                    s_axis_rx_tlast_i,
  input  wire logic                                    s_axis_rx_tuser_i,

  // Configuration.
  input  wire logic                                    rx_en_i,
  input  wire logic [nic_regmap_pkg::MAX_FRAME_LEN_LEN_WIDTH-1:0]      max_frame_len_i,

  // Classification tag of the frame ending this cycle (sampled with its last beat).
  input  wire logic [nic_regmap_pkg::RX_DEFAULT_QUEUE_QUEUE_WIDTH-1:0] frame_queue_i,
  input  wire logic [nic_regmap_pkg::DESC_RX_WB_RSS_HASH_WIDTH-1:0]    frame_rss_hash_i,
  input  wire logic [nic_regmap_pkg::DESC_RX_WB_RSS_TYPE_WIDTH-1:0]    frame_rss_type_i,
  input  wire logic                                    frame_drop_i,

  // Counter increments (bits indexed by GCNT_*).
  output logic [nic_regmap_pkg::NUM_GCNT-1:0]                          gcnt_inc_o,

  // Oldest stored frame.
  output logic                                         frame_valid_o,
  output logic [15:0]                                  frame_len_o,
  output logic [nic_regmap_pkg::RX_DEFAULT_QUEUE_QUEUE_WIDTH-1:0]      frame_queue_o,
  output logic [nic_regmap_pkg::DESC_RX_WB_RSS_HASH_WIDTH-1:0]         frame_rss_hash_o,
  output logic [nic_regmap_pkg::DESC_RX_WB_RSS_TYPE_WIDTH-1:0]         frame_rss_type_o,
  input  wire logic                                    frame_done_i,

  // Words of the oldest stored frame.
  output logic                                         word_valid_o,
  input  wire logic                                    word_ready_i,
  output logic [63:0]                                  word_data_o
);

  if (RxBufferBytes < 16384 || RxBufferBytes > 1048576 ||
      (RxBufferBytes & (RxBufferBytes - 1)) != 0) begin : gen_rx_buffer_bytes_check
    $fatal(1, "%m: RxBufferBytes (%0d) must be a power of two in 16384..1048576", RxBufferBytes);
  end

  localparam int unsigned DepthWords = RxBufferBytes / 8;
  localparam int unsigned AddrW      = $clog2(DepthWords);
  // Every stored frame is at least 60 bytes = 8 words, so this many descriptors always suffice.
  localparam int unsigned MetaDepth  = DepthWords / 8;
  localparam int unsigned QueueW     = nic_regmap_pkg::RX_DEFAULT_QUEUE_QUEUE_WIDTH;
  localparam int unsigned HashW      = nic_regmap_pkg::DESC_RX_WB_RSS_HASH_WIDTH;
  localparam int unsigned TypeW      = nic_regmap_pkg::DESC_RX_WB_RSS_TYPE_WIDTH;
  localparam int unsigned MetaW      = 16 + QueueW + HashW + TypeW;
  localparam int unsigned OutDepth   = 4;
  localparam int unsigned OutCountW  = $clog2(OutDepth) + 1;
  localparam logic [15:0] MIN_FRAME_LEN = 16'd60;
  // The hardware ceiling on frame length is the reset value of max_frame_len (9018).
  localparam logic [15:0] MAX_FRAME_LEN =
      16'(nic_regmap_pkg::REG_MAX_FRAME_LEN_RESET[nic_regmap_pkg::MAX_FRAME_LEN_LEN_LSB +:
                                                  nic_regmap_pkg::MAX_FRAME_LEN_LEN_WIDTH]);

  // ------------------------------------------------------------------ input register stage
  // The beat registers load only when a beat arrives; they are read at the clock edge only, so
  // no logic depends combinationally on the MAC inputs.
  logic        tready_q;
  logic        in_valid_q;
  logic [63:0] in_data_q;
  logic [7:0]  in_keep_q;
  logic        in_last_q;
  logic        in_user_q;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      tready_q   <= 1'b0;
      in_valid_q <= 1'b0;
      in_data_q  <= '0;
      in_keep_q  <= '0;
      in_last_q  <= 1'b0;
      in_user_q  <= 1'b0;
    end else begin
      tready_q   <= 1'b1;
      in_valid_q <= s_axis_rx_tvalid_i && tready_q;
      if (s_axis_rx_tvalid_i && tready_q) begin
        in_data_q <= s_axis_rx_tdata_i;
        in_keep_q <= s_axis_rx_tkeep_i;
        in_last_q <= s_axis_rx_tlast_i;
        in_user_q <= s_axis_rx_tuser_i;
      end
    end
  end

  // ------------------------------------------------------------------ frame write logic
  // Pointers carry a wrap bit. wr_cur: next word to write (frame in progress); wr_commit: end of
  // the last committed frame; rd_base: start of the oldest stored frame (space before is free).
  logic [AddrW:0] wr_cur_q, wr_cur_d;
  logic [AddrW:0] wr_commit_q, wr_commit_d;
  logic [AddrW:0] rd_base_q;
  logic           in_frame_q, in_frame_d;
  logic           disabled_q, disabled_d;
  logic           too_long_q, too_long_d;
  logic           no_room_q, no_room_d;
  logic [15:0]    len_q, len_d;

  logic           ram_we;
  logic [AddrW:0] used_words;
  logic           start, dis, tl, nr, store, room;
  logic [15:0]    len_prev, len_new, limit;
  logic [3:0]     beat_bytes;
  logic           meta_push, meta_full;
  logic [MetaW-1:0] meta_wdata;
  logic [nic_regmap_pkg::NUM_GCNT-1:0] gcnt_inc_d, gcnt_inc_q;

  // Evaluated only in a cycle with a beat (in_valid_q); the registers below load then.
  always_comb begin
    wr_cur_d    = wr_cur_q;
    wr_commit_d = wr_commit_q;
    in_frame_d  = 1'b0;
    disabled_d  = 1'b0;
    too_long_d  = 1'b0;
    no_room_d   = 1'b0;
    len_d       = '0;
    gcnt_inc_d  = '0;
    ram_we      = 1'b0;
    meta_push   = 1'b0;
    meta_wdata  = '0;
    limit       = '0;
    beat_bytes  = '0;
    start       = 1'b0;
    dis         = 1'b0;
    len_prev    = '0;
    tl          = 1'b0;
    nr          = 1'b0;
    used_words  = '0;
    room        = 1'b0;
    store       = 1'b0;
    len_new     = '0;

    if (in_valid_q) begin
      limit = 16'(max_frame_len_i);
      if (limit > MAX_FRAME_LEN) begin
        limit = MAX_FRAME_LEN;
      end

      beat_bytes = 4'($countones(in_keep_q));
      start      = !in_frame_q;
      dis        = start ? !rx_en_i : disabled_q;
      len_prev   = start ? 16'd0 : len_q;
      tl         = start ? 1'b0 : too_long_q;
      nr         = start ? 1'b0 : no_room_q;
      used_words = wr_cur_q - rd_base_q;
      room       = (used_words != (AddrW + 1)'(DepthWords));
      len_new    = len_prev;

      // Stop counting once the frame is known too long, so the counter cannot wrap.
      if (!tl) begin
        len_new = len_prev + {12'd0, beat_bytes};
      end
      tl    = tl || (len_new > limit);
      store = !dis && !tl && !nr && (beat_bytes != 4'd0);
      if (store && !room) begin
        nr    = 1'b1;
        store = 1'b0;
      end
      if (store) begin
        ram_we   = 1'b1;
        wr_cur_d = wr_cur_q + 1'b1;
      end

      in_frame_d = !in_last_q;
      disabled_d = dis;
      too_long_d = tl;
      no_room_d  = nr;
      len_d      = len_new;

      if (in_last_q) begin
        gcnt_inc_d[nic_regmap_pkg::GCNT_RX_FRAMES] = 1'b1;
        meta_wdata = {len_new, frame_queue_i, frame_rss_hash_i, frame_rss_type_i};
        if (dis) begin
          gcnt_inc_d[nic_regmap_pkg::GCNT_RX_DISABLED_DROPS] = 1'b1;
        end else if (in_user_q) begin
          gcnt_inc_d[nic_regmap_pkg::GCNT_RX_FCS_ERRORS] = 1'b1;
        end else if (len_new < MIN_FRAME_LEN) begin
          gcnt_inc_d[nic_regmap_pkg::GCNT_RX_RUNT] = 1'b1;
        end else if (tl) begin
          gcnt_inc_d[nic_regmap_pkg::GCNT_RX_OVERSIZE] = 1'b1;
        end else if (frame_drop_i) begin
          gcnt_inc_d[nic_regmap_pkg::GCNT_RX_FILTER_DROPS] = 1'b1;
        end else if (nr || meta_full) begin
          gcnt_inc_d[nic_regmap_pkg::GCNT_RX_BUFFER_DROPS] = 1'b1;
        end else begin
          meta_push = 1'b1;
        end
        if (meta_push) begin
          wr_commit_d = wr_cur_d;
        end else begin
          wr_cur_d = wr_commit_q;  // roll back
        end
      end
    end
  end

  // ------------------------------------------------------------------ storage
  logic             ram_re;
  logic [AddrW-1:0] ram_raddr;
  logic [63:0]      ram_rdata;

  ram_sdp #(
    .Width (64),
    .Depth (DepthWords)
  ) u_ram (
    .clk_i   (clk_i),
    .we_i    (ram_we),
    .waddr_i (wr_cur_q[AddrW-1:0]),
    .wdata_i (in_data_q),
    .re_i    (ram_re),
    .raddr_i (ram_raddr),
    .rdata_o (ram_rdata)
  );

  logic             meta_valid, meta_ready;
  logic [MetaW-1:0] meta_rdata;
  logic             meta_wr_ready;
  logic [$clog2(MetaDepth):0] meta_count;  // unused

  sync_fifo #(
    .Width (MetaW),
    .Depth (MetaDepth)
  ) u_meta_fifo (
    .clk_i      (clk_i),
    .rst_ni     (rst_ni),
    .flush_i    (1'b0),
    .wr_valid_i (meta_push),
    .wr_ready_o (meta_wr_ready),
    .wr_data_i  (meta_wdata),
    .rd_valid_o (meta_valid),
    .rd_ready_i (meta_ready),
    .rd_data_o  (meta_rdata),
    .count_o    (meta_count)
  );
  assign meta_full = !meta_wr_ready;

  // ------------------------------------------------------------------ read side
  logic [15:0]          head_len;
  logic [AddrW:0]       head_words;
  logic [AddrW:0]       rd_issued_q;
  logic                 rd_pending_q;
  logic                 out_push, out_valid;
  logic [OutCountW-1:0] out_count;
  logic                 out_wr_ready;  // unused: issue credits guarantee room

  assign head_len   = meta_rdata[MetaW-1 -: 16];
  assign head_words = (AddrW + 1)'((32'(head_len) + 32'd7) >> 3);

  // frame_done_i releases the head frame (rd_base moves past it, rd_issued restarts); otherwise a
  // RAM read is issued (ram_re, rd_issued counts it) while the output FIFO has room.
  always_comb begin
    meta_ready = frame_done_i;
    ram_re     = !frame_done_i && meta_valid && rd_issued_q != head_words &&
                 (32'(out_count) + 32'(rd_pending_q)) < OutDepth;
    ram_raddr  = rd_base_q[AddrW-1:0] + rd_issued_q[AddrW-1:0];
    // RAM data returned this cycle goes to the output FIFO unless the frame was just finished.
    out_push   = rd_pending_q && !frame_done_i;
  end

  sync_fifo #(
    .Width (64),
    .Depth (OutDepth)
  ) u_out_fifo (
    .clk_i      (clk_i),
    .rst_ni     (rst_ni),
    .flush_i    (frame_done_i),
    .wr_valid_i (out_push),
    .wr_ready_o (out_wr_ready),
    .wr_data_i  (ram_rdata),
    .rd_valid_o (out_valid),
    .rd_ready_i (word_ready_i),
    .rd_data_o  (word_data_o),
    .count_o    (out_count)
  );

  // ------------------------------------------------------------------ registers
  // Write-side state loads with a beat; read-side pointers move as described above.
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      wr_cur_q     <= '0;
      wr_commit_q  <= '0;
      rd_base_q    <= '0;
      in_frame_q   <= 1'b0;
      disabled_q   <= 1'b0;
      too_long_q   <= 1'b0;
      no_room_q    <= 1'b0;
      len_q        <= '0;
      gcnt_inc_q   <= '0;
      rd_issued_q  <= '0;
      rd_pending_q <= 1'b0;
    end else begin
      if (in_valid_q) begin
        wr_cur_q    <= wr_cur_d;
        wr_commit_q <= wr_commit_d;
        in_frame_q  <= in_frame_d;
        disabled_q  <= disabled_d;
        too_long_q  <= too_long_d;
        no_room_q   <= no_room_d;
        len_q       <= len_d;
      end
      gcnt_inc_q   <= gcnt_inc_d;
      rd_pending_q <= ram_re;
      if (frame_done_i) begin
        rd_base_q   <= rd_base_q + head_words;
        rd_issued_q <= '0;
      end else if (ram_re) begin
        rd_issued_q <= rd_issued_q + 1'b1;
      end
    end
  end

  assign s_axis_rx_tready_o = tready_q;
  assign gcnt_inc_o         = gcnt_inc_q;

  assign frame_valid_o    = meta_valid;
  assign frame_len_o      = head_len;
  assign frame_queue_o    = meta_rdata[TypeW + HashW +: QueueW];
  assign frame_rss_hash_o = meta_rdata[TypeW +: HashW];
  assign frame_rss_type_o = meta_rdata[0 +: TypeW];
  assign word_valid_o     = out_valid;

  logic unused_status;
  assign unused_status = ^{meta_count, out_wr_ready};

endmodule

`default_nettype wire
