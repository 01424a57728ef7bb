#include "replay/replay_csv.hpp"

#include <cstdio>

#include "rss.hpp"

namespace nicsim::tb {

std::string rss_type_text(std::uint8_t code) {
    if (code > static_cast<std::uint8_t>(model::RssType::ipv6_udp)) return "reserved-" + std::to_string(code);
    return std::string(model::rss_type_name(static_cast<model::RssType>(code)));
}

std::string rss_hash_text(std::uint32_t hash) {
    char text[11];
    std::snprintf(text, sizeof text, "0x%08x", static_cast<unsigned>(hash));
    return text;
}

void write_replay_row(std::ostream& out, const ReplayRow& row) {
    out << row.frame << ',' << row.length << ',';
    if (row.delivery) {
        out << row.delivery->queue << ',' << rss_hash_text(row.delivery->rss_hash) << ','
            << rss_type_text(row.delivery->rss_type) << ",delivered\n";
    } else {
        out << ",,,drop:" << row.drop_counter << '\n';
    }
}

}  // namespace nicsim::tb
