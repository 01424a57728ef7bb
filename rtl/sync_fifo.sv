// Copyright nicsim contributors. SPDX-License-Identifier: Apache-2.0
//
// Synchronous first-word-fall-through FIFO.
//
// rd_data_o shows the oldest entry whenever rd_valid_o is set (read straight from the storage
// array, which therefore maps to distributed/LUT RAM). flush_i empties the FIFO in one cycle and
// takes priority over a write in the same cycle.

`default_nettype none

module sync_fifo #(
  // Width of one entry in bits (>= 1).
  parameter int unsigned Width = 8,
  // Number of entries; a power of two, 2..65536.
  parameter int unsigned Depth = 4,
  // Width of count_o; derived, do not override.
  localparam int unsigned CountW = $clog2(Depth) + 1
) (
  input  wire logic              clk_i,
  input  wire logic              rst_ni,

  input  wire logic              flush_i,

  input  wire logic              wr_valid_i,
  output logic                   wr_ready_o,
  input  wire logic [Width-1:0]  wr_data_i,

  output logic                   rd_valid_o,
  input  wire logic              rd_ready_i,
  output logic [Width-1:0]       rd_data_o,

  output logic [CountW-1:0]      count_o
);

  if (Width < 1) begin : gen_width_check
    $fatal(1, "%m: Width (%0d) must be at least 1", Width);
  end
  if (Depth < 2 || Depth > 65536 || (Depth & (Depth - 1)) != 0) begin : gen_depth_check
    $fatal(1, "%m: Depth (%0d) must be a power of two in 2..65536", Depth);
  end

  localparam int unsigned AddrW = $clog2(Depth);

  // Pointers carry one extra wrap bit so that full and empty are distinguishable.
  logic [AddrW:0] wr_ptr_q;
  logic [AddrW:0] rd_ptr_q;

  logic [Width-1:0] mem [Depth];

  logic full, empty, wr_fire, rd_fire;

  assign full    = (wr_ptr_q[AddrW] != rd_ptr_q[AddrW]) &&
                   (wr_ptr_q[AddrW-1:0] == rd_ptr_q[AddrW-1:0]);
  assign empty   = (wr_ptr_q == rd_ptr_q);
  assign wr_fire = wr_valid_i && !full && !flush_i;
  assign rd_fire = rd_ready_i && !empty && !flush_i;

  // Pointers as counters with enables (no next-state copy each cycle: nine of these FIFOs are
  // evaluated every simulated cycle).
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      wr_ptr_q <= '0;
      rd_ptr_q <= '0;
    end else if (flush_i) begin
      rd_ptr_q <= wr_ptr_q;
    end else begin
      if (wr_fire) begin
        wr_ptr_q <= wr_ptr_q + 1'b1;
      end
      if (rd_fire) begin
        rd_ptr_q <= rd_ptr_q + 1'b1;
      end
    end
  end

  // Storage array: written with the RAM-inference idiom (no reset, write enable), which is the
  // one deliberate exception to the reset + q <= d rule for sequential blocks.
  always_ff @(posedge clk_i) begin
    if (wr_fire) begin
      mem[wr_ptr_q[AddrW-1:0]] <= wr_data_i;
    end
  end

  assign wr_ready_o = !full;
  assign rd_valid_o = !empty;
  assign rd_data_o  = mem[rd_ptr_q[AddrW-1:0]];
  assign count_o    = wr_ptr_q - rd_ptr_q;

endmodule

`default_nettype wire
