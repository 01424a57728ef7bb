// Copyright nicsim contributors. SPDX-License-Identifier: Apache-2.0
//
// Toeplitz hash of Microsoft's Receive Side Scaling (model/toeplitz.hpp), one input per cycle,
// result registered one cycle later.
//
// Definition: input bits are taken from the first byte's most significant bit onwards; for
// every set input bit i the 32-bit key window starting at key bit i is XORed into the result.
// In hardware that is a parallel XOR tree: result bit j is the XOR over the input bits i of
// (input[i] AND key[i + j]), InputBytes * 8 AND terms per result bit, no sequential state. The
// hash is linear, so trailing zero input bytes contribute nothing: a shorter input (the IPv4
// 2- and 4-tuples) is hashed by zero-padding it on the right.
//
// Simulation speed: the tree is a function evaluated only in a cycle with valid_i, written per
// input byte (one 40-bit key slice per byte, 8 conditional 32-bit XORs), and all-zero bytes
// (the padding) skip their slice, so Verilator's code does little for IPv4 inputs. The function
// is not inlined, so that code is not part of the model's per-cycle path.

`default_nettype none

module toeplitz_hash #(
  // Hash input bytes (the IPv6 4-tuple is 36); the key must cover InputBytes * 8 + 32 bits.
  parameter int unsigned InputBytes = 36,
  // Key bytes (RSS keys are 40).
  parameter int unsigned KeyBytes   = 40
) (
  input  wire logic                    clk_i,
  input  wire logic                    rst_ni,

  input  wire logic                    valid_i,
  input  wire logic [InputBytes*8-1:0] input_i,  // first input byte in the top 8 bits
  input  wire logic [KeyBytes*8-1:0]   key_i,    // key byte 0 in the top 8 bits

  output logic                         valid_o,  // the cycle after valid_i
  output logic [31:0]                  hash_o
);

  if (InputBytes < 1 || KeyBytes * 8 < InputBytes * 8 + 32) begin : gen_size_check
    $fatal(1, "%m: a %0d-byte key cannot hash %0d input bytes", KeyBytes, InputBytes);
  end

  localparam int unsigned InBits  = InputBytes * 8;
  localparam int unsigned KeyBits = KeyBytes * 8;

  // Pure and not inlined: a C++ function called only with valid_i, so its unrolled XORs stay
  // out of the model's per-cycle code.
  function automatic logic [31:0] toeplitz(logic [InBits-1:0] data, logic [KeyBits-1:0] key);
    /*verilator no_inline_task*/
    logic [31:0] h;
    logic [7:0]  in_byte;
    logic [39:0] slice;  // key bits 8p .. 8p + 39: the windows of byte p's eight bits
    h = '0;
    for (int unsigned p = 0; p < InputBytes; p++) begin
      in_byte = data[InBits - 1 - 8 * p -: 8];
      if (in_byte != 8'd0) begin
        slice = key[KeyBits - 1 - 8 * p -: 40];
        for (int unsigned b = 0; b < 8; b++) begin
          if (in_byte[7 - b]) begin
            h = h ^ slice[39 - b -: 32];
          end
        end
      end
    end
    toeplitz = h;
  endfunction

  logic        valid_q;
  logic [31:0] hash_q;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      valid_q <= 1'b0;
      hash_q  <= '0;
    end else begin
      valid_q <= valid_i;
      if (valid_i) begin
        hash_q <= toeplitz(input_i, key_i);
      end
    end
  end

  assign valid_o = valid_q;
  assign hash_o  = hash_q;

endmodule

`default_nettype wire
