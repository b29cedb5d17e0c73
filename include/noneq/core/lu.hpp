// noneq/core/lu.hpp — the one LU factorisation of noneq: P A = L U by Gaussian elimination with
// partial pivoting (rows swapped whole, as LAPACK's getrf), and the solve that goes with it.
//
//   lu_factor_in_place(n, at, piv)   factorises the n x n matrix reached through at(i, j) -> T&
//   lu_solve_in_place(n, at, piv, b) solves A x = b with a factorisation, b overwritten by x
//   lu<T, N>                         a fixed-size factorisation on the stack (Rosenbrock steps,
//                                    Newton on a small state)
//   dynamic_lu<T>                    the same over a run-time size (eigenvalues of a Jacobian)
//
// T is a real or complex floating-point type. The factorisation always runs to the end and
// reports the first column whose pivot is not larger than `tiny` (exactly zero by default), so
// that a caller decides: linalg::solve (linear_solve.hpp) throws domain_error, a Rosenbrock step
// lets the non-finite result reject the step. Multipliers are formed with the reciprocal of the
// pivot, one division per column.
#pragma once

#include <array>
#include <cmath>
#include <complex>
#include <cstddef>
#include <type_traits>
#include <utility>
#include <vector>

namespace noneq::linalg {

/// Factorises in place; piv[k] is the row swapped with row k at step k. Returns the first column
/// whose pivot magnitude is not > tiny (the matrix is singular to that threshold), else n.
template <class At, class Piv>
std::size_t lu_factor_in_place(std::size_t n, At&& at, Piv& piv, double tiny = 0.0) {
    using std::abs;
    std::size_t singular = n;
    for (std::size_t k = 0; k < n; ++k) {
        std::size_t p = k;
        for (std::size_t i = k + 1; i < n; ++i)
            if (abs(at(i, k)) > abs(at(p, k))) p = i;
        piv[k] = p;
        if (p != k)
            for (std::size_t j = 0; j < n; ++j)
                std::swap(at(p, j), at(k, j));
        if (!(abs(at(k, k)) > tiny) && singular == n) singular = k;
        using T = std::remove_cvref_t<decltype(at(k, k))>;
        const T inv = T(1) / at(k, k);
        for (std::size_t i = k + 1; i < n; ++i) {
            const T l = at(i, k) *= inv;
            if (l != T(0))
                for (std::size_t j = k + 1; j < n; ++j)
                    at(i, j) -= l * at(k, j);
        }
    }
    return singular;
}

/// Solves A x = b from lu_factor_in_place's result; b (indexable) becomes x.
template <class At, class Piv, class Vec>
void lu_solve_in_place(std::size_t n, At&& at, const Piv& piv, Vec& b) {
    // the rows were swapped whole: permute b in the same order, then forward and back
    // substitution (unit lower L, upper U)
    for (std::size_t k = 0; k < n; ++k)
        if (piv[k] != k) std::swap(b[k], b[piv[k]]);
    for (std::size_t k = 0; k < n; ++k)
        for (std::size_t i = k + 1; i < n; ++i)
            b[i] -= at(i, k) * b[k];
    for (std::size_t k = n; k-- > 0;) {
        for (std::size_t j = k + 1; j < n; ++j)
            b[k] -= at(k, j) * b[j];
        b[k] /= at(k, k);
    }
}

/// A fixed-size LU factorisation. Fill matrix() and call factor(), or construct from a matrix.
template <class T, std::size_t N>
class lu {
public:
    using matrix_type = std::array<std::array<T, N>, N>;
    using vector_type = std::array<T, N>;

    lu() = default;
    explicit lu(const matrix_type& a, double tiny = 0.0) : a_(a) { factor(tiny); }

    /// The matrix to factorise (before factor()) or the factors (after).
    matrix_type& matrix() { return a_; }
    const matrix_type& matrix() const { return a_; }

    /// Factorises matrix() in place; returns the first singular column, or N.
    std::size_t factor(double tiny = 0.0) {
        singular_ = lu_factor_in_place(N, at(), piv_, tiny);
        return singular_;
    }
    bool singular() const { return singular_ < N; }
    std::size_t singular_column() const { return singular_; }

    void solve_in_place(vector_type& b) const {
        lu_solve_in_place(
            N, [this](std::size_t i, std::size_t j) -> const T& { return a_[i][j]; }, piv_, b);
    }
    vector_type solve(vector_type b) const {
        solve_in_place(b);
        return b;
    }

private:
    auto at() {
        return [this](std::size_t i, std::size_t j) -> T& { return a_[i][j]; };
    }
    matrix_type a_{};
    std::array<std::size_t, N> piv_{};
    std::size_t singular_ = N;
};

/// A run-time-size LU factorisation of a row-major n x n matrix.
template <class T>
class dynamic_lu {
public:
    /// Factorises `a` (row-major, n * n entries).
    dynamic_lu(std::vector<T> a, std::size_t n, double tiny = 0.0)
        : a_(std::move(a)), piv_(n), n_(n) {
        singular_ = lu_factor_in_place(
            n_, [this](std::size_t i, std::size_t j) -> T& { return a_[i * n_ + j]; }, piv_, tiny);
    }
    std::size_t size() const { return n_; }
    bool singular() const { return singular_ < n_; }
    std::size_t singular_column() const { return singular_; }

    /// b (n entries) becomes the solution of A x = b.
    void solve_in_place(std::vector<T>& b) const {
        lu_solve_in_place(
            n_, [this](std::size_t i, std::size_t j) -> const T& { return a_[i * n_ + j]; }, piv_,
            b);
    }

private:
    std::vector<T> a_;
    std::vector<std::size_t> piv_;
    std::size_t n_;
    std::size_t singular_ = 0;
};

} // namespace noneq::linalg
