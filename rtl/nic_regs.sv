// Copyright nicsim contributors. SPDX-License-Identifier: Apache-2.0
//
// The register file's behaviour. Everything a register map describes -- the AXI4-Lite slave,
// address decode, storage, reset values, access types, the 64-bit counters and the read-back --
// is generated from rtl/regmap.toml into nic_reg_top (tools/regmap_gen); this module
// instantiates it and adds what the registers do: ring state, validation, interrupt routing
// entries, one-cycle pulses, and the events the counters count.
//
// Ring registers:
//  * Writing rx_ctrl/tx_ctrl with enable 0 -> 1 validates the configuration and sets rx_status
//    (tx_status) to the result, replacing older bits: len_invalid (not a power of two in
//    8..2**RingIdxW), base_misaligned (base not 16-byte aligned), buf_size_invalid (RX only: not a
//    multiple of 8 in 64..16384), tail_invalid (a previously written tail >= len).
//  * Writing enable = 0 clears enable, status, head and tail and pulses {rx,tx}_reset_o[q] so
//    that a DMA engine working for the queue abandons its frame. Writing enable = 1 to an
//    enabled queue changes nothing.
//  * A tail write >= len (or >= 2**RingIdxW) is not taken and sets tail_invalid. A tail taken,
//    and an enable, pulse {rx,tx}_kick_o[q]: the descriptor fetch looks at the queue again.
//  * rx_dma_ctrl/tx_dma_ctrl (prefetch and write-back coalescing) are checked against their
//    ranges at enable and at a write while enabled; a field out of range sets dma_ctrl_invalid.
//  * A queue is active (may DMA) while enable is set and status is all zero.
//  * Ring geometry (base, len, buf_size) is read live by the DMA engines: software must not
//    change it while the queue is enabled.
//  * Head advances and status bits reported by the engines are ignored on a disabled queue. A
//    register write in the same cycle as a report comes later and wins where the map says so
//    (a disable clears a head advanced in that cycle); status bits reported in the same cycle
//    as a rejected tail write stay set.
//
// Interrupt registers (the moderation itself is in nic_intr / intr_moderation):
//  * intr_cause bit i (16 + i) is set by queue i's RX (TX) completion events (rxq_done_i /
//    txq_done_i), w1c. intr_mask reads the vectors' masked state; writes of intr_mask_set /
//    intr_mask_clear become one-cycle mask_set_o / rearm_o pulses.
//  * rx_ivar/tx_ivar: a write >= NumVectors sets intr_error.ivar_invalid and routes the cause to
//    vector 0; the entry reads back the written value, saturated to the 5-bit field.
//  * Vector blocks: the moderation fields saturate at 0xFFFF; rx/tx_pending come from the
//    primitive; irq_count counts irq_i.
//
// Classification registers (rss_ctrl, rss_key0..9, the reta and filter blocks) live in
// rx_classifier: nic_reg_top forwards an access to one of them on cls_*; a forwarded read
// takes one cycle more.

`default_nettype none

module nic_regs #(
  // Number of queues implemented (1..MAX_QUEUES).
  parameter int unsigned NumQueues   = 4,
  // AXI beats per DMA burst, reported in caps.max_burst_len (1..256).
  parameter int unsigned MaxBurstLen = 16,
  // Descriptor index width: rings hold up to 2**RingIdxW descriptors (3..12).
  parameter int unsigned RingIdxW    = 12,
  // Number of blocks driving global counter increment vectors (1..8).
  parameter int unsigned NumCntSrc   = 3,
  // Number of interrupt vectors (1..VECTOR_COUNT).
  parameter int unsigned NumVectors  = 4
) (
  input  wire logic                               clk_i,
  input  wire logic                               rst_ni,

  // AXI4-Lite slave.
  input  wire logic [15:0]                        s_axil_awaddr_i,
  input  wire logic [2:0]                         s_axil_awprot_i,
  input  wire logic                               s_axil_awvalid_i,
  output logic                                    s_axil_awready_o,
  input  wire logic [31:0]                        s_axil_wdata_i,
  input  wire logic [3:0]                         s_axil_wstrb_i,
  input  wire logic                               s_axil_wvalid_i,
  output logic                                    s_axil_wready_o,
  output logic [1:0]                              s_axil_bresp_o,
  output logic                                    s_axil_bvalid_o,
  input  wire logic                               s_axil_bready_i,
  input  wire logic [15:0]                        s_axil_araddr_i,
  input  wire logic [2:0]                         s_axil_arprot_i,
  input  wire logic                               s_axil_arvalid_i,
  output logic                                    s_axil_arready_o,
  output logic [31:0]                             s_axil_rdata_o,
  output logic [1:0]                              s_axil_rresp_o,
  output logic                                    s_axil_rvalid_o,
  input  wire logic                               s_axil_rready_i,

  // Global configuration.
  output logic                                    rx_en_o,
  output logic                                    tx_en_o,
  output logic [nic_regmap_pkg::MAX_FRAME_LEN_LEN_WIDTH-1:0]      max_frame_len_o,
  output logic [nic_regmap_pkg::RX_DEFAULT_QUEUE_QUEUE_WIDTH-1:0] rx_default_queue_o,

  // Classification registers, forwarded to rx_classifier (cls_rdata_i: the cycle after cls_re_o).
  output logic                                    cls_we_o,
  output logic                                    cls_re_o,
  output logic [15:0]                             cls_addr_o,
  output logic [31:0]                             cls_wdata_o,
  input  wire logic [31:0]                        cls_rdata_i,

  // RX rings, per queue.
  output logic [NumQueues-1:0][63:0]              rx_base_o,
  output logic [NumQueues-1:0][RingIdxW-1:0]      rx_len_mask_o,   // len - 1
  output logic [NumQueues-1:0][RingIdxW-1:0]      rx_head_o,
  output logic [NumQueues-1:0][RingIdxW-1:0]      rx_tail_o,
  output logic [NumQueues-1:0][15:0]              rx_buf_size_o,
  output logic [NumQueues-1:0]                    rx_active_o,
  output logic [NumQueues-1:0]                    rx_reset_o,      // one-cycle pulse on disable
  output logic [NumQueues-1:0]                    rx_kick_o,       // pulse: tail written or enabled
  input  wire logic                               rx_head_adv_i,   // advance head of queue _q_i
  input  wire logic [3:0]                         rx_head_adv_q_i,
  input  wire logic                               rx_status_set_i, // OR bits into rx_status
  input  wire logic [3:0]                         rx_status_set_q_i,
  input  wire logic [31:0]                        rx_status_set_bits_i,

  // TX rings, per queue.
  output logic [NumQueues-1:0][63:0]              tx_base_o,
  output logic [NumQueues-1:0][RingIdxW-1:0]      tx_len_mask_o,   // len - 1
  output logic [NumQueues-1:0][RingIdxW-1:0]      tx_head_o,
  output logic [NumQueues-1:0][RingIdxW-1:0]      tx_tail_o,
  output logic [NumQueues-1:0]                    tx_active_o,
  output logic [NumQueues-1:0]                    tx_reset_o,
  output logic [NumQueues-1:0]                    tx_kick_o,
  input  wire logic                               tx_head_adv_i,
  input  wire logic [3:0]                         tx_head_adv_q_i,
  input  wire logic                               tx_status_set_i,
  input  wire logic [3:0]                         tx_status_set_q_i,
  input  wire logic [31:0]                        tx_status_set_bits_i,

  // DMA prefetch and write-back settings, per queue: {wb_delay, wb_thresh, fetch_min}.
  output logic [NumQueues-1:0][17:0]              rx_dma_ctrl_o,
  output logic [NumQueues-1:0][17:0]              tx_dma_ctrl_o,

  // Statistics. Each source drives one bit per global counter (indexed by GCNT_*); a set
  // GCNT_DMA_ERRORS bit also sets status.dma_error.
  input  wire logic [NumCntSrc-1:0][nic_regmap_pkg::NUM_GCNT-1:0] gcnt_inc_i,
  input  wire logic                               dma_rd_beat_i,   // dma_rd_busy_cycles
  input  wire logic                               dma_wr_beat_i,   // dma_wr_busy_cycles
  input  wire logic                               rxq_done_i,      // frame delivered to host
  input  wire logic [3:0]                         rxq_done_q_i,
  input  wire logic [15:0]                        rxq_done_bytes_i,
  input  wire logic                               txq_done_i,      // frame transmitted
  input  wire logic [3:0]                         txq_done_q_i,
  input  wire logic [15:0]                        txq_done_bytes_i,

  // Interrupts: settings to nic_intr, its state for reads. rxq_done_i / txq_done_i are the
  // interrupt events too (they set intr_cause).
  output logic [15:0]                             cycles_per_us_o,
  output logic [NumQueues-1:0][3:0]               rx_vector_o,     // valid routing, < NumVectors
  output logic [NumQueues-1:0][3:0]               tx_vector_o,
  output logic [NumVectors-1:0][15:0]             rx_usecs_o,
  output logic [NumVectors-1:0][15:0]             rx_frames_o,
  output logic [NumVectors-1:0][15:0]             tx_usecs_o,
  output logic [NumVectors-1:0][15:0]             tx_frames_o,
  output logic [NumVectors-1:0]                   mask_set_o,      // one-cycle pulses
  output logic [NumVectors-1:0]                   rearm_o,
  input  wire logic [NumVectors-1:0]              irq_i,           // counted in irq_count
  input  wire logic [NumVectors-1:0]              masked_i,
  input  wire logic [NumVectors-1:0][15:0]        rx_pending_i,
  input  wire logic [NumVectors-1:0][15:0]        tx_pending_i
);

  // ------------------------------------------------------------------ parameter checks
  if (NumQueues < 1 || NumQueues > nic_regmap_pkg::MAX_QUEUES) begin : gen_num_queues_check
    $fatal(1, "%m: NumQueues (%0d) must be in 1..%0d", NumQueues, nic_regmap_pkg::MAX_QUEUES);
  end
  if (MaxBurstLen < 1 || MaxBurstLen > 256) begin : gen_max_burst_len_check
    $fatal(1, "%m: MaxBurstLen (%0d) must be in 1..256", MaxBurstLen);
  end
  if (RingIdxW < 3 || RingIdxW > 12) begin : gen_ring_idx_w_check
    $fatal(1, "%m: RingIdxW (%0d) must be in 3..12", RingIdxW);
  end
  if (NumCntSrc < 1 || NumCntSrc > 8) begin : gen_num_cnt_src_check
    $fatal(1, "%m: NumCntSrc (%0d) must be in 1..8", NumCntSrc);
  end
  if (NumVectors < 1 || NumVectors > nic_regmap_pkg::VECTOR_COUNT) begin : gen_num_vectors_check
    $fatal(1, "%m: NumVectors (%0d) must be in 1..%0d", NumVectors, nic_regmap_pkg::VECTOR_COUNT);
  end
  // The ports below assume these layouts of the map.
  if (nic_regmap_pkg::RX_USECS_USECS_WIDTH != 16 || nic_regmap_pkg::RX_FRAMES_FRAMES_WIDTH != 16 ||
      nic_regmap_pkg::TX_USECS_USECS_WIDTH != 16 || nic_regmap_pkg::TX_FRAMES_FRAMES_WIDTH != 16 ||
      nic_regmap_pkg::US_PRESCALER_CYCLES_WIDTH != 16 ||
      nic_regmap_pkg::RX_IVAR_VECTOR_WIDTH != 5 || nic_regmap_pkg::TX_IVAR_VECTOR_WIDTH != 5)
  begin : gen_layout_check
    $fatal(1, "%m: moderation and prescaler fields must be 16 bits, ivar vectors 5 bits");
  end
  if (nic_regmap_pkg::RX_DMA_CTRL_FETCH_MIN_WIDTH != 5 || nic_regmap_pkg::RX_DMA_CTRL_WB_THRESH_WIDTH != 5 ||
      nic_regmap_pkg::RX_DMA_CTRL_WB_DELAY_WIDTH != 8 || nic_regmap_pkg::TX_DMA_CTRL_FETCH_MIN_WIDTH != 5 ||
      nic_regmap_pkg::TX_DMA_CTRL_WB_THRESH_WIDTH != 5 || nic_regmap_pkg::TX_DMA_CTRL_WB_DELAY_WIDTH != 8 ||
      nic_regmap_pkg::TX_DMA_CTRL_FETCH_MIN_LSB != nic_regmap_pkg::RX_DMA_CTRL_FETCH_MIN_LSB ||
      nic_regmap_pkg::TX_DMA_CTRL_WB_THRESH_LSB != nic_regmap_pkg::RX_DMA_CTRL_WB_THRESH_LSB ||
      nic_regmap_pkg::TX_DMA_CTRL_WB_DELAY_LSB != nic_regmap_pkg::RX_DMA_CTRL_WB_DELAY_LSB)
  begin : gen_dma_ctrl_check
    $fatal(1, "%m: dma_ctrl fields must be 5, 5 and 8 bits (the 18-bit ports below)");
  end

  // ------------------------------------------------------------------ constants
  localparam logic [31:0] MIN_RING_LEN    = 32'd8;
  localparam logic [31:0] MAX_RING_LEN    = 32'd1 << RingIdxW;
  localparam logic [31:0] MIN_RX_BUF_SIZE = 32'd64;
  localparam logic [31:0] MAX_RX_BUF_SIZE = 32'd16384;
  localparam int unsigned QIdxW = (NumQueues > 1) ? $clog2(NumQueues) : 1;

  // caps: build-time constants.
  function automatic logic [31:0] caps_value();
    logic [31:0] v;
    v = nic_regmap_pkg::REG_CAPS_RESET;
    v[nic_regmap_pkg::CAPS_NUM_QUEUES_LSB +: nic_regmap_pkg::CAPS_NUM_QUEUES_WIDTH] =
        nic_regmap_pkg::CAPS_NUM_QUEUES_WIDTH'(NumQueues);
    v[nic_regmap_pkg::CAPS_MAX_BURST_LEN_LSB +: nic_regmap_pkg::CAPS_MAX_BURST_LEN_WIDTH] =
        nic_regmap_pkg::CAPS_MAX_BURST_LEN_WIDTH'(MaxBurstLen);
    v[nic_regmap_pkg::CAPS_NUM_VECTORS_LSB +: nic_regmap_pkg::CAPS_NUM_VECTORS_WIDTH] =
        nic_regmap_pkg::CAPS_NUM_VECTORS_WIDTH'(NumVectors);
    caps_value = v;
  endfunction

  // Ring length check: a power of two in MIN_RING_LEN..MAX_RING_LEN.
  function automatic logic ring_len_ok(logic [31:0] len);
    ring_len_ok = ((len & (len - 32'd1)) == 32'd0) && (len >= MIN_RING_LEN) && (len <= MAX_RING_LEN);
  endfunction

  // A queue index reported by a DMA engine names an implemented queue.
  function automatic logic queue_ok(logic [3:0] q);
    queue_ok = 32'(q) < NumQueues;
  endfunction

  // Validation when a queue is enabled: the status bits the configuration deserves.
  function automatic logic [31:0] rx_validate(logic [31:0] len, logic [3:0] base_low,
                                              logic [RingIdxW-1:0] tail, logic [31:0] buf_size,
                                              logic [17:0] dma_ctrl);
    logic [31:0] st;
    st = '0;
    st[nic_regmap_pkg::RX_STATUS_LEN_INVALID_LSB]      = !ring_len_ok(len);
    st[nic_regmap_pkg::RX_STATUS_BASE_MISALIGNED_LSB]  = (base_low != 4'd0);
    st[nic_regmap_pkg::RX_STATUS_TAIL_INVALID_LSB]     = ({{(32 - RingIdxW){1'b0}}, tail} >= len);
    st[nic_regmap_pkg::RX_STATUS_BUF_SIZE_INVALID_LSB] = (buf_size[2:0] != 3'd0) || (buf_size < MIN_RX_BUF_SIZE) ||
                                         (buf_size > MAX_RX_BUF_SIZE);
    st[nic_regmap_pkg::RX_STATUS_DMA_CTRL_INVALID_LSB] = !dma_ctrl_ok(dma_ctrl);
    rx_validate = st;
  endfunction

  function automatic logic [31:0] tx_validate(logic [31:0] len, logic [3:0] base_low,
                                              logic [RingIdxW-1:0] tail, logic [17:0] dma_ctrl);
    logic [31:0] st;
    st = '0;
    st[nic_regmap_pkg::TX_STATUS_LEN_INVALID_LSB]     = !ring_len_ok(len);
    st[nic_regmap_pkg::TX_STATUS_BASE_MISALIGNED_LSB] = (base_low != 4'd0);
    st[nic_regmap_pkg::TX_STATUS_TAIL_INVALID_LSB]    = ({{(32 - RingIdxW){1'b0}}, tail} >= len);
    st[nic_regmap_pkg::TX_STATUS_DMA_CTRL_INVALID_LSB] = !dma_ctrl_ok(dma_ctrl);
    tx_validate = st;
  endfunction

  // rx_dma_ctrl / tx_dma_ctrl fields, {wb_delay, wb_thresh, fetch_min}, in range: fetch_min and
  // wb_thresh 1..16, wb_delay 1..255.
  function automatic logic dma_ctrl_ok(logic [17:0] f);
    dma_ctrl_ok = f[4:0] >= 5'd1 && f[4:0] <= 5'd16 && f[9:5] >= 5'd1 && f[9:5] <= 5'd16 &&
                  f[17:10] != 8'd0;
  endfunction

  // The vector an ivar write routes to (0 for one >= NumVectors).
  function automatic logic [3:0] ivar_vector(logic [31:0] value);
    ivar_vector = (value >= 32'(NumVectors)) ? 4'd0 : value[3:0];
  endfunction

  // ------------------------------------------------------------------ the register top
  // What the map describes; the behaviour below sees its stored values (reg2hw_*_q), the
  // strobes of writes it acts on (reg2hw_*_qe, with reg_wdata and the queue index), and gives
  // it the values it holds and the bits it sets (hw2reg_*).
  logic                               reg_rx_len_qe, reg_rx_tail_qe, reg_rx_ctrl_qe;
  logic                               reg_rx_buf_size_qe, reg_tx_len_qe, reg_tx_tail_qe;
  logic                               reg_tx_ctrl_qe, reg_rx_ivar_qe, reg_tx_ivar_qe;
  logic                               reg_mask_set_qe, reg_mask_clear_qe;
  logic                               reg_rx_dma_ctrl_qe, reg_tx_dma_ctrl_qe;
  logic [NumQueues-1:0][4:0]          rx_fetch_min, rx_wb_thresh, tx_fetch_min, tx_wb_thresh;
  logic [NumQueues-1:0][7:0]          rx_wb_delay, tx_wb_delay;
  logic [31:0]                        reg_wdata;
  logic [17:0]                        wdata_dma_ctrl;          // reg_wdata as dma_ctrl fields
  logic [QIdxW-1:0]                   wq;
  logic [NumQueues-1:0][31:0]         rx_len, tx_len, rx_buf_size;
  logic [NumQueues-1:0][63:0]         rx_base, tx_base;
  logic                               dma_err_set, ivar_invalid_set;
  logic [31:0]                        cause_set;

  nic_reg_top #(
    .NumQueues  (NumQueues),
    .NumVectors (NumVectors),
    .RingIdxW   (RingIdxW),
    .NumCntSrc  (NumCntSrc)
  ) u_reg_top (
    .clk_i                                (clk_i),
    .rst_ni                               (rst_ni),
    .s_axil_awaddr_i                      (s_axil_awaddr_i),
    .s_axil_awprot_i                      (s_axil_awprot_i),
    .s_axil_awvalid_i                     (s_axil_awvalid_i),
    .s_axil_awready_o                     (s_axil_awready_o),
    .s_axil_wdata_i                       (s_axil_wdata_i),
    .s_axil_wstrb_i                       (s_axil_wstrb_i),
    .s_axil_wvalid_i                      (s_axil_wvalid_i),
    .s_axil_wready_o                      (s_axil_wready_o),
    .s_axil_bresp_o                       (s_axil_bresp_o),
    .s_axil_bvalid_o                      (s_axil_bvalid_o),
    .s_axil_bready_i                      (s_axil_bready_i),
    .s_axil_araddr_i                      (s_axil_araddr_i),
    .s_axil_arprot_i                      (s_axil_arprot_i),
    .s_axil_arvalid_i                     (s_axil_arvalid_i),
    .s_axil_arready_o                     (s_axil_arready_o),
    .s_axil_rdata_o                       (s_axil_rdata_o),
    .s_axil_rresp_o                       (s_axil_rresp_o),
    .s_axil_rvalid_o                      (s_axil_rvalid_o),
    .s_axil_rready_i                      (s_axil_rready_i),
    .ext_we_o                             (cls_we_o),
    .ext_re_o                             (cls_re_o),
    .ext_addr_o                           (cls_addr_o),
    .ext_wdata_o                          (cls_wdata_o),
    .ext_rdata_i                          (cls_rdata_i),
    .reg_wdata_o                          (reg_wdata),
    .hw2reg_caps_d_i                      (caps_value()),
    .reg2hw_ctrl_rx_en_q_o                (rx_en_o),
    .reg2hw_ctrl_tx_en_q_o                (tx_en_o),
    .reg2hw_max_frame_len_len_q_o         (max_frame_len_o),
    .reg2hw_rx_default_queue_queue_q_o    (rx_default_queue_o),
    .hw2reg_status_dma_error_set_i        (dma_err_set),
    .reg2hw_us_prescaler_cycles_q_o       (cycles_per_us_o),
    .hw2reg_intr_cause_rx_set_i
        (cause_set[nic_regmap_pkg::INTR_CAUSE_RX_LSB +: nic_regmap_pkg::INTR_CAUSE_RX_WIDTH]),
    .hw2reg_intr_cause_tx_set_i
        (cause_set[nic_regmap_pkg::INTR_CAUSE_TX_LSB +: nic_regmap_pkg::INTR_CAUSE_TX_WIDTH]),
    .hw2reg_intr_mask_d_i                 (16'(masked_i)),
    .reg2hw_intr_mask_set_qe_o            (reg_mask_set_qe),
    .reg2hw_intr_mask_clear_qe_o          (reg_mask_clear_qe),
    .hw2reg_intr_error_ivar_invalid_set_i (ivar_invalid_set),
    .reg2hw_queue_idx_o                   (wq),
    .reg2hw_rx_base_q_o                   (rx_base),
    .reg2hw_rx_len_q_o                    (rx_len),
    .reg2hw_rx_len_qe_o                   (reg_rx_len_qe),
    .hw2reg_rx_head_d_i                   (rx_head_q),
    .reg2hw_rx_tail_qe_o                  (reg_rx_tail_qe),
    .hw2reg_rx_tail_d_i                   (rx_tail_q),
    .reg2hw_rx_ctrl_qe_o                  (reg_rx_ctrl_qe),
    .hw2reg_rx_ctrl_d_i                   (rx_enable_q),
    .hw2reg_rx_status_d_i                 (rx_status_q),
    .reg2hw_rx_buf_size_q_o               (rx_buf_size),
    .reg2hw_rx_buf_size_qe_o              (reg_rx_buf_size_qe),
    .reg2hw_tx_base_q_o                   (tx_base),
    .reg2hw_tx_len_q_o                    (tx_len),
    .reg2hw_tx_len_qe_o                   (reg_tx_len_qe),
    .hw2reg_tx_head_d_i                   (tx_head_q),
    .reg2hw_tx_tail_qe_o                  (reg_tx_tail_qe),
    .hw2reg_tx_tail_d_i                   (tx_tail_q),
    .reg2hw_tx_ctrl_qe_o                  (reg_tx_ctrl_qe),
    .hw2reg_tx_ctrl_d_i                   (tx_enable_q),
    .hw2reg_tx_status_d_i                 (tx_status_q),
    .reg2hw_rx_ivar_qe_o                  (reg_rx_ivar_qe),
    .reg2hw_tx_ivar_qe_o                  (reg_tx_ivar_qe),
    .reg2hw_rx_usecs_usecs_q_o            (rx_usecs_o),
    .reg2hw_rx_frames_frames_q_o          (rx_frames_o),
    .reg2hw_tx_usecs_usecs_q_o            (tx_usecs_o),
    .reg2hw_tx_frames_frames_q_o          (tx_frames_o),
    .hw2reg_rx_pending_d_i                (rx_pending_i),
    .hw2reg_tx_pending_d_i                (tx_pending_i),
    .reg2hw_rx_dma_ctrl_fetch_min_q_o     (rx_fetch_min),
    .reg2hw_rx_dma_ctrl_wb_thresh_q_o     (rx_wb_thresh),
    .reg2hw_rx_dma_ctrl_wb_delay_q_o      (rx_wb_delay),
    .reg2hw_rx_dma_ctrl_qe_o              (reg_rx_dma_ctrl_qe),
    .reg2hw_tx_dma_ctrl_fetch_min_q_o     (tx_fetch_min),
    .reg2hw_tx_dma_ctrl_wb_thresh_q_o     (tx_wb_thresh),
    .reg2hw_tx_dma_ctrl_wb_delay_q_o      (tx_wb_delay),
    .reg2hw_tx_dma_ctrl_qe_o              (reg_tx_dma_ctrl_qe),
    .hw2reg_gcnt_inc_i                    (gcnt_inc_i),
    .hw2reg_dma_rd_busy_cycles_inc_i      (dma_rd_beat_i),
    .hw2reg_dma_wr_busy_cycles_inc_i      (dma_wr_beat_i),
    .hw2reg_rx_q_frames_inc_i             (rxq_done_i),
    .hw2reg_rx_q_frames_inc_idx_i         (rxq_done_q_i),
    .hw2reg_rx_q_bytes_inc_i              (rxq_done_i),
    .hw2reg_rx_q_bytes_inc_idx_i          (rxq_done_q_i),
    .hw2reg_rx_q_bytes_inc_amount_i       (rxq_done_bytes_i),
    .hw2reg_tx_q_frames_inc_i             (txq_done_i),
    .hw2reg_tx_q_frames_inc_idx_i         (txq_done_q_i),
    .hw2reg_tx_q_bytes_inc_i              (txq_done_i),
    .hw2reg_tx_q_bytes_inc_idx_i          (txq_done_q_i),
    .hw2reg_tx_q_bytes_inc_amount_i       (txq_done_bytes_i),
    .hw2reg_irq_count_inc_i               (irq_i)
  );

  // ------------------------------------------------------------------ state
  // Written in the sequential block under the condition that changes them (rtl/README.md,
  // "Simulation speed"): an idle cycle costs a few tests. rx_base/tx_base, the length masks,
  // heads, tails, RX buffer sizes and routing vectors are read live by the engines. rx_bs keeps
  // the low 16 bits of rx_buf_size for them (valid sizes are at most 16384), rx_vec/tx_vec the
  // vector an ivar entry routes to.
  logic [NumQueues-1:0]               rx_enable_q, tx_enable_q;
  logic [NumQueues-1:0]               rx_reset_q, tx_reset_q;  // one-cycle pulses
  logic [NumQueues-1:0]               rx_kick_q, tx_kick_q;    // one-cycle pulses
  logic [NumQueues-1:0][RingIdxW-1:0] rx_len_mask_q, tx_len_mask_q;
  logic [NumQueues-1:0][RingIdxW-1:0] rx_head_q, rx_tail_q, tx_head_q, tx_tail_q;
  logic [NumQueues-1:0][31:0]         rx_status_q, tx_status_q;
  logic [NumQueues-1:0][15:0]         rx_bs_q;
  logic [NumQueues-1:0][3:0]          rx_vec_q, tx_vec_q;
  logic [NumVectors-1:0]              mask_set_q, rearm_q;     // one-cycle pulses

  // ------------------------------------------------------------------ hardware reports
  // Head advances and error status from the DMA engines (ignored on a disabled queue), counter
  // increments and interrupt causes.
  logic             rx_head_adv, tx_head_adv, rx_status_hw, tx_status_hw;
  logic [QIdxW-1:0] rx_adv_i, tx_adv_i, rx_set_i, tx_set_i;

  assign rx_adv_i     = QIdxW'(rx_head_adv_q_i);
  assign tx_adv_i     = QIdxW'(tx_head_adv_q_i);
  assign rx_set_i     = QIdxW'(rx_status_set_q_i);
  assign tx_set_i     = QIdxW'(tx_status_set_q_i);
  assign rx_head_adv  = rx_head_adv_i && queue_ok(rx_head_adv_q_i) && rx_enable_q[rx_adv_i];
  assign tx_head_adv  = tx_head_adv_i && queue_ok(tx_head_adv_q_i) && tx_enable_q[tx_adv_i];
  assign rx_status_hw = rx_status_set_i && queue_ok(rx_status_set_q_i) && rx_enable_q[rx_set_i];
  assign tx_status_hw = tx_status_set_i && queue_ok(tx_status_set_q_i) && tx_enable_q[tx_set_i];
  // A written rx_dma_ctrl/tx_dma_ctrl value in the ports' layout (one layout for both).
  assign wdata_dma_ctrl = {reg_wdata[nic_regmap_pkg::RX_DMA_CTRL_WB_DELAY_LSB +: 8],
                           reg_wdata[nic_regmap_pkg::RX_DMA_CTRL_WB_THRESH_LSB +: 5],
                           reg_wdata[nic_regmap_pkg::RX_DMA_CTRL_FETCH_MIN_LSB +: 5]};
  // An ivar entry naming a vector that does not exist.
  assign ivar_invalid_set = (reg_rx_ivar_qe || reg_tx_ivar_qe) && (reg_wdata >= 32'(NumVectors));

  always_comb begin
    dma_err_set = 1'b0;
    for (int unsigned s = 0; s < NumCntSrc; s++) begin
      dma_err_set = dma_err_set | gcnt_inc_i[s][nic_regmap_pkg::GCNT_DMA_ERRORS];
    end
    // Interrupt causes: the same completion events the moderation counts.
    cause_set = '0;
    if (rxq_done_i) begin
      cause_set[nic_regmap_pkg::INTR_CAUSE_RX_LSB + 32'(rxq_done_q_i)] = 1'b1;
    end
    if (txq_done_i) begin
      cause_set[nic_regmap_pkg::INTR_CAUSE_TX_LSB + 32'(txq_done_q_i)] = 1'b1;
    end
  end

  // ------------------------------------------------------------------ ring state
  // Hardware reports are applied first; a register write in the same cycle comes later.
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      mask_set_q  <= '0;
      rearm_q     <= '0;
      rx_enable_q <= {NumQueues{nic_regmap_pkg::QREG_RX_CTRL_RESET[nic_regmap_pkg::RX_CTRL_ENABLE_LSB]}};
      tx_enable_q <= {NumQueues{nic_regmap_pkg::QREG_TX_CTRL_RESET[nic_regmap_pkg::TX_CTRL_ENABLE_LSB]}};
      rx_reset_q  <= '0;
      tx_reset_q  <= '0;
      rx_kick_q   <= '0;
      tx_kick_q   <= '0;
      for (int unsigned q = 0; q < NumQueues; q++) begin
        rx_len_mask_q[q] <= RingIdxW'(nic_regmap_pkg::QREG_RX_LEN_RESET - 32'd1);
        tx_len_mask_q[q] <= RingIdxW'(nic_regmap_pkg::QREG_TX_LEN_RESET - 32'd1);
        rx_bs_q[q]       <= nic_regmap_pkg::QREG_RX_BUF_SIZE_RESET[15:0];
        rx_head_q[q]     <= nic_regmap_pkg::QREG_RX_HEAD_RESET[RingIdxW-1:0];
        rx_tail_q[q]     <= nic_regmap_pkg::QREG_RX_TAIL_RESET[RingIdxW-1:0];
        tx_head_q[q]     <= nic_regmap_pkg::QREG_TX_HEAD_RESET[RingIdxW-1:0];
        tx_tail_q[q]     <= nic_regmap_pkg::QREG_TX_TAIL_RESET[RingIdxW-1:0];
        rx_status_q[q]   <= nic_regmap_pkg::QREG_RX_STATUS_RESET;
        tx_status_q[q]   <= nic_regmap_pkg::QREG_TX_STATUS_RESET;
        rx_vec_q[q]      <= 4'(nic_regmap_pkg::QREG_RX_IVAR_RESET[nic_regmap_pkg::RX_IVAR_VECTOR_LSB +:
                                                                  nic_regmap_pkg::RX_IVAR_VECTOR_WIDTH]);
        tx_vec_q[q]      <= 4'(nic_regmap_pkg::QREG_TX_IVAR_RESET[nic_regmap_pkg::TX_IVAR_VECTOR_LSB +:
                                                                  nic_regmap_pkg::TX_IVAR_VECTOR_WIDTH]);
      end
    end else begin
      // One-cycle pulses end.
      if (mask_set_q != '0 || rearm_q != '0 || rx_reset_q != '0 || tx_reset_q != '0 ||
          rx_kick_q != '0 || tx_kick_q != '0) begin
        mask_set_q <= '0;
        rearm_q    <= '0;
        rx_reset_q <= '0;
        tx_reset_q <= '0;
        rx_kick_q  <= '0;
        tx_kick_q  <= '0;
      end

      // -------------------------------------------------------------- hardware reports
      if (rx_head_adv) begin
        rx_head_q[rx_adv_i] <= (rx_head_q[rx_adv_i] + 1'b1) & rx_len_mask_q[rx_adv_i];
      end
      if (tx_head_adv) begin
        tx_head_q[tx_adv_i] <= (tx_head_q[tx_adv_i] + 1'b1) & tx_len_mask_q[tx_adv_i];
      end
      if (rx_status_hw) begin
        rx_status_q[rx_set_i] <= rx_status_q[rx_set_i] | rx_status_set_bits_i;
      end
      if (tx_status_hw) begin
        tx_status_q[tx_set_i] <= tx_status_q[tx_set_i] | tx_status_set_bits_i;
      end

      // -------------------------------------------------------------- register writes
      if (reg_mask_set_qe) begin
        mask_set_q <= reg_wdata[nic_regmap_pkg::INTR_MASK_SET_VECTORS_LSB +: NumVectors];
      end
      if (reg_mask_clear_qe) begin
        rearm_q <= reg_wdata[nic_regmap_pkg::INTR_MASK_CLEAR_VECTORS_LSB +: NumVectors];
      end
      if (reg_rx_len_qe) begin
        rx_len_mask_q[wq] <= RingIdxW'(reg_wdata - 32'd1);
      end
      if (reg_tx_len_qe) begin
        tx_len_mask_q[wq] <= RingIdxW'(reg_wdata - 32'd1);
      end
      if (reg_rx_buf_size_qe) begin
        rx_bs_q[wq] <= reg_wdata[15:0];
      end
      if (reg_rx_tail_qe) begin
        if (reg_wdata < rx_len[wq] && reg_wdata < MAX_RING_LEN) begin
          rx_tail_q[wq] <= reg_wdata[RingIdxW-1:0];
          rx_kick_q[wq] <= 1'b1;
        end else begin
          // On top of a status report for the same queue in this cycle.
          rx_status_q[wq] <= rx_status_q[wq] |
                             ((rx_status_hw && rx_set_i == wq) ? rx_status_set_bits_i : '0) |
                             (32'd1 << nic_regmap_pkg::RX_STATUS_TAIL_INVALID_LSB);
        end
      end
      if (reg_tx_tail_qe) begin
        if (reg_wdata < tx_len[wq] && reg_wdata < MAX_RING_LEN) begin
          tx_tail_q[wq] <= reg_wdata[RingIdxW-1:0];
          tx_kick_q[wq] <= 1'b1;
        end else begin
          tx_status_q[wq] <= tx_status_q[wq] |
                             ((tx_status_hw && tx_set_i == wq) ? tx_status_set_bits_i : '0) |
                             (32'd1 << nic_regmap_pkg::TX_STATUS_TAIL_INVALID_LSB);
        end
      end
      if (reg_rx_ctrl_qe) begin
        if (!reg_wdata[nic_regmap_pkg::RX_CTRL_ENABLE_LSB]) begin
          rx_enable_q[wq] <= 1'b0;
          rx_status_q[wq] <= '0;
          rx_head_q[wq]   <= '0;
          rx_tail_q[wq]   <= '0;
          rx_reset_q[wq]  <= 1'b1;
        end else if (!rx_enable_q[wq]) begin
          rx_enable_q[wq] <= 1'b1;
          rx_kick_q[wq]   <= 1'b1;
          rx_status_q[wq] <= rx_validate(rx_len[wq], rx_base[wq][3:0], rx_tail_q[wq], rx_buf_size[wq],
                                         rx_dma_ctrl_o[wq]);
        end
      end
      if (reg_tx_ctrl_qe) begin
        if (!reg_wdata[nic_regmap_pkg::TX_CTRL_ENABLE_LSB]) begin
          tx_enable_q[wq] <= 1'b0;
          tx_status_q[wq] <= '0;
          tx_head_q[wq]   <= '0;
          tx_tail_q[wq]   <= '0;
          tx_reset_q[wq]  <= 1'b1;
        end else if (!tx_enable_q[wq]) begin
          tx_enable_q[wq] <= 1'b1;
          tx_kick_q[wq]   <= 1'b1;
          tx_status_q[wq] <= tx_validate(tx_len[wq], tx_base[wq][3:0], tx_tail_q[wq],
                                         tx_dma_ctrl_o[wq]);
        end
      end
      // DMA settings, stored by the register top; out of range on an enabled queue stops it
      // at once (on top of a status report for the same queue in this cycle).
      if (reg_rx_dma_ctrl_qe && rx_enable_q[wq] && !dma_ctrl_ok(wdata_dma_ctrl)) begin
        rx_status_q[wq] <= rx_status_q[wq] |
                           ((rx_status_hw && rx_set_i == wq) ? rx_status_set_bits_i : '0) |
                           (32'd1 << nic_regmap_pkg::RX_STATUS_DMA_CTRL_INVALID_LSB);
      end
      if (reg_tx_dma_ctrl_qe && tx_enable_q[wq] && !dma_ctrl_ok(wdata_dma_ctrl)) begin
        tx_status_q[wq] <= tx_status_q[wq] |
                           ((tx_status_hw && tx_set_i == wq) ? tx_status_set_bits_i : '0) |
                           (32'd1 << nic_regmap_pkg::TX_STATUS_DMA_CTRL_INVALID_LSB);
      end
      // Interrupt routing: a vector >= NumVectors routes to vector 0 (and sets
      // intr_error.ivar_invalid, above).
      if (reg_rx_ivar_qe) begin
        rx_vec_q[wq] <= ivar_vector(reg_wdata);
      end
      if (reg_tx_ivar_qe) begin
        tx_vec_q[wq] <= ivar_vector(reg_wdata);
      end
    end
  end

  // ------------------------------------------------------------------ outputs
  assign rx_base_o     = rx_base;
  assign rx_len_mask_o = rx_len_mask_q;
  assign rx_head_o     = rx_head_q;
  assign rx_tail_o     = rx_tail_q;
  assign tx_base_o     = tx_base;
  assign tx_len_mask_o = tx_len_mask_q;
  assign tx_head_o     = tx_head_q;
  assign tx_tail_o     = tx_tail_q;
  assign rx_buf_size_o = rx_bs_q;
  for (genvar q = 0; q < NumQueues; q++) begin : gen_queue_out
    assign rx_active_o[q] = rx_enable_q[q] && (rx_status_q[q] == '0);
    assign tx_active_o[q] = tx_enable_q[q] && (tx_status_q[q] == '0);
  end
  assign rx_reset_o = rx_reset_q;
  assign tx_reset_o = tx_reset_q;
  assign rx_kick_o  = rx_kick_q;
  assign tx_kick_o  = tx_kick_q;
  for (genvar q = 0; q < NumQueues; q++) begin : gen_dma_ctrl_out
    assign rx_dma_ctrl_o[q] = {rx_wb_delay[q], rx_wb_thresh[q], rx_fetch_min[q]};
    assign tx_dma_ctrl_o[q] = {tx_wb_delay[q], tx_wb_thresh[q], tx_fetch_min[q]};
  end

  assign rx_vector_o = rx_vec_q;
  assign tx_vector_o = tx_vec_q;
  assign mask_set_o  = mask_set_q;
  assign rearm_o     = rearm_q;

endmodule

`default_nettype wire
