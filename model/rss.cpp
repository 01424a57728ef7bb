// Reference RSS; the rules are in rss.hpp.
#include "rss.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace nicsim::model {

std::string_view rss_type_name(RssType type) {
    switch (type) {
    case RssType::none: return "none";
    case RssType::ipv4: return "ipv4";
    case RssType::ipv4_tcp: return "ipv4-tcp";
    case RssType::ipv4_udp: return "ipv4-udp";
    case RssType::ipv6: return "ipv6";
    case RssType::ipv6_tcp: return "ipv6-tcp";
    case RssType::ipv6_udp: return "ipv6-udp";
    }
    return "unknown";
}

IndirectionTable default_indirection_table(unsigned active_queues) {
    if (active_queues == 0 || active_queues > indirection_table_size) {
        throw std::invalid_argument("default_indirection_table: " + std::to_string(active_queues) +
                                    " active queues, legal range is 1..128");
    }
    IndirectionTable table{};
    for (std::size_t i = 0; i < table.size(); ++i) {
        table[i] = static_cast<std::uint8_t>(i % active_queues);
    }
    return table;
}

Rss::Rss(const RssConfig& config) : config_(config), hasher_(config.key) {}

void Rss::set_key(const RssKey& key) {
    config_.key = key;
    hasher_ = ToeplitzHasher(key);
}

void Rss::set_indirection_entry(std::size_t index, std::uint8_t queue) {
    config_.indirection.at(index) = queue;
}

RssType Rss::select_type(const ParsedFrame& parsed) const {
    RssType address_type = RssType::none;
    RssType tcp_type = RssType::none;
    RssType udp_type = RssType::none;
    switch (parsed.l3) {
    case L3Kind::none: return RssType::none;
    case L3Kind::ipv4:
        address_type = RssType::ipv4;
        tcp_type = RssType::ipv4_tcp;
        udp_type = RssType::ipv4_udp;
        break;
    case L3Kind::ipv6:
        address_type = RssType::ipv6;
        tcp_type = RssType::ipv6_tcp;
        udp_type = RssType::ipv6_udp;
        break;
    }
    // The parser leaves l4 none for fragments, so they fall through to the address type.
    if (parsed.l4 == L4Kind::tcp && enabled(tcp_type)) {
        return tcp_type;
    }
    if (parsed.l4 == L4Kind::udp && enabled(udp_type)) {
        return udp_type;
    }
    return enabled(address_type) ? address_type : RssType::none;
}

RssResult Rss::compute(const ParsedFrame& parsed) const {
    RssResult result;
    result.type = select_type(parsed);
    if (result.type == RssType::none) {
        return result;
    }
    // Source address, destination address, [source port, destination port].
    std::array<std::uint8_t, toeplitz_max_input_bytes> input{};
    const auto src = parsed.src_addr.view();
    const auto dst = parsed.dst_addr.view();
    auto end = std::copy(src.begin(), src.end(), input.begin());
    end = std::copy(dst.begin(), dst.end(), end);
    const bool with_ports = result.type != RssType::ipv4 && result.type != RssType::ipv6;
    if (with_ports) {
        *end++ = static_cast<std::uint8_t>(parsed.src_port >> 8);
        *end++ = static_cast<std::uint8_t>(parsed.src_port);
        *end++ = static_cast<std::uint8_t>(parsed.dst_port >> 8);
        *end++ = static_cast<std::uint8_t>(parsed.dst_port);
    }
    const auto length = static_cast<std::size_t>(end - input.begin());
    result.hash = hasher_.hash({input.data(), length});
    result.queue = config_.indirection[result.hash & indirection_index_mask];
    return result;
}

} // namespace nicsim::model
