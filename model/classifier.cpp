// Reference receive classifier; the rules are in classifier.hpp.
#include "classifier.hpp"

#include <cstdio>
#include <stdexcept>

namespace nicsim::model {

std::string_view classifier_action_name(ClassifierAction action) {
    switch (action) {
    case ClassifierAction::deliver: return "deliver";
    case ClassifierAction::drop: return "drop";
    }
    return "unknown";
}

std::string_view drop_reason_name(DropReason reason) {
    switch (reason) {
    case DropReason::none: return "none";
    case DropReason::filter: return "filter";
    }
    return "unknown";
}

std::string describe(const ClassifierResult& result) {
    char hash[16];
    std::snprintf(hash, sizeof hash, "0x%08x", result.rss_hash);
    std::string text = std::string(classifier_action_name(result.action)) + " queue " +
                       std::to_string(result.queue) + " rss " +
                       std::string(rss_type_name(result.rss_type)) + " " + hash;
    if (result.filter_index) {
        text += " filter " + std::to_string(*result.filter_index);
    }
    if (result.drop_reason != DropReason::none) {
        text += " drop_reason " + std::string(drop_reason_name(result.drop_reason));
    }
    if (result.malformed != MalformedReason::none) {
        text += " malformed " + std::string(malformed_reason_name(result.malformed));
    }
    return text;
}

Classifier::Classifier(const ClassifierConfig& config)
    : num_queues_(config.num_queues),
      default_queue_(config.default_queue),
      rss_(config.rss),
      filters_(config.filter_rules) {
    if (num_queues_ == 0 || num_queues_ > max_queues) {
        throw std::invalid_argument("Classifier: num_queues = " + std::to_string(num_queues_) +
                                    ", legal range is 1.." + std::to_string(max_queues));
    }
}

ClassifierResult Classifier::classify(std::span<const std::uint8_t> frame) {
    const ParsedFrame parsed = parse_frame(frame);
    return decide(parsed, filters_.match_and_count(parsed));
}

ClassifierResult Classifier::evaluate(std::span<const std::uint8_t> frame) const {
    return decide(parse_frame(frame));
}

ClassifierResult Classifier::decide(const ParsedFrame& parsed) const {
    return decide(parsed, filters_.match(parsed));
}

ClassifierResult Classifier::decide(const ParsedFrame& parsed,
                                    const std::optional<FilterHit>& hit) const {
    ClassifierResult result;
    result.malformed = parsed.malformed;
    const RssResult rss = rss_.compute(parsed);
    result.rss_type = rss.type;
    result.rss_hash = rss.hash;
    if (hit) {
        result.filter_index = hit->index;
        if (hit->action == FilterAction::drop) {
            result.action = ClassifierAction::drop;
            result.drop_reason = DropReason::filter;
            result.queue = 0;
        } else {
            result.queue = effective_queue(hit->queue);
        }
    } else if (rss.queue) {
        result.queue = effective_queue(*rss.queue);
    } else {
        result.queue = effective_queue(default_queue_);
    }
    return result;
}

} // namespace nicsim::model
