// noneq/core/jacobian.hpp — the finite-difference Jacobians of noneq, J_ij = d f_i / d x_j.
//
// central_difference_jacobian(f, x, J, scale)       f(const State& x, State& out)
// finite_difference_jacobian(sys, x, t, J, scale)   an odeint system sys(x, dxdt, t), the same
//                                                   central differences at fixed t
//   Step h_j = eps^(1/3) max(|x_j|, scale), which balances the O(h^2) truncation against the
//   O(eps/h) rounding: relative accuracy about eps^(2/3) ~ 4e-11. For Newton iterations and the
//   stability of fixed points.
//
// forward_difference_jacobian(f, x, f0, J, floor)   f(const std::array<V, N>&, std::array<V, N>&)
//   Forward differences from a known f0 = f(x), step h_j = sqrt(eps) max(|x_j|, floor): half the
//   evaluations of central differences, accuracy about sqrt(eps) ~ 1e-8, ample for the iteration
//   matrix of a Rosenbrock step. If f also accepts xsimd::batch<double> (the same templated
//   formulas), the columns are evaluated a batch at a time: a Jacobian costs about N / lanes
//   evaluations. Returns the number of evaluations of f.
// J is any matrix with J(i, j) or J[i][j].
#pragma once

#include <xsimd/xsimd.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <utility>

namespace noneq {

namespace detail {
template <class M>
decltype(auto) entry(M& J, std::size_t i, std::size_t j) {
    if constexpr (requires { J(i, j); })
        return J(i, j);
    else
        return J[i][j];
}
} // namespace detail

/// Central-difference Jacobian of f(const State&, State&) at x. State is copyable and indexable.
template <class F, class State, class Matrix>
void central_difference_jacobian(F&& f, const State& x, Matrix& J, double scale = 1.0) {
    const std::size_t n = std::size(x);
    const double eps13 = std::cbrt(std::numeric_limits<double>::epsilon());
    State xp = x, xm = x, fp = x, fm = x;
    for (std::size_t j = 0; j < n; ++j) {
        const double h = eps13 * std::max(std::abs(static_cast<double>(x[j])), scale);
        xp[j] = x[j] + h;
        xm[j] = x[j] - h;
        const double dh = xp[j] - xm[j]; // the step actually represented
        f(std::as_const(xp), fp);
        f(std::as_const(xm), fm);
        for (std::size_t i = 0; i < n; ++i)
            detail::entry(J, i, j) = (fp[i] - fm[i]) / dh;
        xp[j] = x[j];
        xm[j] = x[j];
    }
}

/// Central-difference Jacobian of an odeint system sys(x, dxdt, t) at (x, t).
template <class System, class State, class Matrix>
void finite_difference_jacobian(const System& sys, const State& x, double t, Matrix& J,
                                double scale = 1.0) {
    central_difference_jacobian([&](const State& y, State& out) { sys(y, out, t); }, x, J, scale);
}

/// Forward-difference Jacobian of f at x, with f0 = f(x); batched where f accepts batches.
template <std::size_t N, class F, class Matrix>
std::size_t forward_difference_jacobian(F&& f, const std::array<double, N>& x,
                                        const std::array<double, N>& f0, Matrix& J,
                                        double floor = 1e-3) {
    const double sq = std::sqrt(std::numeric_limits<double>::epsilon());
    using B = xsimd::batch<double>;
    if constexpr (requires(const std::array<B, N>& xb, std::array<B, N>& fb) { f(xb, fb); }) {
        constexpr std::size_t L = B::size;
        alignas(64) std::array<double, L> buf;
        std::size_t calls = 0;
        for (std::size_t j0 = 0; j0 < N; j0 += L) {
            std::array<B, N> xb, fb;
            std::array<double, L> h{};
            for (std::size_t i = 0; i < N; ++i) {
                buf.fill(x[i]);
                if (i >= j0 && i < j0 + L) {
                    const std::size_t l = i - j0;
                    const double xi = x[i] + sq * std::max(std::abs(x[i]), floor);
                    h[l] = xi - x[i]; // the increment actually represented
                    buf[l] = xi;
                }
                xb[i] = B::load_aligned(buf.data());
            }
            f(std::as_const(xb), fb);
            ++calls;
            for (std::size_t i = 0; i < N; ++i) {
                fb[i].store_aligned(buf.data());
                for (std::size_t l = 0; l < L && j0 + l < N; ++l)
                    detail::entry(J, i, j0 + l) = (buf[l] - f0[i]) / h[l];
            }
        }
        return calls;
    } else {
        std::array<double, N> xp = x, fp;
        for (std::size_t j = 0; j < N; ++j) {
            xp[j] = x[j] + sq * std::max(std::abs(x[j]), floor);
            const double h = xp[j] - x[j];
            f(std::as_const(xp), fp);
            for (std::size_t i = 0; i < N; ++i)
                detail::entry(J, i, j) = (fp[i] - f0[i]) / h;
            xp[j] = x[j];
        }
        return N;
    }
}

} // namespace noneq
