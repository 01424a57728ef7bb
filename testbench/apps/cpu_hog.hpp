// A CPU-bound user process (the paper's Figure 10 workload): always runnable, it takes
// whatever CPU the kernel leaves it, so its share shows what receive processing costs
// everything else on the machine.
#pragma once

#include "kernel.hpp"

namespace nicsim::apps {

class CpuHog final : public driver::Runnable {
public:
    CpuHog(driver::Kernel& kernel, unsigned core)
        : kernel_(kernel), thread_(kernel.create_thread("cpu-hog", driver::ExecLevel::user, core, *this)) {
        kernel_.wake(thread_);
    }
    bool run_step() override {
        kernel_.charge_ps(step_ps);
        return true;
    }
    std::uint64_t cpu_ns() const { return kernel_.thread_cpu_ns(thread_); }

private:
    static constexpr std::uint64_t step_ps = 50'000'000;  // 50 us of computing per step
    driver::Kernel& kernel_;
    driver::ThreadId thread_;
};

}  // namespace nicsim::apps
