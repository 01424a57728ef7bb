// TX datapath of the Verilated NIC: round-robin between queues, completions, and the
// descriptor errors that stop a queue.
#include "nic_fixture.hpp"

using namespace nicsim;
using nicsim::test::NicFixture;

namespace {

driver::DriverConfig queues(unsigned n) {
    driver::DriverConfig c;
    c.queues = n;
    c.rx_ring_size = 8;
    c.tx_ring_size = 16;
    return c;
}

// Queue q's frames carry sequence q * 100 + i, so the wire order shows which queue was served.
std::vector<std::uint64_t> wire_sequences(NicFixture& f) {
    std::vector<std::uint64_t> seqs;
    while (f.h.tx_sink().frame_count() > 0) {
        const auto frame = f.h.tx_sink().pop_frame();
        const auto stamp = tb::parse_test_frame(frame.data);
        REQUIRE(stamp);
        seqs.push_back(stamp->sequence);
    }
    return seqs;
}

}  // namespace

TEST_CASE("TX serves queues round-robin, one frame per turn", "[rtl][tx]") {
    NicFixture f;
    driver::NicDriver nic(f.dev, queues(4));
    nic.probe();
    // Queue everything with transmit disabled, then enable: all four queues compete.
    f.wr(regs::REG_CTRL, 1u << regs::CTRL_RX_EN.lsb);
    const unsigned per_queue[4] = {3, 1, 3, 2};
    for (unsigned q = 0; q < 4; ++q)
        for (unsigned i = 0; i < per_queue[q]; ++i) {
            REQUIRE(nic.tx(q).enqueue(NicFixture::make_frame(60 + 8 * i, q * 100 + i)));
            nic.tx(q).kick();
        }
    // The descriptors are read ahead while transmit is off; round-robin is among the queues
    // whose next descriptor is on chip, so let every queue's arrive first.
    f.h.run(500);
    f.enable_rx_tx();
    f.h.run_until([&] { return f.h.tx_sink().frames_received() == 9; }, 200'000, "9 frames on the wire");
    const std::vector<std::uint64_t> expected = {0, 100, 200, 300, 1, 201, 301, 2, 202};
    CHECK(wire_sequences(f) == expected);

    f.h.run(2000);
    for (unsigned q = 0; q < 4; ++q) {
        CHECK(nic.tx(q).reclaim() == per_queue[q]);
        CHECK(f.qrd(q, regs::QREG_TX_HEAD) == per_queue[q]);
        CHECK(f.qcounter(q, regs::QREG_TX_Q_FRAMES_LO) == per_queue[q]);
    }
    CHECK(f.qcounter(0, regs::QREG_TX_Q_BYTES_LO) == 60 + 68 + 76);
}

TEST_CASE("TX frames leave intact at every size, with completions written back", "[rtl][tx]") {
    NicFixture f;
    driver::NicDriver nic(f.dev, queues(1));
    nic.probe();
    const std::vector<unsigned> sizes = {60, 61, 63, 64, 65, 127, 1514, 4097, 9018};
    for (unsigned i = 0; i < sizes.size(); ++i) REQUIRE(nic.transmit(0, NicFixture::make_frame(sizes[i], i)));
    f.h.run_until([&] { return f.h.tx_sink().frames_received() == sizes.size(); }, 500'000, "frames on the wire");
    for (unsigned i = 0; i < sizes.size(); ++i) {
        const auto frame = f.h.tx_sink().pop_frame();
        CHECK(frame.data.size() == sizes[i]);
        CHECK(frame.data == NicFixture::make_frame(sizes[i], i));
        CHECK_FALSE(frame.keep_error);
    }
    f.h.run(1000);
    CHECK(nic.tx(0).reclaim() == sizes.size());
    CHECK(f.h.memory().faults().empty());
    CHECK(f.h.dma().violation_count() == 0);
}

TEST_CASE("a zero-length TX descriptor sets an error bit and stops only that queue", "[rtl][tx][bad-input]") {
    NicFixture f;
    driver::NicDriver nic(f.dev, queues(2));
    nic.probe();
    // Hand-write a zero-length descriptor into queue 0's ring, as a buggy driver would.
    REQUIRE(nic.tx(0).enqueue(NicFixture::make_frame(60, 1)));
    const std::uint64_t base = (std::uint64_t(f.qrd(0, regs::QREG_TX_BASE_HI)) << 32) | f.qrd(0, regs::QREG_TX_BASE_LO);
    std::uint8_t* desc = f.h.memory().cpu_ptr(base, 16);
    auto words = driver::load_descriptor(desc);
    driver::set_field(words, regs::DESC_TX_LENGTH, 0);
    driver::store_descriptor(desc, words);
    nic.tx(0).kick();
    REQUIRE(nic.transmit(1, NicFixture::make_frame(80, 7)));
    f.h.run_until([&] { return f.h.tx_sink().frames_received() == 1; }, 100'000, "queue 1's frame");
    f.h.run(2000);
    CHECK((f.qrd(0, regs::QREG_TX_STATUS) >> regs::TX_STATUS_ZERO_LENGTH.lsb & 1) == 1);
    CHECK(f.qrd(0, regs::QREG_TX_HEAD) == 0);
    CHECK(f.qrd(1, regs::QREG_TX_STATUS) == 0);
    CHECK(f.h.tx_sink().frames_received() == 1);
    CHECK(tb::parse_test_frame(f.h.tx_sink().pop_frame().data)->sequence == 7);

    // The stopped queue issues nothing more until it is reconfigured.
    REQUIRE(nic.tx(0).enqueue(NicFixture::make_frame(60, 2)));
    nic.tx(0).kick();
    f.h.run(5000);
    CHECK(f.h.tx_sink().frames_received() == 1);
}
