// The GTKWave views in traces/ (one save file, VIEW.gtkw, per view) and the command that
// opens a trace with one: `nicsim view VIEW FILE.fst`.
#pragma once

#include <string>
#include <vector>

namespace nicsim::tb {

// The folder holding the .gtkw files: $NICSIM_TRACES_DIR if set, else the source tree's
// traces/ (compiled in).
std::string views_dir();
// Every view's name (the .gtkw files' stems), sorted.
std::vector<std::string> view_names();
// The save file of `view`; throws std::invalid_argument listing the views if there is none.
std::string view_file(const std::string& view);
// gtkwave's command line that opens `fst` arranged as `view` (checks both exist).
std::vector<std::string> view_command(const std::string& view, const std::string& fst);

}  // namespace nicsim::tb
