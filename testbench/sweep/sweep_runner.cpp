#include "sweep/sweep_runner.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <stdexcept>

namespace nicsim::sweep {
namespace {

volatile std::sig_atomic_t stop_requested = 0;
extern "C" void on_stop_signal(int) { stop_requested = 1; }

struct Child {
    pid_t pid = -1;
    int out_fd = -1;
    int err_fd = -1;
    std::size_t index = 0;
    std::string out;
    std::string err;
};

Child spawn(const std::string& exe, const SweepPoint& p, std::size_t index, const tb::TraceOptions& trace) {
    std::vector<std::string> args{exe, "run", "--json"};
    for (const auto& [k, v] : p.settings) {
        args.push_back("--" + k);
        args.push_back(v);
    }
    if (trace.enabled()) {
        tb::TraceOptions point_trace = trace;
        point_trace.path = tb::point_trace_path(trace.path, p.policy, p.load);
        for (auto& a : tb::trace_arguments(point_trace)) args.push_back(std::move(a));
    }
    int out[2], err[2];
    if (pipe(out) != 0 || pipe(err) != 0) throw std::runtime_error("sweep: pipe failed");
    const pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("sweep: fork failed");
    if (pid == 0) {
        dup2(out[1], STDOUT_FILENO);
        dup2(err[1], STDERR_FILENO);
        close(out[0]);
        close(out[1]);
        close(err[0]);
        close(err[1]);
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        execv(exe.c_str(), argv.data());
        _exit(127);
    }
    close(out[1]);
    close(err[1]);
    return Child{pid, out[0], err[0], index, {}, {}};
}

void drain(int& fd, std::string& into) {
    char buf[4096];
    const ssize_t n = read(fd, buf, sizeof buf);
    if (n > 0) into.append(buf, static_cast<std::size_t>(n));
    else {
        close(fd);
        fd = -1;
    }
}

std::string format_duration(double seconds) {
    const auto s = static_cast<long>(seconds + 0.5);
    char buf[32];
    if (s >= 60) std::snprintf(buf, sizeof buf, "%ldm%02lds", s / 60, s % 60);
    else std::snprintf(buf, sizeof buf, "%lds", s);
    return buf;
}

// On a terminal, one bar redrawn in place; elsewhere (CI logs) a line per finished point.
void draw_progress(std::size_t done, std::size_t total, double elapsed, bool terminal) {
    constexpr int width = 30;
    const int filled = total ? static_cast<int>(width * done / total) : width;
    std::string bar(static_cast<std::size_t>(filled), '=');
    if (filled < width) bar += '>';
    bar.resize(width, ' ');
    std::string eta = "estimating";
    if (done > 0) eta = format_duration(elapsed / static_cast<double>(done) * static_cast<double>(total - done)) + " left";
    std::fprintf(stderr, terminal ? "\r[%s] %zu/%zu points, %s elapsed, %s   " : "[%s] %zu/%zu points, %s elapsed, %s\n",
                 bar.c_str(), done, total, format_duration(elapsed).c_str(), eta.c_str());
    std::fflush(stderr);
}

// A variant's rows say which variant they are, ahead of the policy that ran.
void name_variant(PointResult& r) {
    if (!r.json.contains("policy") || r.json["policy"] == r.point.policy) return;
    nlohmann::ordered_json j;
    j["variant"] = r.point.policy;
    for (const auto& [k, v] : r.json.items()) j[k] = v;
    r.json = std::move(j);
}

}  // namespace

std::vector<PointResult> run_points(const std::vector<SweepPoint>& points, const RunnerOptions& options,
                                    bool& interrupted) {
    std::vector<PointResult> results(points.size());
    for (std::size_t i = 0; i < points.size(); ++i) results[i].point = points[i];
    stop_requested = 0;
    struct sigaction sa {};
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    struct sigaction old_int {}, old_term {};
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);

    const auto start = std::chrono::steady_clock::now();
    auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
    std::vector<Child> running;
    std::size_t next = 0, done = 0;
    const unsigned jobs = std::max(1u, options.jobs);
    const bool terminal = isatty(STDERR_FILENO) != 0;
    std::size_t drawn = 0;
    double drawn_at = -1;

    while ((next < points.size() || !running.empty()) && !stop_requested) {
        while (next < points.size() && running.size() < jobs) {
            running.push_back(spawn(options.executable, points[next], next, options.trace));
            ++next;
        }
        std::vector<pollfd> fds;
        for (const auto& c : running) {
            if (c.out_fd >= 0) fds.push_back({c.out_fd, POLLIN, 0});
            if (c.err_fd >= 0) fds.push_back({c.err_fd, POLLIN, 0});
        }
        if (!fds.empty()) poll(fds.data(), fds.size(), 500);
        for (auto& c : running) {
            for (const auto& f : fds) {
                if (!(f.revents & (POLLIN | POLLHUP))) continue;
                if (f.fd == c.out_fd) drain(c.out_fd, c.out);
                else if (f.fd == c.err_fd) drain(c.err_fd, c.err);
            }
        }
        for (auto it = running.begin(); it != running.end();) {
            if (it->out_fd >= 0 || it->err_fd >= 0) {
                ++it;
                continue;
            }
            int status = 0;
            waitpid(it->pid, &status, 0);
            PointResult& r = results[it->index];
            r.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
            r.error = it->err;
            try {
                if (!it->out.empty()) {
                    r.json = nlohmann::ordered_json::parse(it->out);
                    r.finished = true;
                    name_variant(r);
                }
            } catch (const nlohmann::json::exception&) {
                r.finished = false;
            }
            ++done;
            it = running.erase(it);
        }
        const double now = elapsed();
        if (options.progress && (done != drawn || (terminal && now - drawn_at >= 1.0))) {
            draw_progress(done, points.size(), now, terminal);
            drawn = done;
            drawn_at = now;
        }
    }
    interrupted = stop_requested != 0;
    for (auto& c : running) {
        kill(c.pid, SIGTERM);
        if (c.out_fd >= 0) close(c.out_fd);
        if (c.err_fd >= 0) close(c.err_fd);
        waitpid(c.pid, nullptr, 0);
    }
    if (options.progress && terminal) std::fprintf(stderr, "\n");
    sigaction(SIGINT, &old_int, nullptr);
    sigaction(SIGTERM, &old_term, nullptr);
    return results;
}

}  // namespace nicsim::sweep
