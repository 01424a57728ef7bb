// The traffic generator: each distribution has the shape its name promises, and a seed fixes
// every frame.
#include <catch2/catch.hpp>

#include <map>

#include "traffic/generated_source.hpp"

using namespace nicsim::traffic;

namespace {

std::vector<OfferedFrame> all_frames(const GeneratorConfig& c) {
    GeneratedSource source(c);
    std::vector<OfferedFrame> frames;
    OfferedFrame f;
    while (source.next(f)) frames.push_back(f);
    return frames;
}

double mean_rate(const std::vector<OfferedFrame>& frames) {
    return static_cast<double>(frames.size() - 1) * 1e12 / static_cast<double>(frames.back().id.sent_at - frames.front().id.sent_at);
}

}  // namespace

TEST_CASE("constant arrivals are evenly spaced at the load", "[unit][traffic]") {
    GeneratorConfig c;
    c.rate_pps = 250'000;
    c.packets = 1000;
    const auto frames = all_frames(c);
    REQUIRE(frames.size() == 1000);
    for (std::size_t i = 1; i < frames.size(); ++i) CHECK(frames[i].id.sent_at - frames[i - 1].id.sent_at == 4'000'000);
}

TEST_CASE("poisson arrivals average the load with exponential gaps", "[unit][traffic]") {
    GeneratorConfig c;
    c.arrivals = Arrivals::poisson;
    c.rate_pps = 100'000;
    c.packets = 40'000;
    c.seed = 5;
    const auto frames = all_frames(c);
    CHECK(mean_rate(frames) == Approx(100'000).epsilon(0.03));
    // Exponential: about 1 - 1/e of the gaps are shorter than the mean.
    std::size_t shorter = 0;
    for (std::size_t i = 1; i < frames.size(); ++i) shorter += frames[i].id.sent_at - frames[i - 1].id.sent_at < 10'000'000;
    CHECK(static_cast<double>(shorter) / static_cast<double>(frames.size()) == Approx(0.632).epsilon(0.03));
}

TEST_CASE("on/off arrivals come in bursts that average the load", "[unit][traffic]") {
    GeneratorConfig c;
    c.arrivals = Arrivals::onoff;
    c.rate_pps = 100'000;
    c.on_us = 100;
    c.off_us = 300;
    c.packets = 20'000;
    const auto frames = all_frames(c);
    CHECK(mean_rate(frames) == Approx(100'000).epsilon(0.03));
    std::size_t long_gaps = 0;
    for (std::size_t i = 1; i < frames.size(); ++i) long_gaps += frames[i].id.sent_at - frames[i - 1].id.sent_at > 300'000'000;
    // One gap per burst: about 200 s of traffic / 400 us per cycle.
    CHECK(long_gaps == Approx(500).epsilon(0.05));
}

TEST_CASE("imix sizes are 60, 590 and 1514 bytes at 28:20:4", "[unit][traffic]") {
    GeneratorConfig c;
    c.sizes = Sizes::imix;
    c.packets = 52'000;
    std::map<unsigned, double> count;
    for (const auto& f : all_frames(c)) count[f.size] += 1;
    REQUIRE(count.size() == 3);
    CHECK(count[60] / 52'000 == Approx(28.0 / 52).epsilon(0.03));
    CHECK(count[590] / 52'000 == Approx(20.0 / 52).epsilon(0.03));
    CHECK(count[1514] / 52'000 == Approx(4.0 / 52).epsilon(0.06));
}

TEST_CASE("uniform sizes stay in their range", "[unit][traffic]") {
    GeneratorConfig c;
    c.sizes = Sizes::uniform;
    c.size_min = 100;
    c.size_max = 200;
    c.packets = 5000;
    unsigned lo = 9999, hi = 0;
    for (const auto& f : all_frames(c)) {
        lo = std::min(lo, f.size);
        hi = std::max(hi, f.size);
    }
    CHECK(lo == 100);
    CHECK(hi == 200);
}

TEST_CASE("zipf flows follow 1/k popularity", "[unit][traffic]") {
    GeneratorConfig c;
    c.flows = 100;
    c.flow_popularity = FlowPopularity::zipf;
    c.zipf_s = 1.0;
    c.packets = 100'000;
    std::vector<double> count(100);
    for (const auto& f : all_frames(c)) count[f.flow] += 1;
    CHECK(count[0] / count[1] == Approx(2.0).epsilon(0.1));
    CHECK(count[0] / count[9] == Approx(10.0).epsilon(0.15));
}

TEST_CASE("a seed fixes every frame", "[unit][traffic]") {
    GeneratorConfig c;
    c.arrivals = Arrivals::poisson;
    c.sizes = Sizes::imix;
    c.flows = 16;
    c.packets = 2000;
    c.seed = 42;
    const auto a = all_frames(c);
    const auto b = all_frames(c);
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        CHECK(a[i].id.sent_at == b[i].id.sent_at);
        CHECK(a[i].size == b[i].size);
        CHECK(a[i].flow == b[i].flow);
    }
    c.seed = 43;
    const auto other = all_frames(c);
    bool differs = false;
    for (std::size_t i = 0; i < a.size() && !differs; ++i) differs = a[i].id.sent_at != other[i].id.sent_at;
    CHECK(differs);
}
