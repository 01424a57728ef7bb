// The knob table (cosim/run_config.hpp) as a user meets it: every key's default is the value a
// run uses, flags and TOML files take the same spellings and refuse the same ones with the
// same message (key, value as written, range), and ranges are what the NIC can hold.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <stdexcept>
#include <string>

#include "cosim/run_config.hpp"
#include "nic_regs.hpp"

using namespace nicsim;
namespace fs = std::filesystem;

namespace {

// Every key's value, as --help, docs/knobs.md and run reports show them.
std::map<std::string, std::string> values_of(RunConfig& c) {
    std::map<std::string, std::string> v;
    for (const auto& k : make_knobs(c)) v[k.key] = k.get();
    return v;
}

// What giving `key` the text `value` does, as a flag and as a file line: the message of the
// refusal ("" when accepted) and, when accepted, the value the key then has.
struct Outcome {
    std::string error;
    std::string value;
};

Outcome as_flag(const std::string& key, const std::string& value) {
    RunConfig c;
    const auto knobs = make_knobs(c);
    try {
        set_knob(knobs, key, value);
    } catch (const std::invalid_argument& e) {
        return {e.what(), {}};
    }
    return {{}, knob_value(c, key)};
}

Outcome as_file(const std::string& key, const std::string& value) {
    const fs::path file = fs::temp_directory_path() / ("nicsim-run-keys-" + std::to_string(::getpid()) + ".toml");
    std::ofstream(file) << key << " = " << value << "\n";
    RunConfig c;
    const auto knobs = make_knobs(c);
    Outcome o;
    try {
        load_config_file(knobs, file.string());
        o.value = knob_value(c, key);
    } catch (const std::invalid_argument& e) {
        // The file's name leads the message; the rest is the knob's, as for a flag.
        o.error = e.what();
        const std::string prefix = file.string() + ": ";
        if (o.error.rfind(prefix, 0) == 0) o.error = o.error.substr(prefix.size());
    }
    fs::remove(file);
    return o;
}

}  // namespace

TEST_CASE("every key's default, as help and docs show it, is the value a run uses", "[run][keys]") {
    RunConfig defaults;
    const auto shown = values_of(defaults);
    for (const auto& [key, text] : shown) {
        if (text.empty()) continue;  // pcap: no file until one is given
        INFO("--" << key << " " << text);
        // Giving the shown default explicitly changes nothing, of this key or any other.
        RunConfig given;
        const auto knobs = make_knobs(given);
        REQUIRE_NOTHROW(set_knob(knobs, key, text));
        CHECK(values_of(given) == shown);
        // The same through a file, as `KEY = VALUE` (text keys quoted).
        const Knob& k = *std::find_if(knobs.begin(), knobs.end(), [&](const Knob& x) { return x.key == key; });
        const Outcome file = as_file(key, k.type == Knob::Type::text ? "\"" + text + "\"" : text);
        CHECK(file.error.empty());
        CHECK(file.value == text);
    }
}

TEST_CASE("a flag and a file line take the same spellings of a number, and refuse the same", "[run][keys]") {
    struct Case {
        const char* key;
        const char* spelling;
        const char* value;  // what the key then holds; nullptr: refused
    };
    const Case cases[] = {
        {"packets", "1000", "1000"},     {"packets", "1e3", "1000"},  {"packets", "1_000", "1000"},
        {"packets", "0x3e8", "1000"},    {"packets", "+1000", "1000"}, {"packets", "1000.0", "1000"},
        {"packets", "1.5", nullptr},     {"packets", "-1", nullptr},   {"packets", "2e9", nullptr},
        {"packets", "true", nullptr},    {"packets", "\"5\"", nullptr}, {"load", "2.5e4", "25000"},
        {"load", "25_000.5", "25000.5"}, {"load", "inf", nullptr},     {"load", "nan", nullptr},
        {"load", "0", nullptr},          {"rx-usecs", "1e9", nullptr}, {"rx-usecs", "4294967295", nullptr},
        {"rx-usecs", "65535", "65535"},  {"rx-usecs", "6.5e4", "65000"},
    };
    for (const auto& c : cases) {
        INFO(c.key << " = " << c.spelling);
        const Outcome flag = as_flag(c.key, c.spelling);
        const Outcome file = as_file(c.key, c.spelling);
        if (c.value) {
            CHECK(flag.error.empty());
            CHECK(file.error.empty());
            CHECK(flag.value == c.value);
            CHECK(file.value == c.value);
        } else {
            // The key, the value as the user wrote it, and what is allowed; word for word the same.
            CHECK_THAT(flag.error, Catch::StartsWith(std::string(c.key) + " = " + c.spelling + ": must be "));
            CHECK(file.error == flag.error);
        }
    }
    // Not TOML at all: both refuse (a file cannot even be read), neither takes a guess.
    for (const char* spelling : {".5", "5.", "1,000", "1e", "0x"}) {
        INFO("packets = " << spelling);
        CHECK_FALSE(as_flag("packets", spelling).error.empty());
        CHECK_FALSE(as_file("packets", spelling).error.empty());
    }
}

TEST_CASE("interrupt moderation keys stop at what the NIC's registers hold", "[run][keys]") {
    const std::pair<const char*, regs::Field> fields[] = {{"rx-usecs", regs::RX_USECS_USECS},
                                                          {"rx-frames", regs::RX_FRAMES_FRAMES},
                                                          {"tx-usecs", regs::TX_USECS_USECS},
                                                          {"tx-frames", regs::TX_FRAMES_FRAMES}};
    for (const auto& [key, field] : fields) {
        INFO(key);
        const std::string top = std::to_string((1ull << field.width) - 1);
        const std::string over = std::to_string(1ull << field.width);
        CHECK(as_flag(key, top).value == top);
        // Refused, not saturated in the register to a value nobody asked for.
        CHECK(as_flag(key, over).error == std::string(key) + " = " + over + ": must be an integer in 0.." + top);
    }
}

TEST_CASE("a TOML value of the wrong type is named as written", "[run][keys]") {
    CHECK(as_file("load", "\"fast\"").error == "load = \"fast\": must be a number in 0.001..1000000000");
    CHECK(as_file("load", "[1, 2]").error == "load = [1, 2]: must be a number in 0.001..1000000000");
    CHECK_THAT(as_file("policy", "5").error, Catch::StartsWith("policy = 5: must be one of "));
    CHECK(as_file("rx-usecs", "1e9   # far too long").error == "rx-usecs = 1e9: must be an integer in 0..65535");
}

TEST_CASE("cpu-limit 0 is refused with the reason", "[run][keys]") {
    const std::string error = as_flag("cpu-limit", "0").error;
    CHECK_THAT(error, Catch::StartsWith("cpu-limit = 0: must be a number in 0.01..1"));
    CHECK_THAT(error, Catch::Contains("would stop receive processing"));
    CHECK(as_flag("cpu-limit", "1").value == "1");  // no limit, as poll-quota
}
