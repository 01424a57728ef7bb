// Constant rate, fixed size, `flows` flows picked uniformly at random (seeded).
#pragma once

#include <random>

#include "traffic_source.hpp"

namespace nicsim::traffic {

class ConstantRateSource final : public TrafficSource {
public:
    ConstantRateSource(double rate_pps, std::uint64_t packets, unsigned size, unsigned flows, std::uint64_t seed,
                       std::uint64_t start_ps = 0);

    bool next(OfferedFrame& frame) override;
    std::uint64_t total_frames() const override { return packets_; }
    double offered_pps() const override { return rate_pps_; }

private:
    double rate_pps_;
    std::uint64_t packets_;
    unsigned size_;
    std::uint64_t start_ps_;
    std::uint64_t sent_ = 0;
    std::mt19937_64 rng_;
    std::uniform_int_distribution<unsigned> flow_;
};

}  // namespace nicsim::traffic
