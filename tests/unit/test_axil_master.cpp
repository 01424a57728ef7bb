// AxilMaster: one access at a time from its queue, both channel orders, responses kept.
#include <catch2/catch.hpp>

#include <cstdint>
#include <stdexcept>
#include <vector>

#include "bus/axil_master.hpp"
#include "fake_nic_pins.hpp"
#include "bus/nic_ports.hpp"
#include "phase_stepper.hpp"

using namespace nicsim::tb;
using namespace nicsim::tb::test;

namespace {

// A register slave that takes W a few cycles after AW, to show the master holds each channel
// until its own handshake. Answers SLVERR at 0x100 and above.
struct SlowSlave {
    explicit SlowSlave(FakeNicPins& p) : pins(p) {}

    void edge(std::uint64_t /*cycle*/) {
        if (pins.s_axil_awvalid && pins.s_axil_awready) {
            addr = pins.s_axil_awaddr;
            have_aw = true;
            w_delay = 3;
        }
        if (pins.s_axil_wvalid && pins.s_axil_wready) {
            data = pins.s_axil_wdata;
            have_w = true;
        }
        if (pins.s_axil_bvalid && pins.s_axil_bready) pins.s_axil_bvalid = 0;
        if (have_aw && have_w) {
            if (addr < 0x100) regs[addr / 4] = data;
            pins.s_axil_bvalid = 1;
            pins.s_axil_bresp = addr < 0x100 ? 0 : 2;
            have_aw = have_w = false;
            ++writes;
        }
        if (pins.s_axil_rvalid && pins.s_axil_rready) pins.s_axil_rvalid = 0;
        if (pins.s_axil_arvalid && pins.s_axil_arready) {
            const std::uint16_t a = pins.s_axil_araddr;
            pins.s_axil_rvalid = 1;
            pins.s_axil_rdata = a < 0x100 ? regs[a / 4] : 0xdead;
            pins.s_axil_rresp = a < 0x100 ? 0 : 2;
        }
        if (w_delay > 0) --w_delay;
        pins.s_axil_awready = !have_aw;
        pins.s_axil_wready = have_aw && w_delay == 0 && !have_w;
        pins.s_axil_arready = !pins.s_axil_rvalid;
    }

    FakeNicPins& pins;
    std::uint32_t regs[64] = {};
    std::uint16_t addr = 0;
    std::uint32_t data = 0;
    bool have_aw = false, have_w = false;
    int w_delay = 0;
    int writes = 0;
};

struct Bench {
    Bench() : master(bind_axil_slave(pins)), stepper{&master} { pins.s_axil_awready = pins.s_axil_arready = 1; }
    void run_until_idle() {
        for (int i = 0; i < 100 && !master.idle(); ++i) stepper.step([this](std::uint64_t c) { slave.edge(c); });
        REQUIRE(master.idle());
    }
    FakeNicPins pins;
    AxilMaster master;
    PhaseStepper stepper;
    SlowSlave slave{pins};
};

}  // namespace

TEST_CASE("queued accesses complete in order with their data", "[axil_master]") {
    Bench b;
    b.master.start_write(0x10, 0x11111111);
    b.master.start_write(0x14, 0x22222222);
    b.master.start_read(0x10);
    CHECK_FALSE(b.master.idle());
    b.run_until_idle();

    CHECK(b.slave.regs[0x10 / 4] == 0x11111111);
    CHECK(b.slave.regs[0x14 / 4] == 0x22222222);
    CHECK(b.master.last_read().data == 0x11111111);
    CHECK(b.master.last_read().resp == AxiResp::okay);
    CHECK(b.master.completed() == 3);
    CHECK(b.slave.writes == 2);
}

TEST_CASE("error responses are kept for the caller", "[axil_master]") {
    Bench b;
    b.master.start_write(0x100, 1);
    b.run_until_idle();
    CHECK(b.master.last_write_resp() == AxiResp::slverr);
    CHECK(b.master.last_resp() == AxiResp::slverr);
    b.master.start_read(0x104);
    b.run_until_idle();
    CHECK(b.master.last_read().resp == AxiResp::slverr);
    b.master.start_read(0x0);
    b.run_until_idle();
    CHECK(b.master.last_resp() == AxiResp::okay);
}

TEST_CASE("addresses that do not fit the bus are refused", "[axil_master]") {
    Bench b;
    CHECK_THROWS_AS(b.master.start_write(0x10000, 0), std::out_of_range);
    CHECK_THROWS_AS(b.master.start_read(0x6), std::invalid_argument);
    CHECK(b.master.idle());
}
