#include "soft_lrp_policy.hpp"

#include <limits>
#include <stdexcept>

#include "packet_queue.hpp"
#include "udp_demux.hpp"

namespace nicsim::driver {

// One application's channel: the queue the interrupt fills and its thread empties.
class SoftLrpPolicy::Channel final : public ReceiveChannel {
public:
    Channel(LazyReceiver& receiver, unsigned capacity) : receiver_(receiver), queue_(capacity) {}

    LazyReceiver& receiver() { return receiver_; }
    PacketQueue& queue() { return queue_; }

    // The driver's and the demultiplexing work were done in the interrupt: nothing to charge.
    bool receive(const Deliver& deliver) override {
        if (queue_.empty()) return false;
        deliver(view_of(queue_.front()), 0);
        queue_.pop();
        return true;
    }

private:
    LazyReceiver& receiver_;
    PacketQueue queue_;
};

// The receive interrupt of one queue: every frame off the ring, into its application's channel.
class SoftLrpPolicy::ReceiveInterrupt final : public IrqHandler {
public:
    ReceiveInterrupt(SoftLrpPolicy& policy, unsigned queue) : policy_(policy), queue_(queue) {}

    void handle_irq(unsigned vector) override {
        ++policy_.interrupts_;
        Kernel& kernel = policy_.kernel_;
        NicDriver& nic = policy_.nic_;
        nic.rx(queue_).poll(std::numeric_limits<unsigned>::max(), [&](const RxFrameView& frame) {
            kernel.charge_ps(policy_.costs_.rx_ps + policy_.costs_.demux_ps);
            Channel* channel = policy_.channel_for(frame);
            if (!channel) {
                ++policy_.unclaimed_;
                policy_.default_handler_.receive(queue_, frame);
                return;
            }
            if (!channel->queue().push(queue_, frame)) {
                ++policy_.channel_drops_;
                if (Tracepoints* tp = nic.tracepoints()) tp->packet_dropped("lrp_channel");
                return;
            }
            kernel.wake(channel->receiver().thread());
        });
        kernel.charge_ps(policy_.costs_.tx_complete_ps * nic.tx(queue_).reclaim());
        rearm_vector(nic, vector);
    }

private:
    SoftLrpPolicy& policy_;
    unsigned queue_;
};

SoftLrpPolicy::SoftLrpPolicy(Kernel& kernel, NicDriver& nic, PacketHandler& default_handler, DriverCosts costs,
                             Coalesce coalesce, unsigned channel_capacity, std::vector<LazyReceiver*> receivers)
    : kernel_(kernel),
      nic_(nic),
      default_handler_(default_handler),
      costs_(costs),
      coalesce_(coalesce),
      channel_capacity_(channel_capacity),
      receivers_(std::move(receivers)) {}

SoftLrpPolicy::~SoftLrpPolicy() = default;

SoftLrpPolicy::Channel* SoftLrpPolicy::channel_for(const RxFrameView& frame) {
    const auto port = udp_dst_port(frame);
    if (!port) return nullptr;
    for (auto& c : channels_)
        if (c->receiver().udp_port() == *port) return c.get();
    return nullptr;
}

void SoftLrpPolicy::start() {
    if (receivers_.empty()) throw std::runtime_error("soft-lrp: no application to demultiplex to (app = sink)");
    for (LazyReceiver* r : receivers_) {
        channels_.push_back(std::make_unique<Channel>(*r, channel_capacity_));
        r->attach(*channels_.back());
    }
    for (unsigned q = 0; q < nic_.queues(); ++q) {
        handlers_.push_back(std::make_unique<ReceiveInterrupt>(*this, q));
        program_vector(nic_, q, q, coalesce_);
        kernel_.request_irq(q, q % kernel_.num_cores(), *handlers_.back());
    }
    for (unsigned q = 0; q < nic_.queues(); ++q) rearm_vector(nic_, q);
}

std::vector<NamedCount> SoftLrpPolicy::drops() const { return {{"lrp_channel", channel_drops_}}; }

std::vector<NamedCount> SoftLrpPolicy::stats() const {
    return {{"rx_interrupts", interrupts_}, {"unclaimed_pkts", unclaimed_}};
}

}  // namespace nicsim::driver
