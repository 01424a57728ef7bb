// Whole co-simulations: the RTL NIC, the simulated host, the napi policy and an application.
// One run per TEST_CASE, and CTest runs each in its own process (SystemC elaborates once).
#include <catch2/catch.hpp>

#include <iostream>

#include "cosim/cosim_run.hpp"

using namespace nicsim;

namespace {

RunConfig light_load(App app) {
    RunConfig c;
    c.app = app;
    c.load_pps = 20'000;
    c.packets = 1000;
    c.seed = 11;
    return c;
}

void expect_clean(const RunResult& r) {
    CHECK(r.drained);
    CHECK(r.conserved());
    CHECK(r.get("in_flight_pkts") == 0);
    CHECK(r.get("dma_faults") == 0);
    CHECK(r.get("axi_violations") == 0);
    CHECK(r.get("drop_corrupt") == 0);
}

[[maybe_unused]] double drops(const RunResult& r) { return static_cast<double>(r.drops.total()); }

}  // namespace

TEST_CASE("forward delivers every packet at light load", "[system][cosim]") {
    const auto c = light_load(App::forward);
    std::cout << "seed " << c.seed << "\n";
    const auto r = run_cosim(c);
    expect_clean(r);
    CHECK(r.get("delivered_pkts") == 1000);
    CHECK(drops(r) == 0);
    CHECK(r.get("irq_count") > 0);
    const double cpu = r.get("cpu_hardirq") + r.get("cpu_softirq") + r.get("cpu_kthread") + r.get("cpu_user") +
                       r.get("cpu_idle");
    CHECK(cpu == Approx(1.0).epsilon(1e-9));
}

TEST_CASE("sink delivers every packet at light load", "[system][cosim]") {
    const auto c = light_load(App::sink);
    std::cout << "seed " << c.seed << "\n";
    const auto r = run_cosim(c);
    expect_clean(r);
    CHECK(r.get("delivered_pkts") == 1000);
    CHECK(drops(r) == 0);
    CHECK(r.get("cpu_user") > 0);
}

TEST_CASE("light-load latency stays within what the cost table predicts", "[system][cosim]") {
    auto c = light_load(App::forward);
    c.load_pps = 5'000;  // far apart: every packet finds an idle host
    c.packets = 300;
    std::cout << "seed " << c.seed << "\n";
    const auto r = run_cosim(c);
    expect_clean(r);
    const auto& k = c.costs;
    // Host work on the path: interrupt, the poll (protocol, forwarding, transmit), the
    // driver's MMIO (doorbell, re-arm), at most one quantum of interrupt delivery delay.
    const double host_us = (k.irq_entry_ns + k.irq_exit_ns + k.rx_packet_ns + k.forward_ns + k.tx_packet_ns +
                            4 * k.mmio_write_ns + c.platform.quantum_ns) / 1000.0;
    // NIC work: RX descriptor fetch, data write and write-back; TX descriptor fetch, data
    // read and completion; each a DMA round trip, plus frame time on both ports.
    const double nic_us = 8 * c.platform.dma_latency_ns / 1000.0 + 2.0;
    INFO("p50 " << r.get("lat_p50_us") << " us, p99 " << r.get("lat_p99_us") << " us, bound "
                << host_us + nic_us << " us");
    CHECK(r.get("lat_p99_us") <= host_us + nic_us);
    // And it cannot be faster than the CPU work alone.
    CHECK(r.get("lat_p50_us") >= (k.rx_packet_ns + k.forward_ns + k.tx_packet_ns) / 1000.0);
}

// Conservation at light load, near saturation and far past it: one process per load.
void check_conservation_at(double load) {
    auto c = light_load(App::forward);
    c.load_pps = load;
    c.packets = 3000;
    std::cout << "seed " << c.seed << " load " << load << "\n";
    const auto r = run_cosim(c);
    expect_clean(r);
    CHECK(r.get("offered_pkts") == 3000);
    CHECK(r.get("delivered_pkts") + drops(r) == 3000);
}

TEST_CASE("conservation holds at light load", "[system][cosim]") { check_conservation_at(50'000); }
TEST_CASE("conservation holds near saturation", "[system][cosim]") { check_conservation_at(800'000); }
TEST_CASE("conservation holds in overload, with drops counted", "[system][cosim]") {
    check_conservation_at(3'000'000);
}

TEST_CASE("rx-usecs holds a vector to at most one interrupt per rx-usecs", "[system][cosim][moderation]") {
    // Every packet completes an RX and a TX event on queue 0's vector: without moderation
    // that is an interrupt per packet whenever the vector is armed.
    RunConfig c;
    c.load_pps = 500'000;
    c.packets = 5000;
    c.seed = 3;
    c.policies.coalesce = {20, 0, 20, 0};  // rx-usecs = tx-usecs = 20
    std::cout << "seed " << c.seed << "\n";
    const auto r = run_cosim(c);
    expect_clean(r);
    const double sim_us = r.get("sim_ns") / 1000.0;
    INFO(r.get("irq_count") << " interrupts in " << sim_us << " us");
    CHECK(r.get("irq_count") > 0);
    CHECK(r.get("irq_count") <= sim_us / 20.0 + 1);
    CHECK(r.get("delivered_pkts") == 5000);
}
