#include "bus/host_memory.hpp"

#include <bit>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <stdexcept>
#include <string>

namespace nicsim::tb {

// Beats are moved to and from memory with memcpy, which puts byte lane 0 at the lowest
// address only on a little-endian host.
static_assert(std::endian::native == std::endian::little,
              "HostMemory assumes a little-endian host (AXI byte lane 0 = lowest address)");

namespace {

bool is_power_of_two(std::size_t v) { return v != 0 && (v & (v - 1)) == 0; }

std::uint64_t round_up(std::uint64_t v, std::uint64_t align) { return (v + align - 1) & ~(align - 1); }

bool device_may(DmaDirection dir, bool is_write) {
    switch (dir) {
        case DmaDirection::to_device: return !is_write;
        case DmaDirection::from_device: return is_write;
        case DmaDirection::bidirectional: return true;
    }
    return false;
}

std::string hex(std::uint64_t v) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(v));
    return buf;
}

}  // namespace

std::string_view to_string(DmaFaultReason reason) {
    switch (reason) {
        case DmaFaultReason::unmapped: return "unmapped";
        case DmaFaultReason::crosses_mapping: return "crosses the end of its mapping";
        case DmaFaultReason::direction: return "direction not allowed by the mapping";
        case DmaFaultReason::address_overflow: return "address range wraps around 2^64";
    }
    return "?";
}

DmaBuffer HostMemory::alloc(std::size_t size, std::size_t align, DmaDirection dir) {
    if (size == 0) throw std::invalid_argument("HostMemory::alloc: size 0");
    if (!is_power_of_two(align == 0 ? 1 : align))
        throw std::invalid_argument("HostMemory::alloc: alignment " + std::to_string(align) +
                                    " is not a power of two");
    const std::uint64_t effective_align = align < kMinAlign ? kMinAlign : align;
    const std::uint64_t base = round_up(next_free_, effective_align);
    const std::uint64_t padded = round_up(size, kMinAlign);

    Block block;
    block.size = padded;
    block.bytes = std::make_unique<std::uint8_t[]>(padded);  // value-initialised: zeroed
    std::uint8_t* cpu = block.bytes.get();
    blocks_.emplace(base, std::move(block));
    next_free_ = base + padded;
    map(base, padded, dir);
    return DmaBuffer{base, cpu, size};
}

void HostMemory::free(const DmaBuffer& buffer) {
    auto it = blocks_.find(buffer.iova);
    if (it == blocks_.end() || it->second.bytes.get() != buffer.cpu)
        throw std::invalid_argument("HostMemory::free: " + hex(buffer.iova) +
                                    " is not a live allocation (double free?)");
    const std::uint64_t end = buffer.iova + it->second.size;
    auto m = mappings_.lower_bound(buffer.iova);
    while (m != mappings_.end() && m->first < end) m = mappings_.erase(m);
    last_hit_ = nullptr;
    blocks_.erase(it);
}

void HostMemory::map(std::uint64_t iova, std::size_t size, DmaDirection dir) {
    std::uint64_t base = 0;
    const Block* block = block_holding(iova, size, &base);
    if (size == 0 || block == nullptr)
        throw std::invalid_argument("HostMemory::map: [" + hex(iova) + ", +" + std::to_string(size) +
                                    ") is not inside one allocated block");
    auto next = mappings_.lower_bound(iova);
    const bool overlaps_next = next != mappings_.end() && next->first < iova + size;
    const bool overlaps_prev = next != mappings_.begin() && std::prev(next)->second.end > iova;
    if (overlaps_next || overlaps_prev)
        throw std::invalid_argument("HostMemory::map: [" + hex(iova) + ", +" + std::to_string(size) +
                                    ") overlaps an existing mapping");
    mappings_.emplace_hint(next, iova, Mapping{iova, iova + size, dir, block->bytes.get() + (iova - base)});
}

void HostMemory::unmap(std::uint64_t iova) {
    auto it = mappings_.find(iova);
    if (it == mappings_.end())
        throw std::invalid_argument("HostMemory::unmap: no mapping starts at " + hex(iova));
    mappings_.erase(it);
    last_hit_ = nullptr;
}

bool HostMemory::is_mapped(std::uint64_t addr, std::size_t len) const {
    auto it = mappings_.upper_bound(addr);
    if (it == mappings_.begin()) return false;
    --it;
    return addr >= it->second.start && len <= it->second.end - addr;
}

const HostMemory::Mapping* HostMemory::check(std::uint64_t addr, std::size_t len, bool is_write) {
    auto refuse = [&](DmaFaultReason reason) -> const Mapping* {
        faults_.push_back(DmaFault{addr, len, is_write, reason});
        return nullptr;
    };
    const std::uint64_t last = addr + (len - 1);
    if (last < addr) return refuse(DmaFaultReason::address_overflow);

    const Mapping* m = last_hit_;
    if (m == nullptr || addr < m->start || addr >= m->end) {
        auto it = mappings_.upper_bound(addr);
        if (it == mappings_.begin()) return refuse(DmaFaultReason::unmapped);
        --it;
        if (addr >= it->second.end) return refuse(DmaFaultReason::unmapped);
        m = &it->second;
        last_hit_ = m;
    }
    if (last >= m->end) return refuse(DmaFaultReason::crosses_mapping);
    if (!device_may(m->dir, is_write)) return refuse(DmaFaultReason::direction);
    return m;
}

bool HostMemory::device_read(std::uint64_t addr, std::size_t len, std::uint8_t* out) {
    if (len == 0) return true;
    const Mapping* m = check(addr, len, false);
    if (m == nullptr) return false;
    std::memcpy(out, m->host + (addr - m->start), len);
    return true;
}

bool HostMemory::device_write(std::uint64_t addr, std::size_t len, const std::uint8_t* data) {
    if (len == 0) return true;
    const Mapping* m = check(addr, len, true);
    if (m == nullptr) return false;
    std::memcpy(m->host + (addr - m->start), data, len);
    return true;
}

bool HostMemory::device_write_strobed(std::uint64_t addr, std::size_t beats, const std::uint64_t* data,
                                      const std::uint8_t* strobes) {
    const std::uint64_t beat0 = addr & ~std::uint64_t{7};
    std::size_t first_beat = 0;
    while (first_beat < beats && strobes[first_beat] == 0) ++first_beat;
    if (first_beat == beats) return true;  // nothing strobed: nothing written
    std::size_t last_beat = beats - 1;
    while (strobes[last_beat] == 0) --last_beat;

    const auto first_lane = static_cast<unsigned>(std::countr_zero(strobes[first_beat]));
    const auto last_lane = 7u - static_cast<unsigned>(std::countl_zero(strobes[last_beat]));
    const std::uint64_t first = beat0 + 8 * first_beat + first_lane;
    const std::uint64_t last = beat0 + 8 * last_beat + last_lane;
    const Mapping* m = check(first, last - first + 1, true);
    if (m == nullptr) return false;

    for (std::size_t i = first_beat; i <= last_beat; ++i) {
        const std::uint64_t beat_addr = beat0 + 8 * i;
        const std::uint8_t strb = strobes[i];
        if (strb == 0xFF) {
            std::memcpy(m->host + (beat_addr - m->start), &data[i], 8);
            continue;
        }
        for (unsigned lane = 0; lane < 8; ++lane) {
            if ((strb >> lane) & 1u)
                m->host[beat_addr + lane - m->start] = static_cast<std::uint8_t>(data[i] >> (8 * lane));
        }
    }
    return true;
}

std::uint8_t* HostMemory::cpu_ptr(std::uint64_t addr, std::size_t len) {
    std::uint64_t base = 0;
    const Block* block = block_holding(addr, len, &base);
    return block == nullptr ? nullptr : block->bytes.get() + (addr - base);
}

const HostMemory::Block* HostMemory::block_holding(std::uint64_t addr, std::size_t len,
                                                   std::uint64_t* base) const {
    auto it = blocks_.upper_bound(addr);
    if (it == blocks_.begin()) return nullptr;
    --it;
    if (addr - it->first >= it->second.size || len > it->second.size - (addr - it->first)) return nullptr;
    *base = it->first;
    return &it->second;
}

}  // namespace nicsim::tb
