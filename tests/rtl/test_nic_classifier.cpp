// The RTL classifier against the reference model (model::Classifier) on seeded random frames:
// the queue, RSS hash and RSS type of every delivered frame, every frame that is not delivered
// and why, the steering rules' hit counters and the malformed counters. Three phases, each with
// its own random key, hash-type enables, indirection table, default queue and 64 steering
// rules, programmed through the driver while the NIC is idle: two with frames 100 cycles apart,
// the third back to back (no gap) in bursts that fit the receive buffer. NICSIM_SEED=<n>
// replays a seed.
#include <array>
#include <bit>
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

// Queue numbers up to 5: 4 and 5 are queues the NIC (4 queues) does not have; they act as 0.
std::uint8_t random_queue(Rng& rng) { return static_cast<std::uint8_t>(rng.below(6)); }

// A random key, indirection table and default queue; each hash type enabled with 3 in 4, and
// every type in `force_on` (model bit numbering) enabled.
model::ClassifierConfig random_config(Rng& rng, std::uint8_t force_on) {
    model::ClassifierConfig c;
    c.num_queues = test::nic_queues;
    c.default_queue = random_queue(rng);
    for (auto& byte : c.rss.key) byte = static_cast<std::uint8_t>(rng.engine());
    c.rss.enabled_types = force_on;
    for (unsigned type = 1; type <= 6; ++type)
        if (rng.chance(75)) c.rss.enabled_types |= static_cast<std::uint8_t>(1u << type);
    for (auto& entry : c.rss.indirection) entry = random_queue(rng);
    return c;
}

// A rule that some generated frames match: addresses and ports from the frame builder's pools,
// at least two of the four fields exact (fewer would take most frames of a family), a third of
// them dropping. About one in eight is disabled.
model::SteeringRule random_rule(Rng& rng) {
    model::SteeringRule r;
    r.enabled = !rng.chance(12);
    r.family = rng.chance(50) ? model::L3Kind::ipv6 : model::L3Kind::ipv4;
    r.protocol = static_cast<model::FilterProtocol>(rng.below(3));
    r.src_addr = model::RandomFrameBuilder::pool_address(r.family, rng.below(model::RandomFrameBuilder::pool_size));
    r.dst_addr = model::RandomFrameBuilder::pool_address(r.family, rng.below(model::RandomFrameBuilder::pool_size));
    r.src_port = model::RandomFrameBuilder::pool_port(rng.below(model::RandomFrameBuilder::pool_size));
    r.dst_port = model::RandomFrameBuilder::pool_port(rng.below(model::RandomFrameBuilder::pool_size));
    r.wildcard = static_cast<std::uint8_t>(rng.below(16));
    while (std::popcount(r.wildcard) > 2) r.wildcard &= static_cast<std::uint8_t>(~(1u << rng.below(4)));
    r.action = rng.chance(33) ? model::FilterAction::drop : model::FilterAction::deliver;
    r.queue = random_queue(rng);
    return r;
}

// The frame's Ethernet header with TPID 0x8100, cut to 14..17 bytes: inside the VLAN tag.
void truncate_in_vlan_tag(std::vector<std::uint8_t>& bytes, Rng& rng) {
    bytes.resize(18, 0);
    bytes[12] = 0x81;
    bytes[13] = 0x00;
    bytes.resize(14 + rng.below(4));
}

// Where a frame should end up, by rx_frame_buffer's drop order.
enum class Fate { delivered, fcs, runt, filter };

struct Tally {
    unsigned frames = 0, delivered = 0, fcs = 0, runts = 0, filtered = 0, filter_hits = 0;
    std::array<std::uint64_t, model::malformed_reason_count> malformed{};
    std::array<unsigned, 7> delivered_types{};
    std::vector<ReceivedFrame> got;  // every phase's delivered frames
};

// How a phase offers its frames: all queued at once, 100 idle cycles apart (slower than the DMA
// drains, so the buffer never fills); or back to back with no gap, in bursts that each fit in
// the 32 KiB receive buffer (at most 3072 of its 4096 words, and far fewer frames than its 512
// frame slots or a ring's 1024 descriptors), each burst collected before the next.
enum class Pacing { spaced, back_to_back };
constexpr std::size_t burst_words = 3072;

// One phase: configure NIC and model alike, offer `count` frames, check every frame.
void run_phase(ClassifierFixture& x, Rng& rng, model::RandomFrameBuilder& builder,
               const model::ClassifierConfig& config, unsigned count, std::uint32_t first_sequence, Pacing pacing,
               Tally& t) {
    model::Classifier model(config);
    x.program_rss(config.rss);
    x.f.wr(regs::REG_RX_DEFAULT_QUEUE, config.default_queue);
    for (unsigned i = 0; i < regs::FILTER_COUNT; ++i) {
        const model::SteeringRule rule = random_rule(rng);
        model.filters().set_rule(i, rule);
        x.write_rule(i, rule);
    }

    std::vector<std::vector<std::uint8_t>> sent(count);
    std::vector<model::ClassifierResult> expected(count);
    std::vector<Fate> fate(count);
    std::vector<bool> bad_fcs_of(count);
    for (unsigned i = 0; i < count; ++i) {
        model::RandomFrame frame = builder.next();
        // The generator cuts a VLAN-tagged frame inside its tag about once in a thousand
        // frames; every 100th frame is one, so truncated_vlan is reached under any seed.
        if (i % 100 == 50) truncate_in_vlan_tag(frame.bytes, rng);
        test::stamp_sequence(frame.bytes, first_sequence + i);
        const bool bad_fcs = rng.chance(2);
        expected[i] = model.classify(frame.bytes);
        ++t.malformed[static_cast<unsigned>(expected[i].malformed)];
        t.filter_hits += expected[i].filter_index.has_value();
        if (bad_fcs) {
            fate[i] = Fate::fcs;
            ++t.fcs;
        } else if (frame.bytes.size() < 60) {
            fate[i] = Fate::runt;
            ++t.runts;
        } else if (expected[i].action == model::ClassifierAction::drop) {
            fate[i] = Fate::filter;
            ++t.filtered;
        } else {
            fate[i] = Fate::delivered;
            ++t.delivered;
            ++t.delivered_types[static_cast<unsigned>(expected[i].rss_type)];
        }
        sent[i] = std::move(frame.bytes);
        bad_fcs_of[i] = bad_fcs;
    }

    const std::size_t got_before = t.got.size();
    if (pacing == Pacing::spaced) {
        x.f.h.rx_source().set_gap_cycles(100);
        for (unsigned i = 0; i < count; ++i) x.f.send_bytes(sent[i], bad_fcs_of[i]);
        x.run_and_collect(t.frames + count, t.got);
    } else {
        x.f.h.rx_source().set_gap_cycles(0);
        unsigned bursts = 0;
        for (unsigned i = 0; i < count;) {
            std::size_t words = 0;
            const unsigned start = i;
            for (; i < count; ++i) {
                const std::size_t w = (sent[i].size() + 7) / 8;
                if (i > start && words + w > burst_words) break;
                words += w;
                x.f.send_bytes(sent[i], bad_fcs_of[i]);
            }
            x.run_and_collect(t.frames + i, t.got);
            ++bursts;
        }
        std::cout << "  back-to-back phase: " << count << " frames in " << bursts << " bursts\n";
    }
    t.frames += count;

    // Every delivered frame: one the model delivers, once, intact, classified as the model does.
    std::vector<bool> seen(count, false);
    for (std::size_t k = got_before; k < t.got.size(); ++k) {
        const ReceivedFrame& r = t.got[k];
        const auto sequence = test::read_sequence(r.bytes);
        REQUIRE(sequence);
        REQUIRE(*sequence >= first_sequence);
        REQUIRE(*sequence < first_sequence + count);
        const unsigned i = *sequence - first_sequence;
        INFO("frame " << *sequence << ": " << model::describe(model::parse_frame(sent[i])) << "; model "
                      << model::describe(expected[i]));
        REQUIRE_FALSE(seen[i]);
        seen[i] = true;
        CHECK(fate[i] == Fate::delivered);
        CHECK(r.bytes == sent[i]);
        CHECK(r.queue == expected[i].queue);
        CHECK(r.rss_type == static_cast<unsigned>(expected[i].rss_type));
        CHECK(r.rss_hash == expected[i].rss_hash);
    }
    for (unsigned i = 0; i < count; ++i) {
        if (fate[i] != Fate::delivered) continue;
        INFO("frame " << first_sequence + i << " was not delivered: " << model::describe(expected[i]));
        CHECK(seen[i]);
    }
    // The rules counted what the model counted (every frame, also those dropped afterwards).
    for (unsigned i = 0; i < regs::FILTER_COUNT; ++i) {
        INFO("steering rule " << i);
        CHECK(driver::steering_rule_hits(x.f.dev, i) == model.filters().hit_count(i));
    }
}

}  // namespace

TEST_CASE("RTL classification equals model::Classifier on 7500 seeded random frames: 2500 of them back to back",
          "[rtl][classifier]") {
    const std::uint64_t seed = seed_or_env(0xC1A55);
    std::cout << "classifier RTL-vs-model seed 0x" << std::hex << seed << std::dec << "\n";
    INFO("seed 0x" << std::hex << seed << std::dec << " (NICSIM_SEED to replay)");

    Rng rng(seed);
    model::RandomFrameOptions options;
    options.malformed_percent = 15;
    model::RandomFrameBuilder builder(seed, options);
    ClassifierFixture x;
    Tally t;

    const model::ClassifierConfig first = random_config(rng, 0);
    run_phase(x, rng, builder, first, 2500, 0, Pacing::spaced, t);
    // The second phase enables every type the first left off, so both reach all six.
    const auto off = static_cast<std::uint8_t>(~first.rss.enabled_types & model::all_rss_types);
    run_phase(x, rng, builder, random_config(rng, off), 2500, 2500, Pacing::spaced, t);
    // The third with no gap between frames: the classifier's pipeline full at every stage.
    run_phase(x, rng, builder, random_config(rng, 0), 2500, 5000, Pacing::back_to_back, t);

    // Each frame in exactly one place, as the counters say.
    auto& f = x.f;
    CHECK(f.counter(regs::REG_RX_FRAMES_LO) == t.frames);
    CHECK(f.counter(regs::REG_RX_FCS_ERRORS_LO) == t.fcs);
    CHECK(f.counter(regs::REG_RX_RUNT_LO) == t.runts);
    CHECK(f.counter(regs::REG_RX_FILTER_DROPS_LO) == t.filtered);
    CHECK(f.counter(regs::REG_RX_BUFFER_DROPS_LO) == 0);
    CHECK(f.counter(regs::REG_RX_NO_DESC_DROPS_LO) == 0);
    CHECK(f.drops() == t.fcs + t.runts + t.filtered);
    unsigned delivered_total = 0;
    for (unsigned q = 0; q < test::nic_queues; ++q) delivered_total += unsigned(f.qcounter(q, regs::QREG_RX_Q_FRAMES_LO));
    CHECK(delivered_total == t.delivered);
    CHECK(f.drops() + delivered_total == t.frames);

    // The classifier counts every frame's malformed reason, dropped or not.
    for (unsigned reason = 1; reason < model::malformed_reason_count; ++reason) {
        const auto r = static_cast<model::MalformedReason>(reason);
        INFO(test::malformed_counter_name(r));
        CHECK(f.counter(test::global_counter_offset(test::malformed_counter_name(r))) == t.malformed[reason]);
    }

    std::cout << "  " << t.delivered << " delivered (rss types none..ipv6-udp:";
    for (unsigned n : t.delivered_types) std::cout << " " << n;
    std::cout << "), " << t.fcs << " bad FCS, " << t.runts << " runts, " << t.filtered << " filtered, "
              << t.filter_hits << " filter hits; malformed:";
    for (unsigned reason = 1; reason < model::malformed_reason_count; ++reason) std::cout << " " << t.malformed[reason];
    std::cout << "\n";
    // The frames reach what the test is about (a check on the generator and the seed).
    for (unsigned type = 0; type < t.delivered_types.size(); ++type) {
        INFO("rss type " << type);
        CHECK(t.delivered_types[type] > 0);
    }
    for (unsigned reason = 1; reason < model::malformed_reason_count; ++reason) {
        INFO(test::malformed_counter_name(static_cast<model::MalformedReason>(reason)));
        CHECK(t.malformed[reason] > 0);
    }
    CHECK(t.filtered > 20);
    CHECK(t.filter_hits > t.filtered + 20);
    CHECK(t.delivered > t.frames / 2);
}
