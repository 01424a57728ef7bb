// How long the next AXI INCR burst of 8-byte beats may be: one rule for every DMA engine.
`default_nettype none

package dma_burst_pkg;

  // Beats from an 8-byte aligned address to the next 4 KiB boundary: 1..512. AXI forbids a
  // burst that crosses one.
  function automatic logic [12:0] beats_to_4k(logic [11:0] addr_low);
    return (13'h1000 - {1'b0, addr_low}) >> 3;
  endfunction

  // The next burst: the beats left, at most max_beats (MaxBurstLen), never past 4 KiB.
  function automatic logic [12:0] next_burst_beats(logic [12:0] left, logic [12:0] max_beats,
                                                   logic [11:0] addr_low);
    logic [12:0] beats;
    beats = left;
    if (beats > max_beats) beats = max_beats;
    if (beats > beats_to_4k(addr_low)) beats = beats_to_4k(addr_low);
    return beats;
  endfunction

endpackage

`default_nettype wire
