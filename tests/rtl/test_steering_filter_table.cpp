// rtl/steering_filter_table.sv against the C++ reference model/steering_filters.
//
// The random streams program thousands of seeded random rules through the register port
// (random enables, families, protocols, wildcards, actions, queues; addresses and ports drawn
// from a small pool of flows, so that rules match the generated frames and often several
// rules match one frame, where the lowest index must win) and look up random keys built from
// model::ParsedFrame values (IPv4/IPv6, TCP/UDP/none, with and without ports, non-IP). Every
// lookup's result and every hit counter is compared with model::SteeringFilters, and every
// rule word is read back. Two parameterisations are Verilated: the map's 64 rules
// (Vsteering_filter_table) and 5 (Vsteering_filter_table_small), where rules 5..63 must read
// 0 and ignore writes. Random streams print their seed; NICSIM_SEED=<n> replays only that one.
#include <catch2/catch.hpp>

#include <Vsteering_filter_table.h>
#include <Vsteering_filter_table___024root.h>
#include <Vsteering_filter_table_small.h>
#include <verilated.h>

#include "nic_regs.hpp"
#include "steering_filters.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace regs = nicsim::regs;
using nicsim::model::FilterAction;
using nicsim::model::FilterHit;
using nicsim::model::FilterProtocol;
using nicsim::model::IpAddress;
using nicsim::model::L3Kind;
using nicsim::model::L4Kind;
using nicsim::model::ParsedFrame;
using nicsim::model::SteeringFilters;
using nicsim::model::SteeringRule;

// The rule count each Verilated model was built with (tests/rtl/steering_filter_table.cmake).
template <class Dut> struct DutParams;
template <> struct DutParams<Vsteering_filter_table> {
    static constexpr unsigned rules = regs::FILTER_COUNT;
    static constexpr const char* name = "64 rules";
};
template <> struct DutParams<Vsteering_filter_table_small> {
    static constexpr unsigned rules = 5;
    static constexpr const char* name = "5 rules";
};

// Offsets of a rule block that hold a register or counter half, and the ones that do not.
constexpr std::array<std::uint32_t, 4> SRC_ADDR_REGS = {regs::FREG_SRC_ADDR0, regs::FREG_SRC_ADDR1,
                                                        regs::FREG_SRC_ADDR2, regs::FREG_SRC_ADDR3};
constexpr std::array<std::uint32_t, 4> DST_ADDR_REGS = {regs::FREG_DST_ADDR0, regs::FREG_DST_ADDR1,
                                                        regs::FREG_DST_ADDR2, regs::FREG_DST_ADDR3};
constexpr std::uint32_t RULE_BLOCK_BYTES = regs::FILTER_STRIDE;

constexpr std::uint32_t CTRL_DEFINED_BITS = static_cast<std::uint32_t>(
    regs::CTRL_ENABLE.mask() | regs::CTRL_FAMILY.mask() | regs::CTRL_PROTOCOL.mask() |
    regs::CTRL_WILDCARD.mask() | regs::CTRL_ACTION.mask() | regs::CTRL_QUEUE.mask());

std::uint32_t put(const regs::Field& field, std::uint32_t value) {
    return static_cast<std::uint32_t>((std::uint64_t{value} << field.lsb) & field.mask());
}

// ------------------------------------------------------------------ rules as register words

// The words of one rule as the test wrote them.
struct RuleWords {
    std::uint32_t ctrl = 0;
    std::array<std::uint32_t, 4> src{};
    std::array<std::uint32_t, 4> dst{};
    std::uint32_t ports = 0;

    // What a read of `offset` returns (hits aside).
    [[nodiscard]] std::uint32_t readback(std::uint32_t offset) const {
        if (offset == regs::FREG_CTRL) {
            return ctrl & CTRL_DEFINED_BITS;
        }
        for (std::size_t i = 0; i < 4; ++i) {
            if (offset == SRC_ADDR_REGS[i]) return src[i];
            if (offset == DST_ADDR_REGS[i]) return dst[i];
        }
        if (offset == regs::FREG_PORTS) {
            return ports;
        }
        return 0;
    }

    void store(std::uint32_t offset, std::uint32_t value) {
        if (offset == regs::FREG_CTRL) ctrl = value;
        for (std::size_t i = 0; i < 4; ++i) {
            if (offset == SRC_ADDR_REGS[i]) src[i] = value;
            if (offset == DST_ADDR_REGS[i]) dst[i] = value;
        }
        if (offset == regs::FREG_PORTS) ports = value;
    }
};

// Address words (byte 4i in bits 31:24 of word i) to bytes, the family's bytes only.
IpAddress address_of(const std::array<std::uint32_t, 4>& words, bool ipv6) {
    IpAddress a;
    a.size = ipv6 ? 16 : 4;
    for (std::size_t i = 0; i < a.size; ++i) {
        a.bytes[i] = static_cast<std::uint8_t>(words[i / 4] >> (24 - 8 * (i % 4)));
    }
    return a;
}

std::array<std::uint32_t, 4> words_of(const std::array<std::uint8_t, 16>& bytes) {
    std::array<std::uint32_t, 4> words{};
    for (std::size_t i = 0; i < 16; ++i) {
        words[i / 4] |= std::uint32_t{bytes[i]} << (24 - 8 * (i % 4));
    }
    return words;
}

// The model's reading of the register words (the map: protocol 3 acts as any).
SteeringRule to_model(const RuleWords& w) {
    SteeringRule r;
    r.enabled = regs::CTRL_ENABLE.get(w.ctrl) != 0;
    const bool ipv6 = regs::CTRL_FAMILY.get(w.ctrl) != 0;
    r.family = ipv6 ? L3Kind::ipv6 : L3Kind::ipv4;
    switch (regs::CTRL_PROTOCOL.get(w.ctrl)) {
    case 1: r.protocol = FilterProtocol::tcp; break;
    case 2: r.protocol = FilterProtocol::udp; break;
    default: r.protocol = FilterProtocol::any; break;
    }
    r.src_addr = address_of(w.src, ipv6);
    r.dst_addr = address_of(w.dst, ipv6);
    r.src_port = static_cast<std::uint16_t>(regs::PORTS_SRC_PORT.get(w.ports));
    r.dst_port = static_cast<std::uint16_t>(regs::PORTS_DST_PORT.get(w.ports));
    r.wildcard = static_cast<std::uint8_t>(regs::CTRL_WILDCARD.get(w.ctrl));
    r.action = regs::CTRL_ACTION.get(w.ctrl) != 0 ? FilterAction::drop : FilterAction::deliver;
    r.queue = static_cast<std::uint8_t>(regs::CTRL_QUEUE.get(w.ctrl));
    return r;
}

// ------------------------------------------------------------------ lookup keys

// The table's key ports, as the classifier drives them.
struct Key {
    bool is_ip = false;
    bool ipv6 = false;
    std::uint8_t l4 = 0;
    bool has_ports = false;
    std::array<std::uint32_t, 4> src{};
    std::array<std::uint32_t, 4> dst{};
    std::uint16_t src_port = 0;
    std::uint16_t dst_port = 0;
};

struct Result {
    bool valid = false;
    bool hit = false;
    unsigned index = 0;
    bool drop = false;
    unsigned queue = 0;
};

std::ostream& operator<<(std::ostream& os, const Result& r) {
    os << "valid=" << r.valid << " hit=" << r.hit;
    if (r.hit) {
        os << " index=" << r.index << " drop=" << r.drop << " queue=" << r.queue;
    }
    return os;
}

using Rng = std::mt19937_64;

std::uint32_t uniform(Rng& rng, std::uint32_t lo, std::uint32_t hi) {
    return std::uniform_int_distribution<std::uint32_t>(lo, hi)(rng);
}

bool chance(Rng& rng, double p) { return std::bernoulli_distribution(p)(rng); }

// The key of a parsed frame. Fields the contract calls don't-care (everything but is_ip for
// non-IP frames, the ports of a frame without ports) get random junk, to show they are ignored.
Key key_of(const ParsedFrame& f, Rng& rng) {
    Key k;
    k.is_ip = f.l3 != L3Kind::none;
    if (!k.is_ip) {
        k.ipv6 = chance(rng, 0.5);
        k.l4 = static_cast<std::uint8_t>(uniform(rng, 0, 2));
        k.has_ports = chance(rng, 0.5);
        for (auto& w : k.src) w = static_cast<std::uint32_t>(rng());
        for (auto& w : k.dst) w = static_cast<std::uint32_t>(rng());
        k.src_port = static_cast<std::uint16_t>(rng());
        k.dst_port = static_cast<std::uint16_t>(rng());
        return k;
    }
    k.ipv6 = f.l3 == L3Kind::ipv6;
    k.l4 = static_cast<std::uint8_t>(f.l4);
    k.has_ports = f.l4 != L4Kind::none;
    // An IPv4 address sits in bits 127:96 with the rest zero, as the contract says.
    k.src = words_of(f.src_addr.bytes);
    k.dst = words_of(f.dst_addr.bytes);
    k.src_port = k.has_ports ? f.src_port : static_cast<std::uint16_t>(rng());
    k.dst_port = k.has_ports ? f.dst_port : static_cast<std::uint16_t>(rng());
    return k;
}

// ------------------------------------------------------------------ the bench

// The Verilated table. Each call is one clock cycle: inputs are driven while the clock is low,
// then the rising edge; the registered outputs of the next cycle are then visible.
template <class Dut> class FilterBench {
public:
    FilterBench()
        : context_(std::make_unique<VerilatedContext>()),
          dut_(std::make_unique<Dut>(context_.get(), "dut")) {
        reset();
    }
    ~FilterBench() { dut_->final(); }
    FilterBench(const FilterBench&) = delete;
    FilterBench& operator=(const FilterBench&) = delete;

    struct Inputs {
        bool write = false;
        bool read = false;
        unsigned rule = 0;
        std::uint32_t offset = 0;
        std::uint32_t wdata = 0;
        std::optional<Key> lookup;
    };

    void cycle(const Inputs& in) {
        dut_->clk_i = 0;
        drive(in);
        dut_->eval();
        context_->timeInc(1);
        dut_->clk_i = 1;
        dut_->eval();
        context_->timeInc(1);
    }

    void idle() { cycle(Inputs{}); }

    void write(unsigned rule, std::uint32_t offset, std::uint32_t value) {
        Inputs in;
        in.write = true;
        in.rule = rule;
        in.offset = offset;
        in.wdata = value;
        cycle(in);
    }

    std::uint32_t read(unsigned rule, std::uint32_t offset) {
        Inputs in;
        in.read = true;
        in.rule = rule;
        in.offset = offset;
        cycle(in);
        return dut_->reg_rdata_o;
    }

    // A counter read as the driver does it: _lo (snapshot), then _hi.
    std::uint64_t hits(unsigned rule) {
        const std::uint32_t lo = read(rule, regs::FREG_HITS_LO);
        const std::uint32_t hi = read(rule, regs::FREG_HITS_HI);
        return std::uint64_t{hi} << 32 | lo;
    }

    Result lookup(const Key& key) {
        Inputs in;
        in.lookup = key;
        cycle(in);
        return result();
    }

    [[nodiscard]] Result result() const {
        return Result{dut_->result_valid_o != 0, dut_->hit_o != 0, dut_->hit_index_o,
                      dut_->hit_drop_o != 0, dut_->hit_queue_o};
    }

    Dut& dut() { return *dut_; }

private:
    void reset() {
        drive(Inputs{});
        dut_->clk_i = 0;
        dut_->rst_ni = 1;
        dut_->eval();
        dut_->rst_ni = 0; // asynchronous
        dut_->eval();
        for (int i = 0; i < 2; ++i) {
            dut_->clk_i = 1;
            dut_->eval();
            dut_->clk_i = 0;
            dut_->eval();
        }
        dut_->rst_ni = 1;
        dut_->eval();
    }

    void drive(const Inputs& in) {
        dut_->reg_we_i = in.write ? 1 : 0;
        dut_->reg_re_i = in.read ? 1 : 0;
        dut_->reg_rule_i = static_cast<CData>(in.rule & 0x3F);
        dut_->reg_offset_i = static_cast<CData>(in.offset & 0x3F);
        dut_->reg_wdata_i = in.wdata;
        const Key k = in.lookup.value_or(Key{});
        dut_->lookup_valid_i = in.lookup ? 1 : 0;
        dut_->key_is_ip_i = k.is_ip ? 1 : 0;
        dut_->key_ipv6_i = k.ipv6 ? 1 : 0;
        dut_->key_l4_i = k.l4;
        dut_->key_has_ports_i = k.has_ports ? 1 : 0;
        for (std::size_t i = 0; i < 4; ++i) {
            // Word i of the address (bytes 4i..4i+3) is bits 127-32i : 96-32i of the port.
            dut_->key_src_addr_i[3 - i] = k.src[i];
            dut_->key_dst_addr_i[3 - i] = k.dst[i];
        }
        dut_->key_src_port_i = k.src_port;
        dut_->key_dst_port_i = k.dst_port;
    }

    std::unique_ptr<VerilatedContext> context_;
    std::unique_ptr<Dut> dut_;
};

// ------------------------------------------------------------------ random stimulus

// A flow: the tuple that both rules and frames are drawn from, so that they meet.
struct Flow {
    bool ipv6 = false;
    std::array<std::uint8_t, 16> src{};
    std::array<std::uint8_t, 16> dst{};
    std::uint16_t src_port = 0;
    std::uint16_t dst_port = 0;
};

std::array<std::uint8_t, 16> random_address(Rng& rng, bool ipv6) {
    std::array<std::uint8_t, 16> a{};
    for (std::size_t i = 0; i < (ipv6 ? 16U : 4U); ++i) {
        a[i] = static_cast<std::uint8_t>(rng());
    }
    return a;
}

std::uint16_t random_port(Rng& rng) {
    static constexpr std::uint16_t COMMON[] = {80, 443, 53, 22, 4789};
    return chance(rng, 0.5) ? COMMON[uniform(rng, 0, 4)] : static_cast<std::uint16_t>(rng());
}

// A few addresses per family, shared among the flows, so flows differ in some fields only.
std::vector<Flow> random_flows(Rng& rng, std::size_t count) {
    std::array<std::vector<std::array<std::uint8_t, 16>>, 2> addresses;
    for (std::size_t family = 0; family < 2; ++family) {
        for (int i = 0; i < 4; ++i) {
            addresses[family].push_back(random_address(rng, family == 1));
        }
    }
    std::vector<Flow> flows;
    for (std::size_t i = 0; i < count; ++i) {
        Flow f;
        f.ipv6 = chance(rng, 0.5);
        const auto& pool = addresses[f.ipv6 ? 1 : 0];
        f.src = pool[uniform(rng, 0, 3)];
        f.dst = pool[uniform(rng, 0, 3)];
        f.src_port = random_port(rng);
        f.dst_port = random_port(rng);
        flows.push_back(f);
    }
    return flows;
}

RuleWords random_rule(Rng& rng, const std::vector<Flow>& flows) {
    Flow f = flows[uniform(rng, 0, static_cast<std::uint32_t>(flows.size() - 1))];
    if (chance(rng, 0.1)) {
        f.ipv6 = !f.ipv6; // addresses of the other family's width: matches rarely
    }
    RuleWords w;
    const std::uint32_t wildcard = chance(rng, 0.3) ? 0 : uniform(rng, 0, 15);
    w.ctrl = put(regs::CTRL_ENABLE, chance(rng, 0.85) ? 1 : 0) |
             put(regs::CTRL_FAMILY, f.ipv6 ? 1 : 0) |
             put(regs::CTRL_PROTOCOL, uniform(rng, 0, 3)) | put(regs::CTRL_WILDCARD, wildcard) |
             put(regs::CTRL_ACTION, chance(rng, 0.2) ? 1 : 0) |
             put(regs::CTRL_QUEUE, uniform(rng, 0, 15));
    if (chance(rng, 0.2)) {
        w.ctrl |= static_cast<std::uint32_t>(rng()) & ~CTRL_DEFINED_BITS; // must read back 0
    }
    w.src = words_of(f.src);
    w.dst = words_of(f.dst);
    if (!f.ipv6 && chance(rng, 0.5)) {
        // An IPv4 rule ignores address words 1..3: junk there must not matter.
        for (std::size_t i = 1; i < 4; ++i) {
            w.src[i] = static_cast<std::uint32_t>(rng());
            w.dst[i] = static_cast<std::uint32_t>(rng());
        }
    }
    w.ports = put(regs::PORTS_SRC_PORT, f.src_port) | put(regs::PORTS_DST_PORT, f.dst_port);
    return w;
}

ParsedFrame random_frame(Rng& rng, const std::vector<Flow>& flows) {
    ParsedFrame p;
    if (chance(rng, 0.1)) {
        p.ethertype = chance(rng, 0.5) ? nicsim::model::ethertype_arp : 0;
        return p; // non-IP or malformed: l3 none
    }
    Flow f = flows[uniform(rng, 0, static_cast<std::uint32_t>(flows.size() - 1))];
    if (chance(rng, 0.1)) {
        f.src = random_address(rng, f.ipv6);
    }
    if (chance(rng, 0.1)) {
        f.dst = random_address(rng, f.ipv6);
    }
    if (chance(rng, 0.1)) {
        f.src_port = random_port(rng);
    }
    p.l3 = f.ipv6 ? L3Kind::ipv6 : L3Kind::ipv4;
    p.ethertype = f.ipv6 ? nicsim::model::ethertype_ipv6 : nicsim::model::ethertype_ipv4;
    p.src_addr = f.ipv6 ? IpAddress::v6(f.src) : IpAddress::v4(f.src[0], f.src[1], f.src[2], f.src[3]);
    p.dst_addr = f.ipv6 ? IpAddress::v6(f.dst) : IpAddress::v4(f.dst[0], f.dst[1], f.dst[2], f.dst[3]);
    switch (uniform(rng, 0, 4)) {
    case 0:
    case 1: p.l4 = L4Kind::tcp; break;
    case 2:
    case 3: p.l4 = L4Kind::udp; break;
    default:
        // An IPv4 fragment, or a protocol other than TCP/UDP: no ports.
        p.l4 = L4Kind::none;
        p.is_fragment = !f.ipv6 && chance(rng, 0.5);
        break;
    }
    if (p.l4 != L4Kind::none) {
        p.src_port = f.src_port;
        p.dst_port = f.dst_port;
    }
    return p;
}

std::vector<std::uint64_t> seeds_to_run(std::uint64_t first, std::size_t count) {
    if (const char* env = std::getenv("NICSIM_SEED")) {
        return {std::strtoull(env, nullptr, 0)};
    }
    std::vector<std::uint64_t> seeds;
    for (std::size_t i = 0; i < count; ++i) {
        seeds.push_back(first + i);
    }
    return seeds;
}

struct StreamStats {
    std::uint64_t rules_written = 0;
    std::uint64_t lookups = 0;
    std::uint64_t hits = 0;
    std::uint64_t drops = 0;
    std::uint64_t shadowed = 0; // lookups that more than one rule matched
    std::uint64_t counter_reads = 0;
    std::vector<bool> winners; // rules that won at least one lookup
    std::string first_mismatch;
};

// Compares one lookup with the model (which counts it). Returns an empty string when equal.
std::string compare(const Result& rtl, const std::optional<FilterHit>& expected) {
    const bool same = rtl.valid && rtl.hit == expected.has_value() &&
                      (!expected || (rtl.index == expected->index &&
                                     rtl.drop == (expected->action == FilterAction::drop) &&
                                     rtl.queue == expected->queue));
    if (same) {
        return {};
    }
    std::ostringstream os;
    os << "RTL " << rtl << " / model ";
    if (expected) {
        os << "hit index=" << expected->index
           << " drop=" << (expected->action == FilterAction::drop)
           << " queue=" << unsigned{expected->queue};
    } else {
        os << "miss";
    }
    return os.str();
}

// One seeded random stream against one Verilated table.
template <class Dut> StreamStats random_stream(std::uint64_t seed, std::size_t steps) {
    constexpr unsigned RULES = DutParams<Dut>::rules;
    Rng rng(seed);
    std::cout << "steering_filter_table " << DutParams<Dut>::name << " random stream seed "
              << seed << '\n';
    FilterBench<Dut> b;
    SteeringFilters model(RULES);
    std::vector<RuleWords> image(RULES);
    const std::vector<Flow> flows = random_flows(rng, uniform(rng, 4, 16));
    StreamStats s;
    s.winners.assign(RULES, false);
    std::uint64_t step = 0;

    const auto fail = [&s, &step](const std::string& what) {
        if (s.first_mismatch.empty()) {
            s.first_mismatch = "step " + std::to_string(step) + ": " + what;
        }
    };

    // Programs a rule as a driver would, in a random order: ctrl first (anything), then some
    // or all of the address and port words, with idle cycles and ignored writes (hits,
    // offsets beyond the rule's registers) mixed in, then the final ctrl.
    const auto program = [&](unsigned rule) {
        const RuleWords target = random_rule(rng, flows);
        RuleWords& w = image[rule];
        w.store(regs::FREG_CTRL, chance(rng, 0.5) ? 0 : static_cast<std::uint32_t>(rng()));
        b.write(rule, regs::FREG_CTRL, w.ctrl);
        std::vector<std::uint32_t> offsets(SRC_ADDR_REGS.begin(), SRC_ADDR_REGS.end());
        offsets.insert(offsets.end(), DST_ADDR_REGS.begin(), DST_ADDR_REGS.end());
        offsets.push_back(regs::FREG_PORTS);
        std::shuffle(offsets.begin(), offsets.end(), rng);
        const bool partial = chance(rng, 0.3);
        for (const std::uint32_t offset : offsets) {
            if (partial && chance(rng, 0.5)) {
                continue; // keeps the rule's earlier value
            }
            w.store(offset, target.readback(offset));
            b.write(rule, offset, target.readback(offset));
            if (chance(rng, 0.1)) {
                b.idle();
            }
            if (chance(rng, 0.05)) {
                const std::uint32_t ignored[] = {regs::FREG_HITS_LO, regs::FREG_HITS_HI,
                                                 regs::FREG_HITS_HI + 4, RULE_BLOCK_BYTES - 4};
                b.write(rule, ignored[uniform(rng, 0, 3)], static_cast<std::uint32_t>(rng()));
            }
        }
        w.store(regs::FREG_CTRL, target.ctrl);
        b.write(rule, regs::FREG_CTRL, w.ctrl);
        model.set_rule(rule, to_model(w));
        ++s.rules_written;
    };

    for (unsigned r = 0; r < RULES; ++r) {
        program(r);
    }

    for (; step < steps && s.first_mismatch.empty(); ++step) {
        const std::uint32_t what = uniform(rng, 0, 99);
        if (what < 70) {
            // A burst of back-to-back lookups, one per cycle; each result comes exactly one
            // cycle later, and the cycle after the burst has no result.
            const std::uint32_t burst = chance(rng, 0.5) ? 1 : uniform(rng, 2, 8);
            for (std::uint32_t i = 0; i < burst && s.first_mismatch.empty(); ++i) {
                const ParsedFrame frame = random_frame(rng, flows);
                const Result rtl = b.lookup(key_of(frame, rng));
                const std::optional<FilterHit> expected = model.match_and_count(frame);
                ++s.lookups;
                if (expected) {
                    ++s.hits;
                    s.winners[expected->index] = true;
                    s.drops += expected->action == FilterAction::drop ? 1U : 0U;
                    unsigned matching = 0;
                    for (unsigned r = 0; r < RULES; ++r) {
                        matching += rule_matches(model.rule(r), frame) ? 1U : 0U;
                    }
                    s.shadowed += matching > 1 ? 1U : 0U;
                }
                if (const std::string diff = compare(rtl, expected); !diff.empty()) {
                    fail("lookup of " + nicsim::model::describe(frame) + ": " + diff);
                }
            }
            b.idle();
            if (b.result().valid) {
                fail("result_valid_o high in a cycle after no lookup");
            }
        } else if (what < 88) {
            program(uniform(rng, 0, RULES - 1));
        } else if (what < 93) {
            // Rewriting ctrl alone (here: toggling enable) clears the rule's counter.
            const unsigned rule = uniform(rng, 0, RULES - 1);
            RuleWords& w = image[rule];
            w.ctrl ^= static_cast<std::uint32_t>(regs::CTRL_ENABLE.mask());
            b.write(rule, regs::FREG_CTRL, w.ctrl);
            model.set_rule(rule, to_model(w));
        } else {
            const unsigned rule = uniform(rng, 0, RULES - 1);
            const std::uint64_t hits = b.hits(rule);
            ++s.counter_reads;
            if (hits != model.hit_count(rule)) {
                fail("rule " + std::to_string(rule) + " hits " + std::to_string(hits) +
                     " / model " + std::to_string(model.hit_count(rule)));
            }
        }
    }

    // Every word of every rule the port can address, and every counter.
    for (unsigned rule = 0; rule < regs::FILTER_COUNT && s.first_mismatch.empty(); ++rule) {
        for (std::uint32_t offset = 0; offset < RULE_BLOCK_BYTES; offset += 4) {
            if (offset == regs::FREG_HITS_LO || offset == regs::FREG_HITS_HI) {
                continue;
            }
            const std::uint32_t expected = rule < RULES ? image[rule].readback(offset) : 0;
            const std::uint32_t got = b.read(rule, offset);
            if (got != expected) {
                std::ostringstream os;
                os << "rule " << rule << " offset 0x" << std::hex << offset << " reads 0x" << got
                   << ", expected 0x" << expected;
                fail(os.str());
            }
        }
        const std::uint64_t expected_hits = rule < RULES ? model.hit_count(rule) : 0;
        const std::uint64_t hits = b.hits(rule);
        ++s.counter_reads;
        if (hits != expected_hits) {
            fail("final: rule " + std::to_string(rule) + " hits " + std::to_string(hits) +
                 " / model " + std::to_string(expected_hits));
        }
    }
    std::cout << "  " << s.rules_written << " rules written, " << s.lookups << " lookups, "
              << s.hits << " hits (" << s.drops << " drop), " << s.shadowed
              << " with several matching rules, "
              << std::count(s.winners.begin(), s.winners.end(), true) << " of " << RULES
              << " rules won, " << s.counter_reads << " counter reads\n";
    return s;
}

template <class Dut> void run_random_streams(std::uint64_t first_seed, std::size_t streams) {
    for (const std::uint64_t seed : seeds_to_run(first_seed, streams)) {
        const StreamStats s = random_stream<Dut>(seed, 3000);
        INFO("seed " << seed << " (replay: NICSIM_SEED=" << seed << ")");
        INFO("first mismatch: " << s.first_mismatch);
        REQUIRE(s.first_mismatch.empty());
        // The stimulus must reach the interesting cases, or the comparison proves little.
        CHECK(s.hits > s.lookups / 10);
        CHECK(s.hits < s.lookups);
        CHECK(s.drops > 0);
        CHECK(s.shadowed > 0);
        CHECK(std::count(s.winners.begin(), s.winners.end(), true) > DutParams<Dut>::rules / 2);
    }
}

// A rule matching every IPv4 frame (all fields wildcarded), delivering to `queue`.
std::uint32_t ipv4_catch_all(unsigned queue) {
    return put(regs::CTRL_ENABLE, 1) | put(regs::CTRL_WILDCARD, 0xF) | put(regs::CTRL_QUEUE, queue);
}

Key ipv4_udp_key() {
    ParsedFrame p;
    p.l3 = L3Kind::ipv4;
    p.l4 = L4Kind::udp;
    p.src_addr = IpAddress::v4(10, 0, 0, 1);
    p.dst_addr = IpAddress::v4(10, 0, 0, 2);
    p.src_port = 1000;
    p.dst_port = 2000;
    Rng unused(0);
    return key_of(p, unused);
}

} // namespace

TEST_CASE("steering_filter_table matches model::SteeringFilters on random rules and frames",
          "[steering_filter_table][random]") {
    SECTION("64 rules") { run_random_streams<Vsteering_filter_table>(0x5f17e2, 4); }
    SECTION("5 rules") { run_random_streams<Vsteering_filter_table_small>(0x5f17e2 + 100, 2); }
}

TEST_CASE("rule words read back, and rules beyond NumRules read 0 and ignore writes",
          "[steering_filter_table][registers]") {
    FilterBench<Vsteering_filter_table_small> b;
    Rng rng(7);
    std::vector<RuleWords> written(regs::FILTER_COUNT);
    // After reset every word reads 0.
    for (unsigned rule = 0; rule < regs::FILTER_COUNT; ++rule) {
        for (std::uint32_t offset = 0; offset < RULE_BLOCK_BYTES; offset += 4) {
            INFO("rule " << rule << " offset " << offset);
            REQUIRE(b.read(rule, offset) == 0);
        }
    }
    for (unsigned rule = 0; rule < regs::FILTER_COUNT; ++rule) {
        for (std::uint32_t offset = 0; offset < RULE_BLOCK_BYTES; offset += 4) {
            const auto value = static_cast<std::uint32_t>(rng());
            b.write(rule, offset, value);
            written[rule].store(offset, value);
        }
    }
    for (unsigned rule = 0; rule < regs::FILTER_COUNT; ++rule) {
        for (std::uint32_t offset = 0; offset < RULE_BLOCK_BYTES; offset += 4) {
            INFO("rule " << rule << " offset " << offset);
            const std::uint32_t expected =
                rule < DutParams<Vsteering_filter_table_small>::rules ? written[rule].readback(offset) : 0;
            CHECK(b.read(rule, offset) == expected);
        }
    }
    // The read data is held until the next read.
    const std::uint32_t ports = b.read(2, regs::FREG_PORTS);
    b.idle();
    b.write(2, regs::FREG_PORTS, ~ports);
    CHECK(b.dut().reg_rdata_o == ports);
}

TEST_CASE("writing ctrl clears the hit counter, and hits_lo snapshots hits_hi",
          "[steering_filter_table][counters]") {
    FilterBench<Vsteering_filter_table> b;
    const Key key = ipv4_udp_key();
    b.write(3, regs::FREG_CTRL, ipv4_catch_all(5));
    for (int i = 0; i < 7; ++i) {
        const Result r = b.lookup(key);
        REQUIRE(r.valid);
        REQUIRE(r.hit);
        CHECK(r.index == 3);
        CHECK(r.queue == 5);
        CHECK(!r.drop);
    }
    b.idle();
    CHECK(b.hits(3) == 7);
    CHECK(b.hits(4) == 0);

    // Rewriting ctrl, even with the same value, clears the counter.
    b.write(3, regs::FREG_CTRL, ipv4_catch_all(5));
    CHECK(b.hits(3) == 0);
    b.lookup(key);
    b.idle();
    CHECK(b.hits(3) == 1);

    // 64-bit counters: preset rule 3 just below 2**32 and count across the carry.
    auto& hits_q = b.dut().rootp->steering_filter_table__DOT__hits_q;
    hits_q[3] = 0x1FFFFFFFEULL;
    for (int i = 0; i < 3; ++i) {
        b.lookup(key);
    }
    b.idle();
    CHECK(b.hits(3) == 0x200000001ULL);

    // The _lo read snapshots bits 63:32; a later _hi read returns the snapshot, not the live
    // value, and any rule's _hi returns the one shadow.
    CHECK(b.read(3, regs::FREG_HITS_LO) == 1);
    hits_q[3] = 0x900000000ULL;
    CHECK(b.read(3, regs::FREG_HITS_HI) == 2);
    hits_q[4] = 0x7000000AAULL;
    CHECK(b.read(4, regs::FREG_HITS_LO) == 0xAA);
    CHECK(b.read(3, regs::FREG_HITS_HI) == 7);
    // Writing the counter does nothing.
    b.write(4, regs::FREG_HITS_LO, 0);
    b.write(4, regs::FREG_HITS_HI, 0);
    CHECK(b.hits(4) == 0x7000000AAULL);
}

TEST_CASE("a frame judged by a rule before its ctrl write is not counted after it",
          "[steering_filter_table][counters]") {
    FilterBench<Vsteering_filter_table> b;
    using Inputs = FilterBench<Vsteering_filter_table>::Inputs;
    const Key key = ipv4_udp_key();
    const std::uint32_t drop_all = ipv4_catch_all(0) | put(regs::CTRL_ACTION, 1);
    b.write(0, regs::FREG_CTRL, ipv4_catch_all(1));

    SECTION("ctrl written in the lookup's cycle: the old rule decides, the new count is 0") {
        Inputs in;
        in.write = true;
        in.rule = 0;
        in.offset = regs::FREG_CTRL;
        in.wdata = drop_all;
        in.lookup = key;
        b.cycle(in);
        const Result r = b.result();
        CHECK(r.hit);
        CHECK(!r.drop);
        CHECK(r.queue == 1);
        b.idle();
        CHECK(b.hits(0) == 0);
    }
    SECTION("ctrl written in the cycle after the lookup: the clear wins") {
        CHECK(b.lookup(key).hit);
        b.write(0, regs::FREG_CTRL, drop_all);
        b.idle();
        CHECK(b.hits(0) == 0);
    }
    SECTION("ctrl written in the cycle before the lookup: the new rule decides and counts") {
        b.write(0, regs::FREG_CTRL, drop_all);
        const Result r = b.lookup(key);
        CHECK(r.hit);
        CHECK(r.drop);
        b.idle();
        CHECK(b.hits(0) == 1);
    }
    SECTION("a lookup in the cycle of another rule's ctrl write still counts") {
        Inputs in;
        in.write = true;
        in.rule = 1;
        in.offset = regs::FREG_CTRL;
        in.wdata = drop_all;
        in.lookup = key;
        b.cycle(in);
        CHECK(b.result().index == 0);
        b.idle();
        CHECK(b.hits(0) == 1);
    }
}

TEST_CASE("non-IP keys, IPv4 address words 1..3 and ports of port-less frames are ignored",
          "[steering_filter_table][directed]") {
    FilterBench<Vsteering_filter_table> b;
    Key key = ipv4_udp_key();
    // Rule 0: exact IPv4 UDP 10.0.0.1:1000 -> 10.0.0.2:2000 with junk in address words 1..3.
    b.write(0, regs::FREG_SRC_ADDR0, key.src[0]);
    b.write(0, regs::FREG_SRC_ADDR1, 0xDEADBEEF);
    b.write(0, regs::FREG_DST_ADDR0, key.dst[0]);
    b.write(0, regs::FREG_DST_ADDR3, 0x12345678);
    b.write(0, regs::FREG_PORTS, put(regs::PORTS_SRC_PORT, 1000) | put(regs::PORTS_DST_PORT, 2000));
    b.write(0, regs::FREG_CTRL, put(regs::CTRL_ENABLE, 1) | put(regs::CTRL_PROTOCOL, 2) |
                                    put(regs::CTRL_QUEUE, 9));
    // Rule 1: the same addresses, ports wildcarded: catches the port-less frames.
    b.write(1, regs::FREG_SRC_ADDR0, key.src[0]);
    b.write(1, regs::FREG_DST_ADDR0, key.dst[0]);
    b.write(1, regs::FREG_CTRL, put(regs::CTRL_ENABLE, 1) | put(regs::CTRL_WILDCARD, 0xC) |
                                    put(regs::CTRL_QUEUE, 4));

    Result r = b.lookup(key);
    CHECK((r.hit && r.index == 0 && r.queue == 9));
    key.l4 = 1; // TCP: rule 0 wants UDP
    r = b.lookup(key);
    CHECK((r.hit && r.index == 1));
    key.l4 = 0; // a fragment: no ports, even if the port inputs happen to match
    key.has_ports = false;
    r = b.lookup(key);
    CHECK((r.hit && r.index == 1 && r.queue == 4));
    key.is_ip = false; // non-IP: nothing matches, whatever else the key says
    r = b.lookup(key);
    CHECK(r.valid);
    CHECK(!r.hit);
    key = ipv4_udp_key();
    key.ipv6 = true; // the same bytes as an IPv6 frame: wrong family
    r = b.lookup(key);
    CHECK(!r.hit);
}
