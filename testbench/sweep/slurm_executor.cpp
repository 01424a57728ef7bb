#include "sweep/slurm_executor.hpp"

#include <poll.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "output/atomic_output_file.hpp"
#include "sweep/command_output.hpp"
#include "sweep/progress_line.hpp"
#include "sweep/run_records.hpp"
#include "sweep/stop_signals.hpp"

namespace nicsim::sweep {
namespace {

namespace fs = std::filesystem;

std::string shell_quoted(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

// The array's own arguments, the same for the check and the submission.
std::vector<std::string> job_arguments(const SlurmOptions& o, std::size_t tasks) {
    std::vector<std::string> args{"sbatch", "--job-name=nicsim-sweep", "--array=0-" + std::to_string(tasks - 1),
                                  "--cpus-per-task=" + std::to_string(o.cpus_per_task)};
    if (!o.partition.empty()) args.push_back("--partition=" + o.partition);
    if (!o.time_limit.empty()) args.push_back("--time=" + o.time_limit);
    for (const auto& a : o.sbatch_args) args.push_back(a);
    return args;
}

// Slurm's words, without the "sbatch: error: " each line starts with.
std::string slurm_message(const CommandOutput& r) {
    std::string text = r.err.empty() ? r.out : r.err;
    std::string message;
    std::stringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        for (const char* prefix : {"sbatch: error: ", "sbatch: "})
            if (line.rfind(prefix, 0) == 0) {
                line.erase(0, std::string(prefix).size());
                break;
            }
        if (!line.empty()) message += (message.empty() ? "" : "; ") + line;
    }
    return message.empty() ? "exit status " + std::to_string(r.status) : message;
}

std::size_t max_array_size() {
    const auto r = run_command({"scontrol", "show", "config"});
    std::stringstream lines(r.out);
    for (std::string line; std::getline(lines, line);)
        if (line.rfind("MaxArraySize", 0) == 0) {
            const auto eq = line.find('=');
            try {
                return std::max<std::size_t>(1, std::stoul(line.substr(eq + 1)));
            } catch (const std::exception&) {
            }
        }
    return 1001;  // Slurm's default
}

// The runs per task: one, unless the cluster allows fewer tasks than there are runs.
std::size_t runs_per_task(std::size_t runs, std::size_t max_tasks) { return (runs + max_tasks - 1) / max_tasks; }

std::string batch_script(const fs::path& runs, const std::string& executable) {
    std::ostringstream s;
    s << "#!/bin/sh\n"
      << "# One task of a nicsim sweep's Slurm array (nicsim sweep --executor slurm): the runs on line\n"
      << "# SLURM_ARRAY_TASK_ID + 1 of the task list $1, each `nicsim run --config ID.toml --json`, leaving\n"
      << "# ID.json (its result), ID.log (its stderr) and then ID.status (its exit status), each renamed\n"
      << "# into place when whole. The sweep collects them when the array has ended.\n"
      << "NICSIM=" << shell_quoted(executable) << "\n"
      << "RUNS=" << shell_quoted(runs.string()) << "\n"
      << "ids=$(sed -n \"$((SLURM_ARRAY_TASK_ID + 1))p\" \"$1\")\n"
      << "[ -n \"$ids\" ] || { echo \"nicsim sweep: no runs for task $SLURM_ARRAY_TASK_ID in $1\" >&2; exit 2; }\n"
      << "failed=0\n"
      << "for id in $ids; do\n"
      << "  echo \"nicsim sweep: run $id (task $SLURM_ARRAY_TASK_ID of job $SLURM_ARRAY_JOB_ID) on $(hostname)\"\n"
      << "  \"$NICSIM\" run --config \"$RUNS/$id.toml\" --json >\"$RUNS/.$id.json.tmp-slurm_\" 2>\"$RUNS/.$id.log.tmp-slurm_\"\n"
      << "  status=$?\n"
      << "  mv -f \"$RUNS/.$id.json.tmp-slurm_\" \"$RUNS/$id.json\"\n"
      << "  mv -f \"$RUNS/.$id.log.tmp-slurm_\" \"$RUNS/$id.log\"\n"
      << "  echo \"$status\" >\"$RUNS/.$id.status.tmp-slurm_\" && mv -f \"$RUNS/.$id.status.tmp-slurm_\" \"$RUNS/$id.status\"\n"
      << "  if [ \"$status\" -ne 0 ]; then\n"
      << "    echo \"nicsim sweep: run $id exited $status; its log: $RUNS/$id.log\" >&2\n"
      << "    failed=1\n"
      << "  fi\n"
      << "done\n"
      << "exit $failed\n";
    return s.str();
}

void sleep_for(double seconds) {
    // poll() returns early when a signal arrives, so a Ctrl-C is seen at once.
    poll(nullptr, 0, static_cast<int>(seconds * 1000));
}

std::size_t ended_runs(const fs::path& runs, const std::vector<std::string>& ids) {
    std::size_t n = 0;
    std::error_code ec;
    for (const auto& id : ids) n += fs::exists(run_file(runs, id, ".status"), ec) ? 1u : 0u;
    return n;
}

// The tasks squeue still lists; nullopt when squeue could not answer (the controller busy
// or down), with its message in `error`.
std::optional<std::map<unsigned, TaskState>> queued_tasks(const std::string& job, std::string* error = nullptr) {
    const auto r = run_command({"squeue", "-h", "-r", "-j", job, "-o", "%i %T"});
    if (r.status == 0) return parse_squeue(r.out, job);
    // Once the controller has forgotten the job, squeue says so: nothing is queued.
    if (r.err.find("Invalid job id") != std::string::npos) return std::map<unsigned, TaskState>{};
    if (error) *error = first_line(r.err.empty() ? r.out : r.err);
    return std::nullopt;
}

// How long the controller may stay silent before the sweep stops following its job.
constexpr double controller_patience_s = 600;

std::map<unsigned, TaskState> final_states(const std::string& job) {
    const auto shown = run_command({"scontrol", "show", "job", "-o", job});
    if (shown.status == 0) {
        auto tasks = parse_scontrol(shown.out, job);
        if (!tasks.empty()) return tasks;
    }
    const auto acct = run_command({"sacct", "-j", job, "-X", "-n", "-P", "-o", "JobID,State,ExitCode"});
    if (acct.status == 0) return parse_sacct(acct.out, job);
    return {};
}

}  // namespace

std::size_t check_slurm(const SlurmOptions& options, std::size_t runs) {
    for (const char* program : {"sbatch", "squeue", "scontrol", "scancel"})
        if (find_on_path(program).empty())
            throw std::invalid_argument(std::string("--executor slurm: ") + program +
                                        " is not on PATH (run the sweep where Slurm's client commands are, "
                                        "e.g. a login node; Debian packages them as slurm-client)");
    if (options.cpus_per_task < 1) throw std::invalid_argument("--cpus-per-task = 0: must be at least 1");
    const std::size_t per_task = runs_per_task(runs, max_array_size());
    const std::size_t tasks = (runs + per_task - 1) / per_task;
    auto args = job_arguments(options, tasks);
    args.insert(args.begin() + 1, "--test-only");
    args.push_back("--wrap=true");
    const auto r = run_command(args);
    if (r.status != 0)
        throw std::invalid_argument("--executor slurm: Slurm refuses the job (nothing was submitted): " + slurm_message(r));
    return tasks;
}

SlurmOutcome run_slurm(const fs::path& runs, const std::vector<std::string>& ids, std::size_t tasks,
                       const SlurmOptions& options, const std::string& executable) {
    SlurmOutcome outcome;
    const fs::path slurm = runs / "slurm";
    fs::create_directories(slurm);
    output::write_file_atomically(slurm / "array.sh", batch_script(fs::absolute(runs), executable));
    fs::permissions(slurm / "array.sh", fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec,
                    fs::perm_options::add);
    // A task list per submission: a resumed sweep submits only some runs again.
    unsigned submission = 1;
    std::error_code ec;
    while (fs::exists(slurm / ("tasks-" + std::to_string(submission) + ".txt"), ec)) ++submission;
    const fs::path task_list = slurm / ("tasks-" + std::to_string(submission) + ".txt");
    const std::size_t per_task = (ids.size() + tasks - 1) / tasks;
    std::map<std::string, unsigned> task_of;
    {
        std::ostringstream list;
        for (std::size_t t = 0; t < tasks; ++t) {
            for (std::size_t i = t * per_task; i < std::min(ids.size(), (t + 1) * per_task); ++i) {
                list << (i > t * per_task ? " " : "") << ids[i];
                task_of[ids[i]] = static_cast<unsigned>(t);
            }
            list << "\n";
        }
        output::write_file_atomically(task_list, list.str());
    }
    outcome.task_list = task_list.string();

    auto args = job_arguments(options, tasks);
    args.insert(args.begin() + 1, "--parsable");
    args.push_back("--output=" + (fs::absolute(slurm) / "%A_%a.out").string());
    args.push_back("--chdir=" + fs::absolute(runs).parent_path().string());
    args.push_back((fs::absolute(slurm) / "array.sh").string());
    args.push_back(fs::absolute(task_list).string());
    const auto submitted = run_command(args);
    if (submitted.status != 0) throw std::runtime_error("sbatch failed: " + slurm_message(submitted));
    outcome.job = first_line(submitted.out).substr(0, first_line(submitted.out).find(';'));
    output::write_file_atomically(slurm / "job", outcome.job + "\n");
    std::fprintf(stderr, "nicsim sweep: submitted %zu runs as Slurm array job %s (%zu tasks); logs in %s/\n", ids.size(),
                 outcome.job.c_str(), tasks, slurm.string().c_str());

    ProgressLine progress(options.progress, ids.size(), "runs");
    bool cancelled = false;
    std::map<unsigned, std::string> last_seen;  // each task's state when squeue last listed it
    auto last_answer = std::chrono::steady_clock::now();
    auto cancelled_at = last_answer;
    unsigned silent_polls = 0;
    for (;;) {
        if (StopSignals::received() && !cancelled) {
            std::fprintf(stderr, "\nnicsim sweep: cancelling Slurm job %s\n", outcome.job.c_str());
            run_command({"scancel", outcome.job});
            cancelled = true;
            cancelled_at = std::chrono::steady_clock::now();
        }
        // Stopped, the sweep waits a while for the job to leave the queue, not for ever (the
        // controller may be gone).
        if (cancelled && std::chrono::steady_clock::now() - cancelled_at > std::chrono::seconds(30)) {
            std::fprintf(stderr, "nicsim sweep: job %s has not left the queue 30 s after scancel; not waiting longer\n",
                         outcome.job.c_str());
            break;
        }
        std::string error;
        const auto queued = queued_tasks(outcome.job, &error);
        if (queued && queued->empty()) break;
        if (!queued) {
            // A controller restarting (or failing over) is silent for a while: keep asking,
            // say so now and then, and give up only after a long silence.
            const double silent = std::chrono::duration<double>(std::chrono::steady_clock::now() - last_answer).count();
            if (silent >= controller_patience_s) {
                progress.finish();
                throw std::runtime_error("Slurm has not answered for " + format_duration(silent) + " (squeue: " + error +
                                         "); job " + outcome.job + " may still run: collect it later with --resume");
            }
            if (++silent_polls % 20 == 1)
                std::fprintf(stderr, "\nnicsim sweep: squeue does not answer (%s); asking again\n", error.c_str());
        } else {
            last_answer = std::chrono::steady_clock::now();
            silent_polls = 0;
        }
        if (queued) {
            std::size_t running = 0, pending = 0;
            for (const auto& [task, s] : *queued) {
                last_seen[task] = s.state;
                if (s.state == "RUNNING" || s.state == "COMPLETING") ++running;
                else ++pending;
            }
            progress.update(ended_runs(runs, ids), std::to_string(running) + " tasks running, " + std::to_string(pending) +
                                                       " pending (job " + outcome.job + ")");
        }
        sleep_for(options.poll_interval_s);
    }
    progress.update(ended_runs(runs, ids), "job " + outcome.job + " ended");
    progress.finish();

    const auto states = final_states(outcome.job);
    for (const auto& id : ids) {
        const unsigned task = task_of[id];
        TaskState s;
        if (auto it = states.find(task); it != states.end()) s = it->second;
        // Without accounting, a task cancelled before it started leaves no record at all: say
        // what squeue last showed of it.
        if (s.state.empty()) {
            const auto seen = last_seen.find(task);
            if (seen == last_seen.end()) s.state = "UNKNOWN (never seen in the queue, and Slurm kept no record)";
            else if (seen->second == "PENDING") s.state = "removed while PENDING (cancelled before it started; Slurm kept no record)";
            else s.state = "gone from the queue while " + seen->second + " (Slurm kept no record)";
        }
        if (s.log.empty()) s.log = (slurm / (outcome.job + "_" + std::to_string(task) + ".out")).string();
        outcome.runs[id] = s;
    }
    return outcome;
}

std::optional<std::string> queued_job(const fs::path& runs) {
    std::ifstream f(runs / "slurm" / "job");
    std::string job;
    if (!(f >> job) || find_on_path("squeue").empty()) return std::nullopt;
    const auto queued = queued_tasks(job);
    if (queued && !queued->empty()) return job;
    return std::nullopt;
}

}  // namespace nicsim::sweep
