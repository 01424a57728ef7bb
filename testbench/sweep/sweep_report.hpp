// A sweep's outputs: results.csv (one row per point, the run's JSON fields as columns),
// results.json, the plots (gnuplot: livelock.svg/.png, cpu.svg, latency.svg, drops.svg; with
// several applications apps.svg, with several cores cores.svg) and the table printed at the
// end; and the conservation check of every point.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "sweep/sweep_runner.hpp"

namespace nicsim::sweep {

// Points whose counts do not add up (or that failed), each described with its numbers.
std::vector<std::string> conservation_failures(const std::vector<PointResult>& results);

void write_csv(const std::string& path, const std::vector<PointResult>& results);
void write_json(const std::string& path, const std::vector<PointResult>& results);
// Writes the data files and gnuplot script into `dir` and runs gnuplot; throws with
// gnuplot's message if it fails.
void write_plots(const std::string& dir, const std::string& title, const std::vector<PointResult>& results);
void print_table(std::ostream& out, const std::vector<PointResult>& results);

}  // namespace nicsim::sweep
