// Waveforms as a user gets them: `nicsim run --trace ...` writes an FST that fst2vcd converts,
// that holds the NIC's and the testbench's scopes and every signal the GTKWave views in
// traces/ name, whose testbench events line up with the RTL, and whose window, trigger and
// depth options do what they say. Each case runs build/nicsim (NICSIM_EXE) as a user would.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include "vcd_file.hpp"

namespace fs = std::filesystem;
using nicsim::test::VcdFile;

namespace {

constexpr std::uint64_t clock_period_ps = 4000;  // 250 MHz, nicsim run's default
const std::string nic = "TOP.nicsim_tb_top.nic.";
const std::string tb = "TOP.nicsim_tb_top.tb.";

fs::path work_dir(const std::string& name) {
    const fs::path dir = fs::path(NICSIM_TEST_OUT) / name;
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

// Runs build/nicsim; its output goes to `log`. Returns the exit status.
int run_nicsim(const std::string& args, const fs::path& log) {
    const std::string command = std::string(NICSIM_EXE) + " " + args + " >" + log.string() + " 2>&1";
    const int status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string read_text(const fs::path& p) {
    std::ifstream in(p);
    return {std::istreambuf_iterator<char>(in), {}};
}

// Runs nicsim, requires success, converts the FST and returns the VCD's path.
fs::path trace_run(const fs::path& dir, const std::string& name, const std::string& args) {
    const fs::path fst = dir / (name + ".fst");
    const fs::path vcd = dir / (name + ".vcd");
    INFO("nicsim " << args << "\n" << read_text(dir / (name + ".log")));
    REQUIRE(run_nicsim(args + " --trace " + fst.string(), dir / (name + ".log")) == 0);
    REQUIRE(fs::exists(fst));
    const std::string convert = "fst2vcd -f " + fst.string() + " -o " + vcd.string() + " >/dev/null 2>&1";
    REQUIRE(std::system(convert.c_str()) == 0);
    return vcd;
}

// The signals a GTKWave save file names (aliases and bit ranges stripped).
std::vector<std::string> gtkw_signals(const fs::path& gtkw) {
    std::vector<std::string> names;
    std::ifstream in(gtkw);
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || std::string("[@-*#").find(line[0]) != std::string::npos) continue;
        if (line[0] == '+') line = line.substr(line.find("} ") + 2);  // +{alias} TOP.x.y
        if (const auto bracket = line.find('['); bracket != std::string::npos) line.resize(bracket);
        names.push_back(line);
    }
    return names;
}

std::size_t count_pulses(const VcdFile& vcd, const std::string& name) {
    std::size_t n = 0;
    for (const auto& [t, v] : vcd.changes(name)) if (v == "1") ++n;
    return n;
}

const std::string small_run = "run --packets 40 --load 1000000 --seed 3";
// A run that drops: a ring of 8 descriptors at 5 Mpps.
const std::string dropping_run = "run --packets 400 --load 5000000 --rx 8 --seed 5";

}  // namespace

TEST_CASE("A trace holds the NIC and testbench scopes and every signal every view names", "[trace]") {
    const auto dir = work_dir("trace_views");
    const VcdFile vcd(trace_run(dir, "whole", small_run).string());
    CHECK(vcd.timescale() == "1ps");
    CHECK(vcd.has_scope("TOP.nicsim_tb_top.nic"));
    CHECK(vcd.has_scope("TOP.nicsim_tb_top.nic.u_dma.u_rx_dma"));
    CHECK(vcd.has_scope("TOP.nicsim_tb_top.tb"));

    std::set<std::string> views;
    for (const auto& entry : fs::directory_iterator(NICSIM_TRACES_DIR))
        if (entry.path().extension() == ".gtkw") views.insert(entry.path().stem().string());
    CHECK(views == std::set<std::string>{"classification", "host_bus", "interrupts", "rx_path", "tx_path"});
    for (const auto& view : views) {
        const auto signals = gtkw_signals(fs::path(NICSIM_TRACES_DIR) / (view + ".gtkw"));
        INFO("view " << view);
        CHECK(signals.size() >= 8);
        for (const auto& s : signals) {
            INFO("signal " << s);
            CHECK(vcd.has(s));
        }
    }
}

TEST_CASE("Testbench events sit on the RTL's time axis", "[trace]") {
    const auto dir = work_dir("trace_events");
    const VcdFile vcd(trace_run(dir, "events", small_run).string(),
                      {tb + "frame_offered_i", tb + "frame_seq_i", nic + "s_axis_rx_tvalid", tb + "irq_entry_i",
                       nic + "irq_o", tb + "poll_active_i", tb + "rearm_i", tb + "poll_count_i"});
    // A frame is offered in the cycle its first beat is on the MAC input: the same timestamp.
    const auto offered = vcd.first_nonzero(tb + "frame_offered_i");
    REQUIRE(offered > 0);
    CHECK(offered == vcd.first_nonzero(nic + "s_axis_rx_tvalid"));
    CHECK(count_pulses(vcd, tb + "frame_offered_i") == 40);
    CHECK(std::stoul(vcd.changes(tb + "frame_seq_i").back().second, nullptr, 2) == 39);  // the last frame's

    // The CPU enters the handler after the NIC's interrupt message, within one sync quantum
    // (1 us by default), the handler entry cost (irq_entry_ns, 500 ns by default: the entry
    // event is stamped after it) and a cycle.
    const auto irq = vcd.first_nonzero(nic + "irq_o");
    const auto entry = vcd.first_nonzero(tb + "irq_entry_i");
    REQUIRE(irq > 0);
    REQUIRE(entry > 0);
    CHECK(entry >= irq);
    CHECK(entry - irq <= static_cast<std::int64_t>(1'000'000 + 500'000 + clock_period_ps));
    // NAPI polls after the interrupt, hands up packets, and re-arms the vector (it also
    // arms every vector once as it starts, long before traffic).
    const auto entry_ps = static_cast<std::uint64_t>(entry);
    CHECK(vcd.first_nonzero(tb + "poll_active_i") >= entry);
    CHECK(vcd.first_nonzero(tb + "poll_count_i") > entry);
    CHECK(vcd.first_nonzero(tb + "rearm_i") < entry);
    CHECK(vcd.first_nonzero(tb + "rearm_i", entry_ps) > entry);
}

TEST_CASE("A windowed trace is smaller and holds only its window", "[trace]") {
    const auto dir = work_dir("trace_window");
    const auto whole = trace_run(dir, "whole", small_run);
    const auto window = trace_run(dir, "window", small_run + " --trace-window 40:50");
    CHECK(fs::file_size(dir / "window.fst") < fs::file_size(dir / "whole.fst"));
    const VcdFile w(window.string());
    CHECK(w.first_time() >= 40'000'000u);
    CHECK(w.first_time() < 40'000'000u + clock_period_ps);
    CHECK(w.last_time() <= 50'000'000u);
    CHECK(w.last_time() > 50'000'000u - clock_period_ps);
    const VcdFile all(whole.string());
    CHECK(all.first_time() == 0);
    CHECK(all.last_time() > 50'000'000u);
}

TEST_CASE("A drop-triggered trace starts at the first drop and runs --trace-for", "[trace]") {
    const auto dir = work_dir("trace_drop");
    const std::string trigger = "TOP.nicsim_tb_top.trigger_drop_o";
    const VcdFile whole(trace_run(dir, "whole", dropping_run).string(), {trigger});
    const auto first_drop = whole.first_nonzero(trigger);
    REQUIRE(first_drop > 0);

    const VcdFile triggered(trace_run(dir, "drop", dropping_run + " --trace-on drop --trace-for 10").string(), {trigger});
    // The trace starts in the cycle the drop strobe is seen (it rises half a cycle earlier, on
    // the clock edge), with the strobe high in its first dump.
    CHECK(triggered.first_time() >= static_cast<std::uint64_t>(first_drop));
    CHECK(triggered.first_time() <= static_cast<std::uint64_t>(first_drop) + clock_period_ps);
    REQUIRE_FALSE(triggered.changes(trigger).empty());
    CHECK(triggered.changes(trigger).front() == std::make_pair(triggered.first_time(), std::string("1")));
    CHECK(triggered.last_time() <= triggered.first_time() + 10'000'000u);
    CHECK(triggered.last_time() > triggered.first_time() + 10'000'000u - clock_period_ps);
}

TEST_CASE("The trace depth limits the hierarchy", "[trace]") {
    const auto dir = work_dir("trace_depth");
    const VcdFile shallow(trace_run(dir, "depth3", small_run + " --trace-window 30:32 --trace-depth 3").string());
    CHECK(shallow.has(nic + "s_axis_rx_tvalid"));
    CHECK(shallow.has(tb + "frame_seq_i"));
    CHECK_FALSE(shallow.has_scope("TOP.nicsim_tb_top.nic.u_dma"));
    const VcdFile deep(trace_run(dir, "depth4", small_run + " --trace-window 30:32 --trace-depth 4").string());
    CHECK(deep.has_scope("TOP.nicsim_tb_top.nic.u_dma"));
    CHECK(deep.variables() > shallow.variables());
}

TEST_CASE("The same seed gives the same waveform", "[trace]") {
    const auto dir = work_dir("trace_deterministic");
    auto body = [](const fs::path& vcd) {
        // fst2vcd's $date is the conversion time and the FST's own header holds the time it
        // was written; everything from $timescale on must be identical.
        const std::string text = read_text(vcd);
        return text.substr(text.find("$timescale"));
    };
    const auto a = trace_run(dir, "a", small_run + " --trace-window 20:60");
    const auto b = trace_run(dir, "b", small_run + " --trace-window 20:60");
    CHECK(body(a) == body(b));
}

TEST_CASE("A sweep writes one trace per point", "[trace]") {
    const auto dir = work_dir("trace_sweep");
    const std::string args = "sweep --policies napi,busy-poll --loads 100000,200000 --packets 30 --jobs 2 --out " +
                             (dir / "sweep").string() + " --trace " + (dir / "t.fst").string() +
                             " --trace-window 20:40";
    INFO(read_text(dir / "sweep.log"));
    REQUIRE(run_nicsim(args, dir / "sweep.log") == 0);
    for (const char* name : {"t-napi-100000.fst", "t-napi-200000.fst", "t-busy-poll-100000.fst", "t-busy-poll-200000.fst"}) {
        INFO(name);
        CHECK(fs::file_size(dir / name) > 0);
    }
}

TEST_CASE("nicsim view opens a trace with a view's save file", "[trace]") {
    const auto dir = work_dir("trace_view");
    trace_run(dir, "v", small_run + " --trace-window 30:32");
    REQUIRE(run_nicsim("view rx_path " + (dir / "v.fst").string() + " --print", dir / "view.log") == 0);
    CHECK(read_text(dir / "view.log") == "gtkwave --dump=" + (dir / "v.fst").string() + " --save=" +
                                             (fs::path(NICSIM_TRACES_DIR) / "rx_path.gtkw").string() + "\n");
}

TEST_CASE("Skip-idle leaves the waveform inside a trace window unchanged", "[trace]") {
    // Light load: 10 000 frames/s leave the NIC idle most of the time before the window
    // (where skip-idle jumps) and between the frames inside it (where it must not: a trace
    // shows every clock edge).
    const auto dir = work_dir("trace_skip_idle");
    auto body = [](const fs::path& vcd) {
        const std::string text = read_text(vcd);
        return text.substr(text.find("$timescale"));
    };
    const std::string light = "run --policy napi --load 10000 --packets 40 --seed 3 --trace-window 1500:1800";
    const auto every_cycle = trace_run(dir, "every_cycle", light + " --skip-idle 0");
    const auto skipping = trace_run(dir, "skipping", light + " --skip-idle 1");
    const std::string a = body(every_cycle);
    CHECK(a.size() > 1000);
    CHECK(a == body(skipping));
}
