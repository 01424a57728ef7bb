// What a co-simulation run reports: named values in report order (what `nicsim run --json`
// prints) and the packet account they come from (offered = delivered + every drop + in flight).
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <utility>
#include <vector>

#include "apps/drop_reason.hpp"
#include "cosim/run_config.hpp"
#include "trace/trace_schedule.hpp"

namespace nicsim {

struct RunResult {
    std::vector<std::pair<std::string, double>> numbers;
    std::string policy;
    std::string app;
    bool drained = false;   // every offered packet accounted for before the drain timeout
    std::uint64_t seed = 0; // the run's seed, exactly (numbers' "seed" is a double)
    tb::TraceReport trace;  // what the FST covers, when one was asked for (not in the JSON)
    tb::SkipStats skip;     // what skip-idle did (not in the JSON, which it does not change)

    // The packet account (numbers holds the same values under their report names).
    std::uint64_t offered = 0;
    std::uint64_t delivered = 0;
    apps::DropCounts drops;
    double in_flight() const {
        return static_cast<double>(offered) - static_cast<double>(delivered) - static_cast<double>(drops.total());
    }

    double get(const std::string& name) const;
    // offered = delivered + every drop + in flight, and nothing in flight after drain.
    bool conserved() const { return in_flight() == 0; }
};

// One JSON object, keys in report order. Byte-identical for the same configuration and seed
// except `wall_s` and the rates derived from it.
void print_json(std::ostream& out, const RunResult& result);
// What is wrong with the run's measurement window, one sentence each: too short for a rate
// (with the packets it needs), or halves more than 2% apart. Empty when its rates hold.
std::vector<std::string> window_flags(const RunResult& result);
void print_summary(std::ostream& out, const RunConfig& config, const RunResult& result);

}  // namespace nicsim
