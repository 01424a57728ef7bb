// The driver's view of a NIC: MMIO registers and DMA-able host memory.
//
// This is the whole boundary between driver/ and whatever implements the device (the
// Verilated RTL today, a C++ model or real hardware later). Nothing in driver/ may include
// Verilator or SystemC headers; everything the driver needs from the platform comes through
// here, in the shape a kernel offers it (readl/writel, dma_alloc_coherent).
#pragma once

#include <cstddef>
#include <cstdint>

namespace nicsim::driver {

// Which way the device may move data through a mapping (as Linux's dma_data_direction).
enum class DmaDirection : std::uint8_t {
    to_device,      // the device only reads (TX buffers)
    from_device,    // the device only writes (RX buffers)
    bidirectional,  // descriptor rings: the device reads and writes back
};

// A block of host memory mapped for the device: `iova` is the address the device uses,
// `cpu` the driver's pointer to the same bytes.
struct DmaBuffer {
    std::uint64_t iova = 0;
    std::uint8_t* cpu = nullptr;
    std::size_t size = 0;
};

class Device {
public:
    virtual ~Device() = default;

    virtual std::uint32_t mmio_read32(std::uint32_t offset) = 0;
    virtual void mmio_write32(std::uint32_t offset, std::uint32_t value) = 0;

    // Allocates zeroed host memory aligned to `align` bytes and maps it for the device.
    virtual DmaBuffer dma_alloc(std::size_t size, std::size_t align, DmaDirection dir) = 0;
    // Unmaps and frees; the device faults on any later access to it.
    virtual void dma_free(const DmaBuffer& buffer) = 0;
};

}  // namespace nicsim::driver
