#include "sweep/run_records.hpp"

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>

#include "output/atomic_output_file.hpp"

namespace nicsim::sweep {
namespace {

namespace fs = std::filesystem;

std::string read_text(const fs::path& path, bool& exists) {
    std::ifstream f(path, std::ios::binary);
    exists = static_cast<bool>(f);
    std::ostringstream s;
    if (exists) s << f.rdbuf();
    return s.str();
}

}  // namespace

fs::path runs_dir(const fs::path& out) { return out / "runs"; }

std::string run_id(std::size_t index, std::size_t runs) {
    const std::size_t width = std::max<std::size_t>(4, std::to_string(runs > 0 ? runs - 1 : 0).size());
    std::string id = std::to_string(index);
    return std::string(width > id.size() ? width - id.size() : 0, '0') + id;
}

fs::path run_file(const fs::path& runs, const std::string& id, const char* extension) {
    return runs / (id + extension);
}

RunRecord read_record(const fs::path& runs, const std::string& id) {
    RunRecord r;
    bool exists = false;
    const std::string status = read_text(run_file(runs, id, ".status"), exists);
    if (exists) {
        r.ended = true;
        try {
            r.exit_status = std::stoi(status);
        } catch (const std::exception&) {
            r.exit_status = -1;
        }
    }
    const std::string result = read_text(run_file(runs, id, ".json"), exists);
    if (exists && !result.empty()) {
        try {
            r.json = nlohmann::ordered_json::parse(result);
            r.has_result = r.json.is_object();
        } catch (const nlohmann::json::exception&) {
            r.has_result = false;
        }
    }
    r.log = read_text(run_file(runs, id, ".log"), exists);
    return r;
}

void write_record(const fs::path& runs, const std::string& id, const std::string& result, const std::string& log,
                  int exit_status) {
    output::write_file_atomically(run_file(runs, id, ".json"), result);
    output::write_file_atomically(run_file(runs, id, ".log"), log);
    output::write_file_atomically(run_file(runs, id, ".status"), std::to_string(exit_status) + "\n");
}

void clear_runs_folder(const fs::path& runs) {
    static const std::regex run_files(R"([0-9]+\.(toml|json|log|status)|plan\.toml)");
    static const std::regex slurm_files(R"(array\.sh|job|tasks-[0-9]+\.txt|[0-9]+_[0-9]+\.out)");
    std::error_code ec;
    output::remove_stale_temporaries(runs);
    for (const auto& entry : fs::directory_iterator(runs, ec)) {
        const std::string name = entry.path().filename().string();
        std::error_code e;
        if (entry.is_regular_file(e) && std::regex_match(name, run_files)) fs::remove(entry.path(), e);
    }
    const fs::path slurm = runs / "slurm";
    for (const auto& entry : fs::directory_iterator(slurm, ec)) {
        std::error_code e;
        if (entry.is_regular_file(e) && std::regex_match(entry.path().filename().string(), slurm_files))
            fs::remove(entry.path(), e);
    }
    fs::remove(slurm, ec);  // only if now empty
}

void clear_record(const fs::path& runs, const std::string& id) {
    std::error_code ec;
    // The status first: from here on the run counts as not ended.
    for (const char* ext : {".status", ".json", ".log"}) fs::remove(run_file(runs, id, ext), ec);
}

}  // namespace nicsim::sweep
