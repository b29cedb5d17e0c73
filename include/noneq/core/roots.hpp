// noneq/core/roots.hpp — bracketed scalar root finding (TOMS 748, via Boost.Math), with a clear
// error when the bracket does not hold a sign change and a documented tolerance.
#pragma once

#include <noneq/core/error.hpp>

#include <boost/math/tools/roots.hpp>
#include <boost/math/tools/toms748_solve.hpp>

#include <cmath>
#include <cstdint>
#include <utility>

namespace noneq {

struct root_result {
    double x;      ///< the root (midpoint of the final bracket)
    double lo, hi; ///< the final bracket, |hi - lo| <= tolerance
    std::uintmax_t iterations;
};

/// A root of f in [lo, hi], where f(lo) and f(hi) differ in sign. Converges always (TOMS 748 is
/// a safeguarded bracketing method); stops when the bracket is within `bits` bits of relative
/// precision or `abs_tol` absolute width, whichever comes first.
template <class F>
root_result find_root(F&& f, double lo, double hi, int bits = 50, double abs_tol = 0.0,
                      std::uintmax_t max_iter = 200) {
    double flo = f(lo), fhi = f(hi);
    if (flo == 0.0) return {lo, lo, lo, 0};
    if (fhi == 0.0) return {hi, hi, hi, 0};
    if (!(std::signbit(flo) != std::signbit(fhi)) || !std::isfinite(flo) || !std::isfinite(fhi))
        throw domain_error("bracket", lo,
                           "f(lo) and f(hi) of opposite sign; f(lo) = " + std::to_string(flo) +
                               ", f(hi) = " + std::to_string(fhi));
    boost::math::tools::eps_tolerance<double> rel(bits);
    auto tol = [&](double a, double b) { return rel(a, b) || std::abs(b - a) <= abs_tol; };
    std::uintmax_t it = max_iter;
    auto r = boost::math::tools::toms748_solve(f, lo, hi, flo, fhi, tol, it);
    return {0.5 * (r.first + r.second), r.first, r.second, it};
}

} // namespace noneq
