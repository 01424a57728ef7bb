#include "trace/trace_options.hpp"

#include "output/atomic_output_file.hpp"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace nicsim::tb {
namespace {

std::string format_us(double us) {
    std::ostringstream os;
    os << us;
    return os.str();
}

bool parse_double(std::string_view text, double& out) {
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, out);
    return ec == std::errc{} && ptr == end && std::isfinite(out);
}

}  // namespace

void parse_trace_window(const std::string& text, TraceOptions& o) {
    const auto colon = text.find(':');
    double from = 0, to = 0;
    if (colon == std::string::npos || !parse_double(std::string_view(text).substr(0, colon), from) ||
        !parse_double(std::string_view(text).substr(colon + 1), to))
        throw std::invalid_argument("--trace-window = " + text + ": must be FROM_US:TO_US, e.g. 100:150");
    o.from_us = from;
    o.to_us = to;
}

TraceTrigger parse_trace_trigger(const std::string& text) {
    if (text == "drop") return TraceTrigger::drop;
    if (text == "irq") return TraceTrigger::irq;
    if (text == "error") return TraceTrigger::error;
    throw std::invalid_argument("--trace-on = " + text + ": must be one of drop, irq, error");
}

const char* trigger_name(TraceTrigger t) {
    switch (t) {
        case TraceTrigger::drop: return "drop";
        case TraceTrigger::irq: return "irq";
        case TraceTrigger::error: return "error";
        case TraceTrigger::none: break;
    }
    return "none";
}

void check_trace_options(const TraceOptions& o, const RunSpan& span) {
    if (!o.enabled()) return;
    const std::string window = "--trace-window = " + format_us(o.from_us) + ":" + format_us(o.to_us);
    if (o.from_us < 0) throw std::invalid_argument(window + ": FROM must be at least 0 us");
    if (o.from_us >= o.to_us) throw std::invalid_argument(window + ": FROM must be below TO");
    if (o.from_us >= span.traffic_end_us)
        throw std::invalid_argument(window + ": outside the run, whose traffic ends at " +
                                    format_us(std::round(span.traffic_end_us)) +
                                    " us (the run ends once the last frame is accounted for); FROM must be below that");
    if (!(o.for_us > 0) || !std::isfinite(o.for_us))
        throw std::invalid_argument("--trace-for = " + format_us(o.for_us) + ": must be above 0 us");
    if (o.depth < 0) throw std::invalid_argument("--trace-depth = " + std::to_string(o.depth) + ": must be 0 (all) or more");
    // A path that cannot be written fails here, not after the simulation. The probe is a
    // temporary file beside it, removed again: a trace already at the path is not touched
    // (the run replaces it only with a complete one, cli/trace_output.hpp).
    try {
        output::AtomicOutputFile probe(o.path);
    } catch (const output::OutputFileError& e) {
        throw std::invalid_argument("--trace = " + o.path + ": " + e.reason());
    }
}

std::vector<std::string> trace_arguments(const TraceOptions& o) {
    if (!o.enabled()) return {};
    std::vector<std::string> args{"--trace", o.path};
    if (o.windowed()) {
        std::ostringstream w;
        w.precision(17);
        w << o.from_us << ":" << o.to_us;
        args.insert(args.end(), {"--trace-window", w.str()});
    }
    if (o.trigger != TraceTrigger::none) {
        std::ostringstream f;
        f.precision(17);
        f << o.for_us;
        args.insert(args.end(), {"--trace-on", trigger_name(o.trigger), "--trace-for", f.str()});
    }
    if (o.depth != 0) args.insert(args.end(), {"--trace-depth", std::to_string(o.depth)});
    return args;
}

std::string point_trace_path(const std::string& path, const std::string& policy, double load) {
    const std::filesystem::path p(path);
    std::ostringstream name;
    name << p.stem().string() << "-" << policy << "-";
    if (load == std::floor(load) && std::fabs(load) < 1e15) name << static_cast<long long>(load);
    else name << load;
    name << p.extension().string();
    return (p.parent_path() / name.str()).string();
}

}  // namespace nicsim::tb
