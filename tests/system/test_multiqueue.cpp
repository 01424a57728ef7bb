// Receive-side scaling, from the multiqueue preset as the sweep runs it: with RSS spreading
// 64 flows over a queue per core, more cores receive more, at a load that saturates one.
// One run per TEST_CASE: CTest runs each in its own process.
#include <catch2/catch.hpp>

#include "cosim/cosim_run.hpp"
#include "preset_point.hpp"

using namespace nicsim;
using nicsim::test::preset_point;

namespace {

// Beyond what one core can receive and consume (~0.4 M packets/s with napi and a sink).
constexpr double load = 1'000'000;
constexpr double duration_us = 5'000;
// What the one-core variant delivers at this load (the first test checks it).
constexpr double one_core_at_most = 0.5 * load;

double delivered(const std::string& variant) {
    const auto r = run_cosim(preset_point("multiqueue", variant, load, duration_us));
    INFO(variant << ": delivered " << r.get("delivered_pps") << " of " << r.get("offered_pps") << " packets/s");
    CHECK(r.drained);
    CHECK(r.conserved());
    CHECK(r.get("drop_nic_queue_off") == 0);  // RSS sends nothing to a queue the driver did not bring up
    return r.get("delivered_pps");
}

}  // namespace

TEST_CASE("multiqueue: one core saturates", "[system][multiqueue]") { CHECK(delivered("napi-1q") < one_core_at_most); }

TEST_CASE("multiqueue: two cores deliver more than one can", "[system][multiqueue]") {
    CHECK(delivered("napi-2q") > one_core_at_most * 1.3);
}

TEST_CASE("multiqueue: four cores deliver more than two can", "[system][multiqueue]") {
    CHECK(delivered("napi-4q") > 0.95 * load);
}
