// Several traffic classes on one wire: each class is its own generator (its own rate, seed
// and destination port); their frames are interleaved in send-time order and numbered
// afresh, so the wire carries one sequence. This is how a run offers a fixed load to one
// application while sweeping the load offered to another.
//
// A single class passes through unchanged (its own sequence numbers, its own identify()), so
// any source -- a capture's included -- can be the one class of a run.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "traffic/generated_source.hpp"

namespace nicsim::traffic {

class MixedSource final : public TrafficSource {
public:
    explicit MixedSource(const std::vector<GeneratorConfig>& classes);
    explicit MixedSource(std::vector<std::unique_ptr<TrafficSource>> classes);

    std::uint64_t total_frames() const override { return total_; }
    double offered_pps() const override { return rate_; }
    bool draw(OfferedFrame& frame) override;
    void build(OfferedFrame& frame) override;
    std::optional<FrameId> identify(std::span<const std::uint8_t> frame) override;

    // Frames class `index` has put on the wire so far.
    std::uint64_t frames_sent(unsigned index) const { return sent_.at(index); }
    unsigned classes() const { return static_cast<unsigned>(sources_.size()); }

private:
    std::vector<std::unique_ptr<TrafficSource>> sources_;
    std::vector<OfferedFrame> heads_;  // each class's next frame
    std::vector<bool> has_head_;
    std::vector<std::uint64_t> sent_;
    std::size_t drawn_from_ = 0;  // the class of the frame draw() returned last
    std::uint64_t sequence_ = 0;
    std::uint64_t total_ = 0;
    double rate_ = 0;
};

}  // namespace nicsim::traffic
