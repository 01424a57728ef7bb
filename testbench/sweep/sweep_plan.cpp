#include "sweep/sweep_plan.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <sstream>
#include <stdexcept>

#include "cosim/run_config.hpp"

namespace nicsim::sweep {
namespace {

// The embedded presets. Each is the same TOML a user can pass with --config.
struct Preset {
    const char* name;
    const char* toml;
};

constexpr Preset presets[] = {
    {"default", R"(
description = "A modern host: 2 cores, 10 GbE, 60-byte frames forwarded; napi, napi-dim, bsd-interrupt, busy-poll"
[sweep]
policies = ["napi", "napi-dim", "bsd-interrupt", "busy-poll"]
loads = [100000, 400000, 800000, 1200000, 1600000, 2000000, 2600000, 3200000]
duration-us = 5000
seed = 1
[run]
app = "forward"
cores = 2
queues = 1
rx = 256
tx = 256
)"},
    {"mogul96", R"(
description = "Mogul & Ramakrishnan 1996: one 10 Mb/s input, IP forwarding on a DECstation-class host (~200 us per packet, forwarding peaks near 5,000 packets/s); poll-feedback feeds a screend-like user process"
[sweep]
policies = ["bsd-interrupt", "poll-noquota", "poll-quota", "poll-feedback"]
loads = "1000:14880:12"
duration-us = 200000
seed = 1
[run]
app = "forward"
cores = 1
queues = 1
link-gbps = 0.01
clock-mhz = 10
dma-latency-ns = 2000
quantum-ns = 20000
rx = 32
tx = 32
ipintrq-len = 50
quota = 5
cost-irq-entry-ns = 5000
cost-irq-exit-ns = 5000
cost-driver-rx-ns = 30000
cost-rx-packet-ns = 50000
cost-forward-ns = 60000
cost-tx-packet-ns = 40000
cost-tx-complete-ns = 10000
cost-context-switch-ns = 20000
cost-mmio-read-ns = 2000
cost-mmio-write-ns = 500
cost-socket-enqueue-ns = 10000
cost-user-packet-ns = 60000
cost-poll-empty-ns = 2000
sink-queue = 32
[policy.poll-feedback]
app = "sink"
)"},
    {"lrp", R"(
description = "Lazy receiver processing (Druschel & Banga 1996): one core, two UDP sink applications, a quiet one offered 50,000 packets/s and one flooded with the swept load; lrp gives each its own queue, napi and bsd-interrupt share one"
[sweep]
policies = ["lrp", "napi", "bsd-interrupt"]
loads = [100000, 300000, 500000, 700000, 1000000, 1500000, 2000000, 3000000]
duration-us = 20000
seed = 1
[run]
app = "sink"
apps = 2
quiet-load = 50000
cores = 1
queues = 1
rx = 256
sink-queue = 256
[policy.lrp]
queues = 3
)"},
    {"multiqueue", R"(
description = "Receive-side scaling: napi with 1, 2 and 4 cores, a queue per core, RSS spreading 64 flows, a sink process per core"
[sweep]
policies = ["napi-1q", "napi-2q", "napi-4q"]
loads = [250000, 500000, 750000, 1000000, 1500000, 2000000, 3000000]
duration-us = 5000
seed = 1
[run]
app = "sink-per-core"
flows = 64
rx = 256
sink-queue = 256
[policy.napi-1q]
policy = "napi"
cores = 1
queues = 1
[policy.napi-2q]
policy = "napi"
cores = 2
queues = 2
[policy.napi-4q]
policy = "napi"
cores = 4
queues = 4
)"},
};

std::string to_text(const toml::node& node, const std::string& where) {
    if (auto s = node.value<std::string>(); s && node.is_string()) return *s;
    if (node.is_integer()) return std::to_string(*node.value<std::int64_t>());
    if (node.is_floating_point()) {
        std::ostringstream os;
        os.precision(17);
        os << *node.value<double>();
        return os.str();
    }
    throw std::invalid_argument(where + ": must be a string or a number");
}

KeyValues read_table(const toml::table& t, const std::string& where) {
    KeyValues kv;
    for (const auto& [k, v] : t) kv.emplace_back(std::string(k.str()), to_text(v, where + "." + std::string(k.str())));
    return kv;
}

SweepPlan parse_plan(const std::string& name, const toml::table& root) {
    SweepPlan plan;
    plan.name = name;
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
            plan.packets = static_cast<std::uint64_t>(v.value<std::int64_t>().value_or(0));
        } else if (key == "duration-us") {
            plan.duration_us = v.value<double>().value_or(0);
        } else if (key == "seed") {
            plan.seed = static_cast<std::uint64_t>(v.value<std::int64_t>().value_or(1));
        } else {
            throw std::invalid_argument(name + ": unknown key 'sweep." + key +
                                        "' (valid: policies, loads, packets, duration-us, seed)");
        }
    }
    for (const auto& [k, v] : root) {
        const std::string key(k.str());
        if (key == "sweep" || key == "description") continue;
        if (key == "run") {
            plan.base = read_table(*v.as_table(), name + ": run");
        } else if (key == "policy") {
            for (const auto& [p, t] : *v.as_table())
                plan.per_policy.emplace_back(std::string(p.str()),
                                             read_table(*t.as_table(), name + ": policy." + std::string(p.str())));
        } else {
            throw std::invalid_argument(name + ": unknown table '" + key + "' (valid: sweep, run, policy)");
        }
    }
    return plan;
}

}  // namespace

const std::vector<std::string>& preset_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> n;
        for (const auto& p : presets) n.emplace_back(p.name);
        return n;
    }();
    return names;
}

SweepPlan load_preset(const std::string& name) {
    for (const auto& p : presets)
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

std::vector<SweepPoint> plan_points(const SweepPlan& plan) {
    if (plan.policies.empty()) throw std::invalid_argument(plan.name + ": no policies to sweep");
    if (plan.loads.empty()) throw std::invalid_argument(plan.name + ": no loads to sweep");
    if (plan.packets == 0 && !(plan.duration_us > 0))
        throw std::invalid_argument(plan.name + ": give sweep.packets or sweep.duration-us");
    std::vector<SweepPoint> points;
    for (const auto& policy : plan.policies) {
        for (double load : plan.loads) {
            SweepPoint p;
            p.policy = policy;
            p.load = load;
            p.packets = plan.packets ? plan.packets
                                     : std::max<std::uint64_t>(200, static_cast<std::uint64_t>(load * plan.duration_us / 1e6));
            // Later settings replace earlier ones: base, then the policy's own, then the point's.
            auto set = [&](const std::string& key, const std::string& value) {
                for (auto& [k, v] : p.settings)
                    if (k == key) {
                        v = value;
                        return;
                    }
                p.settings.emplace_back(key, value);
            };
            for (const auto& [k, v] : plan.base) set(k, v);
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
            std::ostringstream l;
            l.precision(17);
            l << load;
            set("load", l.str());
            set("packets", std::to_string(p.packets));
            set("seed", std::to_string(plan.seed));
            // Check every setting now, as the run would: a bad point fails the sweep before
            // anything has been simulated.
            RunConfig config;
            const auto knobs = make_knobs(config);
            for (const auto& [k, v] : p.settings) {
                try {
                    set_knob(knobs, k, v);
                } catch (const std::invalid_argument& e) {
                    throw std::invalid_argument(plan.name + ": " + e.what());
                }
            }
            validate(config);
            points.push_back(std::move(p));
        }
    }
    return points;
}

}  // namespace nicsim::sweep
