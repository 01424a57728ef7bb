// The driver's Device interface (driver/device.hpp) implemented on an RtlHarness: what lets
// the unchanged driver run against the Verilated NIC.
//
// MMIO is blocking and advances simulated time by the access's round trip, as a CPU stalls
// on an uncached load. A read the NIC answers with an error returns 0xFFFFFFFF, which is what
// a driver sees from a PCIe read that fails; errors of both kinds are counted in
// mmio_errors() so a test can assert there were none.
#pragma once

#include <cstddef>
#include <cstdint>

#include "bus/bus_ports.hpp"
#include "device.hpp"

namespace nicsim::tb {

template <class Harness>  // an RtlHarness<...>
class RtlDevice final : public driver::Device {
public:
    explicit RtlDevice(Harness& harness) : harness_(harness) {}

    std::uint32_t mmio_read32(std::uint32_t offset) override {
        const std::uint32_t value = harness_.mmio_read32(offset);
        if (harness_.last_mmio_error() == AxiResp::okay) return value;
        ++mmio_errors_;
        return 0xFFFF'FFFFu;
    }

    void mmio_write32(std::uint32_t offset, std::uint32_t value) override {
        if (harness_.mmio_write32(offset, value) != AxiResp::okay) ++mmio_errors_;
    }

    driver::DmaBuffer dma_alloc(std::size_t size, std::size_t align, driver::DmaDirection dir) override {
        return harness_.memory().alloc(size, align, dir);
    }

    void dma_free(const driver::DmaBuffer& buffer) override { harness_.memory().free(buffer); }

    std::uint64_t mmio_errors() const { return mmio_errors_; }
    Harness& harness() { return harness_; }

private:
    Harness& harness_;
    std::uint64_t mmio_errors_ = 0;
};

}  // namespace nicsim::tb
