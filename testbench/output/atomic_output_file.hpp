// Output files that are either complete or absent: an interrupted command leaves the old
// complete file or the new complete one, never a partial one.
//
// A file is written under a temporary name in the folder it will live in, then renamed over
// its final name once complete; rename(2) within one file system replaces a name in one step.
// The temporary name is hidden (".NAME.tmp-XXXXXX"); a process killed outright (SIGKILL, a
// crash) may leave one behind beside an intact old file, and remove_stale_temporaries() clears
// those. This guards against interruption, not against power loss (nothing is fsync'd).
//
//   AtomicOutputFile out("results.csv");
//   out.stream() << text;                  // or hand out.temp_path() to a library that
//   out.commit();                          // opens files by name (libpcap, an FST writer)
//
// Not committed (an exception, an early return), the destructor removes the temporary file
// and the old file stays as it was.
#pragma once

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace nicsim::output {

// A file could not be created, written or renamed into place; the message names the path
// and the system's reason. Callers checking user input turn it into their own error.
class OutputFileError : public std::runtime_error {
  public:
    OutputFileError(const std::filesystem::path& path, const std::string& reason);
    const std::filesystem::path& path() const { return path_; }
    const std::string& reason() const { return reason_; }

  private:
    std::filesystem::path path_;
    std::string reason_;
};

class AtomicOutputFile {
  public:
    // Creates the temporary file beside `path`. Throws OutputFileError if the folder does not
    // exist or takes no new files, or `path` is a folder.
    explicit AtomicOutputFile(std::filesystem::path path);
    AtomicOutputFile(const AtomicOutputFile&) = delete;
    AtomicOutputFile& operator=(const AtomicOutputFile&) = delete;
    ~AtomicOutputFile();

    const std::filesystem::path& path() const { return path_; }
    const std::filesystem::path& temp_path() const { return temp_; }
    // A stream on the temporary file (opened on first use).
    std::ostream& stream();
    // Flushes and closes the stream, then renames the temporary file over `path`. Throws
    // OutputFileError if anything written was lost (a full disk) or the rename fails; the old
    // file is then untouched.
    void commit();
    bool committed() const { return committed_; }

  private:
    std::filesystem::path path_;
    std::filesystem::path temp_;
    std::ofstream stream_;
    bool committed_ = false;
};

// The whole of `contents` to `path`, atomically.
void write_file_atomically(const std::filesystem::path& path, std::string_view contents);

// Whether `name` is a temporary name AtomicOutputFile makes.
bool is_temporary_name(const std::string& name);

// Removes temporaries left in `folder` by killed writers. Only call it while no other
// process writes there (the sweep holds its folder's lock).
void remove_stale_temporaries(const std::filesystem::path& folder);

}  // namespace nicsim::output
