#include "sweep/plan_files.hpp"

#include <sstream>

#include "sweep/knob_text.hpp"
#include "cosim/run_config.hpp"

namespace nicsim::sweep {
namespace {

// The key = value lines of a table of run keys, typed by their knobs.
void write_settings(std::ostringstream& out, const KeyValues& settings) {
    RunConfig scratch;
    const auto knobs = make_knobs(scratch);
    for (const auto& [k, v] : settings)
        out << toml_key(k) << " = " << toml_value(knobs, k, canonical_value(knobs, k, v)) << "\n";
}

}  // namespace

std::string plan_toml(const SweepPlan& plan) {
    RunConfig scratch;
    const auto knobs = make_knobs(scratch);
    std::ostringstream out;
    out << "# The plan of a nicsim sweep as it ran; `nicsim sweep --config FILE` runs it again.\n"
        << "name = " << toml_string(plan.name) << "\n";
    if (!plan.description.empty()) out << "description = " << toml_string(plan.description) << "\n";
    out << "[sweep]\npolicies = [";
    for (std::size_t i = 0; i < plan.policies.size(); ++i) out << (i ? ", " : "") << toml_string(plan.policies[i]);
    out << "]\nloads = [";
    for (std::size_t i = 0; i < plan.loads.size(); ++i) out << (i ? ", " : "") << number_text(plan.loads[i]);
    out << "]\n";
    if (plan.packets) out << "packets = " << plan.packets << "\n";
    else out << "duration-us = " << number_text(plan.duration_us) << "\n";
    out << "seed = " << plan.seed << "\nseeds = " << plan.seeds << "\n";
    if (!plan.axes.empty()) {
        out << "[axes]\n";
        for (const auto& axis : plan.axes) {
            out << toml_key(axis.key) << " = [";
            for (std::size_t i = 0; i < axis.values.size(); ++i)
                out << (i ? ", " : "") << toml_value(knobs, axis.key, canonical_value(knobs, axis.key, axis.values[i]));
            out << "]\n";
        }
    }
    if (!plan.base.empty()) {
        out << "[run]\n";
        write_settings(out, plan.base);
    }
    for (const auto& [name, settings] : plan.per_policy) {
        out << "[policy." << toml_key(name) << "]\n";
        write_settings(out, settings);
    }
    return out.str();
}

std::string describe_run(const SweepRun& run, const SweepPoint& point) {
    std::ostringstream out;
    out << point.policy << " at " << number_text(point.load) << " packets/s";
    for (const auto& [k, v] : point.axis_values) out << ", " << k << "=" << v;
    out << ", seed " << run.seed;
    return out.str();
}

std::string run_toml(const SweepRun& run, const SweepPoint& point) {
    std::ostringstream out;
    out << "# One run of a nicsim sweep: " << describe_run(run, point) << ".\n"
        << "# Alone: nicsim run --config FILE (--json for the sweep's record).\n";
    write_settings(out, run.settings);
    return out.str();
}

}  // namespace nicsim::sweep
