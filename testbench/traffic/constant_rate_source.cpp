#include "constant_rate_source.hpp"

#include <cmath>
#include <stdexcept>

namespace nicsim::traffic {

ConstantRateSource::ConstantRateSource(double rate_pps, std::uint64_t packets, unsigned size, unsigned flows,
                                       std::uint64_t seed, std::uint64_t start_ps)
    : rate_pps_(rate_pps), packets_(packets), size_(size), start_ps_(start_ps), rng_(seed), flow_(0, flows - 1) {
    if (!(rate_pps > 0)) throw std::invalid_argument("constant-rate source: rate must be > 0");
    if (flows == 0) throw std::invalid_argument("constant-rate source: flows must be >= 1");
}

bool ConstantRateSource::next(OfferedFrame& frame) {
    if (sent_ >= packets_) return false;
    frame.sequence = sent_;
    // From the sequence number, not by accumulation, so rounding never drifts.
    frame.send_ps = start_ps_ + static_cast<std::uint64_t>(std::llround(static_cast<double>(sent_) * 1e12 / rate_pps_));
    frame.size = size_;
    frame.flow = flow_(rng_);
    ++sent_;
    return true;
}

}  // namespace nicsim::traffic
