// Who uses each knob: a key given for a run whose policy, application or traffic does not
// use it is refused, naming the key, its value and who does use it, so that no setting is
// silently ignored. Keys that every run uses (the load, the NIC, the CPUs, ...) have no rule.
#pragma once

#include "cosim/run_config.hpp"

#include <string>
#include <vector>

namespace nicsim {

// Throws std::invalid_argument for the first given key nothing in the run uses.
void check_knobs_used(const RunConfig& config);

// The given keys nothing in the run uses, in rule order (a sweep's shared [run] keys apply
// only to the points whose policy, application or traffic uses them).
std::vector<std::string> unused_knobs(const RunConfig& config);

}  // namespace nicsim
