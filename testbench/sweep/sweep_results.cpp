#include "sweep/sweep_results.hpp"

#include <sstream>

#include "sweep/knob_text.hpp"
#include "sweep/plan_files.hpp"
#include "cosim/run_config.hpp"
#include "sweep/run_records.hpp"
#include "sweep/seed_statistics.hpp"

namespace nicsim::sweep {
namespace {

// A swept key's value as JSON of its knob's type.
nlohmann::ordered_json typed_value(const std::vector<Knob>& knobs, const std::string& key, const std::string& value) {
    const Knob* k = knob_named(knobs, key);
    if (!k || k->type == Knob::Type::text) return value;
    const double v = std::stod(value);
    if (k->type == Knob::Type::integer || v == static_cast<double>(static_cast<long long>(v)))
        return static_cast<long long>(v);
    return v;
}

// The row's leading columns: the variant (when the point's name is not the policy that ran),
// policy and app as the run reported them, then each axis and the load.
nlohmann::ordered_json identity(const SweepPoint& point, const nlohmann::ordered_json& run) {
    RunConfig scratch;
    const auto knobs = make_knobs(scratch);
    nlohmann::ordered_json row;
    if (run.contains("policy") && run["policy"] != point.policy) row["variant"] = point.policy;
    for (const char* key : {"policy", "app"})
        if (run.contains(key)) row[key] = run[key];
    for (const auto& [k, v] : point.axis_values)
        if (!row.contains(k)) row[k] = typed_value(knobs, k, v);
    row["load"] = typed_value(knobs, "load", number_text(point.load));
    return row;
}

nlohmann::ordered_json one_seed(const SweepPoint& point, const nlohmann::ordered_json& run) {
    nlohmann::ordered_json row = identity(point, run);
    for (const auto& [k, v] : run.items())
        if (!row.contains(k)) row[k] = v;
    return row;
}

// Several seeds: text as the first run has it (the same in all), flags true only if true in
// every run, the seed as the first one and the number of seeds, every other number as
// mean, NAME_sd and NAME_ci95.
nlohmann::ordered_json several_seeds(const SweepPoint& point, const std::vector<const nlohmann::ordered_json*>& runs) {
    const auto& first = *runs.front();
    nlohmann::ordered_json row = identity(point, first);
    for (const auto& [k, v] : first.items()) {
        if (row.contains(k)) continue;
        if (k == "seed") {
            row["seed"] = v;
            row["seeds"] = runs.size();
        } else if (v.is_boolean()) {
            bool all = true;
            for (const auto* r : runs) all = all && r->contains(k) && (*r)[k].is_boolean() && (*r)[k].get<bool>();
            row[k] = all;
        } else if (v.is_number()) {
            std::vector<double> values;
            for (const auto* r : runs)
                if (r->contains(k) && (*r)[k].is_number()) values.push_back((*r)[k].get<double>());
            if (values.size() < 2) {
                row[k] = v;
                continue;
            }
            const auto s = summarize(values);
            row[k] = s.mean;
            row[k + "_sd"] = s.sd;
            row[k + "_ci95"] = s.ci95;
        } else {
            row[k] = v;
        }
    }
    return row;
}

}  // namespace

std::vector<PointResult> collect_runs(const std::filesystem::path& runs, const std::vector<SweepPoint>& points,
                                      const std::vector<SweepRun>& all) {
    std::vector<PointResult> results;
    results.reserve(all.size());
    for (std::size_t i = 0; i < all.size(); ++i) {
        const auto& run = all[i];
        const RunRecord record = read_record(runs, run_id(i, all.size()));
        PointResult r;
        r.point = points[run.point];
        r.point.settings = run.settings;
        r.name = describe_run(run, points[run.point]);
        r.exit_status = record.ended ? record.exit_status : -1;
        r.error = record.log;
        r.finished = record.has_result;
        if (r.finished) {
            r.json = record.json;
            if (r.json.contains("wall_s") && r.json["wall_s"].is_number()) r.wall_s = r.json["wall_s"].get<double>();
            r.json.erase("wall_s");
        }
        results.push_back(std::move(r));
    }
    return results;
}

std::vector<PointResult> point_rows(const SweepPlan& plan, const std::vector<SweepPoint>& points,
                                    const std::vector<PointResult>& runs) {
    std::vector<PointResult> rows;
    const std::size_t seeds = plan.seeds;
    for (std::size_t p = 0; p < points.size(); ++p) {
        PointResult row;
        row.point = points[p];
        row.name = points[p].policy + " at " + number_text(points[p].load) + " packets/s";
        std::vector<const nlohmann::ordered_json*> results;
        row.exit_status = 0;
        for (std::size_t s = 0; s < seeds; ++s) {
            const auto& run = runs.at(p * seeds + s);
            if (run.finished) results.push_back(&run.json);
            if (run.exit_status != 0) row.exit_status = run.exit_status;
        }
        row.finished = results.size() == seeds;
        if (row.finished) row.json = seeds == 1 ? one_seed(row.point, *results.front()) : several_seeds(row.point, results);
        rows.push_back(std::move(row));
    }
    return rows;
}

std::string timing_csv(const std::vector<SweepRun>& all, const std::vector<SweepPoint>& points,
                       const std::vector<PointResult>& runs) {
    std::ostringstream out;
    out << "run,policy,";
    if (!points.empty())
        for (const auto& [k, v] : points.front().axis_values) out << k << ",";
    out << "load,seed,wall_s\n";
    for (std::size_t i = 0; i < all.size(); ++i) {
        const auto& point = points[all[i].point];
        out << run_id(i, all.size()) << "," << point.policy << ",";
        for (const auto& [k, v] : point.axis_values) out << v << ",";
        out << number_text(point.load) << "," << all[i].seed << ",";
        if (runs[i].wall_s >= 0) out << runs[i].wall_s;
        out << "\n";
    }
    return out.str();
}

}  // namespace nicsim::sweep
