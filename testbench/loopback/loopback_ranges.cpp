#include "loopback/loopback_ranges.hpp"

#include <stdexcept>
#include <string>
#include <type_traits>

#include "loopback/rtl_run.hpp"

namespace nicsim::tb {
namespace {

// The field behind each key of the table; `visit(field)` gets a reference to it.
template <class Options, class Visit>
void with_field(Options& o, std::string_view key, Visit&& visit) {
    if (key == "packets") return visit(o.packets);
    if (key == "size") return visit(o.size);
    if (key == "flows") return visit(o.flows);
    if (key == "queues") return visit(o.driver.queues);
    if (key == "rx-ring") return visit(o.driver.rx_ring_size);
    if (key == "tx-ring") return visit(o.driver.tx_ring_size);
    if (key == "rx-buf-size") return visit(o.driver.rx_buffer_size);
    if (key == "poll-interval-ns") return visit(o.poll_interval_ns);
    if (key == "poll-budget") return visit(o.poll_budget);
    if (key == "dma-latency-ns") return visit(o.dma_latency_ns);
    if (key == "dma-window") return visit(o.dma_window);
    if (key == "clock-mhz") return visit(o.clock_mhz);
    if (key == "link-gbps") return visit(o.link_gbps);
    throw std::logic_error("loopback option without a field: " + std::string(key));
}

}  // namespace

double loopback_value(const RtlRunOptions& options, std::string_view key) {
    double value = 0;
    with_field(options, key, [&](const auto& field) { value = static_cast<double>(field); });
    return value;
}

void set_loopback_value(RtlRunOptions& options, std::string_view key, double value) {
    with_field(options, key, [&](auto& field) { field = static_cast<std::remove_reference_t<decltype(field)>>(value); });
}

}  // namespace nicsim::tb
