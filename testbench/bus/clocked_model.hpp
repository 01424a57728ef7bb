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
//
// Skip-idle: when the NIC's state has reached a fixed point (one cycle changed nothing) and
// every model says it would drive the same inputs (quiet_until), SimControl advances time to
// the first cycle some model needs without evaluating the cycles between: exact, because the
// same state with the same inputs can only give the same state again.
#pragma once

#include <cstdint>

namespace nicsim::tb {

// What skip-idle did: cycles evaluated, cycles skipped, fixed-point checks and their hits.
struct SkipStats {
    std::uint64_t evaluated = 0;
    std::uint64_t skipped = 0;
    std::uint64_t quick_checks = 0;  // of the state's first bytes only (cheap, most fail)
    std::uint64_t checks = 0;        // of the whole state, after a quick check held
    std::uint64_t settled = 0;       // whole-state checks that found a fixed point
};

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

    // Skip-idle (SimOptions::skip_idle). Asked between cycles, when `next_cycle` is the next to
    // run and this model may already have applied its inputs for it: the first cycle from
    // `next_cycle` on in which this model must run again, i.e. before which it would apply
    // exactly the inputs it applies in `next_cycle` and change none of its own state, as long
    // as the NIC's outputs stay as they are now. quiet_forever when only a change of the NIC's
    // outputs could wake it. The default never lets a cycle be skipped: a model opts in.
    static constexpr std::uint64_t quiet_forever = ~std::uint64_t{0};
    virtual std::uint64_t quiet_until(std::uint64_t next_cycle) const { return next_cycle; }

    // The cycles from the last one run up to `next_cycle` were skipped: no apply() or sample()
    // ran in them. Only a model that counts cycles itself needs to know.
    virtual void skipped_to(std::uint64_t /*next_cycle*/) {}

    // SimControl keeps a pointer to each model it drives: models stay where they were made.
    ClockedModel(const ClockedModel&) = delete;
    ClockedModel& operator=(const ClockedModel&) = delete;

protected:
    ClockedModel() = default;
};

}  // namespace nicsim::tb
