// Reference steering filters; the rules are in steering_filters.hpp.
#include "steering_filters.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace nicsim::model {

namespace {

std::uint8_t family_address_size(L3Kind family) {
    switch (family) {
    case L3Kind::ipv4: return 4;
    case L3Kind::ipv6: return 16;
    case L3Kind::none: break;
    }
    return 0;
}

bool field_wildcarded(const SteeringRule& rule, std::uint8_t field) {
    return (rule.wildcard & field) != 0;
}

// Compares the family's bytes only, so stray bytes beyond an IPv4 rule address do not matter.
bool same_address(const IpAddress& a, const IpAddress& b, std::uint8_t size) {
    return std::equal(a.bytes.begin(), a.bytes.begin() + size, b.bytes.begin());
}

// Bytes [0, size) of an address as two little-endian words: the layout key_of() uses.
void pack_address(const std::array<std::uint8_t, 16>& bytes, std::size_t size, std::uint64_t* out) {
    out[0] = 0;
    out[1] = 0;
    for (std::size_t i = 0; i < size; ++i) {
        out[i / 8] |= std::uint64_t{bytes[i]} << (8 * (i % 8));
    }
}

std::uint64_t pack_tail(std::uint16_t src_port, std::uint16_t dst_port, std::uint8_t l4,
                        std::uint8_t family, std::uint8_t has_ports) {
    return std::uint64_t{src_port} | std::uint64_t{dst_port} << 16 | std::uint64_t{l4} << 32 |
           std::uint64_t{family} << 40 | std::uint64_t{has_ports} << 48;
}

constexpr std::array<std::uint8_t, 16> all_ones = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                                   0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};

bool protocol_matches(FilterProtocol protocol, L4Kind l4) {
    switch (protocol) {
    case FilterProtocol::any: return true;
    case FilterProtocol::tcp: return l4 == L4Kind::tcp;
    case FilterProtocol::udp: return l4 == L4Kind::udp;
    }
    return false;
}

} // namespace

std::string_view filter_action_name(FilterAction action) {
    switch (action) {
    case FilterAction::deliver: return "deliver";
    case FilterAction::drop: return "drop";
    }
    return "unknown";
}

bool rule_matches(const SteeringRule& rule, const ParsedFrame& parsed) {
    if (!rule.enabled || parsed.l3 == L3Kind::none || parsed.l3 != rule.family) {
        return false;
    }
    if (!protocol_matches(rule.protocol, parsed.l4)) {
        return false;
    }
    const std::uint8_t size = family_address_size(rule.family);
    if (!field_wildcarded(rule, filter_field::src_addr) &&
        !same_address(rule.src_addr, parsed.src_addr, size)) {
        return false;
    }
    if (!field_wildcarded(rule, filter_field::dst_addr) &&
        !same_address(rule.dst_addr, parsed.dst_addr, size)) {
        return false;
    }
    const bool has_ports = parsed.l4 != L4Kind::none;
    if (!field_wildcarded(rule, filter_field::src_port) &&
        (!has_ports || rule.src_port != parsed.src_port)) {
        return false;
    }
    if (!field_wildcarded(rule, filter_field::dst_port) &&
        (!has_ports || rule.dst_port != parsed.dst_port)) {
        return false;
    }
    return true;
}

SteeringFilters::SteeringFilters(std::size_t rule_count) : rules_(rule_count), hits_(rule_count) {
    if (rule_count == 0) {
        throw std::invalid_argument("SteeringFilters: at least one rule is needed");
    }
}

void SteeringFilters::set_rule(std::size_t index, const SteeringRule& rule) {
    if (index >= rules_.size()) {
        throw std::out_of_range("SteeringFilters: rule " + std::to_string(index) + " of " +
                                std::to_string(rules_.size()));
    }
    if (rule.enabled) {
        const std::uint8_t size = family_address_size(rule.family);
        if (size == 0) {
            throw std::invalid_argument("SteeringFilters: rule " + std::to_string(index) +
                                        " has no address family (ipv4 or ipv6)");
        }
        const bool src_ok = field_wildcarded(rule, filter_field::src_addr) ||
                            rule.src_addr.size == size;
        const bool dst_ok = field_wildcarded(rule, filter_field::dst_addr) ||
                            rule.dst_addr.size == size;
        if (!src_ok || !dst_ok) {
            throw std::invalid_argument("SteeringFilters: rule " + std::to_string(index) +
                                        " compares an address that is not of its family");
        }
    }
    rules_[index] = rule;
    hits_[index] = 0;
    refresh_enabled();
}

void SteeringFilters::clear_rule(std::size_t index) {
    set_rule(index, SteeringRule{});
}

SteeringFilters::MatchKey SteeringFilters::key_of(const ParsedFrame& parsed) {
    MatchKey key{};
    pack_address(parsed.src_addr.bytes, parsed.src_addr.size, &key[0]);
    pack_address(parsed.dst_addr.bytes, parsed.dst_addr.size, &key[2]);
    const bool has_ports = parsed.l4 != L4Kind::none;
    key[4] = pack_tail(has_ports ? parsed.src_port : std::uint16_t{0},
                       has_ports ? parsed.dst_port : std::uint16_t{0},
                       static_cast<std::uint8_t>(parsed.l4), static_cast<std::uint8_t>(parsed.l3),
                       has_ports ? 1 : 0);
    return key;
}

SteeringFilters::CompiledRule SteeringFilters::compile(std::size_t index,
                                                       const SteeringRule& rule) {
    CompiledRule compiled{index, {}, {}};
    const std::uint8_t size = family_address_size(rule.family);
    if (!field_wildcarded(rule, filter_field::src_addr)) {
        pack_address(rule.src_addr.bytes, size, &compiled.value[0]);
        pack_address(all_ones, size, &compiled.mask[0]);
    }
    if (!field_wildcarded(rule, filter_field::dst_addr)) {
        pack_address(rule.dst_addr.bytes, size, &compiled.value[2]);
        pack_address(all_ones, size, &compiled.mask[2]);
    }
    const bool exact_src_port = !field_wildcarded(rule, filter_field::src_port);
    const bool exact_dst_port = !field_wildcarded(rule, filter_field::dst_port);
    const bool exact_protocol = rule.protocol != FilterProtocol::any;
    const auto l4 = static_cast<std::uint8_t>(rule.protocol == FilterProtocol::tcp ? L4Kind::tcp
                                                                                  : L4Kind::udp);
    // An exact port needs a frame with ports; the family is always compared.
    compiled.value[4] = pack_tail(exact_src_port ? rule.src_port : std::uint16_t{0},
                                  exact_dst_port ? rule.dst_port : std::uint16_t{0},
                                  exact_protocol ? l4 : std::uint8_t{0},
                                  static_cast<std::uint8_t>(rule.family),
                                  exact_src_port || exact_dst_port ? 1 : 0);
    compiled.mask[4] = pack_tail(exact_src_port ? 0xFFFF : 0, exact_dst_port ? 0xFFFF : 0,
                                 exact_protocol ? 0xFF : 0, 0xFF,
                                 exact_src_port || exact_dst_port ? 0xFF : 0);
    return compiled;
}

std::optional<FilterHit> SteeringFilters::match(const ParsedFrame& parsed) const {
    if (parsed.l3 == L3Kind::none) {
        return std::nullopt;
    }
    const auto& candidates = parsed.l3 == L3Kind::ipv4 ? enabled_ipv4_ : enabled_ipv6_;
    if (candidates.empty()) {
        return std::nullopt;
    }
    const MatchKey key = key_of(parsed);
    for (const CompiledRule& compiled : candidates) {
        std::uint64_t differ = 0;
        for (std::size_t word = 0; word < key.size(); ++word) {
            differ |= (key[word] ^ compiled.value[word]) & compiled.mask[word];
        }
        if (differ == 0) {
            const SteeringRule& rule = rules_[compiled.index];
            return FilterHit{compiled.index, rule.action, rule.queue};
        }
    }
    return std::nullopt;
}

std::optional<FilterHit> SteeringFilters::match_and_count(const ParsedFrame& parsed) {
    const auto hit = match(parsed);
    if (hit) {
        ++hits_[hit->index];
    }
    return hit;
}

void SteeringFilters::clear_hit_counts() {
    std::fill(hits_.begin(), hits_.end(), 0);
}

void SteeringFilters::refresh_enabled() {
    enabled_ipv4_.clear();
    enabled_ipv6_.clear();
    for (std::size_t i = 0; i < rules_.size(); ++i) {
        if (rules_[i].enabled) {
            auto& list = rules_[i].family == L3Kind::ipv4 ? enabled_ipv4_ : enabled_ipv6_;
            list.push_back(compile(i, rules_[i]));
        }
    }
}

} // namespace nicsim::model
