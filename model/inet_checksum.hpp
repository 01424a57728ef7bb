// The Internet checksum (RFC 1071): the ones' complement of the ones' complement sum of
// 16-bit big-endian words. IPv4 headers, ICMP, UDP and TCP all use it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace nicsim::model {

// Adds `bytes` to a running 32-bit sum (an odd trailing byte is padded with zero, as the
// RFC says). Sums may be chained: the pseudo-header first, then the UDP message.
[[nodiscard]] inline std::uint32_t inet_sum(std::span<const std::uint8_t> bytes, std::uint32_t sum = 0) {
    std::size_t i = 0;
    for (; i + 1 < bytes.size(); i += 2) sum += static_cast<std::uint32_t>(bytes[i] << 8 | bytes[i + 1]);
    if (i < bytes.size()) sum += static_cast<std::uint32_t>(bytes[i] << 8);
    return sum;
}

// Folds the carries and complements: the value to store in the checksum field.
[[nodiscard]] inline std::uint16_t inet_fold(std::uint32_t sum) {
    while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
    return static_cast<std::uint16_t>(~sum & 0xffff);
}

// The checksum of `bytes` whose checksum field is zero.
[[nodiscard]] inline std::uint16_t inet_checksum(std::span<const std::uint8_t> bytes) {
    return inet_fold(inet_sum(bytes));
}

// A message whose checksum field is filled in sums to 0xffff: inet_fold gives 0.
[[nodiscard]] inline bool inet_checksum_ok(std::span<const std::uint8_t> bytes, std::uint32_t initial = 0) {
    return inet_fold(inet_sum(bytes, initial)) == 0;
}

}  // namespace nicsim::model
