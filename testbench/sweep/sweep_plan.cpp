#include "sweep/sweep_plan.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <set>
#include <sstream>
#include <stdexcept>

#include "sweep/knob_text.hpp"
#include "sweep/presets.hpp"
#include "cosim/knob_users.hpp"
#include "cosim/run_config.hpp"

namespace nicsim::sweep {
namespace {

std::string policy_list(const std::vector<std::string>& policies) {
    std::string out;
    for (const auto& p : policies) out += (out.empty() ? "" : ",") + p;
    return out;
}

std::string to_text(const toml::node& node, const std::string& where) {
    if (auto s = node.value<std::string>(); s && node.is_string()) return *s;
    if (node.is_integer()) return std::to_string(*node.value<std::int64_t>());
    if (node.is_floating_point()) {
        std::ostringstream os;
        os.precision(17);
        os << *node.value<double>();
        return os.str();
    }
    std::ostringstream value;  // as TOML writes it: true, [1, 2], a table
    node.visit([&value](const auto& n) { value << n; });
    throw std::invalid_argument(where + " = " + value.str() + ": must be a string or a number");
}

// A TOML value as it was written, for messages.
std::string to_text_or(const toml::node& node) {
    if (node.is_string()) return "\"" + *node.value<std::string>() + "\"";
    if (node.is_number()) return to_text(node, "");
    std::ostringstream os;
    os << "(a " << node.type() << ")";
    return os.str();
}

KeyValues read_table(const toml::table& t, const std::string& where) {
    KeyValues kv;
    for (const auto& [k, v] : t) kv.emplace_back(std::string(k.str()), to_text(v, where + "." + std::string(k.str())));
    return kv;
}

// A [sweep] integer: a whole number in min..max however it is spelled (1000, 1e3), as run's
// integer keys take it, or an error naming the key and the value; `integer_only` (the seed)
// takes a TOML integer only, as run's seed key takes digits only.
std::uint64_t sweep_integer(const std::string& name, const std::string& key, const toml::node& v, double min,
                            double max, bool integer_only = false) {
    const double d = v.is_integer() ? static_cast<double>(*v.value<std::int64_t>()) : v.value<double>().value_or(-1);
    const bool whole = (v.is_integer() || (v.is_floating_point() && !integer_only)) && std::isfinite(d) &&
                       d == std::floor(d);
    if (!whole || d < min || d > max) {
        std::ostringstream os;
        os << name << ": sweep." << key << " = " << to_text_or(v)
           << ": must be an integer in " << static_cast<long long>(min) << ".." << static_cast<long long>(max);
        throw std::invalid_argument(os.str());
    }
    return static_cast<std::uint64_t>(d);
}

SweepPlan parse_plan(const std::string& name, const toml::table& root) {
    SweepPlan plan;
    plan.name = root["name"].value_or(name);
    plan.description = root["description"].value_or(std::string{});
    const auto* sweep = root["sweep"].as_table();
    if (!sweep) throw std::invalid_argument(name + ": missing [sweep] table");
    for (const auto& [k, v] : *sweep) {
        const std::string key(k.str());
        if (key == "policies") {
            const auto* arr = v.as_array();
            if (!arr) throw std::invalid_argument(name + ": sweep.policies must be a list of names");
            for (const auto& p : *arr) plan.policies.push_back(to_text(p, name + ": sweep.policies"));
        } else if (key == "loads") {
            if (const auto* arr = v.as_array()) {
                for (const auto& l : *arr) plan.loads.push_back(std::stod(to_text(l, name + ": sweep.loads")));
            } else {
                plan.loads = parse_loads(to_text(v, name + ": sweep.loads"));
            }
        } else if (key == "packets") {
            plan.packets = sweep_integer(name, key, v, 1, static_cast<double>(max_packets));
        } else if (key == "duration-us") {
            plan.duration_us = v.value<double>().value_or(0);
            if (!(v.is_number() && plan.duration_us > 0 && plan.duration_us <= 1e9))
                throw std::invalid_argument(name + ": sweep.duration-us = " + to_text_or(v) +
                                            ": must be a number in 0..1000000000 (above 0)");
        } else if (key == "seed") {
            plan.seed = sweep_integer(name, key, v, 0, 9007199254740992.0, true);
        } else if (key == "seeds") {
            plan.seeds = static_cast<unsigned>(sweep_integer(name, key, v, 1, max_seeds));
        } else {
            throw std::invalid_argument(name + ": unknown key 'sweep." + key +
                                        "' (valid: policies, loads, packets, duration-us, seed, seeds)");
        }
    }
    for (const auto& [k, v] : root) {
        const std::string key(k.str());
        if (key == "sweep" || key == "description" || key == "name") continue;
        if (key == "run") {
            plan.base = read_table(*v.as_table(), name + ": run");
        } else if (key == "policy") {
            for (const auto& [p, t] : *v.as_table())
                plan.per_policy.emplace_back(std::string(p.str()),
                                             read_table(*t.as_table(), name + ": policy." + std::string(p.str())));
        } else if (key == "axes") {
            const auto* axes = v.as_table();
            if (!axes) throw std::invalid_argument(name + ": axes must be a table of KEY = [values]");
            // toml++ keeps a table's keys sorted; the axes keep the order they were written in
            // (the first is the outermost), so they are put back in source order.
            std::vector<std::pair<toml::source_position, Axis>> in_order;
            for (const auto& [a, values] : *axes) {
                Axis axis{std::string(a.str()), {}};
                const auto* arr = values.as_array();
                if (!arr || arr->empty())
                    throw std::invalid_argument(name + ": axes." + axis.key + ": must be a list of values, e.g. [1, 5, 20]");
                for (const auto& value : *arr) axis.values.push_back(to_text(value, name + ": axes." + axis.key));
                in_order.emplace_back(values.source().begin, std::move(axis));
            }
            std::stable_sort(in_order.begin(), in_order.end(), [](const auto& x, const auto& y) {
                return x.first.line != y.first.line ? x.first.line < y.first.line : x.first.column < y.first.column;
            });
            for (auto& [where, axis] : in_order) plan.axes.push_back(std::move(axis));
        } else {
            throw std::invalid_argument(name + ": unknown table '" + key + "' (valid: sweep, axes, run, policy)");
        }
    }
    return plan;
}

}  // namespace

const std::vector<std::string>& preset_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> n;
        for (const auto& p : preset_table()) n.emplace_back(p.name);
        return n;
    }();
    return names;
}

SweepPlan load_preset(const std::string& name) {
    for (const auto& p : preset_table())
        if (name == p.name) return parse_plan(name, toml::parse(p.toml));
    std::string valid;
    for (const auto& n : preset_names()) valid += (valid.empty() ? "" : ", ") + n;
    throw std::invalid_argument("preset = " + name + ": must be one of " + valid);
}

SweepPlan load_plan_file(const std::string& path) {
    try {
        return parse_plan(path, toml::parse_file(path));
    } catch (const toml::parse_error& e) {
        std::ostringstream os;
        os << path << ":" << e.source().begin.line << ": " << e.description();
        throw std::invalid_argument(os.str());
    }
}

std::vector<double> parse_loads(const std::string& text) {
    auto number = [&](const std::string& s) {
        double v = 0;
        auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        if (ec != std::errc{} || ptr != s.data() + s.size() || !std::isfinite(v))
            throw std::invalid_argument("loads = " + text + ": '" + s + "' is not a number");
        return v;
    };
    std::vector<double> loads;
    if (text.find(':') != std::string::npos) {
        std::vector<std::string> parts;
        std::stringstream ss(text);
        for (std::string p; std::getline(ss, p, ':');) parts.push_back(p);
        if (parts.size() != 3) throw std::invalid_argument("loads = " + text + ": must be FROM:TO:STEPS");
        const double from = number(parts[0]), to = number(parts[1]), steps = number(parts[2]);
        if (steps < 2 || steps != std::floor(steps) || steps > 1000)
            throw std::invalid_argument("loads = " + text + ": STEPS must be an integer in 2..1000");
        if (to <= from) throw std::invalid_argument("loads = " + text + ": TO must be above FROM");
        for (int i = 0; i < static_cast<int>(steps); ++i) loads.push_back(std::round(from + (to - from) * i / (steps - 1)));
    } else {
        std::stringstream ss(text);
        for (std::string p; std::getline(ss, p, ',');) loads.push_back(number(p));
    }
    if (loads.empty()) throw std::invalid_argument("loads = " + text + ": no loads given");
    return loads;
}

namespace {

// Keys a plan sweeps with its own [sweep] entries, not as an axis.
const char* own_sweep_key(const std::string& key) {
    if (key == "policy") return "sweep.policies (--policies)";
    if (key == "load") return "sweep.loads (--loads)";
    if (key == "seed") return "sweep.seed and sweep.seeds (--seed, --seeds)";
    if (key == "packets") return "sweep.packets or sweep.duration-us (--packets)";
    return nullptr;
}

// "policies = napi,napi: napi is listed twice": a repeated value would run its points twice.
template <class T>
void refuse_repeats(const std::string& key, const std::vector<T>& values, const std::vector<std::string>& shown) {
    for (std::size_t i = 0; i < values.size(); ++i)
        for (std::size_t j = 0; j < i; ++j)
            if (values[i] == values[j]) {
                std::string list;
                for (const auto& s : shown) list += (list.empty() ? "" : ",") + s;
                throw std::invalid_argument(key + " = " + list + ": " + shown[i] +
                                            " is listed twice (its points would run twice)");
            }
}

// Each axis checked and its values written canonically, before any point is built.
std::vector<Axis> checked_axes(const SweepPlan& plan) {
    std::vector<Axis> axes;
    RunConfig scratch;
    const auto knobs = make_knobs(scratch);
    for (const auto& axis : plan.axes) {
        const std::string where = plan.name + ": axis " + axis.key;
        if (const char* own = own_sweep_key(axis.key))
            throw std::invalid_argument(where + ": " + axis.key + " is swept by " + own + ", not as an axis");
        if (!knob_named(knobs, axis.key))
            throw std::invalid_argument(where + ": unknown key '" + axis.key +
                                        "' (an axis is a `nicsim run` key; see nicsim run --help)");
        for (const auto& a : axes)
            if (a.key == axis.key) throw std::invalid_argument(where + ": the key has two axes");
        if (axis.values.empty()) throw std::invalid_argument(where + ": no values");
        Axis checked{axis.key, {}};
        for (const auto& v : axis.values) {
            try {
                checked.values.push_back(canonical_value(knobs, axis.key, v));
            } catch (const std::invalid_argument& e) {
                throw std::invalid_argument(plan.name + ": axis " + e.what());
            }
        }
        refuse_repeats("axis " + axis.key, checked.values, axis.values);
        axes.push_back(std::move(checked));
    }
    return axes;
}

}  // namespace

std::vector<SweepPoint> plan_points(const SweepPlan& plan, std::vector<std::string>* unused) {
    if (plan.policies.empty()) throw std::invalid_argument(plan.name + ": no policies to sweep");
    if (plan.loads.empty()) throw std::invalid_argument(plan.name + ": no loads to sweep");
    if (plan.packets == 0 && !(plan.duration_us > 0))
        throw std::invalid_argument(plan.name + ": give sweep.packets or sweep.duration-us");
    if (plan.seeds < 1 || plan.seeds > max_seeds)
        throw std::invalid_argument(plan.name + ": seeds = " + std::to_string(plan.seeds) + ": must be an integer in 1.." +
                                    std::to_string(max_seeds));
    refuse_repeats("policies", plan.policies, plan.policies);
    {
        std::vector<std::string> shown;
        for (double l : plan.loads) shown.push_back(number_text(l));
        refuse_repeats("loads", plan.loads, shown);
    }
    const auto axes = checked_axes(plan);
    // Every combination of axis values, the first axis outermost.
    std::vector<KeyValues> combinations{{}};
    for (const auto& axis : axes) {
        std::vector<KeyValues> next;
        for (const auto& c : combinations)
            for (const auto& v : axis.values) {
                next.push_back(c);
                next.back().emplace_back(axis.key, v);
            }
        combinations = std::move(next);
    }
    std::vector<SweepPoint> points;
    std::set<std::string> shared_used;  // keys some point kept
    for (const auto& policy : plan.policies) {
        for (const auto& combination : combinations) {
            for (double load : plan.loads) {
                SweepPoint p;
                p.policy = policy;
                p.load = load;
                p.axis_values = combination;
                p.packets = plan.packets ? plan.packets
                                         : std::max<std::uint64_t>(200, static_cast<std::uint64_t>(load * plan.duration_us / 1e6));
                // Later settings replace earlier ones: base, the policy's own, the axes, the point's.
                auto set = [&](const std::string& key, const std::string& value) {
                    for (auto& [k, v] : p.settings)
                        if (k == key) {
                            v = value;
                            return;
                        }
                    p.settings.emplace_back(key, value);
                };
                for (const auto& [k, v] : plan.base) set(k, v);
                // Keys from [run] alone: shared by every point, they apply where used (below).
                std::set<std::string> shared;
                for (const auto& [k, v] : plan.base) shared.insert(k);
                // A [policy.NAME] table that sets `policy` makes NAME a variant of that policy
                // (napi-2q: napi with 2 queues on 2 cores); otherwise NAME is the policy.
                bool variant = false;
                for (const auto& [name, kv] : plan.per_policy)
                    if (name == policy)
                        for (const auto& [k, v] : kv) {
                            set(k, v);
                            variant = variant || k == "policy";
                        }
                if (!variant) set("policy", policy);
                for (const auto& [k, v] : combination) set(k, v);
                for (const auto& [name, kv] : plan.per_policy)
                    if (name == policy)
                        for (const auto& [k, v] : kv) shared.erase(k);
                for (const auto& [k, v] : combination) shared.erase(k);
                set("load", number_text(load));
                set("packets", std::to_string(p.packets));
                set("seed", std::to_string(plan.seed));
                // Check every setting now, as the run would: a bad point fails the sweep before
                // anything has been simulated. The settings are kept in one spelling each, so
                // that a plan and its run files compare byte for byte.
                // A [run] key this point's policy, application or traffic does not use is left
                // out of the point (a key from [policy.NAME] or an axis is refused instead).
                auto canonical = [&](RunConfig& config) {
                    const auto knobs = make_knobs(config);
                    for (auto& [k, v] : p.settings) {
                        try {
                            v = canonical_value(knobs, k, v);
                        } catch (const std::invalid_argument& e) {
                            throw std::invalid_argument(plan.name + ": " + e.what());
                        }
                    }
                };
                {
                    RunConfig probe;
                    canonical(probe);
                    for (const auto& key : unused_knobs(probe)) {
                        if (!shared.count(key)) continue;
                        p.settings.erase(std::remove_if(p.settings.begin(), p.settings.end(),
                                                        [&](const auto& kv) { return kv.first == key; }),
                                         p.settings.end());
                    }
                }
                for (const auto& [k, v] : p.settings) shared_used.insert(k);
                RunConfig config;
                canonical(config);
                try {
                    validate(config);
                } catch (const std::invalid_argument& e) {
                    throw std::invalid_argument(plan.name + " (policy " + policy + "): " + e.what());
                }
                points.push_back(std::move(p));
            }
        }
    }
    if (unused)
        for (const auto& [k, v] : plan.base)
            if (!shared_used.count(k))
                unused->push_back("[run] " + k + " = " + v + ": no point of this sweep uses it (policies " +
                                  policy_list(plan.policies) + ")");
    // The last seed must be one a run takes, like the first.
    if (plan.seeds > 1) {
        if (plan.seed > std::numeric_limits<std::uint64_t>::max() - (plan.seeds - 1))
            throw std::invalid_argument(plan.name + ": seeds = " + std::to_string(plan.seeds) + " from seed " +
                                        std::to_string(plan.seed) +
                                        " would pass the last seed, 18446744073709551615: give a lower seed");
        RunConfig config;
        const auto knobs = make_knobs(config);
        const std::uint64_t last = plan.seed + plan.seeds - 1;
        try {
            set_knob(knobs, "seed", std::to_string(last));
        } catch (const std::invalid_argument& e) {
            throw std::invalid_argument(plan.name + ": seeds = " + std::to_string(plan.seeds) + " from seed " +
                                        std::to_string(plan.seed) + " ends at seed " + std::to_string(last) + ": " +
                                        e.what());
        }
    }
    return points;
}

std::vector<SweepRun> plan_runs(const SweepPlan& plan, const std::vector<SweepPoint>& points) {
    std::vector<SweepRun> runs;
    runs.reserve(points.size() * plan.seeds);
    for (std::size_t i = 0; i < points.size(); ++i)
        for (unsigned s = 0; s < plan.seeds; ++s) {
            SweepRun r{i, plan.seed + s, points[i].settings};
            for (auto& [k, v] : r.settings)
                if (k == "seed") v = std::to_string(r.seed);
            runs.push_back(std::move(r));
        }
    return runs;
}

Axis parse_axis(const std::string& text) {
    const auto eq = text.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == text.size())
        throw std::invalid_argument("--axis = " + text + ": must be KEY=V1,V2,... (e.g. quota=1,5,20)");
    Axis axis{text.substr(0, eq), {}};
    std::stringstream ss(text.substr(eq + 1));
    for (std::string v; std::getline(ss, v, ',');) {
        if (v.empty()) throw std::invalid_argument("--axis = " + text + ": an empty value");
        axis.values.push_back(v);
    }
    return axis;
}

}  // namespace nicsim::sweep
