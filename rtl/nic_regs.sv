// Copyright nicsim contributors. SPDX-License-Identifier: Apache-2.0
//
// Register file of the NIC behind an AXI4-Lite slave: global control and status, per-queue
// ring registers, and the 64-bit statistics counters. All offsets, reset values and field
// positions come from the generated nic_regs_pkg (rtl/regmap.toml).
//
// AXI4-Lite behaviour:
//  * The write address and write data are taken independently (each into a one-entry holding
//    register), so a master may present them in either order or together. A write is performed
//    once both are held and no write response is pending; the response is always OKAY.
//  * Byte strobes (wstrb) are ignored: every write is a full 32-bit write.
//  * Address bits [1:0] are ignored. Unmapped addresses, and queue blocks of queues >= NumQueues,
//    read as 0 with an OKAY response; writes to them are ignored with an OKAY response.
//  * Reading the _lo half of a 64-bit counter returns bits 31:0 and snapshots bits 63:32 into a
//    single shadow register shared by all counters; reading any _hi address returns that shadow.
//
// Ring registers:
//  * Writing rx_ctrl/tx_ctrl with enable 0 -> 1 validates the configuration and sets rx_status
//    (tx_status) to the result, replacing older bits: len_invalid (not a power of two in
//    8..2**RingIdxW), base_misaligned (base not 16-byte aligned), buf_size_invalid (RX only: not a
//    multiple of 8 in 64..16384), tail_invalid (a previously written tail >= len).
//  * Writing enable = 0 clears enable, status, head and tail and pulses {rx,tx}_reset_o[q] so
//    that a DMA engine working for the queue abandons its frame. Writing enable = 1 to an
//    enabled queue changes nothing.
//  * A tail write >= len (or >= 2**RingIdxW) is not taken and sets tail_invalid.
//  * A queue is active (may DMA) while enable is set and status is all zero.
//  * Ring geometry (base, len, buf_size) is read live by the DMA engines: software must not
//    change it while the queue is enabled.
//
// Interrupt registers (the moderation itself is in nic_intr / intr_moderation):
//  * intr_cause bit i (16 + i) is set by queue i's RX (TX) completion events (rxq_done_i /
//    txq_done_i), w1c. intr_mask reads the vectors' masked state; writes of intr_mask_set /
//    intr_mask_clear become one-cycle mask_set_o / rearm_o pulses.
//  * rx_ivar/tx_ivar: a write >= NumVectors sets intr_error.ivar_invalid and routes the cause to
//    vector 0; the entry reads back the written value, saturated to the 5-bit field.
//  * Vector blocks (VECTOR_BASE + v * VECTOR_STRIDE): moderation fields saturate at 0xFFFF;
//    rx/tx_pending come from the primitive; irq_count counts irq_i. Blocks of vectors >=
//    NumVectors read 0 and ignore writes.

`default_nettype none

module nic_regs
  import nic_regs_pkg::*;
#(
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
  output logic [MAX_FRAME_LEN_LEN_WIDTH-1:0]      max_frame_len_o,
  output logic [RX_DEFAULT_QUEUE_QUEUE_WIDTH-1:0] rx_default_queue_o,

  // RX rings, per queue.
  output logic [NumQueues-1:0][63:0]              rx_base_o,
  output logic [NumQueues-1:0][RingIdxW-1:0]      rx_len_mask_o,   // len - 1
  output logic [NumQueues-1:0][RingIdxW-1:0]      rx_head_o,
  output logic [NumQueues-1:0][RingIdxW-1:0]      rx_tail_o,
  output logic [NumQueues-1:0][15:0]              rx_buf_size_o,
  output logic [NumQueues-1:0]                    rx_active_o,
  output logic [NumQueues-1:0]                    rx_reset_o,      // one-cycle pulse on disable
  input  wire logic                               rx_head_adv_i,   // advance head of queue _q_i
  input  wire logic [3:0]                         rx_head_adv_q_i,
  input  wire logic                               rx_status_set_i, // OR bits into rx_status
  input  wire logic [3:0]                         rx_status_set_q_i,
  input  wire logic [31:0]                        rx_status_set_bits_i,

  // TX rings, per queue.
  output logic [NumQueues-1:0][63:0]              tx_base_o,
  output logic [NumQueues-1:0][RingIdxW-1:0]      tx_head_o,
  output logic [NumQueues-1:0][RingIdxW-1:0]      tx_tail_o,
  output logic [NumQueues-1:0]                    tx_active_o,
  output logic [NumQueues-1:0]                    tx_reset_o,
  input  wire logic                               tx_head_adv_i,
  input  wire logic [3:0]                         tx_head_adv_q_i,
  input  wire logic                               tx_status_set_i,
  input  wire logic [3:0]                         tx_status_set_q_i,
  input  wire logic [31:0]                        tx_status_set_bits_i,

  // Statistics. Each source drives one bit per global counter (indexed by GCNT_*); a set
  // GCNT_DMA_ERRORS bit also sets status.dma_error.
  input  wire logic [NumCntSrc-1:0][NUM_GCNT-1:0] gcnt_inc_i,
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
  if (NumQueues < 1 || NumQueues > MAX_QUEUES) begin : gen_num_queues_check
    $fatal(1, "%m: NumQueues (%0d) must be in 1..%0d", NumQueues, MAX_QUEUES);
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
  if (NumVectors < 1 || NumVectors > VECTOR_COUNT) begin : gen_num_vectors_check
    $fatal(1, "%m: NumVectors (%0d) must be in 1..%0d", NumVectors, VECTOR_COUNT);
  end
  // The moderation fields are 16-bit fields at bit 0 (sat16() and the ports rely on it).
  if (RX_USECS_USECS_LSB != 0 || RX_USECS_USECS_WIDTH != 16 ||
      RX_FRAMES_FRAMES_LSB != 0 || RX_FRAMES_FRAMES_WIDTH != 16 ||
      TX_USECS_USECS_LSB != 0 || TX_USECS_USECS_WIDTH != 16 ||
      TX_FRAMES_FRAMES_LSB != 0 || TX_FRAMES_FRAMES_WIDTH != 16 ||
      US_PRESCALER_CYCLES_WIDTH != 16) begin : gen_vector_layout_check
    $fatal(1, "%m: the moderation and prescaler fields must be 16 bits wide at bit 0");
  end
  if (NUM_VCNT != 1) begin : gen_vector_counter_check
    $fatal(1, "%m: the vector block must hold exactly one counter (irq_count)");
  end

  // ------------------------------------------------------------------ constants
  localparam logic [31:0] MIN_RING_LEN    = 32'd8;
  localparam logic [31:0] MAX_RING_LEN    = 32'd1 << RingIdxW;
  localparam logic [31:0] MIN_RX_BUF_SIZE = 32'd64;
  localparam logic [31:0] MAX_RX_BUF_SIZE = 32'd16384;
  localparam logic [15:0] QUEUE_END       = QUEUE_BASE + 16'(MAX_QUEUES) * QUEUE_STRIDE;
  localparam logic [15:0] VECTOR_END      = VECTOR_BASE + 16'(VECTOR_COUNT) * VECTOR_STRIDE;
  // ivar entries saturate here when written with a value the field cannot hold.
  localparam logic [31:0] IVAR_MAX        = (32'd1 << RX_IVAR_VECTOR_WIDTH) - 32'd1;
  localparam logic [1:0]  RESP_OKAY       = 2'b00;

  // caps: build-time constants.
  function automatic logic [31:0] caps_value();
    logic [31:0] v;
    v = REG_CAPS_RESET;
    v[CAPS_NUM_QUEUES_LSB +: CAPS_NUM_QUEUES_WIDTH]       = CAPS_NUM_QUEUES_WIDTH'(NumQueues);
    v[CAPS_MAX_BURST_LEN_LSB +: CAPS_MAX_BURST_LEN_WIDTH] = CAPS_MAX_BURST_LEN_WIDTH'(MaxBurstLen);
    v[CAPS_NUM_VECTORS_LSB +: CAPS_NUM_VECTORS_WIDTH]     = CAPS_NUM_VECTORS_WIDTH'(NumVectors);
    return v;
  endfunction

  // Register address of the _lo half of global counter i.
  function automatic logic [15:0] gcnt_lo_addr(int unsigned i);
    case (i)
      GCNT_RX_FRAMES:          return REG_RX_FRAMES_LO;
      GCNT_RX_RUNT:            return REG_RX_RUNT_LO;
      GCNT_RX_OVERSIZE:        return REG_RX_OVERSIZE_LO;
      GCNT_RX_FCS_ERRORS:      return REG_RX_FCS_ERRORS_LO;
      GCNT_RX_BUFFER_DROPS:    return REG_RX_BUFFER_DROPS_LO;
      GCNT_RX_NO_DESC_DROPS:   return REG_RX_NO_DESC_DROPS_LO;
      GCNT_RX_QUEUE_OFF_DROPS: return REG_RX_QUEUE_OFF_DROPS_LO;
      GCNT_RX_DISABLED_DROPS:  return REG_RX_DISABLED_DROPS_LO;
      GCNT_RX_DMA_ERROR_DROPS: return REG_RX_DMA_ERROR_DROPS_LO;
      GCNT_DMA_ERRORS:         return REG_DMA_ERRORS_LO;
      default:                 return 16'hFFFF;  // never matches a word address
    endcase
  endfunction

  function automatic logic [15:0] gcnt_hi_addr(int unsigned i);
    case (i)
      GCNT_RX_FRAMES:          return REG_RX_FRAMES_HI;
      GCNT_RX_RUNT:            return REG_RX_RUNT_HI;
      GCNT_RX_OVERSIZE:        return REG_RX_OVERSIZE_HI;
      GCNT_RX_FCS_ERRORS:      return REG_RX_FCS_ERRORS_HI;
      GCNT_RX_BUFFER_DROPS:    return REG_RX_BUFFER_DROPS_HI;
      GCNT_RX_NO_DESC_DROPS:   return REG_RX_NO_DESC_DROPS_HI;
      GCNT_RX_QUEUE_OFF_DROPS: return REG_RX_QUEUE_OFF_DROPS_HI;
      GCNT_RX_DISABLED_DROPS:  return REG_RX_DISABLED_DROPS_HI;
      GCNT_RX_DMA_ERROR_DROPS: return REG_RX_DMA_ERROR_DROPS_HI;
      GCNT_DMA_ERRORS:         return REG_DMA_ERRORS_HI;
      default:                 return 16'hFFFF;
    endcase
  endfunction

  function automatic logic [7:0] qcnt_lo_off(int unsigned i);
    case (i)
      QCNT_RX_Q_FRAMES: return QREG_RX_Q_FRAMES_LO;
      QCNT_RX_Q_BYTES:  return QREG_RX_Q_BYTES_LO;
      QCNT_TX_Q_FRAMES: return QREG_TX_Q_FRAMES_LO;
      QCNT_TX_Q_BYTES:  return QREG_TX_Q_BYTES_LO;
      default:          return 8'hFF;
    endcase
  endfunction

  function automatic logic [7:0] qcnt_hi_off(int unsigned i);
    case (i)
      QCNT_RX_Q_FRAMES: return QREG_RX_Q_FRAMES_HI;
      QCNT_RX_Q_BYTES:  return QREG_RX_Q_BYTES_HI;
      QCNT_TX_Q_FRAMES: return QREG_TX_Q_FRAMES_HI;
      QCNT_TX_Q_BYTES:  return QREG_TX_Q_BYTES_HI;
      default:          return 8'hFF;
    endcase
  endfunction

  // A write to a 16-bit moderation field: values the field cannot hold saturate to 0xFFFF.
  function automatic logic [15:0] sat16(logic [31:0] value);
    return (value > 32'h0000_FFFF) ? 16'hFFFF : value[15:0];
  endfunction

  // Ring length check: a power of two in MIN_RING_LEN..MAX_RING_LEN.
  function automatic logic ring_len_ok(logic [31:0] len);
    return ((len & (len - 32'd1)) == 32'd0) && (len >= MIN_RING_LEN) && (len <= MAX_RING_LEN);
  endfunction

  // ------------------------------------------------------------------ state
  // AXI4-Lite holding registers.
  logic        aw_full_q, aw_full_d;
  logic [15:0] aw_addr_q, aw_addr_d;
  logic        w_full_q, w_full_d;
  logic [31:0] w_data_q, w_data_d;
  logic        bvalid_q, bvalid_d;
  logic        ar_full_q, ar_full_d;
  logic [15:0] ar_addr_q, ar_addr_d;
  logic        rvalid_q, rvalid_d;
  logic [31:0] rdata_q, rdata_d;
  logic [31:0] cnt_shadow_q, cnt_shadow_d;

  // Global registers.
  logic                                    rx_en_q, rx_en_d;
  logic                                    tx_en_q, tx_en_d;
  logic [MAX_FRAME_LEN_LEN_WIDTH-1:0]      max_frame_len_q, max_frame_len_d;
  logic [31:0]                             scratch_q, scratch_d;
  logic [RX_DEFAULT_QUEUE_QUEUE_WIDTH-1:0] rx_default_queue_q, rx_default_queue_d;
  logic                                    dma_error_q, dma_error_d;

  // Per-queue registers.
  logic [NumQueues-1:0][31:0]         rx_base_lo_q, rx_base_lo_d, rx_base_hi_q, rx_base_hi_d;
  logic [NumQueues-1:0][31:0]         rx_len_q, rx_len_d, rx_buf_size_q, rx_buf_size_d;
  logic [NumQueues-1:0][RingIdxW-1:0] rx_head_q, rx_head_d, rx_tail_q, rx_tail_d;
  logic [NumQueues-1:0]               rx_enable_q, rx_enable_d;
  logic [NumQueues-1:0][31:0]         rx_status_q, rx_status_d;
  logic [NumQueues-1:0]               rx_reset_q, rx_reset_d;
  logic [NumQueues-1:0][31:0]         tx_base_lo_q, tx_base_lo_d, tx_base_hi_q, tx_base_hi_d;
  logic [NumQueues-1:0][31:0]         tx_len_q, tx_len_d;
  logic [NumQueues-1:0][RingIdxW-1:0] tx_head_q, tx_head_d, tx_tail_q, tx_tail_d;
  logic [NumQueues-1:0]               tx_enable_q, tx_enable_d;
  logic [NumQueues-1:0][31:0]         tx_status_q, tx_status_d;
  logic [NumQueues-1:0]               tx_reset_q, tx_reset_d;

  // Ring index masks (len - 1).
  logic [NumQueues-1:0][RingIdxW-1:0] tx_len_mask;

  // Interrupt registers. rx_ivar/tx_ivar hold the field as read back; rx_vec/tx_vec the
  // vector actually used (0 for an invalid entry).
  logic [15:0]                        us_prescaler_q, us_prescaler_d;
  logic [31:0]                        intr_cause_q, intr_cause_d;
  logic                               ivar_invalid_q, ivar_invalid_d;
  logic [NumVectors-1:0]              mask_set_q, mask_set_d, rearm_q, rearm_d;
  logic [NumQueues-1:0][4:0]          rx_ivar_q, rx_ivar_d, tx_ivar_q, tx_ivar_d;
  logic [NumQueues-1:0][3:0]          rx_vec_q, rx_vec_d, tx_vec_q, tx_vec_d;
  logic [NumVectors-1:0][15:0]        rx_usecs_q, rx_usecs_d, rx_frames_q, rx_frames_d;
  logic [NumVectors-1:0][15:0]        tx_usecs_q, tx_usecs_d, tx_frames_q, tx_frames_d;

  // Counters.
  logic [NumVectors-1:0][63:0]               irq_cnt_q, irq_cnt_d;
  logic [NUM_GCNT-1:0][63:0]                 gcnt_q, gcnt_d;
  logic [NumQueues-1:0][NUM_QCNT-1:0][63:0] qcnt_q, qcnt_d;

  // ------------------------------------------------------------------ next state
  logic        wr_fire, rd_fire;
  logic [15:0] wr_addr, rd_addr;
  logic        wr_global, rd_global, wr_queue, rd_queue;
  logic [15:0] wr_qrel, rd_qrel;
  logic [7:0]  wr_off, rd_off;
  logic [3:0]  wr_q, rd_q;
  logic [31:0] rd_val;
  logic [31:0] hi_snap;
  logic [3:0]  gcnt_add;
  logic [31:0] val_status;
  logic        dma_err_set, dma_err_clr;
  logic        wr_vector, rd_vector;
  logic [15:0] wr_vrel, rd_vrel;
  logic [7:0]  wr_voff, rd_voff;
  logic [3:0]  wr_v, rd_v;
  logic [31:0] cause_set, cause_clr;
  logic        ivar_set, ivar_clr;

  always_comb begin
    // Defaults: hold.
    aw_full_d          = aw_full_q;
    aw_addr_d          = aw_addr_q;
    w_full_d           = w_full_q;
    w_data_d           = w_data_q;
    bvalid_d           = bvalid_q;
    ar_full_d          = ar_full_q;
    ar_addr_d          = ar_addr_q;
    rvalid_d           = rvalid_q;
    rdata_d            = rdata_q;
    cnt_shadow_d       = cnt_shadow_q;
    rx_en_d            = rx_en_q;
    tx_en_d            = tx_en_q;
    max_frame_len_d    = max_frame_len_q;
    scratch_d          = scratch_q;
    rx_default_queue_d = rx_default_queue_q;
    dma_error_d        = dma_error_q;
    rx_base_lo_d       = rx_base_lo_q;
    rx_base_hi_d       = rx_base_hi_q;
    rx_len_d           = rx_len_q;
    rx_buf_size_d      = rx_buf_size_q;
    rx_head_d          = rx_head_q;
    rx_tail_d          = rx_tail_q;
    rx_enable_d        = rx_enable_q;
    rx_status_d        = rx_status_q;
    rx_reset_d         = '0;
    tx_base_lo_d       = tx_base_lo_q;
    tx_base_hi_d       = tx_base_hi_q;
    tx_len_d           = tx_len_q;
    tx_head_d          = tx_head_q;
    tx_tail_d          = tx_tail_q;
    tx_enable_d        = tx_enable_q;
    tx_status_d        = tx_status_q;
    tx_reset_d         = '0;
    gcnt_d             = gcnt_q;
    qcnt_d             = qcnt_q;
    us_prescaler_d     = us_prescaler_q;
    mask_set_d         = '0;
    rearm_d            = '0;
    rx_ivar_d          = rx_ivar_q;
    tx_ivar_d          = tx_ivar_q;
    rx_vec_d           = rx_vec_q;
    tx_vec_d           = tx_vec_q;
    rx_usecs_d         = rx_usecs_q;
    rx_frames_d        = rx_frames_q;
    tx_usecs_d         = tx_usecs_q;
    tx_frames_d        = tx_frames_q;
    cause_clr          = '0;
    ivar_set           = 1'b0;
    ivar_clr           = 1'b0;
    rd_val             = '0;
    hi_snap            = cnt_shadow_q;
    val_status         = '0;

    // ---------------------------------------------------------------- hardware updates
    // Global counters and the sticky DMA error flag.
    for (int unsigned i = 0; i < NUM_GCNT; i++) begin
      gcnt_add = '0;
      for (int unsigned s = 0; s < NumCntSrc; s++) begin
        gcnt_add = gcnt_add + {3'b000, gcnt_inc_i[s][i]};
      end
      gcnt_d[i] = gcnt_q[i] + {60'd0, gcnt_add};
    end
    dma_err_set = 1'b0;
    for (int unsigned s = 0; s < NumCntSrc; s++) begin
      dma_err_set = dma_err_set | gcnt_inc_i[s][GCNT_DMA_ERRORS];
    end
    dma_err_clr = 1'b0;

    // Interrupt causes (the same completion events the moderation counts) and irq_count.
    cause_set = '0;
    if (rxq_done_i) begin
      cause_set[INTR_CAUSE_RX_LSB + 32'(rxq_done_q_i)] = 1'b1;
    end
    if (txq_done_i) begin
      cause_set[INTR_CAUSE_TX_LSB + 32'(txq_done_q_i)] = 1'b1;
    end
    for (int unsigned v = 0; v < NumVectors; v++) begin
      irq_cnt_d[v] = irq_cnt_q[v] + {63'd0, irq_i[v]};
    end

    for (int unsigned q = 0; q < NumQueues; q++) begin
      // Per-queue counters.
      if (rxq_done_i && rxq_done_q_i == 4'(q)) begin
        qcnt_d[q][QCNT_RX_Q_FRAMES] = qcnt_q[q][QCNT_RX_Q_FRAMES] + 64'd1;
        qcnt_d[q][QCNT_RX_Q_BYTES]  = qcnt_q[q][QCNT_RX_Q_BYTES] + {48'd0, rxq_done_bytes_i};
      end
      if (txq_done_i && txq_done_q_i == 4'(q)) begin
        qcnt_d[q][QCNT_TX_Q_FRAMES] = qcnt_q[q][QCNT_TX_Q_FRAMES] + 64'd1;
        qcnt_d[q][QCNT_TX_Q_BYTES]  = qcnt_q[q][QCNT_TX_Q_BYTES] + {48'd0, txq_done_bytes_i};
      end
      // Head advances and error status from the DMA engines; ignored on a disabled queue.
      if (rx_enable_q[q]) begin
        if (rx_head_adv_i && rx_head_adv_q_i == 4'(q)) begin
          rx_head_d[q] = (rx_head_q[q] + 1'b1) & rx_len_mask_o[q];
        end
        if (rx_status_set_i && rx_status_set_q_i == 4'(q)) begin
          rx_status_d[q] = rx_status_q[q] | rx_status_set_bits_i;
        end
      end
      if (tx_enable_q[q]) begin
        if (tx_head_adv_i && tx_head_adv_q_i == 4'(q)) begin
          tx_head_d[q] = (tx_head_q[q] + 1'b1) & tx_len_mask[q];
        end
        if (tx_status_set_i && tx_status_set_q_i == 4'(q)) begin
          tx_status_d[q] = tx_status_q[q] | tx_status_set_bits_i;
        end
      end
    end

    // ---------------------------------------------------------------- AXI4-Lite write
    if (s_axil_awvalid_i && !aw_full_q) begin
      aw_full_d = 1'b1;
      aw_addr_d = s_axil_awaddr_i;
    end
    if (s_axil_wvalid_i && !w_full_q) begin
      w_full_d = 1'b1;
      w_data_d = s_axil_wdata_i;
    end
    if (bvalid_q && s_axil_bready_i) begin
      bvalid_d = 1'b0;
    end

    wr_fire   = aw_full_q && w_full_q && !bvalid_q;
    wr_addr   = {aw_addr_q[15:2], 2'b00};
    wr_global = (wr_addr < QUEUE_BASE);
    wr_queue  = (wr_addr >= QUEUE_BASE) && (wr_addr < QUEUE_END);
    wr_qrel   = wr_addr - QUEUE_BASE;
    wr_q      = 4'(wr_qrel / QUEUE_STRIDE);
    wr_off    = 8'(wr_qrel % QUEUE_STRIDE);
    wr_vector = (wr_addr >= VECTOR_BASE) && (wr_addr < VECTOR_END);
    wr_vrel   = wr_addr - VECTOR_BASE;
    wr_v      = 4'(wr_vrel / VECTOR_STRIDE);
    wr_voff   = 8'(wr_vrel % VECTOR_STRIDE);

    if (wr_fire) begin
      aw_full_d = 1'b0;
      w_full_d  = 1'b0;
      bvalid_d  = 1'b1;

      if (wr_global) begin
        case (wr_addr)
          REG_CTRL: begin
            rx_en_d = w_data_q[CTRL_RX_EN_LSB];
            tx_en_d = w_data_q[CTRL_TX_EN_LSB];
          end
          REG_MAX_FRAME_LEN: begin
            max_frame_len_d = w_data_q[MAX_FRAME_LEN_LEN_LSB +: MAX_FRAME_LEN_LEN_WIDTH];
          end
          REG_SCRATCH: begin
            scratch_d = w_data_q;
          end
          REG_RX_DEFAULT_QUEUE: begin
            rx_default_queue_d =
                w_data_q[RX_DEFAULT_QUEUE_QUEUE_LSB +: RX_DEFAULT_QUEUE_QUEUE_WIDTH];
          end
          REG_STATUS: begin
            dma_err_clr = w_data_q[STATUS_DMA_ERROR_LSB];
          end
          REG_US_PRESCALER: begin
            us_prescaler_d = w_data_q[US_PRESCALER_CYCLES_LSB +: US_PRESCALER_CYCLES_WIDTH];
          end
          REG_INTR_CAUSE: begin
            cause_clr = w_data_q;
          end
          REG_INTR_MASK_SET: begin
            mask_set_d = w_data_q[INTR_MASK_SET_VECTORS_LSB +: NumVectors];
          end
          REG_INTR_MASK_CLEAR: begin
            rearm_d = w_data_q[INTR_MASK_CLEAR_VECTORS_LSB +: NumVectors];
          end
          REG_INTR_ERROR: begin
            ivar_clr = w_data_q[INTR_ERROR_IVAR_INVALID_LSB];
          end
          default: ;
        endcase
      end

      for (int unsigned q = 0; q < NumQueues; q++) begin
        if (wr_queue && wr_q == 4'(q)) begin
          case (wr_off)
            // ------------------------------------------------------------ RX ring
            QREG_RX_BASE_LO:  rx_base_lo_d[q]  = w_data_q;
            QREG_RX_BASE_HI:  rx_base_hi_d[q]  = w_data_q;
            QREG_RX_LEN:      rx_len_d[q]      = w_data_q;
            QREG_RX_BUF_SIZE: rx_buf_size_d[q] = w_data_q;
            QREG_RX_TAIL: begin
              if (w_data_q < rx_len_q[q] && w_data_q < MAX_RING_LEN) begin
                rx_tail_d[q] = w_data_q[RingIdxW-1:0];
              end else begin
                rx_status_d[q][RX_STATUS_TAIL_INVALID_LSB] = 1'b1;
              end
            end
            QREG_RX_CTRL: begin
              if (!w_data_q[RX_CTRL_ENABLE_LSB]) begin
                rx_enable_d[q] = 1'b0;
                rx_status_d[q] = '0;
                rx_head_d[q]   = '0;
                rx_tail_d[q]   = '0;
                rx_reset_d[q]  = 1'b1;
              end else if (!rx_enable_q[q]) begin
                val_status = '0;
                val_status[RX_STATUS_LEN_INVALID_LSB]      = !ring_len_ok(rx_len_q[q]);
                val_status[RX_STATUS_BASE_MISALIGNED_LSB]  = (rx_base_lo_q[q][3:0] != 4'd0);
                val_status[RX_STATUS_TAIL_INVALID_LSB]     =
                    ({{(32 - RingIdxW){1'b0}}, rx_tail_q[q]} >= rx_len_q[q]);
                val_status[RX_STATUS_BUF_SIZE_INVALID_LSB] =
                    (rx_buf_size_q[q][2:0] != 3'd0) || (rx_buf_size_q[q] < MIN_RX_BUF_SIZE) ||
                    (rx_buf_size_q[q] > MAX_RX_BUF_SIZE);
                rx_enable_d[q] = 1'b1;
                rx_status_d[q] = val_status;
              end
            end
            // ------------------------------------------------------------ TX ring
            QREG_TX_BASE_LO:  tx_base_lo_d[q]  = w_data_q;
            QREG_TX_BASE_HI:  tx_base_hi_d[q]  = w_data_q;
            QREG_TX_LEN:      tx_len_d[q]      = w_data_q;
            QREG_TX_TAIL: begin
              if (w_data_q < tx_len_q[q] && w_data_q < MAX_RING_LEN) begin
                tx_tail_d[q] = w_data_q[RingIdxW-1:0];
              end else begin
                tx_status_d[q][TX_STATUS_TAIL_INVALID_LSB] = 1'b1;
              end
            end
            QREG_TX_CTRL: begin
              if (!w_data_q[TX_CTRL_ENABLE_LSB]) begin
                tx_enable_d[q] = 1'b0;
                tx_status_d[q] = '0;
                tx_head_d[q]   = '0;
                tx_tail_d[q]   = '0;
                tx_reset_d[q]  = 1'b1;
              end else if (!tx_enable_q[q]) begin
                val_status = '0;
                val_status[TX_STATUS_LEN_INVALID_LSB]     = !ring_len_ok(tx_len_q[q]);
                val_status[TX_STATUS_BASE_MISALIGNED_LSB] = (tx_base_lo_q[q][3:0] != 4'd0);
                val_status[TX_STATUS_TAIL_INVALID_LSB]    =
                    ({{(32 - RingIdxW){1'b0}}, tx_tail_q[q]} >= tx_len_q[q]);
                tx_enable_d[q] = 1'b1;
                tx_status_d[q] = val_status;
              end
            end
            // ------------------------------------------------------------ interrupt routing
            // A vector >= NumVectors flags intr_error.ivar_invalid and routes to vector 0; a
            // value the field cannot hold reads back as the field's maximum.
            QREG_RX_IVAR: begin
              rx_ivar_d[q] = (w_data_q > IVAR_MAX) ? 5'(IVAR_MAX) :
                             w_data_q[RX_IVAR_VECTOR_LSB +: RX_IVAR_VECTOR_WIDTH];
              if (w_data_q >= 32'(NumVectors)) begin
                ivar_set    = 1'b1;
                rx_vec_d[q] = '0;
              end else begin
                rx_vec_d[q] = w_data_q[3:0];
              end
            end
            QREG_TX_IVAR: begin
              tx_ivar_d[q] = (w_data_q > IVAR_MAX) ? 5'(IVAR_MAX) :
                             w_data_q[TX_IVAR_VECTOR_LSB +: TX_IVAR_VECTOR_WIDTH];
              if (w_data_q >= 32'(NumVectors)) begin
                ivar_set    = 1'b1;
                tx_vec_d[q] = '0;
              end else begin
                tx_vec_d[q] = w_data_q[3:0];
              end
            end
            default: ;
          endcase
        end
      end

      for (int unsigned v = 0; v < NumVectors; v++) begin
        if (wr_vector && wr_v == 4'(v)) begin
          case (wr_voff)
            VREG_RX_USECS:  rx_usecs_d[v]  = sat16(w_data_q);
            VREG_RX_FRAMES: rx_frames_d[v] = sat16(w_data_q);
            VREG_TX_USECS:  tx_usecs_d[v]  = sat16(w_data_q);
            VREG_TX_FRAMES: tx_frames_d[v] = sat16(w_data_q);
            default: ;
          endcase
        end
      end
    end

    // Write 1 to clear; an error or cause reported in the same cycle wins.
    dma_error_d    = (dma_error_q && !dma_err_clr) || dma_err_set;
    intr_cause_d   = (intr_cause_q & ~cause_clr) | cause_set;
    ivar_invalid_d = (ivar_invalid_q && !ivar_clr) || ivar_set;

    // ---------------------------------------------------------------- AXI4-Lite read
    if (s_axil_arvalid_i && !ar_full_q) begin
      ar_full_d = 1'b1;
      ar_addr_d = s_axil_araddr_i;
    end
    if (rvalid_q && s_axil_rready_i) begin
      rvalid_d = 1'b0;
    end

    rd_fire   = ar_full_q && !rvalid_q;
    rd_addr   = {ar_addr_q[15:2], 2'b00};
    rd_global = (rd_addr < QUEUE_BASE);
    rd_queue  = (rd_addr >= QUEUE_BASE) && (rd_addr < QUEUE_END);
    rd_qrel   = rd_addr - QUEUE_BASE;
    rd_q      = 4'(rd_qrel / QUEUE_STRIDE);
    rd_off    = 8'(rd_qrel % QUEUE_STRIDE);
    rd_vector = (rd_addr >= VECTOR_BASE) && (rd_addr < VECTOR_END);
    rd_vrel   = rd_addr - VECTOR_BASE;
    rd_v      = 4'(rd_vrel / VECTOR_STRIDE);
    rd_voff   = 8'(rd_vrel % VECTOR_STRIDE);

    if (rd_global) begin
      case (rd_addr)
        REG_ID:               rd_val = REG_ID_RESET;
        REG_VERSION:          rd_val = REG_VERSION_RESET;
        REG_CAPS:             rd_val = caps_value();
        REG_CTRL: begin
          rd_val[CTRL_RX_EN_LSB] = rx_en_q;
          rd_val[CTRL_TX_EN_LSB] = tx_en_q;
        end
        REG_MAX_FRAME_LEN:    rd_val[MAX_FRAME_LEN_LEN_LSB +: MAX_FRAME_LEN_LEN_WIDTH] =
                                  max_frame_len_q;
        REG_SCRATCH:          rd_val = scratch_q;
        REG_RX_DEFAULT_QUEUE: rd_val[RX_DEFAULT_QUEUE_QUEUE_LSB +: RX_DEFAULT_QUEUE_QUEUE_WIDTH] =
                                  rx_default_queue_q;
        REG_STATUS:           rd_val[STATUS_DMA_ERROR_LSB] = dma_error_q;
        REG_US_PRESCALER:     rd_val[US_PRESCALER_CYCLES_LSB +: US_PRESCALER_CYCLES_WIDTH] =
                                  us_prescaler_q;
        REG_INTR_CAUSE:       rd_val = intr_cause_q;
        REG_INTR_MASK:        rd_val[INTR_MASK_VECTORS_LSB +: NumVectors] = masked_i;
        REG_INTR_ERROR:       rd_val[INTR_ERROR_IVAR_INVALID_LSB] = ivar_invalid_q;
        default: ;
      endcase
      for (int unsigned i = 0; i < NUM_GCNT; i++) begin
        if (rd_addr == gcnt_lo_addr(i)) begin
          rd_val  = gcnt_q[i][31:0];
          hi_snap = gcnt_q[i][63:32];
        end
        if (rd_addr == gcnt_hi_addr(i)) begin
          rd_val = cnt_shadow_q;
        end
      end
    end

    for (int unsigned q = 0; q < NumQueues; q++) begin
      if (rd_queue && rd_q == 4'(q)) begin
        case (rd_off)
          QREG_RX_BASE_LO:  rd_val = rx_base_lo_q[q];
          QREG_RX_BASE_HI:  rd_val = rx_base_hi_q[q];
          QREG_RX_LEN:      rd_val = rx_len_q[q];
          QREG_RX_HEAD:     rd_val = 32'(rx_head_q[q]);
          QREG_RX_TAIL:     rd_val = 32'(rx_tail_q[q]);
          QREG_RX_CTRL:     rd_val[RX_CTRL_ENABLE_LSB] = rx_enable_q[q];
          QREG_RX_STATUS:   rd_val = rx_status_q[q];
          QREG_RX_BUF_SIZE: rd_val = rx_buf_size_q[q];
          QREG_TX_BASE_LO:  rd_val = tx_base_lo_q[q];
          QREG_TX_BASE_HI:  rd_val = tx_base_hi_q[q];
          QREG_TX_LEN:      rd_val = tx_len_q[q];
          QREG_TX_HEAD:     rd_val = 32'(tx_head_q[q]);
          QREG_TX_TAIL:     rd_val = 32'(tx_tail_q[q]);
          QREG_TX_CTRL:     rd_val[TX_CTRL_ENABLE_LSB] = tx_enable_q[q];
          QREG_TX_STATUS:   rd_val = tx_status_q[q];
          QREG_RX_IVAR:     rd_val[RX_IVAR_VECTOR_LSB +: RX_IVAR_VECTOR_WIDTH] = rx_ivar_q[q];
          QREG_TX_IVAR:     rd_val[TX_IVAR_VECTOR_LSB +: TX_IVAR_VECTOR_WIDTH] = tx_ivar_q[q];
          default: ;
        endcase
        for (int unsigned i = 0; i < NUM_QCNT; i++) begin
          if (rd_off == qcnt_lo_off(i)) begin
            rd_val  = qcnt_q[q][i][31:0];
            hi_snap = qcnt_q[q][i][63:32];
          end
          if (rd_off == qcnt_hi_off(i)) begin
            rd_val = cnt_shadow_q;
          end
        end
      end
    end

    for (int unsigned v = 0; v < NumVectors; v++) begin
      if (rd_vector && rd_v == 4'(v)) begin
        case (rd_voff)
          VREG_RX_USECS:     rd_val[15:0] = rx_usecs_q[v];
          VREG_RX_FRAMES:    rd_val[15:0] = rx_frames_q[v];
          VREG_TX_USECS:     rd_val[15:0] = tx_usecs_q[v];
          VREG_TX_FRAMES:    rd_val[15:0] = tx_frames_q[v];
          VREG_RX_PENDING:   rd_val[15:0] = rx_pending_i[v];
          VREG_TX_PENDING:   rd_val[15:0] = tx_pending_i[v];
          VREG_IRQ_COUNT_LO: begin
            rd_val  = irq_cnt_q[v][31:0];
            hi_snap = irq_cnt_q[v][63:32];
          end
          VREG_IRQ_COUNT_HI: rd_val = cnt_shadow_q;
          default: ;
        endcase
      end
    end

    if (rd_fire) begin
      ar_full_d    = 1'b0;
      rvalid_d     = 1'b1;
      rdata_d      = rd_val;
      cnt_shadow_d = hi_snap;
    end
  end

  // ------------------------------------------------------------------ registers
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      aw_full_q          <= 1'b0;
      aw_addr_q          <= '0;
      w_full_q           <= 1'b0;
      w_data_q           <= '0;
      bvalid_q           <= 1'b0;
      ar_full_q          <= 1'b0;
      ar_addr_q          <= '0;
      rvalid_q           <= 1'b0;
      rdata_q            <= '0;
      cnt_shadow_q       <= '0;
      rx_en_q            <= REG_CTRL_RESET[CTRL_RX_EN_LSB];
      tx_en_q            <= REG_CTRL_RESET[CTRL_TX_EN_LSB];
      max_frame_len_q    <= REG_MAX_FRAME_LEN_RESET[MAX_FRAME_LEN_LEN_LSB +: MAX_FRAME_LEN_LEN_WIDTH];
      scratch_q          <= REG_SCRATCH_RESET;
      rx_default_queue_q <=
          REG_RX_DEFAULT_QUEUE_RESET[RX_DEFAULT_QUEUE_QUEUE_LSB +: RX_DEFAULT_QUEUE_QUEUE_WIDTH];
      dma_error_q        <= REG_STATUS_RESET[STATUS_DMA_ERROR_LSB];
      for (int unsigned q = 0; q < NumQueues; q++) begin
        rx_base_lo_q[q]  <= QREG_RX_BASE_LO_RESET;
        rx_base_hi_q[q]  <= QREG_RX_BASE_HI_RESET;
        rx_len_q[q]      <= QREG_RX_LEN_RESET;
        rx_buf_size_q[q] <= QREG_RX_BUF_SIZE_RESET;
        rx_head_q[q]     <= QREG_RX_HEAD_RESET[RingIdxW-1:0];
        rx_tail_q[q]     <= QREG_RX_TAIL_RESET[RingIdxW-1:0];
        rx_enable_q[q]   <= QREG_RX_CTRL_RESET[RX_CTRL_ENABLE_LSB];
        rx_status_q[q]   <= QREG_RX_STATUS_RESET;
        tx_base_lo_q[q]  <= QREG_TX_BASE_LO_RESET;
        tx_base_hi_q[q]  <= QREG_TX_BASE_HI_RESET;
        tx_len_q[q]      <= QREG_TX_LEN_RESET;
        tx_head_q[q]     <= QREG_TX_HEAD_RESET[RingIdxW-1:0];
        tx_tail_q[q]     <= QREG_TX_TAIL_RESET[RingIdxW-1:0];
        tx_enable_q[q]   <= QREG_TX_CTRL_RESET[TX_CTRL_ENABLE_LSB];
        tx_status_q[q]   <= QREG_TX_STATUS_RESET;
      end
      rx_reset_q         <= '0;
      tx_reset_q         <= '0;
      gcnt_q             <= '0;
      qcnt_q             <= '0;
      us_prescaler_q     <= REG_US_PRESCALER_RESET[US_PRESCALER_CYCLES_LSB +: US_PRESCALER_CYCLES_WIDTH];
      intr_cause_q       <= REG_INTR_CAUSE_RESET;
      ivar_invalid_q     <= REG_INTR_ERROR_RESET[INTR_ERROR_IVAR_INVALID_LSB];
      mask_set_q         <= '0;
      rearm_q            <= '0;
      for (int unsigned q = 0; q < NumQueues; q++) begin
        rx_ivar_q[q]     <= QREG_RX_IVAR_RESET[RX_IVAR_VECTOR_LSB +: RX_IVAR_VECTOR_WIDTH];
        tx_ivar_q[q]     <= QREG_TX_IVAR_RESET[TX_IVAR_VECTOR_LSB +: TX_IVAR_VECTOR_WIDTH];
        rx_vec_q[q]      <= 4'(QREG_RX_IVAR_RESET[RX_IVAR_VECTOR_LSB +: RX_IVAR_VECTOR_WIDTH]);
        tx_vec_q[q]      <= 4'(QREG_TX_IVAR_RESET[TX_IVAR_VECTOR_LSB +: TX_IVAR_VECTOR_WIDTH]);
      end
      for (int unsigned v = 0; v < NumVectors; v++) begin
        rx_usecs_q[v]    <= VREG_RX_USECS_RESET[15:0];
        rx_frames_q[v]   <= VREG_RX_FRAMES_RESET[15:0];
        tx_usecs_q[v]    <= VREG_TX_USECS_RESET[15:0];
        tx_frames_q[v]   <= VREG_TX_FRAMES_RESET[15:0];
      end
      irq_cnt_q          <= '0;
    end else begin
      aw_full_q          <= aw_full_d;
      aw_addr_q          <= aw_addr_d;
      w_full_q           <= w_full_d;
      w_data_q           <= w_data_d;
      bvalid_q           <= bvalid_d;
      ar_full_q          <= ar_full_d;
      ar_addr_q          <= ar_addr_d;
      rvalid_q           <= rvalid_d;
      rdata_q            <= rdata_d;
      cnt_shadow_q       <= cnt_shadow_d;
      rx_en_q            <= rx_en_d;
      tx_en_q            <= tx_en_d;
      max_frame_len_q    <= max_frame_len_d;
      scratch_q          <= scratch_d;
      rx_default_queue_q <= rx_default_queue_d;
      dma_error_q        <= dma_error_d;
      rx_base_lo_q       <= rx_base_lo_d;
      rx_base_hi_q       <= rx_base_hi_d;
      rx_len_q           <= rx_len_d;
      rx_buf_size_q      <= rx_buf_size_d;
      rx_head_q          <= rx_head_d;
      rx_tail_q          <= rx_tail_d;
      rx_enable_q        <= rx_enable_d;
      rx_status_q        <= rx_status_d;
      rx_reset_q         <= rx_reset_d;
      tx_base_lo_q       <= tx_base_lo_d;
      tx_base_hi_q       <= tx_base_hi_d;
      tx_len_q           <= tx_len_d;
      tx_head_q          <= tx_head_d;
      tx_tail_q          <= tx_tail_d;
      tx_enable_q        <= tx_enable_d;
      tx_status_q        <= tx_status_d;
      tx_reset_q         <= tx_reset_d;
      gcnt_q             <= gcnt_d;
      qcnt_q             <= qcnt_d;
      us_prescaler_q     <= us_prescaler_d;
      intr_cause_q       <= intr_cause_d;
      ivar_invalid_q     <= ivar_invalid_d;
      mask_set_q         <= mask_set_d;
      rearm_q            <= rearm_d;
      rx_ivar_q          <= rx_ivar_d;
      tx_ivar_q          <= tx_ivar_d;
      rx_vec_q           <= rx_vec_d;
      tx_vec_q           <= tx_vec_d;
      rx_usecs_q         <= rx_usecs_d;
      rx_frames_q        <= rx_frames_d;
      tx_usecs_q         <= tx_usecs_d;
      tx_frames_q        <= tx_frames_d;
      irq_cnt_q          <= irq_cnt_d;
    end
  end

  // ------------------------------------------------------------------ outputs
  assign s_axil_awready_o = !aw_full_q;
  assign s_axil_wready_o  = !w_full_q;
  assign s_axil_bresp_o   = RESP_OKAY;
  assign s_axil_bvalid_o  = bvalid_q;
  assign s_axil_arready_o = !ar_full_q;
  assign s_axil_rdata_o   = rdata_q;
  assign s_axil_rresp_o   = RESP_OKAY;
  assign s_axil_rvalid_o  = rvalid_q;

  assign rx_en_o            = rx_en_q;
  assign tx_en_o            = tx_en_q;
  assign max_frame_len_o    = max_frame_len_q;
  assign rx_default_queue_o = rx_default_queue_q;

  for (genvar q = 0; q < NumQueues; q++) begin : gen_queue_out
    assign rx_base_o[q]     = {rx_base_hi_q[q], rx_base_lo_q[q]};
    assign rx_len_mask_o[q] = RingIdxW'(rx_len_q[q] - 32'd1);
    assign rx_head_o[q]     = rx_head_q[q];
    assign rx_tail_o[q]     = rx_tail_q[q];
    assign rx_buf_size_o[q] = rx_buf_size_q[q][15:0];
    assign rx_active_o[q]   = rx_enable_q[q] && (rx_status_q[q] == '0);
    assign tx_base_o[q]     = {tx_base_hi_q[q], tx_base_lo_q[q]};
    assign tx_len_mask[q]   = RingIdxW'(tx_len_q[q] - 32'd1);
    assign tx_head_o[q]     = tx_head_q[q];
    assign tx_tail_o[q]     = tx_tail_q[q];
    assign tx_active_o[q]   = tx_enable_q[q] && (tx_status_q[q] == '0);
  end
  assign rx_reset_o = rx_reset_q;
  assign tx_reset_o = tx_reset_q;

  assign cycles_per_us_o = us_prescaler_q;
  assign rx_vector_o     = rx_vec_q;
  assign tx_vector_o     = tx_vec_q;
  assign rx_usecs_o      = rx_usecs_q;
  assign rx_frames_o     = rx_frames_q;
  assign tx_usecs_o      = tx_usecs_q;
  assign tx_frames_o     = tx_frames_q;
  assign mask_set_o      = mask_set_q;
  assign rearm_o         = rearm_q;

  // awprot/arprot carry no meaning for this slave; wstrb is ignored (full-word writes).
  logic unused_axil;
  assign unused_axil = ^{s_axil_awprot_i, s_axil_arprot_i, s_axil_wstrb_i, aw_addr_q[1:0],
                         ar_addr_q[1:0]};

endmodule

`default_nettype wire
