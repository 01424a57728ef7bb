// Microsoft's RSS verification suite through the RTL: frames carrying the published addresses
// and ports arrive at the MAC, and the hash the NIC writes into the RX descriptor must be the
// published one, under the Microsoft key. The NIC resets to that key, but these tests run it
// as the driver's probe writes it (RssConfig::spread_over: the register map's reset values,
// rewritten); the reset values themselves are checked by "RSS registers reset to the Microsoft
// key and read back what was written" below.
//
// The vectors: Microsoft, "Verifying the RSS Hash Calculation" (the same tables as Intel's 82599
// datasheet 7.1.2.8.3); tests/unit/test_toeplitz.cpp holds the model to them and says where
// they were cross-checked. The tables list destination before source.
#include <array>

#include "../microsoft_rss_vectors.hpp"
#include "classifier_fixture.hpp"
#include "frame_builder.hpp"

using namespace nicsim;
using nicsim::test::ClassifierFixture;
using nicsim::test::ReceivedFrame;
using nicsim::test::RssVerificationRow;
using nicsim::test::rss_ipv4_rows;
using nicsim::test::rss_ipv6_rows;

namespace {

// rx_wb.rss_type codes (model::RssType).
constexpr std::uint8_t type_ipv4 = 1, type_ipv4_tcp = 2, type_ipv4_udp = 3;
constexpr std::uint8_t type_ipv6 = 4, type_ipv6_tcp = 5, type_ipv6_udp = 6;

struct Probe {
    std::vector<std::uint8_t> frame;
    std::uint32_t hash;
    std::uint8_t type;
    std::string what;
};

// A TCP, a UDP and a GRE frame per row: with ports, with ports, addresses only.
void add_probes(std::vector<Probe>& probes, const RssVerificationRow& row, bool v6, std::uint32_t* sequence) {
    model::FrameSpec spec;
    spec.l3 = v6 ? model::L3Kind::ipv6 : model::L3Kind::ipv4;
    spec.src_addr = *model::IpAddress::parse(row.source);
    spec.dst_addr = *model::IpAddress::parse(row.destination);
    spec.src_port = row.source_port;
    spec.dst_port = row.destination_port;
    const std::string flow = std::string(row.source) + " -> " + row.destination;
    const struct {
        std::uint8_t protocol;
        std::uint32_t hash;
        std::uint8_t type;
        const char* name;
    } kinds[] = {
        {model::ip_protocol_tcp, row.with_ports, v6 ? type_ipv6_tcp : type_ipv4_tcp, " tcp"},
        {model::ip_protocol_udp, row.with_ports, v6 ? type_ipv6_udp : type_ipv4_udp, " udp"},
        {47, row.addresses_only, v6 ? type_ipv6 : type_ipv4, " gre (addresses only)"},
    };
    for (const auto& kind : kinds) {
        spec.ip_protocol = kind.protocol;
        Probe p{model::build_frame(spec), kind.hash, kind.type, flow + kind.name};
        test::stamp_sequence(p.frame, (*sequence)++);
        probes.push_back(std::move(p));
    }
}

}  // namespace

TEST_CASE("the RX descriptor carries the published Toeplitz hashes under the Microsoft key as the driver programs it",
          "[rtl][classifier][rss]") {
    ClassifierFixture x;  // probe() has rewritten key, type enables and indirection table
    const auto& key = model::microsoft_rss_key;
    for (unsigned w = 0; w < 10; ++w) {
        const std::uint32_t expect = (std::uint32_t(key[4 * w]) << 24) | (std::uint32_t(key[4 * w + 1]) << 16) |
                                     (std::uint32_t(key[4 * w + 2]) << 8) | key[4 * w + 3];
        REQUIRE(x.f.rd(regs::REG_RSS_KEY0 + 4 * w) == expect);
    }
    std::vector<Probe> probes;
    std::uint32_t sequence = 0;
    for (const auto& row : rss_ipv4_rows) add_probes(probes, row, false, &sequence);
    for (const auto& row : rss_ipv6_rows) add_probes(probes, row, true, &sequence);
    for (const Probe& p : probes) x.f.send_bytes(p.frame);

    std::vector<ReceivedFrame> got;
    x.run_and_collect(probes.size(), got);
    REQUIRE(got.size() == probes.size());
    for (const ReceivedFrame& r : got) {
        const auto i = test::read_sequence(r.bytes);
        REQUIRE(i);
        REQUIRE(*i < probes.size());
        const Probe& p = probes[*i];
        INFO(p.what);
        CHECK(r.rss_type == p.type);
        CHECK(r.rss_hash == p.hash);
        CHECK(r.queue == (p.hash & 0x7F) % test::nic_queues);  // the driver's i % queues table
    }
}

TEST_CASE("a disabled 4-tuple type hashes on the addresses alone; disabled address types not at all",
          "[rtl][classifier][rss]") {
    ClassifierFixture x;
    // Only the IPv4 and IPv6 address types enabled.
    x.f.wr(regs::REG_RSS_CTRL, (1u << regs::RSS_CTRL_IPV4.lsb) | (1u << regs::RSS_CTRL_IPV6.lsb));
    std::vector<Probe> probes;
    std::uint32_t sequence = 0;
    add_probes(probes, rss_ipv4_rows[0], false, &sequence);
    add_probes(probes, rss_ipv6_rows[0], true, &sequence);
    for (const Probe& p : probes) x.f.send_bytes(p.frame);
    std::vector<ReceivedFrame> got;
    x.run_and_collect(probes.size(), got);
    REQUIRE(got.size() == probes.size());
    for (const ReceivedFrame& r : got) {
        const Probe& p = probes[*test::read_sequence(r.bytes)];
        INFO(p.what);
        const bool v6 = p.type >= type_ipv6;
        CHECK(r.rss_type == (v6 ? type_ipv6 : type_ipv4));
        CHECK(r.rss_hash == (v6 ? rss_ipv6_rows[0] : rss_ipv4_rows[0]).addresses_only);
    }

    // Nothing enabled: type none, hash 0, rx_default_queue.
    x.f.wr(regs::REG_RSS_CTRL, 0);
    x.f.wr(regs::REG_RX_DEFAULT_QUEUE, 3);
    for (const Probe& p : probes) x.f.send_bytes(p.frame);
    got.clear();
    x.run_and_collect(2 * probes.size(), got);
    REQUIRE(got.size() == probes.size());
    for (const ReceivedFrame& r : got) {
        CHECK(r.rss_type == 0);
        CHECK(r.rss_hash == 0);
        CHECK(r.queue == 3);
    }
}

TEST_CASE("RSS registers reset to the Microsoft key and read back what was written", "[rtl][classifier][rss]") {
    test::NicFixture f;
    const auto& key = model::microsoft_rss_key;
    for (unsigned w = 0; w < 10; ++w) {
        const std::uint32_t expect = (std::uint32_t(key[4 * w]) << 24) | (std::uint32_t(key[4 * w + 1]) << 16) |
                                     (std::uint32_t(key[4 * w + 2]) << 8) | key[4 * w + 3];
        CHECK(f.rd(regs::REG_RSS_KEY0 + 4 * w) == expect);
    }
    CHECK(f.rd(regs::REG_RSS_CTRL) == 0x3F);
    // Reset table: entry i = i % NumQueues, four entries per word in byte lanes.
    for (unsigned w = 0; w < regs::RETA_COUNT; ++w) {
        std::uint32_t expect = 0;
        for (unsigned lane = 0; lane < 4; ++lane) expect |= ((4 * w + lane) % test::nic_queues) << (8 * lane);
        INFO("reta word " << w);
        CHECK(f.rd(regs::reta_reg(w, regs::RREG_ENTRIES)) == expect);
    }
    f.wr(regs::REG_RSS_KEY0 + 36, 0x01234567);
    CHECK(f.rd(regs::REG_RSS_KEY0 + 36) == 0x01234567);
    f.wr(regs::reta_reg(31, regs::RREG_ENTRIES), 0xFFFFFFFF);  // only the 4-bit entries are kept
    CHECK(f.rd(regs::reta_reg(31, regs::RREG_ENTRIES)) == 0x0F0F0F0F);
    f.wr(regs::REG_RSS_CTRL, 0xFFFFFFFF);
    CHECK(f.rd(regs::REG_RSS_CTRL) == 0x3F);
}
