// docs/knobs.md's table: every key of the knob table (cosim/run_config.hpp) with its type and
// range, its default and what it sets, as `nicsim run --list-keys` prints it. The doc is a copy
// of this output, kept current by system.run.docs_list_every_key.
#pragma once

#include <ostream>
#include <vector>

#include "cosim/run_config.hpp"

namespace nicsim::cli {

void print_knob_table(std::ostream& out, const std::vector<Knob>& knobs);

}  // namespace nicsim::cli
