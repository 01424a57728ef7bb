#include "cosim/run_result.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <ostream>
#include <sstream>
#include <stdexcept>

namespace nicsim {

double RunResult::get(const std::string& name) const {
    for (const auto& [k, v] : numbers)
        if (k == name) return v;
    throw std::out_of_range("no result named " + name);
}

std::vector<std::string> window_flags(const RunResult& r) {
    std::vector<std::string> flags;
    std::ostringstream os;
    if (r.get("flag_short_window") != 0) {
        os << "the measurement window (" << r.get("window_us") << " us after a " << r.get("warmup_us")
           << "-us warm-up) holds fewer than 100 expected packets, too few for a rate: give packets >= "
           << static_cast<long long>(r.get("window_min_packets")) << " at this load (or a shorter warmup-us)";
        flags.push_back(os.str());
        os.str("");
    }
    if (r.get("flag_unstable") != 0) {
        const double a = r.get("delivered_pps_first_half"), b = r.get("delivered_pps_second_half");
        os << "the window's halves delivered " << a << " and " << b << " packets/s, "
           << std::setprecision(3) << 100.0 * std::fabs(a - b) / std::max(a, b)
           << "% apart (more than 2% and more than a packet): not steady; a longer warm-up or window would settle it";
        flags.push_back(os.str());
    }
    return flags;
}

void print_json(std::ostream& out, const RunResult& r) {
    nlohmann::ordered_json j;
    j["policy"] = r.policy;
    j["app"] = r.app;
    for (const auto& [k, v] : r.numbers) {
        if (k == "seed") j[k] = r.seed;  // exact: a double rounds seeds above 2^53
        else if (v == std::floor(v) && std::fabs(v) < 9e15) j[k] = static_cast<long long>(v);
        else j[k] = v;
    }
    j["drained"] = r.drained;
    out << j.dump() << "\n";
}

void print_summary(std::ostream& out, const RunConfig& c, const RunResult& r) {
    const auto flags = out.flags();
    const auto precision = out.precision();
    out << "nicsim run: policy " << r.policy << ", app " << r.app << ", " << c.packets << " packets "
        << (c.traffic == TrafficKind::pcap ? "from " + c.pcap : "of " + std::to_string(c.size) + " bytes") << " at "
        << c.load_pps << " packets/s, " << c.driver.queues << " queue(s), " << c.cores << " core(s), seed " << c.seed
        << "\n";
    // The widest name sets the column (softirq_budget_exhausted, app0_delivered_pps, ...).
    std::size_t width = 26;
    for (const auto& [k, v] : r.numbers) width = std::max(width, k.size() + 2);
    for (const auto& [k, v] : r.numbers) {
        out << "  " << std::left << std::setw(static_cast<int>(width)) << k;
        if (k == "seed") out << r.seed;
        else if (v == std::floor(v) && std::fabs(v) < 9e15) out << static_cast<long long>(v);
        else out << std::fixed << std::setprecision(4) << v << std::defaultfloat;
        out << "\n";
    }
    out << "  " << std::left << std::setw(static_cast<int>(width)) << "conservation"
        << (r.conserved()  ? std::string("ok (offered = delivered + drops, nothing in flight)")
            : !r.drained   ? "incomplete: " + std::to_string(static_cast<long long>(r.in_flight())) +
                               " packets still in flight when the drain time ran out (not lost)"
                           : std::string("VIOLATED"))
        << "\n";
    for (const auto& flag : window_flags(r)) out << "  flagged: " << flag << "\n";
    out.flags(flags);
    out.precision(precision);
}

}  // namespace nicsim
