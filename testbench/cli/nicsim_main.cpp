// nicsim: the command line.
//
//   nicsim run [--config FILE] [--KEY VALUE ...] [--json]
//                 the co-simulation: RTL NIC, simulated host, driver policy, application
//   nicsim loopback [options]
//                 RTL NIC and a polling driver only, no host model: for RTL debugging
//   nicsim sweep [--preset NAME | --config FILE] [--policies a,b] [--loads LIST|FROM:TO:STEPS]
//                [--axis KEY=V1,V2] [--seeds N] [--packets N] [--seed N] [--out DIR | --resume DIR]
//                [--force] [--executor local|slurm] [--jobs N] [--partition P] [--time T] ...
//                 one run per point and seed, in parallel processes or as a Slurm array; CSV,
//                 JSON and plots (testbench/cli/sweep_command.hpp, docs/cluster.md); --list-points
//                 prints each point as `nicsim run` arguments instead
//   nicsim replay --pcap FILE [--queues N] [--rss-key HEX] [--out FILE.csv]
//                 every frame of a capture through the RTL NIC: queue, RSS hash and type, or
//                 the drop counter, one CSV row per frame (docs/replay.md)
//   nicsim bench [--packets N] [--json]
//                 speed: the co-simulation at 64-byte line rate, NIC at 250 MHz, no tracing
//   nicsim bridge --tap IFNAME | --udp PORT [--ip A.B.C.D/N] [--mac MAC] [--policy NAME] [--pcap FILE]
//                 the RTL NIC on a real wire: Linux pings it and talks UDP echo to it (docs/bridge.md)
//   nicsim view VIEW FILE.fst [--print]
//                 opens a trace in GTKWave arranged as one of the views in traces/
//
// run and sweep take --trace FILE.fst, --trace-window FROM_US:TO_US, --trace-on
// drop|irq|error, --trace-for US and --trace-depth N (testbench/trace/trace_options.hpp);
// a sweep writes one trace per point, FILE-<policy>-<load>.fst.
//
// Exit status: 0 on success, 1 when a run finished but broke an invariant (a packet neither
// delivered nor counted, a DMA fault, an AXI protocol violation), 2 on bad input, 3 when a run's
// drain time (drain-timeout-us) ran out with packets still in flight; a command stopped by
// signal N exits 128+N (130 SIGINT, 143 SIGTERM), leaving the output files it had not finished
// as they were before it started.
#include <CLI/CLI.hpp>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include <exception>
#include <iostream>
#include <cmath>
#include <algorithm>
#include <array>
#include <map>
#include <filesystem>
#include <stdexcept>

#include "cli/knob_docs.hpp"
#include "cli/knob_options.hpp"
#include "cli/seed_option.hpp"
#include "cosim/cosim_run.hpp"
#include "traffic/line_rate.hpp"
#include "cli/sweep_command.hpp"
#include "harness/trace_support.hpp"
#include "cli/replay_command.hpp"
#include "loopback/rtl_run.hpp"
#include "cli/loopback_knobs.hpp"
#include "bridge/bridge_run.hpp"
#include "cli/trace_cli.hpp"
#include "cli/trace_output.hpp"
#include "output/temporary_cleanup.hpp"
#include "cli/trace_views.hpp"

namespace {

// `run` ended by its drain time with packets still in flight: distinct from a broken invariant.
constexpr int exit_drain_timeout = 3;

struct RunCommand {
    nicsim::RunConfig config;
    std::vector<nicsim::Knob> knobs = nicsim::make_knobs(config);
    std::map<std::string, std::string> flag_values;
    std::string config_file;
    bool json = false;
    bool list_keys = false;
    nicsim::tb::TraceFlags trace;
};

void add_run_command(CLI::App& app, RunCommand& cmd) {
    auto* run = app.add_subcommand("run", "Co-simulate the RTL NIC with a simulated host, driver policy and application");
    run->add_option("--config", cmd.config_file, "TOML file of the keys below; flags override it")
        ->check(CLI::ExistingFile)
        ->type_name("TOML");
    run->add_flag("--json", cmd.json, "Print one JSON object instead of the summary");
    run->add_flag("--list-keys", cmd.list_keys,
                  "Print every key below with its type, range and default as a Markdown table (docs/knobs.md), "
                  "and run nothing");
    for (const auto& k : cmd.knobs) nicsim::cli::add_knob_option(*run, k, cmd.flag_values[k.key]);
    nicsim::tb::add_trace_flags(*run, cmd.trace);
}

int do_run(RunCommand& cmd, CLI::App& run) {
    if (cmd.list_keys) {
        nicsim::cli::print_knob_table(std::cout, cmd.knobs);
        return 0;
    }
    if (!cmd.config_file.empty()) nicsim::load_config_file(cmd.knobs, cmd.config_file);
    for (const auto& k : cmd.knobs)
        if (run.get_option("--" + k.key)->count() > 0) nicsim::set_knob(cmd.knobs, k.key, cmd.flag_values[k.key]);
    nicsim::validate(cmd.config);
    cmd.config.platform.trace = nicsim::tb::trace_options_from(run, cmd.trace);
    nicsim::tb::require_trace_support(cmd.config.platform.trace);
    nicsim::tb::check_trace_options(cmd.config.platform.trace, {nicsim::traffic_end_us(cmd.config)});
    nicsim::tb::TraceOutput trace(cmd.config.platform.trace);
    cmd.config.platform.trace = trace.staged();
    if (!cmd.json) std::cout << "seed " << cmd.config.seed << "\n" << std::flush;
    const auto result = nicsim::run_cosim(cmd.config);
    trace.finish(std::cerr, result.trace);
    if (cmd.json) nicsim::print_json(std::cout, result);
    else nicsim::print_summary(std::cout, cmd.config, result);
    const bool healthy = result.get("dma_faults") == 0 && result.get("axi_violations") == 0 &&
                         result.get("drop_corrupt") == 0;
    if (healthy && !result.drained) {
        // Not a loss: the user's drain time ended the run with packets still on their way.
        std::cerr << "nicsim: the drain time ran out (drain-timeout-us = " << cmd.config.drain_timeout_us << ") with "
                  << static_cast<long long>(result.in_flight())
                  << " packets still in flight in the host and NIC (neither delivered nor dropped yet); a longer "
                     "drain-timeout-us lets them finish\n";
        return exit_drain_timeout;
    }
    if (!healthy || !result.conserved()) {
        std::cerr << "nicsim: run broke an invariant (conservation, corrupt frames, DMA faults or AXI violations)\n";
        return 1;
    }
    return 0;
}

struct LoopbackCommand {
    nicsim::tb::RtlRunOptions options;
    bool json = false;
    std::vector<nicsim::Knob> knobs = nicsim::cli::make_loopback_knobs(options);
    std::vector<std::string> text = std::vector<std::string>(knobs.size());  // as given, "" = not given
};

void add_loopback_command(CLI::App& app, LoopbackCommand& cmd) {
    auto* run = app.add_subcommand("loopback", "Frames through the RTL NIC and a polling driver only (no host model)");
    nicsim::tb::RtlRunOptions& o = cmd.options;
    for (std::size_t i = 0; i < cmd.knobs.size(); ++i) nicsim::cli::add_knob_option(*run, cmd.knobs[i], cmd.text[i]);
    run->add_option("--seed", o.seed, "Random seed (flow choice)")->check(nicsim::cli::seed_digits())->capture_default_str();
    run->add_flag("!--no-forward", o.forward, "Do not send received frames back out");
    run->add_option("--trace", o.trace_path, "Write an FST waveform of the whole run to this file")->type_name("FILE.fst");
    run->add_flag("--json", cmd.json,
                  "Print one JSON object: offered, received, transmitted, nic_drops, the NIC's counters, ...");
}

int do_loopback(LoopbackCommand& cmd) {
    // Every value checked before anything runs or is written (exit 2 from main).
    for (std::size_t i = 0; i < cmd.knobs.size(); ++i)
        if (!cmd.text[i].empty()) cmd.knobs[i].set(cmd.text[i]);
    nicsim::tb::validate(cmd.options);
    const nicsim::tb::RtlRunOptions& options = cmd.options;
    const bool json = cmd.json;
    // The trace appears at --trace only once the run is over (an interrupted run leaves the old one).
    nicsim::tb::TraceOptions asked;
    asked.path = options.trace_path;
    nicsim::tb::TraceOutput trace(asked);
    nicsim::tb::RtlRunOptions staged = options;
    staged.trace_path = trace.staged().path;
    // With --json stdout is the one object (which holds the seed too).
    (json ? std::cerr : std::cout) << "seed " << options.seed << "\n" << std::flush;
    const auto report = nicsim::tb::run_rtl(staged);
    trace.put_in_place();
    if (json) nicsim::tb::print_json(std::cout, report);
    else nicsim::tb::print_report(std::cout, options, report);
    const bool clean = report.conserved() && report.dma_faults == 0 && report.axi_violations == 0 &&
                       report.corrupted == 0 && report.duplicated == 0;
    if (!clean) {
        std::cerr << "nicsim: run broke an invariant (see conservation, corrupted, duplicated, dma_faults, "
                     "axi_violations above)\n";
        return 1;
    }
    return 0;
}

struct BenchCommand {
    nicsim::RunConfig config = bench_defaults();
    std::vector<nicsim::Knob> knobs = nicsim::make_knobs(config);
    std::map<std::string, std::string> flag_values;
    bool json = false;

    // The keys bench takes from run's knob table (same ranges, same messages).
    static constexpr std::array<const char*, 6> keys{"packets", "load", "policy", "size", "queues", "skip-idle"};

    // 64-byte frames (60 without FCS) at 10 Gb/s line rate, 200 000 of them, tracing off.
    static nicsim::RunConfig bench_defaults() {
        nicsim::RunConfig c;
        c.size = 60;
        c.load_pps = std::floor(nicsim::line_rate_pps(c.link_gbps, c.size));
        c.packets = 200'000;
        c.platform.clock_mhz = 250;
        return c;
    }
};

void add_bench_command(CLI::App& app, BenchCommand& cmd) {
    auto* bench = app.add_subcommand(
        "bench", "Measure simulation speed: by default 64-byte frames at 10 Gb/s line rate, or a point of your own");
    for (const char* key : BenchCommand::keys) {
        const nicsim::Knob& k = *std::find_if(cmd.knobs.begin(), cmd.knobs.end(),
                                              [key](const nicsim::Knob& knob) { return knob.key == key; });
        nicsim::cli::add_knob_option(*bench, k, cmd.flag_values[k.key]);
    }
    bench->add_flag("--json", cmd.json, "Print one JSON object");
}

// How this nicsim was built, as far as its speed depends on it.
nlohmann::ordered_json build_options() {
    nlohmann::ordered_json b;
    b["build_type"] = NICSIM_BUILD_TYPE;
    b["pgo"] = NICSIM_BUILD_PGO;
    b["trace_compiled"] = nicsim::tb::nic_can_trace();
    return b;
}

int do_bench(BenchCommand& cmd, CLI::App& bench) {
    for (const char* key : BenchCommand::keys)
        if (bench.get_option(std::string("--") + key)->count() > 0)
            nicsim::set_knob(cmd.knobs, key, cmd.flag_values[key]);
    nicsim::RunConfig& c = cmd.config;
    if (bench.get_option("--packets")->count() == 0 && bench.get_option("--load")->count() > 0)
        c.packets = std::max<std::uint64_t>(1000, static_cast<std::uint64_t>(c.load_pps * 0.02));  // 20 ms
    nicsim::validate(c);
    c.platform.trace = {};  // tracing off: what bench measures
    (cmd.json ? std::cerr : std::cout) << "seed " << c.seed << "\n" << std::flush;
    nicsim::RunResult r = nicsim::run_cosim(c);
    const double wall = r.get("wall_s");
    nlohmann::ordered_json j;
    j["policy"] = std::string(nicsim::driver::policy_name(c.policy));
    j["offered_pps"] = c.load_pps;
    j["size"] = c.size;
    j["queues"] = c.driver.queues;
    j["packets"] = c.packets;
    j["nic_cycles"] = static_cast<long long>(r.get("nic_cycles"));
    j["nic_cycles_evaluated"] = r.skip.evaluated;
    j["skip_checks"] = r.skip.checks;
    j["skip_checks_settled"] = r.skip.settled;
    j["skip_quick_checks"] = r.skip.quick_checks;
    j["sim_ns"] = static_cast<long long>(r.get("sim_ns"));
    j["wall_s"] = wall;
    j["nic_cycles_per_s"] = r.get("nic_cycles") / wall;
    j["evaluated_cycles_per_s"] = static_cast<double>(r.skip.evaluated) / wall;
    j["sim_pkts_per_s"] = r.get("offered_pkts") / wall;
    j["slowdown_vs_real_time"] = wall / (r.get("sim_ns") * 1e-9);
    j["delivered_pkts"] = static_cast<long long>(r.get("delivered_pkts"));
    j["seed"] = c.seed;
    j["skip_idle"] = c.platform.skip_idle;
    j["build"] = build_options();
    if (cmd.json) {
        std::cout << j.dump() << "\n";
    } else {
        std::cout << "nicsim bench: " << c.packets << " packets of " << c.size << " bytes at " << c.load_pps
                  << " packets/s, policy " << nicsim::driver::policy_name(c.policy) << ", NIC at " << c.platform.clock_mhz
                  << " MHz, tracing off\n";
        for (const auto& [k, v] : j.items()) std::cout << "  " << k << " " << v << "\n";
    }
    return 0;
}

void add_bridge_command(CLI::App& app, nicsim::bridge::BridgeOptions& o) {
    auto* bridge = app.add_subcommand("bridge", "Attach the RTL NIC to a Linux TAP interface (or UDP on loopback); "
                                                "answer ARP, ping and UDP echo (port 7) through it");
    auto* tap = bridge->add_option("--tap", o.tap, "TAP interface to open, or create (needs CAP_NET_ADMIN)")->type_name("IFNAME");
    auto* udp = bridge->add_option("--udp", o.udp_port, "Instead of a TAP: one frame per UDP datagram on 127.0.0.1:PORT (0: any free port)")
                    ->type_name("PORT 0..65535")
                    ->each([&o](const std::string&) { o.udp = true; });
    tap->excludes(udp);
    bridge->add_option("--udp-peer", o.udp_peer_port, "Send to 127.0.0.1:PORT [the sender of the latest datagram]")
        ->type_name("PORT 0..65535")
        ->needs(udp);
    bridge->add_option("--ip", o.ip, "The simulated host's address and subnet")->capture_default_str()->type_name("A.B.C.D/N");
    bridge->add_option("--mac", o.mac, "The simulated NIC's MAC address")->capture_default_str()->type_name("MAC");
    bridge->add_option("--policy", o.policy, "Driver policy (see docs/bridge.md for what each does here)")
        ->capture_default_str()
        ->type_name("POLICY");
    bridge->add_option("--pcap", o.pcap_path, "Record both directions on the simulated wire to this pcap file")
        ->type_name("FILE.pcap");
    bridge->add_option("--mtu", o.mtu, "Longer frames from the wire are dropped and counted")->capture_default_str()->type_name("INT 68..9000");
    bridge->add_option("--time-scale", o.time_scale, "Simulated seconds per wall-clock second (the simulation may lag, never lead)")
        ->capture_default_str()
        ->type_name("NUMBER 0.000001..1000");
    bridge->add_option("--clock-mhz", o.clock_mhz, "NIC clock")->capture_default_str()->type_name("INT 1..1000");
    bridge->add_option("--dma-latency-ns", o.dma_latency_ns, "Host memory latency seen by the NIC's DMA")
        ->capture_default_str()
        ->type_name("INT 0..100000");
    bridge->add_option("--duration", o.duration_s, "Stop after this many seconds (0 = at SIGINT/SIGTERM)")
        ->capture_default_str()
        ->type_name("NUMBER 0..10000000");
}

struct ViewCommand {
    std::string view;
    std::string fst;
    bool print = false;
};

void add_view_command(CLI::App& app, ViewCommand& cmd) {
    auto* view = app.add_subcommand("view", "Open an FST trace in GTKWave arranged as a view from traces/");
    view->add_option("VIEW", cmd.view, "host_bus, rx_path, tx_path, classification, interrupts (the traces/*.gtkw)")
        ->required()
        ->type_name("VIEW");
    view->add_option("FILE", cmd.fst, "The FST trace (from --trace)")->required()->type_name("FILE.fst");
    view->add_flag("--print", cmd.print, "Print the gtkwave command instead of running it");
}

int do_view(const ViewCommand& cmd) {
    auto args = nicsim::tb::view_command(cmd.view, cmd.fst);
    if (cmd.print) {
        for (std::size_t i = 0; i < args.size(); ++i) std::cout << (i ? " " : "") << args[i];
        std::cout << "\n";
        return 0;
    }
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execvp(argv[0], argv.data());
    throw std::runtime_error("cannot run gtkwave (is it installed? scripts/setup installs it)");
}

// CLI11's own refusal of a value it cannot convert ("Could not convert: --mtu = abc") names the
// option and the value but not the range, which is in the option's type name ("INT 68..9000"):
// said as every knob's refusal says it ("mtu = abc: must be an integer in 68..9000").
std::string refusal_message(const CLI::App* app, const CLI::Error& e) {
    const std::string what = e.what();
    const std::string prefix = "Could not convert: ";
    if (what.rfind(prefix, 0) == 0) {
        const std::string rest = what.substr(prefix.size());
        const std::size_t eq = rest.find(" = ");
        const std::string flag = rest.substr(0, eq);
        for (const CLI::App* sub : app->get_subcommands()) {
            const CLI::Option* opt = sub->get_option_no_throw(flag);
            if (opt == nullptr || eq == std::string::npos) continue;
            std::string type = opt->get_type_name();
            std::string kind;
            for (const auto& [name, words] : {std::pair{"INT ", "an integer in "}, std::pair{"UINT ", "an integer in "},
                                              std::pair{"NUMBER ", "a number in "}, std::pair{"PORT ", "a port in "}})
                if (type.rfind(name, 0) == 0) kind = words + type.substr(std::string(name).size());
            if (kind.empty()) kind = "a value of type " + type;
            const std::string key = flag.rfind("--", 0) == 0 ? flag.substr(2) : flag;
            return "nicsim: " + key + " = " + rest.substr(eq + 3) + ": must be " + kind + "\n";
        }
    }
    return CLI::FailureMessage::simple(app, e);
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"nicsim: a hardware-in-the-loop NIC model and testbench"};
    app.require_subcommand(1);
    app.failure_message(refusal_message);
    RunCommand run;
    add_run_command(app, run);
    LoopbackCommand loopback;
    add_loopback_command(app, loopback);
    BenchCommand bench;
    add_bench_command(app, bench);
    nicsim::sweep::SweepCommand sweep;
    nicsim::sweep::add_sweep_command(app, sweep);
    nicsim::bridge::BridgeOptions bridge;
    add_bridge_command(app, bridge);
    ViewCommand view;
    add_view_command(app, view);
    nicsim::tb::ReplayCommand replay;
    nicsim::tb::add_replay_command(app, replay);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? 0 : 2;
    }

    // Commands that do not handle SIGINT and SIGTERM themselves (sweep and bridge do) leave no
    // temporary output files behind when one ends them.
    if (app.got_subcommand("run") || app.got_subcommand("loopback") || app.got_subcommand("replay"))
        nicsim::output::remove_temporaries_on_stop_signals();
    try {
        if (app.got_subcommand("run")) return do_run(run, *app.get_subcommand("run"));
        if (app.got_subcommand("loopback")) return do_loopback(loopback);
        if (app.got_subcommand("bench")) return do_bench(bench, *app.get_subcommand("bench"));
        if (app.got_subcommand("sweep")) return nicsim::sweep::run_sweep_command(sweep, *app.get_subcommand("sweep"));
        if (app.got_subcommand("bridge")) return nicsim::bridge::run_bridge(bridge, std::cout, std::cerr);
        if (app.got_subcommand("view")) return do_view(view);
        if (app.got_subcommand("replay")) return nicsim::tb::run_replay_command(replay, *app.get_subcommand("replay"));
    } catch (const std::invalid_argument& e) {
        std::cerr << "nicsim: " << e.what() << "\n";
        return 2;
    } catch (const std::filesystem::filesystem_error& e) {
        // The path and the system's reason, not the library's wording ("filesystem error: ...").
        std::cerr << "nicsim: " << e.path1().string() << ": " << e.code().message() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "nicsim: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
