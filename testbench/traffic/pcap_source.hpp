// Traffic from a capture: the frames of a pcap file, in capture order and looping when more
// packets are asked for than it holds, at the times of an arrival process (constant,
// poisson or onoff at the configured load, from generated_source.hpp). The capture's own
// timestamps are not used: the load knob sets the rate, as for generated traffic.
//
// The frames go on the wire byte for byte as captured, so they carry no sequence stamp.
// The source remembers what it offered instead: a frame the host receives is matched to the
// oldest outstanding offer of exactly the same bytes. Every delivery thus consumes exactly
// one offer (conservation stays exact) and a frame whose bytes changed matches nothing (it
// counts as corrupt). Latency is exact except among byte-identical frames of which an
// earlier one was dropped: the later one is then timed from the earlier one's send time.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "frame_limits.hpp"
#include "traffic/generated_source.hpp"
#include "traffic/traffic_source.hpp"

namespace nicsim::traffic {

class PcapSource final : public TrafficSource {
public:
    // Reads every frame of `path` (an Ethernet capture, frames of at most `max_frame_bytes`)
    // and offers config.packets of them at the times GeneratedSource(config) draws. Throws
    // std::invalid_argument for a capture that cannot be read, is not Ethernet, holds a
    // frame that is too long, or holds no frame at all.
    PcapSource(const std::string& path, const GeneratorConfig& config, std::uint32_t max_frame_bytes = driver::max_frame_bytes);

    std::uint64_t total_frames() const override { return timing_.total_frames(); }
    double offered_pps() const override { return timing_.offered_pps(); }
    bool draw(OfferedFrame& frame) override;
    void build(OfferedFrame&) override {}  // draw() gave it the capture's bytes
    // Matches `frame` to the oldest outstanding offer of exactly its bytes (see above).
    std::optional<FrameId> identify(std::span<const std::uint8_t> frame) override;

    std::size_t capture_frames() const { return frames_.size(); }
    double mean_frame_size() const;

private:
    static std::uint64_t hash_of(std::span<const std::uint8_t> bytes);

    GeneratedSource timing_;
    std::vector<std::vector<std::uint8_t>> frames_;
    std::vector<std::size_t> first_identical_;                     // per frame: first frame with its bytes
    std::unordered_multimap<std::uint64_t, std::size_t> by_hash_;  // hash -> first frames with that hash
    std::vector<std::deque<FrameId>> outstanding_;                 // per first frame: offers not yet received
};

}  // namespace nicsim::traffic
