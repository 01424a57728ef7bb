// A sweep's output folder, and when a sweep may write into one that is not empty.
//
//   OUT/results.csv, results.json, timing.csv, the plots and their data (sweep_report.hpp)
//   OUT/plan.toml        the plan those results are of, written with them
//   OUT/runs/plan.toml   the plan of the runs in runs/: the latest sweep into the folder
//   OUT/runs/ID.*        each run's settings and record (run_records.hpp)
//   OUT/runs/slurm/      the Slurm executor's script, task lists and logs
//
// A sweep into a folder that holds results or runs of another plan is refused, naming the
// folder, unless it is told --force (replace all; outputs the new results do not include are
// removed once they are in place) or --resume (the same plan: keep its finished runs, run the
// rest). Outputs change only by renames from a staging folder (output/staged_outputs.hpp), so
// an interrupted sweep leaves the old results, consistent with their plots.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace nicsim::sweep {

enum class FolderMode {
    plain,   // a new folder, or one holding this plan (its runs are all run again)
    force,   // whatever the folder holds is replaced
    resume,  // this plan's finished runs are kept
};

struct FolderPlans {
    bool exists = false;
    bool has_outputs = false;            // results or plots of a sweep
    std::optional<std::string> results;  // OUT/plan.toml
    std::optional<std::string> runs;     // OUT/runs/plan.toml
};

// Refuses an --out that is a regular file or lies under one. Reads only.
void check_out_path(const std::filesystem::path& out);

FolderPlans read_folder_plans(const std::filesystem::path& out);

// Refuses (std::invalid_argument naming the folder and what to do) a sweep of `plan` into a
// folder holding another plan's results or runs, unless `mode` is force.
void check_folder_reuse(const std::filesystem::path& out, const FolderPlans& found, const std::string& plan,
                        FolderMode mode);

// The folder's lock, held while a sweep writes into it (flock on the folder itself, so nothing
// is written to take it); a second sweep into the same folder is refused.
class FolderLock {
  public:
    FolderLock() = default;
    FolderLock(const FolderLock&) = delete;
    FolderLock& operator=(const FolderLock&) = delete;
    ~FolderLock();
    // Locks `out` if it exists (std::invalid_argument if another process holds it).
    void lock_existing(const std::filesystem::path& out);
    bool locked() const { return fd_ >= 0; }

  private:
    int fd_ = -1;
};

// Creates `out` and its runs/ folder and makes sure files can be written there;
// std::invalid_argument with the system's reason if not.
void create_folder(const std::filesystem::path& out);

// Whether `name` is a file a sweep writes into its folder (results.csv, data_3.dat, ...).
bool is_sweep_output(const std::string& name);

// Removes the sweep outputs in `out` that are not in `written`, and what killed writers left
// (temporary files, staging folders).
void remove_stale_outputs(const std::filesystem::path& out, const std::vector<std::string>& written);
void remove_leftovers(const std::filesystem::path& out);

}  // namespace nicsim::sweep
