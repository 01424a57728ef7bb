// The simulated host's CPUs: cores with a preemptive priority scheduler, implementing the
// driver's Kernel interface on SystemC time.
//
// Priorities, highest first: hard interrupt > softirq > kernel thread > user process.
// Each core runs steps (driver::Runnable::run_step, IrqHandler::handle_irq); a step's side
// effects happen when it starts, then the core is busy for the cost it charged. A
// higher-priority context that becomes runnable meanwhile preempts it: the rest of the
// step's cost is resumed afterwards. Nothing here knows about packets: receive livelock,
// when it happens, comes out of these priorities and the costs the driver charges.
//
// Accounting: every picosecond of every core is attributed to hardirq, softirq, kthread,
// user or idle. Deferred softirq work that runs in ksoftirqd counts as softirq time (as
// Linux's irq-time accounting does) though it is scheduled at kernel-thread priority.
#pragma once

#include <systemc>

#include <array>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "host/cost_table.hpp"
#include "kernel.hpp"

namespace nicsim::host {

struct CpuTimeSplit {
    std::uint64_t hardirq_ps = 0;
    std::uint64_t softirq_ps = 0;
    std::uint64_t kthread_ps = 0;
    std::uint64_t user_ps = 0;
    std::uint64_t idle_ps = 0;
    std::uint64_t total() const { return hardirq_ps + softirq_ps + kthread_ps + user_ps + idle_ps; }
    CpuTimeSplit& operator+=(const CpuTimeSplit& o);
};

class SimKernel final : public sc_core::sc_module, public driver::Kernel {
public:
    // Softirq restarts before deferring to ksoftirqd (Linux's MAX_SOFTIRQ_RESTART).
    static constexpr unsigned max_softirq_restart = 10;

    SimKernel(const sc_core::sc_module_name& name, unsigned cores, const CostTable& costs);
    ~SimKernel() override;

    // driver::Kernel
    unsigned num_cores() const override { return static_cast<unsigned>(cores_.size()); }
    unsigned current_core() const override { return current_core_; }
    std::uint64_t now_ns() const override;
    void charge_ps(std::uint64_t ps) override;
    void request_irq(unsigned vector, unsigned core, driver::IrqHandler& handler) override;
    void raise_softirq(unsigned core, driver::Runnable& action) override;
    driver::ThreadId create_thread(const std::string& name, driver::ExecLevel level, unsigned core,
                                   driver::Runnable& body) override;
    void wake(driver::ThreadId thread) override;
    std::uint64_t thread_cpu_ns(driver::ThreadId thread) const override;
    void start_timer(unsigned core, std::uint64_t delay_ns, driver::Runnable& action) override;
    void set_idle_hook(unsigned core, driver::Runnable* action) override;

    // Platform side: the device raised interrupt `vector` (an MSI-X message).
    void deliver_irq(unsigned vector);
    // Called before every step with the time it starts at, so the platform can bring the
    // device up to that time (DMA'd data visible, MMIO ordered).
    void set_before_step(std::function<void(std::uint64_t now_ps)> hook) { before_step_ = std::move(hook); }
    // Called as a core enters the hard-interrupt handler of `vector` (for waveforms).
    void set_on_irq_entry(std::function<void(unsigned vector)> hook) { on_irq_entry_ = std::move(hook); }
    // How far the running step's work has got: its start plus the CPU time it charged so far
    // (its start outside a step). Stamps events inside a step, e.g. where a poll ends.
    std::uint64_t step_clock_ps() const { return now_ps() + (in_step_ ? step_charge_ps_ : 0); }

    // Time split of one core, or of all cores together, up to now.
    CpuTimeSplit time_split(unsigned core) const;
    CpuTimeSplit time_split() const;
    std::uint64_t irq_count() const { return irq_count_; }
    std::uint64_t spurious_irqs() const { return spurious_irqs_; }
    const CostTable& costs() const { return costs_; }

private:
    struct Core;
    struct Thread;
    class Ksoftirqd;

    void schedule(unsigned core);
    void fire_timers();
    void account(Core& core, std::uint64_t now_ps);
    bool start_next_step(Core& core, unsigned index, std::uint64_t now_ps);
    std::uint64_t now_ps() const;

    CostTable costs_;
    std::vector<std::unique_ptr<Core>> cores_;
    std::vector<std::unique_ptr<Thread>> threads_;
    std::vector<std::pair<unsigned, driver::IrqHandler*>> irq_routes_;  // by vector
    // Armed timers by expiry time; equal times fire in the order they were armed.
    std::multimap<std::uint64_t, std::pair<unsigned, driver::Runnable*>> timers_;
    sc_core::sc_event timer_event_;
    std::function<void(std::uint64_t)> before_step_;
    std::function<void(unsigned)> on_irq_entry_;
    unsigned current_core_ = 0;
    bool in_step_ = false;
    std::uint64_t step_charge_ps_ = 0;
    std::uint64_t irq_count_ = 0;
    std::uint64_t spurious_irqs_ = 0;
};

}  // namespace nicsim::host
