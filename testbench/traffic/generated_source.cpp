#include "traffic/generated_source.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace nicsim::traffic {
namespace {

constexpr unsigned imix_sizes[] = {60, 590, 1514};

}  // namespace

double mean_frame_size(const GeneratorConfig& c) {
    switch (c.sizes) {
        case Sizes::imix: return (60.0 * 28 + 590.0 * 20 + 1514.0 * 4) / 52.0;
        case Sizes::uniform: return (c.size_min + c.size_max) / 2.0;
        case Sizes::fixed:
        case Sizes::count_: break;
    }
    return c.size;
}

GeneratedSource::GeneratedSource(const GeneratorConfig& config) : config_(config), rng_(config.seed) {
    if (!(config.rate_pps > 0)) throw std::invalid_argument("load must be above 0");
    if (config.flows == 0) throw std::invalid_argument("flows must be at least 1");
    if (config.sizes == Sizes::uniform && config.size_min > config.size_max)
        throw std::invalid_argument("size-min = " + std::to_string(config.size_min) + ": must not exceed size-max (" +
                                    std::to_string(config.size_max) + ")");
    if (config.flow_popularity == FlowPopularity::zipf) {
        std::vector<double> weights(config.flows);
        for (unsigned k = 0; k < config.flows; ++k) weights[k] = 1.0 / std::pow(k + 1.0, config.zipf_s);
        zipf_ = std::discrete_distribution<unsigned>(weights.begin(), weights.end());
    }
    time_ps_ = static_cast<double>(config.start_ps);
    burst_left_ps_ = config.on_us * 1e6;
}

std::uint64_t GeneratedSource::next_gap_ps() {
    const double mean_gap = 1e12 / config_.rate_pps;
    if (config_.arrivals == Arrivals::poisson) return static_cast<std::uint64_t>(std::exponential_distribution<double>(1.0 / mean_gap)(rng_));
    if (config_.arrivals == Arrivals::onoff) {
        // Within a burst frames come at the peak rate that keeps the average at the load.
        const double on_ps = config_.on_us * 1e6, off_ps = config_.off_us * 1e6;
        const double gap = mean_gap * on_ps / (on_ps + off_ps);
        burst_left_ps_ -= gap;
        if (burst_left_ps_ >= 0) return static_cast<std::uint64_t>(gap);
        burst_left_ps_ += on_ps;
        return static_cast<std::uint64_t>(gap + off_ps);
    }
    return static_cast<std::uint64_t>(mean_gap);
}

unsigned GeneratedSource::next_size() {
    if (config_.sizes == Sizes::imix) return imix_sizes[imix_(rng_)];
    if (config_.sizes == Sizes::uniform) return std::uniform_int_distribution<unsigned>(config_.size_min, config_.size_max)(rng_);
    return config_.size;
}

unsigned GeneratedSource::next_flow() {
    if (config_.flows == 1) return 0;
    if (config_.flow_popularity == FlowPopularity::zipf) return zipf_(rng_);
    return std::uniform_int_distribution<unsigned>(0, config_.flows - 1)(rng_);
}

bool GeneratedSource::draw(OfferedFrame& frame) {
    if (sent_ >= config_.packets) return false;
    frame.id.sequence = sent_;
    if (config_.arrivals == Arrivals::constant) {
        // From the sequence number, so rounding never drifts.
        frame.id.sent_at = config_.start_ps + static_cast<std::uint64_t>(std::llround(static_cast<double>(sent_) * 1e12 / config_.rate_pps));
    } else {
        frame.id.sent_at = static_cast<std::uint64_t>(time_ps_);
        time_ps_ += static_cast<double>(next_gap_ps());
    }
    frame.size = next_size();
    frame.flow = next_flow();
    frame.dst_port = config_.dst_port;
    ++sent_;
    return true;
}

void GeneratedSource::build(OfferedFrame& frame) {
    tb::TestFrameSpec spec;
    spec.size = frame.size;
    spec.src_port = static_cast<std::uint16_t>(1024 + frame.flow % 60000);
    spec.src_ip = 0x0A000001u + frame.flow / 60000;
    spec.dst_port = frame.dst_port;
    tb::build_test_frame(spec, frame.id, bytes_);
    frame.bytes = bytes_;
}

}  // namespace nicsim::traffic
