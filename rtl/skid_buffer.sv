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

  logic             main_valid_q, main_valid_d;
  logic [Width-1:0] main_data_q, main_data_d;
  logic             skid_valid_q, skid_valid_d;
  logic [Width-1:0] skid_data_q, skid_data_d;

  logic s_fire;

  always_comb begin
    main_valid_d = main_valid_q;
    main_data_d  = main_data_q;
    skid_valid_d = skid_valid_q;
    skid_data_d  = skid_data_q;

    s_fire = s_valid_i && !skid_valid_q;

    if (!main_valid_q || m_ready_i) begin
      // The main register empties (or is empty) this cycle: refill it, skid first.
      if (skid_valid_q) begin
        main_valid_d = 1'b1;
        main_data_d  = skid_data_q;
        skid_valid_d = 1'b0;
      end else begin
        main_valid_d = s_fire;
        if (s_fire) begin
          main_data_d = s_data_i;
        end
      end
    end else if (s_fire) begin
      // Downstream stalled while upstream delivered: park the beat in the skid register.
      skid_valid_d = 1'b1;
      skid_data_d  = s_data_i;
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      main_valid_q <= 1'b0;
      main_data_q  <= '0;
      skid_valid_q <= 1'b0;
      skid_data_q  <= '0;
    end else begin
      main_valid_q <= main_valid_d;
      main_data_q  <= main_data_d;
      skid_valid_q <= skid_valid_d;
      skid_data_q  <= skid_data_d;
    end
  end

  assign s_ready_o = !skid_valid_q;
  assign m_valid_o = main_valid_q;
  assign m_data_o  = main_data_q;

endmodule

`default_nettype wire
