#include "napi_policy.hpp"

#include "nic_regs.hpp"

namespace nicsim::driver {

void program_vector(NicDriver& nic, unsigned queue, unsigned vector, const Coalesce& c) {
    Device& dev = nic.device();
    dev.mmio_write32(regs::queue_reg(queue, regs::QREG_RX_IVAR), vector);
    dev.mmio_write32(regs::queue_reg(queue, regs::QREG_TX_IVAR), vector);
    dev.mmio_write32(regs::vector_reg(vector, regs::VREG_RX_USECS), c.rx_usecs);
    dev.mmio_write32(regs::vector_reg(vector, regs::VREG_RX_FRAMES), c.rx_frames);
    dev.mmio_write32(regs::vector_reg(vector, regs::VREG_TX_USECS), c.tx_usecs);
    dev.mmio_write32(regs::vector_reg(vector, regs::VREG_TX_FRAMES), c.tx_frames);
}

void rearm_vector(NicDriver& nic, unsigned vector) {
    nic.device().mmio_write32(regs::REG_INTR_MASK_CLEAR, 1u << vector);
}

class NapiPolicy::QueueNapi final : public NapiInstance, public IrqHandler {
public:
    QueueNapi(NapiPolicy& policy, unsigned queue, NetRxSoftirq& softirq)
        : policy_(policy), queue_(queue), softirq_(softirq) {}

    void handle_irq(unsigned) override { softirq_.schedule(*this); }

    unsigned poll(unsigned budget) override {
        ++polls_;
        NicDriver& nic = policy_.nic_;
        const unsigned done = nic.rx(queue_).poll(budget, [&](const RxFrameView& frame) {
            policy_.handler_.receive(queue_, frame);
        });
        nic.tx(queue_).reclaim();
        if (done < budget) {
            // napi_complete_done: out of work, so interrupts may come again.
            ++rearms_;
            rearm_vector(nic, queue_);
        }
        return done;
    }

    std::uint64_t polls_ = 0;
    std::uint64_t rearms_ = 0;

private:
    NapiPolicy& policy_;
    unsigned queue_;
    NetRxSoftirq& softirq_;
};

NapiPolicy::NapiPolicy(Kernel& kernel, NicDriver& nic, PacketHandler& handler, NapiConfig config)
    : kernel_(kernel), nic_(nic), handler_(handler), config_(config) {}

NapiPolicy::~NapiPolicy() = default;

void NapiPolicy::start() {
    for (unsigned c = 0; c < kernel_.num_cores(); ++c)
        softirqs_.push_back(std::make_unique<NetRxSoftirq>(kernel_, c, config_.budget));
    for (unsigned q = 0; q < nic_.queues(); ++q) {
        const unsigned core = q % kernel_.num_cores();
        queues_.push_back(std::make_unique<QueueNapi>(*this, q, *softirqs_[core]));
        program_vector(nic_, q, q, config_.coalesce);
        kernel_.request_irq(q, core, *queues_.back());
    }
    for (unsigned q = 0; q < nic_.queues(); ++q) rearm_vector(nic_, q);
}

std::uint64_t NapiPolicy::polls() const {
    std::uint64_t n = 0;
    for (const auto& q : queues_) n += q->polls_;
    return n;
}

std::uint64_t NapiPolicy::rearms() const {
    std::uint64_t n = 0;
    for (const auto& q : queues_) n += q->rearms_;
    return n;
}

}  // namespace nicsim::driver
