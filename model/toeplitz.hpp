// The Toeplitz hash of Microsoft's Receive Side Scaling, the hash every RSS NIC computes.
//
// Definition (Microsoft, "RSS hashing functions"): K is the 320-bit key, input bits are taken
// from the first byte's most significant bit onwards, and for every input bit that is set the
// 32-bit window of K starting at that bit's position is XORed into the result:
//
//     result = 0
//     for each input bit b, left to right:
//         if b == 1: result ^= leftmost 32 bits of K
//         K <<= 1
//
// A 40-byte key covers inputs of up to 36 bytes (36 * 8 + 32 = 320 bits), exactly the IPv6
// 4-tuple; longer inputs are refused rather than hashed against key bits that do not exist.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace nicsim::model {

inline constexpr std::size_t rss_key_bytes = 40;
inline constexpr std::size_t toeplitz_max_input_bytes = rss_key_bytes - 4;

using RssKey = std::array<std::uint8_t, rss_key_bytes>;

// The key of Microsoft's verification suite, also Intel's and Linux drivers' classic default;
// nicsim's default (design.md).
inline constexpr RssKey microsoft_rss_key = {
    0x6d, 0x5a, 0x56, 0xda, 0x25, 0x5b, 0x0e, 0xc2, 0x41, 0x67,
    0x25, 0x3d, 0x43, 0xa3, 0x8f, 0xb0, 0xd0, 0xca, 0x2b, 0xcb,
    0xae, 0x7b, 0x30, 0xb4, 0x77, 0xcb, 0x2d, 0xa3, 0x80, 0x30,
    0xf2, 0x0c, 0x6a, 0x42, 0xb7, 0x3b, 0xbe, 0xac, 0x01, 0xfa,
};

// The definition above, one bit at a time: slow, obviously right, the oracle for the fast
// hasher. Throws std::length_error for inputs longer than toeplitz_max_input_bytes.
[[nodiscard]] std::uint32_t toeplitz_hash_bitwise(const RssKey& key,
                                                  std::span<const std::uint8_t> input);

// The same hash with one 256-entry table per input byte position, built once per key: each
// input byte costs one lookup and one XOR (the hash is linear over GF(2), so a byte's
// contribution depends only on its value and position).
class ToeplitzHasher {
public:
    explicit ToeplitzHasher(const RssKey& key = microsoft_rss_key);

    // Throws std::length_error for inputs longer than toeplitz_max_input_bytes.
    [[nodiscard]] std::uint32_t hash(std::span<const std::uint8_t> input) const;

    [[nodiscard]] const RssKey& key() const { return key_; }

private:
    RssKey key_;
    std::array<std::array<std::uint32_t, 256>, toeplitz_max_input_bytes> table_{};
};

} // namespace nicsim::model
