#include "sink_app.hpp"

#include <algorithm>

namespace nicsim::apps {

SinkApp::SinkApp(driver::Kernel& kernel, const host::CostTable& costs, DeliveryLedger& ledger, unsigned queue_capacity,
                 unsigned core)
    : kernel_(kernel),
      ledger_(ledger),
      kernel_ps_(host::to_ps(costs.rx_packet_ns) + host::to_ps(costs.socket_enqueue_ns)),
      user_ps_(host::to_ps(costs.user_packet_ns)),
      capacity_(queue_capacity),
      thread_(kernel.create_thread("sink", driver::ExecLevel::user, core, *this)) {}

void SinkApp::receive(unsigned, const driver::RxFrameView& frame) {
    kernel_.charge_ps(kernel_ps_);
    frame.copy_to(frame_);
    const auto stamp = ledger_.recognise(frame_);
    if (!stamp) {
        ledger_.dropped(HostDrop::corrupt);
        return;
    }
    if (queue_.size() >= capacity_) {
        ledger_.dropped(HostDrop::socket_queue);
        return;
    }
    queue_.push_back(stamp->offered_at);
    max_length_ = std::max(max_length_, queue_.size());
    kernel_.wake(thread_);
}

bool SinkApp::run_step() {
    if (queue_.empty()) return false;
    const std::uint64_t send_ps = queue_.front();
    queue_.pop_front();
    kernel_.charge_ps(user_ps_);
    // Consumed when this step's work is done.
    ledger_.delivered(send_ps, kernel_.now_ns() * 1000 + user_ps_);
    if (notify_ && queue_.size() <= notify_mark_) {
        auto drained = std::move(notify_);
        notify_ = nullptr;
        drained();
    }
    return !queue_.empty();
}

void SinkApp::notify_when_at_most(unsigned mark, std::function<void()> drained) {
    if (queue_.size() <= mark) {
        drained();
        return;
    }
    notify_mark_ = mark;
    notify_ = std::move(drained);
}

}  // namespace nicsim::apps
