// The receive policies by name: what `--policy` accepts.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "bsd_interrupt_policy.hpp"
#include "lazy_receiver.hpp"
#include "napi_policy.hpp"
#include "polling_thread_policy.hpp"
#include "rx_policy.hpp"

namespace nicsim::driver {

struct PolicyConfig {
    NapiConfig napi;
    BsdConfig bsd;
    PollingConfig polling;  // quota, watermarks, timeout, cpu limit
};

// Every policy name, in the order the docs describe them.
const std::vector<std::string>& policy_names();

// Builds the named policy. `consumer` is the user-level consumer's queue when there is one
// (poll-feedback watches it); `receivers` are the applications `lrp` demultiplexes to.
// Throws std::invalid_argument listing the valid names.
std::unique_ptr<RxPolicy> make_policy(const std::string& name, Kernel& kernel, NicDriver& nic, PacketHandler& handler,
                                      ConsumerQueue* consumer, DriverCosts costs, const PolicyConfig& config,
                                      const std::vector<LazyReceiver*>& receivers = {});

}  // namespace nicsim::driver
