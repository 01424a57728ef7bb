// Mogul & Ramakrishnan's polling thread (USENIX ATC 1996), the four variants of the paper:
//
//   poll-noquota   the receive interrupt only wakes a kernel thread and stays disabled; the
//                  thread processes every packet to completion, input before anything else,
//                  and re-enables interrupts when there is no work. Input starves transmit-
//                  complete processing, so under overload the transmit ring fills and
//                  packets die there after all the work was spent on them.
//   poll-quota     the same, but round-robin over the sources (each queue's receive ring and
//                  its transmit completions) with at most `quota` packets per source per
//                  turn (the paper's 5): transmit keeps up, output stays near its peak.
//   poll-feedback  poll-quota, and input stops while the queue to the user-level consumer is
//                  above a high watermark; it resumes when the consumer drains it to the low
//                  watermark, or after a timeout (the consumer may have hung). Excess packets
//                  die in the NIC, where they cost nothing.
//   poll-cpulimit  poll-quota, and receive processing may use at most `cpu_limit` of the CPU
//                  in each 10 ms period; past it input stops until the next period, or until
//                  the CPU goes idle (the idle loop re-enables input).
//
// One thread per core serves the queues affine to it (queue i on core i % cores). The work
// is done one packet per step, so the scheduler sees and charges each packet separately.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "interrupt_vectors.hpp"
#include "kernel.hpp"
#include "nic_driver.hpp"
#include "packet_handler.hpp"
#include "rx_policy.hpp"

namespace nicsim::driver {

struct PollingConfig {
    unsigned quota = 5;                  // packets per source per turn; 0 = no quota
    bool feedback = false;               // poll-feedback
    double high_watermark = 0.75;        // of the consumer queue's capacity
    double low_watermark = 0.25;
    std::uint64_t feedback_timeout_us = 10'000;
    double cpu_limit = 0.5;              // poll-cpulimit: fraction of a core (the factory sets 0, none, for the others)
    std::uint64_t cpu_period_us = 10'000;
    Coalesce coalesce;                   // moderation of the interrupt that wakes the thread
};

class PollingThreadPolicy final : public RxPolicy {
public:
    PollingThreadPolicy(std::string name, Kernel& kernel, NicDriver& nic, PacketHandler& handler,
                        ConsumerQueue* consumer, DriverCosts costs, PollingConfig config);
    ~PollingThreadPolicy() override;

    std::string name() const override { return name_; }
    void start() override;
    std::vector<NamedCount> stats() const override;

private:
    class Poller;

    std::string name_;
    Kernel& kernel_;
    NicDriver& nic_;
    PacketHandler& handler_;
    ConsumerQueue* consumer_;
    DriverCosts costs_;
    PollingConfig config_;
    std::vector<std::unique_ptr<Poller>> pollers_;  // one per core that has queues
};

}  // namespace nicsim::driver
