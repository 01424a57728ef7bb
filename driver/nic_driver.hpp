// The minimal NIC driver: probes the device, brings up one RX and one TX ring per queue,
// receives by polling the rings and transmits by filling them.
//
// Interrupt handling and the receive policies (NAPI and the rest) build on this class; it
// holds the mechanism, they hold the policy.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "device.hpp"
#include "frame_limits.hpp"
#include "rx_ring.hpp"
#include "tracepoints.hpp"
#include "tx_ring.hpp"

namespace nicsim::driver {

struct DriverConfig {
    unsigned queues = 1;            // queues to bring up, 1..the device's num_queues
    unsigned rx_ring_size = 256;    // ethtool -G rx
    unsigned tx_ring_size = 256;    // ethtool -G tx
    unsigned rx_buffer_size = 2048;
    unsigned max_frame_len = max_frame_bytes;
    unsigned nic_clock_mhz = 250;   // the NIC's clock: its microsecond timers count this many cycles
};

// One named statistics counter as read from the device.
struct Counter {
    std::string name;
    std::uint64_t value;
    bool drop;  // a drop reason: these frames never reached the host
};

class NicDriver {
public:
    NicDriver(Device& device, DriverConfig config);
    ~NicDriver();
    NicDriver(const NicDriver&) = delete;
    NicDriver& operator=(const NicDriver&) = delete;

    // Checks the ID register, allocates and programs every ring, spreads RSS over the queues
    // (RssConfig::spread_over), enables RX and TX.
    // Throws std::runtime_error naming the problem when the device is not a nicsim NIC or
    // has fewer queues than configured.
    void probe();
    void shutdown();

    RxRing& rx(unsigned queue) { return *rx_rings_.at(queue); }
    TxRing& tx(unsigned queue) { return *tx_rings_.at(queue); }
    const TxRing& tx(unsigned queue) const { return *tx_rings_.at(queue); }
    unsigned queues() const { return config_.queues; }
    unsigned device_queues() const { return device_queues_; }

    // Enqueues and kicks one frame; false when the ring is full (completed slots are only
    // freed by TxRing::reclaim, which the caller schedules).
    bool transmit(unsigned queue, std::span<const std::uint8_t> frame);

    std::uint32_t rx_status(unsigned queue);
    std::uint32_t tx_status(unsigned queue);

    // Every global counter, then every per-queue counter of the active queues (as
    // "rx_q_frames[2]"), in register-map order.
    std::vector<Counter> read_counters();
    std::uint64_t read_counter64(std::uint32_t lo_offset);

    Device& device() { return device_; }

    // Who hears about polls and drops (see tracepoints.hpp); nullptr, the default, is nobody.
    // Applies to the rings already brought up and to those probe() brings up later.
    void set_tracepoints(Tracepoints* tracepoints);
    Tracepoints* tracepoints() const { return tracepoints_; }

private:
    Device& device_;
    DriverConfig config_;
    unsigned device_queues_ = 0;
    Tracepoints* tracepoints_ = nullptr;
    std::vector<std::unique_ptr<RxRing>> rx_rings_;
    std::vector<std::unique_ptr<TxRing>> tx_rings_;
};

}  // namespace nicsim::driver
