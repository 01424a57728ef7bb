// Puts a sweep's outputs in its folder together: results.csv, results.json, timing.csv, the
// plan they are of (plan.toml) and the plots, all written and drawn in a staging folder first,
// then renamed into place with SIGINT and SIGTERM held back, then every older output the new
// set does not include removed (a smaller sweep leaves no stale data_*.dat or cores.svg).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "sweep/sweep_results.hpp"

namespace nicsim::sweep {

// Returns the names written.
std::vector<std::string> commit_outputs(const std::filesystem::path& out, const std::string& title,
                                        const std::string& plan_toml, const std::vector<PointResult>& rows,
                                        const std::string& timing_csv);

}  // namespace nicsim::sweep
