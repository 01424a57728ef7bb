// What squeue, scontrol and sacct print about an array job's tasks, as the slurm executor
// reads it (samples as Slurm 22.05 prints them).
#include <catch2/catch.hpp>

#include "sweep/slurm_states.hpp"

using namespace nicsim::sweep;

TEST_CASE("Array task ranges expand to their ids", "[unit][sweep][slurm]") {
    CHECK(expand_task_ids("3") == std::vector<unsigned>{3});
    CHECK(expand_task_ids("0-3") == std::vector<unsigned>{0, 1, 2, 3});
    CHECK(expand_task_ids("[4-6]") == std::vector<unsigned>{4, 5, 6});
    CHECK(expand_task_ids("1,3,5-6%2") == std::vector<unsigned>{1, 3, 5, 6});
    CHECK(expand_task_ids("").empty());
    CHECK(expand_task_ids("N/A").empty());
}

TEST_CASE("squeue lines give each task's state, other jobs ignored", "[unit][sweep][slurm]") {
    const auto t = parse_squeue("12_3 RUNNING\n12_[4-5] PENDING\n13_0 RUNNING\n", "12");
    REQUIRE(t.size() == 3);
    CHECK(t.at(3).state == "RUNNING");
    CHECK(t.at(4).state == "PENDING");
    CHECK(t.at(5).state == "PENDING");
}

TEST_CASE("scontrol show job -o gives state, exit code and log of each task", "[unit][sweep][slurm]") {
    const std::string text =
        "JobId=14 ArrayJobId=13 ArrayTaskId=0 JobName=nicsim-sweep JobState=COMPLETED Reason=None ExitCode=0:0 "
        "StdErr=/o/runs/slurm/13_0.out StdIn=/dev/null StdOut=/o/runs/slurm/13_0.out Power=\n"
        "JobId=15 ArrayJobId=13 ArrayTaskId=1 JobName=nicsim-sweep JobState=FAILED Reason=NonZeroExitCode "
        "ExitCode=1:0 StdOut=/o/runs/slurm/13_1.out Power=\n"
        "JobId=13 ArrayJobId=13 ArrayTaskId=2-3 JobName=nicsim-sweep JobState=CANCELLED Reason=None ExitCode=0:0\n"
        "JobId=20 ArrayJobId=19 ArrayTaskId=0 JobState=RUNNING\n";
    const auto t = parse_scontrol(text, "13");
    REQUIRE(t.size() == 4);
    CHECK(t.at(0).state == "COMPLETED");
    CHECK(t.at(0).log == "/o/runs/slurm/13_0.out");
    CHECK(t.at(1).state == "FAILED");
    CHECK(t.at(1).exit_code == "1:0");
    CHECK(t.at(3).state == "CANCELLED");
}

TEST_CASE("sacct -P lines give each task's state, 'by UID' dropped", "[unit][sweep][slurm]") {
    const auto t = parse_sacct("12_0|COMPLETED|0:0\n12_1|CANCELLED by 0|0:15\n12_[2-3]|PENDING|0:0\n", "12");
    REQUIRE(t.size() == 4);
    CHECK(t.at(1).state == "CANCELLED");
    CHECK(t.at(1).exit_code == "0:15");
    CHECK(t.at(2).state == "PENDING");
}
