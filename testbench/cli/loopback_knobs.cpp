#include "cli/loopback_knobs.hpp"

#include <sstream>
#include <string>

#include "loopback/loopback_ranges.hpp"

namespace nicsim::cli {
namespace {

std::string value_text(double v) {
    std::ostringstream os;
    os.precision(15);
    os << v;
    return os.str();
}

}  // namespace

std::vector<Knob> make_loopback_knobs(tb::RtlRunOptions& options) {
    std::vector<Knob> knobs;
    for (const tb::LoopbackRange& r : tb::loopback_ranges) {
        Knob k{std::string(r.key), std::string(r.help), r.integer ? Knob::Type::integer : Knob::Type::real,
               r.low, r.high, {}, {}, {}, {}, {}};
        const std::string key = k.key;
        k.set = [k, key, &options](const std::string& text) { tb::set_loopback_value(options, key, knob_number(k, text)); };
        k.get = [key, &options] { return value_text(tb::loopback_value(options, key)); };
        knobs.push_back(std::move(k));
    }
    // The rate's upper end depends on link-gbps and size: validate() checks it once both are set.
    Knob rate{"rate", "Offered load in frames per second, at most the line rate of link-gbps for size",
              Knob::Type::real, 0, 1e12, {}, "(0, line rate]", {}, {}, {}};
    rate.set = [rate, &options](const std::string& text) { options.rate_pps = knob_number(rate, text); };
    rate.get = [&options] { return value_text(options.rate_pps); };
    knobs.push_back(std::move(rate));
    return knobs;
}

}  // namespace nicsim::cli
