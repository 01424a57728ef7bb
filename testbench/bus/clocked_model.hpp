// The interface every testbench model implements to take part in SimControl's clock.
//
// Two phases per cycle, so that the C++ side never changes a DUT input between the moment the
// DUT's outputs are read and the rising edge (which would break the non-blocking-assignment
// semantics the RTL relies on; SimBricks learned this the hard way):
//
//   (a) apply():  every model drives the inputs it computed in its last sample();
//                 SimControl then sets clk = 0 and evaluates.
//   (b) sample(): every model reads the settled signals. A valid && ready seen here is the
//                 handshake of the coming rising edge. The model updates its state and computes
//                 the inputs for the next cycle, but only stores them.
//       SimControl then sets clk = 1, evaluates (the DUT's registers update) and advances time.
//
// One virtual call per model per phase: the hot path must not do more than that (no virtual
// call or std::function per signal or per beat).
#pragma once

#include <cstdint>

namespace nicsim::tb {

class ClockedModel {
public:
    virtual ~ClockedModel() = default;

    // Phase (a): drives the pending inputs onto the ports.
    virtual void apply() = 0;

    // Phase (b): `cycle` is the number of the current cycle (SimControl::cycle() before the
    // coming rising edge); handshakes seen now complete at the end of this cycle.
    virtual void sample(std::uint64_t cycle) = 0;

    // Called by SimControl::reset() before the reset cycles: abandons any transfer in flight,
    // drives idle values onto the ports at once, and leaves queued work (frames to send,
    // requests not yet started) in place. The model sees no apply()/sample() during reset.
    virtual void reset() = 0;

    // SimControl keeps a pointer to each model it drives: models stay where they were made.
    ClockedModel(const ClockedModel&) = delete;
    ClockedModel& operator=(const ClockedModel&) = delete;

protected:
    ClockedModel() = default;
};

}  // namespace nicsim::tb
