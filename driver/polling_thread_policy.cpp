#include "polling_thread_policy.hpp"

#include <limits>

#include "interrupt_vectors.hpp"

namespace nicsim::driver {

// The polling thread of one core: interrupt handler, thread body, and the timers and idle
// hook that re-enable input.
class PollingThreadPolicy::Poller final : public Runnable, public IrqHandler {
public:
    Poller(PollingThreadPolicy& policy, unsigned core) : policy_(policy), core_(core), timeout_(*this), period_(*this) {}

    void add_queue(unsigned q) { queues_.push_back(q); }

    void start() {
        Kernel& kernel = policy_.kernel_;
        thread_ = kernel.create_thread("netpoll/" + std::to_string(core_), ExecLevel::kthread, core_, *this);
        // Receive sources first: without a quota the thread always takes input first.
        for (unsigned q : queues_) sources_.push_back({q, true});
        for (unsigned q : queues_) sources_.push_back({q, false});
        left_.assign(sources_.size(), quota());
        for (unsigned q : queues_) kernel.request_irq(q, core_, *this);
        if (policy_.config_.cpu_limit > 0) {
            period_start_ns_ = 0;
            kernel.start_timer(core_, policy_.config_.cpu_period_us * 1000, period_);
            kernel.set_idle_hook(core_, &idle_);
        }
    }

    // The receive interrupt: the NIC has masked the vector; keep it so and wake the thread.
    void handle_irq(unsigned) override {
        ++interrupts_;
        policy_.kernel_.wake(thread_);
    }

    // One packet (received or transmit-completed) per step.
    bool run_step() override {
        for (int pass = 0; pass < 2; ++pass) {
            const bool no_quota = policy_.config_.quota == 0;
            for (unsigned n = 0; n < sources_.size(); ++n) {
                // Without a quota, always scan from the first receive source: input first.
                const unsigned s = no_quota ? n : (cursor_ + n) % static_cast<unsigned>(sources_.size());
                if (left_[s] == 0 || !has_work(sources_[s])) continue;
                cursor_ = s;
                do_one(sources_[s]);
                if (!no_quota) --left_[s];
                return true;
            }
            if (!any_work()) break;
            left_.assign(sources_.size(), quota());  // every source used its quota: next turn
        }
        // Nothing to do. Re-enable interrupts unless input is deliberately held off.
        if (!input_blocked()) {
            for (unsigned q : queues_) rearm_vector(policy_.nic_, q);
            ++rearms_;
        }
        return false;
    }

    std::uint64_t interrupts_ = 0;
    std::uint64_t rearms_ = 0;
    std::uint64_t feedback_stops_ = 0;
    std::uint64_t cpu_stops_ = 0;

private:
    struct Source {
        unsigned queue;
        bool receive;
    };

    // Fires at the feedback timeout: input resumes even if the consumer never drained.
    struct FeedbackTimeout final : Runnable {
        explicit FeedbackTimeout(Poller& p) : poller(p) {}
        bool run_step() override {
            if (poller.blocked_by_feedback_ && poller.policy_.kernel_.now_ns() >= poller.feedback_deadline_ns_)
                poller.resume_input();
            return false;
        }
        Poller& poller;
    };
    // Every CPU period: the receive budget starts again.
    struct CpuPeriod final : Runnable {
        explicit CpuPeriod(Poller& p) : poller(p) {}
        bool run_step() override {
            Kernel& kernel = poller.policy_.kernel_;
            poller.period_start_ns_ = kernel.thread_cpu_ns(poller.thread_);
            if (poller.blocked_by_cpu_) poller.resume_input();
            kernel.start_timer(poller.core_, poller.policy_.config_.cpu_period_us * 1000, *this);
            return false;
        }
        Poller& poller;
    };
    // The idle loop: with nothing else to run, receive processing may have the CPU.
    struct IdleHook final : Runnable {
        explicit IdleHook(Poller& p) : poller(p) {}
        bool run_step() override {
            if (!poller.blocked_by_cpu_) return false;
            poller.resume_input();
            return true;
        }
        Poller& poller;
    };

    unsigned quota() const {
        return policy_.config_.quota == 0 ? std::numeric_limits<unsigned>::max() : policy_.config_.quota;
    }
    bool input_blocked() const { return blocked_by_feedback_ || blocked_by_cpu_; }

    void resume_input() {
        blocked_by_feedback_ = false;
        blocked_by_cpu_ = false;
        policy_.kernel_.wake(thread_);
    }

    // Checks the input limits before taking a received packet.
    bool input_allowed() {
        if (input_blocked()) return false;
        const PollingConfig& c = policy_.config_;
        Kernel& kernel = policy_.kernel_;
        ConsumerQueue* consumer = policy_.consumer_;
        if (c.feedback && consumer &&
            consumer->length() >= static_cast<unsigned>(c.high_watermark * consumer->capacity())) {
            blocked_by_feedback_ = true;
            ++feedback_stops_;
            const std::uint64_t generation = ++feedback_generation_;
            consumer->notify_when_at_most(static_cast<unsigned>(c.low_watermark * consumer->capacity()),
                                          [this, generation] {
                                              if (blocked_by_feedback_ && generation == feedback_generation_)
                                                  resume_input();
                                          });
            feedback_deadline_ns_ = kernel.now_ns() + c.feedback_timeout_us * 1000;
            kernel.start_timer(core_, c.feedback_timeout_us * 1000, timeout_);
            return false;
        }
        if (c.cpu_limit > 0) {
            const double used = static_cast<double>(kernel.thread_cpu_ns(thread_) - period_start_ns_);
            if (used >= c.cpu_limit * static_cast<double>(c.cpu_period_us) * 1000.0) {
                blocked_by_cpu_ = true;
                ++cpu_stops_;
                return false;
            }
        }
        return true;
    }

    bool has_work(const Source& s) {
        if (s.receive) return policy_.nic_.rx(s.queue).has_work() && input_allowed();
        return policy_.nic_.tx(s.queue).has_completions();
    }

    bool any_work() {
        for (const auto& s : sources_)
            if (has_work(s)) return true;
        return false;
    }

    void do_one(const Source& s) {
        Kernel& kernel = policy_.kernel_;
        NicDriver& nic = policy_.nic_;
        if (s.receive) {
            nic.rx(s.queue).poll(1, [&](const RxFrameView& frame) {
                kernel.charge_ps(policy_.costs_.rx_ps);
                policy_.handler_.receive(s.queue, frame);
            });
        } else {
            kernel.charge_ps(policy_.costs_.tx_complete_ps * nic.tx(s.queue).reclaim(1));
        }
    }

    PollingThreadPolicy& policy_;
    unsigned core_;
    ThreadId thread_ = 0;
    std::vector<unsigned> queues_;
    std::vector<Source> sources_;
    std::vector<unsigned> left_;
    unsigned cursor_ = 0;
    bool blocked_by_feedback_ = false;
    bool blocked_by_cpu_ = false;
    std::uint64_t feedback_generation_ = 0;
    std::uint64_t feedback_deadline_ns_ = 0;
    std::uint64_t period_start_ns_ = 0;
    FeedbackTimeout timeout_;
    CpuPeriod period_;
    IdleHook idle_{*this};
};

PollingThreadPolicy::PollingThreadPolicy(std::string name, Kernel& kernel, NicDriver& nic, PacketHandler& handler,
                                         ConsumerQueue* consumer, DriverCosts costs, PollingConfig config)
    : name_(std::move(name)),
      kernel_(kernel),
      nic_(nic),
      handler_(handler),
      consumer_(consumer),
      costs_(costs),
      config_(config) {}

PollingThreadPolicy::~PollingThreadPolicy() = default;

void PollingThreadPolicy::start() {
    const unsigned cores = kernel_.num_cores();
    std::vector<Poller*> by_core(cores, nullptr);
    for (unsigned q = 0; q < nic_.queues(); ++q) {
        const unsigned core = q % cores;
        if (!by_core[core]) {
            pollers_.push_back(std::make_unique<Poller>(*this, core));
            by_core[core] = pollers_.back().get();
        }
        by_core[core]->add_queue(q);
        program_vector(nic_, q, q, config_.coalesce);
    }
    for (auto& p : pollers_) p->start();
    for (unsigned q = 0; q < nic_.queues(); ++q) rearm_vector(nic_, q);
}

std::vector<NamedCount> PollingThreadPolicy::stats() const {
    std::uint64_t irqs = 0, rearms = 0, feedback = 0, cpu = 0;
    for (const auto& p : pollers_) {
        irqs += p->interrupts_;
        rearms += p->rearms_;
        feedback += p->feedback_stops_;
        cpu += p->cpu_stops_;
    }
    std::vector<NamedCount> out{{"rx_interrupts", irqs}, {"poll_rearms", rearms}};
    if (config_.feedback) out.emplace_back("feedback_stops", feedback);
    if (config_.cpu_limit > 0) out.emplace_back("cpu_limit_stops", cpu);
    return out;
}

}  // namespace nicsim::driver
