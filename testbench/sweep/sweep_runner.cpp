#include "sweep_runner.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <stdexcept>

#include "progress_line.hpp"
#include "run_records.hpp"
#include "stop_signals.hpp"

namespace nicsim::sweep {
namespace {

struct Child {
    pid_t pid = -1;
    int out_fd = -1;
    int err_fd = -1;
    std::string id;
    std::string out;
    std::string err;
};

Child spawn(const std::string& exe, const std::filesystem::path& runs, const LocalRun& run,
            const tb::TraceOptions& trace) {
    std::vector<std::string> args{exe, "run", "--config", run_file(runs, run.id, ".toml").string(), "--json"};
    if (trace.enabled()) {
        tb::TraceOptions run_trace = trace;
        run_trace.path = run.trace_path;
        for (auto& a : tb::trace_arguments(run_trace)) args.push_back(std::move(a));
    }
    int out[2], err[2];
    if (pipe(out) != 0 || pipe(err) != 0) throw std::runtime_error("sweep: pipe failed");
    const pid_t parent = getpid();
    const pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("sweep: fork failed");
    if (pid == 0) {
        // Die with the sweep, however it ends. If it already ended between fork() and here,
        // the request came too late to fire: then go now.
        prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (getppid() != parent) _exit(128 + SIGTERM);
        // The sweep catches SIGINT and SIGTERM; a run takes them as usual.
        signal(SIGINT, SIG_DFL);
        signal(SIGTERM, SIG_DFL);
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
    return Child{pid, out[0], err[0], run.id, {}, {}};
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
    std::vector<Child> running;
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
            if (c.out_fd >= 0) fds.push_back({c.out_fd, POLLIN, 0});
            if (c.err_fd >= 0) fds.push_back({c.err_fd, POLLIN, 0});
        }
        if (!fds.empty()) poll(fds.data(), fds.size(), 500);
        if (StopSignals::received()) break;
        for (auto& c : running) {
            for (const auto& f : fds) {
                if (!(f.revents & (POLLIN | POLLHUP | POLLERR))) continue;
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
        kill(c.pid, SIGTERM);
        if (c.out_fd >= 0) close(c.out_fd);
        if (c.err_fd >= 0) close(c.err_fd);
        waitpid(c.pid, nullptr, 0);
    }
    progress.finish();
}

}  // namespace nicsim::sweep
