// Reference exact-match steering filters: early demultiplexing ahead of RSS, as LRP's NI demux
// (and Intel's Flow Director perfect filters) do it.
//
// A rule matches a parsed frame when all of these hold:
//   - the rule is enabled;
//   - the frame is IP of the rule's family (ipv4 or ipv6). Non-IP and malformed frames (l3
//     none) match no rule;
//   - protocol any, or the frame's L4 is the rule's tcp/udp. An IPv4 fragment has L4 none, so
//     it matches only protocol-any rules;
//   - each of source address, destination address, source port, destination port is either
//     wildcarded (its bit in `wildcard`) or equal to the frame's. A frame without ports
//     (fragment, protocol other than TCP/UDP) matches only rules with both ports wildcarded.
// The lowest-index matching rule wins. Its action delivers the frame to `queue` or drops it,
// and its hit counter counts the frame. Writing or clearing a rule zeroes its counter.
//
// rule_matches() states these rules plainly; SteeringFilters compiles each enabled rule into a
// value/mask pair over a packed frame key (a ternary match, as a TCAM would do it), so a frame
// costs a few word compares per rule. The unit tests hold the two to agreement.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "frame_parser.hpp"

namespace nicsim::model {

enum class FilterProtocol : std::uint8_t { any, tcp, udp };
enum class FilterAction : std::uint8_t { deliver, drop };

[[nodiscard]] std::string_view filter_action_name(FilterAction action);

// Bits of SteeringRule::wildcard: a set bit means "don't care" for that field.
namespace filter_field {
inline constexpr std::uint8_t src_addr = 0x1;
inline constexpr std::uint8_t dst_addr = 0x2;
inline constexpr std::uint8_t src_port = 0x4;
inline constexpr std::uint8_t dst_port = 0x8;
inline constexpr std::uint8_t all = 0xF;
} // namespace filter_field

struct SteeringRule {
    bool enabled = false;
    L3Kind family = L3Kind::ipv4; // ipv4 or ipv6
    FilterProtocol protocol = FilterProtocol::any;
    IpAddress src_addr;           // compared when not wildcarded; must be of `family`
    IpAddress dst_addr;
    std::uint16_t src_port = 0;
    std::uint16_t dst_port = 0;
    std::uint8_t wildcard = 0;    // filter_field bits
    FilterAction action = FilterAction::deliver;
    std::uint8_t queue = 0;       // for deliver

    friend bool operator==(const SteeringRule&, const SteeringRule&) = default;
};

struct FilterHit {
    std::size_t index = 0;
    FilterAction action = FilterAction::deliver;
    std::uint8_t queue = 0;

    friend bool operator==(const FilterHit&, const FilterHit&) = default;
};

class SteeringFilters {
public:
    static constexpr std::size_t default_rule_count = 64;

    // All rules disabled, counters zero. Throws std::invalid_argument for 0 rules.
    explicit SteeringFilters(std::size_t rule_count = default_rule_count);

    // Throws std::out_of_range for a bad index, std::invalid_argument for an enabled rule whose
    // family is none or whose non-wildcarded address is not of its family.
    void set_rule(std::size_t index, const SteeringRule& rule);
    void clear_rule(std::size_t index);
    [[nodiscard]] const SteeringRule& rule(std::size_t index) const { return rules_.at(index); }
    [[nodiscard]] std::size_t size() const { return rules_.size(); }

    // The winning rule, without counting.
    [[nodiscard]] std::optional<FilterHit> match(const ParsedFrame& parsed) const;
    // The winning rule, counted in its hit counter (what the NIC does per frame).
    std::optional<FilterHit> match_and_count(const ParsedFrame& parsed);

    [[nodiscard]] std::uint64_t hit_count(std::size_t index) const { return hits_.at(index); }
    void clear_hit_counts();

private:
    // Source address, destination address, then ports, L4 kind, family and "has ports".
    using MatchKey = std::array<std::uint64_t, 5>;
    struct CompiledRule {
        std::size_t index;
        MatchKey value;
        MatchKey mask;
    };

    static MatchKey key_of(const ParsedFrame& parsed);
    static CompiledRule compile(std::size_t index, const SteeringRule& rule);
    void refresh_enabled();

    std::vector<SteeringRule> rules_;
    std::vector<std::uint64_t> hits_;
    // Enabled rules by ascending index (the scan order), one list per family: a rule only ever
    // matches frames of its own family, so each frame scans only its family's list.
    std::vector<CompiledRule> enabled_ipv4_;
    std::vector<CompiledRule> enabled_ipv6_;
};

// Whether `rule` matches `parsed` by the rules above (the enabled flag included).
[[nodiscard]] bool rule_matches(const SteeringRule& rule, const ParsedFrame& parsed);

} // namespace nicsim::model
