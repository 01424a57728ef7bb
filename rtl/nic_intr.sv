// Copyright nicsim contributors. SPDX-License-Identifier: Apache-2.0
//
// Interrupt routing and moderation: one intr_moderation instance per vector (MSI-X style).
//
// Events: rx_done_i / tx_done_i report one completed frame of queue rx_done_q_i / tx_done_q_i
// per cycle at most. rx_dma raises it only once the frame's last descriptor write-back has been
// acknowledged (B response), tx_dma once the DD write-back has been acknowledged, so the
// descriptor already reads DD in host memory when the event is counted. Each queue's RX and
// TX events go to the vector named by its routing entry (rx_vector_i / tx_vector_i, validated
// by nic_regs: always < NumVectors). A vector's rx_events_i / tx_events_i is the sum of the
// events, in this cycle, of all queues routed to it. Each engine reports at most one completion
// per cycle (one queue index per port), so that sum is 0 or 1: it is formed by looking up the
// reporting queue's vector, and EventWidth = 1 holds it. (Reporting several completions per
// cycle would need a count per queue on these ports and a wider EventWidth.)
//
// irq_o[v] is vector v's registered one-cycle pulse, straight from its intr_moderation.

`default_nettype none

module nic_intr #(
  // Number of queues whose completions are routed (1..16).
  parameter int unsigned NumQueues  = 4,
  // Number of interrupt vectors (1..16).
  parameter int unsigned NumVectors = 4
) (
  input  wire logic                                clk_i,
  input  wire logic                                rst_ni,

  // Global time base: clock cycles per microsecond (0 acts as 1).
  input  wire logic [15:0]                         cycles_per_us_i,

  // Routing: vector of each queue's RX and TX causes (< NumVectors).
  input  wire logic [NumQueues-1:0][3:0]           rx_vector_i,
  input  wire logic [NumQueues-1:0][3:0]           tx_vector_i,

  // Completion events from the DMA engines (one queue per cycle each).
  input  wire logic                                rx_done_i,
  input  wire logic [3:0]                          rx_done_q_i,
  input  wire logic                                tx_done_i,
  input  wire logic [3:0]                          tx_done_q_i,

  // Per-vector moderation settings (from nic_regs).
  input  wire logic [NumVectors-1:0][15:0]         rx_usecs_i,
  input  wire logic [NumVectors-1:0][15:0]         rx_frames_i,
  input  wire logic [NumVectors-1:0][15:0]         tx_usecs_i,
  input  wire logic [NumVectors-1:0][15:0]         tx_frames_i,

  // Driver control, one-cycle pulses per vector (writes of intr_mask_set / intr_mask_clear).
  input  wire logic [NumVectors-1:0]               mask_set_i,
  input  wire logic [NumVectors-1:0]               rearm_i,

  output logic      [NumVectors-1:0]               irq_o,
  output logic      [NumVectors-1:0]               masked_o,
  output logic      [NumVectors-1:0][15:0]         rx_pending_o,
  output logic      [NumVectors-1:0][15:0]         tx_pending_o
);

  if (NumQueues < 1 || NumQueues > 16) begin : gen_num_queues_check
    $fatal(1, "%m: NumQueues (%0d) must be in 1..16", NumQueues);
  end
  if (NumVectors < 1 || NumVectors > 16) begin : gen_num_vectors_check
    $fatal(1, "%m: NumVectors (%0d) must be in 1..16", NumVectors);
  end

  // Events per vector per cycle: at most one per direction (see above).
  localparam int unsigned EventWidth = 1;
  localparam int unsigned QIdxW      = (NumQueues > 1) ? $clog2(NumQueues) : 1;

  // The vector of the queue reporting a completion in this cycle, if any.
  logic       rx_evt, tx_evt;
  logic [3:0] rx_vec, tx_vec;
  always_comb begin
    rx_evt = rx_done_i && (32'(rx_done_q_i) < NumQueues);
    tx_evt = tx_done_i && (32'(tx_done_q_i) < NumQueues);
    rx_vec = rx_vector_i[QIdxW'(rx_done_q_i)];
    tx_vec = tx_vector_i[QIdxW'(tx_done_q_i)];
  end

  for (genvar v = 0; v < NumVectors; v++) begin : gen_vector
    logic [EventWidth-1:0] rx_events, tx_events;

    assign rx_events = rx_evt && (rx_vec == 4'(v));
    assign tx_events = tx_evt && (tx_vec == 4'(v));

    intr_moderation #(
      .EventWidth  (EventWidth),
      .UsecsWidth  (16),
      .FramesWidth (16)
    ) u_moderation (
      .clk_i           (clk_i),
      .rst_ni          (rst_ni),
      .cycles_per_us_i (cycles_per_us_i),
      .rx_usecs_i      (rx_usecs_i[v]),
      .tx_usecs_i      (tx_usecs_i[v]),
      .rx_frames_i     (rx_frames_i[v]),
      .tx_frames_i     (tx_frames_i[v]),
      .rx_events_i     (rx_events),
      .tx_events_i     (tx_events),
      .mask_set_i      (mask_set_i[v]),
      .rearm_i         (rearm_i[v]),
      .irq_o           (irq_o[v]),
      .masked_o        (masked_o[v]),
      .rx_pending_o    (rx_pending_o[v]),
      .tx_pending_o    (tx_pending_o[v])
    );
  end

endmodule

`default_nettype wire
