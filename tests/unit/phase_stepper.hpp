// SimControl's per-cycle phases without Verilator, for unit tests of single models.
//
// Each step: the models apply() their inputs; they sample() the settled signals; then the
// test's `edge` function plays the DUT at the rising edge: it sees the signals as they were
// at the edge (handshakes included) and sets the DUT's registered outputs for the next cycle.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <vector>

#include "bus/clocked_model.hpp"

namespace nicsim::tb::test {

class PhaseStepper {
public:
    PhaseStepper(std::initializer_list<ClockedModel*> models) : models_(models) {}

    template <class Edge>
    void step(Edge&& edge) {
        for (ClockedModel* m : models_) m->apply();
        for (ClockedModel* m : models_) m->sample(cycle_);
        edge(cycle_);
        ++cycle_;
    }
    void step() {
        step([](std::uint64_t) {});
    }

    std::uint64_t cycle() const { return cycle_; }

private:
    std::vector<ClockedModel*> models_;
    std::uint64_t cycle_ = 0;
};

}  // namespace nicsim::tb::test
