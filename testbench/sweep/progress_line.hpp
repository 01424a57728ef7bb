// A sweep's progress on stderr: on a terminal one bar redrawn in place, with time elapsed and
// left; elsewhere (CI logs, a Slurm job's output) a line each time another run ends.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace nicsim::sweep {

class ProgressLine {
  public:
    // `unit` names what is counted ("runs").
    ProgressLine(bool enabled, std::size_t total, std::string unit);
    // `detail` follows the counts ("2 running, 5 pending"); redrawn when `done` or `detail`
    // changes, and once a second on a terminal.
    void update(std::size_t done, const std::string& detail);
    void finish();

  private:
    bool enabled_;
    bool terminal_;
    std::size_t total_;
    std::string unit_;
    std::chrono::steady_clock::time_point start_;
    std::size_t drawn_done_ = static_cast<std::size_t>(-1);
    std::string drawn_detail_;
    double drawn_at_ = -1;
};

// "1m05s", "42s".
std::string format_duration(double seconds);

}  // namespace nicsim::sweep
