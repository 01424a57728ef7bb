#include "sweep/seed_statistics.hpp"

#include <boost/math/distributions/students_t.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace nicsim::sweep {

double student_t_975(std::size_t degrees_of_freedom) {
    if (degrees_of_freedom == 0) throw std::invalid_argument("student_t_975: needs at least one degree of freedom");
    const boost::math::students_t t(static_cast<double>(degrees_of_freedom));
    return boost::math::quantile(t, 0.975);
}

SeedSummary summarize(const std::vector<double>& values) {
    if (values.size() < 2) throw std::invalid_argument("summarize: a spread needs at least two values");
    SeedSummary s;
    s.n = values.size();
    const double n = static_cast<double>(s.n);
    // Sums of the values shifted by the first one: no cancellation for large means, and
    // seeds that agree exactly give a spread of exactly 0 (not 1e-17).
    const double shift = values.front();
    double sum = 0, squares = 0;
    for (double v : values) {
        sum += v - shift;
        squares += (v - shift) * (v - shift);
    }
    s.mean = shift + sum / n;
    s.sd = std::sqrt(std::max(0.0, (squares - sum * sum / n) / (n - 1)));
    s.ci95 = student_t_975(s.n - 1) * s.sd / std::sqrt(n);
    return s;
}

}  // namespace nicsim::sweep
