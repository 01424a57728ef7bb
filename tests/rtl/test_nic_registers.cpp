// The register slave: identification, reset values from the register map, read-back, the
// 64-bit counter snapshot, and queues beyond NumQueues.
#include "nic_fixture.hpp"
#include "platform/platform_config.hpp"

using namespace nicsim;
using nicsim::test::NicFixture;

TEST_CASE("identification and capabilities read as built", "[rtl][registers]") {
    NicFixture f;
    CHECK(f.rd(regs::REG_ID) == regs::REG_ID_RESET);
    CHECK(f.rd(regs::REG_VERSION) == regs::REG_VERSION_RESET);
    const auto caps = f.rd(regs::REG_CAPS);
    CHECK(regs::CAPS_NUM_QUEUES.get(caps) == 4);  // nic_top's default NumQueues
    // What run's keys are checked against (platform::nic_queues) is what the model reports.
    CHECK(regs::CAPS_NUM_QUEUES.get(caps) == platform::nic_queues);
    CHECK(regs::CAPS_MAX_BURST_LEN.get(caps) == 16);
}

TEST_CASE("every register resets to the value the register map gives", "[rtl][registers]") {
    NicFixture f;
    for (const auto& r : regs::GLOBAL_REGS) {
        if (r.name == "caps") continue;  // built from parameters, checked above
        INFO(r.name);
        CHECK(f.rd(r.offset) == r.reset);
    }
    for (unsigned q = 0; q < 4; ++q)
        for (const auto& r : regs::QUEUE_REGS) {
            INFO("queue " << q << " " << r.name);
            CHECK(f.qrd(q, r.offset) == r.reset);
        }
}

TEST_CASE("read-write registers read back what was written", "[rtl][registers]") {
    NicFixture f;
    for (std::uint32_t pattern : {0xFFFFFFFFu, 0xA5A5A5A5u, 0x5A5A5A5Au, 0x00000001u, 0u}) {
        f.wr(regs::REG_SCRATCH, pattern);
        CHECK(f.rd(regs::REG_SCRATCH) == pattern);
    }
    f.wr(regs::REG_MAX_FRAME_LEN, 1518);
    CHECK(f.rd(regs::REG_MAX_FRAME_LEN) == 1518);
    for (unsigned q = 0; q < 4; ++q) {
        f.qwr(q, regs::QREG_RX_BASE_LO, 0x1000u * (q + 1));
        f.qwr(q, regs::QREG_RX_BASE_HI, q + 7);
        f.qwr(q, regs::QREG_TX_BASE_LO, 0x2000u * (q + 1));
        f.qwr(q, regs::QREG_RX_LEN, 64);
        f.qwr(q, regs::QREG_RX_BUF_SIZE, 1024);
    }
    for (unsigned q = 0; q < 4; ++q) {
        CHECK(f.qrd(q, regs::QREG_RX_BASE_LO) == 0x1000u * (q + 1));
        CHECK(f.qrd(q, regs::QREG_RX_BASE_HI) == q + 7);
        CHECK(f.qrd(q, regs::QREG_TX_BASE_LO) == 0x2000u * (q + 1));
        CHECK(f.qrd(q, regs::QREG_RX_LEN) == 64);
        CHECK(f.qrd(q, regs::QREG_RX_BUF_SIZE) == 1024);
    }
}

TEST_CASE("registers of queues beyond NumQueues read 0 and ignore writes", "[rtl][registers]") {
    NicFixture f;
    f.qwr(4, regs::QREG_RX_BASE_LO, 0x12345670);
    CHECK(f.qrd(4, regs::QREG_RX_BASE_LO) == 0);
    f.qwr(15, regs::QREG_TX_LEN, 64);
    CHECK(f.qrd(15, regs::QREG_TX_LEN) == 0);
}

TEST_CASE("64-bit counters count frames and bytes per queue", "[rtl][registers]") {
    NicFixture f;
    driver::DriverConfig c;
    c.queues = 2;
    c.rx_ring_size = 16;
    c.tx_ring_size = 8;
    driver::NicDriver nic(f.dev, c);
    nic.probe();
    f.rss_off();  // the test frames go to rx_default_queue
    f.wr(regs::REG_RX_DEFAULT_QUEUE, 1);
    for (unsigned i = 0; i < 5; ++i) f.send(100 + i, i);
    f.wait_frames_seen(5);
    f.h.run(3000);
    CHECK(f.qcounter(1, regs::QREG_RX_Q_FRAMES_LO) == 5);
    CHECK(f.qcounter(1, regs::QREG_RX_Q_BYTES_LO) == 100 + 101 + 102 + 103 + 104);
    CHECK(f.qcounter(0, regs::QREG_RX_Q_FRAMES_LO) == 0);
    CHECK(f.counter(regs::REG_RX_FRAMES_LO) == 5);
    CHECK(f.rd(regs::REG_RX_FRAMES_HI) == 0);
}
