// SimControl: the per-cycle phases, reset, time, run_until and tracing, on a fake top.
#include <catch2/catch.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "bus/clocked_model.hpp"
#include "fake_nic_top.hpp"
#include "fake_verilator.hpp"
#include "harness/sim_control.hpp"

using namespace nicsim::tb;
using namespace nicsim::tb::test;

namespace {

using Sim = SimControl<FakeNicTop, FakeContext, FakeTrace>;

// Records what it saw in each phase.
class PhaseProbe final : public ClockedModel {
public:
    explicit PhaseProbe(FakeNicTop& top) : top_(top) {}
    void apply() override {
        log.push_back("apply clk=" + std::to_string(top_.clk_i));
        top_.s_axil_awaddr = static_cast<std::uint16_t>(applied_next_);
    }
    void sample(std::uint64_t cycle) override {
        log.push_back("sample " + std::to_string(cycle) + " clk=" + std::to_string(top_.clk_i) +
                      " edges=" + std::to_string(top_.rising_edges));
        applied_next_ = cycle + 100;  // stored, not driven
        CHECK(top_.s_axil_awaddr != applied_next_);
    }
    void reset() override {
        log.push_back("reset");
        ++resets;
    }

    std::vector<std::string> log;
    int resets = 0;

private:
    FakeNicTop& top_;
    std::uint64_t applied_next_ = 0;
};

}  // namespace

TEST_CASE("each cycle applies, evaluates the falling edge, samples, then clocks", "[sim_control]") {
    Sim sim;
    PhaseProbe probe(sim.top());
    sim.add_model(probe);
    sim.run(2);

    CHECK(probe.log == std::vector<std::string>{"apply clk=0", "sample 0 clk=0 edges=0", "apply clk=1",
                                                  "sample 1 clk=0 edges=1"});
    CHECK(sim.top().rising_edges == 2);
    CHECK(sim.cycle() == 2);
    CHECK(sim.top().s_axil_awaddr == 100);  // applied in cycle 1 what sample(0) computed
}

TEST_CASE("reset holds rst_ni low without clocking the models, then releases it", "[sim_control]") {
    Sim sim;
    PhaseProbe probe(sim.top());
    sim.add_model(probe);
    sim.reset(5);

    CHECK(probe.resets == 1);
    CHECK(probe.log == std::vector<std::string>{"reset"});
    CHECK(sim.top().edges_in_reset == 5);
    CHECK(sim.top().rising_edges == 0);
    CHECK(sim.cycle() == 5);
    CHECK(sim.top().rst_ni == 1);
    sim.run(1);
    CHECK(sim.top().rising_edges == 1);
}

TEST_CASE("time advances by the clock period in the context's precision", "[sim_control]") {
    SECTION("default 250 MHz in ps") {
        Sim sim;
        sim.run(10);
        CHECK(sim.context().time() == 10u * 4000u);
        CHECK(sim.context().trace_ever_on);  // so open_trace() can work later
    }
    SECTION("a 6.4 ns period") {
        Sim sim(SimOptions{6400});
        sim.run(3);
        CHECK(sim.context().time() == 3u * 6400u);
    }
    SECTION("an odd period is refused") { CHECK_THROWS_AS(Sim(SimOptions{4001}), std::invalid_argument); }
}

TEST_CASE("run_until returns the cycles it ran, or throws naming what it waited for", "[sim_control]") {
    Sim sim;
    CHECK(sim.run_until([&] { return sim.cycle() >= 7; }, 100) == 7);
    CHECK(sim.run_until([] { return true; }, 0) == 0);
    CHECK_THROWS_WITH(sim.run_until([] { return false; }, 50, "the moon"),
                      Catch::Contains("50 cycles") && Catch::Contains("the moon"));
    CHECK(sim.cycle() == 57);
}

TEST_CASE("open_trace_now starts the trace with the state just evaluated", "[sim_control]") {
    FakeTrace::dump_times.clear();
    Sim sim;
    sim.run(3);  // the falling edge of cycle 3 would be evaluated at 12000 ps
    sim.step();  // cycle 3: evaluated at 12000 (falling) and 14000 (rising); now 16000
    sim.open_trace_now("/tmp/unused.fst");
    CHECK(FakeTrace::dump_times == std::vector<std::uint64_t>{14000});  // the last evaluation's time
    sim.close_trace();
}

TEST_CASE("a $finish in the design stops the simulation", "[sim_control]") {
    Sim sim;
    sim.context().finished = true;
    CHECK_THROWS_WITH(sim.step(), Catch::Contains("$finish"));
}

TEST_CASE("tracing is off until opened, then dumps at both edges", "[sim_control]") {
    FakeTrace::dump_times.clear();
    Sim sim(SimOptions{4000, 7});
    sim.run(2);
    CHECK_FALSE(sim.tracing());
    CHECK(FakeTrace::dump_times.empty());

    sim.open_trace("/tmp/unused.fst");
    CHECK(sim.tracing());
    // Verilator ignores trace()'s level; the depth goes to dumpvars, counted below TOP.
    CHECK(FakeTrace::dumpvars_level == 7);
    CHECK(FakeTrace::dumpvars_hier == "TOP");
    sim.run(2);
    CHECK(FakeTrace::dump_times == std::vector<std::uint64_t>{8000, 10000, 12000, 14000});
    CHECK_THROWS_AS(sim.open_trace("/tmp/again.fst"), std::logic_error);
    sim.close_trace();
    CHECK_FALSE(sim.tracing());
}

TEST_CASE("the model's final() runs when SimControl goes away", "[sim_control]") {
    const int before = FakeNicTop::finals;
    {
        Sim sim;
        sim.run(1);
        CHECK(FakeNicTop::finals == before);
    }
    CHECK(FakeNicTop::finals == before + 1);
}
