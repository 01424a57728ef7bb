// A bounded queue of packet copies (mbufs), with recycled storage so a steady flow of
// packets allocates nothing. The IP input queue of the BSD path is one.
#pragma once

#include <cstdint>
#include <deque>
#include <vector>

#include "rx_ring.hpp"

namespace nicsim::driver {

class PacketQueue {
public:
    struct Packet {
        unsigned queue = 0;  // the NIC queue it arrived on
        std::vector<std::uint8_t> bytes;
    };

    explicit PacketQueue(unsigned capacity) : capacity_(capacity) {}

    bool full() const { return packets_.size() >= capacity_; }
    bool empty() const { return packets_.empty(); }
    std::size_t size() const { return packets_.size(); }
    unsigned capacity() const { return capacity_; }

    // Copies the frame in; false (and nothing stored) when the queue is full.
    bool push(unsigned queue, const RxFrameView& frame) {
        if (full()) return false;
        Packet p;
        if (!spare_.empty()) {
            p.bytes = std::move(spare_.back());
            spare_.pop_back();
        }
        p.queue = queue;
        frame.copy_to(p.bytes);
        packets_.push_back(std::move(p));
        return true;
    }

    Packet& front() { return packets_.front(); }
    void pop() {
        spare_.push_back(std::move(packets_.front().bytes));
        packets_.pop_front();
    }

private:
    unsigned capacity_;
    std::deque<Packet> packets_;
    std::vector<std::vector<std::uint8_t>> spare_;
};

// A one-segment view of a queued packet, for handing it on as if it came from the ring.
inline RxFrameView view_of(const PacketQueue::Packet& p) {
    RxFrameView v;
    v.segments.push_back({p.bytes.data(), static_cast<std::uint16_t>(p.bytes.size())});
    v.length = static_cast<std::uint32_t>(p.bytes.size());
    v.queue = p.queue;
    return v;
}

}  // namespace nicsim::driver
