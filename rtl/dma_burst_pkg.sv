// How long the next AXI INCR burst of 8-byte beats may be: one rule for every DMA engine.
// (Written without `return`, which Yosys does not parse in functions.)
`default_nettype none

package dma_burst_pkg;

  // Beats from an 8-byte aligned address to the next 4 KiB boundary: 1..512. AXI forbids a
  // burst that crosses one. `beat_in_page` is the address's bits 11:3.
  function automatic logic [12:0] beats_to_4k(logic [8:0] beat_in_page);
    beats_to_4k = 13'h200 - {4'b0000, beat_in_page};
  endfunction

  // The next burst: the beats left, at most max_beats (MaxBurstLen), never past 4 KiB.
  function automatic logic [12:0] next_burst_beats(logic [12:0] left, logic [12:0] max_beats,
                                                   logic [8:0] beat_in_page);
    logic [12:0] beats, page;
    page  = beats_to_4k(beat_in_page);
    beats = left;
    if (beats > max_beats) beats = max_beats;
    if (beats > page) beats = page;
    next_burst_beats = beats;
  endfunction

endpackage

`default_nettype wire
