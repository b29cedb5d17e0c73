// noneq/core/newton.hpp — damped Newton iteration for a small system of equations r(x) = 0 over a
// fixed-size state std::array<double, N>: the Jacobian by central differences (jacobian.hpp), the
// step by LU with partial pivoting (lu.hpp), and a backtracking damping that halves the step
// (down to 2^-10) until the largest residual decreases; if no fraction decreases it (rounding
// level), the full step is taken.
//
// Converged when max_i |r_i| < residual_tol, or when the last step moved every x_i by less than
// step_tol max(|x_i|, 1). Scale the residual to O(1) so one tolerance fits all its components.
// A Jacobian that is singular, a non-finite residual or no convergence within max_iterations
// throws noneq::domain_error (the equations, as posed, have no reachable root).
#pragma once

#include <noneq/core/error.hpp>
#include <noneq/core/jacobian.hpp>
#include <noneq/core/lu.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <string>

namespace noneq {

struct newton_options {
    int max_iterations = 50;
    double residual_tol = 1e-11; ///< on max_i |r_i|
    double step_tol = 1e-14;     ///< on max_i |dx_i| / max(|x_i|, 1)
    double jacobian_scale = 1.0; ///< the floor of the finite-difference step, as |x_j|
};

namespace detail {
template <std::size_t N>
double max_abs(const std::array<double, N>& r) {
    double m = 0;
    for (double v : r)
        m = std::max(m, std::abs(v));
    for (double v : r)
        if (!std::isfinite(v)) return std::abs(v); // NaN or inf: never "smaller"
    return m;
}
} // namespace detail

/// Solves r(x) = 0 from x0 (r: std::array<double, N>(const std::array<double, N>&)). Returns
/// the root; throws domain_error naming `what` if Newton fails.
template <std::size_t N, class Residual>
std::array<double, N> newton_solve(Residual&& r, std::array<double, N> x,
                                   const newton_options& opt = {},
                                   const std::string& what = "newton_solve") {
    using state = std::array<double, N>;
    require_each(x, "x0", "finite", [](double v) { return std::isfinite(v); });
    const auto rf = [&](const state& y, state& out) { out = r(y); };
    state res = r(x);
    for (int it = 0; it < opt.max_iterations; ++it) {
        const double rn = detail::max_abs(res);
        if (!std::isfinite(rn))
            throw domain_error(what + ": the residual is not finite at iteration " +
                               std::to_string(it));
        if (rn < opt.residual_tol) return x;
        linalg::lu<double, N> f;
        central_difference_jacobian(rf, x, f.matrix(), opt.jacobian_scale);
        if (f.factor() < N)
            throw domain_error(what + ": the Jacobian is singular at iteration " +
                               std::to_string(it));
        state dx = res;
        f.solve_in_place(dx);
        double lambda = 1.0;
        state y{}, ry{};
        for (int k = 0; k <= 10; ++k, lambda *= 0.5) {
            for (std::size_t i = 0; i < N; ++i)
                y[i] = x[i] - lambda * dx[i];
            ry = r(y);
            if (detail::max_abs(ry) < rn) break;
        }
        if (!(detail::max_abs(ry) < rn)) { // no decrease: rounding level, take the full step
            lambda = 1.0;
            for (std::size_t i = 0; i < N; ++i)
                y[i] = x[i] - dx[i];
            ry = r(y);
        }
        double step = 0;
        for (std::size_t i = 0; i < N; ++i)
            step = std::max(step, lambda * std::abs(dx[i]) / std::max(std::abs(y[i]), 1.0));
        x = y;
        res = ry;
        if (step < opt.step_tol) return x;
    }
    throw domain_error(what + ": Newton did not converge in " + std::to_string(opt.max_iterations) +
                       " iterations");
}

} // namespace noneq
