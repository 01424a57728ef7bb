// The --rss-key text: a 40-byte Toeplitz key written as 80 hex digits, key byte 0 first
// (the order of `ethtool -x` and of Microsoft's verification key 6d5a56da...beac01fa).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace nicsim::tb {

using RssKey = std::array<std::uint8_t, 40>;

// Throws std::invalid_argument naming `option`, what is wrong (the length, or the first
// character that is not a hex digit) and what is expected: 80 hex digits.
RssKey parse_rss_key_hex(std::string_view text, std::string_view option = "--rss-key");

// 80 lowercase hex digits.
std::string format_rss_key_hex(const RssKey& key);

}  // namespace nicsim::tb
