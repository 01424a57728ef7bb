// The RTL classifier against the reference model (model::Classifier) on seeded random frames:
// the queue, RSS hash and RSS type of every delivered frame, every frame that is not delivered
// and why, and the malformed counters. NICSIM_SEED=<n> replays one seed.
#include <array>
#include <cstdlib>
#include <iostream>
#include <random>

#include "classifier_fixture.hpp"
#include "frame_builder.hpp"

using namespace nicsim;
using nicsim::test::ClassifierFixture;
using nicsim::test::ReceivedFrame;

namespace {

std::uint64_t seed_or_env(std::uint64_t fallback) {
    if (const char* env = std::getenv("NICSIM_SEED")) return std::strtoull(env, nullptr, 0);
    return fallback;
}

// mt19937_64's output sequence is fixed by the standard (its distributions are not), so only
// raw draws are used.
struct Rng {
    std::mt19937_64 engine;
    explicit Rng(std::uint64_t seed) : engine(seed) {}
    unsigned below(unsigned bound) { return static_cast<unsigned>(engine() % bound); }
    bool chance(unsigned percent) { return below(100) < percent; }
};

// A random RSS key, type enables (each on with 3 in 4) and indirection table (entries up to 5:
// 4 and 5 are queues the NIC does not have, which act as 0).
model::ClassifierConfig random_config(Rng& rng) {
    model::ClassifierConfig c;
    c.num_queues = test::nic_queues;
    c.default_queue = static_cast<std::uint8_t>(rng.below(6));
    for (auto& byte : c.rss.key) byte = static_cast<std::uint8_t>(rng.engine());
    c.rss.enabled_types = 0;
    for (unsigned type = 1; type <= 6; ++type)
        if (rng.chance(75)) c.rss.enabled_types |= static_cast<std::uint8_t>(1u << type);
    for (auto& entry : c.rss.indirection) entry = static_cast<std::uint8_t>(rng.below(6));
    return c;
}

// Where a frame should end up, by the drop order of rx_frame_buffer.
enum class Fate { delivered, fcs, runt, filter };

}  // namespace

TEST_CASE("RTL classification equals model::Classifier on 5000 seeded random frames", "[rtl][classifier]") {
    const std::uint64_t seed = seed_or_env(0xC1A55);
    std::cout << "classifier RTL-vs-model seed 0x" << std::hex << seed << std::dec << "\n";
    INFO("seed 0x" << std::hex << seed << std::dec << " (NICSIM_SEED to replay)");
    constexpr unsigned frames = 5000;

    Rng rng(seed);
    const model::ClassifierConfig config = random_config(rng);
    model::Classifier model(config);

    ClassifierFixture x;
    x.program_rss(config.rss);
    x.f.wr(regs::REG_RX_DEFAULT_QUEUE, config.default_queue);
    x.f.h.rx_source().set_gap_cycles(100);  // slower than the DMA drains: no buffer drops

    model::RandomFrameOptions options;
    options.malformed_percent = 15;
    model::RandomFrameBuilder builder(seed, options);

    std::vector<std::vector<std::uint8_t>> sent(frames);
    std::vector<model::ClassifierResult> expected(frames);
    std::vector<Fate> fate(frames);
    std::array<std::uint64_t, model::malformed_reason_count> malformed{};
    std::array<unsigned, 7> delivered_types{};
    unsigned fcs = 0, runts = 0, filtered = 0;
    for (unsigned i = 0; i < frames; ++i) {
        model::RandomFrame frame = builder.next();
        test::stamp_sequence(frame.bytes, i);
        const bool bad_fcs = rng.chance(2);
        expected[i] = model.classify(frame.bytes);
        ++malformed[static_cast<unsigned>(expected[i].malformed)];
        if (bad_fcs) {
            fate[i] = Fate::fcs;
            ++fcs;
        } else if (frame.bytes.size() < 60) {
            fate[i] = Fate::runt;
            ++runts;
        } else if (expected[i].action == model::ClassifierAction::drop) {
            fate[i] = Fate::filter;
            ++filtered;
        } else {
            fate[i] = Fate::delivered;
            ++delivered_types[static_cast<unsigned>(expected[i].rss_type)];
        }
        sent[i] = frame.bytes;
        x.f.send_bytes(std::move(frame.bytes), bad_fcs);
    }

    std::vector<ReceivedFrame> got;
    x.run_and_collect(frames, got);

    // Every delivered frame: one the model delivers, once, intact, classified as the model does.
    std::vector<bool> seen(frames, false);
    for (const ReceivedFrame& r : got) {
        const auto sequence = test::read_sequence(r.bytes);
        REQUIRE(sequence);
        REQUIRE(*sequence < frames);
        const unsigned i = *sequence;
        INFO("frame " << i << ": " << model::describe(model::parse_frame(sent[i])) << "; model "
                      << model::describe(expected[i]));
        REQUIRE_FALSE(seen[i]);
        seen[i] = true;
        CHECK(fate[i] == Fate::delivered);
        CHECK(r.bytes == sent[i]);
        CHECK(r.queue == expected[i].queue);
        CHECK(r.rss_type == static_cast<unsigned>(expected[i].rss_type));
        CHECK(r.rss_hash == expected[i].rss_hash);
    }
    unsigned delivered = 0;
    for (unsigned i = 0; i < frames; ++i) {
        if (fate[i] != Fate::delivered) continue;
        ++delivered;
        INFO("frame " << i << " was not delivered: " << model::describe(expected[i]));
        CHECK(seen[i]);
    }

    // Each frame in exactly one place, as the counters say.
    auto& f = x.f;
    CHECK(f.counter(regs::REG_RX_FRAMES_LO) == frames);
    CHECK(f.counter(regs::REG_RX_FCS_ERRORS_LO) == fcs);
    CHECK(f.counter(regs::REG_RX_RUNT_LO) == runts);
    CHECK(f.counter(regs::REG_RX_FILTER_DROPS_LO) == filtered);
    CHECK(f.counter(regs::REG_RX_BUFFER_DROPS_LO) == 0);
    CHECK(f.counter(regs::REG_RX_NO_DESC_DROPS_LO) == 0);
    CHECK(f.drops() == fcs + runts + filtered);
    CHECK(got.size() == delivered);
    CHECK(f.drops() + got.size() == frames);

    // The classifier counts every frame's malformed reason, dropped or not.
    for (unsigned reason = 1; reason < model::malformed_reason_count; ++reason) {
        const auto r = static_cast<model::MalformedReason>(reason);
        INFO(test::malformed_counter_name(r));
        CHECK(f.counter(test::global_counter_offset(test::malformed_counter_name(r))) == malformed[reason]);
    }

    std::cout << "  " << delivered << " delivered (rss types none..ipv6-udp:";
    for (unsigned t : delivered_types) std::cout << " " << t;
    std::cout << "), " << fcs << " bad FCS, " << runts << " runts, " << filtered << " filtered; malformed:";
    for (unsigned reason = 1; reason < model::malformed_reason_count; ++reason) std::cout << " " << malformed[reason];
    std::cout << "\n";
    // The frames reach what the test is about (a check on the generator and the seed).
    unsigned reasons_seen = 0;
    for (unsigned reason = 1; reason < model::malformed_reason_count; ++reason) reasons_seen += malformed[reason] > 0;
    CHECK(reasons_seen >= 9);
    CHECK(delivered > frames / 2);
}
