#include "sweep/knob_text.hpp"

#include <charconv>
#include <cmath>
#include <string>
#include <cstdio>
#include <filesystem>
#include <stdexcept>

namespace nicsim::sweep {

const Knob* knob_named(const std::vector<Knob>& knobs, const std::string& key) {
    for (const auto& k : knobs)
        if (k.key == key) return &k;
    return nullptr;
}

std::string number_text(double value) {
    // Integers as integers (TOML reads them for integer and real knobs alike); anything else
    // in the shortest form that round-trips.
    if (value == std::floor(value) && std::fabs(value) < 9e15) return std::to_string(static_cast<long long>(value));
    char buf[64];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
    if (ec != std::errc{}) throw std::logic_error("number_text: to_chars failed");
    return std::string(buf, end);
}

std::string canonical_value(const std::vector<Knob>& knobs, const std::string& key, const std::string& value) {
    const Knob* k = knob_named(knobs, key);
    set_knob(knobs, key, value);  // the knob's own check and message, unknown keys included
    if (k->type == Knob::Type::text) {
        // A text knob without choices is a file name (run_config.cpp's file_knob).
        if (k->choices.empty()) return std::filesystem::absolute(value).lexically_normal().string();
        return value;
    }
    // A seed is digits only (checked above) and may exceed what a double holds exactly.
    if (k->key == "seed") return std::to_string(std::stoull(value));
    return number_text(knob_number(*k, value));
}

std::string toml_value(const std::vector<Knob>& knobs, const std::string& key, const std::string& value) {
    const Knob* k = knob_named(knobs, key);
    if (!k) throw std::invalid_argument("unknown key '" + key + "'");
    return k->type == Knob::Type::text ? toml_string(value) : value;
}

std::string toml_string(const std::string& text) {
    std::string out = "\"";
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20 || u == 0x7f) {
            char esc[8];
            std::snprintf(esc, sizeof esc, "\\u%04x", u);
            out += esc;
        } else {
            out += c;
        }
    }
    return out + "\"";
}

std::string toml_key(const std::string& key) {
    bool bare = !key.empty();
    for (const char c : key)
        bare = bare && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_');
    return bare ? key : toml_string(key);
}

}  // namespace nicsim::sweep
