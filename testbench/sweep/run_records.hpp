// What a run leaves in its sweep folder's runs/ (both executors leave the same files, and the
// results are collected from them alone, so a local and a Slurm sweep of a plan give the same
// bytes):
//
//   ID.toml     the run's settings: `nicsim run --config ID.toml --json` is the run
//   ID.json     what that printed on stdout (its result)
//   ID.log      what it printed on stderr
//   ID.status   its exit status, written last: a run without one did not end
//
// IDs are the run's index, zero-padded to one width per sweep ("0007").
#pragma once

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

namespace nicsim::sweep {

struct RunRecord {
    bool ended = false;           // ID.status exists
    int exit_status = -1;         // 0 clean, 1 broke an invariant, 2 bad input, 128+N killed by signal N
    bool has_result = false;      // ID.json holds one JSON object
    nlohmann::ordered_json json;  // the run's result
    std::string log;              // ID.log

    // The run ended cleanly with a result: --resume keeps it.
    bool finished() const { return ended && exit_status == 0 && has_result; }
};

// The runs/ folder of a sweep folder.
std::filesystem::path runs_dir(const std::filesystem::path& out);

std::string run_id(std::size_t index, std::size_t runs);

std::filesystem::path run_file(const std::filesystem::path& runs, const std::string& id, const char* extension);

RunRecord read_record(const std::filesystem::path& runs, const std::string& id);

// Writes the result, the log and then the status, each atomically.
void write_record(const std::filesystem::path& runs, const std::string& id, const std::string& result,
                  const std::string& log, int exit_status);

// Removes every file of a sweep's runs/ folder (plan, settings, records, the Slurm executor's
// script, task lists and logs) and nothing else: a folder a user keeps beside is left alone.
void clear_runs_folder(const std::filesystem::path& runs);

// Removes a run's result, log and status (not its settings), before it runs again.
void clear_record(const std::filesystem::path& runs, const std::string& id);

}  // namespace nicsim::sweep
