// AxiMemorySlave, read channel: data, latency, errors and protocol checks.
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

struct ReadBench {
    explicit ReadBench(unsigned latency) : slave(bind_axi_master(pins), mem, config(latency)), stepper{&slave} {}

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

// Fills a buffer so that the 8-byte word at offset 8k reads as 0x1000 + k.
void fill_words(std::uint8_t* p, std::size_t bytes) {
    for (std::size_t k = 0; k < bytes / 8; ++k) {
        const std::uint64_t v = 0x1000 + k;
        std::memcpy(p + 8 * k, &v, 8);
    }
}

}  // namespace

TEST_CASE("a read burst returns its beats one per cycle after the latency", "[axi_memory_slave]") {
    ReadBench b(10);
    auto buf = b.mem.alloc(4096, 4096, DmaDirection::to_device);
    fill_words(buf.cpu, 4096);

    b.master.read({buf.iova + 64, 3});  // 4 beats, words 8..11, AR taken at the edge of cycle 0
    b.run(30);

    REQUIRE(b.master.r_beats.size() == 4);
    for (unsigned i = 0; i < 4; ++i) {
        CHECK(b.master.r_beats[i].cycle == 10 + i);  // first beat `latency` edges after AR
        CHECK(b.master.r_beats[i].data == 0x1008 + i);
        CHECK(b.master.r_beats[i].resp == 0);
        CHECK(b.master.r_beats[i].last == (i == 3));
    }
    CHECK(b.slave.read_bursts() == 1);
    CHECK(b.slave.violation_count() == 0);
    CHECK(b.mem.faults().empty());
    CHECK(b.slave.idle());
}

TEST_CASE("outstanding reads are answered in order and RREADY low holds a beat", "[axi_memory_slave]") {
    ReadBench b(4);
    auto buf = b.mem.alloc(4096, 4096, DmaDirection::bidirectional);
    fill_words(buf.cpu, 4096);

    b.master.read({buf.iova, 1});       // words 0, 1
    b.master.read({buf.iova + 800, 0});  // word 100
    b.master.rready = false;
    b.run(6);  // first R beat is shown from cycle 4 and waits
    CHECK(b.master.r_beats.empty());
    b.master.rready = true;
    b.run(10);

    REQUIRE(b.master.r_beats.size() == 3);
    CHECK(b.master.r_beats[0].data == 0x1000);
    CHECK(b.master.r_beats[1].data == 0x1001);
    CHECK(b.master.r_beats[1].last);
    CHECK(b.master.r_beats[2].data == 0x1000 + 100);
    CHECK(b.master.r_beats[2].last);
    CHECK(b.master.r_beats[1].cycle == b.master.r_beats[0].cycle + 1);
    CHECK(b.master.r_beats[2].cycle == b.master.r_beats[1].cycle + 1);  // back to back
}

TEST_CASE("a read the memory map refuses returns SLVERR and zeros on every beat", "[axi_memory_slave]") {
    ReadBench b(2);
    auto buf = b.mem.alloc(64, 64, DmaDirection::to_device);
    std::memset(buf.cpu, 0xab, 64);

    b.master.read({buf.iova + 48, 3});  // 32 bytes, the last 16 past the buffer
    b.run(10);

    REQUIRE(b.master.r_beats.size() == 4);
    for (const auto& beat : b.master.r_beats) {
        CHECK(beat.resp == 2);
        CHECK(beat.data == 0);
    }
    CHECK(b.master.r_beats[3].last);
    REQUIRE(b.mem.faults().size() == 1);
    CHECK(b.mem.faults()[0].addr == buf.iova + 48);
    CHECK(b.mem.faults()[0].len == 32);
    CHECK_FALSE(b.mem.faults()[0].is_write);
    CHECK(b.slave.read_errors() == 1);
}

TEST_CASE("a read from a receive buffer (device may only write) is refused", "[axi_memory_slave]") {
    ReadBench b(1);
    auto buf = b.mem.alloc(64, 64, DmaDirection::from_device);
    b.master.read({buf.iova, 0});
    b.run(4);
    REQUIRE(b.master.r_beats.size() == 1);
    CHECK(b.master.r_beats[0].resp == 2);
    REQUIRE(b.mem.faults().size() == 1);
    CHECK(b.mem.faults()[0].reason == DmaFaultReason::direction);
}

TEST_CASE("read protocol violations are recorded", "[axi_memory_slave]") {
    ReadBench b(1);
    auto buf = b.mem.alloc(8192, 4096, DmaDirection::to_device);
    fill_words(buf.cpu, 8192);

    SECTION("a burst crossing a 4 KiB boundary") {
        b.master.read({buf.iova + 4096 - 16, 3});
        b.run(8);
        REQUIRE(b.slave.violation_count() == 1);
        CHECK(b.slave.violations()[0].cycle == 0);
        CHECK_THAT(b.slave.violations()[0].what, Catch::Contains("4 KiB"));
        // Still served from memory: the check is on the protocol, not on the data.
        REQUIRE(b.master.r_beats.size() == 4);
        CHECK(b.master.r_beats[2].data == 0x1000 + 512);
    }
    SECTION("a burst ending exactly at a 4 KiB boundary is legal") {
        b.master.read({buf.iova + 4096 - 32, 3});
        b.run(8);
        CHECK(b.slave.violation_count() == 0);
    }
    SECTION("ARSIZE other than 8-byte beats") {
        b.master.read({buf.iova, 0, 0, 2});
        b.run(4);
        REQUIRE(b.slave.violation_count() == 1);
        CHECK_THAT(b.slave.violations()[0].what, Catch::Contains("AxSIZE"));
    }
    SECTION("a WRAP burst") {
        b.master.read({buf.iova, 3, 0, 3, 2});
        b.run(8);
        REQUIRE(b.slave.violation_count() == 1);
        CHECK_THAT(b.slave.violations()[0].what, Catch::Contains("AxBURST"));
    }
}

TEST_CASE("an AR dropped before it was accepted is a violation", "[axi_memory_slave]") {
    AxiMemorySlave::Config c;
    c.max_outstanding_reads = 1;
    c.latency_cycles = 50;
    FakeNicPins pins;
    HostMemory mem;
    AxiMemorySlave slave(bind_axi_master(pins), mem, c);
    PhaseStepper stepper{&slave};
    auto buf = mem.alloc(64, 64, DmaDirection::to_device);

    // One outstanding read fills the slave: ARREADY goes low, and a second AR must wait.
    pins.m_axi_arvalid = 1;
    pins.m_axi_araddr = buf.iova;
    pins.m_axi_arsize = 3;
    pins.m_axi_arburst = 1;
    stepper.step();  // accepted
    stepper.step();  // shown again, ARREADY is now low: waiting
    CHECK(pins.m_axi_arready == 0);
    CHECK(slave.violation_count() == 0);
    pins.m_axi_arvalid = 0;  // gives up: illegal
    stepper.step();
    REQUIRE(slave.violation_count() == 1);
    CHECK_THAT(slave.violations()[0].what, Catch::Contains("dropped"));
}

TEST_CASE("throw_on_violation stops the simulation at the faulty cycle", "[axi_memory_slave]") {
    AxiMemorySlave::Config c;
    c.throw_on_violation = true;
    FakeNicPins pins;
    HostMemory mem;
    AxiMemorySlave slave(bind_axi_master(pins), mem, c);
    PhaseStepper stepper{&slave};
    pins.m_axi_arvalid = 1;
    pins.m_axi_araddr = HostMemory::kBaseAddress + 4088;
    pins.m_axi_arlen = 1;
    pins.m_axi_arsize = 3;
    pins.m_axi_arburst = 1;
    REQUIRE_THROWS_WITH(stepper.step(), Catch::Contains("cycle 0") && Catch::Contains("4 KiB"));
}
