// The Toeplitz hash against the published RSS verification suite.
//
// Source of the vectors: Microsoft, "Verifying the RSS Hash Calculation" (Windows driver docs,
// learn.microsoft.com/windows-hardware/drivers/network/verifying-the-rss-hash-calculation),
// the same tables as Intel's 82599 datasheet section 7.1.2.8.3 "RSS Verification Suite". The
// values below were cross-checked against two independent public copies of those tables --
// DPDK's app/test/test_thash.c (v4_tbl/v6_tbl, "From 82599 Datasheet 7.1.2.8.3") and Knot
// DNS's Toeplitz unit test -- and every one is also recomputed here by the bit-serial
// definition. The IPv4 table has five rows; the IPv6 table has three (the published suite has
// no more). The tables list destination before source; the hash input is source address,
// destination address, source port, destination port.
#include <catch2/catch.hpp>

#include <arpa/inet.h>

#include <array>
#include <cstdint>
#include <vector>

#include "toeplitz.hpp"

using namespace nicsim::model;

namespace {

struct VerificationRow {
    const char* destination;
    std::uint16_t destination_port;
    const char* source;
    std::uint16_t source_port;
    std::uint32_t addresses_only; // "IPv4 only" / "IPv6 only" column
    std::uint32_t with_tcp;       // "IPv4 with TCP" / "IPv6 with TCP" column
};

constexpr std::array<VerificationRow, 5> ipv4_rows = {{
    {"161.142.100.80", 1766, "66.9.149.187", 2794, 0x323e8fc2, 0x51ccc178},
    {"65.69.140.83", 4739, "199.92.111.2", 14230, 0xd718262a, 0xc626b0ea},
    {"12.22.207.184", 38024, "24.19.198.95", 12898, 0xd2d0a5de, 0x5c2b394a},
    {"209.142.163.6", 2217, "38.27.205.30", 48228, 0x82989176, 0xafc7327f},
    {"202.188.127.2", 1303, "153.39.163.191", 44251, 0x5d1809c5, 0x10e828a2},
}};

constexpr std::array<VerificationRow, 3> ipv6_rows = {{
    {"3ffe:2501:200:3::1", 1766, "3ffe:2501:200:1fff::7", 2794, 0x2cc18cd5, 0x40207d3d},
    {"ff02::1", 4739, "3ffe:501:8::260:97ff:fe40:efab", 14230, 0x0f0c461c, 0xdde51bbf},
    {"fe80::200:f8ff:fe21:67cf", 38024, "3ffe:1900:4545:3:200:f8ff:fe21:67cf", 44251,
     0x4b61e985, 0x02d1feef},
}};

// Network-order bytes of a textual address, via the C library rather than the model's parser.
void append_address(std::vector<std::uint8_t>& out, int family, const char* text) {
    std::array<std::uint8_t, 16> bytes{};
    REQUIRE(inet_pton(family, text, bytes.data()) == 1);
    out.insert(out.end(), bytes.begin(), bytes.begin() + (family == AF_INET ? 4 : 16));
}

void append_port(std::vector<std::uint8_t>& out, std::uint16_t port) {
    out.push_back(static_cast<std::uint8_t>(port >> 8));
    out.push_back(static_cast<std::uint8_t>(port & 0xFF));
}

void check_rows(int family, const VerificationRow* rows, std::size_t count) {
    const ToeplitzHasher hasher(microsoft_rss_key);
    for (std::size_t i = 0; i < count; ++i) {
        const VerificationRow& row = rows[i];
        INFO("source " << row.source << ":" << row.source_port << ", destination "
                       << row.destination << ":" << row.destination_port);
        std::vector<std::uint8_t> input;
        append_address(input, family, row.source);
        append_address(input, family, row.destination);
        CHECK(hasher.hash(input) == row.addresses_only);
        CHECK(toeplitz_hash_bitwise(microsoft_rss_key, input) == row.addresses_only);
        append_port(input, row.source_port);
        append_port(input, row.destination_port);
        CHECK(hasher.hash(input) == row.with_tcp);
        CHECK(toeplitz_hash_bitwise(microsoft_rss_key, input) == row.with_tcp);
    }
}

// A small deterministic generator so the comparison below is the same on every run.
std::uint64_t next(std::uint64_t& state) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return state >> 33;
}

} // namespace

TEST_CASE("the Microsoft key is the published 40-byte verification key", "[unit][toeplitz]") {
    const std::array<std::uint8_t, 40> published = {
        0x6d, 0x5a, 0x56, 0xda, 0x25, 0x5b, 0x0e, 0xc2, 0x41, 0x67, 0x25, 0x3d, 0x43, 0xa3,
        0x8f, 0xb0, 0xd0, 0xca, 0x2b, 0xcb, 0xae, 0x7b, 0x30, 0xb4, 0x77, 0xcb, 0x2d, 0xa3,
        0x80, 0x30, 0xf2, 0x0c, 0x6a, 0x42, 0xb7, 0x3b, 0xbe, 0xac, 0x01, 0xfa};
    CHECK(microsoft_rss_key == published);
}

TEST_CASE("Toeplitz matches the published IPv4 verification suite, all five rows",
          "[unit][toeplitz]") {
    check_rows(AF_INET, ipv4_rows.data(), ipv4_rows.size());
}

TEST_CASE("Toeplitz matches the published IPv6 verification suite, all three rows",
          "[unit][toeplitz]") {
    check_rows(AF_INET6, ipv6_rows.data(), ipv6_rows.size());
}

TEST_CASE("the table hasher equals the bit-serial definition for random keys and inputs",
          "[unit][toeplitz]") {
    std::uint64_t state = 20240601;
    for (int round = 0; round < 200; ++round) {
        RssKey key{};
        for (auto& byte : key) {
            byte = static_cast<std::uint8_t>(next(state));
        }
        const ToeplitzHasher hasher(key);
        for (std::size_t length = 0; length <= toeplitz_max_input_bytes; ++length) {
            std::vector<std::uint8_t> input(length);
            for (auto& byte : input) {
                byte = static_cast<std::uint8_t>(next(state));
            }
            REQUIRE(hasher.hash(input) == toeplitz_hash_bitwise(key, input));
        }
    }
}

TEST_CASE("Toeplitz single bits select key windows; the empty input hashes to 0",
          "[unit][toeplitz]") {
    const ToeplitzHasher hasher;
    CHECK(hasher.hash({}) == 0);
    // Bit 0 set: the first 32 key bits.
    const std::array<std::uint8_t, 1> first_bit = {0x80};
    CHECK(hasher.hash(first_bit) == 0x6d5a56daU);
    // Last bit of byte 0 (bit 7): the key window starting at bit 7.
    const std::array<std::uint8_t, 1> eighth_bit = {0x01};
    CHECK(hasher.hash(eighth_bit) == 0xad2b6d12U); // key bits 7..38
    // Last bit of a 36-byte input (bit 287): key bits 287..318, the last but one window.
    std::array<std::uint8_t, 36> last{};
    last[35] = 0x01;
    CHECK(hasher.hash(last) == 0xdf5600fdU);
}

TEST_CASE("Toeplitz refuses inputs longer than the key covers", "[unit][toeplitz]") {
    const ToeplitzHasher hasher;
    const std::vector<std::uint8_t> too_long(toeplitz_max_input_bytes + 1, 0xFF);
    CHECK_THROWS_AS(hasher.hash(too_long), std::length_error);
    CHECK_THROWS_AS(toeplitz_hash_bitwise(microsoft_rss_key, too_long), std::length_error);
}
