// A receive policy: how the driver turns NIC events into packet processing (interrupts,
// polling threads, budgets, moderation). Each policy is a small plug-in over the same
// mechanism (NicDriver's rings, the Kernel's contexts); policy_factory.hpp names them.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace nicsim::driver {

// The driver's own CPU costs, in picoseconds (protocol work is the PacketHandler's).
struct DriverCosts {
    std::uint64_t rx_ps = 0;           // per received packet: descriptor, buffer, refill
    std::uint64_t tx_complete_ps = 0;  // per transmitted packet reclaimed
    std::uint64_t poll_empty_ps = 0;   // a poll that finds nothing (busy polling's spin)
    std::uint64_t demux_ps = 0;        // soft-lrp: finding a received packet's application in software
};

// The queue in front of a user-level consumer, for policies that take feedback from it.
class ConsumerQueue {
public:
    virtual ~ConsumerQueue() = default;
    virtual unsigned length() const = 0;
    virtual unsigned capacity() const = 0;
    // Calls `drained` once, the next time the queue is consumed down to `mark` or below.
    virtual void notify_when_at_most(unsigned mark, std::function<void()> drained) = 0;
};

using NamedCount = std::pair<std::string, std::uint64_t>;

class RxPolicy {
public:
    virtual ~RxPolicy() = default;
    virtual std::string name() const = 0;
    // Requests interrupts, programs vectors and moderation, starts threads. Called once the
    // driver has probed the device.
    virtual void start() = 0;
    // Packets the policy itself dropped, by place (each name becomes a drop_<name> counter).
    virtual std::vector<NamedCount> drops() const { return {}; }
    // What the policy did (polls, re-arms, ...), for the report.
    virtual std::vector<NamedCount> stats() const { return {}; }
};

}  // namespace nicsim::driver
