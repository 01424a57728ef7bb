#include "steering.hpp"

#include <stdexcept>
#include <string>

#include "nic_regs.hpp"

namespace nicsim::driver {

namespace {

constexpr std::array<std::uint32_t, 4> SRC_ADDR_REGS = {regs::FREG_SRC_ADDR0, regs::FREG_SRC_ADDR1,
                                                        regs::FREG_SRC_ADDR2, regs::FREG_SRC_ADDR3};
constexpr std::array<std::uint32_t, 4> DST_ADDR_REGS = {regs::FREG_DST_ADDR0, regs::FREG_DST_ADDR1,
                                                        regs::FREG_DST_ADDR2, regs::FREG_DST_ADDR3};

std::uint32_t field(const regs::Field& f, std::uint32_t value) {
    return static_cast<std::uint32_t>((std::uint64_t{value} << f.lsb) & f.mask());
}

std::uint32_t field_max(const regs::Field& f) { return (1u << f.width) - 1; }

void check_index(unsigned index) {
    if (index >= regs::FILTER_COUNT) {
        throw std::out_of_range("steering rule " + std::to_string(index) + ": rules are 0.." +
                                std::to_string(regs::FILTER_COUNT - 1));
    }
}

std::uint32_t protocol_code(SteeringRule::Protocol protocol) {
    switch (protocol) {
    case SteeringRule::Protocol::any: return 0;
    case SteeringRule::Protocol::tcp: return 1;
    case SteeringRule::Protocol::udp: return 2;
    }
    throw std::invalid_argument("steering rule protocol " +
                                std::to_string(static_cast<unsigned>(protocol)) +
                                ": must be any, tcp or udp");
}

// Address bytes 4i..4i+3 with byte 4i in bits 31:24.
std::uint32_t address_word(const std::array<std::uint8_t, 16>& bytes, std::size_t i) {
    return std::uint32_t{bytes[4 * i]} << 24 | std::uint32_t{bytes[4 * i + 1]} << 16 |
           std::uint32_t{bytes[4 * i + 2]} << 8 | std::uint32_t{bytes[4 * i + 3]};
}

} // namespace

void write_steering_rule(Device& device, unsigned index, const SteeringRule& rule) {
    check_index(index);
    if (rule.queue > field_max(regs::CTRL_QUEUE)) {
        throw std::out_of_range("steering rule " + std::to_string(index) + " queue " +
                                std::to_string(rule.queue) + ": queues are 0.." +
                                std::to_string(field_max(regs::CTRL_QUEUE)));
    }
    if (rule.wildcard > field_max(regs::CTRL_WILDCARD)) {
        throw std::out_of_range("steering rule " + std::to_string(index) + " wildcard " +
                                std::to_string(rule.wildcard) + ": only bits 0..3 exist (0.." +
                                std::to_string(field_max(regs::CTRL_WILDCARD)) + ")");
    }
    const std::uint32_t ctrl =
        field(regs::CTRL_FAMILY, rule.ipv6 ? 1 : 0) |
        field(regs::CTRL_PROTOCOL, protocol_code(rule.protocol)) |
        field(regs::CTRL_WILDCARD, rule.wildcard) | field(regs::CTRL_ACTION, rule.drop ? 1 : 0) |
        field(regs::CTRL_QUEUE, rule.queue);
    const auto reg = [index](std::uint32_t freg) { return regs::filter_reg(index, freg); };

    device.mmio_write32(reg(regs::FREG_CTRL), ctrl);
    for (std::size_t i = 0; i < SRC_ADDR_REGS.size(); ++i) {
        device.mmio_write32(reg(SRC_ADDR_REGS[i]), address_word(rule.src_addr, i));
    }
    for (std::size_t i = 0; i < DST_ADDR_REGS.size(); ++i) {
        device.mmio_write32(reg(DST_ADDR_REGS[i]), address_word(rule.dst_addr, i));
    }
    device.mmio_write32(reg(regs::FREG_PORTS), field(regs::PORTS_SRC_PORT, rule.src_port) |
                                                   field(regs::PORTS_DST_PORT, rule.dst_port));
    device.mmio_write32(reg(regs::FREG_CTRL), ctrl | field(regs::CTRL_ENABLE, 1));
}

void clear_steering_rule(Device& device, unsigned index) {
    check_index(index);
    device.mmio_write32(regs::filter_reg(index, regs::FREG_CTRL), 0);
}

std::uint64_t steering_rule_hits(Device& device, unsigned index) {
    check_index(index);
    // The _lo read snapshots the upper half, so the two reads are one consistent value.
    const std::uint32_t lo = device.mmio_read32(regs::filter_reg(index, regs::FREG_HITS_LO));
    const std::uint32_t hi = device.mmio_read32(regs::filter_reg(index, regs::FREG_HITS_HI));
    return std::uint64_t{hi} << 32 | lo;
}

}  // namespace nicsim::driver
