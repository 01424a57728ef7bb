// --seed for the commands whose options CLI11 parses directly (loopback, replay, sweep,
// bridge): an unsigned 64-bit integer in decimal digits, as `run`'s seed knob takes it. CLI11
// alone would wrap "-1" to 18446744073709551615.
#pragma once

#include <CLI/CLI.hpp>

#include <charconv>
#include <cstdint>
#include <string>

namespace nicsim::cli {

inline CLI::Validator seed_digits() {
    return CLI::Validator(
        [](std::string& text) -> std::string {
            std::uint64_t v = 0;
            const bool digits = !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
            const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
            if (digits && ec == std::errc{} && ptr == text.data() + text.size()) return {};
            return "seed = " + text + ": must be an integer in 0..18446744073709551615";
        },
        "UINT64");
}

}  // namespace nicsim::cli
