// nicsim replay against the reference classifier: thousands of seeded random frames (IPv4,
// IPv6, TCP, UDP, other protocols, VLAN tags, IPv4 options, fragments, malformed ones) go
// through the RTL NIC one at a time, and every row of the replay must be what
// model::Classifier decides for that frame with the same key and indirection table.
#include <catch2/catch.hpp>

#include <cstdint>
#include <filesystem>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "classifier.hpp"
#include "frame_builder.hpp"
#include "pcap/pcap_writer.hpp"
#include "replay/replay_run.hpp"

namespace {

using namespace nicsim;

// Not the Microsoft key, so a NIC that ignored the programmed key would disagree.
tb::RssKey test_key() {
    tb::RssKey key{};
    for (std::size_t i = 0; i < key.size(); ++i) key[i] = static_cast<std::uint8_t>(0x3d + 0x47 * i);
    return key;
}

// The row the NIC should produce for `frame`: runts are counted in rx_runt before any
// classification; everything else is the classifier's decision.
tb::ReplayRow expected_row(std::uint64_t index, const std::vector<std::uint8_t>& frame, const model::Classifier& classifier) {
    tb::ReplayRow row;
    row.frame = index;
    row.length = static_cast<std::uint32_t>(frame.size());
    if (frame.size() < 60) {
        row.drop_counter = "rx_runt";
        return row;
    }
    const model::ClassifierResult r = classifier.evaluate(frame);
    if (r.action == model::ClassifierAction::drop) {
        row.drop_counter = "rx_filter_drops";
        return row;
    }
    row.delivery = tb::ReplayDelivery{r.queue, r.rss_hash, static_cast<std::uint8_t>(r.rss_type)};
    return row;
}

std::string csv_of(const tb::ReplayRow& row) {
    std::ostringstream os;
    tb::write_replay_row(os, row);
    std::string text = os.str();
    text.pop_back();  // the newline
    return text;
}

}  // namespace

TEST_CASE("replay of 2400 random frames on 4 queues with a non-default key agrees with model::Classifier",
          "[system][replay]") {
    const std::uint64_t seed = 0x5EED'2400;
    std::cout << "seed " << seed << "\n";
    INFO("seed " << seed);

    model::RandomFrameOptions frame_options;
    frame_options.malformed_percent = 15;
    model::RandomFrameBuilder builder(seed, frame_options);
    std::vector<std::vector<std::uint8_t>> frames;
    const auto path = (std::filesystem::current_path() / "replay_random_2400.pcap").string();
    {
        capture::PcapWriter writer(path);
        for (int i = 0; i < 2400; ++i) {
            frames.push_back(builder.next().bytes);
            writer.write(frames.back(), static_cast<std::uint64_t>(i) * 1000);
        }
    }

    tb::ReplayOptions options;
    options.pcap_path = path;
    options.queues = 4;
    options.rss_key = test_key();
    tb::Replayer replayer(options);
    REQUIRE(replayer.queues() == 4);

    model::ClassifierConfig config;
    config.num_queues = replayer.nic_queues();
    config.rss.key = test_key();
    config.rss.indirection = model::default_indirection_table(4);
    const model::Classifier classifier(config);

    std::vector<tb::ReplayRow> rows;
    const tb::ReplaySummary summary = replayer.run([&](const tb::ReplayRow& row) { rows.push_back(row); });
    std::cout << "replayed " << summary.frames << " frames in " << summary.wall_s << " s ("
              << static_cast<double>(summary.frames) / summary.wall_s << " frames/s, " << summary.nic_cycles
              << " NIC cycles)\n";
    REQUIRE(rows.size() == frames.size());
    REQUIRE(summary.frames == frames.size());

    // Every disagreement, grouped by what the NIC said against what the model said, so a
    // failure shows its pattern rather than only its first row.
    std::map<std::string, unsigned> disagreements;
    std::vector<std::string> examples;
    unsigned runts = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        REQUIRE(rows[i].frame == i);
        const tb::ReplayRow want = expected_row(i, frames[i], classifier);
        if (want.drop_counter == "rx_runt") ++runts;
        const std::string got_text = csv_of(rows[i]);
        const std::string want_text = csv_of(want);
        if (got_text == want_text) continue;
        std::string kind;
        if (rows[i].delivered() != want.delivered()) kind = "outcome " + got_text.substr(got_text.rfind(',') + 1) +
                                                            " vs model " + want_text.substr(want_text.rfind(',') + 1);
        else if (rows[i].delivered())
            kind = "NIC type " + tb::rss_type_text(rows[i].delivery->rss_type) + " hash " +
                   (rows[i].delivery->rss_hash == 0 ? "0" : "!=0") + " queue " +
                   std::to_string(rows[i].delivery->queue) + ", model type " + tb::rss_type_text(want.delivery->rss_type);
        else kind = "drop reason";
        ++disagreements[kind];
        if (examples.size() < 8) examples.push_back("  NIC   " + got_text + "\n  model " + want_text);
    }
    unsigned total = 0;
    std::ostringstream report;
    for (const auto& [kind, count] : disagreements) {
        report << "  " << count << " x " << kind << "\n";
        total += count;
    }
    for (const auto& e : examples) report << e << "\n";
    INFO(total << " of " << rows.size() << " rows disagree with model::Classifier:\n" << report.str());
    CHECK(runts > 0);  // the capture exercised the runt path
    CHECK(summary.dropped == runts);
    CHECK(total == 0);
}
