#include "tx_ring.hpp"

#include <cstring>
#include <stdexcept>
#include <string>

namespace nicsim::driver {

TxRing::TxRing(Device& device, unsigned queue, unsigned size) : device_(device), queue_(queue), size_(size) {
    if (size < 8 || size > 4096 || (size & (size - 1)) != 0)
        throw std::invalid_argument("tx ring size " + std::to_string(size) + ": must be a power of two in 8..4096");
    ring_ = device_.dma_alloc(std::size_t(size) * regs::DESC_BYTES, 4096, DmaDirection::bidirectional);
    buffers_ = device_.dma_alloc(std::size_t(size) * slot_bytes, 4096, DmaDirection::to_device);
}

TxRing::~TxRing() {
    device_.dma_free(buffers_);
    device_.dma_free(ring_);
}

void TxRing::start() {
    const auto reg = [this](std::uint32_t qreg) { return regs::queue_reg(queue_, qreg); };
    device_.mmio_write32(reg(regs::QREG_TX_CTRL), 0);
    device_.mmio_write32(reg(regs::QREG_TX_BASE_LO), static_cast<std::uint32_t>(ring_.iova));
    device_.mmio_write32(reg(regs::QREG_TX_BASE_HI), static_cast<std::uint32_t>(ring_.iova >> 32));
    device_.mmio_write32(reg(regs::QREG_TX_LEN), size_);
    device_.mmio_write32(reg(regs::QREG_TX_CTRL), 1u << regs::TX_CTRL_ENABLE.lsb);
    next_to_use_ = next_to_clean_ = kicked_tail_ = 0;
    in_flight_ = 0;
}

void TxRing::stop() { device_.mmio_write32(regs::queue_reg(queue_, regs::QREG_TX_CTRL), 0); }

bool TxRing::enqueue(std::span<const std::uint8_t> frame) {
    if (frame.empty() || frame.size() > max_frame_bytes)
        throw std::invalid_argument("tx frame of " + std::to_string(frame.size()) + " bytes: must be 1.." +
                                    std::to_string(max_frame_bytes));
    if (free_slots() == 0) return false;
    const std::uint32_t slot = next_to_use_;
    std::memcpy(buffers_.cpu + std::size_t(slot) * slot_bytes, frame.data(), frame.size());
    store_descriptor(descriptor(slot), encode_tx(buffers_.iova + std::uint64_t(slot) * slot_bytes,
                                                 static_cast<std::uint16_t>(frame.size())));
    next_to_use_ = (next_to_use_ + 1) & (size_ - 1);
    ++in_flight_;
    return true;
}

void TxRing::kick() {
    if (kicked_tail_ == next_to_use_) return;
    kicked_tail_ = next_to_use_;
    device_.mmio_write32(regs::queue_reg(queue_, regs::QREG_TX_TAIL), kicked_tail_);
}

bool TxRing::has_completions() const {
    return in_flight_ > 0 && tx_done(load_descriptor(descriptor(next_to_clean_)));
}

unsigned TxRing::reclaim(unsigned max) {
    unsigned done = 0;
    while (done < max && has_completions()) {
        store_descriptor(descriptor(next_to_clean_), DescriptorWords{});
        next_to_clean_ = (next_to_clean_ + 1) & (size_ - 1);
        --in_flight_;
        ++done;
    }
    completions_ += done;
    return done;
}

}  // namespace nicsim::driver
