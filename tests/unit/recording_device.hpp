// A driver::Device that records every MMIO access in order and answers reads from a table,
// for unit tests of the register words driver code writes. DMA memory is plain host memory
// at made-up device addresses (nothing reads it but the driver).
#pragma once

#include <cstdint>
#include <map>
#include <ostream>
#include <memory>
#include <optional>
#include <vector>

#include "device.hpp"

namespace nicsim::test {

class RecordingDevice : public driver::Device {
public:
    struct Access {
        bool write = false;
        std::uint32_t offset = 0;
        std::uint32_t value = 0; // written, or returned by the read

        friend bool operator==(const Access&, const Access&) = default;
        friend std::ostream& operator<<(std::ostream& os, const Access& a) {
            return os << (a.write ? "write 0x" : "read 0x") << std::hex << a.offset << " = 0x"
                      << a.value << std::dec;
        }
    };

    // What reads of `offset` return from now on (0 until set).
    void set_register(std::uint32_t offset, std::uint32_t value) { registers_[offset] = value; }

    std::uint32_t mmio_read32(std::uint32_t offset) override {
        const auto it = registers_.find(offset);
        const std::uint32_t value = it == registers_.end() ? 0 : it->second;
        accesses_.push_back(Access{false, offset, value});
        return value;
    }

    void mmio_write32(std::uint32_t offset, std::uint32_t value) override {
        accesses_.push_back(Access{true, offset, value});
    }

    driver::DmaBuffer dma_alloc(std::size_t size, std::size_t align,
                                driver::DmaDirection /*dir*/) override {
        auto& block = blocks_.emplace_back(std::make_unique<std::uint8_t[]>(size + align));
        next_iova_ = (next_iova_ + align - 1) / align * align;
        const driver::DmaBuffer buffer{next_iova_, block.get(), size};
        next_iova_ += size;
        return buffer;
    }

    void dma_free(const driver::DmaBuffer& /*buffer*/) override {}

    [[nodiscard]] const std::vector<Access>& accesses() const { return accesses_; }

    // The writes only, in order.
    [[nodiscard]] std::vector<Access> writes() const {
        std::vector<Access> out;
        for (const Access& a : accesses_) {
            if (a.write) out.push_back(a);
        }
        return out;
    }

    // The last value written to `offset`, or nothing.
    [[nodiscard]] std::optional<std::uint32_t> last_write(std::uint32_t offset) const {
        for (auto it = accesses_.rbegin(); it != accesses_.rend(); ++it) {
            if (it->write && it->offset == offset) return it->value;
        }
        return std::nullopt;
    }

    void clear() { accesses_.clear(); }

private:
    std::map<std::uint32_t, std::uint32_t> registers_;
    std::vector<Access> accesses_;
    std::vector<std::unique_ptr<std::uint8_t[]>> blocks_;
    std::uint64_t next_iova_ = 0x10000;
};

} // namespace nicsim::test
