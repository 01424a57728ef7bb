#include "rss_config.hpp"

#include <stdexcept>
#include <string>

#include "nic_regs.hpp"

namespace nicsim::driver {

namespace {
constexpr std::array<std::uint32_t, 10> key_reset_words = {
    regs::REG_RSS_KEY0_RESET, regs::REG_RSS_KEY1_RESET, regs::REG_RSS_KEY2_RESET, regs::REG_RSS_KEY3_RESET,
    regs::REG_RSS_KEY4_RESET, regs::REG_RSS_KEY5_RESET, regs::REG_RSS_KEY6_RESET, regs::REG_RSS_KEY7_RESET,
    regs::REG_RSS_KEY8_RESET, regs::REG_RSS_KEY9_RESET,
};
}  // namespace

RssKeyBytes default_rss_key() {
    RssKeyBytes key{};
    for (std::size_t w = 0; w < key_reset_words.size(); ++w)
        for (std::size_t b = 0; b < 4; ++b)
            key[4 * w + b] = static_cast<std::uint8_t>(key_reset_words[w] >> (24 - 8 * b));
    return key;
}

RssConfig RssConfig::spread_over(unsigned queues) {
    if (queues < 1 || queues > regs::MAX_QUEUES)
        throw std::invalid_argument("RSS queues = " + std::to_string(queues) + ": must be in 1.." +
                                    std::to_string(regs::MAX_QUEUES));
    RssConfig config;
    for (std::size_t i = 0; i < config.indirection.size(); ++i)
        config.indirection[i] = static_cast<std::uint8_t>(i % queues);
    return config;
}

void program_rss(Device& device, const RssConfig& config) {
    device.mmio_write32(regs::REG_RSS_CTRL, config.type_enables & 0x3Fu);
    // Key byte 4i is the most significant byte of rss_key<i>.
    for (std::size_t w = 0; w < rss_key_bytes / 4; ++w) {
        std::uint32_t word = 0;
        for (std::size_t b = 0; b < 4; ++b) word = (word << 8) | config.key[4 * w + b];
        device.mmio_write32(regs::REG_RSS_KEY0 + static_cast<std::uint32_t>(4 * w), word);
    }
    // Four entries per word: entry 4w+k in field entry<k>.
    constexpr std::array<regs::Field, 4> entry_fields = {regs::ENTRIES_ENTRY0, regs::ENTRIES_ENTRY1,
                                                         regs::ENTRIES_ENTRY2, regs::ENTRIES_ENTRY3};
    for (unsigned w = 0; w < regs::RETA_COUNT; ++w) {
        std::uint32_t word = 0;
        for (unsigned k = 0; k < 4; ++k) {
            const regs::Field f = entry_fields[k];
            word |= (std::uint32_t{config.indirection[4 * w + k]} << f.lsb) & static_cast<std::uint32_t>(f.mask());
        }
        device.mmio_write32(regs::reta_reg(w, regs::RREG_ENTRIES), word);
    }
}

}  // namespace nicsim::driver
