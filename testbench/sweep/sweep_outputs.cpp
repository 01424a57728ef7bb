#include "sweep/sweep_outputs.hpp"

#include "output/atomic_output_file.hpp"
#include "output/staged_outputs.hpp"
#include "sweep/stop_signals.hpp"
#include "sweep/sweep_folder.hpp"
#include "sweep/sweep_report.hpp"

namespace nicsim::sweep {

std::vector<std::string> commit_outputs(const std::filesystem::path& out, const std::string& title,
                                        const std::string& plan_toml, const std::vector<PointResult>& rows,
                                        const std::string& timing_csv) {
    output::StagedOutputs stage(out);
    stage.write("results.csv", results_csv(rows));
    stage.write("results.json", results_json(rows));
    stage.write("timing.csv", timing_csv);
    bool any = false;
    for (const auto& r : rows) any = any || r.finished;
    if (any) write_plots(stage.dir().string(), title, rows);
    // The plan last among the renames: a folder whose plan.toml is the new one holds the new
    // results (the renames run with the stop signals held, so they do not stop half way).
    const HoldStopSignals hold;
    auto names = stage.commit();
    output::write_file_atomically(out / "plan.toml", plan_toml);
    names.push_back("plan.toml");
    remove_stale_outputs(out, names);
    return names;
}

}  // namespace nicsim::sweep
