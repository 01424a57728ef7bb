#include "policy_factory.hpp"

#include <stdexcept>

#include "busy_poll_policy.hpp"
#include "lrp_policy.hpp"

namespace nicsim::driver {

const std::vector<std::string>& policy_names() {
    static const std::vector<std::string> names{"bsd-interrupt", "poll-noquota", "poll-quota", "poll-feedback",
                                                "poll-cpulimit", "napi",         "napi-dim",   "busy-poll",
                                                "lrp"};
    return names;
}

std::unique_ptr<RxPolicy> make_policy(const std::string& name, Kernel& kernel, NicDriver& nic, PacketHandler& handler,
                                      ConsumerQueue* consumer, DriverCosts costs, const PolicyConfig& config,
                                      const std::vector<LazyReceiver*>& receivers) {
    if (name == "bsd-interrupt") return std::make_unique<BsdInterruptPolicy>(kernel, nic, handler, costs, config.bsd);
    if (name == "napi" || name == "napi-dim") {
        NapiConfig c = config.napi;
        c.dim = name == "napi-dim";
        return std::make_unique<NapiPolicy>(kernel, nic, handler, costs, c);
    }
    if (name == "lrp")
        return std::make_unique<LrpPolicy>(kernel, nic, handler, costs, config.napi.budget, receivers);
    if (name == "busy-poll") return std::make_unique<BusyPollPolicy>(kernel, nic, handler, costs);
    if (name.rfind("poll-", 0) == 0) {
        PollingConfig c = config.polling;
        if (name == "poll-noquota") {
            c.quota = 0;
            c.feedback = false;
            c.cpu_limit = 0;
        } else if (name == "poll-quota") {
            c.feedback = false;
            c.cpu_limit = 0;
        } else if (name == "poll-feedback") {
            c.feedback = true;
            c.cpu_limit = 0;
        } else if (name == "poll-cpulimit") {
            c.feedback = false;
            if (c.cpu_limit <= 0) c.cpu_limit = 0.5;
        } else {
            c.quota = ~0u;  // marks an unknown name below
        }
        if (c.quota != ~0u)
            return std::make_unique<PollingThreadPolicy>(name, kernel, nic, handler, consumer, costs, c);
    }
    std::string valid;
    for (const auto& n : policy_names()) valid += (valid.empty() ? "" : ", ") + n;
    throw std::invalid_argument("policy = " + name + ": must be one of " + valid);
}

}  // namespace nicsim::driver
