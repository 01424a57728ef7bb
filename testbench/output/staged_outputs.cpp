#include "output/staged_outputs.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

#include "output/atomic_output_file.hpp"

namespace nicsim::output {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view staging_prefix = ".staging-";

}  // namespace

StagedOutputs::StagedOutputs(fs::path folder) : folder_(std::move(folder)) {
    std::string pattern = (folder_ / (std::string(staging_prefix) + "XXXXXX")).string();
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    if (!mkdtemp(buffer.data())) {
        const int err = errno;
        throw OutputFileError(folder_, std::string("cannot stage outputs there (") + std::strerror(err) + ")");
    }
    dir_ = fs::path(buffer.data());
}

StagedOutputs::~StagedOutputs() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
}

void StagedOutputs::write(const std::string& name, std::string_view contents) {
    const fs::path path = dir_ / name;
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f.write(contents.data(), static_cast<std::streamsize>(contents.size()));
    f.close();
    if (!f) throw OutputFileError(folder_ / name, "writing failed (is the disk full?)");
}

std::vector<std::string> StagedOutputs::names() const {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir_))
        if (entry.is_regular_file()) names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

std::vector<std::string> StagedOutputs::commit() {
    const auto staged = names();
    for (const auto& name : staged) {
        const fs::path to = folder_ / name;
        if (std::rename((dir_ / name).c_str(), to.c_str()) != 0) {
            const int err = errno;
            throw OutputFileError(to, std::string("cannot be replaced (") + std::strerror(err) + ")");
        }
    }
    return staged;
}

void remove_stale_staging(const fs::path& folder) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
        const std::string name = entry.path().filename().string();
        std::error_code entry_ec;
        if (name.rfind(staging_prefix, 0) == 0 && entry.is_directory(entry_ec)) fs::remove_all(entry.path(), entry_ec);
    }
}

}  // namespace nicsim::output
