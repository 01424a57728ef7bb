// Microsoft's published RSS verification suite, "Verifying the RSS Hash Calculation" (Windows
// driver docs; the same tables as Intel's 82599 datasheet 7.1.2.8.3 "RSS Verification Suite"),
// under the Microsoft key. One copy for the model's unit test (tests/unit/test_toeplitz.cpp,
// which says where the values were cross-checked) and the RTL's (tests/rtl/test_nic_rss_vectors.cpp).
// The tables list destination before source; the hash input is source address, destination
// address, source port, destination port. The IPv4 table has five rows, the IPv6 table three
// (the published suite has no more).
#pragma once

#include <array>
#include <cstdint>

namespace nicsim::test {

struct RssVerificationRow {
    const char* destination;
    std::uint16_t destination_port;
    const char* source;
    std::uint16_t source_port;
    std::uint32_t addresses_only;  // "IPv4 only" / "IPv6 only" column
    std::uint32_t with_ports;      // "IPv4 with TCP" / "IPv6 with TCP" column
};

inline constexpr std::array<RssVerificationRow, 5> rss_ipv4_rows = {{
    {"161.142.100.80", 1766, "66.9.149.187", 2794, 0x323e8fc2, 0x51ccc178},
    {"65.69.140.83", 4739, "199.92.111.2", 14230, 0xd718262a, 0xc626b0ea},
    {"12.22.207.184", 38024, "24.19.198.95", 12898, 0xd2d0a5de, 0x5c2b394a},
    {"209.142.163.6", 2217, "38.27.205.30", 48228, 0x82989176, 0xafc7327f},
    {"202.188.127.2", 1303, "153.39.163.191", 44251, 0x5d1809c5, 0x10e828a2},
}};

inline constexpr std::array<RssVerificationRow, 3> rss_ipv6_rows = {{
    {"3ffe:2501:200:3::1", 1766, "3ffe:2501:200:1fff::7", 2794, 0x2cc18cd5, 0x40207d3d},
    {"ff02::1", 4739, "3ffe:501:8::260:97ff:fe40:efab", 14230, 0x0f0c461c, 0xdde51bbf},
    {"fe80::200:f8ff:fe21:67cf", 38024, "3ffe:1900:4545:3:200:f8ff:fe21:67cf", 44251,
     0x4b61e985, 0x02d1feef},
}};

}  // namespace nicsim::test
