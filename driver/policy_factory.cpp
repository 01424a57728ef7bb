#include "policy_factory.hpp"

#include <stdexcept>

#include "busy_poll_policy.hpp"
#include "lrp_policy.hpp"
#include "soft_lrp_policy.hpp"

namespace nicsim::driver {

std::optional<PolicyKind> policy_kind(std::string_view name) {
    for (unsigned i = 0; i < policy_kind_names.size(); ++i)
        if (policy_kind_names[i] == name) return static_cast<PolicyKind>(i);
    return std::nullopt;
}

std::string policy_name_list() {
    std::string list;
    for (const auto n : policy_kind_names) list += (list.empty() ? "" : ", ") + std::string(n);
    return list;
}

std::unique_ptr<RxPolicy> make_policy(PolicyKind kind, Kernel& kernel, NicDriver& nic, PacketHandler& handler,
                                      ConsumerQueue* consumer, DriverCosts costs, const PolicyConfig& config,
                                      const std::vector<LazyReceiver*>& receivers) {
    PollingConfig polling = config.polling;
    polling.coalesce = config.coalesce;
    switch (kind) {
        case PolicyKind::bsd_interrupt: {
            BsdConfig c = config.bsd;
            c.coalesce = config.coalesce;
            return std::make_unique<BsdInterruptPolicy>(kernel, nic, handler, costs, c);
        }
        case PolicyKind::napi:
        case PolicyKind::napi_dim: {
            NapiConfig c = config.napi;
            c.coalesce = config.coalesce;
            c.dim = kind == PolicyKind::napi_dim;
            return std::make_unique<NapiPolicy>(kernel, nic, handler, costs, c);
        }
        case PolicyKind::lrp:
            return std::make_unique<LrpPolicy>(kernel, nic, handler, costs, config.napi.budget, config.coalesce, receivers);
        case PolicyKind::soft_lrp:
            return std::make_unique<SoftLrpPolicy>(kernel, nic, handler, costs, config.coalesce, config.lrp_channel,
                                                   receivers);
        case PolicyKind::busy_poll: return std::make_unique<BusyPollPolicy>(kernel, nic, handler, costs);
        case PolicyKind::poll_noquota:
            polling.quota = 0;
            polling.feedback = false;
            polling.cpu_limit = 0;
            break;
        case PolicyKind::poll_quota:
            polling.feedback = false;
            polling.cpu_limit = 0;
            break;
        case PolicyKind::poll_feedback:
            polling.feedback = true;
            polling.cpu_limit = 0;
            break;
        case PolicyKind::poll_cpulimit: polling.feedback = false; break;
        case PolicyKind::count_: throw std::invalid_argument("make_policy: not a policy kind");
    }
    return std::make_unique<PollingThreadPolicy>(std::string(policy_name(kind)), kernel, nic, handler, consumer, costs,
                                                 polling);
}

}  // namespace nicsim::driver
