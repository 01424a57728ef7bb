#include "mixed_source.hpp"

#include <stdexcept>

namespace nicsim::traffic {

MixedSource::MixedSource(const std::vector<GeneratorConfig>& classes) {
    if (classes.empty()) throw std::invalid_argument("a mixed source needs at least one traffic class");
    for (const auto& c : classes) {
        sources_.push_back(std::make_unique<GeneratedSource>(c));
        total_ += c.packets;
        rate_ += c.rate_pps;
    }
    heads_.resize(sources_.size());
    has_head_.assign(sources_.size(), false);
    sent_.assign(sources_.size(), 0);
    for (std::size_t i = 0; i < sources_.size(); ++i) has_head_[i] = sources_[i]->next(heads_[i]);
}

bool MixedSource::next(OfferedFrame& frame) {
    // The earliest head goes next; on a tie the lower class, so the order is deterministic.
    std::size_t pick = sources_.size();
    for (std::size_t i = 0; i < sources_.size(); ++i)
        if (has_head_[i] && (pick == sources_.size() || heads_[i].send_ps < heads_[pick].send_ps)) pick = i;
    if (pick == sources_.size()) return false;
    frame = heads_[pick];
    frame.sequence = sequence_++;
    ++sent_[pick];
    has_head_[pick] = sources_[pick]->next(heads_[pick]);
    return true;
}

}  // namespace nicsim::traffic
