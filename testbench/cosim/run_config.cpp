#include "cosim/run_config.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "cosim/knob_users.hpp"
#include "frame_limits.hpp"
#include "nic_regs.hpp"
#include "traffic/line_rate.hpp"
#include "pcap/capture_check.hpp"

namespace nicsim {
namespace {

std::string format_number(double v) {
    std::ostringstream os;
    if (v == std::floor(v) && std::fabs(v) < 1e15) os << static_cast<long long>(v);
    else os << v;
    return os.str();
}

std::string bounds_text(const Knob& k) {
    return k.bounds.empty() ? format_number(k.min) + ".." + format_number(k.max) : k.bounds;
}

[[noreturn]] void bad_value(const Knob& k, const std::string& value) {
    throw std::invalid_argument(k.key + " = " + value + ": must be " + knob_range(k) + (k.why.empty() ? "" : " (" + k.why + ")"));
}

// The number `text` spells in TOML's syntax (1000, 1_000, 1e3, 2.5e-3, 0x3e8, +5): a flag
// takes exactly the numbers a file takes. Nothing but one number (no comment, no second key).
std::optional<double> toml_number(const std::string& text) {
    const bool plain = !text.empty() && text.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                                               "0123456789_+-.") == std::string::npos;
    if (!plain) return std::nullopt;
    toml::table t;
    try {
        t = toml::parse("v = " + text);
    } catch (const toml::parse_error&) {
        return std::nullopt;
    }
    const toml::node* v = t.get("v");
    if (v && v->is_integer()) return static_cast<double>(*v->value<std::int64_t>());
    if (v && v->is_floating_point()) return *v->value<double>();
    return std::nullopt;
}

double parse_number(const Knob& k, const std::string& text) {
    const std::optional<double> v = toml_number(text);
    if (!v || !std::isfinite(*v)) bad_value(k, text);
    if (k.type == Knob::Type::integer && *v != std::floor(*v)) bad_value(k, text);
    if (*v < k.min || *v > k.max) bad_value(k, text);
    return *v;
}

template <class T>
Knob integer_knob(std::string key, std::string help, T& field, double min, double max) {
    Knob k{std::move(key), std::move(help), Knob::Type::integer, min, max, {}, {}, {}, {}, {}};
    k.set = [k, &field](const std::string& text) { field = static_cast<T>(parse_number(k, text)); };
    k.get = [&field] { return std::to_string(field); };
    return k;
}

// A seed: any unsigned 64-bit integer, in decimal digits only (a double would round
// seeds above 2^53, and a sign would wrap).
Knob seed_knob(std::string key, std::string help, std::uint64_t& field) {
    Knob k{std::move(key), std::move(help), Knob::Type::integer, 0, 0, {}, {}, {}, {}, {}};
    k.bounds = "0.." + std::to_string(std::numeric_limits<std::uint64_t>::max());
    k.set = [k, &field](const std::string& text) {
        std::uint64_t v = 0;
        const char* end = text.data() + text.size();
        const bool digits = !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
        const auto [ptr, ec] = std::from_chars(text.data(), end, v);
        if (!digits || ec != std::errc{} || ptr != end) bad_value(k, text);
        field = v;
    };
    k.get = [&field] { return std::to_string(field); };
    return k;
}

Knob real_knob(std::string key, std::string help, double& field, double min, double max, std::string why = {}) {
    Knob k{std::move(key), std::move(help), Knob::Type::real, min, max, {}, {}, std::move(why), {}, {}};
    k.set = [k, &field](const std::string& text) { field = parse_number(k, text); };
    k.get = [&field] { return format_number(field); };
    return k;
}

// A choice among an enum's names (`names` indexed by value): parsed here, once, into the enum.
template <class E, std::size_t N>
Knob enum_knob(std::string key, std::string help, E& field, const std::array<std::string_view, N>& names) {
    std::vector<std::string> choices(names.begin(), names.end());
    Knob k{std::move(key), std::move(help), Knob::Type::text, 0, 0, std::move(choices), {}, {}, {}, {}};
    k.set = [k, &field, names](const std::string& text) {
        for (std::size_t i = 0; i < names.size(); ++i)
            if (names[i] == text) {
                field = static_cast<E>(i);
                return;
            }
        bad_value(k, text);
    };
    k.get = [&field, names] { return std::string(names[static_cast<std::size_t>(field)]); };
    return k;
}

// A file name: any text but the empty one.
Knob file_knob(std::string key, std::string help, std::string& field) {
    Knob k{std::move(key), std::move(help), Knob::Type::text, 0, 0, {}, {}, {}, {}, {}};
    k.set = [k, &field](const std::string& text) {
        if (text.empty()) bad_value(k, "''");
        field = text;
    };
    k.get = [&field] { return field; };
    return k;
}

// The shortest text that reads back as exactly `v` (1e9 -> "1e+09", 0.1 -> "0.1").
std::string shortest_text(double v) {
    char buf[64];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return ec == std::errc{} ? std::string(buf, end) : std::to_string(v);
}

// A TOML value as the file spells it, for messages: its source text when it is on one line
// (1e9 as written, "fast" with its quotes), else as toml++ writes it.
std::string toml_text(const toml::node& node, const std::vector<std::string>& lines) {
    const toml::source_region& where = node.source();
    if (where.begin.line == where.end.line && where.begin.line >= 1 && where.begin.line <= lines.size() &&
        where.begin.column >= 1 && where.end.column > where.begin.column) {
        const std::string& line = lines[where.begin.line - 1];
        if (where.end.column - 1 <= line.size())
            return line.substr(where.begin.column - 1, where.end.column - where.begin.column);
    }
    if (node.is_string()) return "\"" + *node.value<std::string>() + "\"";
    if (node.is_floating_point()) return shortest_text(*node.value<double>());
    std::ostringstream os;
    node.visit([&os](const auto& n) { os << n; });
    return os.str();
}

// A TOML number's source text when it reads back as the same number (it always should), else
// the number in a spelling of its own.
std::string number_as_written(const toml::node& node, const std::vector<std::string>& lines) {
    const double value = node.is_integer() ? static_cast<double>(*node.value<std::int64_t>()) : *node.value<double>();
    const std::string written = toml_text(node, lines);
    const std::optional<double> read = toml_number(written);
    if (read && (*read == value || (std::isnan(*read) && std::isnan(value)))) return written;
    return node.is_integer() ? std::to_string(*node.value<std::int64_t>()) : shortest_text(value);
}

const Knob* find_knob(const std::vector<Knob>& knobs, const std::string& key) {
    for (const auto& k : knobs)
        if (k.key == key) return &k;
    return nullptr;
}

// The cost profile: choosing one sets every cost the configuration has not given explicitly,
// whichever comes first (a TOML table is read in key order, flags in table order).
Knob cost_profile_knob(RunConfig& c) {
    Knob k = enum_knob("cost-profile",
                       "Host costs, one set per stack: kernel-modern, kernel-1996 (Mogul & Ramakrishnan's router), "
                       "user-space (a DPDK-class poll-mode stack); a cost-* key beside it replaces that cost",
                       c.cost_profile, host::cost_profile_names);
    k.set = [choose = k.set, &c](const std::string& text) {
        choose(text);
        const host::CostTable table = host::cost_table(c.cost_profile);
        for (const auto& f : host::cost_fields)
            if (!c.was_given(std::string(f.key))) c.costs.*f.field = table.*f.field;
    };
    return k;
}

// The largest value a register field holds.
constexpr double field_max(regs::Field f) { return static_cast<double>((std::uint64_t{1} << f.width) - 1); }

std::vector<Knob> knob_table(RunConfig& c) {
    auto& costs = c.costs;
    return {
        enum_knob("policy", "Receive policy", c.policy, driver::policy_kind_names),
        enum_knob("app",
                  "What the host does with each packet: forward it; sink it in a user process (one per --apps); "
                  "sink-per-core: a user process per core, fed by the queues affine to its core; screend: screen it "
                  "in a user process, which then forwards it",
                  c.app, app_names),
        real_knob("load", "Offered load, packets per second", c.load_pps, 1e-3, 1e9),
        integer_knob("packets", "Packets to offer (to the last application): the offer lasts packets / load", c.packets,
                     1, 1e9),
        real_knob("warmup-us",
                  "The start of the offer that rates do not count; the measurement window is the rest of the offer",
                  c.warmup_us, 0, 1e9),
        enum_knob("traffic", "Frames: generated (size, sizes, flows, ...) or pcap (the capture's, looping)", c.traffic,
                  traffic_names),
        file_knob("pcap", "traffic = pcap: the capture (Ethernet) whose frames are offered at the load", c.pcap),
        integer_knob("size", "Frame size in bytes without FCS", c.size, driver::min_frame_bytes, driver::max_frame_bytes),
        integer_knob("flows", "Distinct flows (5-tuples)", c.flows, 1, 1e6),
        enum_knob("arrivals", "Arrival process", c.arrivals, traffic::arrivals_names),
        real_knob("on-us", "onoff arrivals: burst length", c.on_us, 0.01, 1e9),
        real_knob("off-us", "onoff arrivals: gap between bursts", c.off_us, 0, 1e9),
        enum_knob("sizes", "Frame sizes: fixed (--size), imix (60/590/1514 at 28:20:4), uniform", c.sizes,
                  traffic::sizes_names),
        integer_knob("size-min", "uniform sizes: smallest frame", c.size_min, driver::min_frame_bytes,
                     driver::max_frame_bytes),
        integer_knob("size-max", "uniform sizes: largest frame", c.size_max, driver::min_frame_bytes,
                     driver::max_frame_bytes),
        enum_knob("flow-popularity", "How frames pick their flow", c.flow_popularity, traffic::flow_popularity_names),
        real_knob("zipf-s", "zipf flows: exponent s", c.zipf_s, 0, 10),
        integer_knob("queues", "NIC queues the driver uses (this build's NIC has " +
                                   std::to_string(platform::nic_queues) + ")",
                     c.driver.queues, 1, platform::nic_queues),
        integer_knob("cores", "Simulated CPU cores", c.cores, 1, 16),
        seed_knob("seed", "Random seed", c.seed),
        real_knob("link-gbps", "Ethernet link speed; the load may not exceed its line rate", c.link_gbps, 0.001, 400),
        integer_knob("rx", "RX ring size (ethtool -G rx), a power of two", c.driver.rx_ring_size, 8, 4096),
        integer_knob("tx", "TX ring size (ethtool -G tx), a power of two", c.driver.tx_ring_size, 8, 4096),
        integer_knob("rx-buf-size", "RX buffer bytes, a multiple of 8", c.driver.rx_buffer_size, 64, 16384),
        // The NIC holds each in a 16-bit field of its vector's registers (rtl/regmap.toml), which
        // would saturate a wider value: the range is the field's, so nothing is bent silently.
        integer_knob("rx-usecs", "ethtool -C rx-usecs (0 = off), for every interrupt-driven policy",
                     c.policies.coalesce.rx_usecs, 0, field_max(regs::RX_USECS_USECS)),
        integer_knob("rx-frames", "ethtool -C rx-frames (0 = off), for every interrupt-driven policy",
                     c.policies.coalesce.rx_frames, 0, field_max(regs::RX_FRAMES_FRAMES)),
        integer_knob("tx-usecs", "ethtool -C tx-usecs (0 = off), for every interrupt-driven policy",
                     c.policies.coalesce.tx_usecs, 0, field_max(regs::TX_USECS_USECS)),
        integer_knob("tx-frames", "ethtool -C tx-frames (0 = off), for every interrupt-driven policy",
                     c.policies.coalesce.tx_frames, 0, field_max(regs::TX_FRAMES_FRAMES)),
        integer_knob("napi-weight", "Packets per NAPI poll (NAPI_POLL_WEIGHT)", c.policies.napi.budget.weight, 1, 4096),
        integer_knob("netdev-budget", "Packets per NET_RX softirq round", c.policies.napi.budget.packets, 1, 1e6),
        integer_knob("netdev-budget-usecs", "Microseconds per NET_RX softirq round", c.policies.napi.budget.time_us, 1, 1e9),
        integer_knob("sink-queue", "Socket queue of the sink process (app = sink), or screend's input queue, packets",
                     c.sink_queue, 1, 1e7),
        integer_knob("lrp-channel", "soft-lrp: each application's channel queue, packets", c.policies.lrp_channel, 1, 1e6),
        integer_knob("apps", "app = sink: applications, each on its own UDP port (9, 10, ...)", c.apps, 1, 8),
        real_knob("quiet-load", "apps > 1: packets/s offered to each application but the last (load goes to the last)",
                  c.quiet_load_pps, 0, 1e9),
        integer_knob("hog", "1: a CPU-bound user process competes on core 0", c.hog, 0, 1),
        integer_knob("ipintrq-len", "bsd-interrupt: IP input queue length (IFQ_MAXLEN)", c.policies.bsd.ipintrq_len, 1,
                     1e6),
        integer_knob("quota", "poll-quota, -feedback, -cpulimit: packets per source per turn (0 = no quota)",
                     c.policies.polling.quota, 0, 1e6),
        real_knob("high-watermark", "poll-feedback: stop input above this fraction of the consumer queue",
                  c.policies.polling.high_watermark, 0.01, 1),
        real_knob("low-watermark", "poll-feedback: resume input at this fraction", c.policies.polling.low_watermark, 0,
                  0.99),
        integer_knob("feedback-timeout-us", "poll-feedback: resume input after this long regardless",
                     c.policies.polling.feedback_timeout_us, 1, 1e9),
        // No 0: a limit of nothing would stop receive processing for good; "no limit" is 1, or
        // poll-quota, which is poll-cpulimit without one.
        real_knob("cpu-limit", "poll-cpulimit: fraction of a core receive processing may use per period",
                  c.policies.polling.cpu_limit, 0.01, 1,
                  "0 would stop receive processing for good; 1 is no limit, as policy poll-quota"),
        integer_knob("cpu-period-us", "poll-cpulimit: the period of the CPU limit", c.policies.polling.cpu_period_us, 100,
                     1e9),
        integer_knob("clock-mhz", "NIC clock", c.platform.clock_mhz, 1, 1000),
        integer_knob("dma-latency-ns", "Host memory latency seen by the NIC", c.platform.dma_latency_ns, 0, 1e6),
        real_knob("quantum-ns", "Longest the NIC may lag host time", c.platform.quantum_ns, 1, 1e6),
        integer_knob("skip-idle",
                     "1: jump over NIC cycles in which nothing can change (exact: the results are the same); "
                     "0: evaluate every cycle",
                     c.platform.skip_idle, 0, 1),
        integer_knob("checks",
                     "1: run the NIC model with the RTL's assertions (AXI rules, engine invariants) compiled in, "
                     "about 10% slower; a failing one stops the run naming it; 0: the speed model without them",
                     c.platform.checks, 0, 1),
        real_knob("drain-timeout-us", "Time allowed after the last frame for the system to drain", c.drain_timeout_us, 1,
                  1e9),
        real_knob("cost-irq-entry-ns", "CPU cost: interrupt entry", costs.irq_entry_ns, 0, 1e9),
        real_knob("cost-irq-exit-ns", "CPU cost: interrupt exit", costs.irq_exit_ns, 0, 1e9),
        real_knob("cost-driver-rx-ns", "CPU cost: per-packet driver receive work", costs.driver_rx_ns, 0, 1e9),
        real_knob("cost-rx-packet-ns", "CPU cost: per-packet IP/UDP input", costs.rx_packet_ns, 0, 1e9),
        real_knob("cost-tx-complete-ns", "CPU cost: per-packet transmit completion", costs.tx_complete_ns, 0, 1e9),
        real_knob("cost-poll-empty-ns", "CPU cost: a poll that finds nothing", costs.poll_empty_ns, 0, 1e9),
        real_knob("cost-forward-ns", "CPU cost: per-packet forwarding decision", costs.forward_ns, 0, 1e9),
        real_knob("cost-tx-packet-ns", "CPU cost: per-packet transmit", costs.tx_packet_ns, 0, 1e9),
        real_knob("cost-user-packet-ns", "CPU cost: per-packet user-level work", costs.user_packet_ns, 0, 1e9),
        real_knob("cost-context-switch-ns", "CPU cost: context switch", costs.context_switch_ns, 0, 1e9),
        real_knob("cost-mmio-read-ns", "CPU cost: MMIO read round trip", costs.mmio_read_ns, 0, 1e9),
        real_knob("cost-mmio-write-ns", "CPU cost: MMIO (posted) write", costs.mmio_write_ns, 0, 1e9),
        real_knob("cost-socket-enqueue-ns", "CPU cost: socket enqueue and wakeup", costs.socket_enqueue_ns, 0, 1e9),
        real_knob("cost-demux-ns", "CPU cost: soft-lrp's software demultiplexing, per packet", costs.demux_ns, 0, 1e9),
        cost_profile_knob(c),
    };
}

}  // namespace

std::vector<Knob> make_knobs(RunConfig& c) {
    std::vector<Knob> knobs = knob_table(c);
    // Every key a file, flag or plan sets is recorded: a profile then keeps explicit costs, and
    // validate() refuses a key that nothing in the run uses.
    for (auto& k : knobs)
        k.set = [set = k.set, &c, key = k.key](const std::string& text) {
            set(text);
            c.given.insert(key);
        };
    return knobs;
}

void set_knob(const std::vector<Knob>& knobs, const std::string& key, const std::string& value) {
    const Knob* k = find_knob(knobs, key);
    if (!k) throw std::invalid_argument("unknown key '" + key + "'");
    k->set(value);
}

double knob_number(const Knob& knob, const std::string& text) { return parse_number(knob, text); }

void load_config_file(const std::vector<Knob>& knobs, const std::string& path) {
    toml::table table;
    try {
        table = toml::parse_file(path);
    } catch (const toml::parse_error& e) {
        std::ostringstream os;
        os << path << ":" << e.source().begin.line << ": " << e.description();
        throw std::invalid_argument(os.str());
    }
    std::vector<std::string> lines;
    {
        std::ifstream file(path);
        for (std::string line; std::getline(file, line);) lines.push_back(line);
    }
    for (const auto& [key_view, node] : table) {
        const std::string key(key_view.str());
        const Knob* k = find_knob(knobs, key);
        if (!k) throw std::invalid_argument(path + ": unknown key '" + key + "'");
        // A number goes to the knob as the file spells it, which is a spelling a flag takes too
        // (TOML's), so both are checked alike and a message shows the value as written;
        // anything else of the wrong type is refused, shown as written.
        std::string text;
        if (k->type == Knob::Type::text && node.is_string()) text = *node.value<std::string>();
        else if (k->type != Knob::Type::text && node.is_number()) text = number_as_written(node, lines);
        else throw std::invalid_argument(path + ": " + key + " = " + toml_text(node, lines) + ": must be " + knob_range(*k));
        try {
            k->set(text);
        } catch (const std::invalid_argument& e) {
            throw std::invalid_argument(path + ": " + e.what());
        }
    }
}

traffic::GeneratorConfig generator_config(const RunConfig& c, std::uint64_t start_ps) {
    traffic::GeneratorConfig g;
    g.rate_pps = c.load_pps;
    g.packets = c.packets;
    g.arrivals = c.arrivals;
    g.on_us = c.on_us;
    g.off_us = c.off_us;
    g.sizes = c.sizes;
    g.size = c.size;
    g.size_min = c.size_min;
    g.size_max = c.size_max;
    g.flows = c.flows;
    g.flow_popularity = c.flow_popularity;
    g.zipf_s = c.zipf_s;
    g.seed = c.seed;
    g.start_ps = start_ps;
    return g;
}

std::vector<traffic::GeneratorConfig> traffic_classes(const RunConfig& c, std::uint64_t start_ps) {
    const traffic::GeneratorConfig main = generator_config(c, start_ps);
    if (c.apps <= 1) return {main};
    std::vector<traffic::GeneratorConfig> classes;
    if (c.quiet_load_pps > 0) {
        for (unsigned i = 0; i + 1 < c.apps; ++i) {
            traffic::GeneratorConfig quiet = main;
            quiet.rate_pps = c.quiet_load_pps;
            // The same span of time as the main class.
            const double span_s = static_cast<double>(c.packets) / c.load_pps;
            quiet.packets = std::max<std::uint64_t>(1, static_cast<std::uint64_t>(std::llround(span_s * c.quiet_load_pps)));
            quiet.seed = c.seed + 1 + i;  // its own arrivals and flow choices
            quiet.dst_port = app_port(i);
            classes.push_back(quiet);
        }
    }
    classes.push_back(main);
    classes.back().dst_port = app_port(c.apps - 1);
    return classes;
}

void validate(const RunConfig& c) {
    using traffic::Sizes;
    const std::string app(name_of(c.app));
    if (c.sizes == Sizes::uniform && c.size_min > c.size_max)
        throw std::invalid_argument("size-min = " + std::to_string(c.size_min) + ": must not exceed size-max (" +
                                    std::to_string(c.size_max) + ")");
    if (c.apps > 1 && c.app != App::sink)
        throw std::invalid_argument("apps = " + std::to_string(c.apps) +
                                    ": several applications need app = sink, not " + app);
    if (c.quiet_load_pps > 0 && c.apps < 2)
        throw std::invalid_argument("quiet-load = " + format_number(c.quiet_load_pps) +
                                    ": needs apps of 2 or more (it is offered to each application but the last)");
    const bool lazy = c.policy == driver::PolicyKind::lrp || c.policy == driver::PolicyKind::soft_lrp;
    if (lazy && c.app != App::sink)
        throw std::invalid_argument("app = " + app + ": " + std::string(driver::policy_name(c.policy)) +
                                    " demultiplexes to applications, it needs app = sink");
    if (c.policy == driver::PolicyKind::poll_feedback && !(c.app == App::screend || (c.app == App::sink && c.apps == 1)))
        throw std::invalid_argument("app = " + app + (c.apps > 1 ? " with apps = " + std::to_string(c.apps) : "") +
                                    ": poll-feedback watches the queue of one user-level consumer, it needs app = "
                                    "screend, or sink with one application");
    if (c.policy == driver::PolicyKind::lrp && c.apps + 1 > platform::nic_queues)
        throw std::invalid_argument("apps = " + std::to_string(c.apps) +
                                    ": lrp gives each application its own NIC queue beside the default one, so this " +
                                    std::to_string(platform::nic_queues) + "-queue NIC serves at most " +
                                    std::to_string(platform::nic_queues - 1) + " applications");
    if (c.policy == driver::PolicyKind::lrp && c.driver.queues < c.apps + 1)
        throw std::invalid_argument("queues = " + std::to_string(c.driver.queues) +
                                    ": lrp needs one queue per application plus the default queue, at least " +
                                    std::to_string(c.apps + 1));
    const bool capture_traffic = c.traffic == TrafficKind::pcap;
    if (capture_traffic && c.pcap.empty())
        throw std::invalid_argument("traffic = pcap: needs pcap = FILE, the capture to offer");
    if (capture_traffic && c.quiet_load_pps > 0)
        throw std::invalid_argument("quiet-load = " + format_number(c.quiet_load_pps) +
                                    ": needs traffic = generated (a capture is offered as the only traffic class)");
    if (!capture_traffic && !c.pcap.empty())
        throw std::invalid_argument("pcap = " + c.pcap + ": is read only with traffic = pcap");
    double mean_size = traffic::mean_frame_size(generator_config(c, 0));
    std::string frames = c.sizes == Sizes::fixed ? std::to_string(c.size) + "-byte frames"
                                                 : std::string(traffic::sizes_names[static_cast<unsigned>(c.sizes)]) +
                                                       " frames (mean " + format_number(std::round(mean_size)) + " bytes)";
    if (capture_traffic) {
        const auto capture = capture::check_capture(c.pcap, driver::max_frame_bytes);
        if (capture.frames == 0) throw std::invalid_argument("capture " + c.pcap + ": holds no frames to offer");
        // Shorter frames are padded to 60 bytes on the wire.
        mean_size = std::max(60.0, static_cast<double>(capture.bytes) / static_cast<double>(capture.frames));
        frames = "the frames of " + c.pcap + " (mean " + format_number(std::round(mean_size)) + " bytes)";
    }
    const double line_rate = line_rate_pps(c.link_gbps, static_cast<unsigned>(std::lround(mean_size)));
    // The quiet applications' traffic shares the wire with `load`.
    const double quiet_total = c.quiet_load_pps * (c.apps - 1);
    if (c.load_pps + quiet_total > line_rate) {
        std::ostringstream os;
        os << "load = " << format_number(c.load_pps) << ": must be at most "
           << format_number(std::floor(line_rate - quiet_total)) << " packets/s, the line rate of "
           << format_number(c.link_gbps) << " Gb/s Ethernet for " << frames;
        if (quiet_total > 0) os << " less the quiet applications' " << format_number(quiet_total) << " packets/s";
        throw std::invalid_argument(os.str());
    }
    auto power_of_two = [](unsigned v) { return v != 0 && (v & (v - 1)) == 0; };
    if (!power_of_two(c.driver.rx_ring_size))
        throw std::invalid_argument("rx = " + std::to_string(c.driver.rx_ring_size) + ": must be a power of two in 8..4096");
    if (!power_of_two(c.driver.tx_ring_size))
        throw std::invalid_argument("tx = " + std::to_string(c.driver.tx_ring_size) + ": must be a power of two in 8..4096");
    if (c.policies.polling.low_watermark >= c.policies.polling.high_watermark)
        throw std::invalid_argument("low-watermark = " + format_number(c.policies.polling.low_watermark) +
                                    ": must be below high-watermark (" +
                                    format_number(c.policies.polling.high_watermark) + ")");
    if (c.driver.rx_buffer_size % 8 != 0)
        throw std::invalid_argument("rx-buf-size = " + std::to_string(c.driver.rx_buffer_size) +
                                    ": must be a multiple of 8 in 64..16384");
    check_knobs_used(c);
}

std::string knob_range(const Knob& k) {
    if (k.type == Knob::Type::text && k.choices.empty()) return "a file name";
    if (k.type == Knob::Type::text) {
        std::string s;
        for (const auto& c : k.choices) s += (s.empty() ? "" : ", ") + c;
        return "one of " + s;
    }
    return (k.type == Knob::Type::integer ? "an integer in " : "a number in ") + bounds_text(k);
}

std::string knob_type_name(const Knob& k) {
    if (k.type == Knob::Type::text && k.choices.empty()) return "FILE";
    if (k.type == Knob::Type::text) {
        std::string s;
        for (const auto& c : k.choices) s += (s.empty() ? "" : "|") + c;
        return s;
    }
    return (k.type == Knob::Type::integer ? "INT " : "NUMBER ") + bounds_text(k);
}

std::string knob_value(const RunConfig& config, const std::string& key) {
    RunConfig copy = config;
    const auto knobs = make_knobs(copy);
    const Knob* k = find_knob(knobs, key);
    return k ? k->get() : std::string();
}

}  // namespace nicsim
