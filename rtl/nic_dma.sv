// Copyright nicsim contributors. SPDX-License-Identifier: Apache-2.0
//
// The NIC's DMA subsystem: everything between the frame buffers, the ring registers and the
// AXI4 master. A block of its own so that it can be verified alone (tests/rtl/nic_dma.cmake
// verilates it as a top, against a C++ reference, with assertions on).
//
//   rx_frame_buffer --> rx_dma --------------- data writes --------------+
//                         ^  v                                          |
//                  desc_fetch (RX and TX rings) -- descriptor reads -----+--> axi_dma_arbiter
//                  desc_writeback (RX and TX) ---- descriptor writes ----+       --> m_axi_*
//                         ^  v                                          |
//   tx_frame_buffer <-- tx_dma --------------- data reads ---------------+
//
// Each engine keeps many bursts in flight and never waits for a write response on its data
// path: descriptors are read ahead per queue, the data of frame n + 1 moves while frame n's
// responses are on their way, and write-backs are coalesced per queue and written after the
// data they describe is acknowledged (RX) or read (TX). The ring registers stay in nic_regs:
// head advances, status bits and completions are reported to it.

`default_nettype none

module nic_dma #(
  // Number of queue pairs (1..16).
  parameter int unsigned NumQueues   = 4,
  // AXI beats per DMA burst (1..256).
  parameter int unsigned MaxBurstLen = 16,
  // Descriptor index width: rings hold up to 2**RingIdxW descriptors (3..12).
  parameter int unsigned RingIdxW    = 12,
  // Number of counter-increment sources this block drives (gcnt_inc_o); fixed.
  localparam int unsigned NumCntSrc  = 4
) (
  input  wire logic                                    clk_i,
  input  wire logic                                    rst_ni,

  // Oldest stored received frame (rx_frame_buffer).
  input  wire logic                                    frame_valid_i,
  input  wire logic [15:0]                             frame_len_i,
  input  wire logic [3:0]                              frame_queue_i,
  input  wire logic [nic_regmap_pkg::DESC_RX_WB_RSS_HASH_WIDTH-1:0] frame_rss_hash_i,
  input  wire logic [nic_regmap_pkg::DESC_RX_WB_RSS_TYPE_WIDTH-1:0] frame_rss_type_i,
  output logic                                         frame_done_o,
  input  wire logic                                    word_valid_i,
  output logic                                         word_ready_o,
  input  wire logic [63:0]                             word_data_i,

  // Transmit frame buffer write side (tx_frame_buffer).
  output logic                                         txb_wr_valid_o,
  output logic [63:0]                                  txb_wr_data_o,
  output logic                                         txb_commit_o,
  output logic [15:0]                                  txb_commit_len_o,
  output logic                                         txb_rollback_o,
  input  wire logic [15:0]                             txb_free_words_i,
  input  wire logic [6:0]                              txb_free_frames_i,

  // Configuration and ring state (nic_regs).
  input  wire logic                                    tx_en_i,
  input  wire logic [15:0]                             cycles_per_us_i,
  input  wire logic [NumQueues-1:0][63:0]              rx_base_i,
  input  wire logic [NumQueues-1:0][RingIdxW-1:0]      rx_len_mask_i,
  input  wire logic [NumQueues-1:0][RingIdxW-1:0]      rx_tail_i,
  input  wire logic [NumQueues-1:0][15:0]              rx_buf_size_i,
  input  wire logic [NumQueues-1:0]                    rx_active_i,
  input  wire logic [NumQueues-1:0]                    rx_reset_i,
  input  wire logic [NumQueues-1:0]                    rx_kick_i,      // tail written or enabled
  input  wire logic [NumQueues-1:0][17:0]              rx_dma_ctrl_i,  // {wb_delay, wb_thresh, fetch_min}
  input  wire logic [NumQueues-1:0][63:0]              tx_base_i,
  input  wire logic [NumQueues-1:0][RingIdxW-1:0]      tx_len_mask_i,
  input  wire logic [NumQueues-1:0][RingIdxW-1:0]      tx_tail_i,
  input  wire logic [NumQueues-1:0]                    tx_active_i,
  input  wire logic [NumQueues-1:0]                    tx_reset_i,
  input  wire logic [NumQueues-1:0]                    tx_kick_i,
  input  wire logic [NumQueues-1:0][17:0]              tx_dma_ctrl_i,

  // Reports (nic_regs): head advances, status bits, completions (also the interrupt events).
  output logic                                         rx_head_adv_o,
  output logic [3:0]                                   rx_head_adv_q_o,
  output logic                                         rx_status_set_o,
  output logic [3:0]                                   rx_status_set_q_o,
  output logic [31:0]                                  rx_status_set_bits_o,
  output logic                                         tx_head_adv_o,
  output logic [3:0]                                   tx_head_adv_q_o,
  output logic                                         tx_status_set_o,
  output logic [3:0]                                   tx_status_set_q_o,
  output logic [31:0]                                  tx_status_set_bits_o,
  output logic                                         rxq_done_o,
  output logic [3:0]                                   rxq_done_q_o,
  output logic [15:0]                                  rxq_done_bytes_o,
  output logic                                         txq_done_o,
  output logic [3:0]                                   txq_done_q_o,
  output logic [15:0]                                  txq_done_bytes_o,
  output logic [NumCntSrc-1:0][nic_regmap_pkg::NUM_GCNT-1:0] gcnt_inc_o,
  output logic                                         dma_rd_beat_o,  // an R beat (last cycle)
  output logic                                         dma_wr_beat_o,  // a W beat (last cycle)

  // AXI4 master (DMA to host memory).
  output logic [63:0]                                  m_axi_awaddr_o,
  output logic [7:0]                                   m_axi_awlen_o,
  output logic [2:0]                                   m_axi_awsize_o,
  output logic [1:0]                                   m_axi_awburst_o,
  output logic                                         m_axi_awvalid_o,
  input  wire logic                                    m_axi_awready_i,
  output logic [63:0]                                  m_axi_wdata_o,
  output logic [7:0]                                   m_axi_wstrb_o,
  output logic                                         m_axi_wlast_o,
  output logic                                         m_axi_wvalid_o,
  input  wire logic                                    m_axi_wready_i,
  input  wire logic [1:0]                              m_axi_bresp_i,
  input  wire logic                                    m_axi_bvalid_i,
  output logic                                         m_axi_bready_o,
  output logic [63:0]                                  m_axi_araddr_o,
  output logic [7:0]                                   m_axi_arlen_o,
  output logic [2:0]                                   m_axi_arsize_o,
  output logic [1:0]                                   m_axi_arburst_o,
  output logic                                         m_axi_arvalid_o,
  input  wire logic                                    m_axi_arready_i,
  input  wire logic [63:0]                             m_axi_rdata_i,
  input  wire logic [1:0]                              m_axi_rresp_i,
  input  wire logic                                    m_axi_rlast_i,
  input  wire logic                                    m_axi_rvalid_i,
  output logic                                         m_axi_rready_o
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

  localparam int unsigned RxCmplW = nic_regmap_pkg::DESC_RX_WB_RSS_HASH_WIDTH +
                                    nic_regmap_pkg::DESC_RX_WB_RSS_TYPE_WIDTH +
                                    nic_regmap_pkg::DESC_RX_WB_LENGTH_WIDTH;
  localparam int unsigned TxDescW = (nic_regmap_pkg::DESC_TX_DD_LSB / 8) * 8 + 8;

  // ------------------------------------------------------------------ engine channels
  // Each engine's AXI channels, to the arbiter: rx_dma and desc_writeback write, desc_fetch and
  // tx_dma read. The read data and the write response are shared by the engines.
  logic [63:0] rxw_awaddr, rxw_wdata, wbw_awaddr, wbw_wdata, fr_araddr, txr_araddr;
  logic [7:0]  rxw_awlen, rxw_wstrb, wbw_awlen, wbw_wstrb, fr_arlen, txr_arlen;
  logic        rxw_awvalid, rxw_awready, rxw_wlast, rxw_wvalid, rxw_wready, rxw_bvalid, rxw_bready;
  logic        wbw_awvalid, wbw_awready, wbw_wlast, wbw_wvalid, wbw_wready, wbw_bvalid, wbw_bready;
  logic        fr_arvalid, fr_arready, fr_rvalid, fr_rready;
  logic        txr_arvalid, txr_arready, txr_rvalid, txr_rready;
  logic [63:0] p_rdata;
  logic [1:0]  p_rresp, p_bresp;
  logic        p_rlast;

  // ------------------------------------------------------------------ descriptors
  // Sizing: 64-byte line rate (a frame every ~17 cycles at 250 MHz) keeps about latency / 17
  // of each resource busy, descriptors cached or being fetched, data bursts and frames in
  // flight, completed descriptors awaiting write-back. The depths below (64 per ring / engine,
  // 128 per arbiter channel) hold line rate up to 3 us of host latency (tests/system:
  // system.loopback.line_rate_64B_3us), not 4 us (~60 frames per direction in flight: the
  // 64-deep descriptor cache binds first); at 32 it fell short from 2 us on.
  logic [3:0]          rxd_q, txd_q;
  logic                rxd_en, rxd_valid, rxd_err, rxd_pop;
  logic                txd_en, txd_valid, txd_err, txd_pop;
  logic [63:0]         rxd_addr;
  logic [TxDescW-1:0]  txd_desc;
  logic [RingIdxW-1:0] rxd_idx, rxd_owned, txd_idx;
  logic [NumQueues-1:0] txd_nonempty;

  desc_fetch #(
    .NumQueues   (NumQueues),
    .MaxBurstLen (MaxBurstLen),
    .RingIdxW    (RingIdxW),
    .CacheDepth  (64),
    .TxEntryW    (TxDescW),
    .MaxFetches  (32)
  ) u_fetch (
    .clk_i           (clk_i),
    .rst_ni          (rst_ni),
    .rx_base_i       (rx_base_i),
    .rx_len_mask_i   (rx_len_mask_i),
    .rx_tail_i       (rx_tail_i),
    .rx_active_i     (rx_active_i),
    .rx_reset_i      (rx_reset_i),
    .rx_kick_i       (rx_kick_i),
    .rx_dma_ctrl_i   (rx_dma_ctrl_i),
    .tx_base_i       (tx_base_i),
    .tx_len_mask_i   (tx_len_mask_i),
    .tx_tail_i       (tx_tail_i),
    .tx_active_i     (tx_active_i),
    .tx_reset_i      (tx_reset_i),
    .tx_kick_i       (tx_kick_i),
    .tx_dma_ctrl_i   (tx_dma_ctrl_i),
    .rx_sel_en_i     (rxd_en),
    .rx_sel_q_i      (rxd_q),
    .rx_sel_valid_o  (rxd_valid),
    .rx_sel_desc_o   (rxd_addr),
    .rx_sel_err_o    (rxd_err),
    .rx_sel_idx_o    (rxd_idx),
    .rx_sel_owned_o  (rxd_owned),
    .rx_pop_i        (rxd_pop),
    .tx_sel_en_i     (txd_en),
    .tx_sel_q_i      (txd_q),
    .tx_sel_valid_o  (txd_valid),
    .tx_sel_desc_o   (txd_desc),
    .tx_sel_err_o    (txd_err),
    .tx_sel_idx_o    (txd_idx),
    .tx_pop_i        (txd_pop),
    .tx_nonempty_o   (txd_nonempty),
    .gcnt_inc_o      (gcnt_inc_o[1]),
    .m_axi_araddr_o  (fr_araddr),
    .m_axi_arlen_o   (fr_arlen),
    .m_axi_arvalid_o (fr_arvalid),
    .m_axi_arready_i (fr_arready),
    .m_axi_rdata_i   (p_rdata),
    .m_axi_rresp_i   (p_rresp),
    .m_axi_rlast_i   (p_rlast),
    .m_axi_rvalid_i  (fr_rvalid),
    .m_axi_rready_o  (fr_rready)
  );

  // ------------------------------------------------------------------ write-back
  logic                rxc_valid, rxc_ready, rxc_last, rxc_more;
  logic                txc_valid, txc_ready, txc_more;
  logic [3:0]          rxc_q, txc_q;
  logic [RingIdxW-1:0] rxc_idx, txc_idx;
  logic [RxCmplW-1:0]  rxc_data;
  logic [7:0]          txc_data;
  logic [15:0]         rxc_bytes, txc_bytes;
  logic                rxwb_st_valid, rxwb_st_ready, txwb_st_valid, txwb_st_ready;
  logic [3:0]          wb_st_q;
  logic [3:0]          wb_head_q, wb_done_q;
  logic [15:0]         wb_done_bytes;

  desc_writeback #(
    .NumQueues   (NumQueues),
    .MaxBurstLen (MaxBurstLen),
    .RingIdxW    (RingIdxW),
    .Slots       (64),
    .MaxBatches  (64)
  ) u_wb (
    .clk_i             (clk_i),
    .rst_ni            (rst_ni),
    .cycles_per_us_i   (cycles_per_us_i),
    .rx_base_i         (rx_base_i),
    .rx_len_mask_i     (rx_len_mask_i),
    .rx_reset_i        (rx_reset_i),
    .rx_dma_ctrl_i     (rx_dma_ctrl_i),
    .tx_base_i         (tx_base_i),
    .tx_len_mask_i     (tx_len_mask_i),
    .tx_reset_i        (tx_reset_i),
    .tx_dma_ctrl_i     (tx_dma_ctrl_i),
    .rx_cmpl_valid_i   (rxc_valid),
    .rx_cmpl_ready_o   (rxc_ready),
    .rx_cmpl_q_i       (rxc_q),
    .rx_cmpl_idx_i     (rxc_idx),
    .rx_cmpl_data_i    (rxc_data),
    .rx_cmpl_last_i    (rxc_last),
    .rx_cmpl_bytes_i   (rxc_bytes),
    .rx_cmpl_more_i    (rxc_more),
    .tx_cmpl_valid_i   (txc_valid),
    .tx_cmpl_ready_o   (txc_ready),
    .tx_cmpl_q_i       (txc_q),
    .tx_cmpl_idx_i     (txc_idx),
    .tx_cmpl_data_i    (txc_data),
    .tx_cmpl_bytes_i   (txc_bytes),
    .tx_cmpl_more_i    (txc_more),
    .rx_head_adv_o     (rx_head_adv_o),
    .tx_head_adv_o     (tx_head_adv_o),
    .head_adv_q_o      (wb_head_q),
    .rxq_done_o        (rxq_done_o),
    .txq_done_o        (txq_done_o),
    .q_done_q_o        (wb_done_q),
    .q_done_bytes_o    (wb_done_bytes),
    .rx_status_valid_o (rxwb_st_valid),
    .tx_status_valid_o (txwb_st_valid),
    .status_q_o        (wb_st_q),
    .rx_status_ready_i (rxwb_st_ready),
    .tx_status_ready_i (txwb_st_ready),
    .gcnt_inc_o        (gcnt_inc_o[2]),
    .m_axi_awaddr_o    (wbw_awaddr),
    .m_axi_awlen_o     (wbw_awlen),
    .m_axi_awvalid_o   (wbw_awvalid),
    .m_axi_awready_i   (wbw_awready),
    .m_axi_wdata_o     (wbw_wdata),
    .m_axi_wstrb_o     (wbw_wstrb),
    .m_axi_wlast_o     (wbw_wlast),
    .m_axi_wvalid_o    (wbw_wvalid),
    .m_axi_wready_i    (wbw_wready),
    .m_axi_bresp_i     (p_bresp),
    .m_axi_bvalid_i    (wbw_bvalid),
    .m_axi_bready_o    (wbw_bready)
  );
  assign rx_head_adv_q_o  = wb_head_q;
  assign tx_head_adv_q_o  = wb_head_q;
  assign rxq_done_q_o     = wb_done_q;
  assign txq_done_q_o     = wb_done_q;
  assign rxq_done_bytes_o = wb_done_bytes;
  assign txq_done_bytes_o = wb_done_bytes;

  // ------------------------------------------------------------------ receive
  rx_dma #(
    .NumQueues     (NumQueues),
    .MaxBurstLen   (MaxBurstLen),
    .RingIdxW      (RingIdxW),
    .WrOutstanding (64)
  ) u_rx_dma (
    .clk_i             (clk_i),
    .rst_ni            (rst_ni),
    .frame_valid_i     (frame_valid_i),
    .frame_len_i       (frame_len_i),
    .frame_queue_i     (frame_queue_i),
    .frame_rss_hash_i  (frame_rss_hash_i),
    .frame_rss_type_i  (frame_rss_type_i),
    .frame_done_o      (frame_done_o),
    .word_valid_i      (word_valid_i),
    .word_ready_o      (word_ready_o),
    .word_data_i       (word_data_i),
    .rx_buf_size_i     (rx_buf_size_i),
    .rx_active_i       (rx_active_i),
    .rx_reset_i        (rx_reset_i),
    .desc_en_o         (rxd_en),
    .desc_q_o          (rxd_q),
    .desc_valid_i      (rxd_valid),
    .desc_buf_addr_i   (rxd_addr),
    .desc_err_i        (rxd_err),
    .desc_idx_i        (rxd_idx),
    .desc_owned_i      (rxd_owned),
    .desc_pop_o        (rxd_pop),
    .cmpl_valid_o      (rxc_valid),
    .cmpl_ready_i      (rxc_ready),
    .cmpl_q_o          (rxc_q),
    .cmpl_idx_o        (rxc_idx),
    .cmpl_data_o       (rxc_data),
    .cmpl_last_o       (rxc_last),
    .cmpl_bytes_o      (rxc_bytes),
    .cmpl_more_o       (rxc_more),
    .wb_status_valid_i (rxwb_st_valid),
    .wb_status_q_i     (wb_st_q),
    .wb_status_ready_o (rxwb_st_ready),
    .status_set_o      (rx_status_set_o),
    .status_set_q_o    (rx_status_set_q_o),
    .status_set_bits_o (rx_status_set_bits_o),
    .gcnt_inc_o        (gcnt_inc_o[0]),
    .m_axi_awaddr_o    (rxw_awaddr),
    .m_axi_awlen_o     (rxw_awlen),
    .m_axi_awvalid_o   (rxw_awvalid),
    .m_axi_awready_i   (rxw_awready),
    .m_axi_wdata_o     (rxw_wdata),
    .m_axi_wstrb_o     (rxw_wstrb),
    .m_axi_wlast_o     (rxw_wlast),
    .m_axi_wvalid_o    (rxw_wvalid),
    .m_axi_wready_i    (rxw_wready),
    .m_axi_bresp_i     (p_bresp),
    .m_axi_bvalid_i    (rxw_bvalid),
    .m_axi_bready_o    (rxw_bready)
  );

  // ------------------------------------------------------------------ transmit
  tx_dma #(
    .NumQueues     (NumQueues),
    .MaxBurstLen   (MaxBurstLen),
    .RingIdxW      (RingIdxW),
    .RdOutstanding (64),
    .MaxFrames     (64)
  ) u_tx_dma (
    .clk_i             (clk_i),
    .rst_ni            (rst_ni),
    .tx_en_i           (tx_en_i),
    .tx_active_i       (tx_active_i),
    .tx_reset_i        (tx_reset_i),
    .desc_nonempty_i   (txd_nonempty),
    .desc_en_o         (txd_en),
    .desc_q_o          (txd_q),
    .desc_valid_i      (txd_valid),
    .desc_i            (txd_desc),
    .desc_err_i        (txd_err),
    .desc_idx_i        (txd_idx),
    .desc_pop_o        (txd_pop),
    .buf_wr_valid_o    (txb_wr_valid_o),
    .buf_wr_data_o     (txb_wr_data_o),
    .buf_commit_o      (txb_commit_o),
    .buf_commit_len_o  (txb_commit_len_o),
    .buf_rollback_o    (txb_rollback_o),
    .buf_free_words_i  (txb_free_words_i),
    .buf_free_frames_i (txb_free_frames_i),
    .cmpl_valid_o      (txc_valid),
    .cmpl_ready_i      (txc_ready),
    .cmpl_q_o          (txc_q),
    .cmpl_idx_o        (txc_idx),
    .cmpl_data_o       (txc_data),
    .cmpl_bytes_o      (txc_bytes),
    .cmpl_more_o       (txc_more),
    .wb_status_valid_i (txwb_st_valid),
    .wb_status_q_i     (wb_st_q),
    .wb_status_ready_o (txwb_st_ready),
    .status_set_o      (tx_status_set_o),
    .status_set_q_o    (tx_status_set_q_o),
    .status_set_bits_o (tx_status_set_bits_o),
    .gcnt_inc_o        (gcnt_inc_o[3]),
    .m_axi_araddr_o    (txr_araddr),
    .m_axi_arlen_o     (txr_arlen),
    .m_axi_arvalid_o   (txr_arvalid),
    .m_axi_arready_i   (txr_arready),
    .m_axi_rdata_i     (p_rdata),
    .m_axi_rresp_i     (p_rresp),
    .m_axi_rlast_i     (p_rlast),
    .m_axi_rvalid_i    (txr_rvalid),
    .m_axi_rready_o    (txr_rready)
  );

  // ------------------------------------------------------------------ the master
  axi_dma_arbiter #(
    .MaxOutstanding (128)
  ) u_arbiter (
    .clk_i           (clk_i),
    .rst_ni          (rst_ni),
    .rd0_araddr_i    (fr_araddr),
    .rd0_arlen_i     (fr_arlen),
    .rd0_arvalid_i   (fr_arvalid),
    .rd0_arready_o   (fr_arready),
    .rd0_rvalid_o    (fr_rvalid),
    .rd0_rready_i    (fr_rready),
    .rd1_araddr_i    (txr_araddr),
    .rd1_arlen_i     (txr_arlen),
    .rd1_arvalid_i   (txr_arvalid),
    .rd1_arready_o   (txr_arready),
    .rd1_rvalid_o    (txr_rvalid),
    .rd1_rready_i    (txr_rready),
    .rdata_o         (p_rdata),
    .rresp_o         (p_rresp),
    .rlast_o         (p_rlast),
    .wr0_awaddr_i    (rxw_awaddr),
    .wr0_awlen_i     (rxw_awlen),
    .wr0_awvalid_i   (rxw_awvalid),
    .wr0_awready_o   (rxw_awready),
    .wr0_wdata_i     (rxw_wdata),
    .wr0_wstrb_i     (rxw_wstrb),
    .wr0_wlast_i     (rxw_wlast),
    .wr0_wvalid_i    (rxw_wvalid),
    .wr0_wready_o    (rxw_wready),
    .wr0_bvalid_o    (rxw_bvalid),
    .wr0_bready_i    (rxw_bready),
    .wr1_awaddr_i    (wbw_awaddr),
    .wr1_awlen_i     (wbw_awlen),
    .wr1_awvalid_i   (wbw_awvalid),
    .wr1_awready_o   (wbw_awready),
    .wr1_wdata_i     (wbw_wdata),
    .wr1_wstrb_i     (wbw_wstrb),
    .wr1_wlast_i     (wbw_wlast),
    .wr1_wvalid_i    (wbw_wvalid),
    .wr1_wready_o    (wbw_wready),
    .wr1_bvalid_o    (wbw_bvalid),
    .wr1_bready_i    (wbw_bready),
    .bresp_o         (p_bresp),
    .m_axi_awaddr_o  (m_axi_awaddr_o),
    .m_axi_awlen_o   (m_axi_awlen_o),
    .m_axi_awsize_o  (m_axi_awsize_o),
    .m_axi_awburst_o (m_axi_awburst_o),
    .m_axi_awvalid_o (m_axi_awvalid_o),
    .m_axi_awready_i (m_axi_awready_i),
    .m_axi_wdata_o   (m_axi_wdata_o),
    .m_axi_wstrb_o   (m_axi_wstrb_o),
    .m_axi_wlast_o   (m_axi_wlast_o),
    .m_axi_wvalid_o  (m_axi_wvalid_o),
    .m_axi_wready_i  (m_axi_wready_i),
    .m_axi_bresp_i   (m_axi_bresp_i),
    .m_axi_bvalid_i  (m_axi_bvalid_i),
    .m_axi_bready_o  (m_axi_bready_o),
    .m_axi_araddr_o  (m_axi_araddr_o),
    .m_axi_arlen_o   (m_axi_arlen_o),
    .m_axi_arsize_o  (m_axi_arsize_o),
    .m_axi_arburst_o (m_axi_arburst_o),
    .m_axi_arvalid_o (m_axi_arvalid_o),
    .m_axi_arready_i (m_axi_arready_i),
    .m_axi_rdata_i   (m_axi_rdata_i),
    .m_axi_rresp_i   (m_axi_rresp_i),
    .m_axi_rlast_i   (m_axi_rlast_i),
    .m_axi_rvalid_i  (m_axi_rvalid_i),
    .m_axi_rready_o  (m_axi_rready_o)
  );

  // Bus busy time: the handshakes of the master's data channels, registered (counted one cycle
  // later; nothing combinational hangs off the top-level inputs).
  logic rd_beat_q, wr_beat_q;
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      rd_beat_q <= 1'b0;
      wr_beat_q <= 1'b0;
    end else begin
      rd_beat_q <= m_axi_rvalid_i && m_axi_rready_o;
      wr_beat_q <= m_axi_wvalid_o && m_axi_wready_i;
    end
  end
  assign dma_rd_beat_o = rd_beat_q;
  assign dma_wr_beat_o = wr_beat_q;

endmodule

`default_nettype wire
