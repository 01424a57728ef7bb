// Sweep plans: parameter axes over any run key, seeds, refusals before anything runs, and
// the plan and run files a sweep folder records (read back, they are the same plan and runs).
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "sweep/knob_text.hpp"
#include "sweep/plan_files.hpp"
#include "cosim/run_config.hpp"
#include "sweep/sweep_plan.hpp"

using namespace nicsim;
using namespace nicsim::sweep;
namespace fs = std::filesystem;

namespace {

SweepPlan small_plan() {
    SweepPlan plan;
    plan.name = "test";
    plan.policies = {"napi", "poll-quota"};
    plan.loads = {1000, 2000};
    plan.packets = 100;
    return plan;
}

std::string setting(const SweepPoint& p, const std::string& key) {
    for (const auto& [k, v] : p.settings)
        if (k == key) return v;
    return "(unset)";
}

SweepPlan read_back(const std::string& toml) {
    const fs::path file = fs::current_path() / ("plan-" + std::to_string(::getpid()) + ".toml");
    std::ofstream(file) << toml;
    // Removed whether the plan is read or refused (the refusal tests throw through here).
    struct Remove {
        fs::path path;
        ~Remove() { fs::remove(path); }
    } remove{file};
    return load_plan_file(file.string());
}

}  // namespace

TEST_CASE("Axes multiply the points: policy outermost, then each axis, load innermost", "[unit][sweep]") {
    auto plan = small_plan();
    plan.axes = {{"cores", {"1", "2"}}, {"rx-usecs", {"0", "8"}}};
    const auto points = plan_points(plan);
    REQUIRE(points.size() == 2 * 2 * 2 * 2);
    CHECK(points[0].policy == "napi");
    CHECK(points[0].axis_values == KeyValues{{"cores", "1"}, {"rx-usecs", "0"}});
    CHECK(points[1].load == 2000);
    CHECK(points[2].axis_values == KeyValues{{"cores", "1"}, {"rx-usecs", "8"}});
    CHECK(points[4].axis_values == KeyValues{{"cores", "2"}, {"rx-usecs", "0"}});
    CHECK(points[8].policy == "poll-quota");
    CHECK(setting(points[5], "cores") == "2");
    CHECK(setting(points[5], "rx-usecs") == "0");
    CHECK(setting(points[5], "load") == "2000");
}

TEST_CASE("An axis replaces the key's value from [run] and from [policy.NAME]", "[unit][sweep]") {
    auto plan = load_preset("mogul96");  // quota = 5 in [run], app = "sink" for poll-feedback
    plan.policies = {"poll-quota", "poll-cpulimit"};
    plan.axes = {{"quota", {"1", "20"}}, {"app", {"forward"}}};
    for (const auto& p : plan_points(plan)) {
        CHECK(setting(p, "app") == "forward");
        CHECK((setting(p, "quota") == "1" || setting(p, "quota") == "20"));
    }
}

TEST_CASE("A [run] key applies to the points that use it; an axis or [policy] key must be used", "[unit][sweep]") {
    auto plan = small_plan();  // napi and poll-quota
    plan.base = {{"quota", "7"}};
    const auto points = plan_points(plan);
    CHECK(setting(points.front(), "quota") == "(unset)");  // napi has no quota
    CHECK(setting(points.back(), "quota") == "7");
    plan.policies = {"napi"};  // a [run] key no point uses is named, for the sweep to say
    std::vector<std::string> unused;
    plan_points(plan, &unused);
    REQUIRE(unused.size() == 1);
    CHECK(unused[0] == "[run] quota = 7: no point of this sweep uses it (policies napi)");
    plan = small_plan();
    plan.axes = {{"quota", {"1", "5"}}};  // an axis napi ignores would run napi's points twice
    CHECK_THROWS_WITH(plan_points(plan), Catch::Contains("quota = 1: nothing in this run uses it"));
    plan = small_plan();
    plan.per_policy = {{"napi", {{"quota", "3"}}}};
    CHECK_THROWS_WITH(plan_points(plan), Catch::Contains("(policy napi): quota = 3: nothing in this run uses it"));
}

TEST_CASE("An axis must be a run key other than those the sweep has keys for", "[unit][sweep]") {
    auto plan = small_plan();
    plan.axes = {{"quot", {"1"}}};
    CHECK_THROWS_WITH(plan_points(plan), Catch::Contains("axis quot: unknown key 'quot'"));
    plan.axes = {{"load", {"1000"}}};
    CHECK_THROWS_WITH(plan_points(plan), Catch::Contains("load is swept by sweep.loads (--loads), not as an axis"));
    plan.axes = {{"seed", {"1"}}};
    CHECK_THROWS_WITH(plan_points(plan), Catch::Contains("sweep.seeds"));
    plan.axes = {{"cores", {"0"}}};  // and each value in the knob's range
    CHECK_THROWS_WITH(plan_points(plan), Catch::Contains("cores = 0: must be an integer in 1..16"));
}

TEST_CASE("A policy, load or axis value listed twice is refused (its points would run twice)", "[unit][sweep]") {
    auto plan = small_plan();
    plan.policies = {"napi", "napi"};
    CHECK_THROWS_WITH(plan_points(plan), "policies = napi,napi: napi is listed twice (its points would run twice)");
    plan = small_plan();
    plan.loads = {1000, 2000, 1000};
    CHECK_THROWS_WITH(plan_points(plan), Catch::StartsWith("loads = 1000,2000,1000: 1000 is listed twice"));
    plan = small_plan();
    plan.axes = {{"cores", {"2", "2.0"}}};  // one value, two spellings
    CHECK_THROWS_WITH(plan_points(plan), Catch::StartsWith("axis cores = 2,2.0: 2.0 is listed twice"));
}

TEST_CASE("Seeds give each point runs seed .. seed + N - 1; the last must be a valid seed", "[unit][sweep]") {
    auto plan = small_plan();
    plan.seed = 7;
    plan.seeds = 3;
    const auto points = plan_points(plan);
    const auto runs = plan_runs(plan, points);
    REQUIRE(runs.size() == points.size() * 3);
    CHECK(runs[0].point == 0);
    CHECK(runs[2].seed == 9);
    CHECK(runs[3].point == 1);
    for (const auto& r : runs) {
        std::string seed;
        for (const auto& [k, v] : r.settings)
            if (k == "seed") seed = v;
        CHECK(seed == std::to_string(r.seed));
    }
    plan.seed = 18446744073709551600u;
    plan.seeds = 200;
    CHECK_THROWS_WITH(plan_points(plan), Catch::Contains("from seed 18446744073709551600 would pass the last seed"));
    plan.seed = 9007199254740993;  // above 2^53: kept exactly, not rounded through a double
    plan.seeds = 2;
    const auto runs_big = plan_runs(plan, plan_points(plan));
    CHECK(runs_big[1].seed == 9007199254740994u);
}

TEST_CASE("A plan written and read back is the same plan, for every preset", "[unit][sweep]") {
    for (const auto& name : preset_names()) {
        INFO(name);
        auto plan = load_preset(name);
        plan.seeds = 2;
        // Not in alphabetical order: the written order is the nesting order.
        plan.axes = {{"rx", {"128", "64.0"}}, {"arrivals", {"poisson", "constant"}}};
        const std::string text = plan_toml(plan);
        const auto again = read_back(text);
        CHECK(plan_toml(again) == text);
        REQUIRE(again.axes.size() == 2);
        CHECK(again.axes[0].key == "rx");
        const auto a = plan_points(plan), b = plan_points(again);
        REQUIRE(a.size() == b.size());
        for (std::size_t i = 0; i < a.size(); ++i) CHECK(a[i].settings == b[i].settings);
    }
}

TEST_CASE("A run file is the run: read by nicsim run it sets every knob as the sweep does", "[unit][sweep]") {
    auto plan = load_preset("mogul96");
    plan.policies = {"poll-cpulimit"};
    plan.loads = {1234.5};
    plan.axes = {{"cpu-limit", {"0.25"}}};
    const auto points = plan_points(plan);
    const auto runs = plan_runs(plan, points);
    const fs::path file = fs::current_path() / ("run-" + std::to_string(::getpid()) + ".toml");
    std::ofstream(file) << run_toml(runs[0], points[0]);
    RunConfig from_file, from_settings;
    const auto file_knobs = make_knobs(from_file), setting_knobs = make_knobs(from_settings);
    load_config_file(file_knobs, file.string());
    for (const auto& [k, v] : runs[0].settings) set_knob(setting_knobs, k, v);
    fs::remove(file);
    for (std::size_t i = 0; i < file_knobs.size(); ++i) CHECK(file_knobs[i].get() == setting_knobs[i].get());
    CHECK(from_file.load_pps == 1234.5);
    CHECK(from_file.policies.polling.cpu_limit == 0.25);
}

TEST_CASE("Numbers are written in one spelling, the shortest that reads back exactly", "[unit][sweep]") {
    CHECK(number_text(0.1) == "0.1");
    CHECK(number_text(100000) == "100000");
    CHECK(number_text(2.5e6) == "2500000");
    CHECK(number_text(0.001) == "0.001");
    CHECK(number_text(1234.5) == "1234.5");
}

TEST_CASE("An axis flag reads KEY=values, the values separated by commas", "[unit][sweep]") {
    const auto a = parse_axis("quota=1,5,20");
    CHECK(a.key == "quota");
    CHECK(a.values == std::vector<std::string>{"1", "5", "20"});
    CHECK_THROWS_WITH(parse_axis("quota"), Catch::Contains("must be KEY=V1,V2,..."));
    CHECK_THROWS_WITH(parse_axis("quota=1,,5"), Catch::Contains("an empty value"));
}

TEST_CASE("A plan's counts take the spellings run's integer keys take; its seed takes integers only", "[unit][sweep]") {
    const std::string head = "[sweep]\npolicies = [\"napi\"]\nloads = [1000]\n";
    CHECK(read_back(head + "packets = 1e3\n").packets == 1000);
    CHECK(read_back(head + "packets = 1_000\n").packets == 1000);
    CHECK(read_back(head + "seeds = 2.0\n").seeds == 2);
    CHECK_THROWS_WITH(read_back(head + "packets = 1.5\n"), Catch::Contains("sweep.packets = 1.5: must be an integer in 1..1000000000"));
    CHECK_THROWS_WITH(read_back(head + "seeds = 1e5\n"), Catch::Contains("sweep.seeds = 100000: must be an integer in 1..10000"));
    CHECK_THROWS_WITH(read_back(head + "seed = 1e3\n"), Catch::Contains("sweep.seed = 1000: must be an integer in 0.."));
    // An axis value is a run key's value: the run key's spellings, written canonically.
    auto plan = small_plan();
    plan.axes = {{"rx-usecs", {"1e2", "0x10"}}};
    const auto points = plan_points(plan);
    CHECK(setting(points[0], "rx-usecs") == "100");
    CHECK(setting(points[2], "rx-usecs") == "16");
}

TEST_CASE("A plan's run key of the wrong TOML type is named with its value", "[unit][sweep]") {
    const std::string head = "[sweep]\npolicies = [\"napi\"]\nloads = [1000]\n[run]\n";
    CHECK_THROWS_WITH(read_back(head + "rx-usecs = true\n"), Catch::Contains("run.rx-usecs = true: must be a string or a number"));
    CHECK_THROWS_WITH(read_back(head + "rx-usecs = [1, 2]\n"), Catch::Contains("run.rx-usecs = [ 1, 2 ]: must be a string or a number"));
}
