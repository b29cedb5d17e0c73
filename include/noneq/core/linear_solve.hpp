// noneq/core/linear_solve.hpp — noneq::linalg, small dense linear algebra for Markov chains and
// driven transporters: fixed-size matrices on the stack, the solve of a x = b (through the LU of
// lu.hpp), the stationary distribution of a Markov chain by the GTH algorithm, and the matrix
// exponential.
//
// Conventions: matrix<T, N> is row-major, m[i][j] = row i, column j. A Markov generator or
// transition matrix is given column-wise: q[i][j] is the rate (or probability) of j -> i, so
// occupancies evolve as dp/dt = Q p (or p' = M p). Diagonals are ignored where stated.
//
// Accuracy:
//  * solve(): partial pivoting, backward stable for the well-conditioned small systems met here;
//    a pivot below 1e3 * eps * max|a| (relative to the largest entry) is reported as singular.
//  * stationary(): Grassmann-Taksar-Heyman (1985) elimination uses only additions of
//    non-negative numbers, so the stationary vector has small componentwise relative error even
//    when rates span many orders of magnitude (no cancellation; O'Cinneide 1993).
//  * expm(): scaling and squaring with an 18-term Taylor series after scaling ||A||_1 <= 1/4
//    (truncation < 1e-26 of the scaled exponential; Moler & Van Loan 2003, "Nineteen dubious
//    ways", method 3). Squaring amplifies the rounding by about the number of squarings.
#pragma once

#include <noneq/core/error.hpp>
#include <noneq/core/lu.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <limits>
#include <string>
#include <utility>

namespace noneq::linalg {

template <class T, std::size_t N>
using vec = std::array<T, N>;
template <class T, std::size_t N>
using matrix = std::array<std::array<T, N>, N>;

/// Zero matrix.
template <class T, std::size_t N>
constexpr matrix<T, N> zero_matrix() {
    matrix<T, N> m{};
    for (auto& r : m)
        r.fill(T(0));
    return m;
}

/// Identity matrix.
template <class T, std::size_t N>
constexpr matrix<T, N> identity_matrix() {
    auto m = zero_matrix<T, N>();
    for (std::size_t i = 0; i < N; ++i)
        m[i][i] = T(1);
    return m;
}

/// Matrix product a b.
template <class T, std::size_t N>
matrix<T, N> matmul(const matrix<T, N>& a, const matrix<T, N>& b) {
    auto c = zero_matrix<T, N>();
    for (std::size_t i = 0; i < N; ++i)
        for (std::size_t k = 0; k < N; ++k) {
            const T aik = a[i][k];
            if (aik == T(0)) continue;
            for (std::size_t j = 0; j < N; ++j)
                c[i][j] += aik * b[k][j];
        }
    return c;
}

/// Matrix-vector product a x.
template <class T, std::size_t N>
vec<T, N> matvec(const matrix<T, N>& a, const vec<T, N>& x) {
    vec<T, N> y{};
    for (std::size_t i = 0; i < N; ++i) {
        T s(0);
        for (std::size_t j = 0; j < N; ++j)
            s += a[i][j] * x[j];
        y[i] = s;
    }
    return y;
}

/// Induced 1-norm (largest absolute column sum).
template <class T, std::size_t N>
T norm1(const matrix<T, N>& a) {
    T best(0);
    for (std::size_t j = 0; j < N; ++j) {
        T s(0);
        for (std::size_t i = 0; i < N; ++i)
            s += std::abs(a[i][j]);
        if (s > best) best = s;
    }
    return best;
}

/// Solves a x = b by Gaussian elimination with partial pivoting (lu.hpp). Throws domain_error if
/// a is singular to working precision or holds a non-finite entry.
template <std::floating_point T, std::size_t N>
vec<T, N> solve(const matrix<T, N>& a, vec<T, N> b) {
    T scale(0);
    for (const auto& row : a)
        for (T x : row) {
            require_finite("matrix entry", x);
            scale = std::max(scale, std::abs(x));
        }
    const lu<T, N> f(a, static_cast<double>(scale * T(1e3) * std::numeric_limits<T>::epsilon()));
    if (f.singular())
        throw domain_error("solve: matrix is singular to working precision at column " +
                           std::to_string(f.singular_column()));
    f.solve_in_place(b);
    return b;
}

/// Stationary distribution of an irreducible Markov chain (continuous or discrete time) by the
/// GTH algorithm. `q[i][j]` is the rate (or probability) of the transition j -> i; diagonal
/// entries are ignored and negative off-diagonal round-off (|x| tiny) is treated as zero.
/// Returns p >= 0 with sum 1 and Q p = 0 (or M p = p). Throws domain_error if the chain is
/// reducible (a state that cannot be left toward the states already eliminated).
template <std::floating_point T, std::size_t N>
vec<T, N> stationary(const matrix<T, N>& q) {
    static_assert(N >= 1);
    // Row convention inside: r[i][j] = rate i -> j.
    matrix<T, N> r{};
    for (std::size_t i = 0; i < N; ++i)
        for (std::size_t j = 0; j < N; ++j) {
            const T x = (i == j) ? T(0) : q[j][i];
            require(std::isfinite(x), "transition rate", x, "finite");
            r[i][j] = x > T(0) ? x : T(0);
        }
    for (std::size_t n = N - 1; n >= 1; --n) {
        T s(0);
        for (std::size_t j = 0; j < n; ++j)
            s += r[n][j];
        if (!(s > T(0)))
            throw domain_error("stationary: the Markov chain is reducible (state " +
                               std::to_string(n) + " has no path to states 0.." +
                               std::to_string(n - 1) + ")");
        for (std::size_t i = 0; i < n; ++i)
            r[i][n] /= s;
        for (std::size_t i = 0; i < n; ++i) {
            const T rin = r[i][n];
            if (rin == T(0)) continue;
            for (std::size_t j = 0; j < n; ++j)
                r[i][j] += rin * r[n][j];
        }
    }
    vec<T, N> x{};
    x[0] = T(1);
    T total = T(1);
    for (std::size_t n = 1; n < N; ++n) {
        T s(0);
        for (std::size_t i = 0; i < n; ++i)
            s += x[i] * r[i][n];
        x[n] = s;
        total += s;
    }
    for (auto& v : x)
        v /= total;
    return x;
}

/// Matrix exponential exp(a) by scaling and squaring of a Taylor series.
template <std::floating_point T, std::size_t N>
matrix<T, N> expm(const matrix<T, N>& a) {
    const T nrm = norm1(a);
    require(std::isfinite(nrm), "expm: matrix norm", nrm, "finite");
    int s = 0;
    if (nrm > T(0.25)) s = static_cast<int>(std::ceil(std::log2(nrm / T(0.25))));
    const T scale = std::ldexp(T(1), -s);
    matrix<T, N> as = a;
    for (auto& row : as)
        for (auto& x : row)
            x *= scale;
    // Horner form of sum_{k=0}^{18} A^k / k!
    constexpr int terms = 18;
    auto e = identity_matrix<T, N>();
    for (int k = terms; k >= 1; --k) {
        e = matmul(as, e);
        for (auto& row : e)
            for (auto& x : row)
                x /= T(k);
        for (std::size_t i = 0; i < N; ++i)
            e[i][i] += T(1);
    }
    for (int i = 0; i < s; ++i)
        e = matmul(e, e);
    return e;
}

} // namespace noneq::linalg
