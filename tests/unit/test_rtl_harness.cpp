// RtlHarness and RtlDevice end to end on a fake nic_top: MMIO, DMA through AxiMemorySlave
// and HostMemory, and frames through the MAC ports, all clocked by SimControl.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <numeric>
#include <stdexcept>
#include <vector>

#include "fake_nic_top.hpp"
#include "fake_verilator.hpp"
#include "harness/rtl_device.hpp"
#include "harness/rtl_harness.hpp"

using namespace nicsim::tb;
using namespace nicsim::tb::test;

namespace {

using Harness = RtlHarness<FakeNicTop, FakeContext, FakeTrace>;

HarnessOptions fast_options() {
    HarnessOptions o;
    o.dma.latency_cycles = 20;
    o.reset_cycles = 4;
    return o;
}

// Copies `beats` words from src to dst with the fake NIC's DMA engine; returns its status.
std::uint32_t dma_copy(Harness& h, std::uint64_t src, std::uint64_t dst, unsigned beats) {
    h.mmio_write32(FakeNicTop::kSrcLo, static_cast<std::uint32_t>(src));
    h.mmio_write32(FakeNicTop::kSrcHi, static_cast<std::uint32_t>(src >> 32));
    h.mmio_write32(FakeNicTop::kDstLo, static_cast<std::uint32_t>(dst));
    h.mmio_write32(FakeNicTop::kDstHi, static_cast<std::uint32_t>(dst >> 32));
    h.mmio_write32(FakeNicTop::kBeats, beats);
    h.mmio_write32(FakeNicTop::kGo, 1);
    h.run_until([&] { return (h.mmio_read32(FakeNicTop::kStatus) & 1u) == 0; }, 1000, "DMA copy");
    return h.mmio_read32(FakeNicTop::kStatus);
}

}  // namespace

TEST_CASE("blocking MMIO reads and writes registers", "[rtl_harness]") {
    Harness h(fast_options());
    REQUIRE_THROWS_AS(h.mmio_read32(0), std::logic_error);  // before reset
    h.reset();

    CHECK(h.mmio_read32(FakeNicTop::kId) == FakeNicTop::kIdValue);
    CHECK(h.last_mmio_error() == AxiResp::okay);
    CHECK(h.mmio_write32(FakeNicTop::kScratch, 0xc0ffee) == AxiResp::okay);
    CHECK(h.mmio_read32(FakeNicTop::kScratch) == 0xc0ffee);

    const auto before = h.cycle();
    h.mmio_read32(FakeNicTop::kScratch);
    CHECK(h.cycle() - before < 10);  // a round trip of a few cycles, time moves on
}

TEST_CASE("an MMIO error response is returned, not thrown", "[rtl_harness]") {
    Harness h(fast_options());
    h.reset();
    CHECK(h.mmio_write32(0x200, 1) == AxiResp::slverr);
    CHECK(h.last_mmio_error() == AxiResp::slverr);
    h.mmio_read32(0x204);
    CHECK(h.last_mmio_error() == AxiResp::slverr);
    h.mmio_read32(FakeNicTop::kId);
    CHECK(h.last_mmio_error() == AxiResp::okay);
}

TEST_CASE("the NIC's DMA reaches host memory through the map", "[rtl_harness]") {
    Harness h(fast_options());
    h.reset();
    auto src = h.memory().alloc(128, 64, DmaDirection::to_device);
    auto dst = h.memory().alloc(128, 64, DmaDirection::from_device);
    std::iota(src.cpu, src.cpu + 128, std::uint8_t{1});

    SECTION("a legal copy") {
        CHECK(dma_copy(h, src.iova, dst.iova, 16) == 2u);
        CHECK(std::memcmp(src.cpu, dst.cpu, 128) == 0);
        CHECK(h.memory().faults().empty());
        CHECK(h.dma().violation_count() == 0);
    }
    SECTION("writing into a transmit buffer faults, answers SLVERR and changes nothing") {
        auto tx = h.memory().alloc(128, 64, DmaDirection::to_device);
        CHECK(dma_copy(h, src.iova, tx.iova, 4) == (2u | 8u));
        CHECK(std::all_of(tx.cpu, tx.cpu + 128, [](std::uint8_t b) { return b == 0; }));
        REQUIRE(h.memory().faults().size() == 1);
        CHECK(h.memory().faults()[0].addr == tx.iova);
        CHECK(h.memory().faults()[0].is_write);
    }
}

TEST_CASE("frames go out of the source, through the NIC and into the sink", "[rtl_harness]") {
    Harness h(fast_options());
    h.reset();
    std::vector<std::uint8_t> frame(61);
    std::iota(frame.begin(), frame.end(), std::uint8_t{0});
    h.rx_source().push(frame);
    h.rx_source().push({frame, true});
    h.run_until([&] { return h.tx_sink().frame_count() == 2; }, 100, "two frames");

    CHECK(h.tx_sink().frames()[0].data == frame);
    CHECK_FALSE(h.tx_sink().frames()[0].tuser);
    CHECK(h.tx_sink().frames()[1].tuser);
    CHECK(h.rx_source().stalled_cycles() == 0);

    // With the sink back-pressuring, the fake NIC's loopback register fills and the source stalls.
    h.tx_sink().set_ready(false);
    h.rx_source().push(frame);
    h.run(20);
    CHECK(h.rx_source().stalled_cycles() > 0);
    h.tx_sink().set_ready(true);
    h.run_until([&] { return h.tx_sink().frame_count() == 3; }, 100, "third frame");
    CHECK(h.tx_sink().frames()[2].data == frame);
    CHECK(h.tx_sink().stream_violations() == 0);
}

TEST_CASE("RtlDevice gives the driver MMIO and DMA memory", "[rtl_device]") {
    Harness h(fast_options());
    h.reset();
    RtlDevice device(h);
    nicsim::driver::Device& dev = device;

    dev.mmio_write32(FakeNicTop::kScratch, 1234);
    CHECK(dev.mmio_read32(FakeNicTop::kScratch) == 1234);
    CHECK(dev.mmio_read32(0x300) == 0xFFFF'FFFFu);  // error read: all ones, as on PCIe
    CHECK(device.mmio_errors() == 1);

    auto buf = dev.dma_alloc(100, 4096, nicsim::driver::DmaDirection::bidirectional);
    CHECK(buf.iova % 4096 == 0);
    CHECK(buf.iova >= HostMemory::kBaseAddress);
    CHECK(h.memory().is_mapped(buf.iova, 100));
    dev.dma_free(buf);
    CHECK_FALSE(h.memory().is_mapped(buf.iova, 1));
    CHECK(h.memory().live_allocations() == 0);
}
