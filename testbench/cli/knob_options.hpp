// A knob of run_config.hpp's table as a command-line flag: --KEY, its type and range where
// CLI11 would print TEXT ("INT 0..65535", "NUMBER 0.01..1", "napi|bsd-interrupt|...", "FILE"),
// and its default. The value is kept as text and checked by the knob itself, so a flag and a
// file entry take the same spellings and get the same messages.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

#include "cosim/run_config.hpp"

namespace nicsim::cli {

inline CLI::Option* add_knob_option(CLI::App& app, const Knob& knob, std::string& value) {
    return app.add_option("--" + knob.key, value, knob.help + " [" + knob.get() + "]")->type_name(knob_type_name(knob));
}

}  // namespace nicsim::cli
