// Runs a program (looked up on PATH, no shell) and returns its exit status and output: for
// the Slurm commands the slurm executor drives (sbatch, squeue, scontrol, sacct, scancel).
#pragma once

#include <string>
#include <vector>

namespace nicsim::sweep {

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
