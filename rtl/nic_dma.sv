// Copyright nicsim contributors. SPDX-License-Identifier: Apache-2.0
//
// The NIC's DMA subsystem: everything between the frame buffers, the ring registers and the
// AXI4 master. A block of its own so that it can be verified alone (tests/rtl/nic_dma.cmake
// verilates it as a top, against a C++ reference, with assertions on).
//
//   rx_frame_buffer --> rx_dma ------ data writes ----------------------+
//                         ^ desc_fetch (RX) ---- descriptor reads ------+
//                         v desc_writeback (RX) - descriptor writes ----+--> axi_dma_arbiter
//   tx_frame_buffer <-- tx_dma ------ data reads -----------------------+       --> m_axi_*
//                         ^ desc_fetch (TX) ---- descriptor reads ------+
//                         v desc_writeback (TX) - descriptor writes ----+
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
  localparam int unsigned NumCntSrc  = 6
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
  input  wire logic [NumQueues-1:0][17:0]              rx_dma_ctrl_i,  // {wb_delay, wb_thresh, fetch_min}
  input  wire logic [NumQueues-1:0][63:0]              tx_base_i,
  input  wire logic [NumQueues-1:0][RingIdxW-1:0]      tx_len_mask_i,
  input  wire logic [NumQueues-1:0][RingIdxW-1:0]      tx_tail_i,
  input  wire logic [NumQueues-1:0]                    tx_active_i,
  input  wire logic [NumQueues-1:0]                    tx_reset_i,
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

  // The three fields of each queue's dma_ctrl.
  logic [NumQueues-1:0][4:0] rx_fetch_min, rx_wb_thresh, tx_fetch_min, tx_wb_thresh;
  logic [NumQueues-1:0][7:0] rx_wb_delay, tx_wb_delay;
  for (genvar q = 0; q < NumQueues; q++) begin : gen_dma_ctrl
    assign rx_fetch_min[q] = rx_dma_ctrl_i[q][4:0];
    assign rx_wb_thresh[q] = rx_dma_ctrl_i[q][9:5];
    assign rx_wb_delay[q]  = rx_dma_ctrl_i[q][17:10];
    assign tx_fetch_min[q] = tx_dma_ctrl_i[q][4:0];
    assign tx_wb_thresh[q] = tx_dma_ctrl_i[q][9:5];
    assign tx_wb_delay[q]  = tx_dma_ctrl_i[q][17:10];
  end

  // ------------------------------------------------------------------ arbiter ports
  localparam int unsigned NumPorts   = 6;
  localparam int unsigned P_RX_DATA  = 0;
  localparam int unsigned P_RX_FETCH = 1;
  localparam int unsigned P_RX_WB    = 2;
  localparam int unsigned P_TX_FETCH = 3;
  localparam int unsigned P_TX_DATA  = 4;
  localparam int unsigned P_TX_WB    = 5;

  logic [NumPorts-1:0][63:0] p_awaddr, p_wdata, p_araddr;
  logic [NumPorts-1:0][7:0]  p_awlen, p_wstrb, p_arlen;
  logic [NumPorts-1:0]       p_awvalid, p_awready, p_wlast, p_wvalid, p_wready;
  logic [NumPorts-1:0]       p_bvalid, p_bready, p_arvalid, p_arready, p_rvalid, p_rready;
  logic [1:0]                p_bresp, p_rresp;
  logic [63:0]               p_rdata;
  logic                      p_rlast;

  // Read-only ports drive no writes, write-only ports no reads.
  for (genvar p = 0; p < NumPorts; p++) begin : gen_port_ties
    if (p == P_RX_FETCH || p == P_TX_FETCH || p == P_TX_DATA) begin : gen_read_only
      assign p_awaddr[p]  = '0;
      assign p_awlen[p]   = '0;
      assign p_awvalid[p] = 1'b0;
      assign p_wdata[p]   = '0;
      assign p_wstrb[p]   = '0;
      assign p_wlast[p]   = 1'b0;
      assign p_wvalid[p]  = 1'b0;
      assign p_bready[p]  = 1'b0;
    end else begin : gen_write_only
      assign p_araddr[p]  = '0;
      assign p_arlen[p]   = '0;
      assign p_arvalid[p] = 1'b0;
      assign p_rready[p]  = 1'b0;
    end
  end
  logic unused_ports;
  assign unused_ports = ^{p_awready[P_RX_FETCH], p_wready[P_RX_FETCH], p_bvalid[P_RX_FETCH],
                          p_awready[P_TX_FETCH], p_wready[P_TX_FETCH], p_bvalid[P_TX_FETCH],
                          p_awready[P_TX_DATA], p_wready[P_TX_DATA], p_bvalid[P_TX_DATA],
                          p_arready[P_RX_DATA], p_rvalid[P_RX_DATA], p_arready[P_RX_WB],
                          p_rvalid[P_RX_WB], p_arready[P_TX_WB], p_rvalid[P_TX_WB]};

  // ------------------------------------------------------------------ receive
  logic [3:0]          rxd_q;
  logic                rxd_valid, rxd_err, rxd_pop;
  logic [63:0]         rxd_addr;
  logic [RingIdxW-1:0] rxd_idx, rxd_owned;
  logic [NumQueues-1:0] rxd_nonempty;

  logic                rxc_valid, rxc_ready, rxc_last, rxc_more;
  logic [3:0]          rxc_q;
  logic [RingIdxW-1:0] rxc_idx;
  logic [RxCmplW-1:0]  rxc_data;
  logic [15:0]         rxc_bytes;
  logic                rxwb_st_valid, rxwb_st_ready;
  logic [3:0]          rxwb_st_q;

  desc_fetch #(
    .NumQueues   (NumQueues),
    .MaxBurstLen (MaxBurstLen),
    .RingIdxW    (RingIdxW),
    .CacheDepth  (32),
    .EntryW      (64),
    .MaxFetches  (16)
  ) u_rx_fetch (
    .clk_i           (clk_i),
    .rst_ni          (rst_ni),
    .base_i          (rx_base_i),
    .len_mask_i      (rx_len_mask_i),
    .tail_i          (rx_tail_i),
    .active_i        (rx_active_i),
    .reset_i         (rx_reset_i),
    .fetch_min_i     (rx_fetch_min),
    .sel_q_i         (rxd_q),
    .sel_valid_o     (rxd_valid),
    .sel_desc_o      (rxd_addr),
    .sel_err_o       (rxd_err),
    .sel_idx_o       (rxd_idx),
    .sel_owned_o     (rxd_owned),
    .pop_i           (rxd_pop),
    .nonempty_o      (rxd_nonempty),
    .gcnt_inc_o      (gcnt_inc_o[1]),
    .m_axi_araddr_o  (p_araddr[P_RX_FETCH]),
    .m_axi_arlen_o   (p_arlen[P_RX_FETCH]),
    .m_axi_arvalid_o (p_arvalid[P_RX_FETCH]),
    .m_axi_arready_i (p_arready[P_RX_FETCH]),
    .m_axi_rdata_i   (p_rdata),
    .m_axi_rresp_i   (p_rresp),
    .m_axi_rlast_i   (p_rlast),
    .m_axi_rvalid_i  (p_rvalid[P_RX_FETCH]),
    .m_axi_rready_o  (p_rready[P_RX_FETCH])
  );

  rx_dma #(
    .NumQueues     (NumQueues),
    .MaxBurstLen   (MaxBurstLen),
    .RingIdxW      (RingIdxW),
    .WrOutstanding (32)
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
    .wb_status_q_i     (rxwb_st_q),
    .wb_status_ready_o (rxwb_st_ready),
    .status_set_o      (rx_status_set_o),
    .status_set_q_o    (rx_status_set_q_o),
    .status_set_bits_o (rx_status_set_bits_o),
    .gcnt_inc_o        (gcnt_inc_o[0]),
    .m_axi_awaddr_o    (p_awaddr[P_RX_DATA]),
    .m_axi_awlen_o     (p_awlen[P_RX_DATA]),
    .m_axi_awvalid_o   (p_awvalid[P_RX_DATA]),
    .m_axi_awready_i   (p_awready[P_RX_DATA]),
    .m_axi_wdata_o     (p_wdata[P_RX_DATA]),
    .m_axi_wstrb_o     (p_wstrb[P_RX_DATA]),
    .m_axi_wlast_o     (p_wlast[P_RX_DATA]),
    .m_axi_wvalid_o    (p_wvalid[P_RX_DATA]),
    .m_axi_wready_i    (p_wready[P_RX_DATA]),
    .m_axi_bresp_i     (p_bresp),
    .m_axi_bvalid_i    (p_bvalid[P_RX_DATA]),
    .m_axi_bready_o    (p_bready[P_RX_DATA])
  );

  desc_writeback #(
    .NumQueues   (NumQueues),
    .MaxBurstLen (MaxBurstLen),
    .RingIdxW    (RingIdxW),
    .IsTx        (1'b0)
  ) u_rx_wb (
    .clk_i           (clk_i),
    .rst_ni          (rst_ni),
    .cycles_per_us_i (cycles_per_us_i),
    .base_i          (rx_base_i),
    .len_mask_i      (rx_len_mask_i),
    .reset_i         (rx_reset_i),
    .wb_thresh_i     (rx_wb_thresh),
    .wb_delay_i      (rx_wb_delay),
    .cmpl_valid_i    (rxc_valid),
    .cmpl_ready_o    (rxc_ready),
    .cmpl_q_i        (rxc_q),
    .cmpl_idx_i      (rxc_idx),
    .cmpl_data_i     (rxc_data),
    .cmpl_last_i     (rxc_last),
    .cmpl_bytes_i    (rxc_bytes),
    .cmpl_more_i     (rxc_more),
    .head_adv_o      (rx_head_adv_o),
    .head_adv_q_o    (rx_head_adv_q_o),
    .q_done_o        (rxq_done_o),
    .q_done_q_o      (rxq_done_q_o),
    .q_done_bytes_o  (rxq_done_bytes_o),
    .status_valid_o  (rxwb_st_valid),
    .status_q_o      (rxwb_st_q),
    .status_ready_i  (rxwb_st_ready),
    .gcnt_inc_o      (gcnt_inc_o[2]),
    .m_axi_awaddr_o  (p_awaddr[P_RX_WB]),
    .m_axi_awlen_o   (p_awlen[P_RX_WB]),
    .m_axi_awvalid_o (p_awvalid[P_RX_WB]),
    .m_axi_awready_i (p_awready[P_RX_WB]),
    .m_axi_wdata_o   (p_wdata[P_RX_WB]),
    .m_axi_wstrb_o   (p_wstrb[P_RX_WB]),
    .m_axi_wlast_o   (p_wlast[P_RX_WB]),
    .m_axi_wvalid_o  (p_wvalid[P_RX_WB]),
    .m_axi_wready_i  (p_wready[P_RX_WB]),
    .m_axi_bresp_i   (p_bresp),
    .m_axi_bvalid_i  (p_bvalid[P_RX_WB]),
    .m_axi_bready_o  (p_bready[P_RX_WB])
  );

  // RX descriptors are taken by rx_dma one queue at a time; the cache's per-queue view is not
  // needed here.
  logic unused_rx_nonempty;
  assign unused_rx_nonempty = ^rxd_nonempty;

  // ------------------------------------------------------------------ transmit
  logic [3:0]          txd_q;
  logic                txd_valid, txd_err, txd_pop;
  logic [TxDescW-1:0]  txd_desc;
  logic [RingIdxW-1:0] txd_idx, txd_owned;
  logic [NumQueues-1:0] txd_nonempty;

  logic                txc_valid, txc_ready, txc_last, txc_more;
  logic [3:0]          txc_q;
  logic [RingIdxW-1:0] txc_idx;
  logic [7:0]          txc_data;
  logic [15:0]         txc_bytes;
  logic                txwb_st_valid, txwb_st_ready;
  logic [3:0]          txwb_st_q;

  desc_fetch #(
    .NumQueues   (NumQueues),
    .MaxBurstLen (MaxBurstLen),
    .RingIdxW    (RingIdxW),
    .CacheDepth  (32),
    .EntryW      (TxDescW),
    .MaxFetches  (16)
  ) u_tx_fetch (
    .clk_i           (clk_i),
    .rst_ni          (rst_ni),
    .base_i          (tx_base_i),
    .len_mask_i      (tx_len_mask_i),
    .tail_i          (tx_tail_i),
    .active_i        (tx_active_i),
    .reset_i         (tx_reset_i),
    .fetch_min_i     (tx_fetch_min),
    .sel_q_i         (txd_q),
    .sel_valid_o     (txd_valid),
    .sel_desc_o      (txd_desc),
    .sel_err_o       (txd_err),
    .sel_idx_o       (txd_idx),
    .sel_owned_o     (txd_owned),
    .pop_i           (txd_pop),
    .nonempty_o      (txd_nonempty),
    .gcnt_inc_o      (gcnt_inc_o[4]),
    .m_axi_araddr_o  (p_araddr[P_TX_FETCH]),
    .m_axi_arlen_o   (p_arlen[P_TX_FETCH]),
    .m_axi_arvalid_o (p_arvalid[P_TX_FETCH]),
    .m_axi_arready_i (p_arready[P_TX_FETCH]),
    .m_axi_rdata_i   (p_rdata),
    .m_axi_rresp_i   (p_rresp),
    .m_axi_rlast_i   (p_rlast),
    .m_axi_rvalid_i  (p_rvalid[P_TX_FETCH]),
    .m_axi_rready_o  (p_rready[P_TX_FETCH])
  );

  tx_dma #(
    .NumQueues     (NumQueues),
    .MaxBurstLen   (MaxBurstLen),
    .RingIdxW      (RingIdxW),
    .RdOutstanding (32),
    .MaxFrames     (32)
  ) u_tx_dma (
    .clk_i             (clk_i),
    .rst_ni            (rst_ni),
    .tx_en_i           (tx_en_i),
    .tx_active_i       (tx_active_i),
    .tx_reset_i        (tx_reset_i),
    .desc_nonempty_i   (txd_nonempty),
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
    .cmpl_last_o       (txc_last),
    .cmpl_bytes_o      (txc_bytes),
    .cmpl_more_o       (txc_more),
    .wb_status_valid_i (txwb_st_valid),
    .wb_status_q_i     (txwb_st_q),
    .wb_status_ready_o (txwb_st_ready),
    .status_set_o      (tx_status_set_o),
    .status_set_q_o    (tx_status_set_q_o),
    .status_set_bits_o (tx_status_set_bits_o),
    .gcnt_inc_o        (gcnt_inc_o[3]),
    .m_axi_araddr_o    (p_araddr[P_TX_DATA]),
    .m_axi_arlen_o     (p_arlen[P_TX_DATA]),
    .m_axi_arvalid_o   (p_arvalid[P_TX_DATA]),
    .m_axi_arready_i   (p_arready[P_TX_DATA]),
    .m_axi_rdata_i     (p_rdata),
    .m_axi_rresp_i     (p_rresp),
    .m_axi_rlast_i     (p_rlast),
    .m_axi_rvalid_i    (p_rvalid[P_TX_DATA]),
    .m_axi_rready_o    (p_rready[P_TX_DATA])
  );

  desc_writeback #(
    .NumQueues   (NumQueues),
    .MaxBurstLen (MaxBurstLen),
    .RingIdxW    (RingIdxW),
    .IsTx        (1'b1)
  ) u_tx_wb (
    .clk_i           (clk_i),
    .rst_ni          (rst_ni),
    .cycles_per_us_i (cycles_per_us_i),
    .base_i          (tx_base_i),
    .len_mask_i      (tx_len_mask_i),
    .reset_i         (tx_reset_i),
    .wb_thresh_i     (tx_wb_thresh),
    .wb_delay_i      (tx_wb_delay),
    .cmpl_valid_i    (txc_valid),
    .cmpl_ready_o    (txc_ready),
    .cmpl_q_i        (txc_q),
    .cmpl_idx_i      (txc_idx),
    .cmpl_data_i     (txc_data),
    .cmpl_last_i     (txc_last),
    .cmpl_bytes_i    (txc_bytes),
    .cmpl_more_i     (txc_more),
    .head_adv_o      (tx_head_adv_o),
    .head_adv_q_o    (tx_head_adv_q_o),
    .q_done_o        (txq_done_o),
    .q_done_q_o      (txq_done_q_o),
    .q_done_bytes_o  (txq_done_bytes_o),
    .status_valid_o  (txwb_st_valid),
    .status_q_o      (txwb_st_q),
    .status_ready_i  (txwb_st_ready),
    .gcnt_inc_o      (gcnt_inc_o[5]),
    .m_axi_awaddr_o  (p_awaddr[P_TX_WB]),
    .m_axi_awlen_o   (p_awlen[P_TX_WB]),
    .m_axi_awvalid_o (p_awvalid[P_TX_WB]),
    .m_axi_awready_i (p_awready[P_TX_WB]),
    .m_axi_wdata_o   (p_wdata[P_TX_WB]),
    .m_axi_wstrb_o   (p_wstrb[P_TX_WB]),
    .m_axi_wlast_o   (p_wlast[P_TX_WB]),
    .m_axi_wvalid_o  (p_wvalid[P_TX_WB]),
    .m_axi_wready_i  (p_wready[P_TX_WB]),
    .m_axi_bresp_i   (p_bresp),
    .m_axi_bvalid_i  (p_bvalid[P_TX_WB]),
    .m_axi_bready_o  (p_bready[P_TX_WB])
  );

  // The TX owned count is not needed: a cached descriptor is by construction posted.
  logic unused_tx_owned;
  assign unused_tx_owned = ^txd_owned;

  // ------------------------------------------------------------------ the master
  axi_dma_arbiter #(
    .NumPorts       (NumPorts),
    .MaxOutstanding (64)
  ) u_arbiter (
    .clk_i           (clk_i),
    .rst_ni          (rst_ni),
    .s_axi_awaddr_i  (p_awaddr),
    .s_axi_awlen_i   (p_awlen),
    .s_axi_awvalid_i (p_awvalid),
    .s_axi_awready_o (p_awready),
    .s_axi_wdata_i   (p_wdata),
    .s_axi_wstrb_i   (p_wstrb),
    .s_axi_wlast_i   (p_wlast),
    .s_axi_wvalid_i  (p_wvalid),
    .s_axi_wready_o  (p_wready),
    .s_axi_bresp_o   (p_bresp),
    .s_axi_bvalid_o  (p_bvalid),
    .s_axi_bready_i  (p_bready),
    .s_axi_araddr_i  (p_araddr),
    .s_axi_arlen_i   (p_arlen),
    .s_axi_arvalid_i (p_arvalid),
    .s_axi_arready_o (p_arready),
    .s_axi_rdata_o   (p_rdata),
    .s_axi_rresp_o   (p_rresp),
    .s_axi_rlast_o   (p_rlast),
    .s_axi_rvalid_o  (p_rvalid),
    .s_axi_rready_i  (p_rready),
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
