// A reset Verilated NIC with its host, plus the register and frame helpers every RTL test
// uses. Tests program registers directly where they test the hardware's reaction to bad
// configuration, and use the driver's rings where they test the datapath.
#pragma once

#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "nic_driver.hpp"
#include "harness/nic_harness.hpp"
#include "nic_regs.hpp"
#include "traffic/test_frame.hpp"

namespace nicsim::test {

inline tb::HarnessOptions fast_host() {
    tb::HarnessOptions o;
    o.dma.latency_cycles = 20;  // short, so tests spend their cycles on behaviour, not waiting
    return o;
}

struct NicFixture {
    tb::NicHarness h;
    tb::NicDevice dev;

    explicit NicFixture(tb::HarnessOptions options = fast_host()) : h(options), dev(h) { h.reset(); }

    std::uint32_t rd(std::uint32_t addr) { return h.mmio_read32(addr); }
    void wr(std::uint32_t addr, std::uint32_t value) { h.mmio_write32(addr, value); }
    std::uint32_t qrd(unsigned q, std::uint32_t qreg) { return rd(regs::queue_reg(q, qreg)); }
    void qwr(unsigned q, std::uint32_t qreg, std::uint32_t value) { wr(regs::queue_reg(q, qreg), value); }

    std::uint64_t counter(std::uint32_t lo) {
        const std::uint64_t low = rd(lo);
        return (std::uint64_t(rd(lo + 4)) << 32) | low;
    }
    std::uint64_t qcounter(unsigned q, std::uint32_t qlo) { return counter(regs::queue_reg(q, qlo)); }

    // A test frame of `size` bytes carrying `sequence`, offered on the wire now.
    void send(std::uint32_t size, std::uint64_t sequence, bool bad_fcs = false) {
        send_bytes(make_frame(size, sequence), bad_fcs);
    }
    void send_bytes(std::vector<std::uint8_t> bytes, bool bad_fcs = false) {
        h.rx_source().push(tb::AxisFrame{std::move(bytes), bad_fcs}, h.cycle());
    }
    static std::vector<std::uint8_t> make_frame(std::uint32_t size, std::uint64_t sequence) {
        std::vector<std::uint8_t> f;
        tb::TestFrameSpec spec;
        spec.size = size;
        tb::build_test_frame(spec, {sequence, 0}, f);
        return f;
    }

    // Runs until every offered frame has left the source and `rx_frames` has counted it.
    void wait_frames_seen(std::uint64_t total) {
        h.run_until([&] { return h.rx_source().idle(); }, 1'000'000, "frames to leave the source");
        for (int i = 0; i < 200 && counter(regs::REG_RX_FRAMES_LO) < total; ++i) h.run(100);
        REQUIRE(counter(regs::REG_RX_FRAMES_LO) == total);
    }

    // Sum of every drop-reason counter.
    std::uint64_t drops() {
        std::uint64_t sum = 0;
        for (const auto& c : regs::GLOBAL_COUNTERS)
            if (c.drop) sum += counter(c.offset);
        return sum;
    }

    // RSS off: frames that no steering rule takes go to rx_default_queue. Tests whose frames
    // are all one UDP flow (make_frame) use it to aim them at a queue.
    void rss_off() { wr(regs::REG_RSS_CTRL, 0); }

    void enable_rx_tx() {
        wr(regs::REG_CTRL, (1u << regs::CTRL_RX_EN.lsb) | (1u << regs::CTRL_TX_EN.lsb));
    }
};

}  // namespace nicsim::test
