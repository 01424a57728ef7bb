// The replay's output: one CSV row per frame of the capture.
//
//   frame,length,queue,rss_hash,rss_type,status
//   0,74,2,0x1b7c2e5a,ipv4-tcp,delivered
//   1,42,,,,drop:rx_runt
//
// frame     0-based index of the record in the capture
// length    bytes offered to the NIC (the captured bytes, without FCS)
// queue, rss_hash, rss_type
//           what the NIC wrote back in the frame's receive descriptor (DESC_RX_WB_*):
//           the ring it landed on, the Toeplitz hash as 0x + 8 lowercase hex digits, and
//           the hash type (none, ipv4, ipv4-tcp, ipv4-udp, ipv6, ipv6-tcp, ipv6-udp). Empty
//           for a dropped frame: the NIC reports nothing to the host about those.
// status    delivered, or drop:<the NIC drop counter that counted it> (drop:rx_runt, ...)
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

namespace nicsim::tb {

// What the NIC wrote back for a delivered frame.
struct ReplayDelivery {
    unsigned queue = 0;
    std::uint32_t rss_hash = 0;
    std::uint8_t rss_type = 0;  // the descriptor's code, rtl/regmap.toml rx_wb.rss_type
};

struct ReplayRow {
    std::uint64_t frame = 0;
    std::uint32_t length = 0;
    std::optional<ReplayDelivery> delivery;  // set when delivered
    std::string drop_counter;                // set when dropped: the counter's name

    bool delivered() const { return delivery.has_value(); }
};

inline constexpr const char* replay_csv_header = "frame,length,queue,rss_hash,rss_type,status";

// "none", "ipv4-tcp", ... for codes 0..6; "reserved-<code>" for a code the register map
// does not define (a NIC bug the CSV should show rather than hide).
std::string rss_type_text(std::uint8_t code);

// "0x%08x".
std::string rss_hash_text(std::uint32_t hash);

void write_replay_row(std::ostream& out, const ReplayRow& row);

}  // namespace nicsim::tb
