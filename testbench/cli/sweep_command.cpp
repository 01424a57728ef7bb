#include "cli/seed_option.hpp"
#include "cli/sweep_command.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "cosim/cosim_run.hpp"
#include "harness/trace_support.hpp"
#include "output/atomic_output_file.hpp"
#include "sweep/command_output.hpp"
#include "sweep/plan_files.hpp"
#include "sweep/run_records.hpp"
#include "sweep/stop_signals.hpp"
#include "sweep/sweep_folder.hpp"
#include "sweep/sweep_outputs.hpp"
#include "sweep/presets.hpp"
#include "sweep/sweep_plan.hpp"
#include "sweep/sweep_report.hpp"
#include "sweep/sweep_results.hpp"
#include "sweep/sweep_runner.hpp"

namespace nicsim::sweep {
namespace {

namespace fs = std::filesystem;

// Options that say what the plan is; with --resume they must give the folder's own plan.
constexpr const char* plan_options[] = {"--preset", "--config", "--policies", "--loads",
                                        "--packets", "--seed",   "--seeds",    "--axis"};
constexpr const char* slurm_only[] = {"--partition", "--time", "--cpus-per-task", "--sbatch-arg"};

// A count given on the command line, in the spellings run's keys and plan files take (1000,
// 1e3, 1_000); std::invalid_argument naming the flag, the value and the range.
std::uint64_t count_option(const std::string& flag, const std::string& text, double min, double max) {
    Knob k;
    k.key = flag;
    k.type = Knob::Type::integer;
    k.min = min;
    k.max = max;
    return static_cast<std::uint64_t>(knob_number(k, text));
}

SweepPlan plan_from_options(const SweepCommand& cmd, const CLI::App& sub) {
    SweepPlan plan = cmd.config_file.empty() ? load_preset(cmd.preset.empty() ? "default" : cmd.preset)
                                             : load_plan_file(cmd.config_file);
    if (!cmd.policies.empty()) {
        plan.policies.clear();
        std::stringstream ss(cmd.policies);
        for (std::string p; std::getline(ss, p, ',');) plan.policies.push_back(p);
    }
    if (!cmd.loads.empty()) plan.loads = parse_loads(cmd.loads);
    for (double l : plan.loads)
        if (!(l > 0)) throw std::invalid_argument("loads: " + std::to_string(l) + " must be above 0 packets/s");
    if (sub.get_option("--packets")->count() > 0) plan.packets = count_option("--packets", cmd.packets, 1, max_packets);
    if (sub.get_option("--seed")->count() > 0) plan.seed = cmd.seed;
    if (sub.get_option("--seeds")->count() > 0)
        plan.seeds = static_cast<unsigned>(count_option("--seeds", cmd.seeds, 1, max_seeds));
    // A flag's axis replaces the plan's axis over the same key.
    for (const auto& text : cmd.axes) {
        Axis axis = parse_axis(text);
        auto same = std::find_if(plan.axes.begin(), plan.axes.end(), [&](const Axis& a) { return a.key == axis.key; });
        if (same != plan.axes.end()) *same = std::move(axis);
        else plan.axes.push_back(std::move(axis));
    }
    return plan;
}

// A trace file name per run: FILE-<policy>[-KEY=VALUE...][-seedN]-<load>.fst.
std::string run_trace_path(const std::string& path, const SweepPlan& plan, const SweepPoint& point,
                           const SweepRun& run) {
    std::string tag = point.policy;
    for (const auto& [k, v] : point.axis_values) {
        std::string value = v;
        std::replace(value.begin(), value.end(), '/', '_');
        tag += "-" + k + "=" + value;
    }
    if (plan.seeds > 1) tag += "-seed" + std::to_string(run.seed);
    return tb::point_trace_path(path, tag, point.load);
}

// --list-points: each run as `nicsim run` arguments, one line per run (with one seed, one per
// point). What scripts/sample-points builds on. Values a shell would split or expand are
// single-quoted.
void list_runs(std::ostream& out, const std::vector<SweepRun>& runs) {
    auto quoted = [](const std::string& v) {
        const bool plain = !v.empty() && v.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                                             "0123456789._:/+-=,@%") == std::string::npos;
        if (plain) return v;
        std::string q = "'";
        for (char c : v) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
        return q + "'";
    };
    for (const auto& run : runs) {
        for (std::size_t i = 0; i < run.settings.size(); ++i)
            out << (i ? " " : "") << "--" << run.settings[i].first << " " << quoted(run.settings[i].second);
        out << "\n";
    }
}

std::string count(std::size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string plan_shape(const SweepPlan& plan, std::size_t points, std::size_t runs) {
    std::string s = count(plan.policies.size(), "policy", "policies");
    for (const auto& axis : plan.axes) s += " x " + std::to_string(axis.values.size()) + " " + axis.key;
    s += " x " + count(plan.loads.size(), "load", "loads") + " = " + count(points, "point", "points");
    if (plan.seeds > 1) s += " x " + std::to_string(plan.seeds) + " seeds = " + count(runs, "run", "runs");
    return s;
}

}  // namespace

void add_sweep_command(CLI::App& app, SweepCommand& cmd) {
    auto* sweep = app.add_subcommand(
        "sweep", "Run one simulation per point (policy x axes x offered load, each with its seeds); write CSV, JSON, plots");
    std::string preset_help = "Embedded preset, one per reproduced experiment (--list-presets says what each is):";
    for (const auto& p : preset_table()) preset_help += std::string(" ") + p.name;
    auto* preset = sweep->add_option("--preset", cmd.preset, preset_help)->option_text("NAME [default]");
    sweep->add_flag("--list-presets", cmd.list_presets,
                    "Print each preset's name and the experiment it reproduces (--markdown: as README's list), "
                    "and run nothing");
    sweep->add_flag("--markdown", cmd.markdown, "--list-presets: a Markdown list");
    sweep->add_option("--config", cmd.config_file, "Sweep file (TOML, the presets' format)")
        ->type_name("TOML")
        ->check(CLI::ExistingFile)
        ->excludes(preset);
    sweep->add_option("--policies", cmd.policies, "Comma-separated policies, replacing the preset's")
        ->type_name("POLICY,...");
    sweep->add_option("--loads", cmd.loads, "Offered loads: a comma-separated list or FROM:TO:STEPS")
        ->type_name("LOAD,...|FROM:TO:STEPS");
    sweep->add_option("--axis", cmd.axes,
                      "Sweep a run key too: KEY=V1,V2,... (e.g. quota=1,5,20); repeat for more axes")
        ->take_all()
        ->type_name("KEY=V1,V2,...");
    sweep->add_option("--packets", cmd.packets, "Packets per point, replacing the preset's")
        ->type_name("INT 1.." + std::to_string(max_packets));
    sweep->add_option("--seed", cmd.seed, "First seed of every point, replacing the preset's")->check(cli::seed_digits());
    sweep->add_option("--seeds", cmd.seeds,
                      "Runs per point, seeds SEED..SEED+N-1; results give the mean, standard deviation and 95% "
                      "confidence interval (Student's t) of every metric [1]")
        ->type_name("INT 1.." + std::to_string(max_seeds));
    sweep->add_option("--jobs", cmd.jobs, "Runs in parallel, --executor local [cores]")->check(CLI::Range(1, 256));
    auto* out = sweep->add_option("--out", cmd.out, "Output folder")->capture_default_str()->type_name("DIR");
    auto* force = sweep->add_flag("--force", cmd.force,
                                  "Replace what the folder holds even if it is another plan's results");
    sweep->add_option("--resume", cmd.resume,
                      "Continue the sweep in this folder: keep its finished runs, run the missing and failed ones")
        ->type_name("DIR")
        ->excludes(out)
        ->excludes(force);
    sweep->add_flag("--list-points", cmd.list_points,
                    "Print each run (a point with one of its seeds) as `nicsim run` arguments, one line per run, "
                    "and run or write nothing")
        ->excludes("--resume");
    sweep->add_option("--executor", cmd.executor, "Where runs run: local (processes here) or slurm (one sbatch --array job)")
        ->check(CLI::IsMember({"local", "slurm"}))
        ->type_name("local|slurm")
        ->capture_default_str();
    sweep->add_option("--partition", cmd.slurm.partition, "--executor slurm: the partition [the cluster's default]")
        ->type_name("NAME");
    sweep->add_option("--time", cmd.slurm.time_limit, "--executor slurm: time limit per task, as sbatch --time takes it")
        ->type_name("TIME");
    sweep->add_option("--cpus-per-task", cmd.slurm.cpus_per_task, "--executor slurm: CPUs per task")
        ->check(CLI::Range(1u, 4096u))
        ->capture_default_str();
    sweep->add_option("--sbatch-arg", cmd.slurm.sbatch_args,
                      "--executor slurm: one more sbatch argument, e.g. --sbatch-arg=--mem=2G (repeat for more)")
        ->type_name("ARG");
    tb::add_trace_flags(*sweep, cmd.trace);
}

int run_sweep_command(SweepCommand& cmd, const CLI::App& sub) {
    if (cmd.list_presets) {
        for (const auto& p : preset_table()) {
            if (cmd.markdown) std::cout << "- `" << p.name << "`: " << p.experiment << "\n";
            else std::cout << p.name << "\t" << p.experiment << "\n";
        }
        return 0;
    }
    if (cmd.list_points) {
        const SweepPlan plan = plan_from_options(cmd, sub);
        list_runs(std::cout, plan_runs(plan, plan_points(plan)));
        return 0;
    }
    // ---- Everything is checked before anything is written or submitted.
    const bool resuming = sub.get_option("--resume")->count() > 0;
    const fs::path out = resuming ? fs::path(cmd.resume) : fs::path(cmd.out);
    const FolderMode mode = cmd.force ? FolderMode::force : resuming ? FolderMode::resume : FolderMode::plain;
    const bool slurm = cmd.executor == "slurm";
    if (!slurm)
        for (const char* flag : slurm_only)
            if (sub.get_option(flag)->count() > 0)
                throw std::invalid_argument(std::string(flag) + ": only with --executor slurm");
    if (slurm && sub.get_option("--jobs")->count() > 0)
        throw std::invalid_argument("--jobs: only with --executor local (Slurm decides how many tasks run at once)");
    if (out.empty()) throw std::invalid_argument("--out: must name a folder");
    check_out_path(out);
    FolderLock lock;
    lock.lock_existing(out);
    const FolderPlans found = read_folder_plans(out);

    bool plan_given = false;
    for (const char* flag : plan_options) plan_given = plan_given || sub.get_option(flag)->count() > 0;
    SweepPlan plan;
    if (resuming && !plan_given) {
        const fs::path recorded = found.runs ? runs_dir(out) / "plan.toml" : out / "plan.toml";
        if (!found.runs && !found.results)
            throw std::invalid_argument("--resume " + out.string() +
                                        ": holds no sweep to resume (no runs/plan.toml or plan.toml there)");
        plan = load_plan_file(recorded.string());
    } else {
        plan = plan_from_options(cmd, sub);
    }
    std::vector<std::string> unused;
    const auto points = plan_points(plan, &unused);
    for (const auto& note : unused) std::cerr << "nicsim sweep: " << plan.name << ": note: " << note << "\n";
    const auto runs = plan_runs(plan, points);
    const std::string plan_text = plan_toml(plan);
    check_folder_reuse(out, found, plan_text, mode);

    const auto trace = tb::trace_options_from(sub, cmd.trace);
    tb::require_trace_support(trace);
    if (trace.enabled() && slurm)
        throw std::invalid_argument("--trace: only with --executor local (trace one run of a Slurm sweep with "
                                    "nicsim run --config OUT/runs/ID.toml --trace FILE.fst)");
    std::vector<std::string> trace_paths(runs.size());
    if (trace.enabled()) {
        // The trace folder is made (as --out is), then each run's trace path checked; each run
        // writes its trace complete or not at all (cli/trace_output.hpp).
        const fs::path trace_dir = fs::path(trace.path).parent_path();
        std::error_code ec;
        if (!trace_dir.empty() && fs::exists(trace_dir, ec) && !fs::is_directory(trace_dir, ec))
            throw std::invalid_argument("--trace = " + trace.path + ": " + trace_dir.string() + " is a file, not a folder");
        if (!trace_dir.empty()) fs::create_directories(trace_dir, ec);
        if (ec)
            throw std::invalid_argument("--trace = " + trace.path + ": cannot create " + trace_dir.string() + " (" +
                                        ec.message() + ")");
        for (std::size_t i = 0; i < runs.size(); ++i) {
            const auto& p = points[runs[i].point];
            tb::TraceOptions run_trace = trace;
            run_trace.path = trace_paths[i] = run_trace_path(trace.path, plan, p, runs[i]);
            RunConfig c;
            c.packets = p.packets;
            c.load_pps = p.load;
            tb::check_trace_options(run_trace, {traffic_end_us(c)});
        }
    }

    // Which runs to run: all of them, or with --resume those without a clean finish.
    const fs::path runs_folder = runs_dir(out);
    const bool keep_runs = mode == FolderMode::resume && found.runs;
    std::vector<std::size_t> todo;
    for (std::size_t i = 0; i < runs.size(); ++i)
        if (!keep_runs || !read_record(runs_folder, run_id(i, runs.size())).finished()) todo.push_back(i);
    if (found.exists)
        if (const auto job = queued_job(runs_folder))
            throw std::invalid_argument(out.string() + ": Slurm job " + *job +
                                        " of this folder is still queued or running; wait for it, or scancel " + *job);
    std::size_t tasks = 0;
    if (slurm && !todo.empty()) tasks = check_slurm(cmd.slurm, todo.size());

    // ---- From here on the folder is written.
    create_folder(out);
    lock.lock_existing(out);
    remove_leftovers(out);
    if (!keep_runs) clear_runs_folder(runs_folder);
    output::write_file_atomically(runs_folder / "plan.toml", plan_text);
    for (std::size_t i = 0; i < runs.size(); ++i)
        output::write_file_atomically(run_file(runs_folder, run_id(i, runs.size()), ".toml"),
                                      run_toml(runs[i], points[runs[i].point]));
    for (std::size_t i : todo) clear_record(runs_folder, run_id(i, runs.size()));

    const unsigned jobs = cmd.jobs ? cmd.jobs : std::max(1u, std::thread::hardware_concurrency());
    std::cout << "sweep " << plan.name << ": " << plan_shape(plan, points.size(), runs.size());
    if (slurm) std::cout << ", as a Slurm array";
    else std::cout << ", " << jobs << " at a time";
    std::cout << ", seed " << plan.seed << (plan.seeds > 1 ? ".." + std::to_string(plan.seed + plan.seeds - 1) : "")
              << ", into " << out.string() << "/\n";
    if (keep_runs)
        std::cout << "resuming: " << runs.size() - todo.size() << " of " << runs.size() << " runs finished, running "
                  << todo.size() << "\n";
    std::cout << std::flush;

    const StopSignals stop;
    const std::string executable = fs::read_symlink("/proc/self/exe").string();
    std::map<std::string, TaskState> slurm_states;
    if (!todo.empty()) {
        if (slurm) {
            std::vector<std::string> ids;
            for (std::size_t i : todo) ids.push_back(run_id(i, runs.size()));
            slurm_states = run_slurm(runs_folder, ids, tasks, cmd.slurm, executable).runs;
        } else {
            RunnerOptions options;
            options.jobs = jobs;
            options.executable = executable;
            options.trace = trace;
            std::vector<LocalRun> local;
            for (std::size_t i : todo) local.push_back({run_id(i, runs.size()), trace_paths[i]});
            run_local(runs_folder, local, options);
        }
    }

    // ---- Collect, from the records alone.
    const auto run_results = collect_runs(runs_folder, points, runs);
    const auto rows = point_rows(plan, points, run_results);
    std::size_t finished_runs = 0, finished_rows = 0;
    for (const auto& r : run_results) finished_runs += r.finished && r.exit_status == 0 ? 1u : 0u;
    for (const auto& r : rows) finished_rows += r.finished ? 1u : 0u;
    if (const int signal = StopSignals::received()) {
        std::cerr << "nicsim: sweep interrupted (signal " << signal << "): " << finished_runs << " of " << runs.size()
                  << " runs finished, kept in " << runs_folder.string() << "/; the results in " << out.string()
                  << "/ are as they were. Continue with: nicsim sweep --resume " << out.string() << "\n";
        return exit_status_for_signal(signal);
    }

    // Every run that did not finish cleanly, with what Slurm says of it and where its logs are.
    std::vector<std::string> failures;
    for (std::size_t i = 0; i < runs.size(); ++i) {
        const auto& r = run_results[i];
        const std::string problem = conservation_problem(r);
        if (r.finished && r.exit_status == 0 && problem.empty()) continue;
        const std::string id = run_id(i, runs.size());
        const fs::path log = run_file(runs_folder, id, ".log");
        std::ostringstream f;
        f << r.name << " (run " << id << "): ";
        const auto s = slurm_states.find(id);
        if (s != slurm_states.end()) {
            f << "Slurm " << s->second.state;
            if (!s->second.exit_code.empty()) f << " (exit code " << s->second.exit_code << ")";
            if (r.exit_status >= 0) f << ", ";
        }
        if (r.exit_status >= 0)
            f << "exit " << r.exit_status << ": " << (problem.empty() ? first_line(r.error) : problem) << "; log "
              << log.string();
        else if (s == slurm_states.end())
            f << "it did not run";
        if (s != slurm_states.end()) {
            if (fs::exists(s->second.log)) f << "; task log " << s->second.log;
            else if (r.exit_status < 0) f << "; no task log (the task never started)";
        }
        failures.push_back(f.str());
    }

    // ---- The outputs, together; never a partial set over a complete one of this plan.
    const bool complete = finished_rows == rows.size();
    const bool commit = finished_rows > 0 && (complete || !found.has_outputs || mode == FolderMode::force);
    if (commit) {
        const auto names = commit_outputs(out, plan.name, plan_text, rows, timing_csv(runs, points, run_results));
        print_table(std::cout, rows);
        std::cout << "wrote " << out.string() << "/results.csv, results.json, plan.toml, timing.csv";
        // Every plot drawn (which ones depends on the results), as write_plots named them.
        for (const auto& name : names) {
            const std::string ext = fs::path(name).extension().string();
            if (ext == ".svg" || ext == ".png") std::cout << ", " << name;
        }
        std::cout << "\n";
    } else if (finished_rows < rows.size()) {
        std::cerr << "nicsim: " << rows.size() - finished_rows << " of " << rows.size()
                  << " points have no result; the results in " << out.string() << "/ are left as they were\n";
    }
    if (trace.enabled()) {
        std::size_t written = 0;
        for (const auto& p : trace_paths) written += fs::exists(p) ? 1u : 0u;
        const fs::path pattern(trace.path);
        std::cout << "wrote " << written << " of " << runs.size() << " traces, "
                  << (pattern.parent_path() / (pattern.stem().string() + "-<policy>-<load>" + pattern.extension().string())).string()
                  << "\n";
    }
    if (const int signal = StopSignals::received()) {
        std::cerr << "nicsim: sweep stopped by signal " << signal << " after its results were written\n";
        return exit_status_for_signal(signal);
    }
    if (!failures.empty()) {
        std::cerr << "nicsim: " << failures.size() << " run(s) failed:\n";
        for (const auto& f : failures) std::cerr << "  " << f << "\n";
        std::cerr << "nicsim: to run them again and keep the rest: nicsim sweep --resume " << out.string() << "\n";
        return 1;
    }
    return 0;
}

}  // namespace nicsim::sweep
