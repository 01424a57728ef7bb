#include "cosim/applications.hpp"

#include <string>

namespace nicsim {

Applications make_applications(const RunConfig& config, host::SimKernel& kernel, driver::NicDriver& nic,
                               apps::DeliveryLedger& ledger) {
    Applications a;
    switch (config.app) {
        case App::forward:
            a.forward = std::make_unique<apps::ForwardApp>(kernel, nic, config.costs, ledger);
            a.handler = a.forward.get();
            break;
        case App::screend:
            // The screend process runs on the last core: with one core it shares it with the kernel.
            a.screend = std::make_unique<apps::ScreendApp>(kernel, nic, config.costs, ledger, config.sink_queue,
                                                           config.cores - 1);
            a.handler = a.screend.get();
            a.consumer = a.screend.get();
            break;
        case App::sink:
            if (config.apps == 1) {
                // The consumer runs on the last core: with one core it shares it with the kernel.
                a.sinks.push_back(std::make_unique<apps::SinkApp>(kernel, config.costs, ledger, config.sink_queue,
                                                                  config.cores - 1));
                a.handler = a.sinks.back().get();
                a.consumer = a.sinks.back().get();
                a.receivers.push_back(a.sinks.back().get());
                break;
            }
            // Several applications, all on the last core, each on its own UDP port.
            a.demux = std::make_unique<apps::SocketDemux>(apps::SocketDemux::Key::udp_port, ledger);
            for (unsigned i = 0; i < config.apps; ++i) {
                a.sinks.push_back(std::make_unique<apps::SinkApp>(kernel, config.costs, ledger, config.sink_queue,
                                                                  config.cores - 1, "sink" + std::to_string(i),
                                                                  app_port(i)));
                a.demux->bind(app_port(i), *a.sinks.back());
                a.receivers.push_back(a.sinks.back().get());
            }
            a.handler = a.demux.get();
            break;
        case App::sink_per_core:
            // One consumer per core, fed by the queues whose vectors that core takes.
            a.demux = std::make_unique<apps::SocketDemux>(apps::SocketDemux::Key::queue, ledger);
            for (unsigned c = 0; c < config.cores; ++c)
                a.sinks.push_back(std::make_unique<apps::SinkApp>(kernel, config.costs, ledger, config.sink_queue, c,
                                                                  "sink/" + std::to_string(c)));
            for (unsigned q = 0; q < config.driver.queues; ++q) a.demux->bind(q, *a.sinks[q % config.cores]);
            a.handler = a.demux.get();
            break;
        case App::count_: break;
    }
    if (config.hog) a.hog = std::make_unique<apps::CpuHog>(kernel, 0);
    return a;
}

}  // namespace nicsim
