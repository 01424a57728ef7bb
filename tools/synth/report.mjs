// Turns Yosys's `stat -json -top` into report.json, and says whether the netlist is plausible.

// Flip-flop bits. A gate-level flip-flop is one bit: $_DFF_P_, $_DFFE_PN0P_, $_SDFF_..., $_ALDFF_...,
// $_DFFSR_... A word-level one, counted by `stat -width`, is as wide as its suffix: $adffe_32.
// Latches ($_DLATCH_*, $dlatch) are neither: synth.mjs rejects those.
const GATE_FF = /^\$_[A-Z]*DFF[A-Z]*_/;
const WORD_FF = /^\$(?:ff|dff|dffe|adff|adffe|sdff|sdffe|sdffce|aldff|aldffe|dffsr|dffsre)_(\d+)$/;

// Yosys names a module elaborated with non-default parameters `$paramod\name\Param=value...`
// or, when that is long, `$paramod$<hash>\name`; the report keeps the name and the whole key.
function plainName(name) {
  return name.replace(/^\\/, '');
}

function flipFlopBits(cellsByType) {
  let bits = 0;
  for (const [type, count] of Object.entries(cellsByType ?? {})) {
    if (GATE_FF.test(type)) bits += count;
    const word = WORD_FF.exec(type);
    if (word) bits += count * Number(word[1]);
  }
  return bits;
}

// Cell types without the width suffix `stat -width` adds: $adffe_32 and $adffe_8 are $adffe.
function cellTypes(cellsByType) {
  const types = {};
  for (const [type, count] of Object.entries(cellsByType ?? {})) {
    const base = type.startsWith('$') && !type.startsWith('$paramod') ? type.replace(/_\d+$/, '') : type;
    types[base] = (types[base] ?? 0) + count;
  }
  return types;
}

// stat: `stat -width -json -top` of the netlist; statRtl: `stat -json -top` after proc, while
// memories are still memories (the netlist's $mem_v2 cells have no bit count in stat).
export function makeReport(stat, statRtl, { top, flow, yosys, seconds, warnings }) {
  const modules = {};
  for (const [name, m] of Object.entries(stat.modules)) {
    modules[plainName(name)] = {
      cells: m.num_cells,
      flip_flops: flipFlopBits(m.num_cells_by_type),
      memory_bits: statRtl.modules[name]?.num_memory_bits ?? 0,
    };
  }
  const types = cellTypes(stat.design.num_cells_by_type);
  return {
    top,
    flow,
    yosys,
    seconds: Math.round(seconds * 10) / 10,
    warnings,
    // Whole design: every instance counted, as Yosys's "design hierarchy" totals do. Cells are
    // word-level in the check flow, gates in the full one; either way without submodule cells.
    cells: Object.entries(types).filter(([t]) => t.startsWith('$') && !t.startsWith('$paramod'))
      .reduce((n, [, c]) => n + c, 0),
    flip_flops: flipFlopBits(stat.design.num_cells_by_type),
    memories: types.$mem_v2 ?? 0,
    memory_bits: statRtl.design.num_memory_bits,
    cell_types: Object.fromEntries(Object.entries(types).filter(([t]) => !t.startsWith('$paramod'))),
    // Per module definition, each counted once, its submodules as one cell each.
    modules,
  };
}

// Floors far below what nic_top is (docs/synthesis.md has the measured numbers): a netlist
// under them has lost a large part of the design, as when a block's outputs are left unused
// and Yosys removes it, or a frame buffer stops being a RAM. Another top has no floors.
export const FLOORS = {
  nic_top: {
    cells: 10000,
    flip_flops: 5000,
    memories: 2,
    // The two frame buffers at nic_top's defaults: (32 KiB + 16 KiB) * 8.
    memory_bits: (32768 + 16384) * 8,
  },
};

// Why the netlist is implausible, or null. Any top: a module without a single cell.
export function implausibility(report) {
  for (const [what, floor] of Object.entries(FLOORS[report.top] ?? {})) {
    if (!(report[what] >= floor)) return `${what} = ${report[what]}, expected at least ${floor}`;
  }
  const empty = Object.entries(report.modules).filter(([, m]) => m.cells === 0).map(([name]) => name);
  if (empty.length) return `modules without a cell: ${empty.join(', ')}`;
  return null;
}
