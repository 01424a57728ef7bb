#include "traffic/pcap_source.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>

#include "pcap/pcap_reader.hpp"
#include "pcap/capture_check.hpp"

namespace nicsim::traffic {
namespace {

// Only the arrival process matters here: sizes and flows come from the capture, and
// drawing them anyway would make the send times depend on knobs that do nothing.
GeneratorConfig arrivals_only(GeneratorConfig config) {
    config.sizes = Sizes::fixed;
    config.flows = 1;
    return config;
}

}  // namespace

PcapSource::PcapSource(const std::string& path, const GeneratorConfig& config, std::uint32_t max_frame_bytes)
    : timing_(arrivals_only(config)) {
    // The same checks, and messages, as nicsim replay.
    const auto check = capture::check_capture(path, max_frame_bytes);
    if (check.frames == 0) throw std::invalid_argument("capture " + path + ": holds no frames to offer");

    capture::PcapReader reader(path);
    capture::PcapRecord record;
    while (reader.next(record)) frames_.emplace_back(record.data.begin(), record.data.end());

    first_identical_.resize(frames_.size());
    outstanding_.resize(frames_.size());
    for (std::size_t i = 0; i < frames_.size(); ++i) {
        const std::uint64_t h = hash_of(frames_[i]);
        first_identical_[i] = i;
        const auto [begin, end] = by_hash_.equal_range(h);
        const auto same = std::find_if(begin, end, [&](const auto& entry) { return frames_[entry.second] == frames_[i]; });
        if (same != end) first_identical_[i] = same->second;
        else by_hash_.emplace(h, i);
    }
}

bool PcapSource::draw(OfferedFrame& frame) {
    if (!timing_.draw(frame)) return false;
    const std::size_t index = frame.id.sequence % frames_.size();
    frame.bytes = std::span<const std::uint8_t>(frames_[index]);
    frame.size = static_cast<unsigned>(frames_[index].size());
    frame.flow = static_cast<unsigned>(index);
    outstanding_[first_identical_[index]].push_back(frame.id);
    return true;
}

std::optional<FrameId> PcapSource::identify(std::span<const std::uint8_t> frame) {
    const auto [begin, end] = by_hash_.equal_range(hash_of(frame));
    for (auto it = begin; it != end; ++it) {
        const auto& bytes = frames_[it->second];
        if (!std::equal(bytes.begin(), bytes.end(), frame.begin(), frame.end())) continue;
        auto& offers = outstanding_[it->second];
        if (offers.empty()) return std::nullopt;  // received more often than offered
        const FrameId stamp = offers.front();
        offers.pop_front();
        return stamp;
    }
    return std::nullopt;
}

double PcapSource::mean_frame_size() const {
    const auto bytes = std::accumulate(frames_.begin(), frames_.end(), std::uint64_t{0},
                                       [](std::uint64_t sum, const auto& f) { return sum + f.size(); });
    return static_cast<double>(bytes) / static_cast<double>(frames_.size());
}

std::uint64_t PcapSource::hash_of(std::span<const std::uint8_t> bytes) {
    // FNV-1a: a good enough spread for a lookup; equality is always checked on the bytes.
    std::uint64_t h = 0xcbf29ce484222325u;
    for (const std::uint8_t b : bytes) h = (h ^ b) * 0x100000001b3u;
    return h;
}

}  // namespace nicsim::traffic
