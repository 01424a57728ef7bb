// Watches the NIC's interrupt outputs: one bit per vector, a one-cycle pulse per interrupt
// message (MSI-X style). Collects the pulses until the platform delivers them to the host.
#pragma once

#include <cstdint>
#include <vector>

#include "bus/clocked_model.hpp"
#include "bus/irq_pulse.hpp"

namespace nicsim::tb {

template <class Top>
class IrqMonitor final : public ClockedModel {
public:
    explicit IrqMonitor(Top& top) : top_(top) {}

    void apply() override {}
    void sample(std::uint64_t cycle) override {
        if constexpr (requires(Top& t) { t.irq_o; }) {
            std::uint32_t bits = top_.irq_o;
            while (bits != 0) {
                const auto v = static_cast<unsigned>(__builtin_ctz(bits));
                pending_.push_back({cycle, v});
                ++count_;
                bits &= bits - 1;
            }
        }
    }
    void reset() override { pending_.clear(); }
    std::uint64_t quiet_until(std::uint64_t next_cycle) const override {
        if constexpr (requires(Top& t) { t.irq_o; }) {
            if (top_.irq_o != 0) return next_cycle;
        }
        return quiet_forever;
    }

    // Pulses seen since the last take(), oldest first.
    std::vector<IrqPulse>& pending() { return pending_; }
    std::uint64_t count() const { return count_; }

private:
    Top& top_;
    std::vector<IrqPulse> pending_;
    std::uint64_t count_ = 0;
};

}  // namespace nicsim::tb
