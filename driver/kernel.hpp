// The driver's view of the operating system: execution contexts, CPU cost, interrupts.
//
// Together with Device this is the whole boundary of driver/. The driver never sees
// simulation time or the scheduler; it says what it costs and what should run next, the way
// kernel code calls raise_softirq() or wake_up_process(). The simulated host implements it
// (testbench/host/); a port to a real kernel would map it onto the real primitives.
//
// Execution model: work is done in *steps*. A step is one bounded piece of work (typically one
// packet) that runs atomically and reports its CPU cost with charge(); the CPU is then busy
// for that long, and may be preempted by a higher-priority context in the middle of it.
#pragma once

#include <cstdint>
#include <string>

namespace nicsim::driver {

// Priority levels of the simulated CPU, highest first.
enum class ExecLevel : std::uint8_t { hardirq, softirq, kthread, user };

// Something the kernel runs repeatedly: a softirq action or a thread body.
class Runnable {
public:
    virtual ~Runnable() = default;
    // Does one step of work, charging its cost. Returns true when there is more to do (the
    // kernel calls again, subject to priorities), false to sleep until raised or woken again.
    virtual bool run_step() = 0;
};

class IrqHandler {
public:
    virtual ~IrqHandler() = default;
    // Runs in hard-interrupt context on the vector's core.
    virtual void handle_irq(unsigned vector) = 0;
};

using ThreadId = unsigned;

class Kernel {
public:
    virtual ~Kernel() = default;

    virtual unsigned num_cores() const = 0;
    // The core the calling step runs on.
    virtual unsigned current_core() const = 0;
    // The kernel's clock (as ktime_get()): for time budgets such as netdev_budget_usecs.
    virtual std::uint64_t now_ns() const = 0;

    // CPU time (picoseconds) the current step consumed, on top of what it charged already.
    virtual void charge_ps(std::uint64_t ps) = 0;

    // Routes interrupt `vector` to `core` and its handler (request_irq + irq affinity).
    virtual void request_irq(unsigned vector, unsigned core, IrqHandler& handler) = 0;

    // Marks `action` pending at softirq level on `core` (raise_softirq). It runs when no
    // hard interrupt is running there; while it keeps returning true the kernel restarts it,
    // and after a bounded number of restarts hands it to that core's ksoftirqd thread, as
    // Linux's __do_softirq does.
    virtual void raise_softirq(unsigned core, Runnable& action) = 0;

    // Creates a sleeping thread bound to `core` at kthread or user level.
    virtual ThreadId create_thread(const std::string& name, ExecLevel level, unsigned core, Runnable& body) = 0;
    // Makes the thread runnable (wake_up_process); harmless if it is already.
    virtual void wake(ThreadId thread) = 0;

    // CPU time the thread has run so far (as sum_exec_runtime), in nanoseconds.
    virtual std::uint64_t thread_cpu_ns(ThreadId thread) const = 0;

    // A one-shot kernel timer: after `delay_ns`, `action` is raised as a softirq on `core`
    // (timer softirq). Each call arms a new timer.
    virtual void start_timer(unsigned core, std::uint64_t delay_ns, Runnable& action) = 0;

    // Code the core's idle loop runs before idling (Mogul & Ramakrishnan re-enable input
    // there). Its time counts as idle time; if it returns true the core schedules again
    // instead of idling. nullptr removes it.
    virtual void set_idle_hook(unsigned core, Runnable* action) = 0;
};

}  // namespace nicsim::driver
