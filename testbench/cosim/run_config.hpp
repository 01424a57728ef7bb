// Everything a co-simulation run can be told, and the one table of knobs that gives each
// setting its TOML key, its command-line flag (--KEY), its type and its legal range. A
// configuration file and the flags go through the same checks: an unknown key, a wrong type
// or a value out of range is an error naming the key and what it accepts.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "host/cost_profiles.hpp"
#include "host/cost_table.hpp"
#include "traffic/generated_source.hpp"
#include "policy_factory.hpp"
#include "nic_driver.hpp"
#include "platform/platform_config.hpp"

namespace nicsim {

// What the host does with each packet: forward it in the kernel, sink it in user processes
// (one per `apps`), sink it in a process per core fed by the queues affine to that core, or
// forward it through a user-level filter process (screend) that screens it first.
enum class App : unsigned { forward, sink, sink_per_core, screend, count_ };
inline constexpr std::array<std::string_view, 4> app_names{"forward", "sink", "sink-per-core", "screend"};

// Where the frames come from: the generator (the knobs below) or a capture's frames.
enum class TrafficKind : unsigned { generated, pcap, count_ };
inline constexpr std::array<std::string_view, 2> traffic_names{"generated", "pcap"};

// What simulates the NIC. The Verilated RTL is the only backend so far, so no knob chooses
// it; a second one (a C++ model of the NIC) would add the value and the knob together.
enum class Backend : unsigned { rtl };

inline std::string_view name_of(App a) { return app_names[static_cast<unsigned>(a)]; }
inline std::string_view name_of(TrafficKind t) { return traffic_names[static_cast<unsigned>(t)]; }

struct RunConfig {
    driver::PolicyKind policy = driver::PolicyKind::napi;
    App app = App::forward;
    Backend backend = Backend::rtl;
    double load_pps = 100'000;
    std::uint64_t packets = 2000;
    TrafficKind traffic = TrafficKind::generated;
    std::string pcap;                    // traffic = pcap: the capture, replayed at `load`, looping
    unsigned size = 60;
    unsigned flows = 1;
    traffic::Arrivals arrivals = traffic::Arrivals::constant;
    double on_us = 100;                  // onoff: burst length
    double off_us = 100;                 // onoff: gap length
    traffic::Sizes sizes = traffic::Sizes::fixed;  // fixed (size), imix, uniform (size-min..size-max)
    unsigned size_min = 60;
    unsigned size_max = 1514;
    traffic::FlowPopularity flow_popularity = traffic::FlowPopularity::uniform;
    double zipf_s = 1.0;
    unsigned cores = 1;
    std::uint64_t seed = 1;
    double link_gbps = 10;
    unsigned sink_queue = 256;           // the user-level consumer's socket queue, packets
    unsigned apps = 1;                   // sink applications, application i on UDP port app_port(i)
    double quiet_load_pps = 0;           // offered to each application but the last; `load` goes to the last
    unsigned hog = 0;                    // 1: a CPU-bound user process runs on core 0
    double drain_timeout_us = 100'000;   // how long after the last frame the run may take to drain
    double warmup_us = 1000;             // the start of the offer that rates do not count (the window is the rest)
    host::CostProfile cost_profile = host::CostProfile::kernel_modern;
    driver::DriverConfig driver;
    driver::PolicyConfig policies;
    host::CostTable costs;
    platform::PlatformConfig platform;
    // The keys given explicitly (by a file, a flag or a sweep plan): the knobs record them, so
    // that a cost profile keeps an explicit cost and validate() can refuse a key nothing uses.
    std::set<std::string> given;
    bool was_given(const std::string& key) const { return given.count(key) != 0; }
};

struct Knob {
    std::string key;
    std::string help;
    enum class Type { integer, real, text } type;
    double min = 0;
    double max = 0;
    std::vector<std::string> choices;  // for text knobs
    std::string bounds;                // "MIN..MAX", when a double cannot say it exactly (seeds)
    std::string why;                   // why a value a user might expect is not allowed, for messages
    std::function<void(const std::string&)> set;  // parses and stores a checked value
    std::function<std::string()> get;            // the current value, for --help and reports
};

// The knobs, bound to `config`'s fields; setting one records its key in config.given.
std::vector<Knob> make_knobs(RunConfig& config);

// Applies one value (from a file or a flag); throws std::invalid_argument naming the key,
// the value and the allowed range.
void set_knob(const std::vector<Knob>& knobs, const std::string& key, const std::string& value);

// The number a numeric knob's text spells, checked against its range. Flags and files take the
// same spellings, TOML's (1000, 1_000, 1e3, 2.5e-3, 0x3e8); an integer knob takes a whole
// number however it is spelled (1e3 is 1000). Throws std::invalid_argument naming key, value
// and range.
double knob_number(const Knob& knob, const std::string& text);

// Reads a TOML file of knob keys; throws std::invalid_argument naming the file, key and
// problem.
void load_config_file(const std::vector<Knob>& knobs, const std::string& path);

// The traffic generator's settings for this run, first frame at `start_ps`.
traffic::GeneratorConfig generator_config(const RunConfig& config, std::uint64_t start_ps);

// The UDP destination port application `index` receives on (9, discard, for the first).
inline std::uint16_t app_port(unsigned index) { return static_cast<std::uint16_t>(9 + index); }

// Every traffic class of the run, first frames at `start_ps`: with several applications, one
// class per application, each to its own port — `quiet-load` to each but the last, `load`
// to the last, over the same span of time. With one application, just generator_config().
std::vector<traffic::GeneratorConfig> traffic_classes(const RunConfig& config, std::uint64_t start_ps);

// Checks that involve several knobs (the load against the line rate, queues against cores, a
// key that the chosen policy, application or traffic does not use: knob_users.hpp).
// With traffic = pcap it reads the capture: its frames' mean size sets the line rate.
void validate(const RunConfig& config);

// What the knob accepts in words, as messages say it: "an integer in 0..65535", "a number in
// 0.01..1", "one of napi, bsd-interrupt, ...", "a file name".
std::string knob_range(const Knob& knob);

// Its type and range as --help shows them in place of a value: "INT 0..65535",
// "NUMBER 0.01..1", "napi|bsd-interrupt|...", "FILE".
std::string knob_type_name(const Knob& knob);

// The knob's value as text, as --help and messages show it.
std::string knob_value(const RunConfig& config, const std::string& key);

}  // namespace nicsim
