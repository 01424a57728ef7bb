#include "cli/knob_docs.hpp"

#include <string>

namespace nicsim::cli {
namespace {

// A Markdown table cell: a '|' inside would end it.
std::string cell(const std::string& text) {
    std::string out;
    for (char c : text) out += c == '|' ? std::string("\\|") : std::string(1, c);
    return out;
}

}  // namespace

void print_knob_table(std::ostream& out, const std::vector<Knob>& knobs) {
    out << "| key | type and range | default | what it sets |\n|---|---|---|---|\n";
    for (const auto& k : knobs) {
        const std::string value = k.get();
        out << "| `" << k.key << "` | " << cell(knob_type_name(k)) << " | "
            << (value.empty() ? std::string("(none)") : "`" + cell(value) + "`") << " | " << cell(k.help) << " |\n";
    }
}

}  // namespace nicsim::cli
