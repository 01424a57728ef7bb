// The embedded sweep presets: one per published experiment the project reproduces (the seeds'
// papers and notes), plus the modern defaults. Each is the same TOML a user can pass with
// `nicsim sweep --config`. This table is the one list: `sweep --help`, `sweep --list-presets`,
// README's preset list and docs/results.md's sections come from it (a test keeps README's copy
// current).
#pragma once

#include <span>

namespace nicsim::sweep {

struct Preset {
    const char* name;
    const char* experiment;  // what it reproduces, one line: README and `sweep --list-presets`
    const char* toml;
};

std::span<const Preset> preset_table();

}  // namespace nicsim::sweep
