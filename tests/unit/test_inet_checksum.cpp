// model/inet_checksum.hpp and model/byte_order.hpp: the checksum and the header-field access
// that the frame builder, the test frames and the bridge's host stack all share.
#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "byte_order.hpp"
#include "inet_checksum.hpp"

using namespace nicsim::model;

TEST_CASE("Internet checksum matches RFC 1071's worked example", "[unit][model]") {
    // RFC 1071 section 3: the words 0001 f203 f4f5 f6f7 sum to ddf2 (folded), checksum 220d.
    const std::vector<std::uint8_t> data{0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7};
    CHECK(inet_checksum(data) == 0x220d);
    const std::vector<std::uint8_t> odd{0x01};  // padded with a zero byte
    CHECK(inet_checksum(odd) == static_cast<std::uint16_t>(~0x0100 & 0xffff));
}

TEST_CASE("a message with its checksum filled in checks, and one flipped bit does not", "[unit][model]") {
    // A real IPv4 header (Linux's ping, checksum 0xfbae at bytes 10..11).
    std::vector<std::uint8_t> header{0x45, 0x00, 0x00, 0x54, 0x2a, 0x5e, 0x40, 0x00, 0x40, 0x01,
                                     0xfb, 0xae, 0x0a, 0x4d, 0x00, 0x01, 0x0a, 0x4d, 0x00, 0x02};
    CHECK(inet_checksum_ok(header));
    store_be16(header, 10, 0);
    CHECK(inet_checksum(header) == 0xfbae);
    store_be16(header, 10, 0xfbae);
    header[8] ^= 1;
    CHECK_FALSE(inet_checksum_ok(header));
    // A chained sum: the pseudo-header part first, then the message.
    const std::vector<std::uint8_t> a{0x12, 0x34}, b{0x56, 0x78};
    CHECK(inet_fold(inet_sum(b, inet_sum(a))) == inet_checksum(std::vector<std::uint8_t>{0x12, 0x34, 0x56, 0x78}));
}

TEST_CASE("big-endian loads and stores put the most significant byte first", "[unit][model]") {
    std::vector<std::uint8_t> b(16, 0);
    store_be16(b, 1, 0x0102);
    store_be32(b, 3, 0x03040506u);
    store_be64(b, 7, 0x0708090a0b0c0d0eull);
    CHECK(b == std::vector<std::uint8_t>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 0});
    CHECK(load_be16(b, 1) == 0x0102);
    CHECK(load_be32(b, 3) == 0x03040506u);
    CHECK(load_be64(b, 7) == 0x0708090a0b0c0d0eull);
    std::vector<std::uint8_t> out;
    append_be16(out, 0x86dd);
    CHECK(out == std::vector<std::uint8_t>{0x86, 0xdd});
}
