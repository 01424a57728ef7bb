// Big-endian (network byte order) loads and stores at a byte offset: every header field of
// Ethernet, IP, UDP, TCP, ICMP and ARP. The caller has checked that the bytes are there.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace nicsim::model {

[[nodiscard]] inline std::uint16_t load_be16(std::span<const std::uint8_t> bytes, std::size_t at) {
    return static_cast<std::uint16_t>(bytes[at] << 8 | bytes[at + 1]);
}

[[nodiscard]] inline std::uint32_t load_be32(std::span<const std::uint8_t> bytes, std::size_t at) {
    return std::uint32_t{load_be16(bytes, at)} << 16 | load_be16(bytes, at + 2);
}

[[nodiscard]] inline std::uint64_t load_be64(std::span<const std::uint8_t> bytes, std::size_t at) {
    return std::uint64_t{load_be32(bytes, at)} << 32 | load_be32(bytes, at + 4);
}

inline void store_be16(std::span<std::uint8_t> bytes, std::size_t at, std::uint16_t value) {
    bytes[at] = static_cast<std::uint8_t>(value >> 8);
    bytes[at + 1] = static_cast<std::uint8_t>(value);
}

inline void store_be32(std::span<std::uint8_t> bytes, std::size_t at, std::uint32_t value) {
    store_be16(bytes, at, static_cast<std::uint16_t>(value >> 16));
    store_be16(bytes, at + 2, static_cast<std::uint16_t>(value));
}

inline void store_be64(std::span<std::uint8_t> bytes, std::size_t at, std::uint64_t value) {
    store_be32(bytes, at, static_cast<std::uint32_t>(value >> 32));
    store_be32(bytes, at + 4, static_cast<std::uint32_t>(value));
}

// Appends `value` in network byte order (building a frame header by header).
inline void append_be16(std::vector<std::uint8_t>& out, std::uint16_t value) {
    out.push_back(static_cast<std::uint8_t>(value >> 8));
    out.push_back(static_cast<std::uint8_t>(value));
}

}  // namespace nicsim::model
