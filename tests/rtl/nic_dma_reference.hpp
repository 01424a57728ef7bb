// The C++ reference of what the NIC's DMA subsystem (rtl/nic_dma.sv) must do, at transaction
// level: the bytes of every test frame, what an RX frame must leave in host memory (buffer
// contents and written-back descriptors), what a TX descriptor must look like after its
// write-back, and the per-queue order and conservation rules the block test checks against.
//
// Timing is not modelled (it is the engines' choice); the result is. The block test
// (test_nic_dma.cpp) runs the Verilated nic_dma against an irregular host and compares what it
// sees with these functions.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace nicsim::test::dma {

enum class Dir : std::uint8_t { rx, tx };

// The bytes of test frame `seq` of queue `queue`: byte 0 is 0xE0 | queue, bytes 1..4 the
// sequence number (little endian, as far as the frame reaches), the rest pseudo-random from
// (seed, dir, queue, seq). So a frame names its queue and place, and any byte moved, lost or
// duplicated shows.
std::vector<std::uint8_t> frame_bytes(std::uint64_t seed, Dir dir, unsigned queue, std::uint32_t seq,
                                      unsigned len);
unsigned queue_of(const std::vector<std::uint8_t>& frame);
std::uint32_t seq_of(const std::vector<std::uint8_t>& frame);  // frames of >= 5 bytes

using Descriptor = std::array<std::uint8_t, 16>;

// An RX descriptor as software posts it (buffer address in w0, w1 zero).
Descriptor rx_posted(std::uint64_t buf_addr);
// What the NIC writes back for each buffer of a received frame of `len` bytes in buffers of
// `buf_size` bytes: one descriptor per buffer, length of the bytes in it, dd, eop on the last,
// the RSS hash and type on every one.
std::vector<Descriptor> rx_written_back(unsigned len, unsigned buf_size, std::uint32_t rss_hash,
                                        std::uint8_t rss_type);
// Buffers a frame needs.
unsigned rx_buffers_needed(unsigned len, unsigned buf_size);
bool rx_dd(const Descriptor& d);

// A TX descriptor as software posts it, and as it must read after the write-back: the same
// 16 bytes with dd set and nothing else changed.
Descriptor tx_posted(std::uint64_t buf_addr, unsigned len);
Descriptor tx_written_back(const Descriptor& posted);
bool tx_dd(const Descriptor& d);

// Per-queue order: the frames offered to one queue (in order) against the frames that came
// out. A frame may be missing only as a drop; it may never come out twice, out of order, or
// without having been offered.
class QueueOrder {
public:
    void offer(std::uint32_t seq) { offered_.push_back(seq); }
    // Records frame `seq` coming out; returns an error message if that breaks the order.
    std::optional<std::string> deliver(std::uint32_t seq);
    std::size_t offered() const { return offered_.size(); }
    std::size_t delivered() const { return delivered_; }
    std::size_t skipped() const { return skipped_; }  // passed over by a later delivery
    std::size_t outstanding() const { return offered_.size() - next_; }

private:
    std::vector<std::uint32_t> offered_;
    std::size_t next_ = 0, delivered_ = 0, skipped_ = 0;
};

}  // namespace nicsim::test::dma
