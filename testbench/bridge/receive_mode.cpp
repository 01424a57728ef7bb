#include "bridge/receive_mode.hpp"

#include <stdexcept>

#include "napi_policy.hpp"
#include "policy_factory.hpp"

namespace nicsim::bridge {

namespace {

// lrp and soft-lrp demultiplex to applications, which the bridge does not have.
bool demultiplexes(driver::PolicyKind kind) {
    return kind == driver::PolicyKind::lrp || kind == driver::PolicyKind::soft_lrp;
}

// Every policy but those.
std::string bridge_policies() {
    std::string list;
    for (unsigned i = 0; i < driver::policy_kind_names.size(); ++i)
        if (!demultiplexes(static_cast<driver::PolicyKind>(i)))
            list += (list.empty() ? "" : ", ") + std::string(driver::policy_kind_names[i]);
    return list;
}

}  // namespace

ReceiveMode receive_mode(const std::string& policy) {
    const auto kind = driver::policy_kind(policy);
    if (!kind || demultiplexes(*kind))
        throw std::invalid_argument("--policy = " + policy + ": must be one of " + bridge_policies());
    ReceiveMode m;
    m.policy = policy;
    const auto polling_thread = [&](unsigned quota, const std::string& what) {
        m.quota = quota;
        m.rearm_below = 1;  // the thread re-enables interrupts only when it finds no work
        m.summary = what;
    };
    switch (*kind) {
        case driver::PolicyKind::bsd_interrupt:
            m.summary = "an interrupt per frame (no moderation); the handler takes every completed frame and re-arms "
                        "at once (no IP input queue or softirq: no CPU model here)";
            break;
        case driver::PolicyKind::poll_noquota:
            polling_thread(0, "the interrupt wakes the polling loop, which keeps the vector masked and takes every "
                              "frame until a pass finds none, then re-arms");
            break;
        case driver::PolicyKind::poll_quota: polling_thread(5, "as poll-noquota with at most 5 frames per pass"); break;
        case driver::PolicyKind::poll_feedback:
            polling_thread(5, "runs as poll-quota: replies go straight back out, there is no user-level queue whose "
                              "fill level could give feedback");
            break;
        case driver::PolicyKind::poll_cpulimit:
            polling_thread(5, "runs as poll-quota: there is no CPU model, so no CPU time to cap");
            break;
        case driver::PolicyKind::napi:
        case driver::PolicyKind::napi_dim: {
            const driver::NapiConfig napi;
            m.coalesce = napi.coalesce;
            m.quota = napi.budget.weight;
            m.rearm_below = napi.budget.weight;
            m.dim = *kind == driver::PolicyKind::napi_dim;
            m.summary = "the interrupt schedules a poll of at most " + std::to_string(m.quota) +
                        " frames; the vector is re-armed when a poll finds fewer" +
                        (m.dim ? ", and net_dim tunes rx-usecs/rx-frames from the traffic" : "");
            break;
        }
        case driver::PolicyKind::busy_poll:
            m.interrupts = false;
            m.summary = "no interrupts: the rings are polled every service interval";
            break;
        case driver::PolicyKind::lrp:
        case driver::PolicyKind::soft_lrp:
        case driver::PolicyKind::count_: break;  // refused above
    }
    return m;
}

}  // namespace nicsim::bridge
