// Copyright nicsim contributors. SPDX-License-Identifier: Apache-2.0
//
// Transmit frame buffer between tx_dma and the MAC output.
//
// tx_dma writes a frame's words (wr_valid_i/wr_data_i; never refused: tx_dma requests no more
// words than free_words_o leaves room for, and starts no more frames than free_frames_o), then
// either commits it with its byte length or rolls it back; the next frame's words may follow at
// once. Only committed frames are sent, so the MAC output never underruns inside a frame. Frames leave on m_axis_tx_* in order, tkeep on the last beat from the length,
// tuser always 0, from an output register.

`default_nettype none

module tx_frame_buffer #(
  // Frame RAM size in bytes; a power of two, 16384..1048576 (must hold a 9018-byte frame).
  parameter int unsigned TxBufferBytes = 16384
) (
  input  wire logic        clk_i,
  input  wire logic        rst_ni,

  // Write side (tx_dma).
  input  wire logic        wr_valid_i,
  input  wire logic [63:0] wr_data_i,
  input  wire logic        commit_i,       // the words written since the last commit/rollback
  input  wire logic [15:0] commit_len_i,   // form one frame of this many bytes (1..9018)
  input  wire logic        rollback_i,     // discard the words written since the last commit
  output logic [15:0]      free_words_o,   // words that can be written (saturated)
  output logic [6:0]       free_frames_o,  // frames that can still be committed (of 64)

  // MAC transmit output.
  output logic [63:0]      m_axis_tx_tdata_o,
  output logic [7:0]       m_axis_tx_tkeep_o,
  output logic             m_axis_tx_tvalid_o,
  input  wire logic        m_axis_tx_tready_i,
  output logic             m_axis_tx_tlast_o,
  output logic             m_axis_tx_tuser_o
);

  if (TxBufferBytes < 16384 || TxBufferBytes > 1048576 ||
      (TxBufferBytes & (TxBufferBytes - 1)) != 0) begin : gen_tx_buffer_bytes_check
    $fatal(1, "%m: TxBufferBytes (%0d) must be a power of two in 16384..1048576", TxBufferBytes);
  end

  localparam int unsigned DepthWords = TxBufferBytes / 8;
  localparam int unsigned AddrW      = $clog2(DepthWords);
  localparam int unsigned MetaDepth  = 64;
  localparam int unsigned OutW       = 64 + 8 + 1;  // {tdata, tkeep, tlast}

  // ------------------------------------------------------------------ write side
  logic [AddrW:0] wr_cur_q;
  logic [AddrW:0] wr_commit_q;
  logic [AddrW:0] rd_ptr_q;
  logic [AddrW:0] free_words;
  logic           meta_wr_ready;
  logic [AddrW:0] wr_cur_next;  // wr_cur after this cycle's write (a commit includes it)

  assign wr_cur_next = wr_cur_q + (AddrW + 1)'(wr_valid_i);

  assign free_words   = (AddrW + 1)'(DepthWords) - (wr_cur_q - rd_ptr_q);
  assign free_words_o = (32'(free_words) > 32'hFFFF) ? 16'hFFFF : 16'(free_words);
  assign free_frames_o = 7'(MetaDepth) - 7'(meta_count);

  logic             ram_re;
  logic [AddrW-1:0] ram_raddr;
  logic [63:0]      ram_rdata;

  ram_sdp #(
    .Width (64),
    .Depth (DepthWords)
  ) u_ram (
    .clk_i   (clk_i),
    .we_i    (wr_valid_i),
    .waddr_i (wr_cur_q[AddrW-1:0]),
    .wdata_i (wr_data_i),
    .re_i    (ram_re),
    .raddr_i (ram_raddr),
    .rdata_o (ram_rdata)
  );

  logic        meta_valid, meta_ready;
  logic [15:0] meta_len;
  logic [$clog2(MetaDepth):0] meta_count;

  sync_fifo #(
    .Width (16),
    .Depth (MetaDepth)
  ) u_meta_fifo (
    .clk_i      (clk_i),
    .rst_ni     (rst_ni),
    .flush_i    (1'b0),
    .wr_valid_i (commit_i),
    .wr_ready_o (meta_wr_ready),
    .wr_data_i  (commit_len_i),
    .rd_valid_o (meta_valid),
    .rd_ready_i (meta_ready),
    .rd_data_o  (meta_len),
    .count_o    (meta_count)
  );

  // ------------------------------------------------------------------ read side
  // A committed frame is stored whole; its words are read (one cycle of RAM latency) into an
  // output register with two spare registers behind it, so reads issue whenever fewer than
  // three words are held or on their way, without looking at tready in the same cycle, and a
  // word leaves every cycle. m_axis_tx_* come straight from the output register.
  logic [12:0]      rd_idx_q;      // word index within the head frame
  logic             rd_pending_q;
  logic             rd_last_q;
  logic [7:0]       rd_keep_q;
  logic [12:0]      head_words;
  logic             issue_last;
  logic             main_valid_q;
  logic [OutW-1:0]  main_q;
  logic [OutW-1:0]  spare_q [2];
  logic [1:0]       spare_n_q;     // spare words held
  logic             spare_rd_q;    // the older spare

  function automatic logic [7:0] last_keep(logic [2:0] len);
    logic [7:0] k;
    case (len)
      3'd0:    k = 8'hFF;
      3'd1:    k = 8'h01;
      3'd2:    k = 8'h03;
      3'd3:    k = 8'h07;
      3'd4:    k = 8'h0F;
      3'd5:    k = 8'h1F;
      3'd6:    k = 8'h3F;
      default: k = 8'h7F;
    endcase
    last_keep = k;
  endfunction

  assign head_words = 13'((32'(meta_len) + 32'd7) >> 3);
  assign issue_last = (rd_idx_q + 13'd1 == head_words);
  assign ram_re     = meta_valid && (2'(main_valid_q) + spare_n_q + 2'(rd_pending_q) < 2'd3);
  assign ram_raddr  = rd_ptr_q[AddrW-1:0];
  assign meta_ready = ram_re && issue_last;

  // The output register takes the older spare, else the word arriving from the RAM; a word
  // arriving that does not go there waits in a spare.
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      main_valid_q <= 1'b0;
      main_q       <= '0;
      spare_n_q    <= '0;
      spare_rd_q   <= 1'b0;
    end else if (!main_valid_q || m_axis_tx_tready_i) begin
      if (spare_n_q != '0) begin
        main_valid_q <= 1'b1;
        main_q       <= spare_q[spare_rd_q];
        spare_rd_q   <= !spare_rd_q;
        if (!rd_pending_q) begin
          spare_n_q <= spare_n_q - 2'd1;
        end
      end else begin
        main_valid_q <= rd_pending_q;
        if (rd_pending_q) begin
          main_q <= {ram_rdata, rd_keep_q, rd_last_q};
        end
      end
    end else if (rd_pending_q) begin
      spare_n_q <= spare_n_q + 2'd1;
    end
  end

  // Spares: written with the RAM idiom (no reset).
  always_ff @(posedge clk_i) begin
    if (rd_pending_q && (spare_n_q != '0 || (main_valid_q && !m_axis_tx_tready_i))) begin
      spare_q[spare_rd_q ^ spare_n_q[0]] <= {ram_rdata, rd_keep_q, rd_last_q};
    end
  end

  assign m_axis_tx_tvalid_o = main_valid_q;
  assign m_axis_tx_tdata_o  = main_q[OutW-1 -: 64];
  assign m_axis_tx_tkeep_o  = main_q[1 +: 8];
  assign m_axis_tx_tlast_o  = main_q[0];
  assign m_axis_tx_tuser_o  = 1'b0;

  // ------------------------------------------------------------------ registers
  // Pointers and the read-side word registers load only when they change (no next-state copy
  // each cycle).
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      wr_cur_q     <= '0;
      wr_commit_q  <= '0;
      rd_ptr_q     <= '0;
      rd_idx_q     <= '0;
      rd_pending_q <= 1'b0;
      rd_last_q    <= 1'b0;
      rd_keep_q    <= '0;
    end else begin
      if (commit_i) begin
        wr_cur_q    <= wr_cur_next;
        wr_commit_q <= wr_cur_next;
      end else if (rollback_i) begin
        wr_cur_q <= wr_commit_q;
      end else if (wr_valid_i) begin
        wr_cur_q <= wr_cur_next;
      end
      rd_pending_q <= ram_re;
      if (ram_re) begin
        rd_ptr_q  <= rd_ptr_q + 1'b1;
        rd_last_q <= issue_last;
        rd_keep_q <= issue_last ? last_keep(meta_len[2:0]) : 8'hFF;
        rd_idx_q  <= issue_last ? '0 : rd_idx_q + 13'd1;
      end
    end
  end

  logic unused_status;
  assign unused_status = meta_wr_ready;

endmodule

`default_nettype wire
