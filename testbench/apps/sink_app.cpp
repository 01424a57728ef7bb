#include "apps/sink_app.hpp"

#include <algorithm>

namespace nicsim::apps {

SinkApp::SinkApp(driver::Kernel& kernel, const host::CostTable& costs, DeliveryLedger& ledger, unsigned queue_capacity,
                 unsigned core, const std::string& name, std::uint16_t port)
    : kernel_(kernel),
      ledger_(ledger),
      kernel_ps_(host::to_ps(costs.rx_packet_ns) + host::to_ps(costs.socket_enqueue_ns)),
      protocol_ps_(host::to_ps(costs.rx_packet_ns)),
      user_ps_(host::to_ps(costs.user_packet_ns)),
      capacity_(queue_capacity),
      core_(core),
      port_(port),
      thread_(kernel.create_thread(name, driver::ExecLevel::user, core, *this)) {}

void SinkApp::receive(unsigned, const driver::RxFrameView& frame) {
    kernel_.charge_ps(kernel_ps_);
    frame.copy_to(frame_);
    const auto id = ledger_.identify(frame_);
    if (!id) {
        ++corrupt_;
        ledger_.dropped(HostDrop::corrupt);
        return;
    }
    if (queue_.size() >= capacity_) {
        ++socket_queue_drops_;
        ledger_.dropped(HostDrop::socket_queue);
        return;
    }
    queue_.push_back(*id);
    max_length_ = std::max(max_length_, queue_.size());
    kernel_.wake(thread_);
}

void SinkApp::consume_from_socket() {
    const traffic::FrameId id = queue_.front();
    queue_.pop_front();
    kernel_.charge_ps(user_ps_);
    // Consumed when this step's work is done.
    deliver(id, kernel_.now_ns() * 1000 + user_ps_);
    if (notify_ && queue_.size() <= notify_mark_) {
        auto drained = std::move(notify_);
        notify_ = nullptr;
        drained();
    }
}

void SinkApp::receive_lazily(const driver::RxFrameView& frame, std::uint64_t channel_ps) {
    // recv(): the protocol input the kernel would have done eagerly, now in this process's
    // step; no socket queue, so no enqueue and no wakeup.
    kernel_.charge_ps(protocol_ps_ + user_ps_);
    frame.copy_to(frame_);
    const auto id = ledger_.identify(frame_);
    if (!id) {
        ++corrupt_;
        ledger_.dropped(HostDrop::corrupt);
        return;
    }
    // The step also did the channel's part of the work on it (the driver's, under lrp).
    deliver(*id, kernel_.now_ns() * 1000 + channel_ps + protocol_ps_ + user_ps_);
}

void SinkApp::deliver(const traffic::FrameId& id, std::uint64_t at_ps) {
    ++delivered_;
    deliveries_.add(ledger_.window(), at_ps);
    ledger_.delivered(id, at_ps);
}

bool SinkApp::run_step() {
    // Packets the kernel processed eagerly come first (under lrp: the default queue's).
    if (!queue_.empty()) {
        consume_from_socket();
        return !queue_.empty() || channel_ != nullptr;
    }
    if (channel_)
        return channel_->receive(
            [this](const driver::RxFrameView& frame, std::uint64_t channel_ps) { receive_lazily(frame, channel_ps); });
    return false;
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
