// Qualified package references for the register top: `nic_regmap_pkg::REG_CTRL`, not an
// `import nic_regmap_pkg::*` in the module header. Yosys's SystemVerilog front end (the
// synthesis check, docs/synthesis.md) accepts no import inside a module, neither in its
// header nor in its body.
//
// The register top is emitted with bare names, as a reader writes them, and this pass
// qualifies every name the package declares. The names are read from the package text that
// emit_package produced, so the package stays the one place that decides them.
#include <algorithm>
#include <cctype>
#include <regex>
#include <set>
#include <string>

#include "regmap.hpp"

namespace regmap {
namespace {

bool ident_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; }

std::set<std::string> declared_names(const std::string& package_sv) {
    static const std::regex localparam(R"(localparam\s+[^=;]*?\b([A-Za-z_]\w*)\s*=)");
    std::set<std::string> names;
    for (auto it = std::sregex_iterator(package_sv.begin(), package_sv.end(), localparam); it != std::sregex_iterator();
         ++it)
        names.insert((*it)[1].str());
    return names;
}

}  // namespace

std::string qualify_package_names(const std::string& sv, const std::string& package_sv, const std::string& package) {
    const std::set<std::string> names = declared_names(package_sv);
    std::string out;
    out.reserve(sv.size() + sv.size() / 4);
    std::size_t i = 0;
    while (i < sv.size()) {
        const char c = sv[i];
        if (c == '/' && i + 1 < sv.size() && sv[i + 1] == '/') {  // line comment: left as written
            const std::size_t end = sv.find('\n', i);
            const std::size_t stop = end == std::string::npos ? sv.size() : end;
            out.append(sv, i, stop - i);
            i = stop;
        } else if (c == '"') {  // string literal ($fatal messages): left as written
            std::size_t end = i + 1;
            while (end < sv.size() && sv[end] != '"') end += sv[end] == '\\' ? std::size_t{2} : std::size_t{1};
            end = std::min(end + 1, sv.size());
            out.append(sv, i, end - i);
            i = end;
        } else if (ident_start(c) || std::isdigit(static_cast<unsigned char>(c)) || c == '\'' || c == '`' ||
                   c == '$') {
            // A word. Only a bare identifier is a candidate: not a number or a based literal's
            // digits (16'hFFFF), not a directive or system task, not already qualified (::).
            std::size_t end = i + 1;
            while (end < sv.size() && ident_char(sv[end])) ++end;
            const std::string word = sv.substr(i, end - i);
            const bool qualified = i >= 2 && sv.compare(i - 2, 2, "::") == 0;
            if (ident_start(c) && !qualified && names.count(word)) out += package + "::";
            out += word;
            i = end;
        } else {
            out += c;
            ++i;
        }
    }
    return out;
}

}  // namespace regmap
