// Traffic from a capture: frames in capture order at the load's times, looping, and every
// frame the host receives matched to exactly one offer of the same bytes.
#include <catch2/catch.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "traffic/pcap_source.hpp"
#include "pcap/pcap_writer.hpp"

using namespace nicsim;
using traffic::OfferedFrame;
using traffic::PcapSource;

namespace {

std::vector<std::uint8_t> frame_of(std::size_t size, std::uint8_t fill) { return std::vector<std::uint8_t>(size, fill); }

// Frames 0 and 2 are byte-identical, as repeated packets in a real capture are.
std::string write_capture(const std::string& name) {
    const auto path = (std::filesystem::current_path() / name).string();
    capture::PcapWriter out(path);
    out.write(frame_of(60, 0xA1), 5'000'000);
    out.write(frame_of(1514, 0xB2), 7'000'000);
    out.write(frame_of(60, 0xA1), 90'000'000);
    return path;
}

traffic::GeneratorConfig constant(std::uint64_t packets, double rate_pps) {
    traffic::GeneratorConfig c;
    c.packets = packets;
    c.rate_pps = rate_pps;
    c.start_ps = 1'000'000;
    return c;
}

}  // namespace

TEST_CASE("pcap traffic offers the capture's bytes in order, looping, at the load's constant spacing",
          "[unit][traffic][pcap]") {
    PcapSource source(write_capture("nicsim_pcap_source_order.pcap"), constant(7, 250'000));
    REQUIRE(source.capture_frames() == 3);
    CHECK(source.total_frames() == 7);
    CHECK(source.mean_frame_size() == Approx((60.0 + 1514.0 + 60.0) / 3.0));
    const std::vector<std::uint8_t> fills = {0xA1, 0xB2, 0xA1, 0xA1, 0xB2, 0xA1, 0xA1};
    OfferedFrame f;
    for (std::uint64_t k = 0; k < 7; ++k) {
        REQUIRE(source.next(f));
        CHECK(f.id.sequence == k);
        // 4 us apart from the start, whatever the capture's own timestamps said.
        CHECK(f.id.sent_at == 1'000'000 + k * 4'000'000);
        REQUIRE(!f.bytes.empty());
        CHECK(f.size == f.bytes.size());
        CHECK(f.bytes.size() == (fills[k] == 0xB2 ? 1514u : 60u));
        CHECK(f.bytes[0] == fills[k]);
    }
    CHECK_FALSE(source.next(f));
}

TEST_CASE("pcap traffic matches each received frame to the oldest offer of the same bytes, once",
          "[unit][traffic][pcap]") {
    PcapSource source(write_capture("nicsim_pcap_source_match.pcap"), constant(4, 1'000'000));
    std::vector<OfferedFrame> offered(4);
    for (auto& f : offered) REQUIRE(source.next(f));  // A B A A

    const auto a = frame_of(60, 0xA1);
    const auto b = frame_of(1514, 0xB2);
    // A changed byte is not a frame this source offered: the ledger counts it corrupt.
    auto changed = a;
    changed[30] ^= 0x01;
    CHECK_FALSE(source.identify(changed));
    auto shorter = b;
    shorter.pop_back();
    CHECK_FALSE(source.identify(shorter));

    const auto first_b = source.identify(b);
    REQUIRE(first_b);
    CHECK(first_b->sequence == 1);
    CHECK(first_b->sent_at == offered[1].id.sent_at);
    CHECK_FALSE(source.identify(b));  // B was offered once: a second copy is a duplicate

    // Identical frames are matched oldest first, one offer per delivery.
    for (const std::uint64_t expected : {0u, 2u, 3u}) {
        const auto stamp = source.identify(a);
        REQUIRE(stamp);
        CHECK(stamp->sequence == expected);
        CHECK(stamp->sent_at == offered[expected].id.sent_at);
    }
    CHECK_FALSE(source.identify(a));
}

TEST_CASE("pcap traffic refuses a capture it cannot offer", "[unit][traffic][pcap]") {
    const auto dir = std::filesystem::current_path();
    CHECK_THROWS_WITH(PcapSource((dir / "nicsim_no_such_capture.pcap").string(), constant(1, 1000)),
                      Catch::Contains("cannot read capture") && Catch::Contains("No such file"));
    const auto empty = (dir / "nicsim_pcap_source_empty.pcap").string();
    { capture::PcapWriter out(empty); }
    CHECK_THROWS_WITH(PcapSource(empty, constant(1, 1000)), Catch::Contains("holds no frames to offer"));
    const auto jumbo = (dir / "nicsim_pcap_source_jumbo.pcap").string();
    {
        capture::PcapWriter out(jumbo);
        out.write(frame_of(60, 1));
        out.write(frame_of(9019, 2));
    }
    CHECK_THROWS_WITH(PcapSource(jumbo, constant(1, 1000)),
                      Catch::Contains("frame 1 is 9019 bytes, longer than the NIC's maximum of 9018"));
}
