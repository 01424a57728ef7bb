// Where the driver reports what it decided, for whoever watches: Linux's tracepoints
// (napi:napi_poll, skb:kfree_skb) for this driver. The testbench implements it to put the
// driver's choices into waveforms next to the NIC's signals; nothing in driver/ depends on
// anyone listening, and with no listener (nullptr, the default) each site costs one test of a
// pointer.
//
// The listener supplies the time; the driver, as everywhere, never sees it.
#pragma once

#include <string_view>

namespace nicsim::driver {

class Tracepoints {
public:
    virtual ~Tracepoints() = default;
    // The driver starts cleaning RX ring `queue` (any policy: NAPI poll, interrupt handler,
    // polling thread, busy poll).
    virtual void rx_poll_begin(unsigned queue) = 0;
    // ... and stops, having handed `packets` frames up.
    virtual void rx_poll_end(unsigned queue, unsigned packets) = 0;
    // The driver or its policy dropped a packet at `place` (the name its drop counter has,
    // as RxPolicy::drops() reports it, e.g. "ipintrq").
    virtual void packet_dropped(std::string_view place) = 0;
};

}  // namespace nicsim::driver
