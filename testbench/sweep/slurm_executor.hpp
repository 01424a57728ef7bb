// The Slurm executor: a sweep's runs as one `sbatch --array` job. Each array task runs one
// line of a task list (one run, or a few when there are more runs than the cluster's
// MaxArraySize allows tasks) with the same `nicsim run --config runs/ID.toml --json` the local
// executor runs, and leaves the same records (run_records.hpp); the sweep follows the array
// with squeue and reads how each task ended from scontrol (or sacct), then collects the
// records exactly as after a local sweep. The binary and the folder must be on a file system
// every node shares (docs/cluster.md).
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sweep/slurm_states.hpp"

namespace nicsim::sweep {

struct SlurmOptions {
    std::string partition;                 // empty: the cluster's default partition
    std::string time_limit;                // per task, as sbatch --time takes it; empty: the partition's
    unsigned cpus_per_task = 1;            // a run is one thread
    std::vector<std::string> sbatch_args;  // more sbatch arguments, passed as given
    double poll_interval_s = 0.5;          // how often squeue is asked
    bool progress = true;
};

// Checks before anything is written or submitted: sbatch, squeue and scontrol on PATH, and
// Slurm's verdict on the job as it would be submitted (sbatch --test-only: partition, time
// limit, CPUs, array size, the extra arguments). Returns the tasks the array will have.
// std::invalid_argument with Slurm's own words if anything is refused.
std::size_t check_slurm(const SlurmOptions& options, std::size_t runs);

struct SlurmOutcome {
    std::string job;                        // the array job's id
    std::map<std::string, TaskState> runs;  // by run id: how its task ended
    std::string task_list;                  // runs/slurm/tasks-N.txt
};

// Submits `ids` (runs with settings in `runs`) as one array job of `tasks` tasks, follows it
// until it ends and returns how each task ended. When SIGINT or SIGTERM arrives
// (StopSignals), cancels the job and waits for it to leave the queue.
SlurmOutcome run_slurm(const std::filesystem::path& runs, const std::vector<std::string>& ids, std::size_t tasks,
                       const SlurmOptions& options, const std::string& executable);

// The array job last submitted from this runs/ folder, if Slurm still has it queued or running.
std::optional<std::string> queued_job(const std::filesystem::path& runs);

}  // namespace nicsim::sweep
