// DMA bounds: the host memory model refuses any access outside what the driver mapped; the
// NIC must survive the error response, count it and stop the queue.
#include "nic_fixture.hpp"

using namespace nicsim;
using nicsim::test::NicFixture;

TEST_CASE("an RX buffer the driver never mapped faults with its address and is never written", "[rtl][dma]") {
    NicFixture f;
    f.rss_off();  // the test frames go to queue 0 (rx_default_queue)
    auto ring = f.dev.dma_alloc(8 * 16, 4096, driver::DmaDirection::bidirectional);
    auto good = f.dev.dma_alloc(2048, 4096, driver::DmaDirection::from_device);
    const std::uint64_t unmapped = 0x7'0000'0000ull;  // far from anything allocated
    driver::store_descriptor(ring.cpu + 0, driver::encode_rx_read(unmapped));
    driver::store_descriptor(ring.cpu + 16, driver::encode_rx_read(good.iova));

    f.qwr(0, regs::QREG_RX_BASE_LO, static_cast<std::uint32_t>(ring.iova));
    f.qwr(0, regs::QREG_RX_BASE_HI, static_cast<std::uint32_t>(ring.iova >> 32));
    f.qwr(0, regs::QREG_RX_LEN, 8);
    f.qwr(0, regs::QREG_RX_BUF_SIZE, 2048);
    f.qwr(0, regs::QREG_RX_CTRL, 1);
    f.qwr(0, regs::QREG_RX_TAIL, 2);
    f.enable_rx_tx();

    f.send(200, 1);
    f.send(200, 2);
    f.wait_frames_seen(2);
    f.h.run(3000);

    REQUIRE_FALSE(f.h.memory().faults().empty());
    const auto& fault = f.h.memory().faults().front();
    CHECK(fault.addr == unmapped);
    CHECK(fault.is_write);
    CHECK(f.counter(regs::REG_DMA_ERRORS_LO) >= 1);
    CHECK(f.counter(regs::REG_RX_DMA_ERROR_DROPS_LO) == 1);
    CHECK(((f.qrd(0, regs::QREG_RX_STATUS) >> regs::RX_STATUS_DMA_FAULT.lsb) & 1) == 1);
    CHECK(((f.rd(regs::REG_STATUS) >> regs::STATUS_DMA_ERROR.lsb) & 1) == 1);
    // The queue stopped: the second frame, whose data write may have been under way before the
    // first one's error response arrived (the engine does not wait for responses), is dropped
    // and never handed to the driver: its descriptor is not written back, the head stays.
    CHECK(f.counter(regs::REG_RX_QUEUE_OFF_DROPS_LO) == 1);
    CHECK(f.qcounter(0, regs::QREG_RX_Q_FRAMES_LO) == 0);
    CHECK_FALSE(driver::decode_rx_writeback(driver::load_descriptor(ring.cpu + 16)).done);
    CHECK(f.qrd(0, regs::QREG_RX_HEAD) == 0);
    // Every frame is accounted for exactly once.
    CHECK(f.drops() == 2);
    // Once stopped, the queue issues no DMA at all.
    const auto reads = f.h.dma().read_bursts();
    const auto writes = f.h.dma().write_bursts();
    f.send(200, 3);
    f.wait_frames_seen(3);
    f.h.run(3000);
    CHECK(f.h.dma().read_bursts() == reads);
    CHECK(f.h.dma().write_bursts() == writes);
    CHECK(f.counter(regs::REG_RX_QUEUE_OFF_DROPS_LO) == 2);

    // STATUS is write-1-to-clear.
    f.wr(regs::REG_STATUS, 1u << regs::STATUS_DMA_ERROR.lsb);
    CHECK(f.rd(regs::REG_STATUS) == 0);
}

TEST_CASE("a TX buffer outside the mapping faults and the queue stops", "[rtl][dma]") {
    NicFixture f;
    driver::DriverConfig c;
    c.queues = 1;
    c.rx_ring_size = 8;
    c.tx_ring_size = 8;
    driver::NicDriver nic(f.dev, c);
    nic.probe();
    REQUIRE(nic.tx(0).enqueue(NicFixture::make_frame(100, 1)));
    const std::uint64_t base = (std::uint64_t(f.qrd(0, regs::QREG_TX_BASE_HI)) << 32) | f.qrd(0, regs::QREG_TX_BASE_LO);
    std::uint8_t* desc = f.h.memory().cpu_ptr(base, 16);
    auto words = driver::load_descriptor(desc);
    driver::set_field(words, regs::DESC_TX_BUF_ADDR, 0x7'0000'0000ull);
    driver::store_descriptor(desc, words);
    nic.tx(0).kick();
    f.h.run(5000);
    REQUIRE_FALSE(f.h.memory().faults().empty());
    CHECK(f.h.memory().faults().front().addr == 0x7'0000'0000ull);
    CHECK_FALSE(f.h.memory().faults().front().is_write);
    CHECK(((f.qrd(0, regs::QREG_TX_STATUS) >> regs::TX_STATUS_DMA_FAULT.lsb) & 1) == 1);
    CHECK(f.h.tx_sink().frames_received() == 0);
}
