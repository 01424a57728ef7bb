// TraceSchedule (when the trace is open), TbEventDriver (the testbench scope's inputs, cycle
// by cycle) and the trace options, on the fake top and fake Verilator of the other unit tests.
#include <catch2/catch.hpp>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "bus/clocked_model.hpp"
#include "fake_nic_top.hpp"
#include "fake_verilator.hpp"
#include "harness/sim_control.hpp"
#include "trace/tb_event_driver.hpp"
#include "trace/trace_options.hpp"
#include "trace/trace_schedule.hpp"

using namespace nicsim::tb;
using namespace nicsim::tb::test;

namespace {

// The fake NIC plus the ports nicsim_tb_top adds: trigger outputs and testbench inputs.
struct TracedTop : FakeNicTop {
    using FakeNicTop::FakeNicTop;
    std::uint8_t trigger_drop_o = 0, trigger_irq_o = 0, trigger_error_o = 0;
    std::uint8_t tb_frame_offered_i = 0, tb_irq_entry_i = 0, tb_irq_vector_i = 0, tb_rearm_i = 0, tb_host_drop_i = 0;
    std::uint8_t tb_poll_queue_i = 0;
    std::uint16_t tb_poll_active_i = 0, tb_poll_count_i = 0, tb_rearm_vectors_i = 0;
    std::uint32_t tb_frame_seq_i = 0, tb_drops_ipintrq_i = 0, tb_drops_tx_ring_i = 0, tb_drops_socket_queue_i = 0;
};
using Sim = SimControl<TracedTop, FakeContext, FakeTrace>;  // 4000 ps clock
using Schedule = TraceSchedule<Sim, TracedTop>;

// Raises the drop trigger in one cycle only.
class DropInCycle final : public ClockedModel {
public:
    DropInCycle(TracedTop& top, std::uint64_t cycle) : top_(top), cycle_(cycle) {}
    void apply() override { top_.trigger_drop_o = next_ == cycle_ ? 1 : 0; }
    void sample(std::uint64_t cycle) override { next_ = cycle + 1; }
    void reset() override {}

private:
    TracedTop& top_;
    std::uint64_t cycle_;
    std::uint64_t next_ = 0;
};

TraceOptions options(double from_us, double to_us) {
    TraceOptions o;
    o.path = "/tmp/unused.fst";
    o.from_us = from_us;
    o.to_us = to_us;
    return o;
}

}  // namespace

TEST_CASE("a window traces exactly its stretch of time", "[trace]") {
    FakeTrace::dump_times.clear();
    Sim sim;
    Schedule schedule(sim, sim.top(), options(0.020, 0.040));  // 20 ns .. 40 ns
    sim.add_model(schedule);
    schedule.open_if_from_start();
    CHECK_FALSE(sim.tracing());  // the window starts later
    sim.run(20);
    CHECK_FALSE(sim.tracing());  // closed at the end of the window
    REQUIRE_FALSE(FakeTrace::dump_times.empty());
    CHECK(FakeTrace::dump_times.front() == 20000);
    CHECK(FakeTrace::dump_times.back() == 40000);
    CHECK(FakeTrace::dump_times.size() == 11);  // both edges of every cycle in between
    CHECK(schedule.report().written);
    CHECK(schedule.report().start_ps == 20000);
    CHECK(schedule.report().end_ps == 40000);
}

TEST_CASE("a whole-run trace opens before reset", "[trace]") {
    FakeTrace::dump_times.clear();
    Sim sim;
    Schedule schedule(sim, sim.top(), options(0, std::numeric_limits<double>::infinity()));
    sim.add_model(schedule);
    schedule.open_if_from_start();
    CHECK(sim.tracing());
    sim.reset(2);
    CHECK(FakeTrace::dump_times.front() == 0);
}

TEST_CASE("a trigger opens the trace in the cycle of the event, for --trace-for", "[trace]") {
    FakeTrace::dump_times.clear();
    Sim sim;
    DropInCycle drop(sim.top(), 7);
    TraceOptions o = options(0, std::numeric_limits<double>::infinity());
    o.trigger = TraceTrigger::drop;
    o.for_us = 0.012;
    Schedule schedule(sim, sim.top(), o);
    sim.add_model(drop);
    sim.add_model(schedule);
    schedule.open_if_from_start();
    CHECK_FALSE(sim.tracing());
    sim.run(30);
    REQUIRE(schedule.report().written);
    CHECK(schedule.report().triggered);
    CHECK(FakeTrace::dump_times.front() == 7 * 4000);  // the cycle that held the event
    CHECK(FakeTrace::dump_times.back() == 7 * 4000 + 12000);
}

TEST_CASE("a trigger that never fires writes nothing", "[trace]") {
    FakeTrace::dump_times.clear();
    Sim sim;
    TraceOptions o = options(0, std::numeric_limits<double>::infinity());
    o.trigger = TraceTrigger::error;
    Schedule schedule(sim, sim.top(), o);
    sim.add_model(schedule);
    sim.run(50);
    CHECK_FALSE(schedule.report().written);
    CHECK(FakeTrace::dump_times.empty());
}

TEST_CASE("testbench events drive their inputs in their cycle, in any arrival order", "[trace]") {
    Sim sim;
    TbEventDriver<TracedTop> events(sim.top());
    sim.add_model(events);
    TracedTop& top = sim.top();
    events.record({5, TbEventKind::poll_end, 2, 9});
    events.record({3, TbEventKind::poll_begin, 2, 0});
    events.record({3, TbEventKind::frame_offered, 0, 41});
    events.record({4, TbEventKind::host_drop, static_cast<std::uint16_t>(HostDropReason::socket_queue), 0});
    events.record({4, TbEventKind::host_drop, static_cast<std::uint16_t>(HostDropReason::socket_queue), 0});

    sim.run(4);  // cycles 0..3
    CHECK(top.tb_frame_offered_i == 1);
    CHECK(top.tb_frame_seq_i == 41);
    CHECK(top.tb_poll_active_i == 0b100);
    sim.step();  // cycle 4: the pulse is over, two drops counted
    CHECK(top.tb_frame_offered_i == 0);
    CHECK(top.tb_frame_seq_i == 41);  // held
    CHECK(top.tb_host_drop_i == 1);
    CHECK(top.tb_drops_socket_queue_i == 2);
    sim.step();  // cycle 5: the poll ends
    CHECK(top.tb_host_drop_i == 0);
    CHECK(top.tb_poll_active_i == 0);
    CHECK(top.tb_poll_queue_i == 2);
    CHECK(top.tb_poll_count_i == 9);
    CHECK(events.pending() == 0);
}

TEST_CASE("trace options: windows, triggers, per-point paths and bad input", "[trace]") {
    TraceOptions o;
    parse_trace_window("12.5:40", o);
    CHECK(o.from_us == 12.5);
    CHECK(o.to_us == 40);
    CHECK_THROWS_WITH(parse_trace_window("40", o), Catch::Contains("must be FROM_US:TO_US"));
    CHECK(parse_trace_trigger("irq") == TraceTrigger::irq);
    CHECK_THROWS_WITH(parse_trace_trigger("drops"), Catch::Contains("must be one of drop, irq, error"));
    CHECK(point_trace_path("out/t.fst", "napi", 200000) == "out/t-napi-200000.fst");
    CHECK(point_trace_path("t.fst", "busy-poll", 1.5e5) == "t-busy-poll-150000.fst");

    const auto path = (std::filesystem::temp_directory_path() / "nicsim_trace_options.fst").string();
    o.path = path;
    CHECK_NOTHROW(check_trace_options(o, {100}));
    CHECK_THROWS_WITH(check_trace_options(o, {10}), Catch::Contains("outside the run"));
    o.from_us = 50;
    o.to_us = 50;
    CHECK_THROWS_WITH(check_trace_options(o, {100}), Catch::Contains("FROM must be below TO"));
    o = TraceOptions{};
    o.path = "/nonexistent-dir/x.fst";
    CHECK_THROWS_WITH(check_trace_options(o, {100}),
                      "--trace = /nonexistent-dir/x.fst: cannot be written (No such file or directory)");
    // The check probes beside the path: a trace already there is left as it was.
    std::ofstream(path) << "earlier trace\n";
    o.path = path;
    CHECK_NOTHROW(check_trace_options(o, {100}));
    std::string kept;
    std::ifstream written(path);
    std::getline(written, kept);
    CHECK(kept == "earlier trace");
    std::filesystem::remove(path);

    o.path = "t.fst";
    o.trigger = TraceTrigger::drop;
    o.for_us = 20;
    o.depth = 3;
    CHECK(trace_arguments(o) == std::vector<std::string>{"--trace", "t.fst", "--trace-on", "drop", "--trace-for", "20",
                                                         "--trace-depth", "3"});
}
