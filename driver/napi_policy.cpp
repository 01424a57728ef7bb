#include "napi_policy.hpp"

#include "net_dim.hpp"

namespace nicsim::driver {

namespace {

// The vector is shared by the queue's RX and TX causes (one ITR, as Intel NICs have), so
// the tuner's profile moderates both.
Coalesce dim_coalesce(const NetDim& dim) {
    return Coalesce{dim.profile().usecs, dim.profile().frames, dim.profile().usecs, dim.profile().frames};
}

}  // namespace

class NapiPolicy::QueueNapi final : public NapiInstance, public IrqHandler {
public:
    QueueNapi(NapiPolicy& policy, unsigned queue, NetRxSoftirq& softirq)
        : policy_(policy), queue_(queue), softirq_(softirq) {}

    void handle_irq(unsigned) override {
        ++irqs_;
        softirq_.schedule(*this);
    }

    unsigned poll(unsigned budget) override {
        ++polls_;
        NicDriver& nic = policy_.nic_;
        Kernel& kernel = policy_.kernel_;
        // Transmit completions first, as Linux drivers clean TX before RX in their poll: the
        // packets this poll forwards need the slots.
        kernel.charge_ps(policy_.costs_.tx_complete_ps * nic.tx(queue_).reclaim());
        const unsigned done = nic.rx(queue_).poll(budget, [&](const RxFrameView& frame) {
            kernel.charge_ps(policy_.costs_.rx_ps);
            bytes_ += frame.length;
            policy_.handler_.receive(queue_, frame);
        });
        packets_ += done;
        if (done < budget) {
            // napi_complete_done: out of work, so interrupts may come again. net_dim
            // samples here, once per completed poll, as drivers call it.
            if (dim_ && dim_->update({kernel.now_ns(), packets_, bytes_, irqs_}))
                program_vector(nic, queue_, queue_, dim_coalesce(*dim_));
            ++rearms_;
            rearm_vector(nic, queue_);
        }
        return done;
    }

    std::unique_ptr<NetDim> dim_;
    std::uint64_t polls_ = 0;
    std::uint64_t rearms_ = 0;
    std::uint64_t irqs_ = 0;
    std::uint64_t packets_ = 0;
    std::uint64_t bytes_ = 0;

private:
    NapiPolicy& policy_;
    unsigned queue_;
    NetRxSoftirq& softirq_;
};

NapiPolicy::NapiPolicy(Kernel& kernel, NicDriver& nic, PacketHandler& handler, DriverCosts costs, NapiConfig config)
    : kernel_(kernel), nic_(nic), handler_(handler), costs_(costs), config_(config) {}

NapiPolicy::~NapiPolicy() = default;

void NapiPolicy::start() {
    for (unsigned c = 0; c < kernel_.num_cores(); ++c)
        softirqs_.push_back(std::make_unique<NetRxSoftirq>(kernel_, c, config_.budget));
    for (unsigned q = 0; q < nic_.queues(); ++q) {
        const unsigned core = q % kernel_.num_cores();
        queues_.push_back(std::make_unique<QueueNapi>(*this, q, *softirqs_[core]));
        Coalesce c = config_.coalesce;
        if (config_.dim) {
            queues_.back()->dim_ = std::make_unique<NetDim>();
            c = dim_coalesce(*queues_.back()->dim_);
        }
        program_vector(nic_, q, q, c);
        kernel_.request_irq(q, core, *queues_.back());
    }
    for (unsigned q = 0; q < nic_.queues(); ++q) rearm_vector(nic_, q);
}

std::vector<NamedCount> NapiPolicy::stats() const {
    std::uint64_t polls = 0, rearms = 0, exhausted = 0, changes = 0;
    for (const auto& q : queues_) {
        polls += q->polls_;
        rearms += q->rearms_;
        if (q->dim_) changes += q->dim_->profile_changes();
    }
    for (const auto& s : softirqs_) exhausted += s->budget_exhausted();
    std::vector<NamedCount> out{{"napi_polls", polls}, {"napi_rearms", rearms}, {"softirq_budget_exhausted", exhausted}};
    if (config_.dim) out.emplace_back("dim_profile_changes", changes);
    return out;
}

}  // namespace nicsim::driver
