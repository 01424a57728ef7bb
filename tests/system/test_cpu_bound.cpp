// No rate a run reports may be above what its CPUs can physically do at its costs
// (cosim/cpu_bound.hpp): for every preset, every policy at the preset's highest load, where
// the CPU is the limit. The bound only counts work every delivered packet needs, so a
// scheduling or accounting bug that delivers packets without charging their work fails here.
// One preset per TEST_CASE: CTest runs each in its own process.
#include <catch2/catch.hpp>

#include <algorithm>

#include "cosim/cosim_run.hpp"
#include "cosim/cpu_bound.hpp"
#include "forked_run.hpp"
#include "preset_point.hpp"
#include "sweep/sweep_plan.hpp"

using namespace nicsim;
using nicsim::test::preset_point;
using nicsim::test::run_forked;

namespace {

void check_within_bound(const std::string& preset) {
    const auto plan = sweep::load_preset(preset);
    const double load = *std::max_element(plan.loads.begin(), plan.loads.end());
    // Long enough for a window of several hundred packets at the 1996 rates, short for the
    // modern ones.
    const double duration_us = load < 100'000 ? 40'000 : 3'000;
    for (const auto& policy : plan.policies) {
        INFO("preset " << preset << ", policy " << policy << ", load " << load);
        const auto config = preset_point(preset, policy, load, duration_us);
        const auto bound = cpu_bound(config);
        const auto r = run_forked(config);
        CHECK(r.conserved);
        REQUIRE(r.get("window_us") > 0);
        // Work begun before the window may finish in it: at most one packet per core.
        const double slack = config.cores / (r.get("window_us") * 1e-6);
        INFO("delivered " << r.get("delivered_pps") << " packets/s, bound " << bound.pps << " (+" << slack
                          << "): kernel " << bound.kernel_ns << " ns on " << bound.kernel_cores << " core(s), user "
                          << bound.user_ns << " ns on " << bound.user_cores);
        CHECK(r.get("cpu_bound_pps") == Approx(bound.pps).epsilon(1e-3));  // reported to the packet
        CHECK(r.get("delivered_pps") <= bound.pps + slack);
        CHECK(r.get("delivered_pps") <= r.get("offered_pps") + slack);
    }
}

}  // namespace

TEST_CASE("default stays within its CPU bound", "[system][bound]") { check_within_bound("default"); }
TEST_CASE("mogul96 stays within its CPU bound", "[system][bound]") { check_within_bound("mogul96"); }
TEST_CASE("mogul96-screend stays within its CPU bound", "[system][bound]") { check_within_bound("mogul96-screend"); }
TEST_CASE("mogul96-feedback stays within its CPU bound", "[system][bound]") { check_within_bound("mogul96-feedback"); }
TEST_CASE("mogul96-quota stays within its CPU bound", "[system][bound]") { check_within_bound("mogul96-quota"); }
TEST_CASE("mogul96-cpulimit stays within its CPU bound", "[system][bound]") { check_within_bound("mogul96-cpulimit"); }
TEST_CASE("batched-interrupts stays within its CPU bound", "[system][bound]") {
    check_within_bound("batched-interrupts");
}
TEST_CASE("tx-starvation stays within its CPU bound", "[system][bound]") { check_within_bound("tx-starvation"); }
TEST_CASE("latency stays within its CPU bound", "[system][bound]") { check_within_bound("latency"); }
TEST_CASE("interrupts stays within its CPU bound", "[system][bound]") { check_within_bound("interrupts"); }
TEST_CASE("lrp stays within its CPU bound", "[system][bound]") { check_within_bound("lrp"); }
TEST_CASE("multiqueue stays within its CPU bound", "[system][bound]") { check_within_bound("multiqueue"); }
TEST_CASE("every preset has a CPU-bound test", "[system][bound]") {
    // A preset added to the table without a TEST_CASE above fails here.
    CHECK(sweep::preset_names().size() == 12);
}
