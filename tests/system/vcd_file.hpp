// A VCD file (as fst2vcd writes it) read for tests: every variable's full dotted name, the
// scopes, the timescale, the first and last timestamps, and the value changes of the
// variables a test asks about.
#pragma once

#include <cstdint>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace nicsim::test {

class VcdFile {
public:
    // Reads the header and the timestamps; `watch` names variables (TOP.a.b.sig) whose value
    // changes are kept.
    explicit VcdFile(const std::string& path, const std::set<std::string>& watch = {}) {
        std::ifstream in(path);
        if (!in) throw std::runtime_error("cannot read " + path);
        std::vector<std::string> stack;
        std::string line;
        std::map<std::string, std::vector<std::string>> watched_ids;  // id -> names (aliases share ids)
        while (std::getline(in, line)) {
            std::istringstream words(line);
            std::string first;
            words >> first;
            if (first == "$scope") {
                std::string kind, name;
                words >> kind >> name;
                stack.push_back(name);
                scopes_.insert(join(stack));
            } else if (first == "$upscope") {
                stack.pop_back();
            } else if (first == "$var") {
                std::string type, width, id, name;
                words >> type >> width >> id >> name;
                const std::string full = join(stack) + "." + name;
                ids_[full] = id;
                if (watch.count(full)) watched_ids[id].push_back(full);
            } else if (first == "$timescale") {
                std::string unit;
                words >> unit;
                if (unit == "$end" || unit.empty()) std::getline(in, unit);
                timescale_ = trim(unit);
            } else if (first == "$enddefinitions") {
                break;
            }
        }
        std::uint64_t now = 0;
        bool any_time = false;
        while (std::getline(in, line)) {
            if (line.empty()) continue;
            if (line[0] == '#') {
                now = std::stoull(line.substr(1));
                if (!any_time) first_time_ = now;
                any_time = true;
                last_time_ = now;
            } else if (!watched_ids.empty()) {
                std::string value, id;
                if (line[0] == 'b' || line[0] == 'r') {
                    const auto space = line.find(' ');
                    value = line.substr(1, space - 1);
                    id = line.substr(space + 1);
                } else if (line[0] != '$') {
                    value = line.substr(0, 1);
                    id = line.substr(1);
                }
                if (auto it = watched_ids.find(id); it != watched_ids.end())
                    for (const auto& name : it->second) changes_[name].emplace_back(now, value);
            }
        }
        if (!any_time) throw std::runtime_error(path + " has no timestamps");
    }

    bool has(const std::string& name) const { return ids_.count(name) > 0; }
    bool has_scope(const std::string& scope) const { return scopes_.count(scope) > 0; }
    const std::set<std::string>& scopes() const { return scopes_; }
    std::size_t variables() const { return ids_.size(); }
    const std::string& timescale() const { return timescale_; }
    std::uint64_t first_time() const { return first_time_; }
    std::uint64_t last_time() const { return last_time_; }

    // (time, value as written: "0", "1", binary digits) of a watched variable, in order.
    const std::vector<std::pair<std::uint64_t, std::string>>& changes(const std::string& name) const {
        static const std::vector<std::pair<std::uint64_t, std::string>> none;
        auto it = changes_.find(name);
        return it == changes_.end() ? none : it->second;
    }
    // The first time at or after `from` that a watched variable takes a value other than all
    // zeros (or -1 if never).
    std::int64_t first_nonzero(const std::string& name, std::uint64_t from = 0) const {
        for (const auto& [t, v] : changes(name))
            if (t >= from && v.find_first_not_of("0") != std::string::npos && v.find_first_of("xz") == std::string::npos)
                return static_cast<std::int64_t>(t);
        return -1;
    }

private:
    static std::string join(const std::vector<std::string>& parts) {
        std::string s;
        for (const auto& p : parts) s += (s.empty() ? "" : ".") + p;
        return s;
    }
    static std::string trim(std::string s) {
        const auto b = s.find_first_not_of(" \t");
        const auto e = s.find_last_not_of(" \t");
        return b == std::string::npos ? "" : s.substr(b, e - b + 1);
    }

    std::map<std::string, std::string> ids_;
    std::set<std::string> scopes_;
    std::string timescale_;
    std::uint64_t first_time_ = 0, last_time_ = 0;
    std::map<std::string, std::vector<std::pair<std::uint64_t, std::string>>> changes_;
};

}  // namespace nicsim::test
