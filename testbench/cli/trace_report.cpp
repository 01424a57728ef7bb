#include "cli/trace_report.hpp"

#include <filesystem>
#include <string>

#include "cli/trace_views.hpp"

namespace nicsim::tb {

void finish_trace(std::ostream& out, const TraceOptions& options, const TraceReport& report) {
    if (!options.enabled()) return;
    if (!report.written) {
        std::error_code ec;
        std::filesystem::remove(options.path, ec);
        out << "nicsim: no trace written to " << options.path << ": "
            << (options.trigger != TraceTrigger::none ? std::string("no ") + trigger_name(options.trigger) + " happened"
                                                       : std::string("the run ended before the window"))
            << (options.windowed() ? " in the window" : "") << "\n";
        return;
    }
    out << "nicsim: trace " << options.path << ": " << static_cast<double>(report.start_ps) / 1e6 << " us to "
        << static_cast<double>(report.end_ps) / 1e6 << " us"
        << (report.triggered ? std::string(", started by the first ") + trigger_name(options.trigger) : "")
        << "; open it with: nicsim view VIEW " << options.path << "  (VIEW: ";
    const auto views = view_names();
    for (std::size_t i = 0; i < views.size(); ++i) out << (i ? ", " : "") << views[i];
    out << ")\n";
}

}  // namespace nicsim::tb
