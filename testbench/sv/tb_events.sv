// Copyright nicsim contributors. SPDX-License-Identifier: Apache-2.0
//
// The testbench's own signals, so that the software's decisions sit in the FST next to the RTL
// on one time axis (scope TOP.nicsim_tb_top.tb). Not hardware: nothing here is synthesised; it
// only gives the C++ testbench ports to drive and gives the waveform names for what it drives.
//
// Driven by the testbench (TbEventDriver, testbench/trace/tb_event_driver.hpp), each at the NIC
// cycle of the host time it happened at:
//   frame_offered_i   one-cycle pulse: a frame's first beat is due on the wire now
//   frame_seq_i       the sequence number of the last frame offered (held)
//   irq_entry_i       one-cycle pulse: a CPU entered the hard-interrupt handler of irq_vector_i
//   poll_active_i     bit q high while the driver polls RX ring q (the poll's CPU time)
//   poll_queue_i      the queue of the last poll that ended, poll_count_i its packet count
//   rearm_i           one-cycle pulse: the driver re-armed the vectors in rearm_vectors_i (MMIO)
//   drops_*_i         host-side drop counters by reason (policy and applications)
// Derived here from the NIC itself (read by TraceSchedule for --trace-on):
//   nic_drop_*        one-cycle strobes, one per NIC drop reason (its statistics counters)
//   drop_o            any drop this cycle, NIC or host
//   error_o           a queue stopped on an error, or a DMA access failed
//   irq_o             any interrupt message this cycle
`default_nettype none

module tb_events
  import nic_regmap_pkg::*;
(
  input  wire logic                 clk_i,
  input  wire logic                 frame_offered_i,
  input  wire logic [31:0]          frame_seq_i,
  input  wire logic                 irq_entry_i,
  input  wire logic [3:0]           irq_vector_i,
  input  wire logic [15:0]          poll_active_i,
  input  wire logic [3:0]           poll_queue_i,
  input  wire logic [15:0]          poll_count_i,
  input  wire logic                 rearm_i,
  input  wire logic [15:0]          rearm_vectors_i,
  input  wire logic                 host_drop_i,
  input  wire logic [31:0]          drops_ipintrq_i,
  input  wire logic [31:0]          drops_tx_ring_i,
  input  wire logic [31:0]          drops_socket_queue_i,
  // From the NIC: its counter increments this cycle, queue error strobes, interrupt outputs.
  input  wire logic [NUM_GCNT-1:0]  nic_counter_inc_i,
  input  wire logic                 nic_queue_error_i,
  input  wire logic [15:0]          nic_irq_i,
  output logic                      drop_o,
  output logic                      error_o,
  output logic                      irq_o
);

  // One strobe per NIC drop reason (the counters regmap.toml marks `drop = true`).
  logic nic_drop_runt, nic_drop_oversize, nic_drop_fcs, nic_drop_buffer, nic_drop_no_desc;
  logic nic_drop_queue_off, nic_drop_disabled, nic_drop_dma_error, nic_drop_filter, nic_drop;
  assign nic_drop_runt      = nic_counter_inc_i[GCNT_RX_RUNT];
  assign nic_drop_oversize  = nic_counter_inc_i[GCNT_RX_OVERSIZE];
  assign nic_drop_fcs       = nic_counter_inc_i[GCNT_RX_FCS_ERRORS];
  assign nic_drop_buffer    = nic_counter_inc_i[GCNT_RX_BUFFER_DROPS];
  assign nic_drop_no_desc   = nic_counter_inc_i[GCNT_RX_NO_DESC_DROPS];
  assign nic_drop_queue_off = nic_counter_inc_i[GCNT_RX_QUEUE_OFF_DROPS];
  assign nic_drop_disabled  = nic_counter_inc_i[GCNT_RX_DISABLED_DROPS];
  assign nic_drop_dma_error = nic_counter_inc_i[GCNT_RX_DMA_ERROR_DROPS];
  assign nic_drop_filter    = nic_counter_inc_i[GCNT_RX_FILTER_DROPS];
  assign nic_drop = nic_drop_runt | nic_drop_oversize | nic_drop_fcs | nic_drop_buffer |
                    nic_drop_no_desc | nic_drop_queue_off | nic_drop_disabled |
                    nic_drop_dma_error | nic_drop_filter;

  assign drop_o  = nic_drop | host_drop_i;
  assign error_o = nic_queue_error_i | nic_counter_inc_i[GCNT_DMA_ERRORS];
  assign irq_o   = |nic_irq_i;

  // Ports that exist only to be traced: the C++ side drives them, nothing here reads them.
  logic unused_traced_only;
  assign unused_traced_only = ^{clk_i, frame_offered_i, frame_seq_i, irq_entry_i, irq_vector_i,
                                poll_active_i, poll_queue_i, poll_count_i, rearm_i,
                                rearm_vectors_i, drops_ipintrq_i, drops_tx_ring_i,
                                drops_socket_queue_i};

endmodule

`default_nettype wire
