#include "nic_driver.hpp"

#include <stdexcept>

#include "nic_regs.hpp"
#include "rss_config.hpp"

namespace nicsim::driver {

NicDriver::NicDriver(Device& device, DriverConfig config) : device_(device), config_(config) {}

NicDriver::~NicDriver() = default;

void NicDriver::probe() {
    const std::uint32_t id = device_.mmio_read32(regs::REG_ID);
    if (id != regs::REG_ID_RESET)
        throw std::runtime_error("device id register reads " + std::to_string(id) + ", not a nicsim NIC");
    device_queues_ = static_cast<unsigned>(regs::CAPS_NUM_QUEUES.get(device_.mmio_read32(regs::REG_CAPS)));
    if (config_.queues < 1 || config_.queues > device_queues_)
        throw std::runtime_error("queues = " + std::to_string(config_.queues) + ": the device has 1.." +
                                 std::to_string(device_queues_));
    device_.mmio_write32(regs::REG_MAX_FRAME_LEN, config_.max_frame_len);
    // Moderation intervals are in microseconds: tell the NIC how many of its cycles that is.
    device_.mmio_write32(regs::REG_US_PRESCALER, config_.nic_clock_mhz);
    for (unsigned q = 0; q < config_.queues; ++q) {
        rx_rings_.push_back(std::make_unique<RxRing>(device_, q, config_.rx_ring_size, config_.rx_buffer_size));
        tx_rings_.push_back(std::make_unique<TxRing>(device_, q, config_.tx_ring_size));
        rx_rings_.back()->start();
        tx_rings_.back()->start();
    }
    // Hash over the queues brought up (Linux's default spread), before receive is enabled.
    program_rss(device_, RssConfig::spread_over(config_.queues));
    device_.mmio_write32(regs::REG_CTRL, (1u << regs::CTRL_RX_EN.lsb) | (1u << regs::CTRL_TX_EN.lsb));
}

void NicDriver::shutdown() {
    device_.mmio_write32(regs::REG_CTRL, 0);
    for (auto& r : rx_rings_) r->stop();
    for (auto& t : tx_rings_) t->stop();
}

bool NicDriver::transmit(unsigned queue, std::span<const std::uint8_t> frame) {
    // No implicit reclaim here: freeing completed slots is transmit-complete processing,
    // which each receive policy schedules (and may starve) on its own.
    TxRing& ring = tx(queue);
    if (!ring.enqueue(frame)) return false;
    ring.kick();
    return true;
}

std::uint32_t NicDriver::rx_status(unsigned queue) {
    return device_.mmio_read32(regs::queue_reg(queue, regs::QREG_RX_STATUS));
}

std::uint32_t NicDriver::tx_status(unsigned queue) {
    return device_.mmio_read32(regs::queue_reg(queue, regs::QREG_TX_STATUS));
}

std::uint64_t NicDriver::read_counter64(std::uint32_t lo_offset) {
    // The _lo read snapshots the upper half, so lo-then-hi is consistent.
    const std::uint64_t lo = device_.mmio_read32(lo_offset);
    const std::uint64_t hi = device_.mmio_read32(lo_offset + 4);
    return (hi << 32) | lo;
}

std::vector<Counter> NicDriver::read_counters() {
    std::vector<Counter> out;
    for (const auto& c : regs::GLOBAL_COUNTERS) out.push_back({std::string(c.name), read_counter64(c.offset), c.drop});
    for (unsigned q = 0; q < config_.queues; ++q)
        for (const auto& c : regs::QUEUE_COUNTERS)
            out.push_back({std::string(c.name) + "[" + std::to_string(q) + "]",
                           read_counter64(regs::queue_reg(q, c.offset)), c.drop});
    return out;
}

}  // namespace nicsim::driver
