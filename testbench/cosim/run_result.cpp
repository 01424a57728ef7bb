#include "cosim/run_result.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <iomanip>
#include <ostream>
#include <stdexcept>

namespace nicsim {

double RunResult::get(const std::string& name) const {
    for (const auto& [k, v] : numbers)
        if (k == name) return v;
    throw std::out_of_range("no result named " + name);
}

void print_json(std::ostream& out, const RunResult& r) {
    nlohmann::ordered_json j;
    j["policy"] = r.policy;
    j["app"] = r.app;
    for (const auto& [k, v] : r.numbers) {
        if (v == std::floor(v) && std::fabs(v) < 9e15) j[k] = static_cast<long long>(v);
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
    for (const auto& [k, v] : r.numbers) {
        out << "  " << std::left << std::setw(22) << k;
        if (v == std::floor(v) && std::fabs(v) < 9e15) out << static_cast<long long>(v);
        else out << std::fixed << std::setprecision(4) << v << std::defaultfloat;
        out << "\n";
    }
    out << "  " << std::left << std::setw(22) << "conservation"
        << (r.conserved() ? "ok (offered = delivered + drops, nothing in flight)" : "VIOLATED") << "\n";
    out.flags(flags);
    out.precision(precision);
}

}  // namespace nicsim
