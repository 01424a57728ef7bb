// nicsim run with traffic = pcap: a capture's frames, offered at the load and looping, go
// through the whole co-simulation, and the delivery ledger still accounts for every one.
// A delivered frame is counted only when its bytes equal a frame of the capture that was
// offered and not yet received (traffic::PcapSource::identify); any other bytes count as
// drop_corrupt. So delivered = offered with drop_corrupt = 0 means every delivered frame
// carried the capture's bytes.
#include <catch2/catch.hpp>

#include <filesystem>
#include <iostream>
#include <string>

#include "cosim/cosim_run.hpp"
#include "frame_builder.hpp"
#include "pcap/pcap_writer.hpp"

using namespace nicsim;

namespace {

// 40 well-formed random frames (IPv4/IPv6, TCP/UDP/other, VLAN, options, fragments) and a
// repeat of frame 0, as real captures repeat packets.
std::string write_capture(const std::string& name, std::uint64_t seed) {
    const auto path = (std::filesystem::current_path() / name).string();
    capture::PcapWriter out(path);
    model::RandomFrameOptions options;
    options.max_payload_bytes = 1400;
    model::RandomFrameBuilder builder(seed, options);
    std::vector<std::uint8_t> first;
    for (int i = 0; i < 40; ++i) {
        const auto frame = builder.next().bytes;
        if (i == 0) first = frame;
        out.write(frame, static_cast<std::uint64_t>(i) * 1'000'000);
    }
    out.write(first, 41'000'000);
    return path;
}

RunConfig pcap_run(App app, const std::string& capture) {
    RunConfig c;
    c.app = app;
    c.traffic = TrafficKind::pcap;
    c.pcap = capture;
    c.load_pps = 20'000;
    c.packets = 300;  // the 41-frame capture a little over 7 times
    c.driver.queues = 2;
    c.seed = 23;
    return c;
}

void expect_every_frame_delivered_intact(const RunResult& r, double packets) {
    CHECK(r.drained);
    CHECK(r.conserved());
    CHECK(r.get("offered_pkts") == packets);
    CHECK(r.get("delivered_pkts") == packets);
    CHECK(r.get("drop_corrupt") == 0);
    CHECK(r.get("dma_faults") == 0);
    CHECK(r.get("axi_violations") == 0);
    CHECK(r.get("lat_max_us") > 0);
}

}  // namespace

TEST_CASE("pcap traffic through forward: every frame leaves on the wire with the capture's bytes",
          "[system][cosim][pcap]") {
    const auto c = pcap_run(App::forward, write_capture("pcap_traffic_forward.pcap", 0xCA9));
    std::cout << "seed " << c.seed << "\n";
    expect_every_frame_delivered_intact(run_cosim(c), 300);
}

TEST_CASE("pcap traffic through sink with poisson arrivals: every frame consumed with the capture's bytes",
          "[system][cosim][pcap]") {
    auto c = pcap_run(App::sink, write_capture("pcap_traffic_sink.pcap", 0xCAA));
    c.arrivals = traffic::Arrivals::poisson;
    std::cout << "seed " << c.seed << "\n";
    expect_every_frame_delivered_intact(run_cosim(c), 300);
}
