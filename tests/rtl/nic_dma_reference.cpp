#include "nic_dma_reference.hpp"

#include <nic_regs.hpp>

#include <algorithm>

namespace nicsim::test::dma {

namespace {

// splitmix64: a cheap, well-mixed function of its input, so frame bytes need no stored state.
std::uint64_t mix(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

void put_field(Descriptor& d, regs::Field f, std::uint64_t value) {
    for (unsigned i = 0; i < f.width; ++i) {
        const unsigned bit = f.lsb + i;
        const auto mask = static_cast<std::uint8_t>(1u << (bit % 8));
        if ((value >> i) & 1u) {
            d[bit / 8] |= mask;
        } else {
            d[bit / 8] &= static_cast<std::uint8_t>(~mask);
        }
    }
}

std::uint64_t get_field(const Descriptor& d, regs::Field f) {
    std::uint64_t v = 0;
    for (unsigned i = 0; i < f.width; ++i) {
        const unsigned bit = f.lsb + i;
        v |= static_cast<std::uint64_t>((d[bit / 8] >> (bit % 8)) & 1u) << i;
    }
    return v;
}

}  // namespace

std::vector<std::uint8_t> frame_bytes(std::uint64_t seed, Dir dir, unsigned queue, std::uint32_t seq,
                                      unsigned len) {
    std::vector<std::uint8_t> f(len);
    const std::uint64_t key = mix(seed ^ (static_cast<std::uint64_t>(dir) << 62) ^
                                  (static_cast<std::uint64_t>(queue) << 40) ^ seq);
    std::uint64_t word = 0;
    for (unsigned i = 0; i < len; ++i) {
        if (i % 8 == 0) word = mix(key + i);
        f[i] = static_cast<std::uint8_t>(word >> (8 * (i % 8)));
    }
    if (len > 0) f[0] = static_cast<std::uint8_t>(0xE0 | queue);
    for (unsigned i = 1; i < 5 && i < len; ++i) f[i] = static_cast<std::uint8_t>(seq >> (8 * (i - 1)));
    return f;
}

unsigned queue_of(const std::vector<std::uint8_t>& frame) { return frame.empty() ? ~0u : frame[0] & 0x1Fu; }

std::uint32_t seq_of(const std::vector<std::uint8_t>& frame) {
    std::uint32_t s = 0;
    for (unsigned i = 1; i < 5 && i < frame.size(); ++i) s |= static_cast<std::uint32_t>(frame[i]) << (8 * (i - 1));
    return s;
}

Descriptor rx_posted(std::uint64_t buf_addr) {
    Descriptor d{};
    put_field(d, regs::DESC_RX_READ_BUF_ADDR, buf_addr);
    return d;
}

unsigned rx_buffers_needed(unsigned len, unsigned buf_size) { return (len + buf_size - 1) / buf_size; }

std::vector<Descriptor> rx_written_back(unsigned len, unsigned buf_size, std::uint32_t rss_hash,
                                        std::uint8_t rss_type) {
    std::vector<Descriptor> out;
    const unsigned n = rx_buffers_needed(len, buf_size);
    for (unsigned i = 0; i < n; ++i) {
        Descriptor d{};
        put_field(d, regs::DESC_RX_WB_RSS_HASH, rss_hash);
        put_field(d, regs::DESC_RX_WB_RSS_TYPE, rss_type);
        put_field(d, regs::DESC_RX_WB_LENGTH, std::min(buf_size, len - i * buf_size));
        put_field(d, regs::DESC_RX_WB_DD, 1);
        put_field(d, regs::DESC_RX_WB_EOP, i + 1 == n);
        out.push_back(d);
    }
    return out;
}

bool rx_dd(const Descriptor& d) { return get_field(d, regs::DESC_RX_WB_DD) != 0; }

Descriptor tx_posted(std::uint64_t buf_addr, unsigned len) {
    Descriptor d{};
    put_field(d, regs::DESC_TX_BUF_ADDR, buf_addr);
    put_field(d, regs::DESC_TX_LENGTH, len);
    // Bits software leaves as garbage around dd: the write-back must keep them.
    d[11] = 0x5A;
    d[12] = 0xA4;  // dd (bit 0 of byte 12) clear, the rest set in a pattern
    d[15] = 0xC3;
    return d;
}

Descriptor tx_written_back(const Descriptor& posted) {
    Descriptor d = posted;
    put_field(d, regs::DESC_TX_DD, 1);
    return d;
}

bool tx_dd(const Descriptor& d) { return get_field(d, regs::DESC_TX_DD) != 0; }

std::optional<std::string> QueueOrder::deliver(std::uint32_t seq) {
    const auto it = std::find(offered_.begin() + static_cast<std::ptrdiff_t>(next_), offered_.end(), seq);
    if (it == offered_.end())
        return "frame " + std::to_string(seq) + " came out but was not offered after the previous one (" +
               std::to_string(delivered_) + " delivered so far)";
    const auto at = static_cast<std::size_t>(it - offered_.begin());
    skipped_ += at - next_;
    next_ = at + 1;
    ++delivered_;
    return std::nullopt;
}

}  // namespace nicsim::test::dma
