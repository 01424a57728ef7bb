#include "sweep/sweep_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <map>
#include <ostream>
#include <regex>
#include <sstream>
#include <stdexcept>

#include "apps/drop_reason.hpp"

namespace nicsim::sweep {
namespace {

double number(const nlohmann::ordered_json& j, const std::string& key) {
    if (!j.contains(key) || !j[key].is_number()) return 0;
    return j[key].get<double>();
}

// A label per plotted line: the policy, the application when it is not forwarding, and the
// point's value of each axis.
std::string label(const PointResult& r) {
    std::string l = r.point.policy;
    if (r.json.contains("app") && r.json["app"] != "forward") l += " (" + r.json["app"].get<std::string>() + ")";
    for (const auto& [k, v] : r.point.axis_values) l += " " + k + "=" + v;
    return l;
}

std::size_t longest_label(const std::vector<std::string>& labels) {
    std::size_t n = 0;
    for (const auto& l : labels) n = std::max(n, l.size());
    return n;
}

// With several seeds a row carries NAME_ci95 beside each metric.
bool has_intervals(const std::vector<PointResult>& results) {
    for (const auto& r : results)
        if (r.finished) return r.json.contains("delivered_pps_ci95");
    return false;
}

std::vector<std::string> columns(const std::vector<PointResult>& results) {
    std::vector<std::string> cols;
    for (const auto& r : results) {
        if (!r.finished) continue;
        for (const auto& [k, v] : r.json.items()) {
            bool seen = false;
            for (const auto& c : cols) seen = seen || c == k;
            if (!seen) cols.push_back(k);
        }
    }
    return cols;
}

std::string cell(const nlohmann::ordered_json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
    if (v.is_number_integer()) return std::to_string(v.get<long long>());
    if (v.is_number()) {
        std::ostringstream os;
        os << std::setprecision(9) << v.get<double>();
        return os.str();
    }
    return "";
}

// Only into a staging folder: the sweep's own folder changes by renames alone.
void write_file(const std::string& path, const std::string& text) {
    std::ofstream f(path, std::ios::binary);
    f << text;
    f.close();
    if (!f) throw std::runtime_error("cannot write " + path);
}

// A POSIX shell single-quoted word.
std::string shell_quoted(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

// A gnuplot single-quoted string: a quote inside is written twice.
std::string quoted(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
}

// How many of `prefix`N`suffix` keys (N = 0, 1, ...) the runs report, at most.
unsigned count_indexed(const std::vector<PointResult>& results, const std::string& prefix, const std::string& suffix) {
    unsigned most = 0;
    for (const auto& r : results) {
        if (!r.finished) continue;
        unsigned n = 0;
        while (r.json.contains(prefix + std::to_string(n) + suffix)) ++n;
        most = std::max(most, n);
    }
    return most;
}

// apps.svg, for runs with several applications: each application's delivered rate against
// the load offered to the last one (the swept one), a colour per policy, a dash per application.
void plot_applications(const std::string& dir, const std::string& title, const std::vector<PointResult>& results,
                       const std::vector<std::string>& labels, std::ostringstream& gp) {
    const unsigned apps = count_indexed(results, "app", "_delivered_pps");
    if (apps < 2) return;
    const bool intervals = has_intervals(results);
    const std::string x = "app" + std::to_string(apps - 1) + "_offered_pps";
    for (std::size_t i = 0; i < labels.size(); ++i) {
        std::ostringstream rows;
        rows << std::setprecision(9);
        for (const auto& r : results) {
            if (!r.finished || label(r) != labels[i]) continue;
            rows << number(r.json, x);
            for (unsigned a = 0; a < apps; ++a)
                rows << " " << number(r.json, "app" + std::to_string(a) + "_delivered_pps");
            if (intervals)
                for (unsigned a = 0; a < apps; ++a)
                    rows << " " << number(r.json, "app" + std::to_string(a) + "_delivered_pps_ci95");
            rows << "\n";
        }
        write_file(dir + "/apps_" + std::to_string(i) + ".dat", rows.str());
    }
    gp << "set output 'apps.svg'\nset title " << quoted(title + ": each application's delivered rate") << "\n"
       << "set xlabel " << quoted("offered to app" + std::to_string(apps - 1) + " (packets/s)") << "\n"
       << "set ylabel 'delivered (packets/s)'\nset yrange [0:*]\nset format y '%.1s%c'\nplot ";
    for (std::size_t i = 0; i < labels.size(); ++i)
        for (unsigned a = 0; a < apps; ++a)
            gp << (i + a ? ", " : "") << quoted("apps_" + std::to_string(i) + ".dat") << " using 1:" << a + 2
               << (intervals ? ":" + std::to_string(a + 2 + apps) + " with yerrorlines" : std::string(" with linespoints"))
               << " lw 2 lc " << i + 1 << " dt " << a + 1 << " title " << quoted(labels[i] + ": app" + std::to_string(a));
    gp << "\nunset yrange\nset format y '%g'\n";
}

// cores.svg, for runs with several cores: how busy each core was, a panel per policy.
// One metric against offered load, a line per label: `metric_NAME_i.dat`, plotted into
// `file`. Drawn only when some point has the metric above zero.
void plot_metric(const std::string& dir, const std::string& title, const std::vector<PointResult>& results,
                 const std::vector<std::string>& labels, std::ostringstream& gp, const std::string& metric,
                 const std::string& file, const std::string& what, bool log_y, const char* y_format = "%.1s%c") {
    bool any = false;
    for (const auto& r : results) any = any || (r.finished && number(r.json, metric) > 0);
    if (!any) return;
    const bool intervals = has_intervals(results);
    for (std::size_t i = 0; i < labels.size(); ++i) {
        std::ostringstream rows;
        rows << std::setprecision(9);
        for (const auto& r : results) {
            if (!r.finished || label(r) != labels[i]) continue;
            rows << number(r.json, "offered_pps") << " " << number(r.json, metric);
            if (intervals) rows << " " << number(r.json, metric + "_ci95");
            rows << "\n";
        }
        write_file(dir + "/metric_" + metric + "_" + std::to_string(i) + ".dat", rows.str());
    }
    gp << "set output " << quoted(file) << "\nset title " << quoted(title + ": " + what) << "\n"
       << "set xlabel 'offered load (packets/s)'\nset ylabel " << quoted(what) << "\n"
       << (log_y ? "set logscale y\n" : "set yrange [0:*]\n") << "set format y '" << y_format << "'\nplot ";
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const std::string f = quoted("metric_" + metric + "_" + std::to_string(i) + ".dat");
        gp << (i ? ", " : "") << f << " using 1:" << (log_y ? "($2>0?$2:1/0)" : "2")
           << (intervals ? ":3 with yerrorlines" : " with linespoints") << " lw 2 lc " << i + 1 << " title "
           << quoted(labels[i]);
    }
    gp << "\n" << (log_y ? "unset logscale y\n" : "unset yrange\n") << "set format y '%g'\n";
}

void plot_cores(const std::string& dir, const std::string& title, const std::vector<PointResult>& results,
                const std::vector<std::string>& labels, std::ostringstream& gp) {
    const unsigned cores = count_indexed(results, "core", "_idle");
    if (cores < 2) return;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        std::ostringstream rows;
        rows << std::setprecision(9);
        for (const auto& r : results) {
            if (!r.finished || label(r) != labels[i]) continue;
            rows << number(r.json, "offered_pps");
            // A one-core run reports only the total split, which is its one core's.
            const bool split = r.json.contains("core0_idle");
            for (unsigned c = 0; c < cores; ++c) {
                const std::string key = "core" + std::to_string(c) + "_idle";
                if (split && r.json.contains(key)) rows << " " << 1.0 - number(r.json, key);
                else if (!split && c == 0) rows << " " << 1.0 - number(r.json, "cpu_idle");
                else rows << " NaN";
            }
            rows << "\n";
        }
        write_file(dir + "/cores_" + std::to_string(i) + ".dat", rows.str());
    }
    gp << "set output 'cores.svg'\nset multiplot layout " << (labels.size() + 1) / 2 << ",2 title "
       << quoted(title + ": how busy each core was") << "\nset yrange [0:1.05]\nset ylabel 'busy fraction'\n"
       << "set xlabel 'offered load (packets/s)'\n";
    for (std::size_t i = 0; i < labels.size(); ++i) {
        gp << "set title " << quoted(labels[i]) << "\nplot ";
        for (unsigned c = 0; c < cores; ++c)
            gp << (c ? ", " : "") << quoted("cores_" + std::to_string(i) + ".dat") << " using 1:" << c + 2
               << " with linespoints title " << quoted("core " + std::to_string(c));
        gp << "\n";
    }
    gp << "unset multiplot\nunset yrange\n";
}

}  // namespace

std::string conservation_problem(const PointResult& run) {
    if (!run.finished) return {};
    double drops = 0;
    for (const auto& [k, v] : run.json.items())
        if (apps::drop_reason_named(k) && v.is_number()) drops += v.get<double>();
    const double offered = number(run.json, "offered_pkts");
    const double delivered = number(run.json, "delivered_pkts");
    const double in_flight = number(run.json, "in_flight_pkts");
    if (offered == delivered + drops + in_flight && in_flight == 0) return {};
    std::ostringstream os;
    if (offered == delivered + drops + in_flight && run.json.value("drained", true) == false) {
        os << "the drain time ran out with " << in_flight << " packets still in flight (not lost)";
        return os.str();
    }
    os << "offered " << offered << " != delivered " << delivered << " + drops " << drops << " + in flight " << in_flight;
    return os.str();
}

std::string results_csv(const std::vector<PointResult>& results) {
    const auto cols = columns(results);
    std::ostringstream out;
    for (std::size_t i = 0; i < cols.size(); ++i) out << (i ? "," : "") << cols[i];
    out << "\n";
    for (const auto& r : results) {
        if (!r.finished) continue;
        for (std::size_t i = 0; i < cols.size(); ++i) {
            out << (i ? "," : "");
            if (r.json.contains(cols[i])) out << cell(r.json[cols[i]]);
        }
        out << "\n";
    }
    return out.str();
}

std::string results_json(const std::vector<PointResult>& results) {
    nlohmann::ordered_json all = nlohmann::ordered_json::array();
    for (const auto& r : results)
        if (r.finished) all.push_back(r.json);
    return all.dump(1) + "\n";
}

void write_plots(const std::string& dir, const std::string& title, const std::vector<PointResult>& results) {
    // One data file per line label, rows in load order, with the columns the plots use.
    static const std::vector<std::string> fields{"offered_pps", "delivered_pps", "cpu_hardirq", "cpu_softirq",
                                                 "cpu_kthread", "cpu_user",      "cpu_idle",    "lat_p50_us",
                                                 "lat_p99_us"};
    std::vector<std::string> labels;
    std::map<std::string, std::string> data;
    std::vector<std::string> drop_fields;
    for (const auto& r : results) {
        if (!r.finished) continue;
        for (const auto& [k, v] : r.json.items())
            if (apps::drop_reason_named(k)) {
                bool seen = false;
                for (const auto& d : drop_fields) seen = seen || d == k;
                if (!seen) drop_fields.push_back(k);
            }
    }
    // Only the places where something died are worth a line.
    std::vector<std::string> live_drops;
    for (const auto& d : drop_fields)
        for (const auto& r : results)
            if (r.finished && number(r.json, d) > 0) {
                live_drops.push_back(d);
                break;
            }
    // With several seeds, the intervals of delivered_pps, lat_p50_us and lat_p99_us follow
    // the drop columns.
    const bool intervals = has_intervals(results);
    const std::size_t ci_column = 10 + live_drops.size();
    for (const auto& r : results) {
        if (!r.finished) continue;
        const std::string l = label(r);
        if (!data.count(l)) labels.push_back(l);
        std::ostringstream row;
        row << std::setprecision(9);
        for (const auto& f : fields) row << number(r.json, f) << " ";
        const double offered = number(r.json, "offered_pkts");
        for (const auto& d : live_drops) row << (offered > 0 ? number(r.json, d) / offered : 0) << " ";
        if (intervals)
            for (const char* f : {"delivered_pps_ci95", "lat_p50_us_ci95", "lat_p99_us_ci95"}) row << number(r.json, f) << " ";
        data[l] += row.str() + "\n";
    }
    for (std::size_t i = 0; i < labels.size(); ++i) write_file(dir + "/data_" + std::to_string(i) + ".dat", data[labels[i]]);

    std::ostringstream gp;
    gp << "# Generated by nicsim sweep; run `gnuplot plots.gp` in this folder to redraw.\n"
       << "set datafile separator ' '\n"
       // Long labels (a point per axis value) beside the plot would squeeze it: below it then.
       << (longest_label(labels) > 28 ? "set key below\n" : "set key outside right top\n") << "set grid\n"
       // ColorBrewer Dark2: gnuplot's default fourth colour (pale yellow) is unreadable on white.
       << "set linetype 1 lc rgb '#1b9e77'\nset linetype 2 lc rgb '#d95f02'\nset linetype 3 lc rgb '#7570b3'\n"
       << "set linetype 4 lc rgb '#e7298a'\nset linetype 5 lc rgb '#66a61e'\nset linetype 6 lc rgb '#e6ab02'\n"
       << "set linetype 7 lc rgb '#a6761d'\nset linetype 8 lc rgb '#666666'\n"
       << "set style line 99 lc rgb '#999999' dt 2\n"
       << "set format x '%.1s%c'\n";  // 800k, 1.2M: loads span orders of magnitude
    auto plot_lines = [&](int ycol, const std::string& suffix, bool with_reference) {
        gp << "plot ";
        if (with_reference) gp << "x with lines ls 99 title 'offered', ";
        for (std::size_t i = 0; i < labels.size(); ++i)
            gp << (i ? ", " : "") << quoted("data_" + std::to_string(i) + ".dat") << " using 1:" << ycol
               << (intervals ? ":" + std::to_string(ci_column) + " with yerrorlines" : std::string(" with linespoints"))
               << " lw 2 title " << quoted(labels[i] + suffix);
        gp << "\n";
    };
    for (const char* term : {"svg size 900,560 dynamic background rgb 'white'", "pngcairo size 900,560"}) {
        const std::string ext = std::string(term).rfind("svg", 0) == 0 ? "svg" : "png";
        gp << "set terminal " << term << "\nset output 'livelock." << ext << "'\n"
           << "set title " << quoted(title + ": delivered vs offered load" + (intervals ? " (95% confidence intervals)" : ""))
           << "\n"
           << "set xlabel 'offered load (packets/s)'\nset ylabel 'delivered (packets/s)'\nset yrange [0:*]\n"
           << "set format y '%.1s%c'\n";
        plot_lines(2, "", true);
    }
    gp << "set terminal svg size 900,560 dynamic background rgb 'white'\nunset yrange\nset format y '%g'\n";
    // CPU split: one panel per policy.
    gp << "set output 'cpu.svg'\nset multiplot layout " << (labels.size() + 1) / 2 << ",2 title "
       << quoted(title + ": where the CPU went") << "\nset yrange [0:1]\nset ylabel 'fraction of all cores'\n"
       << "set xlabel 'offered load (packets/s)'\n";
    static const char* cpu_names[] = {"hardirq", "softirq", "kthread", "user", "idle"};
    for (std::size_t i = 0; i < labels.size(); ++i) {
        gp << "set title " << quoted(labels[i]) << "\nplot ";
        for (int c = 0; c < 5; ++c)
            gp << (c ? ", " : "") << quoted("data_" + std::to_string(i) + ".dat") << " using 1:" << 3 + c
               << " with linespoints title " << quoted(cpu_names[c]);
        gp << "\n";
    }
    gp << "unset multiplot\nunset yrange\n";
    // Latency.
    gp << "set output 'latency.svg'\nset title "
       << quoted(title + ": latency (p50 solid, p99 dashed)" + (intervals ? ", 95% confidence intervals" : ""))
       << "\nset ylabel 'latency (us)'\nset logscale y\n";
    // A sweep whose windows delivered nothing has no latency to draw (gnuplot refuses a plot
    // whose every point is undefined).
    bool any_latency = false;
    for (const auto& r : results)
        any_latency = any_latency || (r.finished && (number(r.json, "lat_p50_us") > 0 || number(r.json, "lat_p99_us") > 0));
    gp << (any_latency ? "plot " : "set yrange [1:10]\nplot 1/0 title 'no packet delivered in a measurement window'");
    for (std::size_t i = 0; any_latency && i < labels.size(); ++i) {
        const std::string f = quoted("data_" + std::to_string(i) + ".dat");
        // An error bar reaching below zero cannot be drawn on a log scale: clipped at a tenth.
        auto style = [&](int y, std::size_t ci) {
            if (!intervals) return " using 1:($" + std::to_string(y) + ">0?$" + std::to_string(y) + ":1/0) with linespoints";
            const std::string v = "$" + std::to_string(y), c = "$" + std::to_string(ci);
            return " using 1:(" + v + ">0?" + v + ":1/0):(" + v + "-" + c + ">0?" + v + "-" + c + ":" + v + "/10):(" + v +
                   "+" + c + ") with yerrorlines";
        };
        gp << (i ? ", " : "") << f << style(8, ci_column + 1) << " lw 2 lc " << i + 1 << " title "
           << quoted(labels[i] + " p50") << ", " << f << style(9, ci_column + 2) << " dt 2 lc " << i + 1 << " title "
           << quoted(labels[i] + " p99");
    }
    gp << "\nunset logscale y\nunset yrange\n";
    // Drops: one panel per policy, a line per place packets died, as a fraction of offered.
    gp << "set output 'drops.svg'\nset multiplot layout " << (labels.size() + 1) / 2 << ",2 title "
       << quoted(title + ": where packets died (fraction of offered)") << "\nset yrange [0:1]\n"
       << "set ylabel 'fraction of offered'\n";
    for (std::size_t i = 0; i < labels.size(); ++i) {
        gp << "set title " << quoted(labels[i]) << "\n";
        if (live_drops.empty()) {
            gp << "plot 0 title 'no drops'\n";
            continue;
        }
        gp << "plot ";
        for (std::size_t d = 0; d < live_drops.size(); ++d)
            gp << (d ? ", " : "") << quoted("data_" + std::to_string(i) + ".dat") << " using 1:" << 10 + d
               << " with linespoints title " << quoted(live_drops[d].substr(5));
        gp << "\n";
    }
    gp << "unset multiplot\nunset yrange\n";
    plot_applications(dir, title, results, labels, gp);
    plot_cores(dir, title, results, labels, gp);
    // Transmit starvation, the NAPI_HOWTO table, and the cycle limit's CPU-bound process.
    plot_metric(dir, title, results, labels, gp, "tx_completions_pps", "tx.svg", "transmit completions per second",
                false);
    plot_metric(dir, title, results, labels, gp, "irq_per_mpkt", "interrupts.svg",
                "interrupts per million packets received", true);
    plot_metric(dir, title, results, labels, gp, "hog_cpu", "hog.svg", "CPU share of the CPU-bound process", false,
                "%g");
    write_file(dir + "/plots.gp", gp.str());
    const std::string cmd = "cd " + shell_quoted(dir) + " && gnuplot plots.gp 2> .gnuplot.log";
    if (std::system(cmd.c_str()) != 0) {
        std::ifstream log(dir + "/.gnuplot.log");
        std::ostringstream msg;
        msg << log.rdbuf();
        throw std::runtime_error("gnuplot failed drawing the plots: " + msg.str());
    }
    std::remove((dir + "/.gnuplot.log").c_str());
}

bool is_report_file(const std::string& name) {
    static const std::vector<std::string> names{
        "results.csv", "results.json", "plots.gp",  "livelock.svg", "livelock.png", "cpu.svg",  "latency.svg",
        "drops.svg",   "apps.svg",     "cores.svg", "tx.svg",       "interrupts.svg", "hog.svg"};
    if (std::find(names.begin(), names.end(), name) != names.end()) return true;
    // data_N, apps_N and cores_N per plotted line; metric_NAME_N for plot_metric's plots.
    static const std::regex data(R"((data|apps|cores|metric_[a-z0-9_]+)_[0-9]+\.dat)");
    return std::regex_match(name, data);
}

void print_table(std::ostream& out, const std::vector<PointResult>& results) {
    int width = 24;
    for (const auto& r : results)
        if (r.finished) width = std::max(width, static_cast<int>(label(r).size()) + 2);
    out << "(nic drop, host drop: fraction of offered packets; cpu busy: fraction of all cores"
        << (has_intervals(results) ? "; means over the seeds" : "") << ")\n";
    out << std::left << std::setw(width) << "policy" << std::right << std::setw(12) << "offered/s" << std::setw(13)
        << "delivered/s" << std::setw(11) << "nic drop" << std::setw(11) << "host drop" << std::setw(10) << "cpu busy"
        << std::setw(11) << "p99 us" << "\n";
    for (const auto& r : results) {
        if (!r.finished) continue;
        double nic = 0, host = 0;
        for (const auto& [k, v] : r.json.items()) {
            const auto reason = apps::drop_reason_named(k);
            if (reason && reason->at_nic) nic += v.get<double>();
            else if (reason) host += v.get<double>();
        }
        const double offered = number(r.json, "offered_pkts");
        out << std::left << std::setw(width) << label(r) << std::right << std::fixed << std::setprecision(0)
            << std::setw(12) << number(r.json, "offered_pps") << std::setw(13) << number(r.json, "delivered_pps")
            << std::setprecision(3) << std::setw(11) << (offered > 0 ? nic / offered : 0) << std::setw(11)
            << (offered > 0 ? host / offered : 0) << std::setw(10) << 1.0 - number(r.json, "cpu_idle")
            << std::setprecision(1) << std::setw(11) << number(r.json, "lat_p99_us") << "\n";
        out << std::defaultfloat;
    }
}

}  // namespace nicsim::sweep
