// `lrp`: Lazy Receiver Processing with demultiplexing in the NIC (Druschel & Banga's NI-LRP,
// OSDI 1996). The driver programs one exact-match steering filter per application (UDP
// destination port -> that application's queue), so each application has its own receive
// ring. Its packets are processed lazily: the application's own thread, when it asks for the
// next packet, does the driver and protocol work for it (ReceiveChannel), so the CPU is
// charged to it and scheduled at its priority. An interrupt only wakes a sleeping
// application; an application that keeps finding packets keeps its vector masked.
//
// Under overload an application falls behind, its ring fills, and the NIC drops the excess
// (rx_no_desc_drops) before the host has spent anything on it; the other applications keep
// their rings, their CPU share and their throughput. This is traffic separation, which
// NAPI and Mogul & Ramakrishnan's polling do not have: there all traffic shares one ring and
// one softirq, and overload drops packets whatever their destination.
//
// Application i uses queue i + 1 and vector i + 1, affine to the application's core. Queue 0
// is the default queue: frames no filter matches (RSS sends none elsewhere) are processed
// eagerly by NAPI on core 0 and handed to the protocol stack, as LRP's kernel does for
// traffic without a channel.
#pragma once

#include <memory>
#include <vector>

#include "interrupt_vectors.hpp"
#include "kernel.hpp"
#include "lazy_receiver.hpp"
#include "net_rx_softirq.hpp"
#include "nic_driver.hpp"
#include "packet_handler.hpp"
#include "rx_policy.hpp"

namespace nicsim::driver {

class LrpPolicy final : public RxPolicy {
public:
    // `default_handler` takes the default queue's frames; `receivers` are the applications.
    LrpPolicy(Kernel& kernel, NicDriver& nic, PacketHandler& default_handler, DriverCosts costs, NetRxBudget budget,
              Coalesce coalesce, std::vector<LazyReceiver*> receivers);
    ~LrpPolicy() override;

    std::string name() const override { return "lrp"; }
    // Throws std::runtime_error when there is no application or too few queues for them.
    void start() override;
    std::vector<NamedCount> stats() const override;

private:
    class Channel;
    class DefaultQueue;

    Kernel& kernel_;
    NicDriver& nic_;
    PacketHandler& default_handler_;
    DriverCosts costs_;
    NetRxBudget budget_;
    Coalesce coalesce_;
    std::vector<LazyReceiver*> receivers_;
    std::vector<std::unique_ptr<Channel>> channels_;
    std::unique_ptr<NetRxSoftirq> softirq_;
    std::unique_ptr<DefaultQueue> default_queue_;
};

}  // namespace nicsim::driver
