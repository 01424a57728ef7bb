#include "bridge/receive_mode.hpp"

#include <stdexcept>

#include "napi_policy.hpp"
#include "policy_factory.hpp"

namespace nicsim::bridge {

ReceiveMode receive_mode(const std::string& policy) {
    ReceiveMode m;
    m.policy = policy;
    const auto polling_thread = [&](unsigned quota, const std::string& what) {
        m.quota = quota;
        m.rearm_below = 1;  // the thread re-enables interrupts only when it finds no work
        m.summary = what;
    };
    if (policy == "bsd-interrupt") {
        m.summary = "an interrupt per frame (no moderation); the handler takes every completed frame and re-arms at "
                    "once (no IP input queue or softirq: no CPU model here)";
    } else if (policy == "poll-noquota") {
        polling_thread(0, "the interrupt wakes the polling loop, which keeps the vector masked and takes every frame "
                          "until a pass finds none, then re-arms");
    } else if (policy == "poll-quota") {
        polling_thread(5, "as poll-noquota with at most 5 frames per pass");
    } else if (policy == "poll-feedback") {
        polling_thread(5, "runs as poll-quota: replies go straight back out, there is no user-level queue whose "
                          "fill level could give feedback");
    } else if (policy == "poll-cpulimit") {
        polling_thread(5, "runs as poll-quota: there is no CPU model, so no CPU time to cap");
    } else if (policy == "napi" || policy == "napi-dim") {
        const driver::NapiConfig napi;
        m.coalesce = napi.coalesce;
        m.quota = napi.budget.weight;
        m.rearm_below = napi.budget.weight;
        m.dim = policy == "napi-dim";
        m.summary = "the interrupt schedules a poll of at most " + std::to_string(m.quota) +
                    " frames; the vector is re-armed when a poll finds fewer" +
                    (m.dim ? ", and net_dim tunes rx-usecs/rx-frames from the traffic" : "");
    } else if (policy == "busy-poll") {
        m.interrupts = false;
        m.summary = "no interrupts: the rings are polled every service interval";
    } else {
        std::string valid;
        for (const auto& n : driver::policy_names()) valid += (valid.empty() ? "" : ", ") + n;
        throw std::invalid_argument("--policy = " + policy + ": must be one of " + valid);
    }
    return m;
}

}  // namespace nicsim::bridge
