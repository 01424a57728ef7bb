// Who uses each knob: a key given for a run whose policy, application or traffic does not
// use it is refused, naming the key, its value and who does use it, so that no setting is
// silently ignored. Keys that every run uses (the load, the NIC, the CPUs, ...) have no rule.
#pragma once

#include "cosim/run_config.hpp"

namespace nicsim {

// Throws std::invalid_argument for the first given key nothing in the run uses.
void check_knobs_used(const RunConfig& config);

}  // namespace nicsim
