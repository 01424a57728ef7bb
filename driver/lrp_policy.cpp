#include "lrp_policy.hpp"

#include <stdexcept>
#include <string>

#include "interrupt_vectors.hpp"
#include "nic_regs.hpp"
#include "rss_config.hpp"
#include "steering.hpp"

namespace nicsim::driver {

namespace {

constexpr unsigned default_queue = 0;

// Matches UDP to one destination port, from any address and source port.
SteeringRule udp_port_rule(std::uint16_t port, unsigned queue) {
    SteeringRule rule{};
    rule.ipv6 = false;
    rule.protocol = SteeringRule::Protocol::udp;
    rule.dst_port = port;
    rule.wildcard = 0b0111;  // source address, destination address, source port
    rule.drop = false;
    rule.queue = static_cast<std::uint8_t>(queue);
    return rule;
}

}  // namespace

// One application's queue: its interrupt wakes the application, and the application's
// thread does the receive processing through it.
class LrpPolicy::Channel final : public ReceiveChannel, public IrqHandler {
public:
    Channel(LrpPolicy& policy, LazyReceiver& receiver, unsigned queue)
        : policy_(policy), receiver_(receiver), queue_(queue) {}

    unsigned queue() const { return queue_; }

    // The NIC has masked the vector; it stays masked while the application keeps finding
    // packets, so a busy application takes no interrupts.
    void handle_irq(unsigned) override {
        ++wakeups_;
        policy_.kernel_.wake(receiver_.thread());
    }

    bool receive(const Deliver& deliver) override {
        Kernel& kernel = policy_.kernel_;
        const unsigned got = policy_.nic_.rx(queue_).poll(1, [&](const RxFrameView& frame) {
            kernel.charge_ps(policy_.costs_.rx_ps);
            deliver(frame, policy_.costs_.rx_ps);
        });
        if (got > 0) return true;
        // Nothing waiting: the application will sleep; a frame that arrived since the NIC
        // masked the vector fires as soon as it is re-armed.
        ++rearms_;
        rearm_vector(policy_.nic_, queue_);
        return false;
    }

    std::uint64_t wakeups_ = 0;
    std::uint64_t rearms_ = 0;

private:
    LrpPolicy& policy_;
    LazyReceiver& receiver_;
    unsigned queue_;
};

// The default queue, processed eagerly by NAPI (one poll of up to `weight` per call).
class LrpPolicy::DefaultQueue final : public NapiInstance, public IrqHandler {
public:
    explicit DefaultQueue(LrpPolicy& policy) : policy_(policy) {}

    void handle_irq(unsigned) override { policy_.softirq_->schedule(*this); }

    unsigned poll(unsigned budget) override {
        Kernel& kernel = policy_.kernel_;
        const unsigned done = policy_.nic_.rx(default_queue).poll(budget, [&](const RxFrameView& frame) {
            kernel.charge_ps(policy_.costs_.rx_ps);
            policy_.default_handler_.receive(default_queue, frame);
        });
        packets_ += done;
        if (done < budget) rearm_vector(policy_.nic_, default_queue);
        return done;
    }

    std::uint64_t packets_ = 0;

private:
    LrpPolicy& policy_;
};

LrpPolicy::LrpPolicy(Kernel& kernel, NicDriver& nic, PacketHandler& default_handler, DriverCosts costs,
                     NetRxBudget budget, Coalesce coalesce, std::vector<LazyReceiver*> receivers)
    : kernel_(kernel),
      nic_(nic),
      default_handler_(default_handler),
      costs_(costs),
      budget_(budget),
      coalesce_(coalesce),
      receivers_(std::move(receivers)) {}

LrpPolicy::~LrpPolicy() = default;

void LrpPolicy::start() {
    if (receivers_.empty()) throw std::runtime_error("lrp: no application to demultiplex to (app = sink)");
    if (nic_.queues() < receivers_.size() + 1)
        throw std::runtime_error("lrp: " + std::to_string(receivers_.size()) + " application(s) need " +
                                 std::to_string(receivers_.size() + 1) + " queues (one each and the default), not " +
                                 std::to_string(nic_.queues()));
    Device& device = nic_.device();
    // Whatever no filter claims goes to the default queue, RSS included.
    device.mmio_write32(regs::REG_RX_DEFAULT_QUEUE, default_queue);
    program_rss(device, RssConfig::spread_over(1));

    softirq_ = std::make_unique<NetRxSoftirq>(kernel_, 0, budget_);
    default_queue_ = std::make_unique<DefaultQueue>(*this);
    program_vector(nic_, default_queue, default_queue, coalesce_);
    kernel_.request_irq(default_queue, 0, *default_queue_);

    for (unsigned i = 0; i < receivers_.size(); ++i) {
        LazyReceiver& r = *receivers_[i];
        const unsigned queue = i + 1;
        channels_.push_back(std::make_unique<Channel>(*this, r, queue));
        // An interrupt only wakes a sleeping application (a busy one takes none): moderation,
        // off by default, only delays that wakeup.
        program_vector(nic_, queue, queue, coalesce_);
        kernel_.request_irq(queue, r.core(), *channels_.back());
        write_steering_rule(device, i, udp_port_rule(r.udp_port(), queue));
        r.attach(*channels_.back());
    }
    for (unsigned v = 0; v <= receivers_.size(); ++v) rearm_vector(nic_, v);
}

std::vector<NamedCount> LrpPolicy::stats() const {
    std::uint64_t wakeups = 0, rearms = 0;
    for (const auto& c : channels_) {
        wakeups += c->wakeups_;
        rearms += c->rearms_;
    }
    return {{"lrp_wakeups", wakeups},
            {"lrp_rearms", rearms},
            {"default_queue_pkts", default_queue_ ? default_queue_->packets_ : 0}};
}

}  // namespace nicsim::driver
