#include "apps/delivery_ledger.hpp"

#include <algorithm>
#include <cmath>

namespace nicsim::apps {

std::uint64_t DeliveryLedger::latency_percentile(double p) const {
    if (latencies_ps_.empty()) return 0;
    std::vector<std::uint64_t> sorted = latencies_ps_;
    // Nearest-rank percentile.
    const auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(sorted.size())));
    const std::size_t index = std::min(sorted.size() - 1, rank == 0 ? 0 : rank - 1);
    std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(index), sorted.end());
    return sorted[index];
}

std::uint64_t DeliveryLedger::latency_max() const {
    return latencies_ps_.empty() ? 0 : *std::max_element(latencies_ps_.begin(), latencies_ps_.end());
}

}  // namespace nicsim::apps
