// regmap_gen: turns rtl/regmap.toml into the SystemVerilog package, the C++ header and the
// Markdown register table, so that no offset is ever written by hand twice.
//
//   regmap_gen REGMAP.toml OUT.sv OUT.hpp OUT.md
//
// The description is validated first (overlapping offsets, misaligned offsets, fields that
// leave their register or descriptor); a bad description fails the build with the name of
// the offending entry rather than generating something subtly wrong.
#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

struct Field {
    std::string name;
    unsigned lsb = 0;
    unsigned width = 1;
    std::string desc;
};

struct Register {
    std::string name;
    std::uint32_t offset = 0;
    std::string access;
    std::uint32_t reset = 0;
    std::string desc;
    std::vector<Field> fields;
};

struct Counter {
    std::string name;
    std::uint32_t offset = 0;
    std::string desc;
    bool drop = false;  // a drop reason (see regmap.toml)
};

struct Descriptor {
    std::string name;
    std::string desc;
    std::vector<Field> fields;
};

// A block of registers repeated `count` times (one per queue, one per interrupt vector).
struct Block {
    std::string name;     // "queue": TOML tables [queue], [[queue_reg]], [[queue_counter]]
    std::string upper;    // "QUEUE": QUEUE_BASE, QUEUE_STRIDE, QUEUE_REGS
    std::string prefix;   // "Q": QREG_*, QCNT_*, NUM_QCNT
    std::uint32_t base = 0;
    std::uint32_t stride = 0;
    unsigned count = 0;
    std::string desc;
    std::vector<Register> regs;
    std::vector<Counter> counters;
};

struct RegMap {
    std::string name;
    unsigned addr_width = 16;
    unsigned max_queues = 16;
    std::vector<Register> globals;
    std::vector<Counter> global_counters;
    std::vector<Block> blocks;
    std::vector<Descriptor> descriptors;
};

[[noreturn]] void fail(const std::string& what) { throw std::runtime_error(what); }

std::string upper(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return s;
}

std::string hex(std::uint64_t v, int digits) {
    std::ostringstream os;
    os << std::uppercase << std::hex << std::setw(digits) << std::setfill('0') << v;
    return os.str();
}

template <class T>
T required(const toml::table& t, const char* key, const std::string& where) {
    auto v = t[key].value<T>();
    if (!v) fail(where + ": missing or mistyped key '" + key + "'");
    return *v;
}

std::string optional_string(const toml::table& t, const char* key) {
    return t[key].value<std::string>().value_or("");
}

std::vector<Field> parse_fields(const toml::table& t, const std::string& where, unsigned width) {
    std::vector<Field> fields;
    const auto* arr = t["fields"].as_array();
    if (!arr) return fields;
    for (const auto& node : *arr) {
        const auto* ft = node.as_table();
        if (!ft) fail(where + ": a field is not a table");
        Field f;
        f.name = required<std::string>(*ft, "name", where);
        const std::string fwhere = where + "." + f.name;
        f.lsb = static_cast<unsigned>(required<std::int64_t>(*ft, "lsb", fwhere));
        f.width = static_cast<unsigned>(required<std::int64_t>(*ft, "width", fwhere));
        f.desc = optional_string(*ft, "desc");
        if (f.width == 0 || f.lsb + f.width > width)
            fail(fwhere + ": bits [" + std::to_string(f.lsb + f.width - 1) + ":" +
                 std::to_string(f.lsb) + "] leave the " + std::to_string(width) + "-bit word");
        for (const auto& other : fields) {
            const bool overlap = f.lsb < other.lsb + other.width && other.lsb < f.lsb + f.width;
            if (overlap) fail(fwhere + ": overlaps field " + other.name);
        }
        fields.push_back(f);
    }
    return fields;
}

std::vector<Register> parse_registers(const toml::table& root, const char* key) {
    std::vector<Register> regs;
    const auto* arr = root[key].as_array();
    if (!arr) return regs;
    for (const auto& node : *arr) {
        const auto& t = *node.as_table();
        Register r;
        r.name = required<std::string>(t, "name", key);
        const std::string where = std::string(key) + "." + r.name;
        r.offset = static_cast<std::uint32_t>(required<std::int64_t>(t, "offset", where));
        r.access = required<std::string>(t, "access", where);
        r.reset = static_cast<std::uint32_t>(t["reset"].value<std::int64_t>().value_or(0));
        r.desc = optional_string(t, "desc");
        if (r.access != "ro" && r.access != "rw" && r.access != "w1c" && r.access != "wo")
            fail(where + ": access '" + r.access + "' is not one of ro, rw, w1c, wo");
        if (r.offset % 4 != 0) fail(where + ": offset 0x" + hex(r.offset, 4) + " is not 4-byte aligned");
        r.fields = parse_fields(t, where, 32);
        regs.push_back(r);
    }
    return regs;
}

std::vector<Counter> parse_counters(const toml::table& root, const char* key) {
    std::vector<Counter> counters;
    const auto* arr = root[key].as_array();
    if (!arr) return counters;
    for (const auto& node : *arr) {
        const auto& t = *node.as_table();
        Counter c;
        c.name = required<std::string>(t, "name", key);
        const std::string where = std::string(key) + "." + c.name;
        c.offset = static_cast<std::uint32_t>(required<std::int64_t>(t, "offset", where));
        c.desc = optional_string(t, "desc");
        c.drop = t["drop"].value<bool>().value_or(false);
        if (c.offset % 8 != 0) fail(where + ": counter offset is not 8-byte aligned");
        counters.push_back(c);
    }
    return counters;
}

// Every 32-bit word of a block must be claimed by at most one register or counter half.
void check_overlaps(const std::vector<Register>& regs, const std::vector<Counter>& counters,
                    const std::string& block, std::uint32_t limit) {
    std::map<std::uint32_t, std::string> owner;
    auto claim = [&](std::uint32_t off, const std::string& name) {
        if (off >= limit)
            fail(block + "." + name + ": offset 0x" + hex(off, 4) + " is outside the block (limit 0x" +
                 hex(limit, 4) + ")");
        auto [it, fresh] = owner.emplace(off, name);
        if (!fresh) fail(block + "." + name + ": offset 0x" + hex(off, 4) + " already used by " + it->second);
    };
    for (const auto& r : regs) claim(r.offset, r.name);
    for (const auto& c : counters) {
        claim(c.offset, c.name + "_lo");
        claim(c.offset + 4, c.name + "_hi");
    }
}

RegMap parse(const std::string& path) {
    toml::table root;
    try {
        root = toml::parse_file(path);
    } catch (const toml::parse_error& e) {
        std::ostringstream os;
        os << path << ":" << e.source().begin.line << ": " << e.description();
        fail(os.str());
    }
    RegMap m;
    const auto* map = root["map"].as_table();
    if (!map) fail("missing [map] table");
    m.name = required<std::string>(*map, "name", "map");
    m.addr_width = static_cast<unsigned>(required<std::int64_t>(*map, "addr_width", "map"));
    m.max_queues = static_cast<unsigned>(required<std::int64_t>(*map, "max_queues", "map"));
    m.globals = parse_registers(root, "global");
    m.global_counters = parse_counters(root, "global_counter");

    // Repeated blocks, in address order; each must fit in the address space and overlap none.
    // Each kind: its TOML table name and the prefix of its generated names (QREG_*, FCNT_*, ...).
    const std::pair<const char*, const char*> block_kinds[] = {
        {"queue", "Q"}, {"vector", "V"}, {"rss_key", "K"}, {"reta", "R"}, {"filter", "F"}};
    for (const auto& [kind, prefix] : block_kinds) {
        const auto* t = root[kind].as_table();
        if (!t) continue;
        Block b;
        b.name = kind;
        b.upper = upper(kind);
        b.prefix = prefix;
        b.base = static_cast<std::uint32_t>(required<std::int64_t>(*t, "base", kind));
        b.stride = static_cast<std::uint32_t>(required<std::int64_t>(*t, "stride", kind));
        b.count = static_cast<unsigned>(required<std::int64_t>(*t, "count", kind));
        b.desc = optional_string(*t, "desc");
        b.regs = parse_registers(root, (std::string(kind) + "_reg").c_str());
        b.counters = parse_counters(root, (std::string(kind) + "_counter").c_str());
        check_overlaps(b.regs, b.counters, kind, b.stride);
        m.blocks.push_back(std::move(b));
    }
    if (m.blocks.empty() || m.blocks.front().name != "queue") fail("missing [queue] table");
    std::sort(m.blocks.begin(), m.blocks.end(), [](const Block& a, const Block& b) { return a.base < b.base; });
    check_overlaps(m.globals, m.global_counters, "global", m.blocks.front().base);
    for (std::size_t i = 0; i < m.blocks.size(); ++i) {
        const Block& b = m.blocks[i];
        const std::uint64_t end = std::uint64_t(b.base) + std::uint64_t(b.stride) * b.count;
        if (end > (std::uint64_t(1) << m.addr_width))
            fail(b.name + " blocks end at 0x" + hex(end, 5) + ", beyond the " + std::to_string(m.addr_width) +
                 "-bit address space");
        if (i + 1 < m.blocks.size() && end > m.blocks[i + 1].base)
            fail(b.name + " blocks end at 0x" + hex(end, 5) + ", inside the " + m.blocks[i + 1].name + " blocks");
    }

    if (const auto* arr = root["descriptor"].as_array()) {
        for (const auto& node : *arr) {
            const auto& t = *node.as_table();
            Descriptor d;
            d.name = required<std::string>(t, "name", "descriptor");
            d.desc = optional_string(t, "desc");
            d.fields = parse_fields(t, "descriptor." + d.name, 128);
            m.descriptors.push_back(d);
        }
    }
    return m;
}

// ------------------------------------------------------------------ SystemVerilog package
std::string emit_sv(const RegMap& m) {
    std::ostringstream o;
    const unsigned aw = m.addr_width;
    auto addr = [&](std::uint32_t v) { return std::to_string(aw) + "'h" + hex(v, 4); };
    o << "// Generated by tools/regmap_gen from rtl/regmap.toml. Do not edit.\n"
      << "`default_nettype none\n\n"
      << "// The package defines every offset, reset value and field of the whole map and both\n"
      << "// descriptor layouts; each module uses only what it needs, so most constants are unused\n"
      << "// somewhere. The waiver is scoped to this generated file and this one rule.\n"
      << "/* verilator lint_off UNUSEDPARAM */\n"
      << "package " << m.name << "_regmap_pkg;\n\n"
      << "  localparam int unsigned MAX_QUEUES = " << m.max_queues << ";\n"
      << "  localparam int unsigned REG_ADDR_WIDTH = " << aw << ";\n\n"
      << "  // Global registers\n";
    auto emit_fields = [&](const std::string& prefix, const std::vector<Field>& fields) {
        for (const auto& f : fields) {
            o << "  localparam int unsigned " << prefix << "_" << upper(f.name) << "_LSB = " << f.lsb << ";\n";
            o << "  localparam int unsigned " << prefix << "_" << upper(f.name) << "_WIDTH = " << f.width << ";\n";
        }
    };
    for (const auto& r : m.globals) {
        o << "  localparam logic [" << aw - 1 << ":0] REG_" << upper(r.name) << " = " << addr(r.offset) << ";\n";
        o << "  localparam logic [31:0] REG_" << upper(r.name) << "_RESET = 32'h" << hex(r.reset, 8) << ";\n";
        emit_fields(upper(r.name), r.fields);
    }
    o << "\n  // Global 64-bit counters (lo/hi halves) and their indices\n";
    for (std::size_t i = 0; i < m.global_counters.size(); ++i) {
        const auto& c = m.global_counters[i];
        o << "  localparam logic [" << aw - 1 << ":0] REG_" << upper(c.name) << "_LO = " << addr(c.offset) << ";\n";
        o << "  localparam logic [" << aw - 1 << ":0] REG_" << upper(c.name) << "_HI = " << addr(c.offset + 4) << ";\n";
        o << "  localparam int unsigned GCNT_" << upper(c.name) << " = " << i << ";\n";
    }
    o << "  localparam int unsigned NUM_GCNT = " << m.global_counters.size() << ";\n";
    for (const auto& b : m.blocks) {
        o << "\n  // Per-" << b.name << " block: " << b.name << " i at " << b.upper << "_BASE + i * " << b.upper
          << "_STRIDE\n"
          << "  localparam logic [" << aw - 1 << ":0] " << b.upper << "_BASE = " << addr(b.base) << ";\n"
          << "  localparam logic [" << aw - 1 << ":0] " << b.upper << "_STRIDE = " << addr(b.stride) << ";\n"
          << "  localparam int unsigned " << b.upper << "_COUNT = " << b.count << ";\n";
        for (const auto& r : b.regs) {
            o << "  localparam logic [7:0] " << b.prefix << "REG_" << upper(r.name) << " = 8'h" << hex(r.offset, 2) << ";\n";
            o << "  localparam logic [31:0] " << b.prefix << "REG_" << upper(r.name) << "_RESET = 32'h" << hex(r.reset, 8)
              << ";\n";
            emit_fields(upper(r.name), r.fields);
        }
        for (std::size_t i = 0; i < b.counters.size(); ++i) {
            const auto& c = b.counters[i];
            o << "  localparam logic [7:0] " << b.prefix << "REG_" << upper(c.name) << "_LO = 8'h" << hex(c.offset, 2) << ";\n";
            o << "  localparam logic [7:0] " << b.prefix << "REG_" << upper(c.name) << "_HI = 8'h" << hex(c.offset + 4, 2)
              << ";\n";
            o << "  localparam int unsigned " << b.prefix << "CNT_" << upper(c.name) << " = " << i << ";\n";
        }
        o << "  localparam int unsigned NUM_" << b.prefix << "CNT = " << b.counters.size() << ";\n";
    }
    o << "\n  // Descriptor fields: bit positions in the 128-bit descriptor\n";
    for (const auto& d : m.descriptors) emit_fields("DESC_" + upper(d.name), d.fields);
    o << "\nendpackage\n/* verilator lint_on UNUSEDPARAM */\n\n`default_nettype wire\n";
    return o.str();
}

// ------------------------------------------------------------------ C++ header
std::string emit_hpp(const RegMap& m) {
    std::ostringstream o;
    auto h = [](std::uint32_t v, int d) { return "0x" + hex(v, d); };
    o << "// Generated by tools/regmap_gen from rtl/regmap.toml. Do not edit.\n"
      << "#pragma once\n\n#include <array>\n#include <cstdint>\n#include <string_view>\n\n"
      << "namespace nicsim::regs {\n\n"
      << "inline constexpr unsigned MAX_QUEUES = " << m.max_queues << ";\n\n"
      << "struct Field {\n    unsigned lsb;\n    unsigned width;\n"
      << "    constexpr std::uint64_t mask() const { return (width >= 64 ? ~0ull : ((1ull << width) - 1)) << lsb; }\n"
      << "    constexpr std::uint64_t get(std::uint64_t word) const { return (word & mask()) >> lsb; }\n"
      << "};\n\n"
      << "enum class Access { ro, rw, w1c, wo };\n\n"
      << "struct RegInfo {\n    std::string_view name;\n    std::uint32_t offset;\n    Access access;\n"
      << "    std::uint32_t reset;\n};\n\n"
      << "struct CounterInfo {\n    std::string_view name;\n    std::uint32_t offset;  // of the _lo half\n"
      << "    bool drop;             // a drop reason: counted frames never reached the host\n};\n\n"
      << "// Global registers\n";
    auto emit_fields = [&](const std::string& prefix, const std::vector<Field>& fields) {
        for (const auto& f : fields)
            o << "inline constexpr Field " << prefix << "_" << upper(f.name) << "{" << f.lsb << ", " << f.width << "};\n";
    };
    for (const auto& r : m.globals) {
        o << "inline constexpr std::uint32_t REG_" << upper(r.name) << " = " << h(r.offset, 4) << ";\n";
        o << "inline constexpr std::uint32_t REG_" << upper(r.name) << "_RESET = " << h(r.reset, 8) << ";\n";
        emit_fields(upper(r.name), r.fields);
    }
    o << "\n// Global 64-bit counters (read _LO first: it snapshots _HI)\n";
    for (const auto& c : m.global_counters) {
        o << "inline constexpr std::uint32_t REG_" << upper(c.name) << "_LO = " << h(c.offset, 4) << ";\n";
        o << "inline constexpr std::uint32_t REG_" << upper(c.name) << "_HI = " << h(c.offset + 4, 4) << ";\n";
    }
    for (const auto& b : m.blocks) {
        o << "\n// Per-" << b.name << " registers: offsets within " << b.name << " i's block\n"
          << "inline constexpr std::uint32_t " << b.upper << "_BASE = " << h(b.base, 4) << ";\n"
          << "inline constexpr std::uint32_t " << b.upper << "_STRIDE = " << h(b.stride, 4) << ";\n"
          << "inline constexpr unsigned " << b.upper << "_COUNT = " << b.count << ";\n"
          << "constexpr std::uint32_t " << b.name << "_reg(unsigned i, std::uint32_t reg) { return " << b.upper
          << "_BASE + i * " << b.upper << "_STRIDE + reg; }\n";
        for (const auto& r : b.regs) {
            o << "inline constexpr std::uint32_t " << b.prefix << "REG_" << upper(r.name) << " = " << h(r.offset, 2) << ";\n";
            o << "inline constexpr std::uint32_t " << b.prefix << "REG_" << upper(r.name) << "_RESET = " << h(r.reset, 8)
              << ";\n";
            emit_fields(upper(r.name), r.fields);
        }
        for (const auto& c : b.counters) {
            o << "inline constexpr std::uint32_t " << b.prefix << "REG_" << upper(c.name) << "_LO = " << h(c.offset, 2)
              << ";\n";
            o << "inline constexpr std::uint32_t " << b.prefix << "REG_" << upper(c.name) << "_HI = " << h(c.offset + 4, 2)
              << ";\n";
        }
    }
    o << "\n// Descriptor fields: bit positions in the 128-bit descriptor (w1 bit n is bit 64 + n)\n"
      << "inline constexpr unsigned DESC_BYTES = 16;\n";
    for (const auto& d : m.descriptors) emit_fields("DESC_" + upper(d.name), d.fields);

    auto access = [](const std::string& a) { return "Access::" + a; };
    auto emit_table = [&](const char* name, const std::vector<Register>& regs) {
        o << "\ninline constexpr std::array<RegInfo, " << regs.size() << "> " << name << "{{\n";
        for (const auto& r : regs)
            o << "    {\"" << r.name << "\", " << h(r.offset, 4) << ", " << access(r.access) << ", " << h(r.reset, 8) << "},\n";
        o << "}};\n";
    };
    auto emit_counters = [&](const char* name, const std::vector<Counter>& cs) {
        o << "\ninline constexpr std::array<CounterInfo, " << cs.size() << "> " << name << "{{\n";
        for (const auto& c : cs)
            o << "    {\"" << c.name << "\", " << h(c.offset, 4) << ", " << (c.drop ? "true" : "false") << "},\n";
        o << "}};\n";
    };
    emit_table("GLOBAL_REGS", m.globals);
    emit_counters("GLOBAL_COUNTERS", m.global_counters);
    for (const auto& b : m.blocks) {
        emit_table((b.upper + "_REGS").c_str(), b.regs);
        emit_counters((b.upper + "_COUNTERS").c_str(), b.counters);
    }
    o << "\n}  // namespace nicsim::regs\n";
    return o.str();
}

// ------------------------------------------------------------------ Markdown
std::string md_escape(std::string s) {
    std::string out;
    for (char c : s) {
        if (c == '|') out += "\\|";
        else out += c;
    }
    return out;
}

std::string emit_md(const RegMap& m) {
    std::ostringstream o;
    auto h = [](std::uint32_t v, int d) { return "`0x" + hex(v, d) + "`"; };
    auto fields_md = [&](const std::vector<Field>& fields) {
        std::string s;
        for (const auto& f : fields) {
            s += "<br>`" + f.name + "` [" +
                 (f.width == 1 ? std::to_string(f.lsb)
                               : std::to_string(f.lsb + f.width - 1) + ":" + std::to_string(f.lsb)) +
                 "]: " + md_escape(f.desc);
        }
        return s;
    };
    o << "# Register map\n\n"
      << "Generated by `tools/regmap_gen` from `rtl/regmap.toml` each time the build is configured; "
         "edit the description, not this file.\n\n"
      << "All registers are 32 bits on the AXI4-Lite slave. 64-bit counters are `_lo`/`_hi` pairs: "
         "reading `_lo` snapshots the upper half, which the next `_hi` read returns.\n\n"
      << "## Global registers\n\n| offset | name | access | reset | description |\n|---|---|---|---|---|\n";
    for (const auto& r : m.globals)
        o << "| " << h(r.offset, 4) << " | `" << r.name << "` | " << r.access << " | " << h(r.reset, 8) << " | "
          << md_escape(r.desc) << fields_md(r.fields) << " |\n";
    o << "\n## Global statistics (64-bit, read-only)\n\nA drop reason counts frames that never reached "
         "the host; every received frame is delivered or counted in exactly one of them.\n\n"
         "| offset | name | drop reason | description |\n|---|---|---|---|\n";
    for (const auto& c : m.global_counters)
        o << "| " << h(c.offset, 4) << " | `" << c.name << "` | " << (c.drop ? "yes" : "") << " | "
          << md_escape(c.desc) << " |\n";
    for (const auto& b : m.blocks) {
        o << "\n## Per-" << b.name << " registers\n\n" << md_escape(b.desc) << (b.desc.empty() ? "" : " ")
          << "Block `i` starts at " << h(b.base, 4) << " + i × " << h(b.stride, 4) << " (up to " << b.count << ").\n\n"
          << "| offset | name | access | reset | description |\n|---|---|---|---|---|\n";
        for (const auto& r : b.regs)
            o << "| " << h(r.offset, 2) << " | `" << r.name << "` | " << r.access << " | " << h(r.reset, 8) << " | "
              << md_escape(r.desc) << fields_md(r.fields) << " |\n";
        for (const auto& c : b.counters)
            o << "| " << h(c.offset, 2) << " | `" << c.name << "` | ro (64-bit) | `0` | " << md_escape(c.desc) << " |\n";
    }
    o << "\n## Descriptors\n\nEach descriptor is 16 bytes: two little-endian 64-bit words. Bits 63:0 are "
         "the first word, bits 127:64 the second.\n";
    for (const auto& d : m.descriptors) {
        o << "\n### `" << d.name << "`\n\n" << md_escape(d.desc) << "\n\n| bits | field | description |\n|---|---|---|\n";
        for (const auto& f : d.fields)
            o << "| " << f.lsb + f.width - 1 << ":" << f.lsb << " | `" << f.name << "` | " << md_escape(f.desc) << " |\n";
    }
    return o.str();
}

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
    if (!out) fail("cannot write " + path);
    out << content;
    if (!out) fail("error writing " + path);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 5) {
        std::cerr << "usage: regmap_gen REGMAP.toml OUT.sv OUT.hpp OUT.md\n";
        return 2;
    }
    try {
        const RegMap m = parse(argv[1]);
        write_if_changed(argv[2], emit_sv(m));
        write_if_changed(argv[3], emit_hpp(m));
        write_if_changed(argv[4], emit_md(m));
    } catch (const std::exception& e) {
        std::cerr << "regmap_gen: " << argv[1] << ": " << e.what() << "\n";
        return 1;
    }
    return 0;
}
