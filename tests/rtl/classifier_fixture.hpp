// Common ground of the classification tests: the NIC with a driver on every queue, RSS
// programmed from a model configuration, frames stamped with a sequence number, and the
// receive side collected with each frame's queue and write-back RSS hash and type. RSS and
// steering rules are programmed through the driver (driver/rss_config.hpp, steering.hpp).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "classifier.hpp"
#include "nic_fixture.hpp"
#include "rss_config.hpp"
#include "steering.hpp"

namespace nicsim::test {

inline constexpr unsigned nic_queues = 4;  // nic_top's default NumQueues

// A frame as the host received it.
struct ReceivedFrame {
    std::vector<std::uint8_t> bytes;
    unsigned queue = 0;
    std::uint32_t rss_hash = 0;
    std::uint8_t rss_type = 0;
};

// The sequence number lives in the source MAC address (bytes 6..11), which nothing in the
// classification looks at, so stamping a frame changes neither the model's decision nor the
// NIC's. Frames shorter than 12 bytes carry none (they are runts and never delivered).
inline void stamp_sequence(std::vector<std::uint8_t>& frame, std::uint32_t sequence) {
    if (frame.size() < 12) return;
    frame[6] = 0x02;  // locally administered, unicast
    frame[7] = 0x5E;
    for (unsigned i = 0; i < 4; ++i) frame[8 + i] = static_cast<std::uint8_t>(sequence >> (24 - 8 * i));
}

inline std::optional<std::uint32_t> read_sequence(std::span<const std::uint8_t> frame) {
    if (frame.size() < 12 || frame[6] != 0x02 || frame[7] != 0x5E) return std::nullopt;
    std::uint32_t sequence = 0;
    for (unsigned i = 0; i < 4; ++i) sequence = (sequence << 8) | frame[8 + i];
    return sequence;
}

// The global counter of `name` (e.g. "rx_malformed_ipv4_bad_ihl"), through the register map.
inline std::uint32_t global_counter_offset(const std::string& name) {
    for (const auto& c : regs::GLOBAL_COUNTERS)
        if (c.name == name) return c.offset;
    FAIL("no global counter named " << name);
    return 0;
}

// A model rule as the driver writes it.
inline driver::SteeringRule driver_rule(const model::SteeringRule& m) {
    driver::SteeringRule d;
    d.ipv6 = m.family == model::L3Kind::ipv6;
    d.protocol = m.protocol == model::FilterProtocol::tcp   ? driver::SteeringRule::Protocol::tcp
                 : m.protocol == model::FilterProtocol::udp ? driver::SteeringRule::Protocol::udp
                                                            : driver::SteeringRule::Protocol::any;
    d.src_addr = m.src_addr.bytes;
    d.dst_addr = m.dst_addr.bytes;
    d.src_port = m.src_port;
    d.dst_port = m.dst_port;
    d.wildcard = m.wildcard;
    d.drop = m.action == model::FilterAction::drop;
    d.queue = m.queue;
    return d;
}

inline std::string malformed_counter_name(model::MalformedReason reason) {
    return "rx_malformed_" + std::string(model::malformed_reason_name(reason));
}

struct ClassifierFixture {
    NicFixture f;
    driver::NicDriver nic;

    explicit ClassifierFixture(unsigned ring_size = 1024)
        : nic(f.dev, driver_config(ring_size)) {
        nic.probe();
    }

    static driver::DriverConfig driver_config(unsigned ring_size) {
        driver::DriverConfig c;
        c.queues = nic_queues;
        c.rx_ring_size = ring_size;
        c.tx_ring_size = 8;
        c.rx_buffer_size = 2048;
        return c;
    }

    // The model's RSS configuration, programmed through the driver.
    void program_rss(const model::RssConfig& rss) {
        driver::RssConfig c;
        c.key = rss.key;
        c.type_enables = static_cast<std::uint8_t>((rss.enabled_types >> 1) & 0x3F);  // model bit n+1 = rss_ctrl bit n
        c.indirection = rss.indirection;
        driver::program_rss(f.dev, c);
    }

    // A model rule into the NIC: written and enabled, or cleared when the model's is disabled.
    // Either way its hit counter restarts from 0, as the model's does.
    void write_rule(unsigned index, const model::SteeringRule& rule) {
        if (rule.enabled)
            driver::write_steering_rule(f.dev, index, driver_rule(rule));
        else
            driver::clear_steering_rule(f.dev, index);
    }

    // Every completed frame of every queue, in each queue's order.
    void poll_all(std::vector<ReceivedFrame>& out) {
        for (unsigned q = 0; q < nic_queues; ++q) {
            nic.rx(q).poll(100000, [&](const driver::RxFrameView& v) {
                ReceivedFrame r;
                v.copy_to(r.bytes);
                r.queue = v.queue;
                r.rss_hash = v.rss_hash;
                r.rss_type = v.rss_type;
                out.push_back(std::move(r));
            });
        }
    }

    // Runs, polling the rings, until each of `offered` frames has been delivered or counted in
    // a drop counter; then a while longer, so a frame delivered twice would show.
    void run_and_collect(std::uint64_t offered, std::vector<ReceivedFrame>& out) {
        for (int i = 0; i < 5000; ++i) {
            f.h.run(2000);
            poll_all(out);
            if (f.h.rx_source().idle() && out.size() + f.drops() >= offered) break;
        }
        f.h.run(4000);
        poll_all(out);
        REQUIRE(f.h.rx_source().idle());
        REQUIRE(f.counter(regs::REG_RX_FRAMES_LO) == offered);
    }
};

}  // namespace nicsim::test
