// `nicsim loopback`'s numeric options as knobs of run_config.hpp's kind, built from
// loopback/loopback_ranges.hpp: the same help column ("INT 8..4096"), the same number
// spellings (TOML's, as run's flags and files take them) and the same messages
// ("rx-ring = 5000: must be an integer in 8..4096") as every run key.
#pragma once

#include <vector>

#include "cosim/run_config.hpp"
#include "loopback/rtl_run.hpp"

namespace nicsim::cli {

// Knobs bound to `options`' fields; --rate's upper end (the line rate) is validate()'s.
std::vector<Knob> make_loopback_knobs(tb::RtlRunOptions& options);

}  // namespace nicsim::cli
