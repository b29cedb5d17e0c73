// noneq/analysis/eigenvalues.hpp — all eigenvalues of a small real square matrix (a Jacobian
// at a fixed point: a handful to a few tens of states).
//
// Method: the Aberth-Ehrlich simultaneous iteration (Aberth 1973, Math Comp 27:339) on the
// characteristic polynomial p(z) = det(z I - A), with the Newton ratio taken from Jacobi's
// formula p'(z)/p(z) = tr((z I - A)^{-1}), evaluated by an LU factorisation with partial
// pivoting (core/lu.hpp). The characteristic polynomial is never formed, so its coefficients' ill
// conditioning does not enter; each iterate is a backward-stable function of A. Convergence is
// cubic for simple eigenvalues (linear for multiple ones, which end within ~sqrt(eps)).
// Cost O(n^4) per sweep: meant for n <= ~30.
#pragma once

#include <noneq/core/error.hpp>
#include <noneq/core/lu.hpp>

#include <algorithm>
#include <cmath>
#include <complex>
#include <cstddef>
#include <numbers>
#include <utility>
#include <vector>

namespace noneq {

namespace detail {
/// tr((z I - A)^{-1}) for row-major A (n x n); returns false if z I - A is singular.
inline bool trace_of_resolvent(const std::vector<double>& a, std::size_t n, std::complex<double> z,
                               std::complex<double>& tr) {
    using C = std::complex<double>;
    std::vector<C> b(n * n);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j)
            b[i * n + j] = (i == j ? z : C(0)) - a[i * n + j];
    const linalg::dynamic_lu<C> f(std::move(b), n);
    if (f.singular()) return false;
    tr = 0;
    std::vector<C> y(n);
    for (std::size_t c = 0; c < n; ++c) { // column c of the inverse: solve B y = e_c
        std::fill(y.begin(), y.end(), C(0));
        y[c] = 1;
        f.solve_in_place(y);
        tr += y[c];
    }
    return true;
}
} // namespace detail

/// Eigenvalues of the row-major n x n matrix `a`, sorted by real part (descending).
inline std::vector<std::complex<double>> eigenvalues(const std::vector<double>& a, std::size_t n) {
    using C = std::complex<double>;
    require(n > 0 && a.size() == n * n, "matrix size", static_cast<double>(a.size()),
            "n*n with n > 0");
    require_each(a, "matrix", "finite", [](double x) { return std::isfinite(x); });
    double radius = 0, trace = 0;
    for (std::size_t i = 0; i < n; ++i) {
        double row = 0;
        for (std::size_t j = 0; j < n; ++j)
            row += std::abs(a[i * n + j]);
        radius = std::max(radius, row);
        trace += a[i * n + i];
    }
    if (radius == 0) return std::vector<C>(n, C(0));
    std::vector<C> z(n);
    const C centre(trace / static_cast<double>(n), 0);
    for (std::size_t k = 0; k < n; ++k)
        z[k] = centre + radius * std::polar(1.0, 2 * std::numbers::pi * static_cast<double>(k) /
                                                         static_cast<double>(n) +
                                                     0.4);
    std::vector<bool> done(n, false);
    for (int sweep = 0; sweep < 500; ++sweep) {
        bool all = true;
        for (std::size_t k = 0; k < n; ++k) {
            if (done[k]) continue;
            C tr;
            if (!detail::trace_of_resolvent(a, n, z[k], tr) || tr == C(0)) {
                done[k] = true; // z[k] is an eigenvalue to working precision
                continue;
            }
            const C newton = C(1) / tr;
            C sum = 0;
            for (std::size_t j = 0; j < n; ++j)
                if (j != k) sum += C(1) / (z[k] - z[j]);
            const C w = newton / (C(1) - newton * sum);
            z[k] -= w;
            if (std::abs(w) <= 1e-15 * (std::abs(z[k]) + 1e-12 * radius))
                done[k] = true;
            else
                all = false;
        }
        if (all) break;
    }
    for (auto& e : z) // a real matrix: clean rounding-level imaginary parts
        if (std::abs(e.imag()) <= 1e-12 * (std::abs(e.real()) + 1e-12 * radius)) e = {e.real(), 0};
    std::sort(z.begin(), z.end(), [](const C& p, const C& q) { return p.real() > q.real(); });
    return z;
}

} // namespace noneq
