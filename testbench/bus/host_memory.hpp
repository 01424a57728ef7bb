// The host's physical memory and the map of what the driver has made DMA-able.
//
// Memory is handed out from a simulated 64-bit physical address space that starts at
// 0x1'0000'0000, so every DMA address has upper bits set and a NIC that truncates addresses
// to 32 bits faults at once. There is no IOMMU translation: the address the device uses
// (iova) is the physical address. Addresses are never reused, so a device access to memory
// freed earlier always faults instead of landing in a newer buffer.
//
// Two separate notions, as in a real host:
//   - physical memory: blocks made by alloc() (zeroed), released by free();
//   - mappings: which ranges the device may touch, and which way (DmaDirection). alloc()
//     maps its block, free() unmaps it; map()/unmap() let tests change the map on their own.
//
// Every device access must lie in ONE mapping whose direction allows it. A refused access
// touches no memory and is recorded in faults() with its address, length and reason.
//
// Device accesses sit on the DMA hot path: the lookup is a std::map::upper_bound behind a
// one-entry cache of the last mapping hit, and nothing allocates unless a fault is recorded.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string_view>
#include <vector>

#include "device.hpp"

namespace nicsim::tb {

using driver::DmaBuffer;
using driver::DmaDirection;

enum class DmaFaultReason : std::uint8_t {
    unmapped,           // the first byte lies in no mapping
    crosses_mapping,    // starts in a mapping but runs past its end
    direction,          // the mapping's direction forbids this access
    address_overflow,   // addr + len wraps around 2^64
};

std::string_view to_string(DmaFaultReason reason);

struct DmaFault {
    std::uint64_t addr = 0;
    std::size_t len = 0;
    bool is_write = false;
    DmaFaultReason reason = DmaFaultReason::unmapped;
};

class HostMemory {
public:
    static constexpr std::uint64_t kBaseAddress = 0x1'0000'0000ull;
    // Every allocation is aligned to and padded to whole 8-byte beats of the DMA bus, as a
    // real allocator rounds to cache lines or pages: a device reading the last beat of a
    // 61-byte buffer reads bytes 61..63 of the same allocation, which must not fault.
    static constexpr std::size_t kMinAlign = 8;

    HostMemory() = default;
    HostMemory(const HostMemory&) = delete;
    HostMemory& operator=(const HostMemory&) = delete;

    // Allocates `size` zeroed bytes aligned to `align` (a power of two; at least kMinAlign),
    // and maps them for the device with `dir`. Throws std::invalid_argument on size 0 or a bad
    // alignment.
    DmaBuffer alloc(std::size_t size, std::size_t align, DmaDirection dir);
    // Unmaps every mapping inside the buffer's block and releases it. Throws
    // std::invalid_argument if `buffer` is not a live allocation (double free, wrong iova).
    void free(const DmaBuffer& buffer);

    // Maps [iova, iova + size) for the device. The range must lie in one allocated block and
    // must not overlap an existing mapping (std::invalid_argument otherwise).
    void map(std::uint64_t iova, std::size_t size, DmaDirection dir);
    // Removes the mapping that starts at `iova` (std::invalid_argument if there is none).
    void unmap(std::uint64_t iova);
    bool is_mapped(std::uint64_t addr, std::size_t len) const;

    // Device side. Each returns false, records a fault and touches nothing when refused.
    // A zero-length access is allowed and does nothing.
    bool device_read(std::uint64_t addr, std::size_t len, std::uint8_t* out);
    bool device_write(std::uint64_t addr, std::size_t len, const std::uint8_t* data);
    // Writes `beats` 8-byte bus beats with byte strobes. Beat i covers the 8 bytes at
    // (addr & ~7) + 8 * i, byte lane j (bits [8j+7:8j]) going to address + j when strobe bit
    // j is set. The access checked (and reported in a fault) is the span from the first to
    // the last strobed byte; a write with no strobe set touches nothing and succeeds.
    bool device_write_strobed(std::uint64_t addr, std::size_t beats, const std::uint64_t* data,
                              const std::uint8_t* strobes);

    const std::vector<DmaFault>& faults() const { return faults_; }
    void clear_faults() { faults_.clear(); }

    // CPU side, for tests and the harness: a pointer to `len` bytes of allocated memory at
    // `addr`, whatever the mappings say; nullptr if they are not inside one allocated block.
    std::uint8_t* cpu_ptr(std::uint64_t addr, std::size_t len);

    std::size_t live_allocations() const { return blocks_.size(); }

private:
    struct Block {
        std::size_t size = 0;
        std::unique_ptr<std::uint8_t[]> bytes;
    };
    struct Mapping {
        std::uint64_t start = 0;
        std::uint64_t end = 0;  // one past the last byte
        DmaDirection dir = DmaDirection::bidirectional;
        std::uint8_t* host = nullptr;  // the byte at `start`
    };

    // The mapping that holds [addr, addr + len) and allows the access, or nullptr after
    // recording the fault.
    const Mapping* check(std::uint64_t addr, std::size_t len, bool is_write);
    const Block* block_holding(std::uint64_t addr, std::size_t len, std::uint64_t* base) const;

    std::map<std::uint64_t, Block> blocks_;      // by base address
    std::map<std::uint64_t, Mapping> mappings_;  // by start address, never overlapping
    const Mapping* last_hit_ = nullptr;          // cleared whenever a mapping goes away
    std::uint64_t next_free_ = kBaseAddress;
    std::vector<DmaFault> faults_;
};

}  // namespace nicsim::tb
