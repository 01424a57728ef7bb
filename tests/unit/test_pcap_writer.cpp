// The bridge's pcap writer: what it writes, libpcap reads back, timestamps to the nanosecond.
#include <catch2/catch.hpp>

#include <pcap/pcap.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <vector>

#include "../../testbench/bridge/pcap_writer.hpp"  // (until the bridge uses capture::PcapWriter)

using namespace nicsim::bridge;
using namespace std::chrono_literals;

TEST_CASE("pcap writer output reads back with libpcap, nanosecond timestamps intact", "[unit][bridge]") {
    const auto path = (std::filesystem::temp_directory_path() / "nicsim_test_pcap_writer.pcap").string();
    const std::vector<std::uint8_t> a(60, 0xab), b(1514, 0xcd);
    {
        PcapWriter writer(path);
        writer.write(a, 1'700'000'000s + 123456789ns);
        writer.write(b, 1'700'000'001s + 5ns);
        CHECK(writer.frames() == 2);
    }
    char error[PCAP_ERRBUF_SIZE];
    pcap_t* in = pcap_open_offline_with_tstamp_precision(path.c_str(), PCAP_TSTAMP_PRECISION_NANO, error);
    REQUIRE(in != nullptr);
    CHECK(pcap_datalink(in) == DLT_EN10MB);
    pcap_pkthdr* header = nullptr;
    const u_char* data = nullptr;
    REQUIRE(pcap_next_ex(in, &header, &data) == 1);
    CHECK(header->len == 60);
    CHECK(header->ts.tv_sec == 1'700'000'000);
    CHECK(header->ts.tv_usec == 123456789);
    CHECK(data[59] == 0xab);
    REQUIRE(pcap_next_ex(in, &header, &data) == 1);
    CHECK(header->caplen == 1514);
    CHECK(header->ts.tv_usec == 5);
    CHECK(pcap_next_ex(in, &header, &data) == PCAP_ERROR_BREAK);
    pcap_close(in);
    std::filesystem::remove(path);
}

TEST_CASE("pcap writer names the path it cannot write", "[unit][bridge]") {
    CHECK_THROWS_WITH(PcapWriter("/nonexistent-dir/x.pcap"), Catch::Matchers::Contains("--pcap = /nonexistent-dir/x.pcap"));
}
