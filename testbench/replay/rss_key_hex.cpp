#include "replay/rss_key_hex.hpp"

#include <stdexcept>

namespace nicsim::tb {
namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

RssKey parse_rss_key_hex(std::string_view text, std::string_view option) {
    RssKey key{};
    const std::size_t digits = key.size() * 2;
    const std::string expected = "expected " + std::to_string(digits) + " hex digits (the " +
                                 std::to_string(key.size()) + "-byte Toeplitz key, byte 0 first)";
    for (std::size_t i = 0; i < text.size(); ++i)
        if (hex_value(text[i]) < 0)
            throw std::invalid_argument(std::string(option) + ": character " + std::to_string(i + 1) + " ('" +
                                        std::string(1, text[i]) + "') is not a hex digit; " + expected);
    if (text.size() != digits)
        throw std::invalid_argument(std::string(option) + ": " + std::to_string(text.size()) + " hex digits; " +
                                    expected);
    for (std::size_t b = 0; b < key.size(); ++b)
        key[b] = static_cast<std::uint8_t>(hex_value(text[2 * b]) * 16 + hex_value(text[2 * b + 1]));
    return key;
}

std::string format_rss_key_hex(const RssKey& key) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(key.size() * 2);
    for (const std::uint8_t b : key) {
        out.push_back(digits[b >> 4]);
        out.push_back(digits[b & 0xF]);
    }
    return out;
}

}  // namespace nicsim::tb
