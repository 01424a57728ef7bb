// Several traffic classes on one wire: frames interleave in send-time order, are numbered as
// one sequence, keep their class's destination port, and each class sends what it was told.
#include <catch2/catch.hpp>

#include "traffic/mixed_source.hpp"

using namespace nicsim::traffic;

TEST_CASE("a mixed source interleaves its classes by send time", "[unit][traffic]") {
    GeneratorConfig quiet;
    quiet.rate_pps = 50'000;  // every 20 us
    quiet.packets = 10;
    quiet.dst_port = 9;
    GeneratorConfig flood = quiet;
    flood.rate_pps = 1'000'000;  // every 1 us
    flood.packets = 200;
    flood.dst_port = 10;
    flood.seed = 7;
    MixedSource source({quiet, flood});
    CHECK(source.total_frames() == 210);
    CHECK(source.offered_pps() == 1'050'000);

    std::vector<OfferedFrame> frames;
    OfferedFrame f;
    while (source.next(f)) frames.push_back(f);
    REQUIRE(frames.size() == 210);
    unsigned to_quiet = 0;
    for (std::size_t i = 0; i < frames.size(); ++i) {
        CHECK(frames[i].id.sequence == i);
        if (i > 0) CHECK(frames[i].id.sent_at >= frames[i - 1].id.sent_at);
        if (frames[i].dst_port == 9) {
            ++to_quiet;
            CHECK(frames[i].id.sent_at % 20'000'000 == 0);  // the quiet class's own spacing
        }
    }
    CHECK(to_quiet == 10);
    CHECK(source.frames_sent(0) == 10);
    CHECK(source.frames_sent(1) == 200);
    // On a tie (both start at 0) the lower class goes first.
    CHECK(frames[0].dst_port == 9);
}
