// Copyright nicsim contributors. SPDX-License-Identifier: Apache-2.0
//
// nicsim NIC top level. Port names and widths are the contract in docs/architecture.md; the bus
// ports carry Alex Forencich's names without _i/_o suffixes because the contract spells them so.
//
//   s_axil_*  --> nic_regs (register file, ring state, statistics; classification registers
//                 forwarded to rx_classifier)
//   s_axis_rx --> rx_classifier --> rx_frame_buffer --> nic_dma (rx_dma, desc_fetch and
//                                                        desc_writeback per direction,
//   m_axis_tx <-- tx_frame_buffer <--------------------- tx_dma, axi_dma_arbiter) --> m_axi_*
//   nic_dma completions (write-backs acknowledged) --> nic_intr (routing, intr_moderation per
//                                                      vector) --> irq_o
//
// Frame classification: rx_classifier parses every frame, hashes it (RSS), looks it up in the
// steering filters and decides its queue, or a filter drop. It passes the beats on to
// rx_frame_buffer delayed by its pipeline latency, so that the tag (queue, RSS hash and type,
// drop) is ready exactly when rx_frame_buffer samples it with the frame's last beat; rx_dma
// writes hash and type into the descriptor write-back.

`default_nettype none

module nic_top #(
  // Number of queue pairs (1..16).
  parameter int unsigned NumQueues     = 4,
  // AXI beats per DMA burst (1..256).
  parameter int unsigned MaxBurstLen   = 16,
  // Receive packet buffer size in bytes (power of two, 16384..1048576).
  parameter int unsigned RxBufferBytes = 32768,
  // Transmit frame buffer size in bytes (power of two, 16384..1048576).
  parameter int unsigned TxBufferBytes = 16384,
  // Interrupt vectors (1..16); irq_o bits at and above NumVectors stay 0.
  parameter int unsigned NumVectors    = NumQueues
) (
  input  wire logic        clk_i,
  input  wire logic        rst_ni,

  // AXI4-Lite slave (MMIO).
  input  wire logic [15:0] s_axil_awaddr,
  input  wire logic [2:0]  s_axil_awprot,
  input  wire logic        s_axil_awvalid,
  output logic             s_axil_awready,
  input  wire logic [31:0] s_axil_wdata,
  input  wire logic [3:0]  s_axil_wstrb,
  input  wire logic        s_axil_wvalid,
  output logic             s_axil_wready,
  output logic [1:0]       s_axil_bresp,
  output logic             s_axil_bvalid,
  input  wire logic        s_axil_bready,
  input  wire logic [15:0] s_axil_araddr,
  input  wire logic [2:0]  s_axil_arprot,
  input  wire logic        s_axil_arvalid,
  output logic             s_axil_arready,
  output logic [31:0]      s_axil_rdata,
  output logic [1:0]       s_axil_rresp,
  output logic             s_axil_rvalid,
  input  wire logic        s_axil_rready,

  // AXI4 master (DMA to host memory).
  output logic [63:0]      m_axi_awaddr,
  output logic [7:0]       m_axi_awlen,
  output logic [2:0]       m_axi_awsize,
  output logic [1:0]       m_axi_awburst,
  output logic             m_axi_awvalid,
  input  wire logic        m_axi_awready,
  output logic [63:0]      m_axi_wdata,
  output logic [7:0]       m_axi_wstrb,
  output logic             m_axi_wlast,
  output logic             m_axi_wvalid,
  input  wire logic        m_axi_wready,
  input  wire logic [1:0]  m_axi_bresp,
  input  wire logic        m_axi_bvalid,
  output logic             m_axi_bready,
  output logic [63:0]      m_axi_araddr,
  output logic [7:0]       m_axi_arlen,
  output logic [2:0]       m_axi_arsize,
  output logic [1:0]       m_axi_arburst,
  output logic             m_axi_arvalid,
  input  wire logic        m_axi_arready,
  input  wire logic [63:0] m_axi_rdata,
  input  wire logic [1:0]  m_axi_rresp,
  input  wire logic        m_axi_rlast,
  input  wire logic        m_axi_rvalid,
  output logic             m_axi_rready,

  // MAC receive input (frames without FCS; tuser on the last beat = bad frame).
  input  wire logic [63:0] s_axis_rx_tdata,
  input  wire logic [7:0]  s_axis_rx_tkeep,
  input  wire logic        s_axis_rx_tvalid,
  output logic             s_axis_rx_tready,
  input  wire logic        s_axis_rx_tlast,
  input  wire logic        s_axis_rx_tuser,

  // MAC transmit output (tuser always 0).
  output logic [63:0]      m_axis_tx_tdata,
  output logic [7:0]       m_axis_tx_tkeep,
  output logic             m_axis_tx_tvalid,
  input  wire logic        m_axis_tx_tready,
  output logic             m_axis_tx_tlast,
  output logic             m_axis_tx_tuser,

  // Interrupts (MSI-X style): bit v pulses for one cycle per interrupt message of vector v.
  output logic [15:0]      irq_o
);

  // ------------------------------------------------------------------ parameter checks
  if (NumQueues < 1 || NumQueues > nic_regmap_pkg::MAX_QUEUES) begin : gen_num_queues_check
    $fatal(1, "%m: NumQueues (%0d) must be in 1..%0d", NumQueues, nic_regmap_pkg::MAX_QUEUES);
  end
  if (MaxBurstLen < 1 || MaxBurstLen > 256) begin : gen_max_burst_len_check
    $fatal(1, "%m: MaxBurstLen (%0d) must be in 1..256", MaxBurstLen);
  end
  if (RxBufferBytes < 16384 || RxBufferBytes > 1048576 ||
      (RxBufferBytes & (RxBufferBytes - 1)) != 0) begin : gen_rx_buffer_bytes_check
    $fatal(1, "%m: RxBufferBytes (%0d) must be a power of two in 16384..1048576", RxBufferBytes);
  end
  if (TxBufferBytes < 16384 || TxBufferBytes > 1048576 ||
      (TxBufferBytes & (TxBufferBytes - 1)) != 0) begin : gen_tx_buffer_bytes_check
    $fatal(1, "%m: TxBufferBytes (%0d) must be a power of two in 16384..1048576", TxBufferBytes);
  end
  if (NumVectors < 1 || NumVectors > nic_regmap_pkg::VECTOR_COUNT) begin : gen_num_vectors_check
    $fatal(1, "%m: NumVectors (%0d) must be in 1..%0d", NumVectors, nic_regmap_pkg::VECTOR_COUNT);
  end

  // Rings hold up to 4096 descriptors (regmap.toml, rx_len / tx_len).
  localparam int unsigned RingIdxW  = 12;
  // Blocks that report global counter increments: rx_frame_buffer, rx_classifier, and four in
  // nic_dma (rx_dma, desc_fetch, desc_writeback, tx_dma).
  localparam int unsigned NumCntSrc = 6;
  localparam int unsigned QueueW    = nic_regmap_pkg::RX_DEFAULT_QUEUE_QUEUE_WIDTH;

  // ------------------------------------------------------------------ nets
  logic                                rx_en, tx_en;
  logic [nic_regmap_pkg::MAX_FRAME_LEN_LEN_WIDTH-1:0]  max_frame_len;
  logic [QueueW-1:0]                   rx_default_queue;

  logic [NumQueues-1:0][63:0]          rx_base, tx_base;
  logic [NumQueues-1:0][RingIdxW-1:0]  rx_len_mask, rx_head, rx_tail;
  logic [NumQueues-1:0][RingIdxW-1:0]  tx_len_mask, tx_head, tx_tail;
  logic [NumQueues-1:0][17:0]          rx_dma_ctrl, tx_dma_ctrl;
  logic                                dma_rd_beat, dma_wr_beat;
  logic [NumQueues-1:0][15:0]          rx_buf_size;
  logic [NumQueues-1:0]                rx_active, rx_reset, tx_active, tx_reset;
  logic [NumQueues-1:0]                rx_kick, tx_kick;

  logic                                rx_head_adv, tx_head_adv;
  logic [3:0]                          rx_head_adv_q, tx_head_adv_q;
  logic                                rx_status_set, tx_status_set;
  logic [3:0]                          rx_status_set_q, tx_status_set_q;
  logic [31:0]                         rx_status_set_bits, tx_status_set_bits;

  logic [NumCntSrc-1:0][nic_regmap_pkg::NUM_GCNT-1:0]  gcnt_inc;
  logic                                rxq_done, txq_done;
  logic [3:0]                          rxq_done_q, txq_done_q;
  logic [15:0]                         rxq_done_bytes, txq_done_bytes;

  // Interrupts: nic_regs <-> nic_intr.
  logic [15:0]                         cycles_per_us;
  logic [NumQueues-1:0][3:0]           rx_vector, tx_vector;
  logic [NumVectors-1:0][15:0]         rx_usecs, rx_frames, tx_usecs, tx_frames;
  logic [NumVectors-1:0][15:0]         rx_pending, tx_pending;
  logic [NumVectors-1:0]               mask_set, rearm, irq, masked;

  // rx_classifier -> rx_frame_buffer: the delayed MAC beats and each frame's tag.
  logic [63:0]                         cls_tdata;
  logic [7:0]                          cls_tkeep;
  logic                                cls_tvalid, cls_tlast, cls_tuser;
  logic                                buf_tready;  // always high: rx_frame_buffer never stalls
  logic [QueueW-1:0]                   frame_queue;
  logic [nic_regmap_pkg::DESC_RX_WB_RSS_HASH_WIDTH-1:0] frame_rss_hash;
  logic [nic_regmap_pkg::DESC_RX_WB_RSS_TYPE_WIDTH-1:0] frame_rss_type;
  logic                                frame_drop;

  // nic_regs -> rx_classifier: classification registers.
  logic                                cls_we, cls_re;
  logic [15:0]                         cls_addr;
  logic [31:0]                         cls_wdata, cls_rdata;

  // rx_frame_buffer -> rx_dma
  logic                                buf_frame_valid, buf_frame_done;
  logic [15:0]                         buf_frame_len;
  logic [QueueW-1:0]                   buf_frame_queue;
  logic [nic_regmap_pkg::DESC_RX_WB_RSS_HASH_WIDTH-1:0] buf_frame_rss_hash;
  logic [nic_regmap_pkg::DESC_RX_WB_RSS_TYPE_WIDTH-1:0] buf_frame_rss_type;
  logic                                buf_word_valid, buf_word_ready;
  logic [63:0]                         buf_word_data;

  // tx_dma -> tx_frame_buffer
  logic                                txb_wr_valid, txb_commit, txb_rollback;
  logic [63:0]                         txb_wr_data;
  logic [15:0]                         txb_commit_len, txb_free_words;
  logic [6:0]                          txb_free_frames;

  // The heads are the driver's view; the DMA engines keep their own ring positions.
  logic unused_heads;
  assign unused_heads = ^{rx_head, tx_head, buf_tready};

  // ------------------------------------------------------------------ register file
  nic_regs #(
    .NumQueues   (NumQueues),
    .MaxBurstLen (MaxBurstLen),
    .RingIdxW    (RingIdxW),
    .NumCntSrc   (NumCntSrc),
    .NumVectors  (NumVectors)
  ) u_regs (
    .clk_i                (clk_i),
    .rst_ni               (rst_ni),
    .s_axil_awaddr_i      (s_axil_awaddr),
    .s_axil_awprot_i      (s_axil_awprot),
    .s_axil_awvalid_i     (s_axil_awvalid),
    .s_axil_awready_o     (s_axil_awready),
    .s_axil_wdata_i       (s_axil_wdata),
    .s_axil_wstrb_i       (s_axil_wstrb),
    .s_axil_wvalid_i      (s_axil_wvalid),
    .s_axil_wready_o      (s_axil_wready),
    .s_axil_bresp_o       (s_axil_bresp),
    .s_axil_bvalid_o      (s_axil_bvalid),
    .s_axil_bready_i      (s_axil_bready),
    .s_axil_araddr_i      (s_axil_araddr),
    .s_axil_arprot_i      (s_axil_arprot),
    .s_axil_arvalid_i     (s_axil_arvalid),
    .s_axil_arready_o     (s_axil_arready),
    .s_axil_rdata_o       (s_axil_rdata),
    .s_axil_rresp_o       (s_axil_rresp),
    .s_axil_rvalid_o      (s_axil_rvalid),
    .s_axil_rready_i      (s_axil_rready),
    .rx_en_o              (rx_en),
    .tx_en_o              (tx_en),
    .max_frame_len_o      (max_frame_len),
    .rx_default_queue_o   (rx_default_queue),
    .cls_we_o             (cls_we),
    .cls_re_o             (cls_re),
    .cls_addr_o           (cls_addr),
    .cls_wdata_o          (cls_wdata),
    .cls_rdata_i          (cls_rdata),
    .rx_base_o            (rx_base),
    .rx_len_mask_o        (rx_len_mask),
    .rx_head_o            (rx_head),
    .rx_tail_o            (rx_tail),
    .rx_buf_size_o        (rx_buf_size),
    .rx_active_o          (rx_active),
    .rx_reset_o           (rx_reset),
    .rx_kick_o            (rx_kick),
    .rx_head_adv_i        (rx_head_adv),
    .rx_head_adv_q_i      (rx_head_adv_q),
    .rx_status_set_i      (rx_status_set),
    .rx_status_set_q_i    (rx_status_set_q),
    .rx_status_set_bits_i (rx_status_set_bits),
    .tx_base_o            (tx_base),
    .tx_len_mask_o        (tx_len_mask),
    .tx_head_o            (tx_head),
    .tx_tail_o            (tx_tail),
    .tx_active_o          (tx_active),
    .tx_reset_o           (tx_reset),
    .tx_kick_o            (tx_kick),
    .tx_head_adv_i        (tx_head_adv),
    .tx_head_adv_q_i      (tx_head_adv_q),
    .tx_status_set_i      (tx_status_set),
    .tx_status_set_q_i    (tx_status_set_q),
    .tx_status_set_bits_i (tx_status_set_bits),
    .rx_dma_ctrl_o        (rx_dma_ctrl),
    .tx_dma_ctrl_o        (tx_dma_ctrl),
    .gcnt_inc_i           (gcnt_inc),
    .dma_rd_beat_i        (dma_rd_beat),
    .dma_wr_beat_i        (dma_wr_beat),
    .rxq_done_i           (rxq_done),
    .rxq_done_q_i         (rxq_done_q),
    .rxq_done_bytes_i     (rxq_done_bytes),
    .txq_done_i           (txq_done),
    .txq_done_q_i         (txq_done_q),
    .txq_done_bytes_i     (txq_done_bytes),
    .cycles_per_us_o      (cycles_per_us),
    .rx_vector_o          (rx_vector),
    .tx_vector_o          (tx_vector),
    .rx_usecs_o           (rx_usecs),
    .rx_frames_o          (rx_frames),
    .tx_usecs_o           (tx_usecs),
    .tx_frames_o          (tx_frames),
    .mask_set_o           (mask_set),
    .rearm_o              (rearm),
    .irq_i                (irq),
    .masked_i             (masked),
    .rx_pending_i         (rx_pending),
    .tx_pending_i         (tx_pending)
  );

  // ------------------------------------------------------------------ interrupts
  // Completion events: rxq_done once the frame's last write-back is acknowledged, txq_done once
  // the DD write-back is acknowledged (see rx_dma, tx_dma).
  nic_intr #(
    .NumQueues  (NumQueues),
    .NumVectors (NumVectors)
  ) u_intr (
    .clk_i           (clk_i),
    .rst_ni          (rst_ni),
    .cycles_per_us_i (cycles_per_us),
    .rx_vector_i     (rx_vector),
    .tx_vector_i     (tx_vector),
    .rx_done_i       (rxq_done),
    .rx_done_q_i     (rxq_done_q),
    .tx_done_i       (txq_done),
    .tx_done_q_i     (txq_done_q),
    .rx_usecs_i      (rx_usecs),
    .rx_frames_i     (rx_frames),
    .tx_usecs_i      (tx_usecs),
    .tx_frames_i     (tx_frames),
    .mask_set_i      (mask_set),
    .rearm_i         (rearm),
    .irq_o           (irq),
    .masked_o        (masked),
    .rx_pending_o    (rx_pending),
    .tx_pending_o    (tx_pending)
  );

  // Each bit comes straight from a vector's irq register.
  assign irq_o = 16'(irq);

  // ------------------------------------------------------------------ receive path
  rx_classifier #(
    .NumQueues (NumQueues)
  ) u_rx_classifier (
    .clk_i              (clk_i),
    .rst_ni             (rst_ni),
    .s_axis_rx_tdata_i  (s_axis_rx_tdata),
    .s_axis_rx_tkeep_i  (s_axis_rx_tkeep),
    .s_axis_rx_tvalid_i (s_axis_rx_tvalid),
    .s_axis_rx_tready_o (s_axis_rx_tready),
    .s_axis_rx_tlast_i  (s_axis_rx_tlast),
    .s_axis_rx_tuser_i  (s_axis_rx_tuser),
    .m_axis_rx_tdata_o  (cls_tdata),
    .m_axis_rx_tkeep_o  (cls_tkeep),
    .m_axis_rx_tvalid_o (cls_tvalid),
    .m_axis_rx_tlast_o  (cls_tlast),
    .m_axis_rx_tuser_o  (cls_tuser),
    .rx_default_queue_i (rx_default_queue),
    .reg_we_i           (cls_we),
    .reg_re_i           (cls_re),
    .reg_addr_i         (cls_addr),
    .reg_wdata_i        (cls_wdata),
    .reg_rdata_o        (cls_rdata),
    .tag_queue_o        (frame_queue),
    .tag_rss_hash_o     (frame_rss_hash),
    .tag_rss_type_o     (frame_rss_type),
    .tag_drop_o         (frame_drop),
    .gcnt_inc_o         (gcnt_inc[1])
  );

  rx_frame_buffer #(
    .RxBufferBytes (RxBufferBytes)
  ) u_rx_frame_buffer (
    .clk_i              (clk_i),
    .rst_ni             (rst_ni),
    .s_axis_rx_tdata_i  (cls_tdata),
    .s_axis_rx_tkeep_i  (cls_tkeep),
    .s_axis_rx_tvalid_i (cls_tvalid),
    .s_axis_rx_tready_o (buf_tready),
    .s_axis_rx_tlast_i  (cls_tlast),
    .s_axis_rx_tuser_i  (cls_tuser),
    .rx_en_i            (rx_en),
    .max_frame_len_i    (max_frame_len),
    .frame_queue_i      (frame_queue),
    .frame_rss_hash_i   (frame_rss_hash),
    .frame_rss_type_i   (frame_rss_type),
    .frame_drop_i       (frame_drop),
    .gcnt_inc_o         (gcnt_inc[0]),
    .frame_valid_o      (buf_frame_valid),
    .frame_len_o        (buf_frame_len),
    .frame_queue_o      (buf_frame_queue),
    .frame_rss_hash_o   (buf_frame_rss_hash),
    .frame_rss_type_o   (buf_frame_rss_type),
    .frame_done_i       (buf_frame_done),
    .word_valid_o       (buf_word_valid),
    .word_ready_i       (buf_word_ready),
    .word_data_o        (buf_word_data)
  );

  // ------------------------------------------------------------------ transmit path
  tx_frame_buffer #(
    .TxBufferBytes (TxBufferBytes)
  ) u_tx_frame_buffer (
    .clk_i              (clk_i),
    .rst_ni             (rst_ni),
    .wr_valid_i         (txb_wr_valid),
    .wr_data_i          (txb_wr_data),
    .commit_i           (txb_commit),
    .commit_len_i       (txb_commit_len),
    .rollback_i         (txb_rollback),
    .free_words_o       (txb_free_words),
    .free_frames_o      (txb_free_frames),
    .m_axis_tx_tdata_o  (m_axis_tx_tdata),
    .m_axis_tx_tkeep_o  (m_axis_tx_tkeep),
    .m_axis_tx_tvalid_o (m_axis_tx_tvalid),
    .m_axis_tx_tready_i (m_axis_tx_tready),
    .m_axis_tx_tlast_o  (m_axis_tx_tlast),
    .m_axis_tx_tuser_o  (m_axis_tx_tuser)
  );

  // ------------------------------------------------------------------ DMA
  nic_dma #(
    .NumQueues   (NumQueues),
    .MaxBurstLen (MaxBurstLen),
    .RingIdxW    (RingIdxW)
  ) u_dma (
    .clk_i                (clk_i),
    .rst_ni               (rst_ni),
    .frame_valid_i        (buf_frame_valid),
    .frame_len_i          (buf_frame_len),
    .frame_queue_i        (4'(buf_frame_queue)),
    .frame_rss_hash_i     (buf_frame_rss_hash),
    .frame_rss_type_i     (buf_frame_rss_type),
    .frame_done_o         (buf_frame_done),
    .word_valid_i         (buf_word_valid),
    .word_ready_o         (buf_word_ready),
    .word_data_i          (buf_word_data),
    .txb_wr_valid_o       (txb_wr_valid),
    .txb_wr_data_o        (txb_wr_data),
    .txb_commit_o         (txb_commit),
    .txb_commit_len_o     (txb_commit_len),
    .txb_rollback_o       (txb_rollback),
    .txb_free_words_i     (txb_free_words),
    .txb_free_frames_i    (txb_free_frames),
    .tx_en_i              (tx_en),
    .cycles_per_us_i      (cycles_per_us),
    .rx_base_i            (rx_base),
    .rx_len_mask_i        (rx_len_mask),
    .rx_tail_i            (rx_tail),
    .rx_buf_size_i        (rx_buf_size),
    .rx_active_i          (rx_active),
    .rx_reset_i           (rx_reset),
    .rx_kick_i            (rx_kick),
    .rx_dma_ctrl_i        (rx_dma_ctrl),
    .tx_base_i            (tx_base),
    .tx_len_mask_i        (tx_len_mask),
    .tx_tail_i            (tx_tail),
    .tx_active_i          (tx_active),
    .tx_reset_i           (tx_reset),
    .tx_kick_i            (tx_kick),
    .tx_dma_ctrl_i        (tx_dma_ctrl),
    .rx_head_adv_o        (rx_head_adv),
    .rx_head_adv_q_o      (rx_head_adv_q),
    .rx_status_set_o      (rx_status_set),
    .rx_status_set_q_o    (rx_status_set_q),
    .rx_status_set_bits_o (rx_status_set_bits),
    .tx_head_adv_o        (tx_head_adv),
    .tx_head_adv_q_o      (tx_head_adv_q),
    .tx_status_set_o      (tx_status_set),
    .tx_status_set_q_o    (tx_status_set_q),
    .tx_status_set_bits_o (tx_status_set_bits),
    .rxq_done_o           (rxq_done),
    .rxq_done_q_o         (rxq_done_q),
    .rxq_done_bytes_o     (rxq_done_bytes),
    .txq_done_o           (txq_done),
    .txq_done_q_o         (txq_done_q),
    .txq_done_bytes_o     (txq_done_bytes),
    .gcnt_inc_o           (gcnt_inc[5:2]),
    .dma_rd_beat_o        (dma_rd_beat),
    .dma_wr_beat_o        (dma_wr_beat),
    .m_axi_awaddr_o       (m_axi_awaddr),
    .m_axi_awlen_o        (m_axi_awlen),
    .m_axi_awsize_o       (m_axi_awsize),
    .m_axi_awburst_o      (m_axi_awburst),
    .m_axi_awvalid_o      (m_axi_awvalid),
    .m_axi_awready_i      (m_axi_awready),
    .m_axi_wdata_o        (m_axi_wdata),
    .m_axi_wstrb_o        (m_axi_wstrb),
    .m_axi_wlast_o        (m_axi_wlast),
    .m_axi_wvalid_o       (m_axi_wvalid),
    .m_axi_wready_i       (m_axi_wready),
    .m_axi_bresp_i        (m_axi_bresp),
    .m_axi_bvalid_i       (m_axi_bvalid),
    .m_axi_bready_o       (m_axi_bready),
    .m_axi_araddr_o       (m_axi_araddr),
    .m_axi_arlen_o        (m_axi_arlen),
    .m_axi_arsize_o       (m_axi_arsize),
    .m_axi_arburst_o      (m_axi_arburst),
    .m_axi_arvalid_o      (m_axi_arvalid),
    .m_axi_arready_i      (m_axi_arready),
    .m_axi_rdata_i        (m_axi_rdata),
    .m_axi_rresp_i        (m_axi_rresp),
    .m_axi_rlast_i        (m_axi_rlast),
    .m_axi_rvalid_i       (m_axi_rvalid),
    .m_axi_rready_o       (m_axi_rready)
  );

endmodule

`default_nettype wire
