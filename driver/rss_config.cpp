#include "rss_config.hpp"

#include <stdexcept>
#include <string>

#include "nic_regs.hpp"

namespace nicsim::driver {

namespace {

// rss_key0..9 in key order; their reset values are Microsoft's key (rtl/regmap.toml).
struct KeyRegister {
    std::uint32_t offset;
    std::uint32_t reset;
};
constexpr std::array<KeyRegister, 10> KEY_REGISTERS = {{
    {regs::REG_RSS_KEY0, regs::REG_RSS_KEY0_RESET}, {regs::REG_RSS_KEY1, regs::REG_RSS_KEY1_RESET},
    {regs::REG_RSS_KEY2, regs::REG_RSS_KEY2_RESET}, {regs::REG_RSS_KEY3, regs::REG_RSS_KEY3_RESET},
    {regs::REG_RSS_KEY4, regs::REG_RSS_KEY4_RESET}, {regs::REG_RSS_KEY5, regs::REG_RSS_KEY5_RESET},
    {regs::REG_RSS_KEY6, regs::REG_RSS_KEY6_RESET}, {regs::REG_RSS_KEY7, regs::REG_RSS_KEY7_RESET},
    {regs::REG_RSS_KEY8, regs::REG_RSS_KEY8_RESET}, {regs::REG_RSS_KEY9, regs::REG_RSS_KEY9_RESET},
}};
static_assert(KEY_REGISTERS.size() * 4 == std::tuple_size_v<decltype(RssConfig::key)>);

// The indirection-table entry fields of one reta word, entry 4w+b in field b.
constexpr std::array<regs::Field, 4> ENTRY_FIELDS = {regs::ENTRIES_ENTRY0, regs::ENTRIES_ENTRY1,
                                                     regs::ENTRIES_ENTRY2, regs::ENTRIES_ENTRY3};
static_assert(regs::RETA_COUNT * ENTRY_FIELDS.size() ==
              std::tuple_size_v<decltype(RssConfig::indirection)>);

constexpr std::uint32_t TYPE_ENABLE_BITS = static_cast<std::uint32_t>(
    regs::RSS_CTRL_IPV4.mask() | regs::RSS_CTRL_IPV4_TCP.mask() | regs::RSS_CTRL_IPV4_UDP.mask() |
    regs::RSS_CTRL_IPV6.mask() | regs::RSS_CTRL_IPV6_TCP.mask() | regs::RSS_CTRL_IPV6_UDP.mask());

constexpr std::uint32_t MAX_ENTRY = (1u << regs::ENTRIES_ENTRY0.width) - 1;

} // namespace

RssConfig RssConfig::spread_over(unsigned queues) {
    if (queues < 1 || queues > regs::MAX_QUEUES) {
        throw std::invalid_argument("RSS over " + std::to_string(queues) + " queues: must be 1.." +
                                    std::to_string(regs::MAX_QUEUES));
    }
    RssConfig config;
    for (std::size_t i = 0; i < KEY_REGISTERS.size(); ++i) {
        for (std::size_t b = 0; b < 4; ++b) {
            config.key[4 * i + b] = static_cast<std::uint8_t>(KEY_REGISTERS[i].reset >> (24 - 8 * b));
        }
    }
    config.type_enables = static_cast<std::uint8_t>(TYPE_ENABLE_BITS);
    for (std::size_t i = 0; i < config.indirection.size(); ++i) {
        config.indirection[i] = static_cast<std::uint8_t>(i % queues);
    }
    return config;
}

void program_rss(Device& device, const RssConfig& config) {
    if ((config.type_enables & ~TYPE_ENABLE_BITS) != 0) {
        throw std::invalid_argument("RSS type_enables " + std::to_string(config.type_enables) +
                                    ": only bits 0..5 exist (at most " +
                                    std::to_string(TYPE_ENABLE_BITS) + ")");
    }
    for (std::size_t i = 0; i < config.indirection.size(); ++i) {
        if (config.indirection[i] > MAX_ENTRY) {
            throw std::out_of_range("RSS indirection entry " + std::to_string(i) + " = " +
                                    std::to_string(config.indirection[i]) + ": queues are 0.." +
                                    std::to_string(MAX_ENTRY));
        }
    }

    device.mmio_write32(regs::REG_RSS_CTRL, config.type_enables);
    for (std::size_t i = 0; i < KEY_REGISTERS.size(); ++i) {
        std::uint32_t word = 0;
        for (std::size_t b = 0; b < 4; ++b) {
            word |= std::uint32_t{config.key[4 * i + b]} << (24 - 8 * b);
        }
        device.mmio_write32(KEY_REGISTERS[i].offset, word);
    }
    for (unsigned w = 0; w < regs::RETA_COUNT; ++w) {
        std::uint32_t word = 0;
        for (std::size_t b = 0; b < ENTRY_FIELDS.size(); ++b) {
            word |= std::uint32_t{config.indirection[4 * w + b]} << ENTRY_FIELDS[b].lsb;
        }
        device.mmio_write32(regs::reta_reg(w, regs::RREG_ENTRIES), word);
    }
}

}  // namespace nicsim::driver
