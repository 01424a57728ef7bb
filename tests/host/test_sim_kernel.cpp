// The simulated CPU: priorities, preemption in the middle of a step, ksoftirqd hand-off and
// time accounting. Each TEST_CASE elaborates SystemC once, so CTest runs each in its own
// process (catch_discover_tests does).
#include <catch2/catch.hpp>

#include <systemc>

#include <algorithm>
#include <functional>

#include "host/sim_kernel.hpp"

using namespace nicsim;
using driver::ExecLevel;

namespace {

constexpr std::uint64_t us = 1'000'000;  // picoseconds

// A thread or softirq body from a lambda: returns whether it wants to run again.
struct Body final : driver::Runnable {
    std::function<bool()> step;
    explicit Body(std::function<bool()> s) : step(std::move(s)) {}
    bool run_step() override { return step(); }
};

struct Handler final : driver::IrqHandler {
    std::function<void(unsigned)> on_irq;
    void handle_irq(unsigned vector) override { on_irq(vector); }
};

host::CostTable simple_costs() {
    host::CostTable c;
    c.irq_entry_ns = 500;
    c.irq_exit_ns = 500;
    c.context_switch_ns = 0;
    return c;
}

// Raises `vector` at simulated time `at`.
struct IrqAt : sc_core::sc_module {
    SC_HAS_PROCESS(IrqAt);
    IrqAt(const sc_core::sc_module_name& n, host::SimKernel& k, std::uint64_t at, unsigned vector)
        : sc_core::sc_module(n), kernel(k), at_ps(at), vec(vector) {
        SC_THREAD(fire);
    }
    void fire() {
        wait(sc_core::sc_time::from_value(at_ps));
        kernel.deliver_irq(vec);
    }
    host::SimKernel& kernel;
    std::uint64_t at_ps;
    unsigned vec;
};

}  // namespace

TEST_CASE("a hard interrupt preempts a user step, which resumes and finishes late", "[unit][host]") {
    host::SimKernel kernel("kernel", 1, simple_costs());
    std::vector<std::uint64_t> step_starts;
    Body user([&] {
        step_starts.push_back(kernel.now_ns());
        kernel.charge_ps(10 * us);
        return step_starts.size() < 3;
    });
    Handler handler;
    handler.on_irq = [&](unsigned) { kernel.charge_ps(2 * us); };
    kernel.request_irq(0, 0, handler);
    const auto tid = kernel.create_thread("app", ExecLevel::user, 0, user);
    kernel.wake(tid);
    IrqAt irq("irq", kernel, 5 * us, 0);

    sc_core::sc_start(sc_core::sc_time::from_value(100 * us));
    // Step 2 starts after step 1's 10 us plus the interrupt's 3 us (entry + exit + handler).
    REQUIRE(step_starts.size() == 3);
    CHECK(step_starts[0] == 0);
    CHECK(step_starts[1] == 13'000);
    CHECK(step_starts[2] == 23'000);
    const auto split = kernel.time_split();
    CHECK(split.hardirq_ps == 3 * us);
    CHECK(split.user_ps == 30 * us);
    CHECK(split.total() == 100 * us);
    CHECK(split.idle_ps == 67 * us);
    CHECK(kernel.irq_count() == 1);
}

TEST_CASE("softirq work beats threads; endless softirq work moves to ksoftirqd", "[unit][host]") {
    host::SimKernel kernel("kernel", 1, simple_costs());
    unsigned softirq_steps = 0;
    Body action([&] {
        ++softirq_steps;
        kernel.charge_ps(1 * us);
        return true;  // always more work: a flood
    });
    unsigned kthread_steps = 0;
    Body worker([&] {
        ++kthread_steps;
        kernel.charge_ps(1 * us);
        return true;
    });
    const auto tid = kernel.create_thread("worker", ExecLevel::kthread, 0, worker);
    kernel.wake(tid);
    kernel.raise_softirq(0, action);
    sc_core::sc_start(sc_core::sc_time::from_value(1000 * us));
    // The first max_softirq_restart steps run at softirq level ahead of every thread, then
    // ksoftirqd and the worker share the kthread level round-robin.
    CHECK(softirq_steps > 400);
    CHECK(kthread_steps > 400);
    const auto split = kernel.time_split();
    CHECK(split.softirq_ps >= 400 * us);  // ksoftirqd's time counts as softirq
    CHECK(split.user_ps == 0);
    CHECK(split.total() == 1000 * us);
}

TEST_CASE("user processes starve while kernel work is always runnable", "[unit][host]") {
    host::SimKernel kernel("kernel", 1, simple_costs());
    Body flood([&] {
        kernel.charge_ps(1 * us);
        return true;
    });
    unsigned user_steps = 0;
    Body user([&] {
        ++user_steps;
        kernel.charge_ps(1 * us);
        return true;
    });
    kernel.wake(kernel.create_thread("user", ExecLevel::user, 0, user));
    kernel.wake(kernel.create_thread("flood", ExecLevel::kthread, 0, flood));
    sc_core::sc_start(sc_core::sc_time::from_value(100 * us));
    // Both were woken before the first scheduling decision, and the kthread level wins it
    // and every one after.
    CHECK(user_steps == 0);
    CHECK(kernel.time_split().user_ps == 0);
}

TEST_CASE("work on another core runs in parallel and is accounted there", "[unit][host]") {
    host::SimKernel kernel("kernel", 2, simple_costs());
    std::vector<unsigned> ran_on;
    Body a([&] {
        ran_on.push_back(kernel.current_core());
        kernel.charge_ps(50 * us);
        return false;
    });
    Body b([&] {
        ran_on.push_back(kernel.current_core());
        kernel.charge_ps(50 * us);
        return false;
    });
    kernel.wake(kernel.create_thread("a", ExecLevel::user, 0, a));
    kernel.wake(kernel.create_thread("b", ExecLevel::user, 1, b));
    sc_core::sc_start(sc_core::sc_time::from_value(100 * us));
    // Both start at time 0; which core SystemC evaluates first is not ours to assume.
    std::sort(ran_on.begin(), ran_on.end());
    CHECK(ran_on == std::vector<unsigned>{0, 1});
    CHECK(kernel.time_split(0).user_ps == 50 * us);
    CHECK(kernel.time_split(1).user_ps == 50 * us);
    CHECK(kernel.time_split().total() == 200 * us);
}
