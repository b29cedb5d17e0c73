// noneq/tissue/cg.hpp — the preconditioned conjugate gradient (Hestenes & Stiefel 1952) with a
// Jacobi (diagonal) preconditioner, matrix-free: the caller applies its symmetric positive
// definite operator. Written over plain double arrays; one pass per vector operation, no
// allocation. Stops when the Jacobi-scaled residual max_i |r_i / A_ii| (the size of the
// correction it still implies, in the unknown's own units) falls to rel_tol times its initial
// value, or to abs_tol.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace noneq::tissue {

struct cg_result {
    std::size_t iterations = 0;
    double initial = 0;  ///< max |r_i / A_ii| of the initial guess
    double residual = 0; ///< the same at the end
    bool converged = false;
};

/// Solves A x = b from the guess in x, with r = b - A x on entry. apply(p, q) sets q = A p
/// (p is the array `p`, so a stencil may read its padding). dinv = 1 / diag(A). Overwrites r, p,
/// q. Non-finite residual: returns converged = false at once.
template <class Apply>
cg_result pcg(Apply&& apply, std::size_t n, const double* dinv, double* x, double* r, double* p,
              double* q, double rel_tol, double abs_tol, std::size_t max_iter) {
    cg_result out;
    double rz = 0, zmax = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double z = r[i] * dinv[i];
        p[i] = z;
        rz += r[i] * z;
        zmax = std::max(zmax, std::abs(z));
    }
    out.initial = out.residual = zmax;
    if (!std::isfinite(rz)) return out;
    const double stop = std::max(rel_tol * zmax, abs_tol);
    if (zmax <= stop) {
        out.converged = true;
        return out;
    }
    while (out.iterations < max_iter) {
        apply(p, q);
        double pq = 0;
        for (std::size_t i = 0; i < n; ++i)
            pq += p[i] * q[i];
        const double alpha = rz / pq;
        double rz_new = 0;
        zmax = 0;
        for (std::size_t i = 0; i < n; ++i) {
            x[i] += alpha * p[i];
            r[i] -= alpha * q[i];
            const double z = r[i] * dinv[i];
            rz_new += r[i] * z;
            zmax = std::max(zmax, std::abs(z));
        }
        ++out.iterations;
        out.residual = zmax;
        if (!std::isfinite(rz_new)) return out;
        if (zmax <= stop) {
            out.converged = true;
            return out;
        }
        const double beta = rz_new / rz;
        rz = rz_new;
        for (std::size_t i = 0; i < n; ++i)
            p[i] = r[i] * dinv[i] + beta * p[i];
    }
    return out;
}

} // namespace noneq::tissue
