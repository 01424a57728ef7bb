// Synthesizes the RTL with the pinned Yosys (@yowasp/yosys, WebAssembly) and writes a report.
//
//   node synth.mjs --flow check|full --top MODULE --out DIR SOURCE...
//
// SOURCEs are read in the order given (packages first, as for Verilator). Both flows elaborate
// MODULE at its default parameters and run the coarse part of Yosys's generic `synth`, which
// keeps memories as memories (`memory -nomap`: a RAM becomes a block RAM or an SRAM macro in a
// real flow, not 393,216 flip-flops and their read multiplexers, as a plain `synth` maps the
// 48 KiB of frame buffer; an earlier full run that did took 957 s). Then:
//   check  stops there: a word-level netlist ($add, $mux, $adff, ...). The CTest test.
//   full   goes on as `synth` does, without memory_map: techmap to Yosys's gate library, then
//          ABC, so the cell count means gates. scripts/synth-report.
// It fails (exit 1) on any Yosys error, any latch, a failed `check -assert` (a driver conflict,
// a combinational loop, an undriven wire that is used), or a netlist too small to be nic_top
// (report.mjs says what "too small" is). DIR gets synth.ys, yosys.log, stat-rtl.json, stat.json,
// stat.txt and report.json.
import fs from 'node:fs';
import path from 'node:path';
import { makeReport, implausibility } from './report.mjs';

// node_modules is not in git: scripts/setup installs it (npm ci --prefix tools/synth).
let yosys;
try {
  yosys = await import('@yowasp/yosys');
} catch (e) {
  console.error(`synth: cannot load @yowasp/yosys (${e.code ?? e.message}); run scripts/setup`);
  process.exit(1);
}
const { runYosys, Exit, version } = yosys;

function usage(message) {
  console.error(`synth: ${message}\nusage: node synth.mjs --flow check|full --top MODULE --out DIR SOURCE...`);
  process.exit(2);
}

const opts = { flow: null, top: null, out: null, sources: [] };
for (let i = 2; i < process.argv.length; ++i) {
  const a = process.argv[i];
  if (a === '--flow' || a === '--top' || a === '--out') opts[a.slice(2)] = process.argv[++i];
  else if (a.startsWith('--')) usage(`unknown option ${a}`);
  else opts.sources.push(a);
}
if (!['check', 'full'].includes(opts.flow)) usage('--flow must be check or full');
if (!opts.top || !opts.out || opts.sources.length === 0) usage('--top, --out and sources are needed');

// YoWASP's Yosys sees only a virtual filesystem: each source goes into its root by base name.
const tree = {};
for (const file of opts.sources) {
  const name = path.basename(file);
  if (name in tree) usage(`two sources named ${name}`);
  tree[name] = fs.readFileSync(file, 'utf8');
}

// Every cell type a latch can become, coarse ($dlatch from proc) or fine (after techmap).
const LATCHES = 't:$dlatch t:$adlatch t:$dlatchsr t:$sr t:$_DLATCH_* t:$_DLATCHSR_* t:$_SR_*';

const script = [
  ...opts.sources.map((f) => `read_verilog -sv ${path.basename(f)}`),
  `hierarchy -check -top ${opts.top}`,
  'proc',  // where a latch would be inferred
  `select -assert-none ${LATCHES}`,
  // Memories are still memories here, not yet $mem_v2 cells, which stat does not count in bits.
  `tee -q -o stat-rtl.json stat -json -top ${opts.top}`,
  // The rest of synth's coarse part: opt, fsm, wreduce, alumacc, share, memory -nomap.
  `synth -top ${opts.top} -run coarse:fine`,
  ...(opts.flow === 'full' ? ['opt -fast -full', 'techmap', 'opt -fast', 'abc', 'opt -fast'] : []),
  'opt_clean',
  `select -assert-none ${LATCHES}`,
  `hierarchy -check -top ${opts.top}`,
  'check -assert',
  // -width: coarse cell types carry their width ($adff_32), so flip-flop bits can be counted.
  `tee -q -o stat.json stat -width -json -top ${opts.top}`,
  `tee -q -o stat.txt stat -top ${opts.top}`,
].join('\n');
tree['synth.ys'] = script + '\n';

fs.mkdirSync(opts.out, { recursive: true });
for (const f of ['yosys.log', 'stat-rtl.json', 'stat.json', 'stat.txt', 'report.json']) {
  fs.rmSync(path.join(opts.out, f), { force: true });
}
fs.writeFileSync(path.join(opts.out, 'synth.ys'), tree['synth.ys']);

function copyOut(files) {
  for (const name of ['yosys.log', 'stat-rtl.json', 'stat.json', 'stat.txt']) {
    if (files && typeof files[name] === 'string') fs.writeFileSync(path.join(opts.out, name), files[name]);
  }
}

// A latch that proc infers is named in the log ("Latch inferred for signal ..."): quote those,
// since the select above only says that one exists.
function reportLatches(log) {
  const latches = log.split('\n').filter((l) => /Latch inferred for signal/.test(l));
  for (const l of latches) console.error(`synth: ${l.trim()}`);
  return latches.length;
}

const started = Date.now();
let files;
try {
  // -q: only warnings and errors on the terminal; -l: the whole log in yosys.log.
  files = await runYosys(['-q', '-l', 'yosys.log', '-s', 'synth.ys'], tree);
} catch (e) {
  if (!(e instanceof Exit)) throw e;
  copyOut(e.files);
  const log = typeof e.files?.['yosys.log'] === 'string' ? e.files['yosys.log'] : '';
  reportLatches(log);
  console.error(`synth: Yosys failed (exit ${e.code}); the log is ${path.join(opts.out, 'yosys.log')}`);
  process.exit(1);
}
const seconds = (Date.now() - started) / 1000;
copyOut(files);

const log = files['yosys.log'];
if (reportLatches(log) > 0) {
  console.error('synth: latches inferred (see above)');
  process.exit(1);
}
const report = makeReport(JSON.parse(files['stat.json']), JSON.parse(files['stat-rtl.json']), {
  top: opts.top, flow: opts.flow, yosys: version, seconds,
  warnings: log.split('\n').filter((l) => /^Warning:/.test(l)).length,
});
fs.writeFileSync(path.join(opts.out, 'report.json'), JSON.stringify(report, null, 2) + '\n');
console.log(`synth: ${opts.top} (${opts.flow}, Yosys ${version}) in ${seconds.toFixed(1)} s: ${report.cells} cells, ` +
            `${report.flip_flops} flip-flop bits, ${report.memory_bits} memory bits; ${path.join(opts.out, 'report.json')}`);
const why = implausibility(report);
if (why) {
  console.error(`synth: implausible netlist: ${why}`);
  process.exit(1);
}
