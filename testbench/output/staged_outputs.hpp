// A set of output files that replace their old versions together: each is written complete
// into a private staging folder inside the destination folder, and only then are all renamed
// into place, one rename(2) each, in a step short enough to run with SIGINT and SIGTERM held
// back (the caller holds them; see sweep/stop_signals.hpp). Until commit(), the destination
// keeps its old files untouched, so an interrupted command leaves the old consistent set.
//
// Tools that name their own outputs (gnuplot's `set output`) run inside dir().
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace nicsim::output {

class StagedOutputs {
  public:
    // Creates `folder`/.staging-XXXXXX. Throws OutputFileError if it cannot.
    explicit StagedOutputs(std::filesystem::path folder);
    StagedOutputs(const StagedOutputs&) = delete;
    StagedOutputs& operator=(const StagedOutputs&) = delete;
    // Removes the staging folder and whatever was not committed.
    ~StagedOutputs();

    const std::filesystem::path& dir() const { return dir_; }
    // Writes one file into the staging folder; throws OutputFileError if it cannot.
    void write(const std::string& name, std::string_view contents);
    // Every file now in the staging folder, sorted: what commit() will rename.
    std::vector<std::string> names() const;
    // Renames each staged file over its namesake in the folder; returns their names.
    std::vector<std::string> commit();

  private:
    std::filesystem::path folder_;
    std::filesystem::path dir_;
};

// Staging folders left in `folder` by a killed process. Only while no other process writes
// there.
void remove_stale_staging(const std::filesystem::path& folder);

}  // namespace nicsim::output
