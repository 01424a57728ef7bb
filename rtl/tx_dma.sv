// Copyright nicsim contributors. SPDX-License-Identifier: Apache-2.0
//
// Transmit DMA engine.
//
// While ctrl.tx_en is set, serves the active queues (enabled, status clear) whose TX ring holds
// work (head != tail) round-robin, one frame per turn:
//  1. Fetch the 16-byte descriptor at base + head * 16 (one 2-beat burst; two 1-beat bursts
//     when MaxBurstLen is 1).
//  2. Validate it, first failing check wins: length 0 -> tx_status.zero_length; length > 9018 ->
//     tx_status.oversize; buffer address not 8-byte aligned -> tx_status.buf_misaligned. The
//     queue stops and the head does not advance.
//  3. Wait until tx_frame_buffer has room for the whole frame, then read the buffer in INCR
//     bursts of 8-byte beats (at most MaxBurstLen beats, never crossing a 4 KiB boundary) into it,
//     with up to 16 bursts in flight.
//  4. Write w1 of the descriptor back with dd set (other w1 bits, including the length, as read).
//  5. Commit the frame to tx_frame_buffer (it then leaves on the MAC output), advance the head,
//     and count tx_q_frames / tx_q_bytes.
// DD therefore means the frame has been fetched from host memory and is queued for the wire;
// the buffer may be reused.
//
// An error response on any read or write sets tx_status.dma_fault and status.dma_error (via the
// dma_errors increment), counts dma_errors (once per failed burst), discards the frame's data,
// and leaves the head.
// Queue disabled mid-frame: the AXI transaction in flight completes, then the frame is dropped
// silently (not transmitted, not written back, head untouched, not counted).

`default_nettype none

module tx_dma
  import nic_regmap_pkg::*;
  import dma_burst_pkg::*;
#(
  // Number of queues (1..MAX_QUEUES).
  parameter int unsigned NumQueues   = 4,
  // Maximum AXI beats per data burst (1..256).
  parameter int unsigned MaxBurstLen = 16,
  // Descriptor index width: rings hold up to 2**RingIdxW descriptors (3..12).
  parameter int unsigned RingIdxW    = 12
) (
  input  wire logic                               clk_i,
  input  wire logic                               rst_ni,

  input  wire logic                               tx_en_i,

  // TX ring configuration and state, per queue (from nic_regs).
  input  wire logic [NumQueues-1:0][63:0]         tx_base_i,
  input  wire logic [NumQueues-1:0][RingIdxW-1:0] tx_head_i,
  input  wire logic [NumQueues-1:0][RingIdxW-1:0] tx_tail_i,
  input  wire logic [NumQueues-1:0]               tx_active_i,
  input  wire logic [NumQueues-1:0]               tx_reset_i,

  // Ring updates (to nic_regs).
  output logic                                    head_adv_o,
  output logic [3:0]                              head_adv_q_o,
  output logic                                    status_set_o,
  output logic [3:0]                              status_set_q_o,
  output logic [31:0]                             status_set_bits_o,

  // Statistics (to nic_regs).
  output logic [NUM_GCNT-1:0]                     gcnt_inc_o,
  output logic                                    q_done_o,
  output logic [3:0]                              q_done_q_o,
  output logic [15:0]                             q_done_bytes_o,

  // tx_frame_buffer write side.
  output logic                                    buf_wr_valid_o,
  output logic [63:0]                             buf_wr_data_o,
  output logic                                    buf_commit_o,
  output logic [15:0]                             buf_commit_len_o,
  output logic                                    buf_rollback_o,
  input  wire logic [15:0]                        buf_free_words_i,
  input  wire logic                               buf_frame_slot_i,

  // AXI4 master (INCR bursts of 8-byte beats; size and burst type are fixed by the arbiter).
  output logic [63:0]                             m_axi_awaddr_o,
  output logic [7:0]                              m_axi_awlen_o,
  output logic                                    m_axi_awvalid_o,
  input  wire logic                               m_axi_awready_i,
  output logic [63:0]                             m_axi_wdata_o,
  output logic [7:0]                              m_axi_wstrb_o,
  output logic                                    m_axi_wlast_o,
  output logic                                    m_axi_wvalid_o,
  input  wire logic                               m_axi_wready_i,
  input  wire logic [1:0]                         m_axi_bresp_i,
  input  wire logic                               m_axi_bvalid_i,
  output logic                                    m_axi_bready_o,
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

  if (NumQueues < 1 || NumQueues > MAX_QUEUES) begin : gen_num_queues_check
    $fatal(1, "%m: NumQueues (%0d) must be in 1..%0d", NumQueues, MAX_QUEUES);
  end
  if (MaxBurstLen < 1 || MaxBurstLen > 256) begin : gen_max_burst_len_check
    $fatal(1, "%m: MaxBurstLen (%0d) must be in 1..256", MaxBurstLen);
  end
  if (RingIdxW < 3 || RingIdxW > 12) begin : gen_ring_idx_w_check
    $fatal(1, "%m: RingIdxW (%0d) must be in 3..12", RingIdxW);
  end

  localparam int unsigned QIdxW = 4;
  localparam logic [12:0] MAX_BURST = 13'(MaxBurstLen);
  // Descriptors are fetched as one 2-beat burst, or as two 1-beat bursts when MaxBurstLen is 1.
  localparam bit          DESC_SPLIT = (MaxBurstLen < 2);
  localparam logic [7:0]  DESC_ARLEN = DESC_SPLIT ? 8'd0 : 8'd1;
  // Data bursts in flight at most: enough to cover the round trip of a host memory behind PCIe
  // (~125 cycles) at full rate. Room for the whole frame is reserved first, so every beat that
  // comes back can be taken at once.
  localparam int unsigned RdOutstanding = 16;
  localparam int unsigned RdOutW        = $clog2(RdOutstanding) + 1;
  localparam logic [RdOutW-1:0] MAX_RD_OUTSTANDING = RdOutW'(RdOutstanding);
  // The hardware ceiling on frame length is the reset value of max_frame_len (9018).
  localparam logic [15:0] MAX_FRAME_LEN =
      16'(REG_MAX_FRAME_LEN_RESET[MAX_FRAME_LEN_LEN_LSB +: MAX_FRAME_LEN_LEN_WIDTH]);

  localparam int unsigned QSelW = (NumQueues > 1) ? $clog2(NumQueues) : 1;

  typedef enum logic [3:0] {
    ST_IDLE,
    ST_DESC_AR,
    ST_DESC_R,
    ST_DESC_CHECK,
    ST_WAIT_ROOM,
    ST_DATA,        // read the buffer: issue bursts, take beats
    ST_WB_AW,
    ST_WB_W,
    ST_WB_B,
    ST_FINISH
  } state_e;

  typedef enum logic [2:0] {
    FIN_OK,
    FIN_ABORT,
    FIN_ZERO_LENGTH,
    FIN_OVERSIZE,
    FIN_MISALIGNED,
    FIN_FAULT
  } finish_e;

  // Simulation speed: as in rx_dma, registers load only in the cycles that change them, and the
  // combinational block works out per-state values only in their state (the round-robin pick
  // only while idle).

  state_e               state_q;
  finish_e              fin_q;
  logic [QIdxW-1:0]     q_q;                  // the queue served (< NumQueues)
  logic [QIdxW-1:0]     rr_q;                 // first queue to consider next
  logic [63:0]          base_q;
  logic [RingIdxW-1:0]  idx_q;
  logic [63:0]          ar_addr_q;            // address of the next data burst
  logic [12:0]          ar_left_q;            // frame beats not yet requested
  logic [RdOutW-1:0]    r_out_q;              // data bursts requested, not all received
  logic                 burst_err_q;          // error response in the current R burst
  logic [127:0]         desc_q;               // descriptor as fetched
  logic [12:0]          beats_left_q;         // frame beats not yet received
  logic                 rbeat_q;
  logic                 err_q;
  logic                 abort_q;

  logic                 arvalid_q;
  logic [63:0]          araddr_q;
  logic [7:0]           arlen_q;
  logic                 awvalid_q;
  logic [63:0]          awaddr_q;

  logic                 head_adv_q;
  logic                 status_set_q;
  logic [31:0]          status_bits_q;
  logic [NUM_GCNT-1:0]  gcnt_inc_q, gcnt_inc_d;
  logic                 q_done_q;

  // ------------------------------------------------------------------ descriptor fields
  logic [63:0] desc_addr;
  logic [15:0] len;
  logic [63:0] buf_addr;
  logic [63:0] w1_done;
  logic        sel_reset;

  assign desc_addr = base_q + {{(60 - RingIdxW){1'b0}}, idx_q, 4'b0000};
  assign buf_addr  = desc_q[DESC_TX_BUF_ADDR_LSB +: DESC_TX_BUF_ADDR_WIDTH];
  assign len       = desc_q[DESC_TX_LENGTH_LSB +: DESC_TX_LENGTH_WIDTH];
  assign sel_reset = tx_reset_i[QSelW'(q_q)];

  // Word 1 of the descriptor as written back: as fetched, with dd set.
  always_comb begin
    w1_done = desc_q[127:64];
    w1_done[DESC_TX_DD_LSB - 64 +: DESC_TX_DD_WIDTH] = 1'b1;
  end


  // ------------------------------------------------------------------ decisions and outputs
  logic                 pick_valid;
  logic [QIdxW-1:0]     pick, cand;
  logic [12:0]          burst;
  logic                 abort_now, issue, r_fire, desc_beat, data_done;
  logic                 beat_err, fetch_err;

  always_comb begin
    abort_now  = abort_q || (state_q != ST_IDLE && sel_reset);
    gcnt_inc_d = '0;

    buf_wr_valid_o = 1'b0;
    buf_wr_data_o  = m_axi_rdata_i;
    buf_commit_o   = 1'b0;
    buf_rollback_o = 1'b0;
    m_axi_wvalid_o = 1'b0;
    m_axi_wdata_o  = w1_done;
    m_axi_wstrb_o  = 8'hFF;
    m_axi_wlast_o  = 1'b1;
    m_axi_bready_o = 1'b0;
    m_axi_rready_o = 1'b0;

    pick_valid = 1'b0;
    pick       = '0;
    cand       = '0;
    burst      = '0;
    issue      = 1'b0;
    r_fire     = 1'b0;
    desc_beat  = 1'b0;
    data_done  = 1'b0;
    beat_err   = 1'b0;
    fetch_err  = 1'b0;

    unique case (state_q)
      ST_IDLE: begin
        // Round-robin: the first queue at or after rr_q that is active and holds work.
        for (int unsigned k = 0; k < NumQueues; k++) begin
          cand = QIdxW'(32'(rr_q) + k);
          if (32'(cand) >= NumQueues) begin
            cand = QIdxW'(32'(cand) - NumQueues);
          end
          if (!pick_valid && tx_active_i[QSelW'(cand)] &&
              (tx_head_i[QSelW'(cand)] != tx_tail_i[QSelW'(cand)])) begin
            pick_valid = 1'b1;
            pick       = cand;
          end
        end
      end

      ST_DESC_R: begin
        m_axi_rready_o = !arvalid_q;
        desc_beat      = m_axi_rvalid_i && !arvalid_q;
        fetch_err      = err_q || m_axi_rresp_i[1];
        if (desc_beat && m_axi_rlast_i) begin
          gcnt_inc_d[GCNT_DMA_ERRORS] = fetch_err;
        end
      end

      ST_DATA: begin
        // Issue: the next burst of the buffer, unless stopping (abort or error).
        burst = next_burst_beats(ar_left_q, MAX_BURST, ar_addr_q[11:0]);
        issue = !arvalid_q && ar_left_q != 13'd0 && !abort_q && !err_q &&
                r_out_q < MAX_RD_OUTSTANDING;
        // Take the beats of the bursts in flight, in order.
        m_axi_rready_o = (r_out_q != '0);
        r_fire         = m_axi_rvalid_i && m_axi_rready_o;
        beat_err       = burst_err_q || m_axi_rresp_i[1];
        if (r_fire) begin
          buf_wr_valid_o = (beats_left_q != 13'd0);
          if (m_axi_rlast_i && beat_err) begin
            gcnt_inc_d[GCNT_DMA_ERRORS] = 1'b1;
          end
        end
        // Done when nothing is left to request or to receive.
        data_done = !arvalid_q && r_out_q == '0 && (ar_left_q == 13'd0 || abort_q || err_q);
      end

      ST_WB_W: begin
        m_axi_wvalid_o = !awvalid_q;
      end

      ST_WB_B: begin
        m_axi_bready_o = 1'b1;
        if (m_axi_bvalid_i) begin
          gcnt_inc_d[GCNT_DMA_ERRORS] = m_axi_bresp_i[1];
        end
      end

      ST_FINISH: begin
        buf_commit_o   = (fin_q == FIN_OK);
        buf_rollback_o = (fin_q == FIN_ABORT) || (fin_q == FIN_FAULT);
      end

      default: ;
    endcase
  end

  // ------------------------------------------------------------------ registers
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q       <= ST_IDLE;
      fin_q         <= FIN_OK;
      q_q           <= '0;
      rr_q          <= '0;
      base_q        <= '0;
      idx_q         <= '0;
      ar_addr_q     <= '0;
      ar_left_q     <= '0;
      r_out_q       <= '0;
      burst_err_q   <= 1'b0;
      desc_q        <= '0;
      beats_left_q  <= '0;
      rbeat_q       <= 1'b0;
      err_q         <= 1'b0;
      abort_q       <= 1'b0;
      arvalid_q     <= 1'b0;
      araddr_q      <= '0;
      arlen_q       <= '0;
      awvalid_q     <= 1'b0;
      awaddr_q      <= '0;
      head_adv_q    <= 1'b0;
      status_set_q  <= 1'b0;
      status_bits_q <= '0;
      gcnt_inc_q    <= '0;
      q_done_q      <= 1'b0;
    end else begin
      gcnt_inc_q   <= gcnt_inc_d;
      abort_q      <= (state_q == ST_IDLE) ? 1'b0 : abort_now;
      head_adv_q   <= 1'b0;
      status_set_q <= 1'b0;
      q_done_q     <= 1'b0;
      if (arvalid_q && m_axi_arready_i) begin
        arvalid_q <= 1'b0;
      end
      if (awvalid_q && m_axi_awready_i) begin
        awvalid_q <= 1'b0;
      end

      unique case (state_q)
        ST_IDLE: begin
          // Wait while a head or status update of the previous frame is still on its way to
          // nic_regs, so the pick sees the updated ring state.
          if (tx_en_i && pick_valid && !head_adv_q && !status_set_q) begin
            q_q     <= pick;
            base_q  <= tx_base_i[QSelW'(pick)];
            idx_q   <= tx_head_i[QSelW'(pick)];
            rbeat_q <= 1'b0;
            err_q   <= 1'b0;
            state_q <= ST_DESC_AR;
          end
        end

        ST_DESC_AR: begin
          if (abort_q) begin
            fin_q   <= FIN_ABORT;
            state_q <= ST_FINISH;
          end else begin
            arvalid_q <= 1'b1;
            araddr_q  <= desc_addr + (rbeat_q ? 64'd8 : 64'd0);
            arlen_q   <= DESC_ARLEN;
            state_q   <= ST_DESC_R;
          end
        end

        ST_DESC_R: begin
          if (desc_beat) begin
            if (!rbeat_q) begin
              desc_q[63:0] <= m_axi_rdata_i;
            end else begin
              desc_q[127:64] <= m_axi_rdata_i;
            end
            rbeat_q <= 1'b1;
            err_q   <= fetch_err;
            if (m_axi_rlast_i) begin
              // Both words in (or an error): check. Else fetch the second of two 1-beat bursts.
              state_q <= (rbeat_q || fetch_err) ? ST_DESC_CHECK : ST_DESC_AR;
            end
          end
        end

        ST_DESC_CHECK: begin
          beats_left_q <= 13'((32'(len) + 32'd7) >> 3);
          ar_left_q    <= 13'((32'(len) + 32'd7) >> 3);
          ar_addr_q    <= buf_addr;
          r_out_q      <= '0;
          burst_err_q  <= 1'b0;
          if (err_q) begin
            fin_q   <= FIN_FAULT;
            state_q <= ST_FINISH;
          end else if (len == 16'd0) begin
            fin_q   <= FIN_ZERO_LENGTH;
            state_q <= ST_FINISH;
          end else if (len > MAX_FRAME_LEN) begin
            fin_q   <= FIN_OVERSIZE;
            state_q <= ST_FINISH;
          end else if (buf_addr[2:0] != 3'd0) begin
            fin_q   <= FIN_MISALIGNED;
            state_q <= ST_FINISH;
          end else begin
            err_q   <= 1'b0;
            state_q <= ST_WAIT_ROOM;
          end
        end

        ST_WAIT_ROOM: begin
          if (abort_q) begin
            fin_q   <= FIN_ABORT;
            state_q <= ST_FINISH;
          end else if (buf_frame_slot_i && buf_free_words_i >= {3'b000, beats_left_q}) begin
            state_q <= ST_DATA;
          end
        end

        ST_DATA: begin
          if (issue) begin
            arvalid_q <= 1'b1;
            araddr_q  <= ar_addr_q;
            arlen_q   <= 8'(burst - 13'd1);
            ar_addr_q <= ar_addr_q + {48'd0, burst, 3'b000};
            ar_left_q <= ar_left_q - burst;
          end
          if (r_fire) begin
            beats_left_q <= (beats_left_q != 13'd0) ? beats_left_q - 13'd1 : 13'd0;
            burst_err_q  <= !m_axi_rlast_i && beat_err;
            if (m_axi_rlast_i && beat_err) begin
              err_q <= 1'b1;
            end
          end
          // Data bursts in flight: counted from address acceptance to the last beat.
          if ((arvalid_q && m_axi_arready_i) != (r_fire && m_axi_rlast_i)) begin
            r_out_q <= r_out_q + RdOutW'(arvalid_q && m_axi_arready_i)
                               - RdOutW'(r_fire && m_axi_rlast_i);
          end
          if (data_done) begin
            if (err_q) begin
              fin_q   <= FIN_FAULT;
              state_q <= ST_FINISH;
            end else if (abort_q) begin
              fin_q   <= FIN_ABORT;
              state_q <= ST_FINISH;
            end else begin
              state_q <= ST_WB_AW;
            end
          end
        end

        ST_WB_AW: begin
          if (abort_q) begin
            fin_q   <= FIN_ABORT;
            state_q <= ST_FINISH;
          end else begin
            awvalid_q <= 1'b1;
            awaddr_q  <= desc_addr + 64'd8;  // w1 only
            state_q   <= ST_WB_W;
          end
        end

        ST_WB_W: begin
          if (m_axi_wvalid_o && m_axi_wready_i) begin
            state_q <= ST_WB_B;
          end
        end

        ST_WB_B: begin
          if (m_axi_bvalid_i) begin
            // Head and counters are reported now so nic_regs has them before the next pick.
            fin_q      <= m_axi_bresp_i[1] ? FIN_FAULT : FIN_OK;
            head_adv_q <= !m_axi_bresp_i[1];
            q_done_q   <= !m_axi_bresp_i[1];
            state_q    <= ST_FINISH;
          end
        end

        ST_FINISH: begin
          unique case (fin_q)
            FIN_ZERO_LENGTH: begin
              status_set_q  <= 1'b1;
              status_bits_q <= 32'd1 << TX_STATUS_ZERO_LENGTH_LSB;
            end
            FIN_OVERSIZE: begin
              status_set_q  <= 1'b1;
              status_bits_q <= 32'd1 << TX_STATUS_OVERSIZE_LSB;
            end
            FIN_MISALIGNED: begin
              status_set_q  <= 1'b1;
              status_bits_q <= 32'd1 << TX_STATUS_BUF_MISALIGNED_LSB;
            end
            FIN_FAULT: begin  // dma_errors was counted when the response came
              status_set_q  <= 1'b1;
              status_bits_q <= 32'd1 << TX_STATUS_DMA_FAULT_LSB;
            end
            default: begin    // FIN_OK (committed), FIN_ABORT (rolled back)
              status_bits_q <= '0;
            end
          endcase
          // Next turn starts after the queue just served.
          rr_q    <= (32'(q_q) + 1 >= NumQueues) ? '0 : q_q + 1'b1;
          state_q <= ST_IDLE;
        end

        default: begin
          state_q <= ST_IDLE;
        end
      endcase
    end
  end

  assign m_axi_awaddr_o  = awaddr_q;
  assign m_axi_awlen_o   = 8'd0;  // write-back of w1: one beat
  assign m_axi_awvalid_o = awvalid_q;
  assign m_axi_araddr_o  = araddr_q;
  assign m_axi_arlen_o   = arlen_q;
  assign m_axi_arvalid_o = arvalid_q;

  assign buf_commit_len_o  = len;
  assign head_adv_o        = head_adv_q;
  assign head_adv_q_o      = 4'(q_q);
  assign status_set_o      = status_set_q;
  assign status_set_q_o    = 4'(q_q);
  assign status_set_bits_o = status_bits_q;
  assign gcnt_inc_o        = gcnt_inc_q;
  assign q_done_o          = q_done_q;
  assign q_done_q_o        = 4'(q_q);
  assign q_done_bytes_o    = len;

  // Only bit 1 of a response matters: SLVERR (2'b10) and DECERR (2'b11) are errors.
  logic unused_resp;
  assign unused_resp = ^{m_axi_bresp_i[0], m_axi_rresp_i[0]};

endmodule

`default_nettype wire
