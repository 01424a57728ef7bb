// Interrupt moderation for one MSI-X vector (ethtool / Intel ITR style).
//
// One instance per interrupt vector (as Corundum's irq_rate_limit, OpenTitan's prim_intr_hw).
// The C++ reference model model/intr_moderation_model.{hpp,cpp} implements exactly the same
// rules, cycle for cycle; tests/rtl/test_intr_moderation.cpp checks the two against each other.
//
// Timing convention: "cycle k" is the clock period after rising edge k. Inputs are sampled at
// the rising edge that ends the cycle they are driven in; outputs are registers.
//
// Rules (all of them normative):
//  1. Events accumulate. rx_events_i / tx_events_i give the number of RX / TX completion events
//     in this cycle (several queues may share a vector). They are added to the saturating
//     pending counters rx_pending_o / tx_pending_o (saturate at 2**FramesWidth-1).
//  2. Fire condition, evaluated every cycle with the pending counts *including this cycle's
//     events* (rx_sum = sat(rx_pending_o + rx_events_i), tx_sum likewise):
//       armed   = !mask_set_i && (!masked_o || rearm_i)
//       rx_due  = rx_sum != 0 && (interval_elapsed(rx_usecs_i)
//                                 || (rx_frames_i != 0 && rx_sum >= rx_frames_i))
//       tx_due  = the same with tx_*
//       fire    = armed && (rx_due || tx_due)
//     interval_elapsed(U) is true iff at least U * cycles_per_us clock cycles have passed
//     since the previous fire, or the vector has not fired since reset, or both intervals had
//     elapsed since the previous fire (with the settings then: an interval raised after both
//     elapsed applies from the next fire); U == 0 makes it always
//     true (interval disabled). rx_frames_i == 0 disables the frames threshold.
//     cycles_per_us_i == 0 acts as 1.
//  3. Latency: fire in cycle k puts the one-cycle irq_o pulse in cycle k+1. So an event in
//     cycle t that finds the vector armed and the interval elapsed ("first event after a quiet
//     period") gives irq_o = 1 in cycle t+1; a re-arm in cycle r with a due cause gives irq_o
//     in cycle r+1; an interval that elapses while a cause is pending and the vector armed fires
//     at once. Two consecutive irq_o pulses caused by the interval are never closer than
//     rx_usecs_i * cycles_per_us_i cycles (resp. tx_*); only the frames threshold can fire
//     sooner. With continuous events and the driver re-arming in the cycle irq_o is high, the
//     pulses are exactly usecs * cycles_per_us cycles apart.
//  4. Auto-mask: firing sets masked_o and clears both pending counters (the events of the
//     firing cycle included: they are now the driver's to poll). Events arriving while masked
//     stay pending and fire after re-arm, subject to the interval and frames threshold. No
//     event is ever lost: each is covered by an irq_o pulse after it, or is still pending.
//  5. Tie-breaks: mask_set_i wins over rearm_i in the same cycle (the vector ends up masked)
//     and over a due cause (no fire; events stay pending). rearm_i on an armed vector and
//     mask_set_i on a masked vector have no effect; with nothing pending nothing fires.
//  6. Reset: unmasked, nothing pending, interval considered elapsed.
//
// Interval measurement: a per-vector prescaler prsc_q counts clock cycles within the current
// microsecond (0 .. cycles_per_us-1) and usecs_q counts whole microseconds since the previous
// fire, saturating at 2**UsecsWidth-1 (which is >= any programmable interval, so saturation
// means "elapsed"); a count that reaches both programmed intervals saturates at once. So an
// interval raised after it has elapsed takes effect from the next fire, as with a hardware ITR
// countdown reloaded at each interrupt; an interval raised while it is still running takes
// effect at once. On a fire both restart so that the cycle after the fire counts as one
// cycle elapsed. There is deliberately no shared free-running microsecond tick: it would let a
// vector fire up to 1 us early. Once usecs_q saturates both counters hold (no toggling while
// idle). Reset loads the saturated value, i.e. "interval elapsed".
// Changing cycles_per_us_i or the intervals at run time takes effect at once (the comparisons
// are combinational); a prescaler value at or above a lowered cycles_per_us_i wraps on the
// next cycle.
`default_nettype none

module intr_moderation #(
  // Width of rx_events_i / tx_events_i: up to 2**EventWidth-1 events per cycle; legal 1..8.
  parameter int unsigned EventWidth  = 5,
  // Width of the rx/tx_usecs_i intervals and of the microsecond counter; legal 4..24.
  parameter int unsigned UsecsWidth  = 16,
  // Width of the rx/tx_frames_i thresholds and of the saturating pending counters; legal 1..32.
  parameter int unsigned FramesWidth = 16
) (
  input  wire logic                   clk_i,
  input  wire logic                   rst_ni,

  // Programmable settings (quasi-static register values; changes take effect at once).
  input  wire logic [15:0]            cycles_per_us_i,  // clock cycles per microsecond, 0 = 1
  input  wire logic [UsecsWidth-1:0]  rx_usecs_i,       // min. RX interval in us, 0 = none
  input  wire logic [UsecsWidth-1:0]  tx_usecs_i,       // min. TX interval in us, 0 = none
  input  wire logic [FramesWidth-1:0] rx_frames_i,      // RX events that fire at once, 0 = off
  input  wire logic [FramesWidth-1:0] tx_frames_i,      // TX events that fire at once, 0 = off

  // Completion events of the queues on this vector, counts per cycle.
  input  wire logic [EventWidth-1:0]  rx_events_i,
  input  wire logic [EventWidth-1:0]  tx_events_i,

  // Driver control, one-cycle pulses. mask_set_i wins over rearm_i.
  input  wire logic                   mask_set_i,
  input  wire logic                   rearm_i,

  output logic                        irq_o,            // one-cycle pulse = one MSI-X message
  output logic                        masked_o,
  output logic [FramesWidth-1:0]      rx_pending_o,     // RX events since the last fire (sat.)
  output logic [FramesWidth-1:0]      tx_pending_o      // TX events since the last fire (sat.)
);

  // ---------------------------------------------------------------- parameter checks
  if (EventWidth < 1 || EventWidth > 8) begin : gen_bad_event_width
    $fatal(1, "%m: EventWidth = %0d, legal range is 1..8", EventWidth);
  end
  if (UsecsWidth < 4 || UsecsWidth > 24) begin : gen_bad_usecs_width
    $fatal(1, "%m: UsecsWidth = %0d, legal range is 4..24", UsecsWidth);
  end
  if (FramesWidth < 1 || FramesWidth > 32) begin : gen_bad_frames_width
    $fatal(1, "%m: FramesWidth = %0d, legal range is 1..32", FramesWidth);
  end

  // ---------------------------------------------------------------- constants
  // Width of pending + events before saturation: one bit more than the wider operand.
  localparam int unsigned SumWidth = ((FramesWidth > EventWidth) ? FramesWidth : EventWidth) + 1;
  localparam logic [FramesWidth-1:0] PENDING_MAX = '1;
  localparam logic [SumWidth-1:0]    PENDING_MAX_SUM = SumWidth'(PENDING_MAX);
  localparam logic [UsecsWidth-1:0]  USECS_MAX = '1;

  // ---------------------------------------------------------------- state
  logic                   irq_q, irq_d;
  logic                   masked_q, masked_d;
  logic [FramesWidth-1:0] rx_pending_q, rx_pending_d;
  logic [FramesWidth-1:0] tx_pending_q, tx_pending_d;
  logic [UsecsWidth-1:0]  usecs_q, usecs_d;  // whole us since the previous fire, saturating
  logic [15:0]            prsc_q, prsc_d;    // cycles within the current us

  // ---------------------------------------------------------------- next state
  // Pending count plus this cycle's events, saturating.
  function automatic logic [FramesWidth-1:0] sat_add(logic [FramesWidth-1:0] pending,
                                                     logic [EventWidth-1:0]  events);
    logic [SumWidth-1:0] sum;
    sum = SumWidth'(pending) + SumWidth'(events);
    sat_add = (sum > PENDING_MAX_SUM) ? PENDING_MAX : sum[FramesWidth-1:0];
  endfunction

  // A cause is due: something pending and the interval elapsed or the frames threshold reached.
  // usecs_q >= 0 always holds, so a zero interval is "always elapsed" without a special case.
  function automatic logic due(logic [FramesWidth-1:0] pending, logic [UsecsWidth-1:0] usecs,
                               logic [UsecsWidth-1:0] interval, logic [FramesWidth-1:0] frames);
    due = (pending != '0) &&
          ((usecs >= interval) || ((frames != '0) && (pending >= frames)));
  endfunction

  // One cycle of the interval counters, restarting after a fire (the next cycle is one cycle
  // after the fire): {prsc, usecs} next. Only called while counting (fire, or not saturated).
  // Once the count has reached both programmed intervals it jumps to saturation: no comparison
  // can tell it from a saturated count any more, and a saturated vector holds instead of
  // counting on for up to 2**UsecsWidth microseconds after every interrupt, which would keep
  // the NIC busy in every idle stretch (docs/performance.md, skip-idle).
  function automatic logic [16+UsecsWidth-1:0] count_step(logic fired, logic [15:0] prsc,
                                                          logic [UsecsWidth-1:0] usecs,
                                                          logic [15:0] cycles_per_us_raw,
                                                          logic [UsecsWidth-1:0] longest);
    logic [15:0]           per_us;
    logic [UsecsWidth-1:0] base, counted;
    logic [16:0]           next;
    per_us  = (cycles_per_us_raw == '0) ? 16'd1 : cycles_per_us_raw;
    base    = fired ? '0 : usecs;
    next    = {1'b0, (fired ? 16'd0 : prsc)} + 17'd1;
    counted = (next >= {1'b0, per_us}) ? base + 1'b1 : base;  // cannot wrap: base < USECS_MAX
    if (counted >= longest) begin
      count_step = {16'd0, USECS_MAX};
    end else if (next >= {1'b0, per_us}) begin
      count_step = {16'd0, counted};
    end else begin
      count_step = {next[15:0], base};
    end
  endfunction

  logic hold, fire;
  logic [UsecsWidth-1:0] longest_usecs;  // the longer of the two intervals

  assign longest_usecs = (rx_usecs_i > tx_usecs_i) ? rx_usecs_i : tx_usecs_i;

  // A vector that cannot change state this cycle: no events, no driver control, no pulse to
  // end, interval counters saturated (holding), and masked or with nothing pending (an armed
  // vector with an elapsed interval and something pending would fire). Most vectors are in this
  // state most of the time; the logic below is only evaluated when it is not (simulation speed).
  assign hold = !irq_q && (rx_events_i == '0) && (tx_events_i == '0) && !mask_set_i && !rearm_i &&
                (usecs_q == USECS_MAX) &&
                (masked_q || ((rx_pending_q == '0) && (tx_pending_q == '0)));

  always_comb begin
    irq_d        = 1'b0;
    masked_d     = masked_q;
    rx_pending_d = rx_pending_q;
    tx_pending_d = tx_pending_q;
    usecs_d      = usecs_q;
    prsc_d       = prsc_q;
    fire         = 1'b0;

    if (!hold) begin
      // Pending counts including this cycle's events.
      if (rx_events_i != '0) begin
        rx_pending_d = sat_add(rx_pending_q, rx_events_i);
      end
      if (tx_events_i != '0) begin
        tx_pending_d = sat_add(tx_pending_q, tx_events_i);
      end

      // Only an armed vector can fire.
      if (!mask_set_i && (!masked_q || rearm_i)) begin
        fire = due(rx_pending_d, usecs_q, rx_usecs_i, rx_frames_i) ||
               due(tx_pending_d, usecs_q, tx_usecs_i, tx_frames_i);
      end

      // Mask: mask_set_i wins, then auto-mask on fire, then re-arm.
      if (mask_set_i || fire) begin
        masked_d = 1'b1;
      end else if (rearm_i) begin
        masked_d = 1'b0;
      end

      irq_d = fire;
      if (fire) begin
        rx_pending_d = '0;
        tx_pending_d = '0;
      end

      // Interval counters: restart on fire, count otherwise, hold once saturated.
      if (fire || usecs_q != USECS_MAX) begin
        {prsc_d, usecs_d} = count_step(fire, prsc_q, usecs_q, cycles_per_us_i, longest_usecs);
      end
    end
  end

  // ---------------------------------------------------------------- registers
  // Clock enable !hold: in a holding cycle every next state equals the state.
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      irq_q        <= 1'b0;
      masked_q     <= 1'b0;
      rx_pending_q <= '0;
      tx_pending_q <= '0;
      usecs_q      <= USECS_MAX;  // interval considered elapsed
      prsc_q       <= '0;
    end else if (!hold) begin
      irq_q        <= irq_d;
      masked_q     <= masked_d;
      rx_pending_q <= rx_pending_d;
      tx_pending_q <= tx_pending_d;
      usecs_q      <= usecs_d;
      prsc_q       <= prsc_d;
    end
  end

  // ---------------------------------------------------------------- outputs
  assign irq_o        = irq_q;
  assign masked_o     = masked_q;
  assign rx_pending_o = rx_pending_q;
  assign tx_pending_o = tx_pending_q;

endmodule

`default_nettype wire
