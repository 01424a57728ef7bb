// Reference receive classifier: the whole per-frame decision of the NIC, the function the RTL
// classifier is checked against.
//
//   1. parse_frame (frame_parser.hpp). A malformed frame is treated as non-IP.
//   2. RSS (rss.hpp) gives rss_type and rss_hash for every frame: both describe the frame
//      whatever the filters decide (type none and hash 0 for non-IP and malformed frames).
//   3. Steering filters (steering_filters.hpp), ahead of RSS for the queue: the lowest-index
//      matching rule wins and is counted.
//        drop    -> action drop, drop_reason filter, queue 0
//        deliver -> queue = the rule's queue
//   4. No filter hit: rss_type != none -> queue = indirection_table[rss_hash & 0x7F];
//                     rss_type == none -> queue = default_queue (0 unless configured).
//   Any queue number >= num_queues (a rule's, a table entry's or default_queue) acts as 0,
//   the register map's rule for rx_default_queue.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "frame_parser.hpp"
#include "rss.hpp"
#include "steering_filters.hpp"

namespace nicsim::model {

enum class ClassifierAction : std::uint8_t { deliver, drop };
enum class DropReason : std::uint8_t { none, filter };

[[nodiscard]] std::string_view classifier_action_name(ClassifierAction action);
[[nodiscard]] std::string_view drop_reason_name(DropReason reason);

inline constexpr unsigned max_queues = 16; // rtl/regmap.toml map.max_queues

struct ClassifierConfig {
    unsigned num_queues = 1;        // the RTL's NumQueues, 1..max_queues
    std::uint8_t default_queue = 0; // rx_default_queue
    RssConfig rss;
    std::size_t filter_rules = SteeringFilters::default_rule_count;
};

struct ClassifierResult {
    ClassifierAction action = ClassifierAction::deliver;
    std::uint8_t queue = 0;
    std::uint32_t rss_hash = 0;
    RssType rss_type = RssType::none;
    DropReason drop_reason = DropReason::none;
    MalformedReason malformed = MalformedReason::none;
    std::optional<std::size_t> filter_index; // the rule that matched, if any

    friend bool operator==(const ClassifierResult&, const ClassifierResult&) = default;
};

// One line for failure messages.
[[nodiscard]] std::string describe(const ClassifierResult& result);

class Classifier {
public:
    // Throws std::invalid_argument for num_queues outside 1..max_queues.
    explicit Classifier(const ClassifierConfig& config = {});

    // The NIC's decision for one frame (bytes without FCS); counts the filter hit.
    ClassifierResult classify(std::span<const std::uint8_t> frame);
    // The same decision without touching any counter.
    [[nodiscard]] ClassifierResult evaluate(std::span<const std::uint8_t> frame) const;
    // The decision for an already parsed frame, without counting.
    [[nodiscard]] ClassifierResult decide(const ParsedFrame& parsed) const;

    [[nodiscard]] unsigned num_queues() const { return num_queues_; }
    [[nodiscard]] std::uint8_t default_queue() const { return default_queue_; }
    void set_default_queue(std::uint8_t queue) { default_queue_ = queue; }

    [[nodiscard]] Rss& rss() { return rss_; }
    [[nodiscard]] const Rss& rss() const { return rss_; }
    [[nodiscard]] SteeringFilters& filters() { return filters_; }
    [[nodiscard]] const SteeringFilters& filters() const { return filters_; }

private:
    [[nodiscard]] ClassifierResult decide(const ParsedFrame& parsed,
                                          const std::optional<FilterHit>& hit) const;
    [[nodiscard]] std::uint8_t effective_queue(std::uint8_t queue) const {
        return queue < num_queues_ ? queue : std::uint8_t{0};
    }

    unsigned num_queues_;
    std::uint8_t default_queue_;
    Rss rss_;
    SteeringFilters filters_;
};

} // namespace nicsim::model
