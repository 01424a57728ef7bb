// Several co-simulations in one test case. SystemC runs one simulation per process (a second
// sc_start in the same process is refused), so each run here happens in a forked child that
// sends its numbers back through a pipe; the parent never starts a simulation itself.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>

#include "cosim/cosim_run.hpp"

namespace nicsim::test {

struct ForkedRun {
    std::map<std::string, double> numbers;
    bool drained = false;
    bool conserved = false;

    double get(const std::string& name) const {
        const auto it = numbers.find(name);
        if (it == numbers.end()) throw std::out_of_range("no result named " + name);
        return it->second;
    }
};

inline ForkedRun run_forked(const RunConfig& config) {
    int fds[2];
    if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
    std::fflush(nullptr);
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        ::close(fds[0]);
        int status = 0;
        try {
            const auto r = run_cosim(config);
            std::ostringstream out;
            out.precision(17);
            for (const auto& [k, v] : r.numbers) out << k << " " << v << "\n";
            out << "__drained " << (r.drained ? 1 : 0) << "\n__conserved " << (r.conserved() ? 1 : 0) << "\n";
            const std::string text = out.str();
            for (std::size_t done = 0; done < text.size();) {
                const auto n = ::write(fds[1], text.data() + done, text.size() - done);
                if (n <= 0) break;
                done += static_cast<std::size_t>(n);
            }
        } catch (const std::exception& e) {
            std::fprintf(stderr, "run failed: %s\n", e.what());
            status = 1;
        }
        ::close(fds[1]);
        std::fflush(nullptr);
        ::_exit(status);
    }
    ::close(fds[1]);
    std::string text;
    char buf[4096];
    for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) > 0;) text.append(buf, static_cast<std::size_t>(n));
    ::close(fds[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) throw std::runtime_error("the forked run failed");
    ForkedRun r;
    std::istringstream in(text);
    std::string name;
    double value = 0;
    while (in >> name >> value) r.numbers[name] = value;
    r.drained = r.get("__drained") != 0;
    r.conserved = r.get("__conserved") != 0;
    return r;
}

}  // namespace nicsim::test
