// A FIFO of reusable slots for the models' in-flight transfers.
//
// std::deque allocates and frees blocks as it is pushed and popped, which on the per-beat
// path of a simulation running millions of cycles per second is measurable. RingQueue keeps
// its slots alive: a popped slot keeps its contents (and, for a slot holding a std::vector,
// its capacity), and push_slot() hands it back for reuse. It allocates only when it grows past
// its largest size so far, doubling, so the steady state allocates nothing.
#pragma once

#include <cassert>
#include <cstddef>
#include <utility>
#include <vector>

namespace nicsim::tb {

template <class T>
class RingQueue {
public:
    explicit RingQueue(std::size_t initial_capacity = 16) {
        std::size_t cap = 1;
        while (cap < initial_capacity) cap <<= 1;
        slots_.resize(cap);
    }

    bool empty() const { return count_ == 0; }
    std::size_t size() const { return count_; }

    // The element at position i from the front (0 = oldest).
    T& operator[](std::size_t i) {
        assert(i < count_);
        return slots_[(head_ + i) & (slots_.size() - 1)];
    }
    const T& operator[](std::size_t i) const {
        assert(i < count_);
        return slots_[(head_ + i) & (slots_.size() - 1)];
    }
    T& front() { return (*this)[0]; }
    const T& front() const { return (*this)[0]; }
    T& back() { return (*this)[count_ - 1]; }

    // Appends a slot and returns it for the caller to fill in. The slot holds whatever an
    // earlier occupant left there: the caller must set every field it reads later.
    T& push_slot() {
        if (count_ == slots_.size()) grow();
        ++count_;
        return back();
    }

    void push(T value) { push_slot() = std::move(value); }

    void pop_front() {
        assert(count_ > 0);
        head_ = (head_ + 1) & (slots_.size() - 1);
        --count_;
    }

    void clear() {
        head_ = 0;
        count_ = 0;
    }

private:
    void grow() {
        std::vector<T> bigger(slots_.size() * 2);
        for (std::size_t i = 0; i < count_; ++i) bigger[i] = std::move((*this)[i]);
        slots_ = std::move(bigger);
        head_ = 0;
    }

    std::vector<T> slots_;  // size is a power of two
    std::size_t head_ = 0;
    std::size_t count_ = 0;
};

}  // namespace nicsim::tb
