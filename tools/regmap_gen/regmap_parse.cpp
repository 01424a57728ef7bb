// Reads rtl/regmap.toml into a RegMap and validates it (overlapping or misaligned offsets,
// fields that leave their word, attributes that contradict each other), so that a bad
// description fails the build naming the offending entry rather than generating something
// subtly wrong.
#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <iomanip>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "regmap.hpp"

namespace regmap {

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

std::string Block::lower_prefix() const {
    std::string s = prefix;
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

namespace {

[[noreturn]] void fail(const std::string& what) { throw std::runtime_error(what); }

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
        f.saturate = (*ft)["saturate"].value<bool>().value_or(false);
        if (f.saturate && f.lsb != 0) fail(fwhere + ": only a field at bit 0 can saturate (the whole word is its value)");
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

// Attributes that contradict each other or the access type.
void check_register(const Register& r, const std::string& where) {
    const int kinds = int(r.hwext) + int(r.external) + int(!r.hw_name.empty());
    if (kinds > 1) fail(where + ": hwext, external and hw_name exclude each other");
    if (r.hwset && r.access != "w1c") fail(where + ": hwset needs access w1c");
    if (r.hwqe && r.access != "rw") fail(where + ": hwqe needs access rw");
    if (r.hwext && r.access != "ro" && r.access != "rw") fail(where + ": hwext needs access ro or rw");
    if (!r.hw_width.empty() && !r.hwext) fail(where + ": hw_width is for hwext registers");
    if (!r.hw_name.empty() && (r.access != "rw" || !r.fields.empty() || r.hw_lsb % 32 != 0 || r.hw_lsb > 32))
        fail(where + ": hw_name joins rw registers without fields into a 64-bit value (hw_lsb 0 or 32)");
    for (const auto& f : r.fields)
        if (f.saturate && r.access != "rw") fail(where + "." + f.name + ": saturate needs access rw");
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
        r.hwext = t["hwext"].value<bool>().value_or(false);
        r.hwqe = t["hwqe"].value<bool>().value_or(false);
        r.hwset = t["hwset"].value<bool>().value_or(false);
        r.external = t["external"].value<bool>().value_or(false);
        const std::string hwaccess = t["hwaccess"].value<std::string>().value_or("hro");
        if (hwaccess != "hro" && hwaccess != "none")
            fail(where + ": hwaccess '" + hwaccess + "' is not one of hro, none");
        r.hw_reads = hwaccess == "hro";
        if (const auto w = t["hw_width"].value<std::int64_t>()) r.hw_width = std::to_string(*w);
        else r.hw_width = t["hw_width"].value<std::string>().value_or("");
        r.hw_name = optional_string(t, "hw_name");
        r.hw_lsb = static_cast<unsigned>(t["hw_lsb"].value<std::int64_t>().value_or(0));
        check_register(r, where);
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
        c.increment = optional_string(t, "increment");
        c.amount_width = static_cast<unsigned>(t["amount_width"].value<std::int64_t>().value_or(0));
        const bool global = std::string(key) == "global_counter";
        if (global && !c.increment.empty() && c.increment != "own")
            fail(where + ": increment '" + c.increment + "' is not 'own' (global counters count "
                 "the shared source vector, or their own input)");
        if (!global && !c.increment.empty() && c.increment != "indexed" && c.increment != "vector")
            fail(where + ": increment '" + c.increment + "' is not one of indexed, vector");
        if (c.amount_width > 32) fail(where + ": amount_width must be at most 32");
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

bool is_parameter(const RegMap& m, const std::string& name) {
    return std::any_of(m.parameters.begin(), m.parameters.end(), [&](const Parameter& p) { return p.name == name; });
}

// What the register top needs: blocks it serves sized by a parameter, parameters that exist,
// counters that say how they count, an owner for external registers.
void check_hardware_view(const RegMap& m) {
    bool any_external = false;
    auto check_width = [&](const Register& r, const std::string& where) {
        if (r.hw_width.empty() || std::isdigit(static_cast<unsigned char>(r.hw_width[0]))) return;
        if (!is_parameter(m, r.hw_width)) fail(where + ": hw_width '" + r.hw_width + "' is no parameter of map.parameters");
    };
    for (const auto& r : m.globals) {
        any_external = any_external || r.external;
        check_width(r, "global." + r.name);
        if (!r.hw_name.empty()) fail("global." + r.name + ": hw_name is for block registers");
    }
    if (!m.global_counters.empty() && !m.counter_sources.empty() && !is_parameter(m, m.counter_sources))
        fail("map.counter_sources: '" + m.counter_sources + "' is no parameter of map.parameters");
    for (const auto& b : m.blocks) {
        if (b.external) {
            any_external = true;
            continue;
        }
        if (b.count_param.empty() || !is_parameter(m, b.count_param))
            fail(b.name + ": count_param must name a parameter of map.parameters (the blocks implemented)");
        if (b.stride > 256) fail(b.name + ": stride above 0x100 (offsets are 8 bits)");
        for (const auto& r : b.regs) {
            check_width(r, b.name + "_reg." + r.name);
            if (r.external) fail(b.name + "_reg." + r.name + ": make the whole block external");
        }
        for (const auto& c : b.counters)
            if (c.increment.empty())
                fail(b.name + "_counter." + c.name + ": needs increment = \"indexed\" or \"vector\"");
    }
    if (any_external && m.external_owner.empty()) fail("map.external_owner: external registers need an owner");
}

}  // namespace

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
    m.external_owner = optional_string(*map, "external_owner");
    m.counter_sources = optional_string(*map, "counter_sources");
    if (const auto* params = (*map)["parameters"].as_array()) {
        for (const auto& node : *params) {
            const auto* pt = node.as_table();
            if (!pt) fail("map.parameters: a parameter is not a table");
            Parameter p;
            p.name = required<std::string>(*pt, "name", "map.parameters");
            const std::string where = "map.parameters." + p.name;
            p.default_value = static_cast<unsigned>(required<std::int64_t>(*pt, "default", where));
            p.min = static_cast<unsigned>(required<std::int64_t>(*pt, "min", where));
            p.max = static_cast<unsigned>(required<std::int64_t>(*pt, "max", where));
            p.desc = optional_string(*pt, "desc");
            if (p.default_value < p.min || p.default_value > p.max) fail(where + ": default outside min..max");
            m.parameters.push_back(p);
        }
    }
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
        b.count_param = optional_string(*t, "count_param");
        b.external = (*t)["external"].value<bool>().value_or(false);
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
    check_hardware_view(m);
    return m;
}

}  // namespace regmap
