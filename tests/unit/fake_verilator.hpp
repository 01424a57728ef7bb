// Stand-ins for VerilatedContext and VerilatedFstC with just what SimControl uses, so unit
// tests run SimControl and RtlHarness without the Verilator runtime.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace nicsim::tb::test {

class FakeContext {
public:
    void traceEverOn(bool on) { trace_ever_on = on; }
    void timeInc(std::uint64_t add) { time_ += add; }
    std::uint64_t time() const { return time_; }
    int timeprecision() const { return precision; }
    const char* timeprecisionString() const { return precision == -12 ? "1ps" : "1ns"; }
    bool gotFinish() const { return finished; }

    bool trace_ever_on = false;
    bool finished = false;
    int precision = -12;

private:
    std::uint64_t time_ = 0;
};

class FakeTrace {
public:
    void open(const char* path) {
        path_ = path;
        open_ = true;
    }
    bool isOpen() const { return open_; }
    void close() { open_ = false; }
    void dump(std::uint64_t time) { dump_times.push_back(time); }
    void dumpvars(int level, const std::string& hier) {
        dumpvars_level = level;
        dumpvars_hier = hier;
    }

    // Shared by every instance: SimControl owns its trace, so tests look here.
    static inline std::vector<std::uint64_t> dump_times;
    static inline int depth = 0;
    static inline int dumpvars_level = 0;
    static inline std::string dumpvars_hier;

private:
    std::string path_;
    bool open_ = false;
};

}  // namespace nicsim::tb::test
