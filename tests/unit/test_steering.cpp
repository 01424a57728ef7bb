// driver/steering: the register words of a steering rule, their order, and bad input.
#include <catch2/catch.hpp>

#include <stdexcept>

#include "nic_regs.hpp"
#include "recording_device.hpp"
#include "steering.hpp"

using nicsim::driver::SteeringRule;
using nicsim::test::RecordingDevice;
namespace regs = nicsim::regs;

namespace {

RecordingDevice::Access write_of(unsigned rule, std::uint32_t freg, std::uint32_t value) {
    return RecordingDevice::Access{true, regs::filter_reg(rule, freg), value};
}

} // namespace

TEST_CASE("write_steering_rule: ctrl disabled, addresses, ports, then ctrl enabled",
          "[unit][steering]") {
    SteeringRule r;
    r.ipv6 = true;
    r.protocol = SteeringRule::Protocol::udp;
    for (std::size_t i = 0; i < 16; ++i) {
        r.src_addr[i] = static_cast<std::uint8_t>(0x20 + i);
        r.dst_addr[i] = static_cast<std::uint8_t>(0xF0 - i);
    }
    r.src_port = 0x1234;
    r.dst_port = 53;
    r.wildcard = 0x4; // source port
    r.drop = true;
    r.queue = 11;

    RecordingDevice dev;
    nicsim::driver::write_steering_rule(dev, 37, r);

    // family bit 1, protocol udp (2) in 3:2, wildcard 0x4 in 7:4, action bit 8, queue 15:12.
    const std::uint32_t ctrl = 0x2 | (2u << 2) | (0x4u << 4) | (1u << 8) | (11u << 12);
    const std::vector<RecordingDevice::Access> expected = {
        write_of(37, regs::FREG_CTRL, ctrl),
        write_of(37, regs::FREG_SRC_ADDR0, 0x20212223),
        write_of(37, regs::FREG_SRC_ADDR1, 0x24252627),
        write_of(37, regs::FREG_SRC_ADDR2, 0x28292A2B),
        write_of(37, regs::FREG_SRC_ADDR3, 0x2C2D2E2F),
        write_of(37, regs::FREG_DST_ADDR0, 0xF0EFEEED),
        write_of(37, regs::FREG_DST_ADDR1, 0xECEBEAE9),
        write_of(37, regs::FREG_DST_ADDR2, 0xE8E7E6E5),
        write_of(37, regs::FREG_DST_ADDR3, 0xE4E3E2E1),
        write_of(37, regs::FREG_PORTS, 0x12340035),
        write_of(37, regs::FREG_CTRL, ctrl | 0x1),
    };
    CHECK(dev.accesses() == expected);
    CHECK(regs::filter_reg(37, regs::FREG_CTRL) == regs::FILTER_BASE + 37 * regs::FILTER_STRIDE);
}

TEST_CASE("write_steering_rule: an IPv4 any-protocol deliver rule", "[unit][steering]") {
    SteeringRule r;
    r.src_addr = {10, 1, 2, 3};
    r.dst_addr = {192, 168, 0, 1};
    r.dst_port = 80;
    r.wildcard = 0x1 | 0x4; // any source address and port
    r.queue = 2;
    RecordingDevice dev;
    nicsim::driver::write_steering_rule(dev, 0, r);
    CHECK(dev.last_write(regs::filter_reg(0, regs::FREG_CTRL)) == (0x1u | (0x5u << 4) | (2u << 12)));
    CHECK(dev.last_write(regs::filter_reg(0, regs::FREG_SRC_ADDR0)) == 0x0A010203);
    CHECK(dev.last_write(regs::filter_reg(0, regs::FREG_DST_ADDR0)) == 0xC0A80001);
    CHECK(dev.last_write(regs::filter_reg(0, regs::FREG_DST_ADDR1)) == 0);
    CHECK(dev.last_write(regs::filter_reg(0, regs::FREG_PORTS)) == 80);
    CHECK(dev.writes().front() == write_of(0, regs::FREG_CTRL, (0x5u << 4) | (2u << 12)));
}

TEST_CASE("clear_steering_rule and steering_rule_hits", "[unit][steering]") {
    RecordingDevice dev;
    nicsim::driver::clear_steering_rule(dev, 63);
    CHECK(dev.accesses() ==
          std::vector<RecordingDevice::Access>{write_of(63, regs::FREG_CTRL, 0)});

    dev.clear();
    dev.set_register(regs::filter_reg(5, regs::FREG_HITS_LO), 0x89ABCDEF);
    dev.set_register(regs::filter_reg(5, regs::FREG_HITS_HI), 0x01234567);
    CHECK(nicsim::driver::steering_rule_hits(dev, 5) == 0x0123456789ABCDEFULL);
    // _lo first: its read snapshots the upper half that the _hi read returns.
    REQUIRE(dev.accesses().size() == 2);
    CHECK(dev.accesses()[0].offset == regs::filter_reg(5, regs::FREG_HITS_LO));
    CHECK(dev.accesses()[1].offset == regs::filter_reg(5, regs::FREG_HITS_HI));
}

TEST_CASE("steering rule calls refuse bad input, naming it and the allowed range",
          "[unit][steering]") {
    RecordingDevice dev;
    CHECK_THROWS_WITH(nicsim::driver::write_steering_rule(dev, 64, SteeringRule{}),
                      "steering rule 64: rules are 0..63");
    CHECK_THROWS_AS(nicsim::driver::clear_steering_rule(dev, 100), std::out_of_range);
    CHECK_THROWS_AS(nicsim::driver::steering_rule_hits(dev, 64), std::out_of_range);
    SteeringRule r;
    r.queue = 16;
    CHECK_THROWS_WITH(nicsim::driver::write_steering_rule(dev, 1, r),
                      "steering rule 1 queue 16: queues are 0..15");
    r.queue = 0;
    r.wildcard = 0x10;
    CHECK_THROWS_WITH(nicsim::driver::write_steering_rule(dev, 1, r),
                      "steering rule 1 wildcard 16: only bits 0..3 exist (0..15)");
    CHECK(dev.accesses().empty());
}
