// Descriptor encode/decode against the generated layout, and the register header's tables.
#include <catch2/catch.hpp>

#include <array>
#include <set>

#include "descriptors.hpp"
#include "nic_regs.hpp"

using namespace nicsim;

TEST_CASE("rx write-back fields decode from the generated layout", "[unit][descriptors]") {
    driver::DescriptorWords d;
    driver::set_field(d, regs::DESC_RX_WB_RSS_HASH, 0xDEADBEEF);
    driver::set_field(d, regs::DESC_RX_WB_RSS_TYPE, 5);
    driver::set_field(d, regs::DESC_RX_WB_LENGTH, 1514);
    driver::set_field(d, regs::DESC_RX_WB_DD, 1);
    driver::set_field(d, regs::DESC_RX_WB_EOP, 1);

    std::array<std::uint8_t, 16> raw{};
    driver::store_descriptor(raw.data(), d);
    const auto c = driver::decode_rx_writeback(driver::load_descriptor(raw.data()));
    CHECK(c.rss_hash == 0xDEADBEEF);
    CHECK(c.rss_type == 5);
    CHECK(c.length == 1514);
    CHECK(c.done);
    CHECK(c.end_of_packet);
    CHECK(c.errors == 0);
    // Little-endian in memory: the length is bytes 8..9 of the descriptor.
    CHECK(raw[8] == (1514 & 0xFF));
    CHECK(raw[9] == (1514 >> 8));
}

TEST_CASE("tx descriptor carries address and length; dd is hardware's", "[unit][descriptors]") {
    const auto d = driver::encode_tx(0x1'2345'6788ull, 60);
    CHECK(driver::get_field(d, regs::DESC_TX_BUF_ADDR) == 0x1'2345'6788ull);
    CHECK(driver::get_field(d, regs::DESC_TX_LENGTH) == 60);
    CHECK_FALSE(driver::tx_done(d));
}

TEST_CASE("register map tables have unique offsets", "[unit][regmap]") {
    std::set<std::uint32_t> seen;
    for (const auto& r : regs::GLOBAL_REGS) CHECK(seen.insert(r.offset).second);
    for (const auto& c : regs::GLOBAL_COUNTERS) {
        CHECK(seen.insert(c.offset).second);
        CHECK(seen.insert(c.offset + 4).second);
    }
    std::set<std::uint32_t> queue_seen;
    for (const auto& r : regs::QUEUE_REGS) CHECK(queue_seen.insert(r.offset).second);
    for (const auto& c : regs::QUEUE_COUNTERS) CHECK(queue_seen.insert(c.offset).second);
    CHECK(regs::queue_reg(1, regs::QREG_RX_TAIL) == regs::QUEUE_BASE + regs::QUEUE_STRIDE + regs::QREG_RX_TAIL);
}
