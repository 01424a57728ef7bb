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

#include "../microsoft_rss_vectors.hpp"
#include "toeplitz.hpp"

using namespace nicsim::model;
using nicsim::test::RssVerificationRow;
using nicsim::test::rss_ipv4_rows;
using nicsim::test::rss_ipv6_rows;

namespace {

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

void check_rows(int family, const RssVerificationRow* rows, std::size_t count) {
    const ToeplitzHasher hasher(microsoft_rss_key);
    for (std::size_t i = 0; i < count; ++i) {
        const RssVerificationRow& row = rows[i];
        INFO("source " << row.source << ":" << row.source_port << ", destination "
                       << row.destination << ":" << row.destination_port);
        std::vector<std::uint8_t> input;
        append_address(input, family, row.source);
        append_address(input, family, row.destination);
        CHECK(hasher.hash(input) == row.addresses_only);
        CHECK(toeplitz_hash_bitwise(microsoft_rss_key, input) == row.addresses_only);
        append_port(input, row.source_port);
        append_port(input, row.destination_port);
        CHECK(hasher.hash(input) == row.with_ports);
        CHECK(toeplitz_hash_bitwise(microsoft_rss_key, input) == row.with_ports);
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
    check_rows(AF_INET, rss_ipv4_rows.data(), rss_ipv4_rows.size());
}

TEST_CASE("Toeplitz matches the published IPv6 verification suite, all three rows",
          "[unit][toeplitz]") {
    check_rows(AF_INET6, rss_ipv6_rows.data(), rss_ipv6_rows.size());
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
