// lrp's defining behaviour (Druschel & Banga's traffic separation), from the lrp preset as
// the sweep runs it: one core, a quiet application offered 50,000 packets/s, the other
// flooded far beyond what the host can process. One run per TEST_CASE: CTest runs each in
// its own process.
#include <catch2/catch.hpp>

#include "cosim/cosim_run.hpp"
#include "forked_run.hpp"
#include "preset_point.hpp"

using namespace nicsim;
using nicsim::test::preset_point;

namespace {

// Three times what one core can receive and consume (~0.7 M packets/s under lrp).
constexpr double flood = 2'000'000;
// As the preset: long enough that what the sockets still hold when the flood ends (drained
// afterwards) is a small part of the quiet application's 1,000 packets.
constexpr double duration_us = 20'000;

RunResult run_clean(const RunConfig& config) {
    auto r = run_cosim(config);
    INFO("quiet app: " << r.get("app0_delivered_pkts") << " of " << r.get("app0_offered_pkts") << " delivered; flood: "
                       << r.get("app1_delivered_pkts") << " of " << r.get("app1_offered_pkts"));
    CHECK(r.drained);
    CHECK(r.conserved());
    CHECK(r.get("dma_faults") == 0);
    return r;
}

}  // namespace

TEST_CASE("lrp: a flooded application does not take the quiet one's throughput", "[system][policy][lrp]") {
    const auto r = run_clean(preset_point("lrp", "lrp", flood, duration_us));
    INFO("drop_nic_no_desc " << r.get("drop_nic_no_desc") << ", app1_early_drops " << r.get("app1_early_drops"));
    // The quiet application gets what it was offered, and loses nothing anywhere.
    REQUIRE(r.get("app0_offered_pkts") > 0);
    CHECK(r.get("app0_delivered_pkts") >= 0.97 * r.get("app0_offered_pkts"));
    CHECK(r.get("app0_host_drops") == 0);
    CHECK(r.get("app0_early_drops") == 0);
    // The flood's excess dies in the NIC, mostly for want of descriptors on its own queue; every
    // packet that died in the NIC was the flood's...
    CHECK(r.get("drop_nic_no_desc") > 0.5 * r.get("app1_offered_pkts"));
    CHECK(r.get("drop_nic_no_desc") + r.get("drop_nic_buffer") == r.get("app1_early_drops"));
    // ...and none on the host: no CPU was spent on a packet that was then thrown away.
    CHECK(r.get("app1_host_drops") == 0);
    CHECK(r.get("drop_socket_queue") == 0);
    // The flooded application still gets most of the CPU and uses it for its packets.
    CHECK(r.get("app1_delivered_pps") > 300'000);
    // Receive processing runs in the applications, charged to them: no softirq work.
    CHECK(r.get("cpu_softirq") == 0);
    CHECK(r.get("app0_cpu") + r.get("app1_cpu") > 0.8);
}

TEST_CASE("napi at the same flood: the quiet application loses its throughput", "[system][policy][lrp]") {
    const auto r = run_clean(preset_point("lrp", "napi", flood, duration_us));
    // Both applications' packets share one ring and one softirq: the softirq, above user
    // priority, takes the CPU, both consumers starve, and their socket queues overflow after
    // the host has done the protocol work.
    CHECK(r.get("app0_delivered_pkts") < 0.5 * r.get("app0_offered_pkts"));
    CHECK(r.get("app0_host_drops") + r.get("app0_early_drops") > 0);
    CHECK(r.get("app1_host_drops") > 0);
}

TEST_CASE("soft-lrp: demultiplexing in the driver postpones the quiet application's loss", "[system][policy][lrp]") {
    // The driver looks at each frame's port (cost-demux-ns) in its interrupt and queues it on
    // its application's channel, dropping it there when the channel is full; protocol work
    // runs in the application. Each packet still costs an interrupt, the driver and the demux
    // at top priority, so a flood that fills the CPU with that alone livelocks it (SOFT-LRP
    // postpones livelock; NI-LRP's early drop in the NIC eliminates it). At 700,000 packets/s
    // that work is below the CPU (~1.2 us a packet): the quiet application keeps most of what
    // it is offered, where napi, whose softirq does all protocol work first, starves it.
    const auto soft = nicsim::test::run_forked(preset_point("lrp", "soft-lrp", 700'000, duration_us));
    const auto napi = nicsim::test::run_forked(preset_point("lrp", "napi", 700'000, duration_us));
    INFO("quiet app: soft-lrp " << soft.get("app0_delivered_pkts") << ", napi " << napi.get("app0_delivered_pkts")
                                << " of " << soft.get("app0_offered_pkts"));
    CHECK(soft.conserved);
    CHECK(soft.get("app0_delivered_pkts") >= 0.5 * soft.get("app0_offered_pkts"));
    CHECK(soft.get("app0_delivered_pkts") >= 2 * napi.get("app0_delivered_pkts"));
}
