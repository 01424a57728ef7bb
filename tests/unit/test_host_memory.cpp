// HostMemory: allocation, and the bounds and direction checks on every device access.
#include <catch2/catch.hpp>

#include <array>
#include <cstdint>
#include <cstring>
#include <stdexcept>

#include "bus/host_memory.hpp"

using nicsim::tb::DmaDirection;
using nicsim::tb::DmaFaultReason;
using nicsim::tb::HostMemory;

namespace {

bool all_bytes_are(const std::uint8_t* p, std::size_t n, std::uint8_t v) {
    for (std::size_t i = 0; i < n; ++i)
        if (p[i] != v) return false;
    return true;
}

}  // namespace

TEST_CASE("alloc hands out zeroed, aligned memory above 4 GiB", "[host_memory]") {
    HostMemory mem;
    auto a = mem.alloc(100, 64, DmaDirection::bidirectional);
    auto b = mem.alloc(4096, 4096, DmaDirection::to_device);
    REQUIRE(a.iova >= HostMemory::kBaseAddress);
    REQUIRE(a.iova % 64 == 0);
    REQUIRE(b.iova % 4096 == 0);
    REQUIRE(b.iova >= a.iova + 100);
    REQUIRE(a.size == 100);
    REQUIRE(all_bytes_are(a.cpu, a.size, 0));
    REQUIRE(all_bytes_are(b.cpu, b.size, 0));
    REQUIRE(mem.live_allocations() == 2);
}

TEST_CASE("alloc rejects a zero size and a non-power-of-two alignment", "[host_memory]") {
    HostMemory mem;
    REQUIRE_THROWS_AS(mem.alloc(0, 8, DmaDirection::bidirectional), std::invalid_argument);
    REQUIRE_THROWS_AS(mem.alloc(64, 24, DmaDirection::bidirectional), std::invalid_argument);
}

TEST_CASE("device reads and writes inside a mapping see the CPU's bytes", "[host_memory]") {
    HostMemory mem;
    auto buf = mem.alloc(256, 64, DmaDirection::bidirectional);
    for (int i = 0; i < 256; ++i) buf.cpu[i] = static_cast<std::uint8_t>(i);

    std::array<std::uint8_t, 16> out{};
    REQUIRE(mem.device_read(buf.iova + 240, 16, out.data()));
    REQUIRE(out[0] == 240);
    REQUIRE(out[15] == 255);

    const std::uint8_t data[4] = {0xde, 0xad, 0xbe, 0xef};
    REQUIRE(mem.device_write(buf.iova + 4, 4, data));
    REQUIRE(buf.cpu[4] == 0xde);
    REQUIRE(buf.cpu[7] == 0xef);
    REQUIRE(buf.cpu[8] == 8);
    REQUIRE(mem.faults().empty());
}

TEST_CASE("an access outside every mapping faults with its address and touches nothing", "[host_memory]") {
    HostMemory mem;
    auto buf = mem.alloc(64, 64, DmaDirection::bidirectional);
    std::memset(buf.cpu, 0x5a, 64);
    std::array<std::uint8_t, 8> out;
    out.fill(0x11);

    SECTION("below the address space") {
        REQUIRE_FALSE(mem.device_read(0x1000, 8, out.data()));
        REQUIRE(mem.faults().size() == 1);
        CHECK(mem.faults()[0].addr == 0x1000);
        CHECK(mem.faults()[0].reason == DmaFaultReason::unmapped);
        CHECK(all_bytes_are(out.data(), 8, 0x11));
    }
    SECTION("past the end of the last allocation") {
        const std::uint8_t data[8] = {};
        REQUIRE_FALSE(mem.device_write(buf.iova + 64, 8, data));
        REQUIRE(mem.faults().size() == 1);
        CHECK(mem.faults()[0].addr == buf.iova + 64);
        CHECK(mem.faults()[0].len == 8);
        CHECK(mem.faults()[0].is_write);
        CHECK(mem.faults()[0].reason == DmaFaultReason::unmapped);
    }
    SECTION("starting inside and running past the end") {
        const std::uint8_t data[16] = {};
        REQUIRE_FALSE(mem.device_write(buf.iova + 56, 16, data));
        REQUIRE(mem.faults().size() == 1);
        CHECK(mem.faults()[0].addr == buf.iova + 56);
        CHECK(mem.faults()[0].reason == DmaFaultReason::crosses_mapping);
        CHECK(all_bytes_are(buf.cpu, 64, 0x5a));
    }
    SECTION("a range that wraps around 2^64") {
        REQUIRE_FALSE(mem.device_read(~std::uint64_t{0} - 3, 8, out.data()));
        CHECK(mem.faults()[0].reason == DmaFaultReason::address_overflow);
    }
}

TEST_CASE("an access straddling two adjacent mappings faults even if both allow it", "[host_memory]") {
    HostMemory mem;
    auto a = mem.alloc(4096, 4096, DmaDirection::bidirectional);
    auto b = mem.alloc(4096, 4096, DmaDirection::bidirectional);
    REQUIRE(b.iova == a.iova + 4096);  // adjacent, so only the one-mapping rule can catch it

    const std::uint8_t data[16] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    REQUIRE_FALSE(mem.device_write(a.iova + 4088, 16, data));
    REQUIRE(mem.faults().size() == 1);
    CHECK(mem.faults()[0].addr == a.iova + 4088);
    CHECK(mem.faults()[0].len == 16);
    CHECK(mem.faults()[0].reason == DmaFaultReason::crosses_mapping);
    CHECK(all_bytes_are(a.cpu, 4096, 0));
    CHECK(all_bytes_are(b.cpu, 4096, 0));
}

TEST_CASE("the mapping's direction decides what the device may do", "[host_memory]") {
    HostMemory mem;
    auto tx = mem.alloc(64, 64, DmaDirection::to_device);
    auto rx = mem.alloc(64, 64, DmaDirection::from_device);
    auto ring = mem.alloc(64, 64, DmaDirection::bidirectional);
    std::array<std::uint8_t, 8> bytes{1, 2, 3, 4, 5, 6, 7, 8};

    CHECK(mem.device_read(tx.iova, 8, bytes.data()));
    CHECK_FALSE(mem.device_write(tx.iova, 8, bytes.data()));
    CHECK(all_bytes_are(tx.cpu, 64, 0));

    CHECK(mem.device_write(rx.iova, 8, bytes.data()));
    CHECK_FALSE(mem.device_read(rx.iova, 8, bytes.data()));

    CHECK(mem.device_read(ring.iova, 8, bytes.data()));
    CHECK(mem.device_write(ring.iova, 8, bytes.data()));

    REQUIRE(mem.faults().size() == 2);
    CHECK(mem.faults()[0].addr == tx.iova);
    CHECK(mem.faults()[0].is_write);
    CHECK(mem.faults()[0].reason == DmaFaultReason::direction);
    CHECK(mem.faults()[1].addr == rx.iova);
    CHECK_FALSE(mem.faults()[1].is_write);
    CHECK(mem.faults()[1].reason == DmaFaultReason::direction);
}

TEST_CASE("after free the device faults on the old address", "[host_memory]") {
    HostMemory mem;
    auto buf = mem.alloc(128, 64, DmaDirection::bidirectional);
    std::array<std::uint8_t, 8> out{};
    REQUIRE(mem.device_read(buf.iova, 8, out.data()));  // warms the lookup cache
    mem.free(buf);
    REQUIRE(mem.live_allocations() == 0);

    REQUIRE_FALSE(mem.device_read(buf.iova, 8, out.data()));
    REQUIRE(mem.faults().size() == 1);
    CHECK(mem.faults()[0].addr == buf.iova);
    CHECK(mem.faults()[0].reason == DmaFaultReason::unmapped);

    // Addresses are not reused: a new allocation never revives the old address.
    auto next = mem.alloc(128, 64, DmaDirection::bidirectional);
    CHECK(next.iova != buf.iova);
    CHECK_FALSE(mem.device_read(buf.iova, 8, out.data()));
}

TEST_CASE("free rejects a double free and a buffer it did not hand out", "[host_memory]") {
    HostMemory mem;
    auto buf = mem.alloc(64, 64, DmaDirection::bidirectional);
    mem.free(buf);
    REQUIRE_THROWS_AS(mem.free(buf), std::invalid_argument);
    REQUIRE_THROWS_AS(mem.free({0x1234, nullptr, 64}), std::invalid_argument);
}

TEST_CASE("unmap and map change what the device may reach without freeing", "[host_memory]") {
    HostMemory mem;
    auto buf = mem.alloc(4096, 4096, DmaDirection::bidirectional);
    std::array<std::uint8_t, 8> out{};

    mem.unmap(buf.iova);
    REQUIRE_FALSE(mem.is_mapped(buf.iova, 8));
    REQUIRE_FALSE(mem.device_read(buf.iova, 8, out.data()));
    buf.cpu[0] = 7;  // the memory itself stays the CPU's

    mem.map(buf.iova + 1024, 1024, DmaDirection::to_device);
    CHECK(mem.is_mapped(buf.iova + 1024, 1024));
    CHECK_FALSE(mem.device_read(buf.iova, 8, out.data()));
    CHECK(mem.device_read(buf.iova + 1024, 8, out.data()));
    CHECK_FALSE(mem.device_read(buf.iova + 2040, 16, out.data()));

    REQUIRE_THROWS_AS(mem.map(buf.iova + 1500, 64, DmaDirection::to_device), std::invalid_argument);  // overlap
    REQUIRE_THROWS_AS(mem.map(buf.iova + 4000, 200, DmaDirection::to_device), std::invalid_argument);  // past block
    REQUIRE_THROWS_AS(mem.unmap(buf.iova), std::invalid_argument);
    CHECK(mem.faults().size() == 3);
}

TEST_CASE("strobed beats write only their strobed bytes", "[host_memory]") {
    HostMemory mem;
    auto buf = mem.alloc(64, 64, DmaDirection::from_device);
    std::memset(buf.cpu, 0xee, 64);
    const std::uint64_t beats[3] = {0x0706050403020100ull, 0x0f0e0d0c0b0a0908ull, 0x1716151413121110ull};
    const std::uint8_t strb[3] = {0xf0, 0xff, 0x03};

    REQUIRE(mem.device_write_strobed(buf.iova + 8, 3, beats, strb));
    CHECK(all_bytes_are(buf.cpu, 12, 0xee));
    for (int i = 12; i < 26; ++i) CHECK(buf.cpu[i] == i - 8);
    CHECK(all_bytes_are(buf.cpu + 26, 64 - 26, 0xee));
}

TEST_CASE("a strobed write is checked on the span of its strobed bytes", "[host_memory]") {
    HostMemory mem;
    auto buf = mem.alloc(64, 64, DmaDirection::bidirectional);
    mem.unmap(buf.iova);
    mem.map(buf.iova + 4, 20, DmaDirection::from_device);  // bytes 4..23
    const std::uint64_t beats[3] = {~0ull, ~0ull, ~0ull};

    const std::uint8_t inside[3] = {0xf0, 0xff, 0xff};
    CHECK(mem.device_write_strobed(buf.iova, 3, beats, inside));
    CHECK(buf.cpu[3] == 0);
    CHECK(buf.cpu[4] == 0xff);
    CHECK(buf.cpu[23] == 0xff);
    CHECK(buf.cpu[24] == 0);

    std::memset(buf.cpu, 0, 64);
    const std::uint8_t one_too_many[3] = {0xf8, 0xff, 0xff};  // byte 3 is not mapped
    CHECK_FALSE(mem.device_write_strobed(buf.iova, 3, beats, one_too_many));
    REQUIRE(mem.faults().size() == 1);
    CHECK(mem.faults()[0].addr == buf.iova + 3);
    CHECK(mem.faults()[0].len == 21);
    CHECK(all_bytes_are(buf.cpu, 64, 0));

    const std::uint8_t none[3] = {0, 0, 0};
    CHECK(mem.device_write_strobed(buf.iova + 4096, 3, beats, none));  // no byte: no access
}

TEST_CASE("cpu_ptr reaches allocated memory whatever the mappings say", "[host_memory]") {
    HostMemory mem;
    auto buf = mem.alloc(64, 64, DmaDirection::to_device);
    mem.unmap(buf.iova);
    CHECK(mem.cpu_ptr(buf.iova + 8, 8) == buf.cpu + 8);
    CHECK(mem.cpu_ptr(buf.iova + 60, 8) == nullptr);
    CHECK(mem.cpu_ptr(0x42, 1) == nullptr);
}
