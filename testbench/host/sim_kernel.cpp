#include "host/sim_kernel.hpp"

#include <algorithm>
#include <stdexcept>

namespace nicsim::host {

using driver::ExecLevel;

namespace {

// No step is free: a floor keeps a step that claims more work but charges nothing from
// spinning forever at one instant.
constexpr std::uint64_t min_step_ps = 10'000;

constexpr unsigned priority(ExecLevel level) { return static_cast<unsigned>(level); }
constexpr unsigned no_work = 99;

}  // namespace

CpuTimeSplit& CpuTimeSplit::operator+=(const CpuTimeSplit& o) {
    hardirq_ps += o.hardirq_ps;
    softirq_ps += o.softirq_ps;
    kthread_ps += o.kthread_ps;
    user_ps += o.user_ps;
    idle_ps += o.idle_ps;
    return *this;
}

struct SimKernel::Thread {
    std::string name;
    ExecLevel level;
    ExecLevel accounted_as;  // ksoftirqd runs at kthread priority but its time is softirq time
    unsigned core;
    driver::Runnable* body;
    bool queued = false;
    std::uint64_t cpu_ps = 0;
};

// What a core is doing: a step in progress, or one preempted and waiting to resume.
constexpr driver::ThreadId no_thread = ~0u;

struct Exec {
    unsigned prio = no_work;
    driver::ThreadId thread = no_thread;  // the thread whose step this is, if any
    ExecLevel accounted_as = ExecLevel::user;
    std::uint64_t remaining_ps = 0;  // for a preempted step
    std::uint64_t end_ps = 0;        // for the running step
};

struct SimKernel::Core {
    unsigned index = 0;
    sc_core::sc_event wake;
    std::deque<unsigned> irqs;                   // pending hard interrupts, by vector
    std::deque<driver::Runnable*> softirqs;      // pending softirq actions, in raise order
    std::vector<std::pair<driver::Runnable*, unsigned>> restarts;  // per pending action
    std::deque<driver::ThreadId> runnable[2];    // kthread, user: round-robin at step granularity
    bool busy = false;
    Exec current;
    std::vector<Exec> preempted;                 // a stack: the innermost resumes first
    driver::ThreadId last_thread = ~0u;
    std::uint64_t last_account_ps = 0;
    CpuTimeSplit split;
    Ksoftirqd* ksoftirqd = nullptr;
    driver::ThreadId ksoftirqd_thread = 0;
    driver::Runnable* idle_hook = nullptr;

    unsigned best_pending_prio() const {
        unsigned best = no_work;
        if (!irqs.empty()) best = priority(ExecLevel::hardirq);
        else if (!softirqs.empty()) best = priority(ExecLevel::softirq);
        else if (!runnable[0].empty()) best = priority(ExecLevel::kthread);
        else if (!runnable[1].empty()) best = priority(ExecLevel::user);
        if (!preempted.empty()) best = std::min(best, preempted.back().prio);
        return best;
    }

    unsigned& restart_count(driver::Runnable* action) {
        for (auto& [a, n] : restarts)
            if (a == action) return n;
        restarts.emplace_back(action, 0);
        return restarts.back().second;
    }
    void forget_restarts(driver::Runnable* action) {
        std::erase_if(restarts, [&](const auto& p) { return p.first == action; });
    }
};

// The per-core thread that runs softirq actions deferred after too many restarts.
class SimKernel::Ksoftirqd final : public driver::Runnable {
public:
    bool run_step() override {
        if (deferred_.empty()) return false;
        driver::Runnable* action = deferred_.front();
        deferred_.pop_front();
        if (action->run_step()) deferred_.push_back(action);
        return !deferred_.empty();
    }
    bool holds(const driver::Runnable* action) const {
        return std::find(deferred_.begin(), deferred_.end(), action) != deferred_.end();
    }
    void defer(driver::Runnable* action) {
        if (!holds(action)) deferred_.push_back(action);
    }

private:
    std::deque<driver::Runnable*> deferred_;
};

SimKernel::SimKernel(const sc_core::sc_module_name& name, unsigned cores, const CostTable& costs)
    : sc_core::sc_module(name), costs_(costs) {
    if (cores < 1 || cores > 16) throw std::invalid_argument("cores = " + std::to_string(cores) + ": must be in 1..16");
    for (unsigned i = 0; i < cores; ++i) {
        auto core = std::make_unique<Core>();
        core->index = i;
        cores_.push_back(std::move(core));
    }
    for (unsigned i = 0; i < cores; ++i) {
        auto* ksoftirqd = new Ksoftirqd();
        cores_[i]->ksoftirqd = ksoftirqd;
        cores_[i]->ksoftirqd_thread =
            create_thread("ksoftirqd/" + std::to_string(i), ExecLevel::kthread, i, *ksoftirqd);
        threads_[cores_[i]->ksoftirqd_thread]->accounted_as = ExecLevel::softirq;

        sc_core::sc_spawn_options options;
        options.spawn_method();
        options.dont_initialize();
        options.set_sensitivity(&cores_[i]->wake);
        sc_core::sc_spawn([this, i] { schedule(i); }, ("core" + std::to_string(i)).c_str(), &options);
    }
    sc_core::sc_spawn_options timer_options;
    timer_options.spawn_method();
    timer_options.dont_initialize();
    timer_options.set_sensitivity(&timer_event_);
    sc_core::sc_spawn([this] { fire_timers(); }, "timers", &timer_options);
}

void SimKernel::start_timer(unsigned core, std::uint64_t delay_ns, driver::Runnable& action) {
    if (core >= cores_.size()) throw std::invalid_argument("start_timer: core " + std::to_string(core) + " does not exist");
    const std::uint64_t expiry = now_ps() + delay_ns * 1000;
    const bool earliest = timers_.empty() || expiry < timers_.begin()->first;
    timers_.emplace(expiry, std::make_pair(core, &action));
    // sc_event keeps the earlier of two pending notifications, so re-notifying is safe.
    if (earliest) timer_event_.notify(sc_core::sc_time::from_value(expiry - now_ps()));
}

void SimKernel::fire_timers() {
    const std::uint64_t now = now_ps();
    while (!timers_.empty() && timers_.begin()->first <= now) {
        const auto [core, action] = timers_.begin()->second;
        timers_.erase(timers_.begin());
        raise_softirq(core, *action);
    }
    if (!timers_.empty()) timer_event_.notify(sc_core::sc_time::from_value(timers_.begin()->first - now));
}

std::uint64_t SimKernel::thread_cpu_ns(driver::ThreadId id) const {
    const Thread& t = *threads_.at(id);
    std::uint64_t ps = t.cpu_ps;
    // Include the running step's time so far.
    const Core& core = *cores_[t.core];
    if (core.busy && core.current.thread == id) ps += now_ps() - core.last_account_ps;
    return ps / 1000;
}

void SimKernel::set_idle_hook(unsigned core, driver::Runnable* action) { cores_.at(core)->idle_hook = action; }

SimKernel::~SimKernel() {
    for (auto& core : cores_) delete core->ksoftirqd;
}

std::uint64_t SimKernel::now_ps() const { return sc_core::sc_time_stamp().value(); }

std::uint64_t SimKernel::now_ns() const { return now_ps() / 1000; }

void SimKernel::charge_ps(std::uint64_t ps) {
    // Outside a step (driver probe at boot) there is no CPU to charge.
    if (in_step_) step_charge_ps_ += ps;
}

void SimKernel::request_irq(unsigned vector, unsigned core, driver::IrqHandler& handler) {
    if (core >= cores_.size()) throw std::invalid_argument("request_irq: core " + std::to_string(core) + " does not exist");
    if (irq_routes_.size() <= vector) irq_routes_.resize(vector + 1, {0, nullptr});
    irq_routes_[vector] = {core, &handler};
}

void SimKernel::deliver_irq(unsigned vector) {
    if (vector >= irq_routes_.size() || irq_routes_[vector].second == nullptr) {
        // Nobody requested it (a vector that fired before the driver set it up): Linux
        // counts these as spurious and carries on.
        ++spurious_irqs_;
        return;
    }
    Core& core = *cores_[irq_routes_[vector].first];
    core.irqs.push_back(vector);
    ++irq_count_;
    core.wake.notify(sc_core::SC_ZERO_TIME);
}

void SimKernel::raise_softirq(unsigned core_index, driver::Runnable& action) {
    Core& core = *cores_.at(core_index);
    if (core.ksoftirqd->holds(&action)) {
        // Already deferred: ksoftirqd runs it (Linux: softirqs wait for a running ksoftirqd).
        wake(core.ksoftirqd_thread);
        return;
    }
    if (std::find(core.softirqs.begin(), core.softirqs.end(), &action) == core.softirqs.end())
        core.softirqs.push_back(&action);
    core.wake.notify(sc_core::SC_ZERO_TIME);
}

driver::ThreadId SimKernel::create_thread(const std::string& name, ExecLevel level, unsigned core,
                                          driver::Runnable& body) {
    if (level != ExecLevel::kthread && level != ExecLevel::user)
        throw std::invalid_argument("thread " + name + ": level must be kthread or user");
    if (core >= cores_.size()) throw std::invalid_argument("thread " + name + ": core " + std::to_string(core) + " does not exist");
    threads_.push_back(std::make_unique<Thread>(Thread{name, level, level, core, &body, false}));
    return static_cast<driver::ThreadId>(threads_.size() - 1);
}

void SimKernel::wake(driver::ThreadId id) {
    Thread& t = *threads_.at(id);
    if (t.queued) return;
    t.queued = true;
    Core& core = *cores_[t.core];
    core.runnable[t.level == ExecLevel::kthread ? 0 : 1].push_back(id);
    core.wake.notify(sc_core::SC_ZERO_TIME);
}

void SimKernel::account(Core& core, std::uint64_t now) {
    const std::uint64_t elapsed = now - core.last_account_ps;
    core.last_account_ps = now;
    if (elapsed == 0) return;
    if (!core.busy) {
        core.split.idle_ps += elapsed;
        return;
    }
    if (core.current.thread != no_thread) threads_[core.current.thread]->cpu_ps += elapsed;
    switch (core.current.accounted_as) {
        case ExecLevel::hardirq: core.split.hardirq_ps += elapsed; break;
        case ExecLevel::softirq: core.split.softirq_ps += elapsed; break;
        case ExecLevel::kthread: core.split.kthread_ps += elapsed; break;
        case ExecLevel::user: core.split.user_ps += elapsed; break;
    }
}

void SimKernel::schedule(unsigned index) {
    Core& core = *cores_[index];
    const std::uint64_t now = now_ps();
    account(core, now);

    if (core.busy) {
        if (core.current.end_ps > now) {
            if (core.best_pending_prio() >= core.current.prio) {
                sc_core::next_trigger(sc_core::sc_time::from_value(core.current.end_ps - now), core.wake);
                return;
            }
            // Preempted by higher-priority work: the rest of the step waits.
            core.current.remaining_ps = core.current.end_ps - now;
            core.preempted.push_back(core.current);
        }
        core.busy = false;
    }

    while (!core.busy) {
        unsigned best = core.best_pending_prio();
        if (best == no_work && core.idle_hook) {
            // The idle loop's own code: it may find something to do (re-enable input).
            current_core_ = core.index;
            in_step_ = true;
            step_charge_ps_ = 0;
            const bool again = core.idle_hook->run_step();
            in_step_ = false;
            if (again) best = core.best_pending_prio();
        }
        if (best == no_work) {
            sc_core::next_trigger(core.wake);
            return;
        }
        if (!core.preempted.empty() && core.preempted.back().prio == best) {
            core.current = core.preempted.back();
            core.preempted.pop_back();
            core.current.end_ps = now + core.current.remaining_ps;
            core.busy = true;
            break;
        }
        start_next_step(core, best, now);
    }
    sc_core::next_trigger(sc_core::sc_time::from_value(core.current.end_ps - now), core.wake);
}

bool SimKernel::start_next_step(Core& core, unsigned prio, std::uint64_t now) {
    if (before_step_) before_step_(now);
    current_core_ = core.index;
    in_step_ = true;
    step_charge_ps_ = 0;
    Exec exec;
    exec.prio = prio;

    if (prio == priority(ExecLevel::hardirq)) {
        const unsigned vector = core.irqs.front();
        core.irqs.pop_front();
        // Entry before the handler and exit after it, so that step_clock_ps() inside the
        // handler says where its work sits in the step (the total is the same either way).
        step_charge_ps_ += to_ps(costs_.irq_entry_ns);
        exec.accounted_as = ExecLevel::hardirq;
        if (on_irq_entry_) on_irq_entry_(vector);
        irq_routes_[vector].second->handle_irq(vector);
        step_charge_ps_ += to_ps(costs_.irq_exit_ns);
    } else if (prio == priority(ExecLevel::softirq)) {
        driver::Runnable* action = core.softirqs.front();
        core.softirqs.pop_front();
        exec.accounted_as = ExecLevel::softirq;
        if (action->run_step()) {
            unsigned& restarts = core.restart_count(action);
            if (++restarts >= max_softirq_restart) {
                // Too much softirq work: hand it to ksoftirqd, which competes as a thread.
                core.forget_restarts(action);
                core.ksoftirqd->defer(action);
                wake(core.ksoftirqd_thread);
            } else if (std::find(core.softirqs.begin(), core.softirqs.end(), action) == core.softirqs.end()) {
                core.softirqs.push_back(action);
            }
        } else {
            core.forget_restarts(action);
        }
    } else {
        auto& queue = core.runnable[prio == priority(ExecLevel::kthread) ? 0 : 1];
        const driver::ThreadId id = queue.front();
        queue.pop_front();
        Thread& t = *threads_[id];
        t.queued = false;
        if (core.last_thread != id) step_charge_ps_ += to_ps(costs_.context_switch_ns);
        core.last_thread = id;
        exec.accounted_as = t.accounted_as;
        exec.thread = id;
        if (t.body->run_step() && !t.queued) {
            t.queued = true;
            queue.push_back(id);
        }
    }

    in_step_ = false;
    exec.end_ps = now + std::max(step_charge_ps_, min_step_ps);
    core.current = exec;
    core.busy = true;
    return true;
}

CpuTimeSplit SimKernel::time_split(unsigned core) const {
    const Core& c = *cores_.at(core);
    CpuTimeSplit split = c.split;
    // Attribute the interval since the last scheduler activation as well.
    const std::uint64_t open = now_ps() - c.last_account_ps;
    if (!c.busy) split.idle_ps += open;
    else switch (c.current.accounted_as) {
        case ExecLevel::hardirq: split.hardirq_ps += open; break;
        case ExecLevel::softirq: split.softirq_ps += open; break;
        case ExecLevel::kthread: split.kthread_ps += open; break;
        case ExecLevel::user: split.user_ps += open; break;
    }
    return split;
}

CpuTimeSplit SimKernel::time_split() const {
    CpuTimeSplit all;
    for (unsigned i = 0; i < cores_.size(); ++i) all += time_split(i);
    return all;
}

}  // namespace nicsim::host
