// The register map as regmap_gen reads it from rtl/regmap.toml, validated, and the emitters
// that turn it into the SystemVerilog package, the register top (decode, storage, reset,
// access types, read-back), the C++ header and the Markdown table.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace regmap {

struct Field {
    std::string name;
    unsigned lsb = 0;
    unsigned width = 1;
    std::string desc;
    bool saturate = false;  // a write of a value the field cannot hold stores its maximum

    std::uint64_t max() const { return (std::uint64_t(1) << width) - 1; }
};

// How a register meets the hardware (OpenTitan reggen's notions, named the same):
//  * storage in the register top (the default for rw and w1c): its value goes to the
//    hardware on reg2hw_* ports unless hwaccess = "none";
//  * hwext: the hardware holds the value (hw2reg_*_d_i, read back as is) and a write is only
//    a strobe (reg2hw_*_qe_o) with the data (reg_wdata_o);
//  * hwqe: storage here, and a strobe as well, for hardware that reacts to the write;
//  * hwset (w1c): the hardware sets bits (hw2reg_*_set_i); a set in the cycle of a clearing
//    write wins;
//  * ro without hwext: a constant, the reset value;
//  * wo: a strobe and the data, reads 0;
//  * external: served by another block (the map's external owner), forwarded on ext_*.
struct Register {
    std::string name;
    std::uint32_t offset = 0;
    std::string access;  // ro, rw, w1c, wo
    std::uint32_t reset = 0;
    std::string desc;
    std::vector<Field> fields;
    bool hwext = false;
    bool hwqe = false;
    bool hwset = false;
    bool external = false;
    bool hw_reads = true;   // hwaccess != "none": reg2hw ports for the storage
    std::string hw_width;   // hwext: bits of hw2reg_*_d_i, a number or a parameter (default 32)
    std::string hw_name;    // storage shared by registers with this name (a 64-bit pair)
    unsigned hw_lsb = 0;    // where this register's word sits in that storage

    bool has_storage() const { return !external && !hwext && (access == "rw" || access == "w1c"); }
    bool constant() const { return !external && !hwext && access == "ro"; }
    bool strobe() const { return !external && (hwext || hwqe || access == "wo") && access != "ro"; }
    bool reads_zero() const { return access == "wo"; }
};

struct Counter {
    std::string name;
    std::uint32_t offset = 0;
    std::string desc;
    bool drop = false;          // a drop reason (see regmap.toml)
    std::string increment;      // blocks: "indexed" (one instance per cycle) or "vector" (any);
                                // globals: "" (the shared source vector) or "own" (a 1-bit input
                                // of its own, for a counter that counts in most cycles)
    unsigned amount_width = 0;  // indexed: bits of the amount added; 0 adds 1
};

struct Descriptor {
    std::string name;
    std::string desc;
    std::vector<Field> fields;
};

// A block of registers repeated `count` times (one per queue, one per interrupt vector).
struct Block {
    std::string name;         // "queue": TOML tables [queue], [[queue_reg]], [[queue_counter]]
    std::string upper;        // "QUEUE": QUEUE_BASE, QUEUE_STRIDE, ...
    std::string prefix;       // "Q": QREG_*, QCNT_*, NUM_QCNT
    std::uint32_t base = 0;
    std::uint32_t stride = 0;
    unsigned count = 0;
    std::string count_param;  // the register top's parameter giving the implemented count
    bool external = false;
    std::string desc;
    std::vector<Register> regs;
    std::vector<Counter> counters;

    std::string lower_prefix() const;  // "q"
};

// A parameter of the generated register top.
struct Parameter {
    std::string name;
    unsigned default_value = 0;
    unsigned min = 0;
    unsigned max = 0;
    std::string desc;
};

struct RegMap {
    std::string name;
    unsigned addr_width = 16;
    unsigned max_queues = 16;
    std::string external_owner;   // the block serving `external` registers
    std::string counter_sources;  // parameter: blocks reporting global counter increments
    std::vector<Parameter> parameters;
    std::vector<Register> globals;
    std::vector<Counter> global_counters;
    std::vector<Block> blocks;    // in address order
    std::vector<Descriptor> descriptors;
};

// Reads and validates; throws std::runtime_error naming the offending entry.
RegMap parse(const std::string& path);

std::string emit_package(const RegMap& map);
std::string emit_reg_top(const RegMap& map);
std::string emit_header(const RegMap& map);
std::string emit_markdown(const RegMap& map);

// `sv` with every bare use of a name that `package_sv` declares written as package::NAME
// (code only: comments and strings stay as they are).
std::string qualify_package_names(const std::string& sv, const std::string& package_sv, const std::string& package);

std::string upper(std::string s);
std::string hex(std::uint64_t v, int digits);

}  // namespace regmap
