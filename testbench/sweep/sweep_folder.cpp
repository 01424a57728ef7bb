#include "sweep/sweep_folder.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "output/atomic_output_file.hpp"
#include "sweep/run_records.hpp"
#include "output/staged_outputs.hpp"
#include "sweep/sweep_report.hpp"

namespace nicsim::sweep {
namespace {

namespace fs = std::filesystem;

std::optional<std::string> read_if_there(const fs::path& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f) return std::nullopt;
    std::ostringstream s;
    s << f.rdbuf();
    return s.str();
}

std::string quoted_path(const fs::path& p) { return p.string(); }

}  // namespace

void check_out_path(const fs::path& out) {
    std::error_code ec;
    if (fs::exists(out, ec) && !fs::is_directory(out, ec))
        throw std::invalid_argument("--out = " + quoted_path(out) + ": is a file, not a folder");
    // The nearest part of the path that exists must be a folder.
    for (fs::path p = out.parent_path(); !p.empty(); p = p.parent_path()) {
        if (fs::exists(p, ec)) {
            if (!fs::is_directory(p, ec))
                throw std::invalid_argument("--out = " + quoted_path(out) + ": " + p.string() +
                                            " is a file, so no folder can be made under it");
            break;
        }
        if (p == p.parent_path()) break;
    }
}

FolderPlans read_folder_plans(const fs::path& out) {
    FolderPlans found;
    std::error_code ec;
    found.exists = fs::is_directory(out, ec);
    if (!found.exists) return found;
    for (const auto& entry : fs::directory_iterator(out, ec))
        if (entry.path().filename() != "plan.toml" && is_sweep_output(entry.path().filename().string()))
            found.has_outputs = true;
    found.results = read_if_there(out / "plan.toml");
    found.runs = read_if_there(runs_dir(out) / "plan.toml");
    return found;
}

void check_folder_reuse(const fs::path& out, const FolderPlans& found, const std::string& plan, FolderMode mode) {
    if (mode == FolderMode::force || !found.exists) return;
    const std::string folder = out.string();
    const std::string choices = mode == FolderMode::resume
                                    ? "; --resume continues only the same plan: give --force to replace them, or another --out"
                                    : "; give --force to replace them, --resume " + folder +
                                          " to continue that plan, or another --out";
    // Resuming, the runs are what counts: they are the latest sweep into the folder, and
    // results of another plan beside them mean a --force replacement was stopped half way.
    if (mode == FolderMode::resume && found.runs) {
        if (*found.runs != plan)
            throw std::invalid_argument(folder + ": holds the runs of another sweep plan (" +
                                        (runs_dir(out) / "plan.toml").string() + ")" + choices);
        return;
    }
    if (found.has_outputs && !found.results)
        throw std::invalid_argument(folder + ": holds sweep results that record no plan (an older nicsim's?)" + choices);
    if (found.results && *found.results != plan)
        throw std::invalid_argument(folder + ": holds the results of another sweep plan (" + (out / "plan.toml").string() +
                                    ")" + choices);
    if (found.runs && *found.runs != plan)
        throw std::invalid_argument(folder + ": holds the runs of another sweep plan (" +
                                    (runs_dir(out) / "plan.toml").string() + ")" + choices);
}

FolderLock::~FolderLock() {
    if (fd_ >= 0) close(fd_);
}

void FolderLock::lock_existing(const fs::path& out) {
    if (fd_ >= 0) return;
    const int fd = open(out.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        close(fd);
        throw std::invalid_argument(out.string() + ": another nicsim sweep is writing into this folder");
    }
    fd_ = fd;
}

void create_folder(const fs::path& out) {
    for (const fs::path& dir : {out, runs_dir(out)}) {
        std::error_code ec;
        fs::create_directories(dir, ec);
        if (ec) throw std::invalid_argument("--out = " + out.string() + ": cannot create " + dir.string() + " (" +
                                            ec.message() + ")");
        try {
            output::AtomicOutputFile probe(dir / ".probe");  // removed again by its destructor
        } catch (const output::OutputFileError& e) {
            throw std::invalid_argument("--out = " + out.string() + ": cannot write into " + dir.string() + " (" +
                                        e.reason() + ")");
        }
    }
}

bool is_sweep_output(const std::string& name) {
    // gnuplot.log: where older versions left gnuplot's messages.
    return is_report_file(name) || name == "timing.csv" || name == "plan.toml" || name == "gnuplot.log";
}

void remove_stale_outputs(const fs::path& out, const std::vector<std::string>& written) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(out, ec)) {
        const std::string name = entry.path().filename().string();
        std::error_code entry_ec;
        if (entry.is_regular_file(entry_ec) && is_sweep_output(name) &&
            std::find(written.begin(), written.end(), name) == written.end())
            fs::remove(entry.path(), entry_ec);
    }
}

void remove_leftovers(const fs::path& out) {
    output::remove_stale_temporaries(out);
    output::remove_stale_staging(out);
    output::remove_stale_temporaries(runs_dir(out));
}

}  // namespace nicsim::sweep
