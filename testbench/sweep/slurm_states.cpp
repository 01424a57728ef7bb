#include "sweep/slurm_states.hpp"

#include <sstream>

namespace nicsim::sweep {
namespace {

std::vector<std::string> split(const std::string& text, char sep) {
    std::vector<std::string> parts;
    std::stringstream ss(text);
    for (std::string p; std::getline(ss, p, sep);) parts.push_back(p);
    return parts;
}

bool all_digits(const std::string& s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

// "CANCELLED by 0" -> "CANCELLED"
std::string state_word(const std::string& s) { return s.substr(0, s.find(' ')); }

// "12_3" or "12_[4-7]" of job 12: the task part, or empty for another job.
std::string task_part(const std::string& id, const std::string& job) {
    if (id.rfind(job + "_", 0) != 0) return {};
    return id.substr(job.size() + 1);
}

// key=value tokens of one scontrol -o line; a value with spaces continues until the next
// token that has a '='.
std::map<std::string, std::string> fields(const std::string& line) {
    std::map<std::string, std::string> f;
    std::string last;
    for (const auto& token : split(line, ' ')) {
        const auto eq = token.find('=');
        if (eq == std::string::npos || eq == 0) {
            if (!last.empty() && !token.empty()) f[last] += " " + token;
            continue;
        }
        last = token.substr(0, eq);
        f[last] = token.substr(eq + 1);
    }
    return f;
}

}  // namespace

std::vector<unsigned> expand_task_ids(const std::string& text) {
    std::string t = text.substr(0, text.find('%'));  // a throttle, "0-7%2"
    if (!t.empty() && t.front() == '[') t.erase(0, 1);
    if (!t.empty() && t.back() == ']') t.pop_back();
    std::vector<unsigned> ids;
    for (const auto& part : split(t, ',')) {
        const auto dash = part.find('-');
        const std::string from = part.substr(0, dash);
        const std::string to = dash == std::string::npos ? from : part.substr(dash + 1);
        if (!all_digits(from) || !all_digits(to)) continue;
        for (unsigned long i = std::stoul(from), end = std::stoul(to); i <= end && ids.size() < 1'000'000; ++i)
            ids.push_back(static_cast<unsigned>(i));
    }
    return ids;
}

std::map<unsigned, TaskState> parse_squeue(const std::string& text, const std::string& job) {
    std::map<unsigned, TaskState> tasks;
    for (const auto& line : split(text, '\n')) {
        const auto space = line.find(' ');
        if (space == std::string::npos) continue;
        const std::string part = task_part(line.substr(0, space), job);
        for (unsigned id : expand_task_ids(part)) tasks[id].state = state_word(line.substr(space + 1));
    }
    return tasks;
}

std::map<unsigned, TaskState> parse_scontrol(const std::string& text, const std::string& job) {
    std::map<unsigned, TaskState> tasks;
    for (const auto& line : split(text, '\n')) {
        auto f = fields(line);
        if (f["ArrayJobId"] != job) continue;
        TaskState s{state_word(f["JobState"]), f["ExitCode"], f["StdOut"]};
        for (unsigned id : expand_task_ids(f["ArrayTaskId"])) tasks[id] = s;
    }
    return tasks;
}

std::map<unsigned, TaskState> parse_sacct(const std::string& text, const std::string& job) {
    std::map<unsigned, TaskState> tasks;
    for (const auto& line : split(text, '\n')) {
        const auto cols = split(line, '|');
        if (cols.size() < 3) continue;
        for (unsigned id : expand_task_ids(task_part(cols[0], job))) tasks[id] = TaskState{state_word(cols[1]), cols[2], {}};
    }
    return tasks;
}

}  // namespace nicsim::sweep
