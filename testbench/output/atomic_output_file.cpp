#include "output/atomic_output_file.hpp"

#include "output/temporary_cleanup.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>
#include <vector>

namespace nicsim::output {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view temp_marker = ".tmp-";
constexpr std::size_t random_suffix = 6;  // mkstemp's XXXXXX

// The mode a file created with open(..., 0666) would get: mkstemp makes 0600 files, which
// would surprise whoever reads the results after a rename.
mode_t new_file_mode() {
    static const mode_t mode = [] {
        const mode_t mask = umask(022);
        umask(mask);
        return static_cast<mode_t>(0666 & ~mask);
    }();
    return mode;
}

}  // namespace

OutputFileError::OutputFileError(const fs::path& path, const std::string& reason)
    : std::runtime_error(path.string() + ": " + reason), path_(path), reason_(reason) {}

AtomicOutputFile::AtomicOutputFile(fs::path path) : path_(std::move(path)) {
    std::error_code ec;
    if (fs::is_directory(path_, ec)) throw OutputFileError(path_, "is a folder, not a file");
    const fs::path folder = path_.parent_path().empty() ? fs::path(".") : path_.parent_path();
    // Long names are shortened in the temporary name only; the final name is as asked.
    std::string name = path_.filename().string().substr(0, 200);
    std::string pattern = (folder / ("." + name + std::string(temp_marker) + std::string(random_suffix, 'X'))).string();
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    const int fd = mkstemp(buffer.data());
    if (fd < 0) {
        const int err = errno;
        throw OutputFileError(path_, std::string("cannot be written (") + std::strerror(err) + ")");
    }
    temp_ = fs::path(buffer.data());
    track_temporary(temp_.c_str());
    fchmod(fd, new_file_mode());
    close(fd);
}

AtomicOutputFile::~AtomicOutputFile() {
    if (committed_) return;
    if (stream_.is_open()) stream_.close();
    std::error_code ec;
    fs::remove(temp_, ec);
    untrack_temporary(temp_.c_str());
}

std::ostream& AtomicOutputFile::stream() {
    if (!stream_.is_open()) {
        stream_.open(temp_, std::ios::binary | std::ios::trunc);
        if (!stream_) throw OutputFileError(path_, "cannot be written (" + temp_.string() + " did not open)");
    }
    return stream_;
}

void AtomicOutputFile::commit() {
    if (committed_) return;
    if (stream_.is_open()) {
        stream_.flush();
        const bool written = static_cast<bool>(stream_);
        stream_.close();
        if (!written || stream_.fail()) throw OutputFileError(path_, "writing failed (is the disk full?)");
    }
    if (std::rename(temp_.c_str(), path_.c_str()) != 0) {
        const int err = errno;
        throw OutputFileError(path_, std::string("cannot be replaced (") + std::strerror(err) + ")");
    }
    // After the rename: a signal in between finds no file under the temporary name.
    untrack_temporary(temp_.c_str());
    committed_ = true;
}

void write_file_atomically(const fs::path& path, std::string_view contents) {
    AtomicOutputFile file(path);
    file.stream().write(contents.data(), static_cast<std::streamsize>(contents.size()));
    file.commit();
}

bool is_temporary_name(const std::string& name) {
    if (name.size() < 1 + temp_marker.size() + random_suffix || name[0] != '.') return false;
    return name.compare(name.size() - random_suffix - temp_marker.size(), temp_marker.size(), temp_marker) == 0;
}

void remove_stale_temporaries(const fs::path& folder) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
        std::error_code entry_ec;
        if (entry.is_regular_file(entry_ec) && is_temporary_name(entry.path().filename().string()))
            fs::remove(entry.path(), entry_ec);
    }
}

}  // namespace nicsim::output
