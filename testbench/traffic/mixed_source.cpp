#include "traffic/mixed_source.hpp"

#include <stdexcept>

namespace nicsim::traffic {

namespace {

std::vector<std::unique_ptr<TrafficSource>> generators(const std::vector<GeneratorConfig>& classes) {
    std::vector<std::unique_ptr<TrafficSource>> sources;
    for (const auto& c : classes) sources.push_back(std::make_unique<GeneratedSource>(c));
    return sources;
}

}  // namespace

MixedSource::MixedSource(const std::vector<GeneratorConfig>& classes) : MixedSource(generators(classes)) {}

MixedSource::MixedSource(std::vector<std::unique_ptr<TrafficSource>> classes) : sources_(std::move(classes)) {
    if (sources_.empty()) throw std::invalid_argument("a mixed source needs at least one traffic class");
    for (const auto& source : sources_) {
        total_ += source->total_frames();
        rate_ += source->offered_pps();
    }
    heads_.resize(sources_.size());
    has_head_.assign(sources_.size(), false);
    sent_.assign(sources_.size(), 0);
    for (std::size_t i = 0; i < sources_.size(); ++i) has_head_[i] = sources_[i]->draw(heads_[i]);
}

bool MixedSource::draw(OfferedFrame& frame) {
    // The earliest head goes next; on a tie the lower class, so the order is deterministic.
    std::size_t pick = sources_.size();
    for (std::size_t i = 0; i < sources_.size(); ++i)
        if (has_head_[i] && (pick == sources_.size() || heads_[i].id.sent_at < heads_[pick].id.sent_at)) pick = i;
    if (pick == sources_.size()) return false;
    frame = heads_[pick];
    // One class keeps its own numbering: its identify() answers in those numbers.
    if (sources_.size() > 1) frame.id.sequence = sequence_;
    ++sequence_;
    ++sent_[pick];
    drawn_from_ = pick;
    has_head_[pick] = sources_[pick]->draw(heads_[pick]);
    return true;
}

void MixedSource::build(OfferedFrame& frame) {
    // The class that drew the frame builds it, under the identity it has now.
    sources_[drawn_from_]->build(frame);
}

std::optional<FrameId> MixedSource::identify(std::span<const std::uint8_t> frame) {
    // Several classes are renumbered into one sequence, which only the test frames' payload
    // carries; validate() keeps captures to runs of one class.
    if (sources_.size() == 1) return sources_.front()->identify(frame);
    return TrafficSource::identify(frame);
}

}  // namespace nicsim::traffic
