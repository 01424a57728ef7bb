#include "cli/seed_option.hpp"
#include "cli/replay_command.hpp"

#include <CLI/CLI.hpp>

#include <iostream>
#include <limits>
#include <optional>
#include <stdexcept>

#include "cli/trace_output.hpp"
#include "harness/trace_support.hpp"
#include "output/atomic_output_file.hpp"

namespace nicsim::tb {

void add_replay_command(CLI::App& app, ReplayCommand& cmd) {
    auto* replay = app.add_subcommand("replay", "Replay a capture through the RTL NIC: one CSV row per frame with its "
                                                "queue, RSS hash and type, or the drop counter that counted it");
    replay->add_option("--pcap", cmd.options.pcap_path, "Capture to replay (pcap, Ethernet link type)")
        ->required()
        ->type_name("FILE.pcap");
    replay->add_option("--queues", cmd.queues,
                       "Active queues, 1..the NIC's NumQueues; indirection table entry i = i % queues "
                       "[all the NIC has]");
    replay->add_option("--rss-key", cmd.rss_key, "Toeplitz key, 80 hex digits (40 bytes) [Microsoft's key]")
        ->type_name("HEX");
    replay->add_option("--out", cmd.out, "Write the CSV to this file instead of stdout")->type_name("FILE.csv");
    replay->add_option("--seed", cmd.options.seed, "Seed, reported only: nothing in a replay is random")
        ->check(cli::seed_digits())
        ->capture_default_str();
    add_trace_flags(*replay, cmd.trace);
}

int run_replay_command(ReplayCommand& cmd, const CLI::App& replay) {
    // Every bad input is refused before a frame is simulated: the key here, the capture and
    // the queue count while the Replayer is built, the output file before the run.
    if (replay.get_option("--queues")->count() > 0) cmd.options.queues = cmd.queues;
    if (replay.get_option("--rss-key")->count() > 0) cmd.options.rss_key = parse_rss_key_hex(cmd.rss_key);
    cmd.options.trace = trace_options_from(replay, cmd.trace);
    require_trace_support(cmd.options.trace);
    // A replay's length is known only once it has run (one frame at a time, each as long as
    // the NIC takes): a window after the end is reported afterwards, not refused here.
    check_trace_options(cmd.options.trace, {std::numeric_limits<double>::infinity()});
    TraceOutput trace(cmd.options.trace);
    cmd.options.trace = trace.staged();
    Replayer replayer(cmd.options);
    // The CSV appears at --out only once complete: an interrupted or failed replay leaves the
    // file that was there before.
    std::optional<output::AtomicOutputFile> file;
    if (!cmd.out.empty()) {
        try {
            file.emplace(cmd.out);
        } catch (const output::OutputFileError& e) {
            throw std::invalid_argument("--out " + cmd.out + ": " + e.reason());
        }
    }
    std::ostream& csv = file ? file->stream() : std::cout;

    const auto& capture = replayer.capture();
    if (capture.truncated > 0)
        std::cerr << "nicsim replay: " << capture.truncated << " of " << capture.frames
                  << " records were cut short in the capture (caplen < len), the first is frame "
                  << *capture.first_truncated << ": replaying the bytes that were captured\n";
    csv << replay_csv_header << "\n";
    const auto summary = replayer.run([&](const ReplayRow& row) { write_replay_row(csv, row); });
    csv.flush();
    if (!csv) throw std::runtime_error("writing the CSV failed" + (cmd.out.empty() ? std::string() : " (" + cmd.out + ")"));
    if (file) file->commit();
    print_replay_summary(std::cerr, cmd.options, replayer, summary);
    trace.finish(std::cerr, replayer.trace_report());
    return 0;
}

}  // namespace nicsim::tb
