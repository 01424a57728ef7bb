// RX datapath of the Verilated NIC: rings, wrap-around, multi-buffer frames, and the drops
// the NIC must count instead of delivering.
#include "nic_fixture.hpp"

using namespace nicsim;
using nicsim::test::NicFixture;

namespace {

struct Received {
    std::vector<std::vector<std::uint8_t>> frames;
    std::vector<std::vector<std::uint16_t>> segment_lengths;
};

unsigned poll_all(driver::RxRing& ring, Received& out, unsigned budget = 1000) {
    return ring.poll(budget, [&](const driver::RxFrameView& v) {
        std::vector<std::uint8_t> bytes;
        v.copy_to(bytes);
        out.frames.push_back(std::move(bytes));
        std::vector<std::uint16_t> lengths;
        for (const auto& s : v.segments) lengths.push_back(s.length);
        out.segment_lengths.push_back(lengths);
    });
}

driver::DriverConfig one_queue(unsigned ring, unsigned buffer = 2048) {
    driver::DriverConfig c;
    c.queues = 1;
    c.rx_ring_size = ring;
    c.tx_ring_size = 8;
    c.rx_buffer_size = buffer;
    return c;
}

}  // namespace

TEST_CASE("RX ring wraps around many times and delivers every frame in order", "[rtl][rx]") {
    NicFixture f;
    driver::NicDriver nic(f.dev, one_queue(8));
    nic.probe();
    Received got;
    constexpr unsigned total = 45;  // more than five laps of an 8-entry ring
    for (unsigned i = 0; i < total; ++i) {
        f.send(64 + i, i);
        if (i % 3 == 2) {
            f.h.run(2000);
            poll_all(nic.rx(0), got);
        }
    }
    f.wait_frames_seen(total);
    f.h.run(2000);
    poll_all(nic.rx(0), got);
    REQUIRE(got.frames.size() == total);
    for (unsigned i = 0; i < total; ++i) {
        const auto stamp = tb::parse_test_frame(got.frames[i]);
        REQUIRE(stamp);
        CHECK(stamp->sequence == i);
        CHECK(got.frames[i].size() == 64 + i);
    }
    CHECK(f.qrd(0, regs::QREG_RX_HEAD) == total % 8);
    CHECK(f.qcounter(0, regs::QREG_RX_Q_FRAMES_LO) == total);
    CHECK(f.drops() == 0);
    CHECK(f.h.memory().faults().empty());
    CHECK(f.h.dma().violation_count() == 0);
}

TEST_CASE("RX ring full: frames beyond the posted descriptors are counted rx_no_desc_drops", "[rtl][rx]") {
    NicFixture f;
    driver::NicDriver nic(f.dev, one_queue(8));  // posts 7 descriptors
    nic.probe();
    for (unsigned i = 0; i < 10; ++i) f.send(128, i);
    f.wait_frames_seen(10);
    f.h.run(2000);
    CHECK(f.counter(regs::REG_RX_NO_DESC_DROPS_LO) == 3);
    CHECK(f.drops() == 3);
    Received got;
    poll_all(nic.rx(0), got);
    REQUIRE(got.frames.size() == 7);
    for (unsigned i = 0; i < 7; ++i) CHECK(tb::parse_test_frame(got.frames[i])->sequence == i);

    // Once the driver has handed the buffers back, reception resumes.
    f.send(128, 100);
    f.wait_frames_seen(11);
    f.h.run(2000);
    got = {};
    poll_all(nic.rx(0), got);
    REQUIRE(got.frames.size() == 1);
    CHECK(tb::parse_test_frame(got.frames[0])->sequence == 100);
}

TEST_CASE("a frame larger than one buffer spans several descriptors, EOP on the last", "[rtl][rx]") {
    NicFixture f;
    driver::NicDriver nic(f.dev, one_queue(16, 256));
    nic.probe();
    f.send(1000, 1);
    f.send(9018, 2);  // 36 buffers would be needed: only 15 are posted -> counted drop
    f.send(512, 3);   // exactly two full buffers
    f.wait_frames_seen(3);
    f.h.run(3000);
    Received got;
    poll_all(nic.rx(0), got);
    REQUIRE(got.frames.size() == 2);
    CHECK(got.segment_lengths[0] == std::vector<std::uint16_t>{256, 256, 256, 232});
    CHECK(tb::parse_test_frame(got.frames[0])->sequence == 1);
    CHECK(got.segment_lengths[1] == std::vector<std::uint16_t>{256, 256});
    CHECK(tb::parse_test_frame(got.frames[1])->sequence == 3);
    CHECK(f.counter(regs::REG_RX_NO_DESC_DROPS_LO) == 1);
    CHECK(f.qcounter(0, regs::QREG_RX_Q_BYTES_LO) == 1000 + 512);
}

TEST_CASE("a dropped frame writes nothing to host memory", "[rtl][rx]") {
    NicFixture f;
    driver::NicDriver nic(f.dev, one_queue(8, 1024));  // 7 buffers of 1 KiB
    nic.probe();
    const auto writes_before = f.h.dma().write_bursts();
    f.send(9018, 1);  // needs 9 buffers
    f.wait_frames_seen(1);
    f.h.run(2000);
    CHECK(f.counter(regs::REG_RX_NO_DESC_DROPS_LO) == 1);
    CHECK(f.h.dma().write_bursts() == writes_before);
    CHECK(f.qrd(0, regs::QREG_RX_HEAD) == 0);
}

TEST_CASE("runt, oversize and bad-FCS frames are dropped under their own counters", "[rtl][rx]") {
    NicFixture f;
    driver::NicDriver nic(f.dev, one_queue(64));
    nic.probe();
    f.wr(regs::REG_MAX_FRAME_LEN, 1518);
    f.send_bytes(std::vector<std::uint8_t>(59, 0xAB));  // runt
    f.send_bytes(std::vector<std::uint8_t>(1, 0x01));   // runt
    f.send(1519, 1);                                      // oversize for 1518
    f.send(1518, 2);                                      // largest legal
    f.send(60, 3);                                        // smallest legal
    f.send(200, 4, /*bad_fcs=*/true);
    f.wait_frames_seen(6);
    f.h.run(3000);
    CHECK(f.counter(regs::REG_RX_RUNT_LO) == 2);
    CHECK(f.counter(regs::REG_RX_OVERSIZE_LO) == 1);
    CHECK(f.counter(regs::REG_RX_FCS_ERRORS_LO) == 1);
    CHECK(f.drops() == 4);
    Received got;
    poll_all(nic.rx(0), got);
    REQUIRE(got.frames.size() == 2);
    CHECK(tb::parse_test_frame(got.frames[0])->sequence == 2);
    CHECK(tb::parse_test_frame(got.frames[1])->sequence == 3);
}

TEST_CASE("a zero-length frame is counted as a runt and hangs nothing", "[rtl][rx]") {
    NicFixture f;
    driver::NicDriver nic(f.dev, one_queue(16));
    nic.probe();
    f.send_bytes({});
    f.send(100, 7);
    f.wait_frames_seen(2);
    f.h.run(2000);
    CHECK(f.counter(regs::REG_RX_RUNT_LO) == 1);
    Received got;
    poll_all(nic.rx(0), got);
    REQUIRE(got.frames.size() == 1);
    CHECK(tb::parse_test_frame(got.frames[0])->sequence == 7);
}

TEST_CASE("frames arriving with RX disabled are counted, not delivered", "[rtl][rx]") {
    NicFixture f;
    driver::NicDriver nic(f.dev, one_queue(16));
    nic.probe();
    f.wr(regs::REG_CTRL, 1u << regs::CTRL_TX_EN.lsb);  // rx_en clear
    f.send(100, 1);
    f.wait_frames_seen(1);
    CHECK(f.counter(regs::REG_RX_DISABLED_DROPS_LO) == 1);
    Received got;
    f.h.run(1000);
    CHECK(poll_all(nic.rx(0), got) == 0);
}
