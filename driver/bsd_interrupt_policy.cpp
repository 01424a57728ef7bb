#include "bsd_interrupt_policy.hpp"

#include <limits>

#include "interrupt_vectors.hpp"

namespace nicsim::driver {

// ipintr: one packet of IP input (and what follows it) per step.
class BsdInterruptPolicy::IpInput final : public Runnable {
public:
    IpInput(BsdInterruptPolicy& policy, unsigned capacity) : policy_(policy), queue_(capacity) {}

    bool run_step() override {
        if (queue_.empty()) return false;
        policy_.handler_.receive(queue_.front().queue, view_of(queue_.front()));
        queue_.pop();
        return !queue_.empty();
    }

    PacketQueue& queue() { return queue_; }

private:
    BsdInterruptPolicy& policy_;
    PacketQueue queue_;
};

// The receive interrupt (lnrint + lntint): drain the ring into ipintrq, reclaim transmits.
class BsdInterruptPolicy::ReceiveInterrupt final : public IrqHandler {
public:
    ReceiveInterrupt(BsdInterruptPolicy& policy, unsigned queue, unsigned core)
        : policy_(policy), queue_(queue), core_(core) {}

    void handle_irq(unsigned vector) override {
        ++policy_.interrupts_;
        Kernel& kernel = policy_.kernel_;
        NicDriver& nic = policy_.nic_;
        IpInput& ipintr = *policy_.ipintr_[core_];
        nic.rx(queue_).poll(std::numeric_limits<unsigned>::max(), [&](const RxFrameView& frame) {
            kernel.charge_ps(policy_.costs_.rx_ps);
            if (!ipintr.queue().push(queue_, frame)) {
                ++policy_.ipintrq_drops_;
                if (Tracepoints* tp = nic.tracepoints()) tp->packet_dropped("ipintrq");
            }
        });
        kernel.charge_ps(policy_.costs_.tx_complete_ps * nic.tx(queue_).reclaim());
        if (!ipintr.queue().empty()) kernel.raise_softirq(core_, ipintr);
        rearm_vector(nic, vector);
    }

private:
    BsdInterruptPolicy& policy_;
    unsigned queue_;
    unsigned core_;
};

BsdInterruptPolicy::BsdInterruptPolicy(Kernel& kernel, NicDriver& nic, PacketHandler& handler, DriverCosts costs,
                                       BsdConfig config)
    : kernel_(kernel), nic_(nic), handler_(handler), costs_(costs), config_(config) {}

BsdInterruptPolicy::~BsdInterruptPolicy() = default;

void BsdInterruptPolicy::start() {
    for (unsigned c = 0; c < kernel_.num_cores(); ++c)
        ipintr_.push_back(std::make_unique<IpInput>(*this, config_.ipintrq_len));
    for (unsigned q = 0; q < nic_.queues(); ++q) {
        const unsigned core = q % kernel_.num_cores();
        handlers_.push_back(std::make_unique<ReceiveInterrupt>(*this, q, core));
        program_vector(nic_, q, q, config_.coalesce);  // without moderation, an interrupt for every frame
        kernel_.request_irq(q, core, *handlers_.back());
    }
    for (unsigned q = 0; q < nic_.queues(); ++q) rearm_vector(nic_, q);
}

std::vector<NamedCount> BsdInterruptPolicy::drops() const { return {{"ipintrq", ipintrq_drops_}}; }

std::vector<NamedCount> BsdInterruptPolicy::stats() const { return {{"rx_interrupts", interrupts_}}; }

}  // namespace nicsim::driver
