// Copyright nicsim contributors. SPDX-License-Identifier: Apache-2.0
//
// Simple dual-port RAM: one write port, one read port with a registered output (one cycle of
// read latency), a single clock. Written in the vendor-neutral block-RAM inference template.
// A read and a write to the same address in the same cycle return the old contents.

`default_nettype none

module ram_sdp #(
  // Width of one word in bits (>= 1).
  parameter int unsigned Width = 64,
  // Number of words; a power of two, 2..1048576.
  parameter int unsigned Depth = 1024,
  // Address width; derived, do not override.
  localparam int unsigned AddrW = $clog2(Depth)
) (
  input  wire logic             clk_i,

  input  wire logic             we_i,
  input  wire logic [AddrW-1:0] waddr_i,
  input  wire logic [Width-1:0] wdata_i,

  input  wire logic             re_i,
  input  wire logic [AddrW-1:0] raddr_i,
  output logic      [Width-1:0] rdata_o
);

  if (Width < 1) begin : gen_width_check
    $fatal(1, "%m: Width (%0d) must be at least 1", Width);
  end
  if (Depth < 2 || Depth > 1048576 || (Depth & (Depth - 1)) != 0) begin : gen_depth_check
    $fatal(1, "%m: Depth (%0d) must be a power of two in 2..1048576", Depth);
  end

  logic [Width-1:0] mem [Depth];
  logic [Width-1:0] rdata_q;

  // RAM-inference idiom: no reset on the array or its output register. This is the one
  // deliberate exception to the reset + q <= d rule for sequential blocks.
  always_ff @(posedge clk_i) begin
    if (we_i) begin
      mem[waddr_i] <= wdata_i;
    end
  end

  always_ff @(posedge clk_i) begin
    if (re_i) begin
      rdata_q <= mem[raddr_i];
    end
  end

  assign rdata_o = rdata_q;

endmodule

`default_nettype wire
