// Interrupt moderation (rx-usecs, tx-usecs) takes effect under every interrupt-driven policy:
// at 100,000 packets/s (10 us apart) each policy takes about an interrupt per event without
// it, and with rx-usecs = tx-usecs = 40 a vector fires at most once per 40 us. A policy that
// ignored the keys would fail the second check. napi-dim tunes moderation itself and busy-poll
// takes no interrupts: the run refuses the keys for them (tested beside the other refusals).
#include <catch2/catch.hpp>

#include "forked_run.hpp"

using namespace nicsim;
using nicsim::test::run_forked;

namespace {

test::ForkedRun run_with(const std::string& policy, const std::string& usecs) {
    RunConfig c;
    const auto knobs = make_knobs(c);
    set_knob(knobs, "policy", policy);
    // lrp, soft-lrp and poll-feedback serve user-level applications.
    const bool user = policy == "lrp" || policy == "soft-lrp" || policy == "poll-feedback";
    set_knob(knobs, "app", user ? "sink" : "forward");
    if (policy == "lrp") set_knob(knobs, "queues", "2");  // the application's own and the default
    set_knob(knobs, "load", "100000");
    set_knob(knobs, "packets", "1200");
    set_knob(knobs, "seed", "5");
    if (usecs != "0") {
        set_knob(knobs, "rx-usecs", usecs);
        if (!user) set_knob(knobs, "tx-usecs", usecs);
    }
    validate(c);
    return run_forked(c);
}

void check_moderated(const std::string& policy) {
    const auto plain = run_with(policy, "0");
    const auto moderated = run_with(policy, "40");
    const double sim_us = moderated.get("sim_ns") / 1000.0;
    // One vector per queue: at most one interrupt per 40 us from it.
    const double ceiling = sim_us / 40.0 + 1;
    INFO(policy << ": " << plain.get("irq_count") << " interrupts unmoderated, " << moderated.get("irq_count")
                << " with 40 us, over " << sim_us << " us (ceiling " << ceiling << ")");
    CHECK(moderated.conserved);
    CHECK(plain.get("irq_count") > 1.5 * ceiling);
    CHECK(moderated.get("irq_count") <= ceiling);
    CHECK(moderated.get("delivered_pkts") == plain.get("delivered_pkts"));
}

}  // namespace

TEST_CASE("rx-usecs moderates bsd-interrupt", "[system][moderation]") { check_moderated("bsd-interrupt"); }
TEST_CASE("rx-usecs moderates poll-noquota", "[system][moderation]") { check_moderated("poll-noquota"); }
TEST_CASE("rx-usecs moderates poll-quota", "[system][moderation]") { check_moderated("poll-quota"); }
TEST_CASE("rx-usecs moderates poll-feedback", "[system][moderation]") { check_moderated("poll-feedback"); }
TEST_CASE("rx-usecs moderates poll-cpulimit", "[system][moderation]") { check_moderated("poll-cpulimit"); }
TEST_CASE("rx-usecs moderates napi", "[system][moderation]") { check_moderated("napi"); }
TEST_CASE("rx-usecs moderates lrp", "[system][moderation]") { check_moderated("lrp"); }
TEST_CASE("rx-usecs moderates soft-lrp", "[system][moderation]") { check_moderated("soft-lrp"); }
