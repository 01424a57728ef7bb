#include "sweep/sweep_runner.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <stdexcept>

#include "sweep/command_output.hpp"
#include "sweep/progress_line.hpp"
#include "sweep/run_records.hpp"
#include "sweep/stop_signals.hpp"

namespace nicsim::sweep {
namespace {

struct RunningChild {
    Child process;
    std::string id;
    std::string out;
    std::string err;
};

RunningChild spawn(const std::string& exe, const std::filesystem::path& runs, const LocalRun& run,
                   const tb::TraceOptions& trace) {
    std::vector<std::string> args{exe, "run", "--config", run_file(runs, run.id, ".toml").string(), "--json"};
    if (trace.enabled()) {
        tb::TraceOptions run_trace = trace;
        run_trace.path = run.trace_path;
        for (auto& a : tb::trace_arguments(run_trace)) args.push_back(std::move(a));
    }
    return RunningChild{spawn_child(args), run.id, {}, {}};
}

void drain(int& fd, std::string& into) {
    char buf[4096];
    const ssize_t n = read(fd, buf, sizeof buf);
    if (n > 0) {
        into.append(buf, static_cast<std::size_t>(n));
    } else if (n == 0 || errno != EINTR) {
        close(fd);
        fd = -1;
    }
}

}  // namespace

void run_local(const std::filesystem::path& runs, const std::vector<LocalRun>& todo, const RunnerOptions& options) {
    ProgressLine progress(options.progress, todo.size(), "runs");
    std::vector<RunningChild> running;
    std::size_t next = 0, done = 0;
    const unsigned jobs = std::max(1u, options.jobs);
    progress.update(0, "");
    while ((next < todo.size() || !running.empty()) && !StopSignals::received()) {
        while (next < todo.size() && running.size() < jobs) {
            running.push_back(spawn(options.executable, runs, todo[next], options.trace));
            ++next;
        }
        std::vector<pollfd> fds;
        for (const auto& c : running) {
            if (c.process.out_fd >= 0) fds.push_back({c.process.out_fd, POLLIN, 0});
            if (c.process.err_fd >= 0) fds.push_back({c.process.err_fd, POLLIN, 0});
        }
        if (!fds.empty()) poll(fds.data(), fds.size(), 500);
        if (StopSignals::received()) break;
        for (auto& c : running) {
            for (const auto& f : fds) {
                if (!(f.revents & (POLLIN | POLLHUP | POLLERR))) continue;
                if (f.fd == c.process.out_fd) drain(c.process.out_fd, c.out);
                else if (f.fd == c.process.err_fd) drain(c.process.err_fd, c.err);
            }
        }
        for (auto it = running.begin(); it != running.end();) {
            if (it->process.out_fd >= 0 || it->process.err_fd >= 0) {
                ++it;
                continue;
            }
            int status = 0;
            waitpid(it->process.pid, &status, 0);
            // A run killed by a signal while the sweep is being stopped (Ctrl-C reaches the
            // whole process group) did not fail: it was not allowed to finish.
            if (!(WIFSIGNALED(status) && StopSignals::received())) {
                const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
                write_record(runs, it->id, it->out, it->err, code);
            }
            ++done;
            it = running.erase(it);
        }
        progress.update(done, "");
    }
    for (auto& c : running) {
        kill(c.process.pid, SIGTERM);
        if (c.process.out_fd >= 0) close(c.process.out_fd);
        if (c.process.err_fd >= 0) close(c.process.err_fd);
        waitpid(c.process.pid, nullptr, 0);
    }
    progress.finish();
}

}  // namespace nicsim::sweep
