// Not part of the NIC: the synthesis check's own negative test (synth.rejects_latch). q_o keeps
// its value while en_i is low, and nothing assigns it a default, so Yosys infers a latch: the
// check must fail and name q_o.
`default_nettype none

module latch (
  input  wire logic       en_i,
  input  wire logic [7:0] d_i,
  output logic      [7:0] q_o
);

  always_comb begin
    if (en_i) q_o = d_i;
  end

endmodule

`default_nettype wire
