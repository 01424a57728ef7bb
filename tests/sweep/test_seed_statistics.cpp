// Several seeds of a point: mean, sample standard deviation and the Student-t 95% interval.
#include <catch2/catch.hpp>

#include "sweep/seed_statistics.hpp"

using nicsim::sweep::student_t_975;
using nicsim::sweep::summarize;

TEST_CASE("The 95% interval uses Student's t with n - 1 degrees of freedom", "[unit][sweep]") {
    // Two-sided 95% quantiles from any t table.
    CHECK(student_t_975(1) == Approx(12.7062).epsilon(1e-5));
    CHECK(student_t_975(2) == Approx(4.3027).epsilon(1e-4));
    CHECK(student_t_975(4) == Approx(2.7764).epsilon(1e-4));
    CHECK(student_t_975(9) == Approx(2.2622).epsilon(1e-4));
    CHECK(student_t_975(30) == Approx(2.0423).epsilon(1e-4));
    CHECK(student_t_975(100000) == Approx(1.95996).epsilon(1e-4));  // the normal 1.96 in the limit
}

TEST_CASE("Seeds summarise to mean, sample sd and the half-width of the interval", "[unit][sweep]") {
    const auto s = summarize({1, 2, 3, 4});
    CHECK(s.n == 4);
    CHECK(s.mean == 2.5);
    CHECK(s.sd == Approx(1.2909944487));             // divides by n - 1
    CHECK(s.ci95 == Approx(3.182446 * 1.2909944487 / 2.0).epsilon(1e-6));
    // Large values with a small spread: no cancellation.
    const auto big = summarize({1e9 + 1, 1e9 + 2, 1e9 + 3});
    CHECK(big.mean == 1e9 + 2);
    CHECK(big.sd == Approx(1.0));
}

TEST_CASE("Seeds that agree exactly have no spread at all", "[unit][sweep]") {
    const auto s = summarize({0.476190476, 0.476190476, 0.476190476});
    CHECK(s.mean == 0.476190476);
    CHECK(s.sd == 0);
    CHECK(s.ci95 == 0);
}

TEST_CASE("One seed has no spread to estimate", "[unit][sweep]") {
    CHECK_THROWS_AS(summarize({5}), std::invalid_argument);
}
