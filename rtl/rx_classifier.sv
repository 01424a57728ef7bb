// Copyright nicsim contributors. SPDX-License-Identifier: Apache-2.0
//
// Receive classifier: decides every received frame's queue, RSS hash and RSS type, and whether
// a steering filter drops it. The decision is model::Classifier's (model/classifier.hpp):
//   1. parse (rx_parser); a malformed frame is treated as non-IP and counted
//      rx_malformed_<reason>;
//   2. RSS: type after the rss_ctrl enables, Toeplitz hash of the tuple (toeplitz_hash) under
//      the rss_key; type none has hash 0;
//   3. steering filters (steering_filter_table), ahead of RSS for the queue: the lowest-index
//      matching rule wins (and counts a hit): drop -> tag_drop_o, queue 0; deliver -> its queue;
//   4. no hit: RSS type != none -> reta[hash & 0x7F], else rx_default_queue.
//   Any queue >= NumQueues acts as 0. Hash and type describe the frame whatever the filters do.
// Every frame the MAC delivers is classified and counted (malformed reasons, rule hits), also
// one that rx_frame_buffer then drops for another reason (disabled, FCS, runt, oversize).
//
// Pipeline, one frame per cycle, no back-pressure (the MAC cannot be stalled):
//   edge T    the frame's last beat is captured (rx_parser)
//   edge T+1  parse: fields, malformed reason, RSS type, Toeplitz input, filter key
//   edge T+2  Toeplitz hash; filter lookup (in parallel); malformed counter increment
//   edge T+3  decide: queue, drop; the tag (tag_*_o) is registered
// The beats themselves reach rx_frame_buffer through a Latency-register delay line (m_axis_*),
// so the frame's last beat reaches rx_frame_buffer's input register at edge T+Latency, which is
// when the tag is ready: rx_frame_buffer samples the tag with the last beat, as it always has.
// So back-to-back frames, even one-beat frames in consecutive cycles, each get their own tag.
//
// Registers (reg_* port, forwarded by nic_regs): rss_ctrl, rss_key0..9, the indirection table
// (reta, four 4-bit entries per word) and the steering filter block, which goes to
// steering_filter_table. Reads are registered: reg_rdata_o is valid the cycle after reg_re_i.
// A register write takes effect for frames parsed (rss_ctrl), hashed (rss_key), looked up
// (filters) or decided (reta) after it.
//
// Simulation speed: each stage does its work inside its sequential block, gated by its valid
// bit, so a cycle without a frame end costs a few tests; the delay line moves beat data only
// where a beat is.

`default_nettype none

module rx_classifier #(
  // Number of queues (1..MAX_QUEUES); queue numbers >= NumQueues act as 0.
  parameter int unsigned NumQueues = 4
) (
  input  wire logic                                    clk_i,
  input  wire logic                                    rst_ni,

  // MAC receive input (the NIC's s_axis_rx_*); tready is high from the first cycle after reset.
  input  wire logic [63:0]                             s_axis_rx_tdata_i,
  input  wire logic [7:0]                              s_axis_rx_tkeep_i,
  input  wire logic                                    s_axis_rx_tvalid_i,
  output logic                                         s_axis_rx_tready_o,
  input  wire logic                                    s_axis_rx_tlast_i,
  input  wire logic                                    s_axis_rx_tuser_i,

  // The same beats, Latency cycles later, to rx_frame_buffer (which never back-pressures).
  output logic [63:0]                                  m_axis_rx_tdata_o,
  output logic [7:0]                                   m_axis_rx_tkeep_o,
  output logic                                         m_axis_rx_tvalid_o,
  output logic                                         m_axis_rx_tlast_o,
  output logic                                         m_axis_rx_tuser_o,

  // Configuration from nic_regs.
  input  wire logic [nic_regmap_pkg::RX_DEFAULT_QUEUE_QUEUE_WIDTH-1:0] rx_default_queue_i,

  // Register port: rss_ctrl, rss_key*, reta and filter addresses (aligned byte addresses).
  input  wire logic                                    reg_we_i,
  input  wire logic                                    reg_re_i,
  input  wire logic [15:0]                             reg_addr_i,
  input  wire logic [31:0]                             reg_wdata_i,
  output logic [31:0]                                  reg_rdata_o,

  // Tag of the frame whose last beat rx_frame_buffer's input register holds in this cycle.
  output logic [nic_regmap_pkg::RX_DEFAULT_QUEUE_QUEUE_WIDTH-1:0]      tag_queue_o,
  output logic [nic_regmap_pkg::DESC_RX_WB_RSS_HASH_WIDTH-1:0]         tag_rss_hash_o,
  output logic [nic_regmap_pkg::DESC_RX_WB_RSS_TYPE_WIDTH-1:0]         tag_rss_type_o,
  output logic                                         tag_drop_o,  // a filter rule drops it

  // Counter increments (rx_malformed_*), bits indexed by GCNT_*.
  output logic [nic_regmap_pkg::NUM_GCNT-1:0]                          gcnt_inc_o
);

  if (NumQueues < 1 || NumQueues > nic_regmap_pkg::MAX_QUEUES) begin : gen_num_queues_check
    $fatal(1, "%m: NumQueues (%0d) must be in 1..%0d", NumQueues, nic_regmap_pkg::MAX_QUEUES);
  end
  // The register map keeps these runs contiguous; the decode below relies on it.
  if (nic_regmap_pkg::REG_RSS_KEY9 != nic_regmap_pkg::REG_RSS_KEY0 + 16'd36 ||
      nic_regmap_pkg::GCNT_RX_MALFORMED_TRUNCATED_UDP !=
          nic_regmap_pkg::GCNT_RX_MALFORMED_TRUNCATED_ETHERNET + 11 ||
      nic_regmap_pkg::RETA_STRIDE != 16'd4 || nic_regmap_pkg::RETA_COUNT * 4 != 128)
  begin : gen_regmap_layout_check
    $fatal(1, "%m: rss_key0..9, rx_malformed_* and reta must each be one contiguous run");
  end
  // The register decode takes word and rule indices straight from address bits.
  if (nic_regmap_pkg::REG_RSS_KEY0[5:0] != 6'd0 || nic_regmap_pkg::RETA_BASE[6:0] != 7'd0 ||
      nic_regmap_pkg::FILTER_BASE[11:0] != 12'd0 ||
      nic_regmap_pkg::FILTER_STRIDE != 16'h40 || nic_regmap_pkg::FILTER_COUNT != 64)
  begin : gen_regmap_align_check
    $fatal(1, "%m: rss_key0 must be 64-byte, reta 128-byte, the filter block 4 KiB aligned");
  end

  // Edges from a frame's last beat (captured at edge T) to its tag (edge T + Latency); the
  // delay line holds the beats as long.
  localparam int unsigned Latency  = 3;
  localparam int unsigned QueueW   = nic_regmap_pkg::RX_DEFAULT_QUEUE_QUEUE_WIDTH;
  localparam int unsigned RetaSize = 128;
  localparam logic [15:0] RETA_END   =
      nic_regmap_pkg::RETA_BASE + 16'(nic_regmap_pkg::RETA_COUNT) * nic_regmap_pkg::RETA_STRIDE;

  // Queue numbers the NIC does not have act as 0 (regmap: rx_default_queue, reta, filters).
  function automatic logic [QueueW-1:0] effective_queue(logic [QueueW-1:0] q);
    effective_queue = (32'(q) < NumQueues) ? q : '0;
  endfunction

  // Reset indirection table: entry i = i % NumQueues (Linux's ethtool_rxfh_indir_default()),
  // in bits 4i+3..4i. A flat vector with the bit layout of reta_q, because Yosys rejects a
  // packed multi-dimensional parameter (docs/synthesis.md).
  function automatic logic [RetaSize*4-1:0] default_reta();
    logic [RetaSize*4-1:0] t;
    for (int unsigned i = 0; i < RetaSize; i++) begin
      t[4 * i +: 4] = 4'(i % NumQueues);
    end
    default_reta = t;
  endfunction
  localparam logic [RetaSize*4-1:0] RETA_RESET = default_reta();

  // ------------------------------------------------------------------ MAC handshake, delay line
  // Stage k holds {tdata, tkeep, tlast, tuser} of the beat taken k + 1 cycles ago, if
  // dly_valid_q[k]. One register per stage (not an array), so a stage moves only where a beat is.
  localparam int unsigned BeatW = 64 + 8 + 1 + 1;
  logic               tready_q;
  logic               beat_valid;
  logic [Latency-1:0] dly_valid_q;
  logic [BeatW-1:0]   dly_beat [Latency];

  assign beat_valid = s_axis_rx_tvalid_i && tready_q;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      tready_q    <= 1'b0;
      dly_valid_q <= '0;
    end else begin
      tready_q    <= 1'b1;
      dly_valid_q <= {dly_valid_q[Latency-2:0], beat_valid};
    end
  end

  for (genvar k = 0; k < Latency; k++) begin : gen_delay
    logic [BeatW-1:0] beat_q;
    if (k == 0) begin : gen_first
      always_ff @(posedge clk_i) begin
        if (beat_valid) begin
          beat_q <= {s_axis_rx_tdata_i, s_axis_rx_tkeep_i, s_axis_rx_tlast_i, s_axis_rx_tuser_i};
        end
      end
    end else begin : gen_next
      always_ff @(posedge clk_i) begin
        if (dly_valid_q[k-1]) begin
          beat_q <= dly_beat[k-1];
        end
      end
    end
    assign dly_beat[k] = beat_q;
  end

  assign s_axis_rx_tready_o = tready_q;
  assign m_axis_rx_tvalid_o = dly_valid_q[Latency-1];
  assign {m_axis_rx_tdata_o, m_axis_rx_tkeep_o, m_axis_rx_tlast_o, m_axis_rx_tuser_o} =
      dly_beat[Latency-1];

  // ------------------------------------------------------------------ configuration registers
  logic [5:0]   rss_ctrl_q;
  logic [319:0] rss_key_q;               // key byte 0 in 319:312
  logic [RetaSize-1:0][3:0] reta_q;
  logic [31:0]  rdata_q;
  logic         rd_filter_q;             // the last read was a filter register

  // The address decode is evaluated only in a cycle with an access (inside the gated blocks,
  // through these functions); word indices are address bits (see the alignment check).
  logic         reg_is_filter;
  logic [3:0]   key_word;
  logic [4:0]   reta_word;

  function automatic logic is_key(logic [15:0] a);
    is_key = a >= nic_regmap_pkg::REG_RSS_KEY0 && a <= nic_regmap_pkg::REG_RSS_KEY9;
  endfunction
  function automatic logic is_reta(logic [15:0] a);
    is_reta = a >= nic_regmap_pkg::RETA_BASE && a < RETA_END;
  endfunction

  assign key_word      = reg_addr_i[5:2];
  assign reta_word     = reg_addr_i[6:2];
  assign reg_is_filter = reg_addr_i[15:12] == nic_regmap_pkg::FILTER_BASE[15:12];

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      rss_ctrl_q <= nic_regmap_pkg::REG_RSS_CTRL_RESET[5:0];
      rss_key_q  <= {nic_regmap_pkg::REG_RSS_KEY0_RESET, nic_regmap_pkg::REG_RSS_KEY1_RESET,
                     nic_regmap_pkg::REG_RSS_KEY2_RESET, nic_regmap_pkg::REG_RSS_KEY3_RESET,
                     nic_regmap_pkg::REG_RSS_KEY4_RESET, nic_regmap_pkg::REG_RSS_KEY5_RESET,
                     nic_regmap_pkg::REG_RSS_KEY6_RESET, nic_regmap_pkg::REG_RSS_KEY7_RESET,
                     nic_regmap_pkg::REG_RSS_KEY8_RESET, nic_regmap_pkg::REG_RSS_KEY9_RESET};
      reta_q     <= RETA_RESET;
    end else if (reg_we_i) begin
      if (reg_addr_i == nic_regmap_pkg::REG_RSS_CTRL) begin
        rss_ctrl_q <= reg_wdata_i[5:0];
      end
      if (is_key(reg_addr_i)) begin
        rss_key_q[319 - 32 * key_word -: 32] <= reg_wdata_i;
      end
      if (is_reta(reg_addr_i)) begin
        reta_q[{reta_word, 2'd0}] <= reg_wdata_i[nic_regmap_pkg::ENTRIES_ENTRY0_LSB +: 4];
        reta_q[{reta_word, 2'd1}] <= reg_wdata_i[nic_regmap_pkg::ENTRIES_ENTRY1_LSB +: 4];
        reta_q[{reta_word, 2'd2}] <= reg_wdata_i[nic_regmap_pkg::ENTRIES_ENTRY2_LSB +: 4];
        reta_q[{reta_word, 2'd3}] <= reg_wdata_i[nic_regmap_pkg::ENTRIES_ENTRY3_LSB +: 4];
      end
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      rdata_q     <= '0;
      rd_filter_q <= 1'b0;
    end else if (reg_re_i) begin
      rd_filter_q <= reg_is_filter;
      rdata_q     <= '0;
      if (reg_addr_i == nic_regmap_pkg::REG_RSS_CTRL) begin
        rdata_q <= 32'(rss_ctrl_q);
      end
      if (is_key(reg_addr_i)) begin
        rdata_q <= rss_key_q[319 - 32 * key_word -: 32];
      end
      if (is_reta(reg_addr_i)) begin
        rdata_q <= (32'(reta_q[{reta_word, 2'd0}]) << nic_regmap_pkg::ENTRIES_ENTRY0_LSB) |
                   (32'(reta_q[{reta_word, 2'd1}]) << nic_regmap_pkg::ENTRIES_ENTRY1_LSB) |
                   (32'(reta_q[{reta_word, 2'd2}]) << nic_regmap_pkg::ENTRIES_ENTRY2_LSB) |
                   (32'(reta_q[{reta_word, 2'd3}]) << nic_regmap_pkg::ENTRIES_ENTRY3_LSB);
      end
    end
  end

  // ------------------------------------------------------------------ parse (edge T+1)
  logic         p_valid;
  logic [3:0]   p_malformed;
  logic [2:0]   p_rss_type;
  logic [287:0] p_rss_input;
  logic         p_is_ip, p_ipv6, p_has_ports;
  logic [1:0]   p_l4;
  logic [127:0] p_src_addr, p_dst_addr;
  logic [15:0]  p_src_port, p_dst_port;

  rx_parser u_parser (
    .clk_i           (clk_i),
    .rst_ni          (rst_ni),
    .beat_valid_i    (beat_valid),
    .beat_data_i     (s_axis_rx_tdata_i),
    .beat_keep_i     (s_axis_rx_tkeep_i),
    .beat_last_i     (s_axis_rx_tlast_i),
    .rss_enable_i    (rss_ctrl_q),
    .valid_o         (p_valid),
    .malformed_o     (p_malformed),
    .rss_type_o      (p_rss_type),
    .rss_input_o     (p_rss_input),
    .key_is_ip_o     (p_is_ip),
    .key_ipv6_o      (p_ipv6),
    .key_l4_o        (p_l4),
    .key_has_ports_o (p_has_ports),
    .key_src_addr_o  (p_src_addr),
    .key_dst_addr_o  (p_dst_addr),
    .key_src_port_o  (p_src_port),
    .key_dst_port_o  (p_dst_port)
  );

  // ------------------------------------------------------------------ hash and lookup (edge T+2)
  logic        h_valid;
  logic [31:0] h_hash;
  logic [2:0]  h_rss_type_q;
  logic        f_valid, f_hit, f_drop;
  logic [3:0]  f_queue;
  logic [5:0]  f_index;
  logic [31:0] f_rdata;

  toeplitz_hash #(
    .InputBytes (36),
    .KeyBytes   (40)
  ) u_toeplitz (
    .clk_i   (clk_i),
    .rst_ni  (rst_ni),
    .valid_i (p_valid),
    .input_i (p_rss_input),
    .key_i   (rss_key_q),
    .valid_o (h_valid),
    .hash_o  (h_hash)
  );

  steering_filter_table #(
    .NumRules (nic_regmap_pkg::FILTER_COUNT)
  ) u_filters (
    .clk_i            (clk_i),
    .rst_ni           (rst_ni),
    .reg_we_i         (reg_we_i && reg_is_filter),
    .reg_re_i         (reg_re_i && reg_is_filter),
    .reg_rule_i       (reg_addr_i[11:6]),
    .reg_offset_i     (reg_addr_i[5:0]),
    .reg_wdata_i      (reg_wdata_i),
    .reg_rdata_o      (f_rdata),
    .lookup_valid_i   (p_valid),
    .key_is_ip_i      (p_is_ip),
    .key_ipv6_i       (p_ipv6),
    .key_l4_i         (p_l4),
    .key_has_ports_i  (p_has_ports),
    .key_src_addr_i   (p_src_addr),
    .key_dst_addr_i   (p_dst_addr),
    .key_src_port_i   (p_src_port),
    .key_dst_port_i   (p_dst_port),
    .result_valid_o   (f_valid),
    .hit_o            (f_hit),
    .hit_index_o      (f_index),
    .hit_drop_o       (f_drop),
    .hit_queue_o      (f_queue)
  );

  // The RSS type travels beside the hash; the malformed reason is counted here.
  logic [nic_regmap_pkg::NUM_GCNT-1:0] gcnt_q;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      h_rss_type_q <= '0;
      gcnt_q       <= '0;
    end else begin
      if (p_valid) begin
        h_rss_type_q <= p_rss_type;
      end
      if (p_valid || gcnt_q != '0) begin
        gcnt_q <= '0;
        if (p_valid && p_malformed != 4'd0) begin
          gcnt_q[nic_regmap_pkg::GCNT_RX_MALFORMED_TRUNCATED_ETHERNET + 32'(p_malformed) - 1] <= 1'b1;
        end
      end
    end
  end

  // ------------------------------------------------------------------ decide (edge T+3)
  logic [QueueW-1:0] tag_queue_q;
  logic [31:0]       tag_hash_q;
  logic [2:0]        tag_type_q;
  logic              tag_drop_q;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      tag_queue_q <= '0;
      tag_hash_q  <= '0;
      tag_type_q  <= '0;
      tag_drop_q  <= 1'b0;
    end else if (h_valid) begin
      tag_hash_q <= h_hash;
      tag_type_q <= h_rss_type_q;
      tag_drop_q <= f_hit && f_drop;
      if (f_hit) begin
        tag_queue_q <= f_drop ? '0 : effective_queue(f_queue);
      end else if (h_rss_type_q != 3'd0) begin
        tag_queue_q <= effective_queue(reta_q[h_hash[6:0]]);
      end else begin
        tag_queue_q <= effective_queue(rx_default_queue_i);
      end
    end
  end

  assign tag_queue_o    = tag_queue_q;
  assign tag_rss_hash_o = tag_hash_q;
  assign tag_rss_type_o = nic_regmap_pkg::DESC_RX_WB_RSS_TYPE_WIDTH'(tag_type_q);
  assign tag_drop_o     = tag_drop_q;
  assign gcnt_inc_o     = gcnt_q;
  assign reg_rdata_o    = rd_filter_q ? f_rdata : rdata_q;

  // The filter result is valid exactly when the hash is (both one cycle after p_valid); the
  // winning rule's index is counted inside the table.
  logic unused_filter;
  assign unused_filter = ^{f_valid, f_index};


endmodule

`default_nettype wire
