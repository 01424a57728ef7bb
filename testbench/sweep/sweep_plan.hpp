// What a sweep runs: policies × parameter axes × offered loads, each point run with one or
// more seeds, each run one `nicsim run` with the same base settings. Plans come from an
// embedded preset or a TOML file of the same shape:
//
//   name = "my sweep"                 # optional: the plots' title [the preset or file name]
//   [sweep]
//   policies = ["napi", "bsd-interrupt"]
//   loads = [10000, 50000]            # or "FROM:TO:STEPS" (evenly spaced, inclusive)
//   packets = 2000                    # per point; or duration-us = 2000 (packets = load x duration)
//   seed = 1
//   seeds = 5                         # runs per point, seeds seed .. seed + 4 [1]
//   [axes]                            # any other `nicsim run` key, swept: one point per value
//   quota = [1, 5, 20]                # (replaces the key's value from [run] or [policy.NAME])
//   [run]                             # any `nicsim run` key, for every point
//   cores = 2
//   [policy.poll-feedback]            # keys for one policy's points only
//   app = "sink"
//   [policy.napi-2q]                  # a variant: a name of its own for a policy with settings
//   policy = "napi"
//   cores = 2
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace nicsim::sweep {

using KeyValues = std::vector<std::pair<std::string, std::string>>;

// A run key swept besides policy and load, with its values in plan order.
struct Axis {
    std::string key;
    std::vector<std::string> values;
};

// Seeds per point, at most.
inline constexpr unsigned max_seeds = 10000;
// The most packets a point may offer (run's packets key says the same).
inline constexpr std::uint64_t max_packets = 1'000'000'000;

struct SweepPlan {
    std::string name;
    std::string description;
    std::vector<std::string> policies;
    std::vector<double> loads;
    std::uint64_t packets = 0;        // fixed per point, or 0 to use duration_us
    double duration_us = 0;
    std::uint64_t seed = 1;
    unsigned seeds = 1;               // runs per point: seed, seed + 1, ..., seed + seeds - 1
    std::vector<Axis> axes;           // [axes], outermost first
    KeyValues base;                   // [run]
    std::vector<std::pair<std::string, KeyValues>> per_policy;  // [policy.NAME]
};

struct SweepPoint {
    std::string policy;     // as listed in the plan: a policy, or a variant of one
    double load = 0;
    std::uint64_t packets = 0;
    KeyValues axis_values;  // this point's value of each axis, in the plan's order
    KeyValues settings;     // every knob for the point's first seed, canonical text
};

// One `nicsim run`: a point with one of its seeds.
struct SweepRun {
    std::size_t point = 0;  // index into plan_points()
    std::uint64_t seed = 0;
    KeyValues settings;     // the point's settings, with this seed
};

const std::vector<std::string>& preset_names();
// Throws std::invalid_argument listing the valid names.
SweepPlan load_preset(const std::string& name);
SweepPlan load_plan_file(const std::string& path);

// "1000,2000" or "FROM:TO:STEPS"; throws std::invalid_argument naming the problem.
std::vector<double> parse_loads(const std::string& text);

// The points in order (policy, then each axis, then load), each checked against `nicsim run`'s
// knobs (names, ranges, the load against the line rate) before anything runs. A policy, load
// or axis value listed twice, an axis over an unknown key or over policy, load, packets or
// seed (they have their own sweep keys) is refused: std::invalid_argument naming it. A [run]
// key applies to the points whose policy, application and traffic use it; a key from
// [policy.NAME] or an axis must be used by its points. A [run] key no point uses (a preset
// narrowed to fewer policies) is not an error: it is named in *unused, for the sweep to say.
std::vector<SweepPoint> plan_points(const SweepPlan& plan, std::vector<std::string>* unused = nullptr);

// Every run: each point with each of the plan's seeds, point-major.
std::vector<SweepRun> plan_runs(const SweepPlan& plan, const std::vector<SweepPoint>& points);

// "KEY=V1,V2,..." (the --axis flag) as an axis; throws std::invalid_argument naming the text.
Axis parse_axis(const std::string& text);

}  // namespace nicsim::sweep
