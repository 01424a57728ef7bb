#include "apps/screend_app.hpp"

#include <algorithm>

namespace nicsim::apps {

ScreendApp::ScreendApp(driver::Kernel& kernel, driver::NicDriver& nic, const host::CostTable& costs,
                       DeliveryLedger& ledger, unsigned queue_capacity, unsigned core)
    : kernel_(kernel),
      nic_(nic),
      ledger_(ledger),
      kernel_ps_(host::to_ps(costs.rx_packet_ns) + host::to_ps(costs.socket_enqueue_ns)),
      user_ps_(host::to_ps(costs.user_packet_ns) + host::to_ps(costs.forward_ns) + host::to_ps(costs.tx_packet_ns)),
      queue_(queue_capacity),
      thread_(kernel.create_thread("screend", driver::ExecLevel::user, core, *this)) {}

void ScreendApp::receive(unsigned queue, const driver::RxFrameView& frame) {
    kernel_.charge_ps(kernel_ps_);
    if (!queue_.push(queue, frame)) {
        ledger_.dropped(HostDrop::socket_queue);
        return;
    }
    max_length_ = std::max(max_length_, queue_.size());
    kernel_.wake(thread_);
}

bool ScreendApp::run_step() {
    if (queue_.empty()) return false;
    kernel_.charge_ps(user_ps_);
    const auto& packet = queue_.front();
    if (!nic_.transmit(packet.queue, packet.bytes)) ledger_.dropped(HostDrop::tx_ring);
    queue_.pop();
    if (notify_ && queue_.size() <= notify_mark_) {
        auto drained = std::move(notify_);
        notify_ = nullptr;
        drained();
    }
    return !queue_.empty();
}

void ScreendApp::notify_when_at_most(unsigned mark, std::function<void()> drained) {
    if (queue_.size() <= mark) {
        drained();
        return;
    }
    notify_mark_ = mark;
    notify_ = std::move(drained);
}

}  // namespace nicsim::apps
