// A sweep's outputs: results.csv (one row per point, the row's JSON fields as columns),
// results.json, the plots (gnuplot: livelock.svg/.png, cpu.svg, latency.svg, drops.svg; with
// several applications apps.svg, with several cores cores.svg; with several seeds the 95%
// confidence intervals as error bars on livelock, latency and apps) and the table printed at
// the end; and the conservation check of every run.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "sweep/sweep_results.hpp"

namespace nicsim::sweep {

// For a run whose counts do not add up, how (offered != delivered + drops + in flight);
// empty when they do, or when the run has no result.
std::string conservation_problem(const PointResult& run);

std::string results_csv(const std::vector<PointResult>& results);
std::string results_json(const std::vector<PointResult>& results);
// Writes the data files and gnuplot script into `dir` and runs gnuplot there; throws with
// gnuplot's message if it fails. `dir` is a staging folder (output/staged_outputs.hpp): what
// is not drawn this time is not there.
void write_plots(const std::string& dir, const std::string& title, const std::vector<PointResult>& results);
// Whether `name` is a file results_csv/results_json's callers or write_plots may write
// (results.csv, livelock.svg, data_3.dat, metric_hog_cpu_0.dat, ...): what a sweep folder
// recognises as its own results, to refuse, replace or remove. Kept beside write_plots, so
// a new plot is named in both places (tests/sweep/test_sweep_outputs.cpp checks it is).
bool is_report_file(const std::string& name);
void print_table(std::ostream& out, const std::vector<PointResult>& results);

}  // namespace nicsim::sweep
