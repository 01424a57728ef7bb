// Not part of the NIC: a negative test of the synthesis check (synth.rejects_latch_always). The
// latch of latch.sv written as a plain `always @*`, for which Yosys only logs "Latch inferred"
// instead of failing as it does for an always_comb: the check must still fail and name q_o.
`default_nettype none

module latch_always (
  input  wire logic       en_i,
  input  wire logic [7:0] d_i,
  output logic      [7:0] q_o
);

  always @* begin
    if (en_i) q_o = d_i;
  end

endmodule

`default_nettype wire
