#include "cli/trace_output.hpp"

#include <stdexcept>
#include <string>

#include "cli/trace_views.hpp"
#include "output/temporary_cleanup.hpp"

namespace nicsim::tb {

TraceOutput::TraceOutput(const TraceOptions& asked) : asked_(asked), staged_(asked) {
    if (!asked.enabled()) return;
    try {
        file_.emplace(asked.path);
    } catch (const output::OutputFileError& e) {
        throw std::invalid_argument("--trace = " + asked.path + ": " + e.reason());
    }
    staged_.path = file_->temp_path().string();
    hierarchy_ = staged_.path + ".hier";
    output::track_temporary(hierarchy_.c_str());
}

TraceOutput::~TraceOutput() {
    if (!hierarchy_.empty()) output::untrack_temporary(hierarchy_.c_str());
}

void TraceOutput::put_in_place() {
    if (file_) file_->commit();
}

void TraceOutput::finish(std::ostream& out, const TraceReport& report) {
    if (!file_) return;
    if (!report.written) {
        out << "nicsim: no trace written to " << asked_.path << ": "
            << (asked_.trigger != TraceTrigger::none ? std::string("no ") + trigger_name(asked_.trigger) + " happened"
                                                      : std::string("the run ended before the window"))
            << (asked_.windowed() ? " in the window" : "") << "\n";
        return;  // the temporary file goes with file_
    }
    put_in_place();
    out << "nicsim: trace " << asked_.path << ": " << static_cast<double>(report.start_ps) / 1e6 << " us to "
        << static_cast<double>(report.end_ps) / 1e6 << " us"
        << (report.triggered ? std::string(", started by the first ") + trigger_name(asked_.trigger) : "")
        << "; open it with: nicsim view VIEW " << asked_.path << "  (VIEW: ";
    const auto views = view_names();
    for (std::size_t i = 0; i < views.size(); ++i) out << (i ? ", " : "") << views[i];
    out << ")\n";
}

}  // namespace nicsim::tb
