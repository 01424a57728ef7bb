// Encoding and decoding of the NIC's 16-byte descriptors, from the generated field layout.
//
// Descriptors live in DMA memory the NIC writes concurrently, so they are read and written
// through memcpy of whole little-endian words, never through a packed struct.
#pragma once

#include <cstdint>
#include <cstring>

#include "nic_regs.hpp"

namespace nicsim::driver {

struct DescriptorWords {
    std::uint64_t w0 = 0;
    std::uint64_t w1 = 0;
};

inline DescriptorWords load_descriptor(const std::uint8_t* p) {
    DescriptorWords d;
    std::memcpy(&d.w0, p, 8);
    std::memcpy(&d.w1, p + 8, 8);
    return d;
}

inline void store_descriptor(std::uint8_t* p, const DescriptorWords& d) {
    std::memcpy(p, &d.w0, 8);
    std::memcpy(p + 8, &d.w1, 8);
}

// Reads `f` from a descriptor; fields never straddle the two words.
inline std::uint64_t get_field(const DescriptorWords& d, regs::Field f) {
    if (f.lsb >= 64) return regs::Field{f.lsb - 64, f.width}.get(d.w1);
    return f.get(d.w0);
}

inline void set_field(DescriptorWords& d, regs::Field f, std::uint64_t value) {
    std::uint64_t& word = f.lsb >= 64 ? d.w1 : d.w0;
    const regs::Field in_word{f.lsb % 64, f.width};
    word = (word & ~in_word.mask()) | ((value << in_word.lsb) & in_word.mask());
}

// What the NIC wrote back for one received buffer.
struct RxCompletion {
    std::uint32_t rss_hash = 0;
    std::uint8_t rss_type = 0;
    std::uint16_t length = 0;
    bool done = false;
    bool end_of_packet = false;
    std::uint8_t errors = 0;
};

inline RxCompletion decode_rx_writeback(const DescriptorWords& d) {
    RxCompletion c;
    c.rss_hash = static_cast<std::uint32_t>(get_field(d, regs::DESC_RX_WB_RSS_HASH));
    c.rss_type = static_cast<std::uint8_t>(get_field(d, regs::DESC_RX_WB_RSS_TYPE));
    c.length = static_cast<std::uint16_t>(get_field(d, regs::DESC_RX_WB_LENGTH));
    c.done = get_field(d, regs::DESC_RX_WB_DD) != 0;
    c.end_of_packet = get_field(d, regs::DESC_RX_WB_EOP) != 0;
    c.errors = static_cast<std::uint8_t>(get_field(d, regs::DESC_RX_WB_ERRORS));
    return c;
}

inline DescriptorWords encode_rx_read(std::uint64_t buffer_iova) {
    DescriptorWords d;
    set_field(d, regs::DESC_RX_READ_BUF_ADDR, buffer_iova);
    return d;
}

inline DescriptorWords encode_tx(std::uint64_t buffer_iova, std::uint16_t length) {
    DescriptorWords d;
    set_field(d, regs::DESC_TX_BUF_ADDR, buffer_iova);
    set_field(d, regs::DESC_TX_LENGTH, length);
    return d;
}

inline bool tx_done(const DescriptorWords& d) { return get_field(d, regs::DESC_TX_DD) != 0; }

}  // namespace nicsim::driver
