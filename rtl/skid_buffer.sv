// Copyright nicsim contributors. SPDX-License-Identifier: Apache-2.0
//
// Two-entry valid/ready register slice ("skid buffer").
//
// Every output is driven by a flip-flop: m_valid_o/m_data_o come from the main register and
// s_ready_o is the inverse of the skid register's valid bit, so neither the forward nor the
// backward path is combinational through this block. Full throughput (one transfer per cycle).
// Used for AXI-Stream ports (data = {tdata, tkeep, tlast, tuser}) and as an AXI channel slice.

`default_nettype none

module skid_buffer #(
  // Width of the payload carried with each transfer, in bits (>= 1).
  parameter int unsigned Width = 64
) (
  input  wire logic             clk_i,
  input  wire logic             rst_ni,

  // Upstream (slave) side.
  input  wire logic             s_valid_i,
  output logic                  s_ready_o,
  input  wire logic [Width-1:0] s_data_i,

  // Downstream (master) side.
  output logic                  m_valid_o,
  input  wire logic             m_ready_i,
  output logic [Width-1:0]      m_data_o
);

  if (Width < 1) begin : gen_param_check
    $fatal(1, "%m: Width (%0d) must be at least 1", Width);
  end

  logic             main_valid_q;
  logic [Width-1:0] main_data_q;
  logic             skid_valid_q;
  logic [Width-1:0] skid_data_q;

  // s_fire: the upstream beat is taken. main_load: the main register empties (or is empty) this
  // cycle and is refilled, skid first.
  logic s_fire, main_load;
  assign s_fire    = s_valid_i && !skid_valid_q;
  assign main_load = !main_valid_q || m_ready_i;

  // Written as enable flops (the data registers load only when a beat moves) rather than with
  // a next-state copy of every bit each cycle: the payload is up to 73 bits wide and this block
  // sits on every AXI channel, so in simulation the copies would cost more than the handshake.
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      main_valid_q <= 1'b0;
      main_data_q  <= '0;
      skid_valid_q <= 1'b0;
      skid_data_q  <= '0;
    end else if (main_load) begin
      main_valid_q <= skid_valid_q || s_fire;
      if (skid_valid_q) begin
        main_data_q  <= skid_data_q;
        skid_valid_q <= 1'b0;
      end else if (s_fire) begin
        main_data_q <= s_data_i;
      end
    end else if (s_fire) begin
      // Downstream stalled while upstream delivered: park the beat in the skid register.
      skid_valid_q <= 1'b1;
      skid_data_q  <= s_data_i;
    end
  end

  assign s_ready_o = !skid_valid_q;
  assign m_valid_o = main_valid_q;
  assign m_data_o  = main_data_q;

endmodule

`default_nettype wire
