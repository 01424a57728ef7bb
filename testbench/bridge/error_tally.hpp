// Counts trouble from the outside world — oversize frames, garbage datagrams, a peer that went
// away — and logs each kind once: a flood of bad input must neither crash the bridge nor bury
// its log. The counts are printed with the statistics.
#pragma once

#include <cstdint>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

namespace nicsim::bridge {

class ErrorTally {
public:
    explicit ErrorTally(std::ostream& log = std::cerr) : log_(&log) {}

    // Counts one event of kind `name`; the first of each kind is logged with `detail`.
    void record(const std::string& name, const std::string& detail) {
        for (auto& [n, count] : counts_) {
            if (n == name) {
                ++count;
                return;
            }
        }
        counts_.emplace_back(name, 1);
        *log_ << "nicsim bridge: " << detail << " (counted as " << name << "; further ones are counted, not logged)\n"
              << std::flush;
    }

    std::uint64_t count(const std::string& name) const {
        for (const auto& [n, c] : counts_)
            if (n == name) return c;
        return 0;
    }
    // In the order each kind first happened.
    const std::vector<std::pair<std::string, std::uint64_t>>& counts() const { return counts_; }

private:
    std::ostream* log_;
    std::vector<std::pair<std::string, std::uint64_t>> counts_;
};

}  // namespace nicsim::bridge
