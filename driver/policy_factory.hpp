// The receive policies: their kinds, their names (what `--policy` accepts), and the factory.
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bsd_interrupt_policy.hpp"
#include "lazy_receiver.hpp"
#include "napi_policy.hpp"
#include "polling_thread_policy.hpp"
#include "rx_policy.hpp"

namespace nicsim::driver {

enum class PolicyKind : unsigned {
    bsd_interrupt,
    poll_noquota,
    poll_quota,
    poll_feedback,
    poll_cpulimit,
    napi,
    napi_dim,
    busy_poll,
    lrp,
    soft_lrp,
    count_
};

// Every policy's name, indexed by PolicyKind, in the order the docs describe them.
inline constexpr std::array<std::string_view, static_cast<unsigned>(PolicyKind::count_)> policy_kind_names{
    "bsd-interrupt", "poll-noquota", "poll-quota", "poll-feedback", "poll-cpulimit",
    "napi",          "napi-dim",     "busy-poll",  "lrp",          "soft-lrp"};

inline std::string_view policy_name(PolicyKind kind) { return policy_kind_names[static_cast<unsigned>(kind)]; }
// The kind named `name`, or nothing.
std::optional<PolicyKind> policy_kind(std::string_view name);
// "bsd-interrupt, poll-noquota, ...": for messages listing what is allowed.
std::string policy_name_list();

struct PolicyConfig {
    Coalesce coalesce;      // interrupt moderation (ethtool -C), for every interrupt-driven policy
    NapiConfig napi;
    BsdConfig bsd;
    PollingConfig polling;  // quota, watermarks, timeout, cpu limit
    unsigned lrp_channel = 256;  // soft-lrp: each application's channel queue, packets
};

// Builds the policy. `consumer` is the user-level consumer's queue when there is one
// (poll-feedback watches it); `receivers` are the applications `lrp` and `soft-lrp`
// demultiplex to. napi-dim tunes its own moderation and busy-poll takes no interrupts: for
// them `config.coalesce` must be left off (the run's configuration refuses it).
std::unique_ptr<RxPolicy> make_policy(PolicyKind kind, Kernel& kernel, NicDriver& nic, PacketHandler& handler,
                                      ConsumerQueue* consumer, DriverCosts costs, const PolicyConfig& config,
                                      const std::vector<LazyReceiver*>& receivers = {});

}  // namespace nicsim::driver
