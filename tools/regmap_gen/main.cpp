// regmap_gen: turns rtl/regmap.toml into the SystemVerilog package, the register top, the
// C++ header and the Markdown register table, so that no offset, reset value, access type or
// read-back is ever written by hand.
//
//   regmap_gen REGMAP.toml PKG.sv REG_TOP.sv OUT.hpp OUT.md
//
// The description is validated first; a bad one fails with the name of the offending entry.
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "regmap.hpp"

namespace {

// Writes only when the content changed, so regenerating does not trigger rebuilds.
void write_if_changed(const std::string& path, const std::string& content) {
    {
        std::ifstream in(path, std::ios::binary);
        if (in) {
            std::ostringstream old;
            old << in.rdbuf();
            if (old.str() == content) return;
        }
    }
    std::ofstream out(path, std::ios::binary);
    if (!out) throw std::runtime_error("cannot write " + path);
    out << content;
    if (!out) throw std::runtime_error("error writing " + path);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 6) {
        std::cerr << "usage: regmap_gen REGMAP.toml PKG.sv REG_TOP.sv OUT.hpp OUT.md\n";
        return 2;
    }
    try {
        const regmap::RegMap m = regmap::parse(argv[1]);
        write_if_changed(argv[2], regmap::emit_package(m));
        write_if_changed(argv[3], regmap::emit_reg_top(m));
        write_if_changed(argv[4], regmap::emit_header(m));
        write_if_changed(argv[5], regmap::emit_markdown(m));
    } catch (const std::exception& e) {
        std::cerr << "regmap_gen: " << argv[1] << ": " << e.what() << "\n";
        return 1;
    }
    return 0;
}
