// The traffic generator: an arrival process, a size distribution and a flow popularity, all
// drawn from one seeded generator so a seed fixes every frame.
//
//   arrivals  constant   evenly spaced at the load
//             poisson    exponential gaps with the load as mean rate
//             onoff      bursts: on for on-us at the rate that gives the load on average,
//                        then off for off-us
//   sizes     fixed      every frame `size` bytes
//             imix       60, 590 and 1514 bytes at 28:20:4
//             uniform    uniform in size-min..size-max
//   flows     uniform    each frame picks one of `flows` flows with equal probability
//             zipf       flow k (1-based) with probability proportional to 1 / k^zipf-s
#pragma once

#include <array>
#include <random>
#include <string_view>
#include <vector>

#include "traffic/traffic_source.hpp"

namespace nicsim::traffic {

enum class Arrivals : unsigned { constant, poisson, onoff, count_ };
enum class Sizes : unsigned { fixed, imix, uniform, count_ };
enum class FlowPopularity : unsigned { uniform, zipf, count_ };

// Their names (what the `arrivals`, `sizes` and `flow-popularity` knobs accept), by value.
inline constexpr std::array<std::string_view, 3> arrivals_names{"constant", "poisson", "onoff"};
inline constexpr std::array<std::string_view, 3> sizes_names{"fixed", "imix", "uniform"};
inline constexpr std::array<std::string_view, 2> flow_popularity_names{"uniform", "zipf"};

struct GeneratorConfig {
    double rate_pps = 100'000;
    std::uint64_t packets = 1000;
    Arrivals arrivals = Arrivals::constant;
    double on_us = 100;
    double off_us = 100;
    Sizes sizes = Sizes::fixed;
    unsigned size = 60;
    unsigned size_min = 60;
    unsigned size_max = 1514;
    unsigned flows = 1;
    FlowPopularity flow_popularity = FlowPopularity::uniform;
    double zipf_s = 1.0;
    std::uint64_t seed = 1;
    std::uint64_t start_ps = 0;
    std::uint16_t dst_port = 9;  // every frame's UDP destination port (9: discard)
};

// Mean frame size of the configured size distribution (for the line-rate check).
double mean_frame_size(const GeneratorConfig& config);

class GeneratedSource final : public TrafficSource {
public:
    explicit GeneratedSource(const GeneratorConfig& config);

    std::uint64_t total_frames() const override { return config_.packets; }
    double offered_pps() const override { return config_.rate_pps; }
    bool draw(OfferedFrame& frame) override;
    // A test frame of frame.size bytes for frame.flow (UDP source port 1024 + flow % 60000,
    // source address 10.0.0.1 + flow / 60000) to frame.dst_port, carrying frame.id.
    void build(OfferedFrame& frame) override;

private:
    std::uint64_t next_gap_ps();
    unsigned next_size();
    unsigned next_flow();

    GeneratorConfig config_;
    std::mt19937_64 rng_;
    std::uint64_t sent_ = 0;
    double time_ps_ = 0;        // send time of the next frame
    double burst_left_ps_ = 0;  // on/off: time left in the current on period
    std::discrete_distribution<unsigned> imix_{28, 20, 4};
    std::discrete_distribution<unsigned> zipf_;
    std::vector<std::uint8_t> bytes_;  // the last frame built
};

}  // namespace nicsim::traffic
