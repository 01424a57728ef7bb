// One point of an embedded sweep preset as a run configuration: the settings exactly as
// `nicsim sweep --preset NAME` runs them, for system tests that check a preset's behaviour.
#pragma once

#include <iostream>
#include <string>

#include "cosim/cosim_run.hpp"
#include "sweep/sweep_plan.hpp"

namespace nicsim::test {

// `policy` is a policy or a variant the preset defines; the point runs for `duration_us`.
// `overrides` are set as the policy's own keys ([policy.NAME]), over the preset's: as a user
// would write them, so that a key the run does not use is refused as it would be.
inline RunConfig preset_point(const std::string& preset, const std::string& policy, double load, double duration_us,
                              const sweep::KeyValues& overrides = {}) {
    auto plan = sweep::load_preset(preset);
    plan.policies = {policy};
    if (!overrides.empty()) plan.per_policy.emplace_back(policy, overrides);
    plan.loads = {load};
    plan.packets = 0;
    plan.duration_us = duration_us;
    const auto point = sweep::plan_points(plan).at(0);
    RunConfig config;
    const auto knobs = make_knobs(config);
    for (const auto& [k, v] : point.settings) set_knob(knobs, k, v);
    std::cout << "preset " << preset << ", policy " << policy << ", load " << load << ", seed " << config.seed << "\n";
    return config;
}

}  // namespace nicsim::test
