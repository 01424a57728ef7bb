// What a sweep runs: policies × offered loads, each point one `nicsim run` with the same
// base settings. Plans come from an embedded preset or a TOML file of the same shape:
//
//   [sweep]
//   policies = ["napi", "bsd-interrupt"]
//   loads = [10000, 50000]            # or "FROM:TO:STEPS" (evenly spaced, inclusive)
//   packets = 2000                    # per point; or duration-us = 2000 (packets = load x duration)
//   seed = 1
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

struct SweepPlan {
    std::string name;
    std::string description;
    std::vector<std::string> policies;
    std::vector<double> loads;
    std::uint64_t packets = 0;        // fixed per point, or 0 to use duration_us
    double duration_us = 0;
    std::uint64_t seed = 1;
    KeyValues base;                   // [run]
    std::vector<std::pair<std::string, KeyValues>> per_policy;  // [policy.NAME]
};

struct SweepPoint {
    std::string policy;  // as listed in the plan: a policy, or a variant of one
    double load = 0;
    std::uint64_t packets = 0;
    KeyValues settings;  // every knob for this point, base then per-policy
};

const std::vector<std::string>& preset_names();
// Throws std::invalid_argument listing the valid names.
SweepPlan load_preset(const std::string& name);
SweepPlan load_plan_file(const std::string& path);

// "1000,2000" or "FROM:TO:STEPS"; throws std::invalid_argument naming the problem.
std::vector<double> parse_loads(const std::string& text);

// The points in run order (policy-major), each checked against `nicsim run`'s knobs (names,
// ranges, the load against the line rate) before anything runs.
std::vector<SweepPoint> plan_points(const SweepPlan& plan);

}  // namespace nicsim::sweep
