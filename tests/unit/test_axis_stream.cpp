// AxisSource and AxisSink: framing with tkeep/tlast/tuser, pacing and back-pressure.
// The two are wired straight to each other, as a MAC loopback.
#include <catch2/catch.hpp>

#include <cstdint>
#include <numeric>
#include <vector>

#include "bus/axis_sink.hpp"
#include "bus/axis_source.hpp"
#include "fake_nic_pins.hpp"
#include "bus/nic_ports.hpp"
#include "phase_stepper.hpp"

using namespace nicsim::tb;
using namespace nicsim::tb::test;

namespace {

std::vector<std::uint8_t> bytes(std::size_t n, std::uint8_t first = 1) {
    std::vector<std::uint8_t> v(n);
    std::iota(v.begin(), v.end(), first);
    return v;
}

// The source drives the rx stream's storage; the sink reads the same storage.
struct Loopback {
    Loopback() : source(bind_axis_rx(pins)), sink(bind_axis_rx(pins)), stepper{&source, &sink} {}
    void run(unsigned cycles) {
        for (unsigned i = 0; i < cycles; ++i) stepper.step();
    }

    FakeNicPins pins;
    AxisSource source;
    AxisSink sink;
    PhaseStepper stepper;
};

}  // namespace

TEST_CASE("frames of every length keep their bytes and framing", "[axis]") {
    Loopback lb;
    std::vector<std::vector<std::uint8_t>> sent;
    for (std::size_t len : {1u, 7u, 8u, 9u, 15u, 16u, 17u, 60u, 64u, 1514u}) {
        sent.push_back(bytes(len, static_cast<std::uint8_t>(len)));
        lb.source.push(sent.back());
    }
    lb.run(400);

    CHECK(lb.source.frames_sent() == sent.size());
    REQUIRE(lb.sink.frame_count() == sent.size());
    for (std::size_t i = 0; i < sent.size(); ++i) {
        const ReceivedFrame& f = lb.sink.frames()[i];
        CHECK(f.data == sent[i]);
        CHECK_FALSE(f.tuser);
        CHECK_FALSE(f.keep_error);
    }
    CHECK(lb.source.stalled_cycles() == 0);
    CHECK(lb.source.idle());
}

TEST_CASE("the last beat's tkeep covers exactly the frame's last bytes", "[axis]") {
    FakeNicPins pins;
    AxisSource source(bind_axis_rx(pins));
    PhaseStepper stepper{&source};
    pins.s_axis_rx_tready = 1;
    source.push(bytes(11));

    std::vector<std::uint8_t> keeps, lasts;
    for (int i = 0; i < 4; ++i)
        stepper.step([&](std::uint64_t) {
            if (pins.s_axis_rx_tvalid) {
                keeps.push_back(pins.s_axis_rx_tkeep);
                lasts.push_back(pins.s_axis_rx_tlast);
            }
        });
    REQUIRE(keeps == std::vector<std::uint8_t>{0xFF, 0x07});
    REQUIRE(lasts == std::vector<std::uint8_t>{0, 1});
}

TEST_CASE("a bad frame carries tuser on its last beat only", "[axis]") {
    FakeNicPins pins;
    AxisSource source(bind_axis_rx(pins));
    AxisSink sink(bind_axis_rx(pins));
    PhaseStepper stepper{&source, &sink};
    source.push({bytes(20), true});

    std::vector<std::uint8_t> tusers;
    for (int i = 0; i < 6; ++i)
        stepper.step([&](std::uint64_t) {
            if (pins.s_axis_rx_tvalid) tusers.push_back(pins.s_axis_rx_tuser);
        });
    CHECK(tusers == std::vector<std::uint8_t>{0, 0, 1});
    REQUIRE(sink.frame_count() == 1);
    CHECK(sink.frames()[0].tuser);
}

TEST_CASE("a zero-length frame is one beat with tkeep 0 and tlast", "[axis]") {
    Loopback lb;
    lb.source.push(std::vector<std::uint8_t>{});
    lb.run(4);
    REQUIRE(lb.sink.frame_count() == 1);
    CHECK(lb.sink.frames()[0].data.empty());
    CHECK(lb.sink.frames()[0].keep_error);  // a beat with no byte is flagged by the sink
    CHECK(lb.sink.beats_received() == 1);
}

TEST_CASE("the interframe gap and not_before_cycle pace the frames", "[axis]") {
    Loopback lb;
    lb.source.set_gap_cycles(3);
    lb.source.push(bytes(16));     // picked up in cycle 0, beats in cycles 1 and 2
    lb.source.push(bytes(8));      // gap in cycles 3..5, beat in cycle 6
    lb.source.push(bytes(8), 20);  // not before cycle 20
    lb.run(30);

    REQUIRE(lb.sink.frame_count() == 3);
    CHECK(lb.sink.frames()[0].last_beat_cycle == 2);
    CHECK(lb.sink.frames()[1].last_beat_cycle == 6);
    CHECK(lb.sink.frames()[2].last_beat_cycle == 20);
    CHECK(lb.source.last_frame_end_cycle() == 20);
}

TEST_CASE("back-pressure holds the beat and is counted as stalls", "[axis]") {
    Loopback lb;
    lb.source.push(bytes(24));
    lb.run(2);  // first beat shown and taken in cycle 1
    lb.sink.set_ready(false);
    lb.run(5);
    CHECK(lb.source.stalled_cycles() == 5);
    CHECK(lb.sink.frame_count() == 0);
    lb.sink.set_ready(true);
    lb.run(5);

    REQUIRE(lb.sink.frame_count() == 1);
    CHECK(lb.sink.frames()[0].data == bytes(24));
    CHECK(lb.sink.stream_violations() == 0);
}

TEST_CASE("the sink flags a hole in tkeep and a partial middle beat", "[axis]") {
    FakeNicPins pins;
    AxisSink sink(bind_axis_tx(pins));
    PhaseStepper stepper{&sink};
    auto beat = [&](std::uint64_t data, std::uint8_t keep, bool last) {
        pins.m_axis_tx_tvalid = 1;
        pins.m_axis_tx_tdata = data;
        pins.m_axis_tx_tkeep = keep;
        pins.m_axis_tx_tlast = last;
        stepper.step();
    };
    stepper.step();  // tready comes up after the sink's reset

    beat(0x0807060504030201ull, 0xFF, false);
    beat(0x000000000000AA00ull, 0x02, true);  // lane 1 only: a hole at lane 0
    beat(0x0000000004030201ull, 0x0F, false);  // partial middle beat
    beat(0x0000000000000005ull, 0x01, true);
    beat(0x0000000000030201ull, 0x07, true);  // fine

    REQUIRE(sink.frame_count() == 3);
    CHECK(sink.frames()[0].keep_error);
    CHECK(sink.frames()[0].data == std::vector<std::uint8_t>{1, 2, 3, 4, 5, 6, 7, 8, 0xAA});
    CHECK(sink.frames()[1].keep_error);
    CHECK(sink.frames()[1].data == std::vector<std::uint8_t>{1, 2, 3, 4, 5});
    CHECK_FALSE(sink.frames()[2].keep_error);
    CHECK(sink.pop_frame().data.size() == 9);
    CHECK(sink.frame_count() == 2);
}

TEST_CASE("the sink counts a beat withdrawn while tready was low", "[axis]") {
    FakeNicPins pins;
    AxisSink sink(bind_axis_tx(pins));
    PhaseStepper stepper{&sink};
    sink.set_ready(false);
    pins.m_axis_tx_tvalid = 1;
    pins.m_axis_tx_tkeep = 0xFF;
    stepper.step();
    pins.m_axis_tx_tdata = 42;  // changed while waiting: illegal
    stepper.step();
    CHECK(sink.stream_violations() == 1);
}
