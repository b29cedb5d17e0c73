// noneq/integrate/jacobian.hpp — the Jacobian J_ij = d f_i / d x_j of an odeint system
// f(x, t) by central differences, for rosenbrock4 and for the stability of fixed points.
//
// Step h_j = eps^(1/3) * max(|x_j|, scale) with scale = 1 (state variables of membranes are
// O(1) gates or O(10-100) mV), which balances the O(h^2) truncation against the O(eps/h)
// rounding of a central difference: relative accuracy about eps^(2/3) ~ 4e-11.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>

namespace noneq {

/// Fills J(i, j) (any matrix with operator()(i, j)) with the central-difference Jacobian of
/// `sys` (operator()(const State&, State&, double)) at (x, t). State is copyable and indexable.
template <class System, class State, class Matrix>
void finite_difference_jacobian(const System& sys, const State& x, double t, Matrix& J,
                                double scale = 1.0) {
    const std::size_t n = std::size(x);
    const double eps13 = std::cbrt(std::numeric_limits<double>::epsilon());
    State xp = x, xm = x, fp = x, fm = x;
    for (std::size_t j = 0; j < n; ++j) {
        const double h = eps13 * std::max(std::abs(static_cast<double>(x[j])), scale);
        xp[j] = x[j] + h;
        xm[j] = x[j] - h;
        const double dh = xp[j] - xm[j]; // the step actually represented
        sys(xp, fp, t);
        sys(xm, fm, t);
        for (std::size_t i = 0; i < n; ++i)
            J(i, j) = (fp[i] - fm[i]) / dh;
        xp[j] = x[j];
        xm[j] = x[j];
    }
}

} // namespace noneq
