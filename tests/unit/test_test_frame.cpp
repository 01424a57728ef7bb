// The testbench's frames: what loss and latency accounting rests on.
#include <catch2/catch.hpp>

#include "traffic/test_frame.hpp"

using namespace nicsim::tb;

TEST_CASE("test frames round-trip their stamp at every legal size", "[unit][test_frame]") {
    std::vector<std::uint8_t> frame;
    for (std::uint32_t size : {60u, 61u, 64u, 127u, 1514u, 9018u}) {
        TestFrameSpec spec;
        spec.size = size;
        build_test_frame(spec, {size * 3ull, 123456789ull}, frame);
        REQUIRE(frame.size() == size);
        const auto stamp = parse_test_frame(frame);
        REQUIRE(stamp);
        CHECK(stamp->sequence == size * 3ull);
        CHECK(stamp->sent_at == 123456789ull);
    }
}

TEST_CASE("a corrupted or truncated test frame is not accepted", "[unit][test_frame]") {
    std::vector<std::uint8_t> frame;
    build_test_frame(TestFrameSpec{.size = 256}, {7, 0}, frame);
    auto flipped = frame;
    flipped[200] ^= 0x01;
    CHECK_FALSE(parse_test_frame(flipped));
    auto truncated = frame;
    truncated.resize(200);
    CHECK_FALSE(parse_test_frame(truncated));
}

TEST_CASE("test frame sizes outside 60..9018 are refused with the range", "[unit][test_frame]") {
    std::vector<std::uint8_t> frame;
    CHECK_THROWS_WITH(build_test_frame(TestFrameSpec{.size = 59}, {}, frame), Catch::Contains("60..9018"));
    CHECK_THROWS_WITH(build_test_frame(TestFrameSpec{.size = 9019}, {}, frame), Catch::Contains("60..9018"));
}
