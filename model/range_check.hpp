// The one range check behind every "NAME = VALUE: must be in LOW..HIGH" error: command-line
// options (`nicsim loopback`, `nicsim bridge`) and the models' parameters say it alike.
#pragma once

#include <sstream>
#include <stdexcept>
#include <string_view>

namespace nicsim::model {

// Throws std::invalid_argument "NAME = VALUE: must be in LOW..HIGH[UNIT]" unless
// LOW <= VALUE <= HIGH (a NaN is outside every range). `unit` follows the range as given,
// e.g. " bytes".
template <class T>
void check_range(std::string_view name, T value, T low, T high, std::string_view unit = {}) {
    if (value >= low && value <= high) return;
    std::ostringstream os;
    os << name << " = " << value << ": must be in " << low << ".." << high << unit;
    throw std::invalid_argument(os.str());
}

}  // namespace nicsim::model
