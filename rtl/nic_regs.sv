// Copyright nicsim contributors. SPDX-License-Identifier: Apache-2.0
//
// Register file of the NIC behind an AXI4-Lite slave: global control and status, per-queue
// ring registers, and the 64-bit statistics counters. All offsets, reset values and field
// positions come from the generated nic_regmap_pkg (rtl/regmap.toml).
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
//  * A tail write >= len (or >= 2**RingIdxW) is not taken and sets tail_invalid. A tail taken,
//    and an enable, pulse {rx,tx}_kick_o[q]: the descriptor fetch looks at the queue again.
//  * rx_dma_ctrl/tx_dma_ctrl (prefetch and write-back coalescing) are checked against their
//    ranges at enable and at a write while enabled; a field out of range sets dma_ctrl_invalid.
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
//
// Classification registers (rss_ctrl, rss_key0..9, the reta and filter blocks) live in
// rx_classifier: an access to one of them is forwarded on cls_* in its wr_fire / rd_fire cycle.
// A forwarded read takes one cycle more (the classifier's read data is registered); a read and
// a write that would both be forwarded in the same cycle go one after the other (the write
// first), since the classifier has one address port.

`default_nettype none

module nic_regs
  import nic_regmap_pkg::*;
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
  input  wire logic [NumCntSrc-1:0][NUM_GCNT-1:0] gcnt_inc_i,
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
  if (TX_DMA_CTRL_FETCH_MIN_LSB != RX_DMA_CTRL_FETCH_MIN_LSB ||
      TX_DMA_CTRL_WB_THRESH_LSB != RX_DMA_CTRL_WB_THRESH_LSB ||
      TX_DMA_CTRL_WB_DELAY_LSB != RX_DMA_CTRL_WB_DELAY_LSB) begin : gen_dma_ctrl_layout_check
    $fatal(1, "%m: rx_dma_ctrl and tx_dma_ctrl must share one layout");
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
  localparam logic [15:0] RETA_END        = RETA_BASE + 16'(RETA_COUNT) * RETA_STRIDE;
  localparam logic [15:0] FILTER_END      = FILTER_BASE + 16'(FILTER_COUNT) * FILTER_STRIDE;
  // ivar entries saturate here when written with a value the field cannot hold.
  localparam logic [31:0] IVAR_MAX        = (32'd1 << RX_IVAR_VECTOR_WIDTH) - 32'd1;
  localparam logic [1:0]  RESP_OKAY       = 2'b00;
  // Index widths of the queue and vector banks.
  localparam int unsigned QIdxW = (NumQueues > 1) ? $clog2(NumQueues) : 1;
  localparam int unsigned VIdxW = (NumVectors > 1) ? $clog2(NumVectors) : 1;

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
      GCNT_RX_FRAMES:                          return REG_RX_FRAMES_LO;
      GCNT_RX_RUNT:                            return REG_RX_RUNT_LO;
      GCNT_RX_OVERSIZE:                        return REG_RX_OVERSIZE_LO;
      GCNT_RX_FCS_ERRORS:                      return REG_RX_FCS_ERRORS_LO;
      GCNT_RX_BUFFER_DROPS:                    return REG_RX_BUFFER_DROPS_LO;
      GCNT_RX_NO_DESC_DROPS:                   return REG_RX_NO_DESC_DROPS_LO;
      GCNT_RX_QUEUE_OFF_DROPS:                 return REG_RX_QUEUE_OFF_DROPS_LO;
      GCNT_RX_DISABLED_DROPS:                  return REG_RX_DISABLED_DROPS_LO;
      GCNT_RX_DMA_ERROR_DROPS:                 return REG_RX_DMA_ERROR_DROPS_LO;
      GCNT_DMA_ERRORS:                         return REG_DMA_ERRORS_LO;
      GCNT_RX_FILTER_DROPS:                    return REG_RX_FILTER_DROPS_LO;
      GCNT_RX_MALFORMED_TRUNCATED_ETHERNET:    return REG_RX_MALFORMED_TRUNCATED_ETHERNET_LO;
      GCNT_RX_MALFORMED_TRUNCATED_VLAN:        return REG_RX_MALFORMED_TRUNCATED_VLAN_LO;
      GCNT_RX_MALFORMED_TRUNCATED_IPV4:        return REG_RX_MALFORMED_TRUNCATED_IPV4_LO;
      GCNT_RX_MALFORMED_IPV4_BAD_VERSION:      return REG_RX_MALFORMED_IPV4_BAD_VERSION_LO;
      GCNT_RX_MALFORMED_IPV4_BAD_IHL:          return REG_RX_MALFORMED_IPV4_BAD_IHL_LO;
      GCNT_RX_MALFORMED_IPV4_TOTAL_LENGTH_EXCEEDS_FRAME:
        return REG_RX_MALFORMED_IPV4_TOTAL_LENGTH_EXCEEDS_FRAME_LO;
      GCNT_RX_MALFORMED_IPV4_TOTAL_LENGTH_BELOW_HEADER:
        return REG_RX_MALFORMED_IPV4_TOTAL_LENGTH_BELOW_HEADER_LO;
      GCNT_RX_MALFORMED_TRUNCATED_IPV6:        return REG_RX_MALFORMED_TRUNCATED_IPV6_LO;
      GCNT_RX_MALFORMED_IPV6_BAD_VERSION:      return REG_RX_MALFORMED_IPV6_BAD_VERSION_LO;
      GCNT_RX_MALFORMED_IPV6_PAYLOAD_LENGTH_EXCEEDS_FRAME:
        return REG_RX_MALFORMED_IPV6_PAYLOAD_LENGTH_EXCEEDS_FRAME_LO;
      GCNT_RX_MALFORMED_TRUNCATED_TCP:         return REG_RX_MALFORMED_TRUNCATED_TCP_LO;
      GCNT_RX_MALFORMED_TRUNCATED_UDP:         return REG_RX_MALFORMED_TRUNCATED_UDP_LO;
      GCNT_DMA_RD_BUSY_CYCLES:                 return REG_DMA_RD_BUSY_CYCLES_LO;
      GCNT_DMA_WR_BUSY_CYCLES:                 return REG_DMA_WR_BUSY_CYCLES_LO;
      default:                                 return 16'hFFFF;  // never matches a word address
    endcase
  endfunction

  // The _hi half of every 64-bit counter follows its _lo half (regmap.toml: a _lo/_hi pair).
  function automatic logic [15:0] gcnt_hi_addr(int unsigned i);
    return gcnt_lo_addr(i) + 16'd4;
  endfunction

  function automatic logic [7:0] qcnt_lo_off(int unsigned i);
    case (i)
      QCNT_RX_Q_FRAMES: return QREG_RX_Q_FRAMES_LO;
      QCNT_RX_Q_BYTES:  return QREG_RX_Q_BYTES_LO;
      QCNT_TX_Q_FRAMES: return QREG_TX_Q_FRAMES_LO;
      QCNT_TX_Q_BYTES:  return QREG_TX_Q_BYTES_LO;
      default:                                 return 8'hFF;
    endcase
  endfunction

  function automatic logic [7:0] qcnt_hi_off(int unsigned i);
    case (i)
      QCNT_RX_Q_FRAMES: return QREG_RX_Q_FRAMES_HI;
      QCNT_RX_Q_BYTES:  return QREG_RX_Q_BYTES_HI;
      QCNT_TX_Q_FRAMES: return QREG_TX_Q_FRAMES_HI;
      QCNT_TX_Q_BYTES:  return QREG_TX_Q_BYTES_HI;
      default:                                 return 8'hFF;
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

  // Registers rx_classifier serves.
  function automatic logic classifier_addr(logic [15:0] a);
    return (a == REG_RSS_CTRL) || (a >= REG_RSS_KEY0 && a <= REG_RSS_KEY9) ||
           (a >= RETA_BASE && a < RETA_END) || (a >= FILTER_BASE && a < FILTER_END);
  endfunction

  // A queue index reported by a DMA engine or decoded from an address names an implemented queue.
  function automatic logic queue_ok(logic [3:0] q);
    return 32'(q) < NumQueues;
  endfunction

  // rx_dma_ctrl / tx_dma_ctrl (one layout), as stored: {wb_delay, wb_thresh, fetch_min}.
  // In range: fetch_min and wb_thresh 1..16, wb_delay 1..255.
  `define NIC_DMA_CTRL_FIELDS(v) {v[RX_DMA_CTRL_WB_DELAY_LSB +: 8], \
                                  v[RX_DMA_CTRL_WB_THRESH_LSB +: 5], \
                                  v[RX_DMA_CTRL_FETCH_MIN_LSB +: 5]}
  function automatic logic dma_ctrl_ok(logic [17:0] f);
    return f[4:0] >= 5'd1 && f[4:0] <= 5'd16 && f[9:5] >= 5'd1 && f[9:5] <= 5'd16 &&
           f[17:10] != 8'd0;
  endfunction

  // The register value of stored dma_ctrl fields (read back, validated).
  function automatic logic [31:0] dma_ctrl_value(logic [17:0] f);
    logic [31:0] v;
    v = '0;
    v[RX_DMA_CTRL_FETCH_MIN_LSB +: 5] = f[4:0];
    v[RX_DMA_CTRL_WB_THRESH_LSB +: 5] = f[9:5];
    v[RX_DMA_CTRL_WB_DELAY_LSB +: 8]  = f[17:10];
    return v;
  endfunction

  // Validation when a queue is enabled: the status bits the configuration deserves.
  function automatic logic [31:0] rx_validate(logic [31:0] len, logic [3:0] base_low,
                                              logic [RingIdxW-1:0] tail, logic [31:0] buf_size,
                                              logic [17:0] dma_ctrl);
    logic [31:0] st;
    st = '0;
    st[RX_STATUS_LEN_INVALID_LSB]      = !ring_len_ok(len);
    st[RX_STATUS_BASE_MISALIGNED_LSB]  = (base_low != 4'd0);
    st[RX_STATUS_TAIL_INVALID_LSB]     = ({{(32 - RingIdxW){1'b0}}, tail} >= len);
    st[RX_STATUS_BUF_SIZE_INVALID_LSB] = (buf_size[2:0] != 3'd0) || (buf_size < MIN_RX_BUF_SIZE) ||
                                         (buf_size > MAX_RX_BUF_SIZE);
    st[RX_STATUS_DMA_CTRL_INVALID_LSB] = !dma_ctrl_ok(dma_ctrl);
    return st;
  endfunction

  function automatic logic [31:0] tx_validate(logic [31:0] len, logic [3:0] base_low,
                                              logic [RingIdxW-1:0] tail, logic [17:0] dma_ctrl);
    logic [31:0] st;
    st = '0;
    st[TX_STATUS_LEN_INVALID_LSB]     = !ring_len_ok(len);
    st[TX_STATUS_BASE_MISALIGNED_LSB] = (base_low != 4'd0);
    st[TX_STATUS_TAIL_INVALID_LSB]    = ({{(32 - RingIdxW){1'b0}}, tail} >= len);
    st[TX_STATUS_DMA_CTRL_INVALID_LSB] = !dma_ctrl_ok(dma_ctrl);
    return st;
  endfunction

  // An ivar write: the field as read back (saturated), and the vector used.
  function automatic logic [4:0] ivar_field(logic [31:0] value);
    return (value > IVAR_MAX) ? 5'(IVAR_MAX) : value[4:0];
  endfunction

  function automatic logic [3:0] ivar_vector(logic [31:0] value);
    return (value >= 32'(NumVectors)) ? 4'd0 : value[3:0];
  endfunction

  // Increments of global counter i in this cycle, from all sources.
  localparam int unsigned GcntW = $clog2(NUM_GCNT);
  function automatic logic [3:0] gcnt_sum(logic [NumCntSrc-1:0][NUM_GCNT-1:0] inc,
                                          logic [GcntW-1:0] i);
    logic [3:0] n;
    n = '0;
    for (int unsigned s = 0; s < NumCntSrc; s++) begin
      n = n + {3'b000, inc[s][i]};
    end
    return n;
  endfunction

  // ------------------------------------------------------------------ state
  // Simulation speed shapes this block (the co-simulation evaluates it every clock cycle, and
  // almost every cycle is one without a register access):
  //  * Only the AXI4-Lite handshake registers look at the bus inputs, so Verilator's
  //    input-combinational region stays a few gates.
  //  * The register file is written and read with the register-file idiom: the sequential
  //    block decodes the held address in the cycle a write or read is performed (wr_fire,
  //    rd_fire) and updates or reads the one register addressed. Hardware reports (head
  //    advances, status bits, counter increments, interrupt causes) likewise touch only the
  //    entry they name. An idle cycle therefore costs a few tests, where next-state logic with
  //    a default for every register would copy the whole register file each cycle.
  //  * Per-queue and per-vector registers are banks indexed by queue / vector.

  // AXI4-Lite holding registers.
  logic        aw_full_q;
  logic [15:0] aw_addr_q;
  logic        aw_cls_q;  // aw_addr_q is a classifier register (decoded once, when it is taken)
  logic        w_full_q;
  logic [31:0] w_data_q;
  logic        bvalid_q;
  logic        ar_full_q;
  logic [15:0] ar_addr_q;
  logic        ar_cls_q;
  logic        rvalid_q;
  logic        rd_cls_q;  // a forwarded read: its data arrives on cls_rdata_i this cycle
  logic [31:0] rdata_q;
  logic [31:0] cnt_shadow_q;

  // Global registers.
  logic                                    rx_en_q, tx_en_q;
  logic [MAX_FRAME_LEN_LEN_WIDTH-1:0]      max_frame_len_q;
  logic [31:0]                             scratch_q;
  logic [RX_DEFAULT_QUEUE_QUEUE_WIDTH-1:0] rx_default_queue_q;
  logic                                    dma_error_q;
  logic [15:0]                             us_prescaler_q;
  logic [31:0]                             intr_cause_q;
  logic                                    ivar_invalid_q;
  logic [NumVectors-1:0]                   mask_set_q, rearm_q;     // one-cycle pulses

  // Per-queue registers. rx_base/tx_base, the length masks, heads, tails, RX buffer sizes and
  // routing vectors are read live by the engines; the rest only by software. rx_ivar/tx_ivar
  // hold the field as read back, rx_vec/tx_vec the vector actually used (0 for an invalid
  // entry). rx_buf_size keeps all 32 bits written (read back, validated); the engines get the
  // low 16 (valid sizes are at most 16384) from rx_bs.
  logic [NumQueues-1:0]                    rx_enable_q, tx_enable_q;
  logic [NumQueues-1:0]                    rx_reset_q, tx_reset_q;  // one-cycle pulses
  logic [NumQueues-1:0]                    rx_kick_q, tx_kick_q;    // one-cycle pulses
  logic [NumQueues-1:0][63:0]              rx_base_q, tx_base_q;
  logic [NumQueues-1:0][RingIdxW-1:0]      rx_len_mask_q, tx_len_mask_q;
  logic [NumQueues-1:0][RingIdxW-1:0]      rx_head_q, rx_tail_q, tx_head_q, tx_tail_q;
  logic [NumQueues-1:0][15:0]              rx_bs_q;
  logic [NumQueues-1:0][3:0]               rx_vec_q, tx_vec_q;
  logic [NumQueues-1:0][17:0]              rx_dmactl_q, tx_dmactl_q;
  logic [31:0]                             rx_buf_size_q [NumQueues];
  logic [31:0]                             rx_len_q [NumQueues];
  logic [31:0]                             tx_len_q [NumQueues];
  logic [31:0]                             rx_status_q [NumQueues];
  logic [31:0]                             tx_status_q [NumQueues];
  logic [4:0]                              rx_ivar_q [NumQueues];
  logic [4:0]                              tx_ivar_q [NumQueues];

  // Per-vector moderation settings.
  logic [NumVectors-1:0][15:0]             rx_usecs_q, rx_frames_q, tx_usecs_q, tx_frames_q;

  // Counters.
  logic [63:0]                             gcnt_q [NUM_GCNT];
  logic [63:0]                             qcnt_q [NumQueues][NUM_QCNT];
  logic [63:0]                             irq_cnt_q [NumVectors];

  // ------------------------------------------------------------------ AXI4-Lite handshakes
  logic wr_fire, rd_fire, wr_cls, rd_cls;
  assign wr_cls  = aw_cls_q;
  assign rd_cls  = ar_cls_q;
  assign wr_fire = aw_full_q && w_full_q && !bvalid_q;
  assign rd_fire = ar_full_q && !rvalid_q && !rd_cls_q && !(rd_cls && wr_fire && wr_cls);

  // A holding register fills when its channel hands over and empties when the access is
  // performed (wr_fire / rd_fire need it full, the fill needs it empty). The bus inputs are only
  // sampled here, at the clock edge.
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      aw_full_q <= 1'b0;
      aw_addr_q <= '0;
      aw_cls_q  <= 1'b0;
      w_full_q  <= 1'b0;
      w_data_q  <= '0;
      bvalid_q  <= 1'b0;
      ar_full_q <= 1'b0;
      ar_addr_q <= '0;
      ar_cls_q  <= 1'b0;
      rvalid_q  <= 1'b0;
      rd_cls_q  <= 1'b0;
    end else begin
      if (s_axil_awvalid_i && !aw_full_q) begin
        aw_full_q <= 1'b1;
        aw_addr_q <= s_axil_awaddr_i;
        aw_cls_q  <= classifier_addr({s_axil_awaddr_i[15:2], 2'b00});
      end else if (wr_fire) begin
        aw_full_q <= 1'b0;
      end
      if (s_axil_wvalid_i && !w_full_q) begin
        w_full_q <= 1'b1;
        w_data_q <= s_axil_wdata_i;
      end else if (wr_fire) begin
        w_full_q <= 1'b0;
      end
      if (wr_fire) begin
        bvalid_q <= 1'b1;
      end else if (bvalid_q && s_axil_bready_i) begin
        bvalid_q <= 1'b0;
      end
      if (s_axil_arvalid_i && !ar_full_q) begin
        ar_full_q <= 1'b1;
        ar_addr_q <= s_axil_araddr_i;
        ar_cls_q  <= classifier_addr({s_axil_araddr_i[15:2], 2'b00});
      end else if (rd_fire) begin
        ar_full_q <= 1'b0;
      end
      rd_cls_q <= rd_fire && rd_cls;
      if ((rd_fire && !rd_cls) || rd_cls_q) begin
        rvalid_q <= 1'b1;
      end else if (rvalid_q && s_axil_rready_i) begin
        rvalid_q <= 1'b0;
      end
    end
  end

  // ------------------------------------------------------------------ address decode
  // Of the held write and read addresses (used only in a wr_fire / rd_fire cycle).
  logic [15:0]      wr_addr, wr_qrel, wr_vrel, rd_addr, rd_qrel, rd_vrel;
  logic [3:0]       wr_q, wr_v, rd_q, rd_v;
  logic [7:0]       wr_off, wr_voff, rd_off, rd_voff;
  logic             wr_qblk, wr_vblk, rd_qblk, rd_vblk;
  logic [QIdxW-1:0] wq, rq;
  logic [VIdxW-1:0] wv, rv;

  assign wr_addr = {aw_addr_q[15:2], 2'b00};
  assign wr_qrel = wr_addr - QUEUE_BASE;
  assign wr_q    = 4'(wr_qrel / QUEUE_STRIDE);
  assign wr_off  = 8'(wr_qrel % QUEUE_STRIDE);
  assign wr_vrel = wr_addr - VECTOR_BASE;
  assign wr_v    = 4'(wr_vrel / VECTOR_STRIDE);
  assign wr_voff = 8'(wr_vrel % VECTOR_STRIDE);
  assign wr_qblk = (wr_addr >= QUEUE_BASE) && (wr_addr < QUEUE_END) && queue_ok(wr_q);
  assign wr_vblk = (wr_addr >= VECTOR_BASE) && (wr_addr < VECTOR_END) && (32'(wr_v) < NumVectors);
  assign wq      = QIdxW'(wr_q);
  assign wv      = VIdxW'(wr_v);

  assign rd_addr = {ar_addr_q[15:2], 2'b00};
  assign rd_qrel = rd_addr - QUEUE_BASE;
  assign rd_q    = 4'(rd_qrel / QUEUE_STRIDE);
  assign rd_off  = 8'(rd_qrel % QUEUE_STRIDE);
  assign rd_vrel = rd_addr - VECTOR_BASE;
  assign rd_v    = 4'(rd_vrel / VECTOR_STRIDE);
  assign rd_voff = 8'(rd_vrel % VECTOR_STRIDE);
  assign rd_qblk = (rd_addr >= QUEUE_BASE) && (rd_addr < QUEUE_END) && queue_ok(rd_q);
  assign rd_vblk = (rd_addr >= VECTOR_BASE) && (rd_addr < VECTOR_END) && (32'(rd_v) < NumVectors);
  assign rq      = QIdxW'(rd_q);
  assign rv      = VIdxW'(rd_v);

  // ------------------------------------------------------------------ hardware reports
  // Head advances and error status from the DMA engines (ignored on a disabled queue), counter
  // increments and interrupt causes.
  logic             rx_head_adv, tx_head_adv, rx_status_hw, tx_status_hw;
  logic [QIdxW-1:0] rx_adv_i, tx_adv_i, rx_set_i, tx_set_i;
  logic             gcnt_any, dma_err_set;
  logic [31:0]      cause_set;

  assign rx_adv_i     = QIdxW'(rx_head_adv_q_i);
  assign tx_adv_i     = QIdxW'(tx_head_adv_q_i);
  assign rx_set_i     = QIdxW'(rx_status_set_q_i);
  assign tx_set_i     = QIdxW'(tx_status_set_q_i);
  assign rx_head_adv  = rx_head_adv_i && queue_ok(rx_head_adv_q_i) && rx_enable_q[rx_adv_i];
  assign tx_head_adv  = tx_head_adv_i && queue_ok(tx_head_adv_q_i) && tx_enable_q[tx_adv_i];
  assign rx_status_hw = rx_status_set_i && queue_ok(rx_status_set_q_i) && rx_enable_q[rx_set_i];
  assign tx_status_hw = tx_status_set_i && queue_ok(tx_status_set_q_i) && tx_enable_q[tx_set_i];
  assign gcnt_any     = (gcnt_inc_i != '0);

  always_comb begin
    dma_err_set = 1'b0;
    for (int unsigned s = 0; s < NumCntSrc; s++) begin
      dma_err_set = dma_err_set | gcnt_inc_i[s][GCNT_DMA_ERRORS];
    end
    // Interrupt causes: the same completion events the moderation counts.
    cause_set = '0;
    if (rxq_done_i) begin
      cause_set[INTR_CAUSE_RX_LSB + 32'(rxq_done_q_i)] = 1'b1;
    end
    if (txq_done_i) begin
      cause_set[INTR_CAUSE_TX_LSB + 32'(txq_done_q_i)] = 1'b1;
    end
  end

  // ------------------------------------------------------------------ register file
  // Writes: the held write (wr_fire) updates the register it addresses. Hardware reports are
  // applied first; a register write in the same cycle to the same register comes later and
  // wins where the register map says so (a disable clears a head advanced in that cycle), while
  // write-1-to-clear bits and status bits reported in the same cycle stay set (the report wins).
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      rx_en_q            <= REG_CTRL_RESET[CTRL_RX_EN_LSB];
      tx_en_q            <= REG_CTRL_RESET[CTRL_TX_EN_LSB];
      max_frame_len_q    <= REG_MAX_FRAME_LEN_RESET[MAX_FRAME_LEN_LEN_LSB +: MAX_FRAME_LEN_LEN_WIDTH];
      scratch_q          <= REG_SCRATCH_RESET;
      rx_default_queue_q <=
          REG_RX_DEFAULT_QUEUE_RESET[RX_DEFAULT_QUEUE_QUEUE_LSB +: RX_DEFAULT_QUEUE_QUEUE_WIDTH];
      dma_error_q        <= REG_STATUS_RESET[STATUS_DMA_ERROR_LSB];
      us_prescaler_q     <= REG_US_PRESCALER_RESET[US_PRESCALER_CYCLES_LSB +: US_PRESCALER_CYCLES_WIDTH];
      intr_cause_q       <= REG_INTR_CAUSE_RESET;
      ivar_invalid_q     <= REG_INTR_ERROR_RESET[INTR_ERROR_IVAR_INVALID_LSB];
      mask_set_q         <= '0;
      rearm_q            <= '0;
      rx_enable_q        <= {NumQueues{QREG_RX_CTRL_RESET[RX_CTRL_ENABLE_LSB]}};
      tx_enable_q        <= {NumQueues{QREG_TX_CTRL_RESET[TX_CTRL_ENABLE_LSB]}};
      rx_reset_q         <= '0;
      tx_reset_q         <= '0;
      rx_kick_q          <= '0;
      tx_kick_q          <= '0;
      for (int unsigned q = 0; q < NumQueues; q++) begin
        rx_base_q[q]     <= {QREG_RX_BASE_HI_RESET, QREG_RX_BASE_LO_RESET};
        tx_base_q[q]     <= {QREG_TX_BASE_HI_RESET, QREG_TX_BASE_LO_RESET};
        rx_len_q[q]      <= QREG_RX_LEN_RESET;
        tx_len_q[q]      <= QREG_TX_LEN_RESET;
        rx_len_mask_q[q] <= RingIdxW'(QREG_RX_LEN_RESET - 32'd1);
        tx_len_mask_q[q] <= RingIdxW'(QREG_TX_LEN_RESET - 32'd1);
        rx_buf_size_q[q] <= QREG_RX_BUF_SIZE_RESET;
        rx_bs_q[q]       <= QREG_RX_BUF_SIZE_RESET[15:0];
        rx_head_q[q]     <= QREG_RX_HEAD_RESET[RingIdxW-1:0];
        rx_tail_q[q]     <= QREG_RX_TAIL_RESET[RingIdxW-1:0];
        tx_head_q[q]     <= QREG_TX_HEAD_RESET[RingIdxW-1:0];
        tx_tail_q[q]     <= QREG_TX_TAIL_RESET[RingIdxW-1:0];
        rx_status_q[q]   <= QREG_RX_STATUS_RESET;
        tx_status_q[q]   <= QREG_TX_STATUS_RESET;
        rx_ivar_q[q]     <= QREG_RX_IVAR_RESET[RX_IVAR_VECTOR_LSB +: RX_IVAR_VECTOR_WIDTH];
        tx_ivar_q[q]     <= QREG_TX_IVAR_RESET[TX_IVAR_VECTOR_LSB +: TX_IVAR_VECTOR_WIDTH];
        rx_vec_q[q]      <= 4'(QREG_RX_IVAR_RESET[RX_IVAR_VECTOR_LSB +: RX_IVAR_VECTOR_WIDTH]);
        tx_vec_q[q]      <= 4'(QREG_TX_IVAR_RESET[TX_IVAR_VECTOR_LSB +: TX_IVAR_VECTOR_WIDTH]);
        rx_dmactl_q[q]   <= `NIC_DMA_CTRL_FIELDS(QREG_RX_DMA_CTRL_RESET);
        tx_dmactl_q[q]   <= `NIC_DMA_CTRL_FIELDS(QREG_TX_DMA_CTRL_RESET);
      end
      for (int unsigned v = 0; v < NumVectors; v++) begin
        rx_usecs_q[v]    <= VREG_RX_USECS_RESET[15:0];
        rx_frames_q[v]   <= VREG_RX_FRAMES_RESET[15:0];
        tx_usecs_q[v]    <= VREG_TX_USECS_RESET[15:0];
        tx_frames_q[v]   <= VREG_TX_FRAMES_RESET[15:0];
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
      if (dma_err_set) begin
        dma_error_q <= 1'b1;
      end
      if (cause_set != '0) begin
        intr_cause_q <= intr_cause_q | cause_set;
      end

      // -------------------------------------------------------------- register writes
      if (wr_fire) begin
        if (wr_addr < QUEUE_BASE) begin
          case (wr_addr)
            REG_CTRL: begin
              rx_en_q <= w_data_q[CTRL_RX_EN_LSB];
              tx_en_q <= w_data_q[CTRL_TX_EN_LSB];
            end
            REG_MAX_FRAME_LEN: begin
              max_frame_len_q <= w_data_q[MAX_FRAME_LEN_LEN_LSB +: MAX_FRAME_LEN_LEN_WIDTH];
            end
            REG_SCRATCH: begin
              scratch_q <= w_data_q;
            end
            REG_RX_DEFAULT_QUEUE: begin
              rx_default_queue_q <=
                  w_data_q[RX_DEFAULT_QUEUE_QUEUE_LSB +: RX_DEFAULT_QUEUE_QUEUE_WIDTH];
            end
            REG_STATUS: begin
              dma_error_q <= (dma_error_q && !w_data_q[STATUS_DMA_ERROR_LSB]) || dma_err_set;
            end
            REG_US_PRESCALER: begin
              us_prescaler_q <= w_data_q[US_PRESCALER_CYCLES_LSB +: US_PRESCALER_CYCLES_WIDTH];
            end
            REG_INTR_CAUSE: begin
              intr_cause_q <= (intr_cause_q & ~w_data_q) | cause_set;
            end
            REG_INTR_MASK_SET: begin
              mask_set_q <= w_data_q[INTR_MASK_SET_VECTORS_LSB +: NumVectors];
            end
            REG_INTR_MASK_CLEAR: begin
              rearm_q <= w_data_q[INTR_MASK_CLEAR_VECTORS_LSB +: NumVectors];
            end
            REG_INTR_ERROR: begin
              if (w_data_q[INTR_ERROR_IVAR_INVALID_LSB]) begin
                ivar_invalid_q <= 1'b0;
              end
            end
            default: ;
          endcase
        end

        if (wr_qblk) begin
          case (wr_off)
            // ------------------------------------------------------------ RX ring
            QREG_RX_BASE_LO:  rx_base_q[wq][31:0]  <= w_data_q;
            QREG_RX_BASE_HI:  rx_base_q[wq][63:32] <= w_data_q;
            QREG_RX_LEN: begin
              rx_len_q[wq]      <= w_data_q;
              rx_len_mask_q[wq] <= RingIdxW'(w_data_q - 32'd1);
            end
            QREG_RX_BUF_SIZE: begin
              rx_buf_size_q[wq] <= w_data_q;
              rx_bs_q[wq]       <= w_data_q[15:0];
            end
            QREG_RX_TAIL: begin
              if (w_data_q < rx_len_q[wq] && w_data_q < MAX_RING_LEN) begin
                rx_tail_q[wq] <= w_data_q[RingIdxW-1:0];
                rx_kick_q[wq] <= 1'b1;
              end else begin
                // On top of a status report for the same queue in this cycle.
                rx_status_q[wq] <= rx_status_q[wq] |
                                   ((rx_status_hw && rx_set_i == wq) ? rx_status_set_bits_i : '0) |
                                   (32'd1 << RX_STATUS_TAIL_INVALID_LSB);
              end
            end
            QREG_RX_CTRL: begin
              if (!w_data_q[RX_CTRL_ENABLE_LSB]) begin
                rx_enable_q[wq] <= 1'b0;
                rx_status_q[wq] <= '0;
                rx_head_q[wq]   <= '0;
                rx_tail_q[wq]   <= '0;
                rx_reset_q[wq]  <= 1'b1;
              end else if (!rx_enable_q[wq]) begin
                rx_enable_q[wq] <= 1'b1;
                rx_kick_q[wq]   <= 1'b1;
                rx_status_q[wq] <= rx_validate(rx_len_q[wq], rx_base_q[wq][3:0], rx_tail_q[wq],
                                               rx_buf_size_q[wq], rx_dmactl_q[wq]);
              end
            end
            // ------------------------------------------------------------ TX ring
            QREG_TX_BASE_LO:  tx_base_q[wq][31:0]  <= w_data_q;
            QREG_TX_BASE_HI:  tx_base_q[wq][63:32] <= w_data_q;
            QREG_TX_LEN: begin
              tx_len_q[wq]      <= w_data_q;
              tx_len_mask_q[wq] <= RingIdxW'(w_data_q - 32'd1);
            end
            QREG_TX_TAIL: begin
              if (w_data_q < tx_len_q[wq] && w_data_q < MAX_RING_LEN) begin
                tx_tail_q[wq] <= w_data_q[RingIdxW-1:0];
                tx_kick_q[wq] <= 1'b1;
              end else begin
                tx_status_q[wq] <= tx_status_q[wq] |
                                   ((tx_status_hw && tx_set_i == wq) ? tx_status_set_bits_i : '0) |
                                   (32'd1 << TX_STATUS_TAIL_INVALID_LSB);
              end
            end
            QREG_TX_CTRL: begin
              if (!w_data_q[TX_CTRL_ENABLE_LSB]) begin
                tx_enable_q[wq] <= 1'b0;
                tx_status_q[wq] <= '0;
                tx_head_q[wq]   <= '0;
                tx_tail_q[wq]   <= '0;
                tx_reset_q[wq]  <= 1'b1;
              end else if (!tx_enable_q[wq]) begin
                tx_enable_q[wq] <= 1'b1;
                tx_kick_q[wq]   <= 1'b1;
                tx_status_q[wq] <= tx_validate(tx_len_q[wq], tx_base_q[wq][3:0], tx_tail_q[wq],
                                               tx_dmactl_q[wq]);
              end
            end
            // ------------------------------------------------------------ DMA settings
            // Stored as written (its fields); out of range on an enabled queue stops it at once.
            QREG_RX_DMA_CTRL: begin
              rx_dmactl_q[wq] <= `NIC_DMA_CTRL_FIELDS(w_data_q);
              if (rx_enable_q[wq] && !dma_ctrl_ok(`NIC_DMA_CTRL_FIELDS(w_data_q))) begin
                rx_status_q[wq] <= rx_status_q[wq] |
                                   ((rx_status_hw && rx_set_i == wq) ? rx_status_set_bits_i : '0) |
                                   (32'd1 << RX_STATUS_DMA_CTRL_INVALID_LSB);
              end
            end
            QREG_TX_DMA_CTRL: begin
              tx_dmactl_q[wq] <= `NIC_DMA_CTRL_FIELDS(w_data_q);
              if (tx_enable_q[wq] && !dma_ctrl_ok(`NIC_DMA_CTRL_FIELDS(w_data_q))) begin
                tx_status_q[wq] <= tx_status_q[wq] |
                                   ((tx_status_hw && tx_set_i == wq) ? tx_status_set_bits_i : '0) |
                                   (32'd1 << TX_STATUS_DMA_CTRL_INVALID_LSB);
              end
            end
            // ------------------------------------------------------------ interrupt routing
            // A vector >= NumVectors flags intr_error.ivar_invalid and routes to vector 0; a
            // value the field cannot hold reads back as the field's maximum.
            QREG_RX_IVAR: begin
              rx_ivar_q[wq] <= ivar_field(w_data_q);
              rx_vec_q[wq]  <= ivar_vector(w_data_q);
              if (w_data_q >= 32'(NumVectors)) begin
                ivar_invalid_q <= 1'b1;
              end
            end
            QREG_TX_IVAR: begin
              tx_ivar_q[wq] <= ivar_field(w_data_q);
              tx_vec_q[wq]  <= ivar_vector(w_data_q);
              if (w_data_q >= 32'(NumVectors)) begin
                ivar_invalid_q <= 1'b1;
              end
            end
            default: ;
          endcase
        end

        if (wr_vblk) begin
          case (wr_voff)
            VREG_RX_USECS:  rx_usecs_q[wv]  <= sat16(w_data_q);
            VREG_RX_FRAMES: rx_frames_q[wv] <= sat16(w_data_q);
            VREG_TX_USECS:  tx_usecs_q[wv]  <= sat16(w_data_q);
            VREG_TX_FRAMES: tx_frames_q[wv] <= sat16(w_data_q);
            default: ;
          endcase
        end
      end
    end
  end

  // Reads: the held read (rd_fire) registers the addressed value; reading a counter's _lo half
  // snapshots its upper half into the shared shadow that any _hi read returns.
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      rdata_q      <= '0;
      cnt_shadow_q <= '0;
    end else if (rd_fire) begin
      rdata_q <= '0;
      if (rd_addr < QUEUE_BASE) begin
        case (rd_addr)
          REG_ID:               rdata_q <= REG_ID_RESET;
          REG_VERSION:          rdata_q <= REG_VERSION_RESET;
          REG_CAPS:             rdata_q <= caps_value();
          REG_CTRL:             rdata_q <= (32'(rx_en_q) << CTRL_RX_EN_LSB) |
                                           (32'(tx_en_q) << CTRL_TX_EN_LSB);
          REG_MAX_FRAME_LEN:    rdata_q <= 32'(max_frame_len_q) << MAX_FRAME_LEN_LEN_LSB;
          REG_SCRATCH:          rdata_q <= scratch_q;
          REG_RX_DEFAULT_QUEUE: rdata_q <= 32'(rx_default_queue_q) << RX_DEFAULT_QUEUE_QUEUE_LSB;
          REG_STATUS:           rdata_q <= 32'(dma_error_q) << STATUS_DMA_ERROR_LSB;
          REG_US_PRESCALER:     rdata_q <= 32'(us_prescaler_q) << US_PRESCALER_CYCLES_LSB;
          REG_INTR_CAUSE:       rdata_q <= intr_cause_q;
          REG_INTR_MASK:        rdata_q <= 32'(masked_i) << INTR_MASK_VECTORS_LSB;
          REG_INTR_ERROR:       rdata_q <= 32'(ivar_invalid_q) << INTR_ERROR_IVAR_INVALID_LSB;
          default: begin
            for (int unsigned i = 0; i < NUM_GCNT; i++) begin
              if (rd_addr == gcnt_lo_addr(i)) begin
                rdata_q      <= gcnt_q[i][31:0];
                cnt_shadow_q <= gcnt_q[i][63:32];
              end
              if (rd_addr == gcnt_hi_addr(i)) begin
                rdata_q <= cnt_shadow_q;
              end
            end
          end
        endcase
      end else if (rd_qblk) begin
        case (rd_off)
          QREG_RX_BASE_LO:  rdata_q <= rx_base_q[rq][31:0];
          QREG_RX_BASE_HI:  rdata_q <= rx_base_q[rq][63:32];
          QREG_RX_LEN:      rdata_q <= rx_len_q[rq];
          QREG_RX_HEAD:     rdata_q <= 32'(rx_head_q[rq]);
          QREG_RX_TAIL:     rdata_q <= 32'(rx_tail_q[rq]);
          QREG_RX_CTRL:     rdata_q <= 32'(rx_enable_q[rq]) << RX_CTRL_ENABLE_LSB;
          QREG_RX_STATUS:   rdata_q <= rx_status_q[rq];
          QREG_RX_BUF_SIZE: rdata_q <= rx_buf_size_q[rq];
          QREG_TX_BASE_LO:  rdata_q <= tx_base_q[rq][31:0];
          QREG_TX_BASE_HI:  rdata_q <= tx_base_q[rq][63:32];
          QREG_TX_LEN:      rdata_q <= tx_len_q[rq];
          QREG_TX_HEAD:     rdata_q <= 32'(tx_head_q[rq]);
          QREG_TX_TAIL:     rdata_q <= 32'(tx_tail_q[rq]);
          QREG_TX_CTRL:     rdata_q <= 32'(tx_enable_q[rq]) << TX_CTRL_ENABLE_LSB;
          QREG_TX_STATUS:   rdata_q <= tx_status_q[rq];
          QREG_RX_IVAR:     rdata_q <= 32'(rx_ivar_q[rq]) << RX_IVAR_VECTOR_LSB;
          QREG_TX_IVAR:     rdata_q <= 32'(tx_ivar_q[rq]) << TX_IVAR_VECTOR_LSB;
          QREG_RX_DMA_CTRL: rdata_q <= dma_ctrl_value(rx_dmactl_q[rq]);
          QREG_TX_DMA_CTRL: rdata_q <= dma_ctrl_value(tx_dmactl_q[rq]);
          default: begin
            for (int unsigned i = 0; i < NUM_QCNT; i++) begin
              if (rd_off == qcnt_lo_off(i)) begin
                rdata_q      <= qcnt_q[rq][i][31:0];
                cnt_shadow_q <= qcnt_q[rq][i][63:32];
              end
              if (rd_off == qcnt_hi_off(i)) begin
                rdata_q <= cnt_shadow_q;
              end
            end
          end
        endcase
      end else if (rd_vblk) begin
        case (rd_voff)
          VREG_RX_USECS:     rdata_q <= 32'(rx_usecs_q[rv]);
          VREG_RX_FRAMES:    rdata_q <= 32'(rx_frames_q[rv]);
          VREG_TX_USECS:     rdata_q <= 32'(tx_usecs_q[rv]);
          VREG_TX_FRAMES:    rdata_q <= 32'(tx_frames_q[rv]);
          VREG_RX_PENDING:   rdata_q <= 32'(rx_pending_i[rv]);
          VREG_TX_PENDING:   rdata_q <= 32'(tx_pending_i[rv]);
          VREG_IRQ_COUNT_LO: begin
            rdata_q      <= irq_cnt_q[rv][31:0];
            cnt_shadow_q <= irq_cnt_q[rv][63:32];
          end
          VREG_IRQ_COUNT_HI: rdata_q <= cnt_shadow_q;
          default: ;
        endcase
      end
    end else if (rd_cls_q) begin
      rdata_q <= cls_rdata_i;
    end
  end

  // Counters: each is touched only in a cycle that counts something for it. Counters wrap.
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      for (int unsigned i = 0; i < NUM_GCNT; i++) begin
        gcnt_q[i] <= '0;
      end
      for (int unsigned q = 0; q < NumQueues; q++) begin
        for (int unsigned i = 0; i < NUM_QCNT; i++) begin
          qcnt_q[q][i] <= '0;
        end
      end
      for (int unsigned v = 0; v < NumVectors; v++) begin
        irq_cnt_q[v] <= '0;
      end
    end else begin
      if (gcnt_any) begin
        for (int unsigned i = 0; i < NUM_GCNT; i++) begin
          gcnt_q[i] <= gcnt_q[i] + 64'(gcnt_sum(gcnt_inc_i, GcntW'(i)));
        end
      end
      // The bus busy counters have their own inputs: they count in most cycles under load, and
      // would otherwise send every such cycle through the loop above.
      if (dma_rd_beat_i) begin
        gcnt_q[GCNT_DMA_RD_BUSY_CYCLES] <= gcnt_q[GCNT_DMA_RD_BUSY_CYCLES] + 64'd1;
      end
      if (dma_wr_beat_i) begin
        gcnt_q[GCNT_DMA_WR_BUSY_CYCLES] <= gcnt_q[GCNT_DMA_WR_BUSY_CYCLES] + 64'd1;
      end
      if (rxq_done_i && queue_ok(rxq_done_q_i)) begin
        qcnt_q[QIdxW'(rxq_done_q_i)][QCNT_RX_Q_FRAMES] <=
            qcnt_q[QIdxW'(rxq_done_q_i)][QCNT_RX_Q_FRAMES] + 64'd1;
        qcnt_q[QIdxW'(rxq_done_q_i)][QCNT_RX_Q_BYTES] <=
            qcnt_q[QIdxW'(rxq_done_q_i)][QCNT_RX_Q_BYTES] + {48'd0, rxq_done_bytes_i};
      end
      if (txq_done_i && queue_ok(txq_done_q_i)) begin
        qcnt_q[QIdxW'(txq_done_q_i)][QCNT_TX_Q_FRAMES] <=
            qcnt_q[QIdxW'(txq_done_q_i)][QCNT_TX_Q_FRAMES] + 64'd1;
        qcnt_q[QIdxW'(txq_done_q_i)][QCNT_TX_Q_BYTES] <=
            qcnt_q[QIdxW'(txq_done_q_i)][QCNT_TX_Q_BYTES] + {48'd0, txq_done_bytes_i};
      end
      if (irq_i != '0) begin
        for (int unsigned v = 0; v < NumVectors; v++) begin
          if (irq_i[v]) begin
            irq_cnt_q[v] <= irq_cnt_q[v] + 64'd1;
          end
        end
      end
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

  assign cls_we_o    = wr_fire && wr_cls;
  assign cls_re_o    = rd_fire && rd_cls;
  assign cls_addr_o  = cls_we_o ? wr_addr : rd_addr;
  assign cls_wdata_o = w_data_q;

  assign rx_base_o     = rx_base_q;
  assign rx_len_mask_o = rx_len_mask_q;
  assign rx_head_o     = rx_head_q;
  assign rx_tail_o     = rx_tail_q;
  assign tx_base_o     = tx_base_q;
  assign tx_len_mask_o = tx_len_mask_q;
  assign tx_head_o     = tx_head_q;
  assign rx_dma_ctrl_o = rx_dmactl_q;
  assign tx_dma_ctrl_o = tx_dmactl_q;
  assign tx_tail_o     = tx_tail_q;
  assign rx_buf_size_o = rx_bs_q;
  for (genvar q = 0; q < NumQueues; q++) begin : gen_queue_out
    assign rx_active_o[q]   = rx_enable_q[q] && (rx_status_q[q] == '0);
    assign tx_active_o[q]   = tx_enable_q[q] && (tx_status_q[q] == '0);
  end
  assign rx_reset_o = rx_reset_q;
  assign tx_reset_o = tx_reset_q;
  assign rx_kick_o  = rx_kick_q;
  assign tx_kick_o  = tx_kick_q;

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

  `undef NIC_DMA_CTRL_FIELDS

endmodule

`default_nettype wire
