// AxiMemorySlave made irregular for block tests: latency jitter keeps each channel in order,
// stalls never lose or reorder a beat, a valid once shown is held until taken, and the same
// seed gives the same timing.
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "axi_master_stub.hpp"
#include "bus/axi_memory_slave.hpp"
#include "fake_nic_pins.hpp"
#include "bus/host_memory.hpp"
#include "bus/nic_ports.hpp"
#include "phase_stepper.hpp"

using namespace nicsim::tb;
using namespace nicsim::tb::test;

namespace {

AxiMemorySlave::Config irregular(unsigned latency, unsigned jitter, unsigned stall, std::uint64_t seed) {
    AxiMemorySlave::Config c;
    c.latency_cycles = latency;
    c.latency_jitter_cycles = jitter;
    c.stall_percent = stall;
    c.seed = seed;
    return c;
}

struct Bench {
    explicit Bench(AxiMemorySlave::Config c) : slave(bind_axi_master(pins), mem, c), stepper{&slave} {}

    // Steps the cycles, checking at every edge that an R or B valid shown and not taken at the
    // previous edge is still shown, with the same payload.
    void run(unsigned cycles) {
        for (unsigned i = 0; i < cycles; ++i) {
            stepper.step([this](std::uint64_t c) {
                if (r_waiting) {
                    held_ok = held_ok && pins.m_axi_rvalid && pins.m_axi_rdata == r_data;
                    ++r_holds;
                }
                if (b_waiting) {
                    held_ok = held_ok && pins.m_axi_bvalid;
                    ++b_holds;
                }
                r_waiting = pins.m_axi_rvalid && !pins.m_axi_rready;
                r_data = pins.m_axi_rdata;
                b_waiting = pins.m_axi_bvalid && !pins.m_axi_bready;
                master.edge(c);
            });
        }
    }

    FakeNicPins pins;
    HostMemory mem;
    AxiMemorySlave slave;
    PhaseStepper stepper;
    AxiMasterStub master{pins};
    bool held_ok = true;
    unsigned r_holds = 0, b_holds = 0;
    bool r_waiting = false, b_waiting = false;
    std::uint64_t r_data = 0;
};

void fill_words(std::uint8_t* p, std::size_t bytes) {
    for (std::size_t k = 0; k < bytes / 8; ++k) {
        const std::uint64_t v = 0x1000 + k;
        std::memcpy(p + 8 * k, &v, 8);
    }
}

std::uint64_t word_at(const std::uint8_t* p) {
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    return v;
}

// Issues 20 reads of 4 beats (words 4k..4k+3) and returns the R beats seen.
std::vector<AxiMasterStub::RBeat> twenty_reads(Bench& b, bool toggle_rready) {
    auto buf = b.mem.alloc(4096, 4096, DmaDirection::to_device);
    fill_words(buf.cpu, 4096);
    for (unsigned k = 0; k < 20; ++k) b.master.read({buf.iova + 32 * k, 3});
    for (unsigned i = 0; i < 60; ++i) {
        if (toggle_rready) b.master.rready = (i % 3) != 0;
        b.run(10);
    }
    b.master.rready = true;
    b.run(200);
    return b.master.r_beats;
}

}  // namespace

TEST_CASE("with latency jitter read answers stay in order and come no earlier than the latency",
          "[axi_memory_slave]") {
    Bench b(irregular(20, 40, 0, 7));
    const auto beats = twenty_reads(b, false);
    REQUIRE(beats.size() == 80);
    for (unsigned i = 0; i < 80; ++i) {
        CHECK(beats[i].data == 0x1000 + i);  // in order, every word once
        CHECK(beats[i].last == (i % 4 == 3));
        if (i > 0) CHECK(beats[i].cycle > beats[i - 1].cycle);
    }
    CHECK(beats[0].cycle >= 20);
    // The jitter spread the answers: 20 bursts back to back would end by cycle 20 + 80.
    CHECK(beats.back().cycle > 20 + 80);
    CHECK(b.slave.violation_count() == 0);
    CHECK(b.slave.idle());
}

TEST_CASE("with random stalls on every channel no beat is lost, reordered or dropped while shown",
          "[axi_memory_slave]") {
    Bench b(irregular(5, 10, 40, 11));
    const auto beats = twenty_reads(b, true);
    REQUIRE(beats.size() == 80);
    for (unsigned i = 0; i < 80; ++i) CHECK(beats[i].data == 0x1000 + i);
    CHECK(b.held_ok);
    CHECK(b.r_holds > 0);  // the check above was exercised

    auto out = b.mem.alloc(4096, 4096, DmaDirection::from_device);
    for (unsigned k = 0; k < 16; ++k) b.master.write(out.iova + 32 * k, {4 * k, 4 * k + 1, 4 * k + 2, 4 * k + 3});
    for (unsigned i = 0; i < 40; ++i) {
        b.master.bready = (i % 2) != 0;
        b.run(10);
    }
    b.master.bready = true;
    b.run(300);
    REQUIRE(b.master.b_resps.size() == 16);
    for (unsigned w = 0; w < 64; ++w) CHECK(word_at(out.cpu + 8 * w) == w);
    CHECK(b.held_ok);
    CHECK(b.b_holds > 0);
    CHECK(b.slave.violation_count() == 0);
    CHECK(b.slave.idle());
}

TEST_CASE("an irregular slave is reproducible from its seed and differs across seeds", "[axi_memory_slave]") {
    auto cycles_of = [](std::uint64_t seed) {
        Bench b(irregular(8, 30, 25, seed));
        std::vector<std::uint64_t> cycles;
        for (const auto& beat : twenty_reads(b, false)) cycles.push_back(beat.cycle);
        return cycles;
    };
    CHECK(cycles_of(3) == cycles_of(3));
    CHECK(cycles_of(3) != cycles_of(4));
}

TEST_CASE("a stall probability above 100 percent is refused naming the value", "[axi_memory_slave]") {
    FakeNicPins pins;
    HostMemory mem;
    try {
        AxiMemorySlave slave(bind_axi_master(pins), mem, irregular(5, 0, 101, 1));
        FAIL("accepted stall_percent = 101");
    } catch (const std::invalid_argument& e) {
        CHECK(std::string(e.what()).find("stall_percent = 101") != std::string::npos);
    }
}

TEST_CASE("per-channel stalls: the same value everywhere is stall_percent, and a channel at 0 never stalls",
          "[axi_memory_slave]") {
    auto cycles_of = [](AxiMemorySlave::Config c) {
        Bench b(c);
        std::vector<std::uint64_t> cycles;
        for (const auto& beat : twenty_reads(b, false)) cycles.push_back(beat.cycle);
        CHECK(b.slave.violation_count() == 0);
        return cycles;
    };
    AxiMemorySlave::Config same = irregular(8, 30, 0, 3);
    same.channel_stalls = AxiMemorySlave::Config::ChannelStalls{25, 25, 25, 25, 25};
    CHECK(cycles_of(same) == cycles_of(irregular(8, 30, 25, 3)));

    // Only B and W stalled: the reads go exactly as with no stalls at all (one draw per channel
    // per cycle either way, so the latency jitter draws differ: compare without jitter).
    AxiMemorySlave::Config writes_only = irregular(8, 0, 0, 3);
    writes_only.channel_stalls = AxiMemorySlave::Config::ChannelStalls{0, 0, 90, 0, 90};
    CHECK(cycles_of(writes_only) == cycles_of(irregular(8, 0, 0, 3)));
    AxiMemorySlave::Config reads_too = writes_only;
    reads_too.channel_stalls->r = 90;
    CHECK(cycles_of(reads_too).back() > cycles_of(writes_only).back());
}

TEST_CASE("a per-channel stall probability above 100 percent is refused naming the channel", "[axi_memory_slave]") {
    FakeNicPins pins;
    HostMemory mem;
    AxiMemorySlave::Config c = irregular(5, 0, 0, 1);
    c.channel_stalls = AxiMemorySlave::Config::ChannelStalls{0, 0, 0, 0, 101};
    try {
        AxiMemorySlave slave(bind_axi_master(pins), mem, c);
        FAIL("accepted channel_stalls.b = 101");
    } catch (const std::invalid_argument& e) {
        CHECK(std::string(e.what()).find("channel_stalls.b = 101") != std::string::npos);
    }
}
