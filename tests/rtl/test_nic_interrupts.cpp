// Interrupts of the Verilated NIC, through registers and real frames: routing by rx_ivar/tx_ivar
// to irq_o, auto-mask and re-arm, the rx-usecs interval and rx-frames threshold, saturating
// moderation writes, invalid routing entries, irq_count, and the ordering guarantee that a
// frame's descriptors are written back in host memory before its interrupt arrives.
#include "nic_fixture.hpp"

#include "bus/irq_monitor.hpp"

#include <algorithm>

using namespace nicsim;
using nicsim::test::NicFixture;

namespace {

// NIC cycles per microsecond at reset (us_prescaler) and in the harness (250 MHz clock).
constexpr std::uint64_t cycles_per_us = regs::REG_US_PRESCALER_RESET;
constexpr unsigned num_vectors = 4;  // nic_top's default NumVectors = NumQueues

driver::DriverConfig queues(unsigned n, unsigned rx_ring = 64, unsigned rx_buffer = 2048) {
    driver::DriverConfig c;
    c.queues = n;
    c.rx_ring_size = rx_ring;
    c.tx_ring_size = 16;
    c.rx_buffer_size = rx_buffer;
    return c;
}

// A NIC with a monitor on irq_o.
struct IrqFixture {
    NicFixture f;
    tb::IrqMonitor<tb::NicTop> irqs{f.h.top()};

    explicit IrqFixture(tb::HarnessOptions options = test::fast_host()) : f(options) { f.h.sim().add_model(irqs); }

    std::vector<tb::IrqPulse>& pulses() { return irqs.pending(); }

    // Runs cycle by cycle until a pulse has been seen (it stays in pulses()).
    tb::IrqPulse wait_pulse(std::uint64_t max_cycles = 100'000) {
        const std::size_t seen = pulses().size();
        f.h.run_until([&] { return pulses().size() > seen; }, max_cycles, "an interrupt pulse");
        return pulses()[seen];
    }

    void rearm(unsigned vector) { f.wr(regs::REG_INTR_MASK_CLEAR, 1u << vector); }
    void vwr(unsigned vector, std::uint32_t vreg, std::uint32_t value) { f.wr(regs::vector_reg(vector, vreg), value); }
    std::uint32_t vrd(unsigned vector, std::uint32_t vreg) { return f.rd(regs::vector_reg(vector, vreg)); }
    std::uint64_t irq_count(unsigned vector) { return f.counter(regs::vector_reg(vector, regs::VREG_IRQ_COUNT_LO)); }
    bool masked(unsigned vector) { return ((f.rd(regs::REG_INTR_MASK) >> vector) & 1u) != 0; }
};

unsigned count_on(const std::vector<tb::IrqPulse>& pulses, unsigned vector) {
    return static_cast<unsigned>(
        std::count_if(pulses.begin(), pulses.end(), [&](const tb::IrqPulse& p) { return p.vector == vector; }));
}

unsigned drain(driver::RxRing& ring) {
    return ring.poll(1000, [](const driver::RxFrameView&) {});
}

}  // namespace

TEST_CASE("interrupt registers: capabilities, reset state of the vector blocks", "[rtl][interrupts]") {
    NicFixture f;
    CHECK(regs::CAPS_NUM_VECTORS.get(f.rd(regs::REG_CAPS)) == num_vectors);
    for (unsigned v = 0; v < regs::VECTOR_COUNT; ++v)
        for (const auto& r : regs::VECTOR_REGS) {
            INFO("vector " << v << " " << r.name);
            CHECK(f.rd(regs::vector_reg(v, r.offset)) == r.reset);
        }
    CHECK(f.counter(regs::vector_reg(0, regs::VREG_IRQ_COUNT_LO)) == 0);
}

TEST_CASE("moderation writes saturate to the field instead of truncating", "[rtl][interrupts]") {
    NicFixture f;
    for (std::uint32_t vreg : {regs::VREG_RX_USECS, regs::VREG_RX_FRAMES, regs::VREG_TX_USECS, regs::VREG_TX_FRAMES}) {
        INFO("register offset " << vreg);
        f.wr(regs::vector_reg(1, vreg), 0x12345);
        CHECK(f.rd(regs::vector_reg(1, vreg)) == 0xFFFF);
        f.wr(regs::vector_reg(1, vreg), 0xFFFFFFFF);
        CHECK(f.rd(regs::vector_reg(1, vreg)) == 0xFFFF);
        f.wr(regs::vector_reg(1, vreg), 0x10000);
        CHECK(f.rd(regs::vector_reg(1, vreg)) == 0xFFFF);
        f.wr(regs::vector_reg(1, vreg), 0xFFFF);
        CHECK(f.rd(regs::vector_reg(1, vreg)) == 0xFFFF);
        f.wr(regs::vector_reg(1, vreg), 0x1234);
        CHECK(f.rd(regs::vector_reg(1, vreg)) == 0x1234);
    }
    f.wr(regs::REG_US_PRESCALER, 100);
    CHECK(f.rd(regs::REG_US_PRESCALER) == 100);
    // Vector blocks beyond NumVectors read 0 and ignore writes; write-only registers read 0.
    f.wr(regs::vector_reg(num_vectors, regs::VREG_RX_USECS), 50);
    CHECK(f.rd(regs::vector_reg(num_vectors, regs::VREG_RX_USECS)) == 0);
    f.wr(regs::vector_reg(15, regs::VREG_TX_FRAMES), 7);
    CHECK(f.rd(regs::vector_reg(15, regs::VREG_TX_FRAMES)) == 0);
    f.wr(regs::REG_INTR_MASK_SET, 0x2);
    CHECK(f.rd(regs::REG_INTR_MASK_SET) == 0);
    CHECK(f.rd(regs::REG_INTR_MASK) == 0x2);
    f.wr(regs::REG_INTR_MASK_CLEAR, 0xFFFF);
    CHECK(f.rd(regs::REG_INTR_MASK_CLEAR) == 0);
    CHECK(f.rd(regs::REG_INTR_MASK) == 0);
}

TEST_CASE("rx_ivar and tx_ivar route each queue's completions to its irq_o bit", "[rtl][interrupts]") {
    IrqFixture x;
    NicFixture& f = x.f;
    driver::NicDriver nic(f.dev, queues(4));
    nic.probe();
    f.rss_off();  // the test frames go to rx_default_queue
    f.qwr(2, regs::QREG_RX_IVAR, 3);
    f.qwr(1, regs::QREG_TX_IVAR, 2);
    CHECK(f.qrd(2, regs::QREG_RX_IVAR) == 3);
    CHECK(f.qrd(1, regs::QREG_TX_IVAR) == 2);

    // RX on queue 2 -> vector 3.
    f.wr(regs::REG_RX_DEFAULT_QUEUE, 2);
    f.send(100, 1);
    const auto rx = x.wait_pulse();
    CHECK(rx.vector == 3);
    f.h.run(500);
    CHECK(x.pulses().size() == 1);
    CHECK(f.rd(regs::REG_INTR_CAUSE) == (1u << (regs::INTR_CAUSE_RX.lsb + 2)));
    CHECK(drain(nic.rx(2)) == 1);

    // TX on queue 1 -> vector 2.
    REQUIRE(nic.transmit(1, NicFixture::make_frame(80, 5)));
    const auto tx = x.wait_pulse();
    CHECK(tx.vector == 2);
    f.h.run(500);
    CHECK(x.pulses().size() == 2);
    CHECK(f.rd(regs::REG_INTR_CAUSE) == ((1u << (regs::INTR_CAUSE_RX.lsb + 2)) | (1u << (regs::INTR_CAUSE_TX.lsb + 1))));

    // intr_cause is write-1-to-clear, bit by bit.
    f.wr(regs::REG_INTR_CAUSE, 1u << (regs::INTR_CAUSE_RX.lsb + 2));
    CHECK(f.rd(regs::REG_INTR_CAUSE) == (1u << (regs::INTR_CAUSE_TX.lsb + 1)));
    f.wr(regs::REG_INTR_CAUSE, 0xFFFFFFFF);
    CHECK(f.rd(regs::REG_INTR_CAUSE) == 0);

    // Both vectors masked themselves when they fired; only bits 2 and 3 are set.
    CHECK(f.rd(regs::REG_INTR_MASK) == 0xC);
    CHECK(f.rd(regs::REG_INTR_ERROR) == 0);

    // A queue on the default route (vector 0) while vector 3 is masked: only vector 0 fires.
    f.wr(regs::REG_RX_DEFAULT_QUEUE, 0);
    f.send(100, 2);
    CHECK(x.wait_pulse().vector == 0);
}

TEST_CASE("a vector masks itself when it fires; events while masked fire on re-arm", "[rtl][interrupts]") {
    IrqFixture x;
    NicFixture& f = x.f;
    driver::NicDriver nic(f.dev, queues(1));
    nic.probe();

    f.send(100, 1);
    const auto first = x.wait_pulse();
    CHECK(first.vector == 0);
    CHECK(x.masked(0));
    CHECK(x.vrd(0, regs::VREG_RX_PENDING) == 0);

    // Three more frames while masked: counted as pending, no interrupt.
    for (unsigned i = 0; i < 3; ++i) f.send(100, 10 + i);
    f.wait_frames_seen(4);
    f.h.run(2000);
    CHECK(x.pulses().size() == 1);
    CHECK(x.vrd(0, regs::VREG_RX_PENDING) == 3);
    CHECK(x.vrd(0, regs::VREG_TX_PENDING) == 0);

    // Re-arm: the pending events fire at once (rx_usecs = 0), and the vector masks again.
    const auto rearm_at = f.h.cycle();
    x.rearm(0);
    const auto second = x.wait_pulse(100);
    CHECK(second.vector == 0);
    CHECK(second.cycle - rearm_at < 20);
    CHECK(x.masked(0));
    CHECK(x.vrd(0, regs::VREG_RX_PENDING) == 0);
    CHECK(drain(nic.rx(0)) == 4);

    // intr_mask_set masks an armed vector: events wait for the re-arm.
    x.rearm(0);
    CHECK_FALSE(x.masked(0));
    f.wr(regs::REG_INTR_MASK_SET, 1);
    CHECK(x.masked(0));
    f.send(100, 20);
    f.wait_frames_seen(5);
    f.h.run(2000);
    CHECK(x.pulses().size() == 2);
    CHECK(x.vrd(0, regs::VREG_RX_PENDING) == 1);
    x.rearm(0);
    CHECK(x.wait_pulse(100).vector == 0);
}

TEST_CASE("events while masked fire after re-arm no sooner than rx_usecs after the last interrupt",
          "[rtl][interrupts]") {
    IrqFixture x;
    NicFixture& f = x.f;
    driver::NicDriver nic(f.dev, queues(1));
    nic.probe();
    // A different time base: 125 cycles per microsecond, 20 us = 2500 cycles.
    constexpr std::uint64_t prescaler = 125;
    constexpr std::uint64_t usecs = 20;
    f.wr(regs::REG_US_PRESCALER, prescaler);
    x.vwr(0, regs::VREG_RX_USECS, usecs);

    f.send(100, 1);
    const auto first = x.wait_pulse();  // the first event after a quiet period fires at once
    f.send(100, 2);
    f.wait_frames_seen(2);
    x.rearm(0);  // soon after the first interrupt, with an event pending
    CHECK(f.h.cycle() - first.cycle < usecs * prescaler / 2);
    const auto second = x.wait_pulse();
    CHECK(second.cycle - first.cycle >= usecs * prescaler);
    CHECK(second.cycle - first.cycle <= usecs * prescaler + 2);
    CHECK(x.pulses().size() == 2);
}

TEST_CASE("with a frame every microsecond and immediate re-arms, interrupts are rx_usecs apart",
          "[rtl][interrupts]") {
    IrqFixture x;
    NicFixture& f = x.f;
    driver::NicDriver nic(f.dev, queues(1, 512, 256));
    nic.probe();
    constexpr std::uint64_t usecs = 8;
    constexpr unsigned frames = 400;  // a 400 us window
    x.vwr(0, regs::VREG_RX_USECS, usecs);

    const std::uint64_t start = f.h.cycle() + 10;
    for (unsigned i = 0; i < frames; ++i) f.h.rx_source().push(tb::AxisFrame{NicFixture::make_frame(64, i)}, start + i * cycles_per_us);
    const std::uint64_t end = start + frames * cycles_per_us + 2000;  // the last completion is in by then

    std::vector<tb::IrqPulse> all;
    while (f.h.cycle() < end) {
        f.h.run(1);
        if (!x.pulses().empty()) {
            all.insert(all.end(), x.pulses().begin(), x.pulses().end());
            x.pulses().clear();
            x.rearm(0);  // the driver re-arms at once
        }
    }
    all.insert(all.end(), x.pulses().begin(), x.pulses().end());
    CHECK(f.counter(regs::REG_RX_FRAMES_LO) == frames);
    CHECK(f.drops() == 0);

    const std::uint64_t window_us = (end - start) / cycles_per_us;
    INFO("interrupts: " << all.size() << " over " << window_us << " us");
    CHECK(all.size() <= window_us / usecs + 1);
    // It does fire: continuous events and immediate re-arms give close to one per interval.
    CHECK(all.size() >= frames / usecs - 2);
    for (std::size_t i = 1; i < all.size(); ++i) {
        INFO("interrupt " << i);
        CHECK(all[i].vector == 0);
        CHECK(all[i].cycle - all[i - 1].cycle >= usecs * cycles_per_us);
    }
    // Every frame is covered: nothing is left pending once the traffic stops.
    f.h.run(usecs * cycles_per_us + 10);
    CHECK(x.vrd(0, regs::VREG_RX_PENDING) == 0);
    CHECK(drain(nic.rx(0)) == frames);
}

TEST_CASE("rx_frames fires as soon as that many completions are pending", "[rtl][interrupts]") {
    IrqFixture x;
    NicFixture& f = x.f;
    driver::NicDriver nic(f.dev, queues(1));
    nic.probe();
    x.vwr(0, regs::VREG_RX_USECS, 1000);  // 1 ms: the interval alone would not fire in this test
    x.vwr(0, regs::VREG_RX_FRAMES, 4);

    f.send(100, 0);
    x.wait_pulse();  // quiet period: the first event fires at once
    x.rearm(0);
    for (unsigned i = 1; i <= 3; ++i) f.send(100, i);
    f.wait_frames_seen(4);
    f.h.run(2000);
    CHECK(x.pulses().size() == 1);
    CHECK(x.vrd(0, regs::VREG_RX_PENDING) == 3);

    f.send(100, 4);  // the fourth pending completion
    const auto p = x.wait_pulse(5000);
    CHECK(p.vector == 0);
    CHECK(x.vrd(0, regs::VREG_RX_PENDING) == 0);
    CHECK(x.irq_count(0) == 2);
}

TEST_CASE("an ivar entry naming a vector >= NumVectors flags intr_error and routes to vector 0",
          "[rtl][interrupts]") {
    IrqFixture x;
    NicFixture& f = x.f;
    driver::NicDriver nic(f.dev, queues(2));
    nic.probe();
    f.rss_off();  // the test frames go to rx_default_queue
    f.qwr(1, regs::QREG_RX_IVAR, 2);  // valid
    CHECK(f.rd(regs::REG_INTR_ERROR) == 0);
    f.qwr(1, regs::QREG_RX_IVAR, num_vectors);  // the first invalid vector
    CHECK(regs::INTR_ERROR_IVAR_INVALID.get(f.rd(regs::REG_INTR_ERROR)) == 1);
    CHECK(f.qrd(1, regs::QREG_RX_IVAR) == num_vectors);

    f.wr(regs::REG_RX_DEFAULT_QUEUE, 1);
    f.send(100, 1);
    CHECK(x.wait_pulse().vector == 0);
    f.h.run(500);
    CHECK(x.pulses().size() == 1);

    // Write 1 to clear.
    f.wr(regs::REG_INTR_ERROR, 1);
    CHECK(f.rd(regs::REG_INTR_ERROR) == 0);

    // A value wider than the 5-bit field is invalid too and reads back as the field's maximum.
    f.qwr(0, regs::QREG_TX_IVAR, 0x41);
    CHECK(f.rd(regs::REG_INTR_ERROR) == 1);
    CHECK(f.qrd(0, regs::QREG_TX_IVAR) == 31);
    x.rearm(0);  // it fired for the RX frame above
    REQUIRE(nic.transmit(0, NicFixture::make_frame(60, 3)));
    CHECK(x.wait_pulse().vector == 0);

    // A valid entry written afterwards routes normally again.
    x.rearm(0);
    f.qwr(1, regs::QREG_RX_IVAR, 3);
    f.send(100, 2);
    CHECK(x.wait_pulse().vector == 3);
}

TEST_CASE("re-arming an armed vector is harmless", "[rtl][interrupts]") {
    IrqFixture x;
    NicFixture& f = x.f;
    driver::NicDriver nic(f.dev, queues(1));
    nic.probe();

    // Nothing pending: re-arming every vector, repeatedly, fires nothing.
    for (int i = 0; i < 3; ++i) f.wr(regs::REG_INTR_MASK_CLEAR, 0xFFFF);
    f.h.run(1000);
    CHECK(x.pulses().empty());
    CHECK(f.rd(regs::REG_INTR_MASK) == 0);

    // An event waiting out the interval on an armed vector: a second re-arm does not make it
    // fire early, and it fires exactly once when the interval has passed.
    constexpr std::uint64_t usecs = 20;
    x.vwr(0, regs::VREG_RX_USECS, usecs);
    f.send(100, 1);
    const auto first = x.wait_pulse();
    x.rearm(0);
    f.send(100, 2);
    f.wait_frames_seen(2);
    f.h.run(200);
    CHECK(x.vrd(0, regs::VREG_RX_PENDING) == 1);
    x.rearm(0);
    x.rearm(0);
    CHECK(x.pulses().size() == 1);
    const auto second = x.wait_pulse();
    CHECK(second.cycle - first.cycle >= usecs * cycles_per_us);
    f.h.run(usecs * cycles_per_us * 2);
    CHECK(x.pulses().size() == 2);
    CHECK(x.irq_count(0) == 2);
}

TEST_CASE("irq_count counts every interrupt of its vector", "[rtl][interrupts]") {
    IrqFixture x;
    NicFixture& f = x.f;
    driver::NicDriver nic(f.dev, queues(2));
    nic.probe();
    f.rss_off();  // the test frames go to rx_default_queue
    f.qwr(1, regs::QREG_RX_IVAR, 1);
    f.qwr(1, regs::QREG_TX_IVAR, 1);
    for (unsigned i = 0; i < 6; ++i) {
        f.wr(regs::REG_RX_DEFAULT_QUEUE, i % 2);
        f.send(100, i);
        const auto p = x.wait_pulse();
        CHECK(p.vector == i % 2);
        x.rearm(p.vector);
    }
    REQUIRE(nic.transmit(1, NicFixture::make_frame(60, 9)));
    CHECK(x.wait_pulse().vector == 1);
    f.h.run(200);
    CHECK(count_on(x.pulses(), 0) == 3);
    CHECK(count_on(x.pulses(), 1) == 4);
    CHECK(x.irq_count(0) == 3);
    CHECK(x.irq_count(1) == 4);
    CHECK(x.irq_count(2) == 0);
    CHECK(f.rd(regs::vector_reg(1, regs::VREG_IRQ_COUNT_HI)) == 0);
    CHECK(x.irqs.count() == 7);
}

TEST_CASE("when an interrupt arrives, its frame's descriptors are already written back", "[rtl][interrupts]") {
    // A long memory latency: a write-back's response comes well after its data is in memory,
    // so an interrupt raised before the responses would find nothing here.
    tb::HarnessOptions options;
    options.dma.latency_cycles = 125;
    IrqFixture x(options);
    NicFixture& f = x.f;
    driver::NicDriver nic(f.dev, queues(1, 64, 256));
    nic.probe();

    for (unsigned i = 0; i < 8; ++i) {
        INFO("frame " << i);
        const std::uint32_t size = (i % 2 == 0) ? 1000 : 100;  // four buffers, or one
        f.send(size, i);
        x.wait_pulse();
        unsigned segments = 0;
        const unsigned got = nic.rx(0).poll(1, [&](const driver::RxFrameView& v) {
            segments = static_cast<unsigned>(v.segments.size());
        });
        CHECK(got == 1);
        CHECK(segments == (size + 255) / 256);
        x.pulses().clear();
        x.rearm(0);
    }

    // TX: the DD write-back is in memory when the TX interrupt arrives.
    f.qwr(0, regs::QREG_TX_IVAR, 1);
    for (unsigned i = 0; i < 3; ++i) {
        REQUIRE(nic.transmit(0, NicFixture::make_frame(200, 100 + i)));
        const auto p = x.wait_pulse();
        CHECK(p.vector == 1);
        CHECK(nic.tx(0).has_completions());
        CHECK(nic.tx(0).reclaim() == 1);
        x.pulses().clear();
        x.rearm(1);
    }
}
