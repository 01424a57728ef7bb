#include "cli/trace_views.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace nicsim::tb {

std::string views_dir() {
    if (const char* env = std::getenv("NICSIM_TRACES_DIR"); env && *env) return env;
    return NICSIM_TRACES_DIR;
}

std::vector<std::string> view_names() {
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(views_dir(), ec))
        if (entry.path().extension() == ".gtkw") names.push_back(entry.path().stem().string());
    std::sort(names.begin(), names.end());
    return names;
}

std::string view_file(const std::string& view) {
    const auto names = view_names();
    if (std::find(names.begin(), names.end(), view) == names.end()) {
        std::string list;
        for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
        throw std::invalid_argument("view = " + view + ": must be one of " +
                                    (list.empty() ? "(none: no .gtkw files in " + views_dir() + ")" : list));
    }
    return (std::filesystem::path(views_dir()) / (view + ".gtkw")).string();
}

std::vector<std::string> view_command(const std::string& view, const std::string& fst) {
    const std::string save = view_file(view);
    if (!std::filesystem::is_regular_file(fst))
        throw std::invalid_argument("trace = " + fst + ": no such file (write one with --trace FILE.fst)");
    return {"gtkwave", "--dump=" + fst, "--save=" + save};
}

}  // namespace nicsim::tb
