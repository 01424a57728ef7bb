// The applications a run puts on the simulated host, by `app`: a forwarder; a screend that
// screens and forwards; one sink, or several behind a socket demultiplexer by UDP port; a
// sink per core behind one by queue; and the CPU hog beside any of them. Also what the
// receive policy is handed of them.
#pragma once

#include <memory>
#include <vector>

#include "apps/cpu_hog.hpp"
#include "apps/delivery_ledger.hpp"
#include "apps/forward_app.hpp"
#include "apps/screend_app.hpp"
#include "apps/sink_app.hpp"
#include "apps/socket_demux.hpp"
#include "cosim/run_config.hpp"
#include "host/sim_kernel.hpp"
#include "nic_driver.hpp"

namespace nicsim {

struct Applications {
    std::unique_ptr<apps::ForwardApp> forward;
    std::unique_ptr<apps::ScreendApp> screend;
    std::vector<std::unique_ptr<apps::SinkApp>> sinks;
    std::unique_ptr<apps::SocketDemux> demux;
    std::unique_ptr<apps::CpuHog> hog;
    driver::PacketHandler* handler = nullptr;    // where the policy hands received packets
    driver::ConsumerQueue* consumer = nullptr;   // the user-level queue poll-feedback watches
    std::vector<driver::LazyReceiver*> receivers;  // the applications lrp demultiplexes to
};

Applications make_applications(const RunConfig& config, host::SimKernel& kernel, driver::NicDriver& nic,
                               apps::DeliveryLedger& ledger);

}  // namespace nicsim
