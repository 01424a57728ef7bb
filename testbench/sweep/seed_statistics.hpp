// What several seeds of one point say about a metric: the mean, the sample standard deviation
// and the 95% confidence interval of the mean. The interval uses Student's t distribution with
// n - 1 degrees of freedom (exact quantiles, from Boost.Math), not the normal 1.96: with the
// handful of seeds a sweep affords (t = 12.7 for 2 seeds, 2.78 for 5, 2.26 for 10), the normal
// interval would claim far more certainty than the runs give.
#pragma once

#include <cstddef>
#include <vector>

namespace nicsim::sweep {

struct SeedSummary {
    std::size_t n = 0;
    double mean = 0;
    double sd = 0;    // sample standard deviation (divides by n - 1)
    double ci95 = 0;  // half-width: the interval is mean ± ci95
};

// Student's t quantile for a two-sided 95% interval: t(0.975, degrees_of_freedom).
double student_t_975(std::size_t degrees_of_freedom);

// Needs at least two values (one seed has no spread to estimate); throws std::invalid_argument.
SeedSummary summarize(const std::vector<double>& values);

}  // namespace nicsim::sweep
