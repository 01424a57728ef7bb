// Toeplitz hash; the definition is in toeplitz.hpp.
#include "toeplitz.hpp"

#include <stdexcept>
#include <string>

namespace nicsim::model {

namespace {

void check_length(std::size_t size) {
    if (size > toeplitz_max_input_bytes) {
        throw std::length_error("toeplitz hash: input of " + std::to_string(size) +
                                " bytes, a 40-byte key covers at most " +
                                std::to_string(toeplitz_max_input_bytes));
    }
}

// Key bit `bit` (0 = most significant bit of key[0]).
bool key_bit(const RssKey& key, std::size_t bit) {
    return ((static_cast<unsigned>(key[bit / 8]) >> (7U - static_cast<unsigned>(bit % 8))) & 1U) != 0;
}

// The 32-bit key window starting at bit `start`; start + 32 <= 320.
std::uint32_t key_window(const RssKey& key, std::size_t start) {
    std::uint32_t window = 0;
    for (std::size_t i = 0; i < 32; ++i) {
        window = (window << 1) | (key_bit(key, start + i) ? 1U : 0U);
    }
    return window;
}

} // namespace

std::uint32_t toeplitz_hash_bitwise(const RssKey& key, std::span<const std::uint8_t> input) {
    check_length(input.size());
    std::uint32_t result = 0;
    for (std::size_t bit = 0; bit < input.size() * 8; ++bit) {
        if (((static_cast<unsigned>(input[bit / 8]) >> (7U - static_cast<unsigned>(bit % 8))) & 1U) != 0) {
            result ^= key_window(key, bit);
        }
    }
    return result;
}

ToeplitzHasher::ToeplitzHasher(const RssKey& key) : key_(key) {
    for (std::size_t pos = 0; pos < toeplitz_max_input_bytes; ++pos) {
        auto& table = table_[pos];
        // Single-bit entries are key windows; every other entry is the XOR of its bits' entries,
        // built from the entry with the lowest set bit removed.
        for (std::size_t bit = 0; bit < 8; ++bit) {
            table[std::size_t{0x80} >> bit] = key_window(key_, pos * 8 + bit);
        }
        for (std::size_t value = 1; value < 256; ++value) {
            const std::size_t lowest = value & (~value + 1);
            table[value] = table[value ^ lowest] ^ table[lowest];
        }
    }
}

std::uint32_t ToeplitzHasher::hash(std::span<const std::uint8_t> input) const {
    check_length(input.size());
    std::uint32_t result = 0;
    for (std::size_t pos = 0; pos < input.size(); ++pos) {
        result ^= table_[pos][input[pos]];
    }
    return result;
}

} // namespace nicsim::model
