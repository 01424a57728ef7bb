#include "rx_ring.hpp"

#include <stdexcept>
#include <string>

namespace nicsim::driver {

void RxFrameView::copy_to(std::vector<std::uint8_t>& out) const {
    out.clear();
    out.reserve(length);
    for (const auto& s : segments) out.insert(out.end(), s.data, s.data + s.length);
}

RxRing::RxRing(Device& device, unsigned queue, unsigned size, unsigned buffer_size)
    : device_(device), queue_(queue), size_(size), buffer_size_(buffer_size) {
    if (size < 8 || size > 4096 || (size & (size - 1)) != 0)
        throw std::invalid_argument("rx ring size " + std::to_string(size) + ": must be a power of two in 8..4096");
    if (buffer_size < 64 || buffer_size > 16384 || buffer_size % 8 != 0)
        throw std::invalid_argument("rx buffer size " + std::to_string(buffer_size) +
                                    ": must be a multiple of 8 in 64..16384");
    ring_ = device_.dma_alloc(std::size_t(size) * regs::DESC_BYTES, 4096, DmaDirection::bidirectional);
    buffers_ = device_.dma_alloc(std::size_t(size) * buffer_size, 4096, DmaDirection::from_device);
}

RxRing::~RxRing() {
    device_.dma_free(buffers_);
    device_.dma_free(ring_);
}

void RxRing::post(unsigned slot) {
    store_descriptor(descriptor(slot), encode_rx_read(buffers_.iova + std::uint64_t(slot) * buffer_size_));
}

void RxRing::start() {
    const auto reg = [this](std::uint32_t qreg) { return regs::queue_reg(queue_, qreg); };
    device_.mmio_write32(reg(regs::QREG_RX_CTRL), 0);
    device_.mmio_write32(reg(regs::QREG_RX_BASE_LO), static_cast<std::uint32_t>(ring_.iova));
    device_.mmio_write32(reg(regs::QREG_RX_BASE_HI), static_cast<std::uint32_t>(ring_.iova >> 32));
    device_.mmio_write32(reg(regs::QREG_RX_LEN), size_);
    device_.mmio_write32(reg(regs::QREG_RX_BUF_SIZE), buffer_size_);
    device_.mmio_write32(reg(regs::QREG_RX_CTRL), 1u << regs::RX_CTRL_ENABLE.lsb);
    next_to_clean_ = 0;
    for (unsigned slot = 0; slot + 1 < size_; ++slot) post(slot);
    tail_ = size_ - 1;
    device_.mmio_write32(reg(regs::QREG_RX_TAIL), tail_);
}

void RxRing::stop() { device_.mmio_write32(regs::queue_reg(queue_, regs::QREG_RX_CTRL), 0); }

bool RxRing::has_work() const { return decode_rx_writeback(load_descriptor(descriptor(next_to_clean_))).done; }

unsigned RxRing::poll(unsigned budget, const std::function<void(const RxFrameView&)>& visit) {
    if (tracepoints_) tracepoints_->rx_poll_begin(queue_);
    const std::uint32_t mask = size_ - 1;
    unsigned frames = 0;
    unsigned consumed = 0;
    while (frames < budget) {
        // Find the frame's last descriptor before consuming any of it.
        frame_.segments.clear();
        frame_.length = 0;
        std::uint32_t slot = next_to_clean_;
        bool complete = false;
        for (unsigned n = 0; n < size_; ++n, slot = (slot + 1) & mask) {
            const RxCompletion c = decode_rx_writeback(load_descriptor(descriptor(slot)));
            if (!c.done) break;
            frame_.segments.push_back({buffers_.cpu + std::size_t(slot) * buffer_size_, c.length});
            frame_.length += c.length;
            frame_.rss_hash = c.rss_hash;
            frame_.rss_type = c.rss_type;
            frame_.errors = c.errors;
            if (c.end_of_packet) {
                complete = true;
                break;
            }
        }
        if (!complete) break;
        frame_.queue = queue_;
        visit(frame_);
        const auto used = static_cast<std::uint32_t>(frame_.segments.size());
        // Clear the write-backs so a stale DD can never be mistaken for a new completion.
        for (std::uint32_t n = 0; n < used; ++n)
            store_descriptor(descriptor((next_to_clean_ + n) & mask), DescriptorWords{});
        next_to_clean_ = (next_to_clean_ + used) & mask;
        consumed += used;
        ++frames;
    }
    if (consumed > 0) {
        // Slot i always owns buffer i, so the slots to re-post are exactly those from the tail.
        for (unsigned n = 0; n < consumed; ++n) {
            post(tail_);
            tail_ = (tail_ + 1) & mask;
        }
        device_.mmio_write32(regs::queue_reg(queue_, regs::QREG_RX_TAIL), tail_);
    }
    if (tracepoints_) tracepoints_->rx_poll_end(queue_, frames);
    return frames;
}

}  // namespace nicsim::driver
