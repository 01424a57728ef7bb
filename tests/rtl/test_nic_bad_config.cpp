// Bad ring configuration: the NIC reports it in the queue's status register and issues no
// DMA for that queue until software disables and re-enables it with a valid configuration.
#include "nic_fixture.hpp"

using namespace nicsim;
using nicsim::test::NicFixture;

namespace {

constexpr std::uint32_t enable = 1u << regs::RX_CTRL_ENABLE.lsb;

bool bit(std::uint32_t value, regs::Field f) { return ((value >> f.lsb) & 1u) != 0; }

// Programs queue 0's RX ring by hand: base, length, buffer size, enable.
void program_rx(NicFixture& f, std::uint64_t base, std::uint32_t len, std::uint32_t buf_size = 2048) {
    f.qwr(0, regs::QREG_RX_CTRL, 0);
    f.qwr(0, regs::QREG_RX_BASE_LO, static_cast<std::uint32_t>(base));
    f.qwr(0, regs::QREG_RX_BASE_HI, static_cast<std::uint32_t>(base >> 32));
    f.qwr(0, regs::QREG_RX_LEN, len);
    f.qwr(0, regs::QREG_RX_BUF_SIZE, buf_size);
    f.qwr(0, regs::QREG_RX_CTRL, enable);
}

// A valid ring of 8 descriptors, each pointing at its own 2 KiB buffer.
struct HandRing {
    driver::DmaBuffer ring;
    driver::DmaBuffer buffers;
    explicit HandRing(NicFixture& f) {
        ring = f.dev.dma_alloc(8 * 16, 4096, driver::DmaDirection::bidirectional);
        buffers = f.dev.dma_alloc(8 * 2048, 4096, driver::DmaDirection::from_device);
        for (unsigned i = 0; i < 8; ++i)
            driver::store_descriptor(ring.cpu + 16 * i, driver::encode_rx_read(buffers.iova + 2048ull * i));
    }
};

// Offers a frame to a queue that must not take it: no DMA read or write may happen.
void expect_no_dma(NicFixture& f) {
    const auto reads = f.h.dma().read_bursts();
    const auto writes = f.h.dma().write_bursts();
    f.send(100, 1);
    f.h.run(3000);
    CHECK(f.h.dma().read_bursts() == reads);
    CHECK(f.h.dma().write_bursts() == writes);
    CHECK(f.counter(regs::REG_RX_QUEUE_OFF_DROPS_LO) >= 1);
}

}  // namespace

TEST_CASE("ring lengths that are not a power of two in 8..4096 are refused", "[rtl][bad-input]") {
    for (std::uint32_t len : {0u, 4u, 7u, 12u, 100u, 8192u}) {
        NicFixture f;
        f.rss_off();  // the test frames go to queue 0 (rx_default_queue)
        HandRing r(f);
        f.enable_rx_tx();
        program_rx(f, r.ring.iova, len);
        INFO("rx_len = " << len);
        CHECK(bit(f.qrd(0, regs::QREG_RX_STATUS), regs::RX_STATUS_LEN_INVALID));
        expect_no_dma(f);
    }
    for (std::uint32_t len : {8u, 4096u}) {
        NicFixture f;
        f.rss_off();  // the test frames go to queue 0 (rx_default_queue)
        auto ring = f.dev.dma_alloc(std::size_t(len) * 16, 4096, driver::DmaDirection::bidirectional);
        program_rx(f, ring.iova, len);
        INFO("rx_len = " << len);
        CHECK(f.qrd(0, regs::QREG_RX_STATUS) == 0);
    }
}

TEST_CASE("a ring base that is not 16-byte aligned is refused, TX as well as RX", "[rtl][bad-input]") {
    NicFixture f;
    f.rss_off();  // the test frames go to queue 0 (rx_default_queue)
    HandRing r(f);
    f.enable_rx_tx();
    program_rx(f, r.ring.iova + 8, 8);
    CHECK(bit(f.qrd(0, regs::QREG_RX_STATUS), regs::RX_STATUS_BASE_MISALIGNED));
    expect_no_dma(f);

    f.qwr(1, regs::QREG_TX_BASE_LO, static_cast<std::uint32_t>(r.ring.iova + 4));
    f.qwr(1, regs::QREG_TX_BASE_HI, static_cast<std::uint32_t>(r.ring.iova >> 32));
    f.qwr(1, regs::QREG_TX_LEN, 8);
    f.qwr(1, regs::QREG_TX_CTRL, enable);
    CHECK(bit(f.qrd(1, regs::QREG_TX_STATUS), regs::TX_STATUS_BASE_MISALIGNED));
}

TEST_CASE("a tail beyond the ring sets tail_invalid and stops the queue until reconfigured", "[rtl][bad-input]") {
    NicFixture f;
    f.rss_off();  // the test frames go to queue 0 (rx_default_queue)
    HandRing r(f);
    f.enable_rx_tx();
    program_rx(f, r.ring.iova, 8);
    REQUIRE(f.qrd(0, regs::QREG_RX_STATUS) == 0);
    f.qwr(0, regs::QREG_RX_TAIL, 8);  // one past the last legal index
    CHECK(bit(f.qrd(0, regs::QREG_RX_STATUS), regs::RX_STATUS_TAIL_INVALID));
    CHECK(f.qrd(0, regs::QREG_RX_TAIL) == 0);  // the bad value was not taken
    // Even a legal tail now does not restart it.
    f.qwr(0, regs::QREG_RX_TAIL, 4);
    expect_no_dma(f);

    // Disable and enable again: the status clears and the queue delivers.
    program_rx(f, r.ring.iova, 8);
    CHECK(f.qrd(0, regs::QREG_RX_STATUS) == 0);
    f.qwr(0, regs::QREG_RX_TAIL, 7);
    const auto delivered = f.qcounter(0, regs::QREG_RX_Q_FRAMES_LO);
    f.send(100, 2);
    f.h.run(4000);
    CHECK(f.qcounter(0, regs::QREG_RX_Q_FRAMES_LO) == delivered + 1);
}

TEST_CASE("an RX buffer size that is not a multiple of 8 in 64..16384 is refused", "[rtl][bad-input]") {
    for (std::uint32_t size : {0u, 32u, 100u, 16392u}) {
        NicFixture f;
        f.rss_off();  // the test frames go to queue 0 (rx_default_queue)
        HandRing r(f);
        program_rx(f, r.ring.iova, 8, size);
        INFO("rx_buf_size = " << size);
        CHECK(bit(f.qrd(0, regs::QREG_RX_STATUS), regs::RX_STATUS_BUF_SIZE_INVALID));
    }
}
