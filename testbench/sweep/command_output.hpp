// Child processes of a sweep: its runs (sweep_runner) and the Slurm commands the slurm
// executor drives (sbatch, squeue, scontrol, sacct, scancel). Every child dies with the sweep
// (PR_SET_PDEATHSIG, checked against getppid so that a parent gone before the request is
// caught too) and takes SIGINT and SIGTERM as usual (the sweep itself catches them).
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace nicsim::sweep {

struct Child {
    pid_t pid = -1;
    int out_fd = -1;  // the read ends of its stdout and stderr
    int err_fd = -1;
};

// Starts `argv` (argv[0] looked up on PATH unless it holds a '/'), its stdout and stderr to
// pipes. With `own_group` it gets a process group of its own, so that a signal to the sweep's
// group (Ctrl-C at the terminal, or one forwarded by `timeout`) does not reach it: the sweep
// decides what to stop. Throws std::runtime_error if it cannot fork; an exec that fails
// exits 127.
Child spawn_child(const std::vector<std::string>& argv, bool own_group = false);

// Runs a program to its end, in a process group of its own (an `scancel` the sweep runs
// because of a Ctrl-C must not die of that Ctrl-C), and returns its exit status and output.
struct CommandOutput {
    int status = -1;  // the exit status; 127 when the program could not be run, 128+N killed by signal N
    std::string out;
    std::string err;
};

CommandOutput run_command(const std::vector<std::string>& argv);

// The program's path on PATH, or empty.
std::string find_on_path(const std::string& program);

// The first line of `text` without its end, for messages.
std::string first_line(const std::string& text);

}  // namespace nicsim::sweep
