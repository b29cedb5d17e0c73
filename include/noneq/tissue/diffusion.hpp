// noneq/tissue/diffusion.hpp — the diffusion part of the monodomain equation,
//     dV/dt = div(sigma grad V) / (chi C_m) + I_stim / (chi C_m),
// on a structured grid (grid.hpp) with no-flux boundaries, by finite volumes on the vertex-
// centred grid: node i owns the box of its half-spacings (a boundary node half a box per axis on
// which it lies on a face), weight m_i = prod_a w_a (w = 1/2 on a face, else 1), and the flux
// through the face between neighbours i, j along axis a is D_a / h_a^2 times the face's share
// of the other axes' weights (times the harmonic mean of their conductivity scales). With
// K u_i = sum_faces k_f (u_i - u_j) the semi-discrete equation is M dV/dt = -K V + M s. That is
// exactly the finite difference with mirrored ghost nodes (V_-1 = V_1) at the faces, written so
// that K is symmetric positive semi-definite (K 1 = 0: no flux leaves, sum m_i V_i is conserved).
//
// One implicit step of dt (theta = 1 backward Euler, 1/2 Crank-Nicolson):
//     (M + theta dt K) V' = (M - (1 - theta) dt K) V + M S,   S_i = integral of s_i over the step,
// solved by the Jacobi-preconditioned conjugate gradient (cg.hpp) from the guess V, matrix-free
// over the 7-point stencil (no assembled matrix, no new dependency: the matrix is SPD with a
// dominant diagonal, which CG with Jacobi solves in tens of iterations at the benchmark's steps).
// Its tolerance follows from the step's own error (docs/tissue.md): the solve stops when the
// Jacobi-scaled residual is below eta = 0.1 (dt D_max/h_min^2)^p of the initial one, p = 1 for
// backward Euler and 2 for Crank-Nicolson, clamped to [1e-12, 1e-3], with an absolute floor of
// 1e-11 mV; the solver's error over a run is then O(dt^p), as the scheme's own.
// Arrays are padded by one z-plane of zeros on each side, so the stencil is one flat loop.
#pragma once

#include <noneq/core/error.hpp>
#include <noneq/tissue/cg.hpp>
#include <noneq/tissue/grid.hpp>
#include <noneq/tissue/medium.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <sstream>
#include <vector>

namespace noneq::tissue {

enum class diffusion_scheme { backward_euler, crank_nicolson };

/// A per-node array with `pad` zeros before and after (a stencil reads them, times 0).
class node_field {
public:
    node_field() = default;
    node_field(std::size_t n, std::size_t pad, double value = 0.0)
        : data_(n + 2 * pad, 0.0), n_(n), pad_(pad) {
        std::fill_n(data_.begin() + std::ptrdiff_t(pad), n, value);
    }
    double* data() { return data_.data() + pad_; }
    const double* data() const { return data_.data() + pad_; }
    double& operator[](std::size_t i) { return data()[i]; }
    double operator[](std::size_t i) const { return data()[i]; }
    std::size_t size() const { return n_; }

private:
    std::vector<double> data_;
    std::size_t n_ = 0, pad_ = 0;
};

class diffusion {
public:
    diffusion(const grid& g, const medium& m) : n_(g.size()), sy_(g.nx()), sz_(g.nx() * g.ny()) {
        m.check();
        require(m.scale.empty() || m.scale.size() == n_, "scale.size()", m.scale.size(),
                "0 or the number of nodes");
        pad_ = sz_;
        mass_ = node_field(n_, pad_);
        for (auto& k : k_)
            k = node_field(n_, pad_);
        const auto D = m.diffusivity_m2_per_s();
        for (int a = 0; a < 3; ++a)
            rate_max_ = std::max(rate_max_, g.n(a) > 1 ? D[a] / (g.h_m(a) * g.h_m(a)) : 0.0);
        const std::array<std::size_t, 3> stride{1, sy_, sz_};
        for (std::size_t idx = 0; idx < n_; ++idx) {
            const auto c = g.ijk(idx);
            std::array<double, 3> w{};
            for (int a = 0; a < 3; ++a)
                w[a] = (g.n(a) > 1 && (c[a] == 0 || c[a] + 1 == g.n(a))) ? 0.5 : 1.0;
            mass_[idx] = w[0] * w[1] * w[2];
            for (int a = 0; a < 3; ++a) {
                if (c[a] + 1 >= g.n(a)) continue; // no face beyond the last node
                const double share = mass_[idx] / w[a];
                double s = 1.0;
                if (!m.scale.empty()) {
                    const double s0 = m.scale[idx], s1 = m.scale[idx + stride[a]];
                    s = 2.0 * s0 * s1 / (s0 + s1);
                }
                k_[a][idx] = D[a] / (g.h_m(a) * g.h_m(a)) * share * s;
            }
        }
        r_ = node_field(n_, pad_);
        p_ = node_field(n_, pad_);
        q_ = node_field(n_, pad_);
        dinv_ = node_field(n_, pad_);
    }

    std::size_t size() const { return n_; }
    std::size_t padding() const { return pad_; }
    /// A field of this grid's size and padding.
    node_field make_field(double value = 0.0) const { return node_field(n_, pad_, value); }
    /// The nodes' volume weights m_i (1 inside; 1/2 per face a node lies on).
    const node_field& mass() const { return mass_; }
    /// max_a D_a / h_a^2 (1/s): the fastest diffusive rate the grid resolves.
    double max_rate_per_s() const { return rate_max_; }

    /// out = a M u + c K u (u a padded array of this grid; units of u times 1/s for c = 1).
    void apply(const double* u, double* out, double a, double c) const {
        const double *kx = k_[0].data(), *ky = k_[1].data(), *kz = k_[2].data(), *m = mass_.data();
        const std::ptrdiff_t sy = std::ptrdiff_t(sy_), sz = std::ptrdiff_t(sz_);
        for (std::ptrdiff_t i = 0; i < std::ptrdiff_t(n_); ++i) {
            const double ui = u[i];
            const double f = kx[i] * (ui - u[i + 1]) + kx[i - 1] * (ui - u[i - 1]) +
                             ky[i] * (ui - u[i + sy]) + ky[i - sy] * (ui - u[i - sy]) +
                             kz[i] * (ui - u[i + sz]) + kz[i - sz] * (ui - u[i - sz]);
            out[i] = a * m[i] * ui + c * f;
        }
    }
    /// The diffusive rate of change dV/dt = -M^-1 K u (mV/s for u in mV).
    void rate(const double* u, double* out) const {
        apply(u, out, 0.0, -1.0);
        for (std::size_t i = 0; i < n_; ++i)
            out[i] /= mass_[i];
    }

    /// The relative CG tolerance for a step dt (s) of a scheme (see the header comment).
    double derived_tolerance(double dt_s, diffusion_scheme sc) const {
        const double y = dt_s * rate_max_;
        const double eta = sc == diffusion_scheme::backward_euler ? 0.1 * y : 0.1 * y * y;
        return std::clamp(eta, 1e-12, 1e-3);
    }

    /// One implicit step of dt (s) of V (a field of this grid, mV) with the integral of the
    /// source over the step per node (mV; nullptr: none). rel_tol 0: derived_tolerance.
    cg_result step(node_field& v, double dt_s, diffusion_scheme sc,
                   const double* source_mV = nullptr, double rel_tol = 0.0) {
        require_positive("dt", dt_s, "s");
        const double theta = sc == diffusion_scheme::backward_euler ? 1.0 : 0.5;
        if (dt_s != dinv_dt_ || theta != dinv_theta_) { // Jacobi: 1 / diag(M + theta dt K)
            const double c = theta * dt_s;
            const double *kx = k_[0].data(), *ky = k_[1].data(), *kz = k_[2].data();
            const std::ptrdiff_t sy = std::ptrdiff_t(sy_), sz = std::ptrdiff_t(sz_);
            for (std::ptrdiff_t i = 0; i < std::ptrdiff_t(n_); ++i)
                dinv_.data()[i] = 1.0 / (mass_.data()[i] + c * (kx[i] + kx[i - 1] + ky[i] +
                                                                ky[i - sy] + kz[i] + kz[i - sz]));
            dinv_dt_ = dt_s;
            dinv_theta_ = theta;
        }
        // r0 = b - A V = -dt K V + M S (the guess is V itself).
        apply(v.data(), r_.data(), 0.0, -dt_s);
        if (source_mV != nullptr)
            for (std::size_t i = 0; i < n_; ++i)
                r_[i] += mass_[i] * source_mV[i];
        const double tol = rel_tol > 0 ? rel_tol : derived_tolerance(dt_s, sc);
        const double c = theta * dt_s;
        const cg_result res =
            pcg([&](const double* p, double* q) { apply(p, q, 1.0, c); }, n_, dinv_.data(),
                v.data(), r_.data(), p_.data(), q_.data(), tol, 1e-11, max_iterations());
        ++solves_;
        iterations_ += res.iterations;
        if (!res.converged) {
            std::ostringstream os;
            os << "tissue: the diffusion solve did not converge (" << res.iterations
               << " CG iterations, scaled residual " << res.residual << " mV from " << res.initial
               << " mV): V is non-finite or dt = " << dt_s << " s is far too large";
            throw domain_error(os.str());
        }
        return res;
    }

    /// CG iterations allowed per solve.
    std::size_t max_iterations() const { return 1000 + n_; }
    std::size_t solves() const { return solves_; }
    std::size_t total_iterations() const { return iterations_; }

private:
    std::size_t n_, sy_, sz_, pad_ = 0;
    node_field mass_;
    std::array<node_field, 3> k_;
    node_field r_, p_, q_, dinv_;
    double rate_max_ = 0.0;
    double dinv_dt_ = -1.0, dinv_theta_ = -1.0;
    std::size_t solves_ = 0, iterations_ = 0;
};

} // namespace noneq::tissue
