// AxiMemorySlave, write channels: strobes, W before AW, response timing, errors, WLAST.
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstring>

#include "axi_master_stub.hpp"
#include "bus/axi_memory_slave.hpp"
#include "fake_nic_pins.hpp"
#include "bus/host_memory.hpp"
#include "bus/nic_ports.hpp"
#include "phase_stepper.hpp"

using namespace nicsim::tb;
using namespace nicsim::tb::test;

namespace {

struct WriteBench {
    explicit WriteBench(unsigned latency) : slave(bind_axi_master(pins), mem, config(latency)), stepper{&slave} {}

    static AxiMemorySlave::Config config(unsigned latency) {
        AxiMemorySlave::Config c;
        c.latency_cycles = latency;
        return c;
    }
    void run(unsigned cycles) {
        for (unsigned i = 0; i < cycles; ++i) stepper.step([this](std::uint64_t c) { master.edge(c); });
    }

    FakeNicPins pins;
    HostMemory mem;
    AxiMemorySlave slave;
    PhaseStepper stepper;
    AxiMasterStub master{pins};
};

std::uint64_t word_at(const std::uint8_t* p) {
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    return v;
}

}  // namespace

TEST_CASE("a write burst lands in memory and B follows the last beat by the latency", "[axi_memory_slave]") {
    WriteBench b(7);
    auto buf = b.mem.alloc(256, 64, DmaDirection::from_device);

    b.master.write(buf.iova + 16, {0x1111, 0x2222, 0x3333});  // AW and W from cycle 0: last W at 2
    b.run(20);

    CHECK(word_at(buf.cpu + 16) == 0x1111);
    CHECK(word_at(buf.cpu + 24) == 0x2222);
    CHECK(word_at(buf.cpu + 32) == 0x3333);
    CHECK(word_at(buf.cpu + 40) == 0);
    REQUIRE(b.master.b_resps.size() == 1);
    CHECK(b.master.b_resps[0].resp == 0);
    CHECK(b.master.b_resps[0].cycle == 2 + 7);
    CHECK(b.slave.write_bursts() == 1);
    CHECK(b.slave.violation_count() == 0);
    CHECK(b.slave.idle());
}

TEST_CASE("write strobes select the bytes written", "[axi_memory_slave]") {
    WriteBench b(1);
    auto buf = b.mem.alloc(64, 64, DmaDirection::bidirectional);
    std::memset(buf.cpu, 0xcc, 64);

    b.master.write_address({buf.iova, 1});
    b.master.write_data({0x0706050403020100ull, 0xf0, false});  // bytes 4..7
    b.master.write_data({0x0f0e0d0c0b0a0908ull, 0x03, true});   // bytes 8..9
    b.run(10);

    const std::uint8_t expect[16] = {0xcc, 0xcc, 0xcc, 0xcc, 4, 5, 6, 7, 8, 9, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc, 0xcc};
    CHECK(std::memcmp(buf.cpu, expect, 16) == 0);
    REQUIRE(b.master.b_resps.size() == 1);
    CHECK(b.master.b_resps[0].resp == 0);
}

TEST_CASE("W beats may come before their AW", "[axi_memory_slave]") {
    WriteBench b(3);
    auto buf = b.mem.alloc(64, 64, DmaDirection::from_device);

    b.master.write_address({buf.iova, 1, 5});  // AW only from cycle 5
    b.master.write_data({0xaaaa, 0xFF, false});
    b.master.write_data({0xbbbb, 0xFF, true});
    b.run(5);  // both W beats taken in cycles 0 and 1, AW not yet shown
    CHECK(word_at(buf.cpu) == 0);  // nothing written before the address is known
    b.run(10);

    CHECK(word_at(buf.cpu) == 0xaaaa);
    CHECK(word_at(buf.cpu + 8) == 0xbbbb);
    REQUIRE(b.master.b_resps.size() == 1);
    CHECK(b.master.b_resps[0].cycle == 5 + 3);  // the burst is complete when its AW arrives
    CHECK(b.slave.violation_count() == 0);
}

TEST_CASE("back-to-back write bursts keep their order and their data apart", "[axi_memory_slave]") {
    WriteBench b(2);
    auto buf = b.mem.alloc(128, 64, DmaDirection::from_device);
    b.master.write(buf.iova, {1, 2});
    b.master.write(buf.iova + 64, {3});
    b.master.write(buf.iova + 72, {4, 5, 6});
    b.run(20);

    CHECK(word_at(buf.cpu) == 1);
    CHECK(word_at(buf.cpu + 8) == 2);
    CHECK(word_at(buf.cpu + 64) == 3);
    CHECK(word_at(buf.cpu + 72) == 4);
    CHECK(word_at(buf.cpu + 88) == 6);
    REQUIRE(b.master.b_resps.size() == 3);
    CHECK(b.master.b_resps[0].cycle < b.master.b_resps[1].cycle);
    CHECK(b.master.b_resps[1].cycle < b.master.b_resps[2].cycle);
    CHECK(b.slave.violation_count() == 0);
}

TEST_CASE("a refused write burst answers SLVERR and touches no memory", "[axi_memory_slave]") {
    WriteBench b(2);
    auto ok = b.mem.alloc(64, 64, DmaDirection::from_device);
    auto next = b.mem.alloc(64, 64, DmaDirection::from_device);
    REQUIRE(next.iova == ok.iova + 64);

    SECTION("straddling two buffers") {
        b.master.write(ok.iova + 48, {1, 2, 3, 4});
        b.run(12);
        REQUIRE(b.master.b_resps.size() == 1);
        CHECK(b.master.b_resps[0].resp == 2);
        REQUIRE(b.mem.faults().size() == 1);
        CHECK(b.mem.faults()[0].addr == ok.iova + 48);
        CHECK(b.mem.faults()[0].len == 32);
        CHECK(b.mem.faults()[0].is_write);
    }
    SECTION("into a transmit buffer") {
        auto tx = b.mem.alloc(64, 64, DmaDirection::to_device);
        b.master.write(tx.iova, {1});
        b.run(8);
        REQUIRE(b.master.b_resps.size() == 1);
        CHECK(b.master.b_resps[0].resp == 2);
        CHECK(b.mem.faults()[0].reason == DmaFaultReason::direction);
        CHECK(word_at(tx.cpu) == 0);
    }
    SECTION("after the buffer was freed") {
        const auto stale = ok.iova;
        b.mem.free(ok);
        b.master.write(stale, {1});
        b.run(8);
        REQUIRE(b.master.b_resps.size() == 1);
        CHECK(b.master.b_resps[0].resp == 2);
        CHECK(b.mem.faults()[0].addr == stale);
        CHECK(b.mem.faults()[0].reason == DmaFaultReason::unmapped);
    }
    for (int i = 0; i < 64; ++i) CHECK(next.cpu[i] == 0);
    CHECK(b.slave.write_errors() == 1);
}

TEST_CASE("WLAST on the wrong beat is a violation", "[axi_memory_slave]") {
    WriteBench b(1);
    auto buf = b.mem.alloc(64, 64, DmaDirection::from_device);

    SECTION("too early") {
        b.master.write_address({buf.iova, 1});
        b.master.write_data({1, 0xFF, true});
        b.master.write_data({2, 0xFF, true});
        b.run(8);
        REQUIRE(b.slave.violation_count() == 1);
        CHECK_THAT(b.slave.violations()[0].what, Catch::Contains("WLAST set on beat 1 of a 2-beat"));
    }
    SECTION("missing") {
        b.master.write_address({buf.iova, 1});
        b.master.write_data({1, 0xFF, false});
        b.master.write_data({2, 0xFF, false});
        b.run(8);
        REQUIRE(b.slave.violation_count() == 1);
        CHECK_THAT(b.slave.violations()[0].what, Catch::Contains("WLAST missing on beat 2"));
    }
    // The burst is still counted by AWLEN and answered.
    CHECK(b.master.b_resps.size() == 1);
    CHECK(word_at(buf.cpu + 8) == 2);
}

TEST_CASE("a write burst crossing a 4 KiB boundary is a violation", "[axi_memory_slave]") {
    WriteBench b(1);
    auto buf = b.mem.alloc(8192, 4096, DmaDirection::from_device);
    b.master.write(buf.iova + 4088, {1, 2});
    b.run(8);
    REQUIRE(b.slave.violation_count() == 1);
    CHECK_THAT(b.slave.violations()[0].what, Catch::Contains("write burst") && Catch::Contains("4 KiB"));
}
