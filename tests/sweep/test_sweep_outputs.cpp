// A sweep folder knows its own files: every file the report writes is one the folder checks
// recognise, so a smaller sweep committed over a larger one leaves none of the larger one's
// plots or data behind (a stale hog.svg beside results that have no hog would contradict them).
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "sweep/sweep_folder.hpp"
#include "sweep/sweep_outputs.hpp"
#include "sweep/sweep_report.hpp"

using namespace nicsim::sweep;
namespace fs = std::filesystem;

namespace {

// A finished row with every metric some plot draws: several applications, several cores,
// transmit completions, interrupts and a CPU-bound process.
PointResult full_row(const std::string& policy, double load) {
    PointResult r;
    r.point.policy = policy;
    r.point.load = load;
    r.name = policy;
    r.finished = true;
    r.exit_status = 0;
    auto& j = r.json;
    j["policy"] = policy;
    j["offered_pps"] = load;
    j["offered_pkts"] = 100;
    j["delivered_pps"] = load / 2;
    j["delivered_pkts"] = 50;
    j["drop_rx_ring_full"] = 50;
    j["cpu_idle"] = 0.5;
    j["lat_p50_us"] = 10;
    j["lat_p99_us"] = 20;
    j["app0_offered_pps"] = 1000;
    j["app0_delivered_pps"] = 900;
    j["app1_offered_pps"] = load;
    j["app1_delivered_pps"] = load / 2;
    j["core0_idle"] = 0.2;
    j["core1_idle"] = 0.8;
    j["tx_completions_pps"] = load / 4;
    j["irq_per_mpkt"] = 1000;
    j["hog_cpu"] = 0.3;
    return r;
}

// A finished row of a plain sweep: one application, one core, none of the optional metrics.
PointResult plain_row(const std::string& policy, double load) {
    PointResult r;
    r.point.policy = policy;
    r.point.load = load;
    r.name = policy;
    r.finished = true;
    r.exit_status = 0;
    r.json["policy"] = policy;
    r.json["offered_pps"] = load;
    r.json["offered_pkts"] = 100;
    r.json["delivered_pps"] = load;
    r.json["delivered_pkts"] = 100;
    r.json["cpu_idle"] = 0.5;
    r.json["lat_p99_us"] = 20;
    return r;
}

std::set<std::string> files_in(const fs::path& dir) {
    std::set<std::string> names;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.is_regular_file()) names.insert(e.path().filename().string());
    return names;
}

struct TempFolder {
    fs::path path = fs::temp_directory_path() / ("nicsim-sweep-outputs-" + std::to_string(::getpid()));
    TempFolder() {
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempFolder() { fs::remove_all(path); }
};

}  // namespace

TEST_CASE("every file the sweep report writes is one its folder recognises as its own", "[sweep][outputs]") {
    TempFolder dir;
    const std::vector<PointResult> rows{full_row("napi", 1000), full_row("napi", 2000), full_row("poll-quota", 1000),
                                        full_row("poll-quota", 2000)};
    write_plots(dir.path.string(), "test", rows);
    const auto written = files_in(dir.path);
    // The rows exercise every optional plot, so a plot added later without a name in
    // is_report_file fails here.
    for (const char* plot : {"livelock.svg", "apps.svg", "cores.svg", "tx.svg", "interrupts.svg", "hog.svg"})
        CHECK(written.count(plot) == 1);
    for (const auto& name : written) {
        INFO(name);
        CHECK(is_sweep_output(name));
    }
}

TEST_CASE("a sweep folder does not take a user's own files for results", "[sweep][outputs]") {
    for (const char* name : {"notes.txt", "results.csv.bak", "data.dat", "metric_x.dat", "my.svg", "data_1.dat.old"}) {
        INFO(name);
        CHECK_FALSE(is_sweep_output(name));
    }
}

TEST_CASE("a smaller sweep committed over a larger one leaves none of its plots or data", "[sweep][outputs]") {
    TempFolder dir;
    commit_outputs(dir.path, "big", "plan = 'big'\n",
                   {full_row("napi", 1000), full_row("poll-quota", 1000), full_row("bsd-interrupt", 1000)}, "run,wall_s\n");
    const auto big = files_in(dir.path);
    REQUIRE(big.count("hog.svg") == 1);
    REQUIRE(big.count("metric_hog_cpu_2.dat") == 1);
    REQUIRE(big.count("data_2.dat") == 1);
    std::ofstream(dir.path / "notes.txt") << "mine\n";

    const auto names = commit_outputs(dir.path, "small", "plan = 'small'\n", {plain_row("napi", 1000)}, "run,wall_s\n");
    const auto small = files_in(dir.path);
    std::set<std::string> expected(names.begin(), names.end());
    expected.insert("notes.txt");  // not a sweep's: kept
    CHECK(small == expected);
    for (const char* stale : {"hog.svg", "tx.svg", "interrupts.svg", "apps.svg", "cores.svg", "metric_hog_cpu_0.dat",
                              "apps_0.dat", "cores_0.dat", "data_1.dat", "data_2.dat"}) {
        INFO(stale);
        CHECK(small.count(stale) == 0);
    }
}
