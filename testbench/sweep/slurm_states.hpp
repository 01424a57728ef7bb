// What Slurm's commands say about the tasks of one array job, parsed: `squeue -h -r -o "%i %T"`
// while it runs, then `scontrol show job -o` (kept for MinJobAge after the end, 5 minutes by
// default) or `sacct -X -n -P -o JobID,State,ExitCode` (kept by slurmdbd, where the cluster
// has accounting) for how each task ended.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace nicsim::sweep {

struct TaskState {
    std::string state;      // PENDING, RUNNING, COMPLETED, FAILED, CANCELLED, TIMEOUT, ...
    std::string exit_code;  // "1:0" (exit status:signal), when known
    std::string log;        // the task's stdout file, when known
};

// "3", "0-7", "4-7%2", "1,3,5-7", "[4-7]": the task ids of an array range.
std::vector<unsigned> expand_task_ids(const std::string& text);

// squeue lines "JOB_TASK STATE"; other jobs' lines are ignored.
std::map<unsigned, TaskState> parse_squeue(const std::string& text, const std::string& job);

// scontrol show job -o: one line per task (or per range of tasks not started).
std::map<unsigned, TaskState> parse_scontrol(const std::string& text, const std::string& job);

// sacct -P lines "JOB_TASK|STATE|EXIT".
std::map<unsigned, TaskState> parse_sacct(const std::string& text, const std::string& job);

}  // namespace nicsim::sweep
