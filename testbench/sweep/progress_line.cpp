#include "sweep/progress_line.hpp"

#include <unistd.h>

#include <cstdio>

namespace nicsim::sweep {

std::string format_duration(double seconds) {
    const auto s = static_cast<long>(seconds + 0.5);
    char buf[32];
    if (s >= 60) std::snprintf(buf, sizeof buf, "%ldm%02lds", s / 60, s % 60);
    else std::snprintf(buf, sizeof buf, "%lds", s);
    return buf;
}

ProgressLine::ProgressLine(bool enabled, std::size_t total, std::string unit)
    : enabled_(enabled),
      terminal_(isatty(STDERR_FILENO) != 0),
      total_(total),
      unit_(std::move(unit)),
      start_(std::chrono::steady_clock::now()) {}

void ProgressLine::update(std::size_t done, const std::string& detail) {
    if (!enabled_) return;
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const bool changed = done != drawn_done_ || detail != drawn_detail_;
    if (!changed && !(terminal_ && elapsed - drawn_at_ >= 1.0)) return;
    constexpr int width = 30;
    const int filled = total_ ? static_cast<int>(static_cast<std::size_t>(width) * done / total_) : width;
    std::string bar(static_cast<std::size_t>(filled), '=');
    if (filled < width) bar += '>';
    bar.resize(width, ' ');
    std::string eta = "estimating";
    if (done > 0) eta = format_duration(elapsed / static_cast<double>(done) * static_cast<double>(total_ - done)) + " left";
    const std::string more = detail.empty() ? "" : ", " + detail;
    std::fprintf(stderr, terminal_ ? "\r[%s] %zu/%zu %s%s, %s elapsed, %s   " : "[%s] %zu/%zu %s%s, %s elapsed, %s\n",
                 bar.c_str(), done, total_, unit_.c_str(), more.c_str(), format_duration(elapsed).c_str(), eta.c_str());
    std::fflush(stderr);
    drawn_done_ = done;
    drawn_detail_ = detail;
    drawn_at_ = elapsed;
}

void ProgressLine::finish() {
    if (enabled_ && terminal_ && drawn_at_ >= 0) std::fprintf(stderr, "\n");
}

}  // namespace nicsim::sweep
