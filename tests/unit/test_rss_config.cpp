// driver/rss_config: the register words program_rss writes, and that probe() programs RSS.
#include <catch2/catch.hpp>

#include <algorithm>
#include <stdexcept>

#include "nic_driver.hpp"
#include "nic_regs.hpp"
#include "recording_device.hpp"
#include "rss_config.hpp"
#include "toeplitz.hpp"

using nicsim::driver::program_rss;
using nicsim::driver::RssConfig;
using nicsim::test::RecordingDevice;
namespace regs = nicsim::regs;

namespace {

constexpr std::array<std::uint32_t, 10> KEY_REGS = {
    regs::REG_RSS_KEY0, regs::REG_RSS_KEY1, regs::REG_RSS_KEY2, regs::REG_RSS_KEY3,
    regs::REG_RSS_KEY4, regs::REG_RSS_KEY5, regs::REG_RSS_KEY6, regs::REG_RSS_KEY7,
    regs::REG_RSS_KEY8, regs::REG_RSS_KEY9};

// Indirection entry i as the device would decode it from the written reta words.
unsigned written_entry(const RecordingDevice& dev, unsigned i) {
    constexpr std::array<regs::Field, 4> ENTRY = {regs::ENTRIES_ENTRY0, regs::ENTRIES_ENTRY1,
                                                  regs::ENTRIES_ENTRY2, regs::ENTRIES_ENTRY3};
    const auto word = dev.last_write(regs::reta_reg(i / 4, regs::RREG_ENTRIES));
    REQUIRE(word.has_value());
    return static_cast<unsigned>(ENTRY[i % 4].get(*word));
}

} // namespace

TEST_CASE("spread_over gives Linux's defaults", "[unit][rss_config]") {
    const RssConfig c = RssConfig::spread_over(3);
    CHECK(std::equal(c.key.begin(), c.key.end(), nicsim::model::microsoft_rss_key.begin()));
    CHECK(c.type_enables == 0x3F);
    for (std::size_t i = 0; i < c.indirection.size(); ++i) {
        INFO("entry " << i);
        CHECK(c.indirection[i] == i % 3);
    }
    CHECK_THROWS_WITH(RssConfig::spread_over(0), "RSS over 0 queues: must be 1..16");
    CHECK_THROWS_AS(RssConfig::spread_over(17), std::invalid_argument);
    CHECK_NOTHROW(RssConfig::spread_over(16));
}

TEST_CASE("program_rss writes rss_ctrl, the key big-endian per word, and 32 reta words",
          "[unit][rss_config]") {
    RssConfig c;
    for (std::size_t i = 0; i < c.key.size(); ++i) {
        c.key[i] = static_cast<std::uint8_t>(i + 1);
    }
    c.type_enables = 0x15;
    for (std::size_t i = 0; i < c.indirection.size(); ++i) {
        c.indirection[i] = static_cast<std::uint8_t>((i * 7) % 16);
    }
    RecordingDevice dev;
    program_rss(dev, c);

    const auto writes = dev.writes();
    REQUIRE(writes.size() == 1 + 10 + regs::RETA_COUNT);
    CHECK(writes[0] == RecordingDevice::Access{true, regs::REG_RSS_CTRL, 0x15});
    // Key byte 4i in bits 31:24 of rss_key<i>.
    CHECK(writes[1] == RecordingDevice::Access{true, regs::REG_RSS_KEY0, 0x01020304});
    CHECK(writes[10] == RecordingDevice::Access{true, regs::REG_RSS_KEY9, 0x25262728});
    for (std::size_t i = 0; i < KEY_REGS.size(); ++i) {
        CHECK(writes[1 + i].offset == KEY_REGS[i]);
    }
    // Entries 4w..4w+3 in bytes 0..3 of reta word w.
    CHECK(writes[11] == RecordingDevice::Access{true, regs::reta_reg(0, regs::RREG_ENTRIES),
                                                0x050E0700});
    for (unsigned i = 0; i < 128; ++i) {
        INFO("entry " << i);
        CHECK(written_entry(dev, i) == (i * 7) % 16);
    }
}

TEST_CASE("program_rss with the defaults writes the registers' reset key",
          "[unit][rss_config]") {
    RecordingDevice dev;
    program_rss(dev, RssConfig::spread_over(4));
    CHECK(dev.last_write(regs::REG_RSS_KEY0) == regs::REG_RSS_KEY0_RESET);
    CHECK(dev.last_write(regs::REG_RSS_KEY9) == regs::REG_RSS_KEY9_RESET);
    CHECK(dev.last_write(regs::REG_RSS_CTRL) == regs::REG_RSS_CTRL_RESET);
    CHECK(dev.last_write(regs::reta_reg(0, regs::RREG_ENTRIES)) == 0x03020100);
}

TEST_CASE("program_rss refuses entries and types the registers cannot hold, writing nothing",
          "[unit][rss_config]") {
    RecordingDevice dev;
    RssConfig c = RssConfig::spread_over(2);
    c.indirection[77] = 16;
    CHECK_THROWS_WITH(program_rss(dev, c), "RSS indirection entry 77 = 16: queues are 0..15");
    c = RssConfig::spread_over(2);
    c.type_enables = 0x40;
    CHECK_THROWS_WITH(program_rss(dev, c),
                      "RSS type_enables 64: only bits 0..5 exist (at most 63)");
    CHECK(dev.accesses().empty());
}

TEST_CASE("probe spreads RSS over the queues it brings up, before enabling receive",
          "[unit][rss_config]") {
    RecordingDevice dev;
    dev.set_register(regs::REG_ID, regs::REG_ID_RESET);
    dev.set_register(regs::REG_CAPS, static_cast<std::uint32_t>(4u << regs::CAPS_NUM_QUEUES.lsb));
    nicsim::driver::DriverConfig config;
    config.queues = 3;
    config.rx_ring_size = 8;
    config.tx_ring_size = 8;
    nicsim::driver::NicDriver nic(dev, config);
    nic.probe();

    for (unsigned i = 0; i < 128; ++i) {
        INFO("entry " << i);
        CHECK(written_entry(dev, i) == i % 3);
    }
    CHECK(dev.last_write(regs::REG_RSS_CTRL) == 0x3F);
    const auto writes = dev.writes();
    const auto position = [&writes](std::uint32_t offset) {
        return std::find_if(writes.begin(), writes.end(),
                            [offset](const auto& a) { return a.offset == offset; }) -
               writes.begin();
    };
    CHECK(position(regs::reta_reg(regs::RETA_COUNT - 1, regs::RREG_ENTRIES)) <
          position(regs::REG_CTRL));
}
