#include "cosim/knob_users.hpp"

#include <stdexcept>
#include <string>

namespace nicsim {
namespace {

using driver::PolicyKind;
using traffic::Arrivals;
using traffic::FlowPopularity;
using traffic::Sizes;

bool is_polling(PolicyKind p) {
    return p == PolicyKind::poll_noquota || p == PolicyKind::poll_quota || p == PolicyKind::poll_feedback ||
           p == PolicyKind::poll_cpulimit;
}

// A rule: the key, who uses it (for the message), and whether this run does.
struct KnobUse {
    const char* key;
    const char* users;
    bool (*used)(const RunConfig&);
};

bool interrupt_driven(const RunConfig& c) { return c.policy != PolicyKind::busy_poll && c.policy != PolicyKind::napi_dim; }
bool has_quota(const RunConfig& c) { return is_polling(c.policy) && c.policy != PolicyKind::poll_noquota; }
bool feedback(const RunConfig& c) { return c.policy == PolicyKind::poll_feedback; }
bool cpu_limit(const RunConfig& c) { return c.policy == PolicyKind::poll_cpulimit; }
bool net_rx(const RunConfig& c) {
    return c.policy == PolicyKind::napi || c.policy == PolicyKind::napi_dim || c.policy == PolicyKind::lrp;
}
bool takes_interrupts(const RunConfig& c) { return c.policy != PolicyKind::busy_poll; }
bool user_level(const RunConfig& c) { return c.app != App::forward; }
bool transmits(const RunConfig& c) { return c.app == App::forward || c.app == App::screend; }
bool generated(const RunConfig& c) { return c.traffic == TrafficKind::generated; }

const KnobUse rules[] = {
    {"rx-usecs", "every interrupt-driven policy but napi-dim, which tunes it itself (busy-poll takes no interrupts)",
     interrupt_driven},
    {"rx-frames", "every interrupt-driven policy but napi-dim, which tunes it itself (busy-poll takes no interrupts)",
     interrupt_driven},
    {"tx-usecs", "every interrupt-driven policy but napi-dim, which tunes it itself (busy-poll takes no interrupts)",
     interrupt_driven},
    {"tx-frames", "every interrupt-driven policy but napi-dim, which tunes it itself (busy-poll takes no interrupts)",
     interrupt_driven},
    {"ipintrq-len", "bsd-interrupt", [](const RunConfig& c) { return c.policy == PolicyKind::bsd_interrupt; }},
    {"quota", "poll-quota, poll-feedback and poll-cpulimit (poll-noquota has none)", has_quota},
    {"high-watermark", "poll-feedback", feedback},
    {"low-watermark", "poll-feedback", feedback},
    {"feedback-timeout-us", "poll-feedback", feedback},
    {"cpu-limit", "poll-cpulimit", cpu_limit},
    {"cpu-period-us", "poll-cpulimit", cpu_limit},
    {"napi-weight", "napi, napi-dim and lrp (its default queue)", net_rx},
    {"netdev-budget", "napi, napi-dim and lrp (its default queue)", net_rx},
    {"netdev-budget-usecs", "napi, napi-dim and lrp (its default queue)", net_rx},
    {"lrp-channel", "soft-lrp", [](const RunConfig& c) { return c.policy == PolicyKind::soft_lrp; }},
    {"cost-demux-ns", "soft-lrp", [](const RunConfig& c) { return c.policy == PolicyKind::soft_lrp; }},
    {"cost-poll-empty-ns", "busy-poll", [](const RunConfig& c) { return c.policy == PolicyKind::busy_poll; }},
    {"cost-irq-entry-ns", "every policy but busy-poll", takes_interrupts},
    {"cost-irq-exit-ns", "every policy but busy-poll", takes_interrupts},
    {"sink-queue", "app = sink, sink-per-core and screend", user_level},
    {"cost-user-packet-ns", "app = sink, sink-per-core and screend", user_level},
    {"cost-socket-enqueue-ns", "app = sink, sink-per-core and screend", user_level},
    {"cost-forward-ns", "app = forward and screend", transmits},
    {"cost-tx-packet-ns", "app = forward and screend", transmits},
    {"cost-tx-complete-ns", "app = forward and screend", transmits},
    {"cost-mmio-read-ns", "no policy: the driver reads device registers only when it probes, before the run starts",
     [](const RunConfig&) { return false; }},
    {"size", "traffic = generated with sizes = fixed", [](const RunConfig& c) { return generated(c) && c.sizes == Sizes::fixed; }},
    {"sizes", "traffic = generated (a capture's frames keep their sizes)", generated},
    {"size-min", "sizes = uniform", [](const RunConfig& c) { return generated(c) && c.sizes == Sizes::uniform; }},
    {"size-max", "sizes = uniform", [](const RunConfig& c) { return generated(c) && c.sizes == Sizes::uniform; }},
    {"flows", "traffic = generated (a capture's frames keep their flows)", generated},
    {"flow-popularity", "traffic = generated", generated},
    {"zipf-s", "flow-popularity = zipf",
     [](const RunConfig& c) { return generated(c) && c.flow_popularity == FlowPopularity::zipf; }},
    {"on-us", "arrivals = onoff", [](const RunConfig& c) { return c.arrivals == Arrivals::onoff; }},
    {"off-us", "arrivals = onoff", [](const RunConfig& c) { return c.arrivals == Arrivals::onoff; }},
};

// What the run is, for the message.
std::string run_is(const RunConfig& c) {
    return "this run is policy " + std::string(driver::policy_name(c.policy)) + ", app " + std::string(name_of(c.app)) +
           ", traffic " + std::string(name_of(c.traffic));
}

}  // namespace

void check_knobs_used(const RunConfig& c) {
    for (const auto& rule : rules) {
        if (!c.was_given(rule.key) || rule.used(c)) continue;
        throw std::invalid_argument(std::string(rule.key) + " = " + knob_value(c, rule.key) +
                                    ": nothing in this run uses it; it is used by " + rule.users + " (" + run_is(c) +
                                    ")");
    }
}

std::vector<std::string> unused_knobs(const RunConfig& c) {
    std::vector<std::string> unused;
    for (const auto& rule : rules)
        if (c.was_given(rule.key) && !rule.used(c)) unused.emplace_back(rule.key);
    return unused;
}

}  // namespace nicsim
