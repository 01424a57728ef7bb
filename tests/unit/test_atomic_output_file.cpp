// output::AtomicOutputFile and StagedOutputs: a file at its final name is always a whole one —
// the old until commit, the new after — whether the writer returns, throws or is killed.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "output/atomic_output_file.hpp"
#include "output/staged_outputs.hpp"

namespace fs = std::filesystem;
using nicsim::output::AtomicOutputFile;
using nicsim::output::OutputFileError;
using nicsim::output::StagedOutputs;

namespace {

// A fresh folder in the build tree, unique per process.
fs::path scratch(const std::string& name) {
    const fs::path dir = fs::current_path() / ("atomic-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

std::string read(const fs::path& p) {
    std::ifstream f(p, std::ios::binary);
    std::ostringstream s;
    s << f.rdbuf();
    return s.str();
}

void write(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

std::vector<std::string> entries(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace

TEST_CASE("An atomic output file replaces the old one only when committed", "[unit][output]") {
    const auto dir = scratch("commit");
    write(dir / "results.csv", "old\n");
    {
        AtomicOutputFile out(dir / "results.csv");
        out.stream() << "new, half";
        out.stream().flush();
        CHECK(read(dir / "results.csv") == "old\n");  // the reader still sees the old, whole file
        CHECK(out.temp_path().parent_path() == dir);  // same folder: the rename is atomic
        CHECK(nicsim::output::is_temporary_name(out.temp_path().filename().string()));
        out.stream() << " and the rest\n";
        out.commit();
    }
    CHECK(read(dir / "results.csv") == "new, half and the rest\n");
    CHECK(entries(dir) == std::vector<std::string>{"results.csv"});
    fs::remove_all(dir);
}

TEST_CASE("An atomic output file not committed leaves the old file and no temporary", "[unit][output]") {
    const auto dir = scratch("abandon");
    write(dir / "out.csv", "old\n");
    try {
        AtomicOutputFile out(dir / "out.csv");
        out.stream() << "partial";
        throw std::runtime_error("the writer fails half way");
    } catch (const std::runtime_error&) {
    }
    CHECK(read(dir / "out.csv") == "old\n");
    CHECK(entries(dir) == std::vector<std::string>{"out.csv"});
    fs::remove_all(dir);
}

TEST_CASE("A writer killed half way leaves the old file whole", "[unit][output]") {
    const auto dir = scratch("killed");
    write(dir / "out.csv", "old\n");
    int ready[2];
    REQUIRE(pipe(ready) == 0);
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        AtomicOutputFile out(dir / "out.csv");
        out.stream() << std::string(100000, 'x');
        out.stream().flush();
        (void)!::write(ready[1], "1", 1);
        pause();  // killed here, before commit
        _exit(0);
    }
    char c = 0;
    REQUIRE(::read(ready[0], &c, 1) == 1);
    kill(child, SIGKILL);
    waitpid(child, nullptr, 0);
    CHECK(read(dir / "out.csv") == "old\n");
    // What the killed writer left is under a temporary name, and cleared up by name.
    CHECK(entries(dir).size() == 2);
    nicsim::output::remove_stale_temporaries(dir);
    CHECK(entries(dir) == std::vector<std::string>{"out.csv"});
    close(ready[0]);
    close(ready[1]);
    fs::remove_all(dir);
}

TEST_CASE("An atomic output file gets the mode a plain new file would", "[unit][output]") {
    const auto dir = scratch("mode");
    const mode_t old_mask = umask(022);
    nicsim::output::write_file_atomically(dir / "f.txt", "x");
    umask(old_mask);
    struct stat st {};
    REQUIRE(stat((dir / "f.txt").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0644);
    fs::remove_all(dir);
}

TEST_CASE("An atomic output file names the path and the reason it cannot be written", "[unit][output]") {
    const auto dir = scratch("refuse");
    CHECK_THROWS_WITH(AtomicOutputFile(dir / "missing" / "out.csv"),
                      Catch::Contains("missing/out.csv: cannot be written (No such file or directory)"));
    CHECK_THROWS_AS(AtomicOutputFile(dir), OutputFileError);  // a folder is not a file
    CHECK(entries(dir).empty());
    fs::remove_all(dir);
}

TEST_CASE("Staged outputs appear together at commit, and not at all without it", "[unit][output]") {
    const auto dir = scratch("staged");
    write(dir / "a.dat", "old a");
    {
        StagedOutputs stage(dir);
        stage.write("a.dat", "new a");
        stage.write("b.dat", "new b");
        CHECK(read(dir / "a.dat") == "old a");
        CHECK_FALSE(fs::exists(dir / "b.dat"));
    }  // dropped: nothing changes, the staging folder goes
    CHECK(entries(dir) == std::vector<std::string>{"a.dat"});
    {
        StagedOutputs stage(dir);
        stage.write("a.dat", "new a");
        stage.write("b.dat", "new b");
        CHECK(stage.commit() == std::vector<std::string>{"a.dat", "b.dat"});
    }
    CHECK(read(dir / "a.dat") == "new a");
    CHECK(read(dir / "b.dat") == "new b");
    CHECK(entries(dir) == std::vector<std::string>{"a.dat", "b.dat"});
    fs::remove_all(dir);
}
