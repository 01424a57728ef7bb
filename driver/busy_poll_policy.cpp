#include "busy_poll_policy.hpp"

#include "interrupt_vectors.hpp"

namespace nicsim::driver {

BusyPollPolicy::BusyPollPolicy(Kernel& kernel, NicDriver& nic, PacketHandler& handler, DriverCosts costs)
    : kernel_(kernel), nic_(nic), handler_(handler), costs_(costs) {}

void BusyPollPolicy::start() {
    // Interrupts off: every vector masked, and nothing ever re-arms them.
    mask_vectors(nic_, (1u << nic_.queues()) - 1u);
    const unsigned core = kernel_.num_cores() - 1;
    kernel_.wake(kernel_.create_thread("busy-poll", ExecLevel::kthread, core, *this));
}

bool BusyPollPolicy::run_step() {
    // Round-robin over the queues, one packet per step; an empty sweep costs a spin.
    for (unsigned n = 0; n < nic_.queues(); ++n) {
        const unsigned q = (next_queue_ + n) % nic_.queues();
        const unsigned got = nic_.rx(q).poll(1, [&](const RxFrameView& frame) {
            kernel_.charge_ps(costs_.rx_ps);
            handler_.receive(q, frame);
        });
        kernel_.charge_ps(costs_.tx_complete_ps * nic_.tx(q).reclaim());
        if (got > 0) {
            ++packets_;
            next_queue_ = (q + 1) % nic_.queues();
            return true;
        }
    }
    ++empty_polls_;
    kernel_.charge_ps(costs_.poll_empty_ps);
    return true;  // never sleeps
}

std::vector<NamedCount> BusyPollPolicy::stats() const { return {{"busy_poll_empty_polls", empty_polls_}}; }

}  // namespace nicsim::driver
