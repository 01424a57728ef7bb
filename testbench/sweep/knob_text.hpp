// Run settings as text, one spelling per value: a sweep's plan and its per-run files are
// compared byte for byte (same plan, same folder), so "5", "5.0" and "5e0" for quota must be
// written the same way. The knob table (run_config.hpp) says each key's type.
#pragma once

#include <string>
#include <vector>

#include "cosim/run_config.hpp"

namespace nicsim::sweep {

// The knob named `key`, or nullptr.
const Knob* knob_named(const std::vector<Knob>& knobs, const std::string& key);

// The shortest text that reads back as exactly `value` ("0.1", "100000", "2.5e+06").
std::string number_text(double value);

// `value` checked by its knob (throws std::invalid_argument naming key, value and range, or
// the unknown key) and written canonically: numbers by number_text, a file name made
// absolute (a run may start in another folder, on another machine), other text as given.
std::string canonical_value(const std::vector<Knob>& knobs, const std::string& key, const std::string& value);

// `value` (canonical) as a TOML value of its knob's type: a number, or a quoted string.
std::string toml_value(const std::vector<Knob>& knobs, const std::string& key, const std::string& value);

// A TOML basic string: quoted, with quotes, backslashes and control characters escaped.
std::string toml_string(const std::string& text);

// A TOML key: bare when it may be, quoted otherwise.
std::string toml_key(const std::string& key);

}  // namespace nicsim::sweep
