// noneq/membrane/cardiac/rodas.hpp — a Rosenbrock (linearly implicit) stepper of order 4 with an
// embedded order-3 error estimate and continuous output for a small stiff system held in a
// std::array: the method and coefficients of Hairer & Wanner's RODAS (Solving Ordinary
// Differential Equations II, 2nd ed., Springer 1996, Sec. IV.7), as Boost.Odeint's rosenbrock4
// uses them, with its step-size controller (Hairer-Wanner's predictive, Gustafsson type).
//
// Why not odeint's rosenbrock4 itself: it needs uBLAS vectors and matrices, and Boost 1.74's uBLAS
// does not compile as C++20 (it calls std::allocator::construct, removed in C++20). Here the
// state is the model's std::array, the matrix a fixed-size array, nothing is allocated per step.
//
// The Jacobian is by forward differences, computed column block by column block with the model's
// right-hand side over xsimd::batch<double> — the same templated formulas as the scalar path, so
// a Jacobian costs about N / lanes right-hand sides. The system is autonomous (df/dt = 0).
// Variables are scaled by typical magnitudes s_i (z_i = x_i / s_i) so one absolute tolerance fits.
#pragma once

#include <noneq/core/value_traits.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <limits>

namespace noneq::cardiac {

/// RODAS stepper with error control and dense output for `Model` (which provides
/// `template <value_type V> void rhs(const std::array<V, N>&, std::array<V, N>&) const`).
template <class Model, std::size_t N>
class rodas_stepper {
public:
    using vec = std::array<double, N>;

    rodas_stepper(const Model& m, const vec& scale, double atol, double rtol)
        : model_(&m), scale_(scale), atol_(atol), rtol_(rtol) {}

    void initialize(const vec& z0, double t0, double dt0) {
        z_ = z0;
        t_ = t0;
        dt_ = dt0;
        first_ = true;
        last_rejected_ = false;
    }

    /// One accepted step (retrying with smaller steps as the error control asks). Returns false
    /// if the step size underflows (no finite step is accepted).
    bool do_step() {
        z_old_ = z_;
        t_old_ = t_;
        for (;;) {
            const double dt = dt_;
            if (!(dt > std::abs(t_) * 1e-15 && dt > 0.0)) return false;
            const double err = attempt(dt);
            const double fac = std::max(1.0 / 6.0, std::min(5.0, std::pow(err, 0.25) / 0.9));
            double dt_new = dt / fac;
            if (err <= 1.0) {
                if (!first_) {
                    double fac_pred = (dt_old_ / dt) * std::pow(err * err / err_old_, 0.25) / 0.9;
                    fac_pred = std::max(1.0 / 6.0, std::min(5.0, fac_pred));
                    dt_new = dt / std::max(fac, fac_pred);
                }
                first_ = false;
                dt_old_ = dt;
                err_old_ = std::max(0.01, err);
                if (last_rejected_) dt_new = std::min(dt_new, dt);
                last_rejected_ = false;
                t_ = t_old_ + dt;
                z_ = znew_;
                for (std::size_t i = 0; i < N; ++i) {
                    cont3_[i] = d21 * g_[0][i] + d22 * g_[1][i] + d23 * g_[2][i] + d24 * g_[3][i] +
                                d25 * g_[4][i];
                    cont4_[i] = d31 * g_[0][i] + d32 * g_[1][i] + d33 * g_[2][i] + d34 * g_[3][i] +
                                d35 * g_[4][i];
                }
                dt_ = dt_new;
                return true;
            }
            dt_ = std::isfinite(dt_new) ? dt_new : dt / 5.0; // NaN error: shrink the step
            last_rejected_ = true;
            ++rejected_;
        }
    }

    /// Continuous output in the last step (odeint's rosenbrock4 interpolant).
    void calc_state(double t, vec& z) const {
        const double s = (t - t_old_) / (t_ - t_old_), s1 = 1.0 - s;
        for (std::size_t i = 0; i < N; ++i)
            z[i] = z_old_[i] * s1 + s * (z_[i] + s1 * (cont3_[i] + s * cont4_[i]));
    }

    const vec& current_state() const { return z_; }
    const vec& previous_state() const { return z_old_; }
    double current_time() const { return t_; }
    double previous_time() const { return t_old_; }
    std::size_t rejected_steps() const { return rejected_; }
    /// The variable with the largest scaled error in the last trial step (the first non-finite
    /// one if any), and whether it was non-finite.
    std::size_t last_worst() const { return worst_; }
    bool last_nonfinite() const { return nonfinite_; }
    std::size_t rhs_calls() const { return rhs_calls_; }

private:
    // RODAS coefficients (Hairer & Wanner 1996; Boost.Odeint default_rosenbrock_coefficients)
    static constexpr double gamma = 0.25;
    static constexpr double a21 = 1.544, a31 = 0.9466785280815826, a32 = 0.2557011698983284,
                            a41 = 3.314825187068521, a42 = 2.896124015972201,
                            a43 = 0.9986419139977817, a51 = 1.221224509226641,
                            a52 = 6.019134481288629, a53 = 12.53708332932087,
                            a54 = -0.6878860361058950;
    static constexpr double c21 = -5.6688, c31 = -2.430093356833875, c32 = -0.2063599157091915,
                            c41 = -0.1073529058151375, c42 = -9.594562251023355,
                            c43 = -20.47028614809616, c51 = 7.496443313967647,
                            c52 = -10.24680431464352, c53 = -33.99990352819905,
                            c54 = 11.70890893206160, c61 = 8.083246795921522,
                            c62 = -7.981132988064893, c63 = -31.52159432874371,
                            c64 = 16.31930543123136, c65 = -6.058818238834054;
    static constexpr double d21 = 10.12623508344586, d22 = -7.487995877610167,
                            d23 = -34.80091861555747, d24 = -7.992771707568823,
                            d25 = 1.025137723295662, d31 = -0.6762803392801253,
                            d32 = 6.087714651680015, d33 = 16.43084320892478,
                            d34 = 24.76722511418386, d35 = -6.594389125716872;

    void f(const vec& z, vec& dz) {
        vec x, dx;
        for (std::size_t i = 0; i < N; ++i)
            x[i] = z[i] * scale_[i];
        model_->rhs(x, dx);
        ++rhs_calls_;
        for (std::size_t i = 0; i < N; ++i) {
            dz[i] = dx[i] / scale_[i];
            if (!nonfinite_ && !std::isfinite(dz[i])) nonfinite_ = true, worst_ = i;
        }
    }

    void jacobian(const vec& z, const vec& f0) {
        using B = xsimd::batch<double>;
        constexpr std::size_t L = B::size;
        const double sq = std::sqrt(std::numeric_limits<double>::epsilon());
        alignas(64) std::array<double, L> buf;
        for (std::size_t j0 = 0; j0 < N; j0 += L) {
            std::array<B, N> xb, fb;
            std::array<double, L> h{};
            for (std::size_t i = 0; i < N; ++i) {
                buf.fill(z[i]);
                if (i >= j0 && i < j0 + L) {
                    const std::size_t l = i - j0;
                    const double zi = z[i] + sq * std::max(std::abs(z[i]), 1e-3);
                    h[l] = zi - z[i]; // the increment actually represented
                    buf[l] = zi;
                }
                for (auto& b : buf)
                    b *= scale_[i];
                xb[i] = B::load_aligned(buf.data());
            }
            model_->rhs(xb, fb);
            ++rhs_calls_;
            for (std::size_t i = 0; i < N; ++i) {
                fb[i].store_aligned(buf.data());
                for (std::size_t l = 0; l < L && j0 + l < N; ++l)
                    jac_[i][j0 + l] = (buf[l] / scale_[i] - f0[i]) / h[l];
            }
        }
    }

    // LU with partial pivoting of m_ = I/(gamma dt) - J, in place.
    void factor(double dt) {
        const double d = 1.0 / (gamma * dt);
        for (std::size_t i = 0; i < N; ++i)
            for (std::size_t j = 0; j < N; ++j)
                lu_[i][j] = (i == j ? d : 0.0) - jac_[i][j];
        for (std::size_t k = 0; k < N; ++k) {
            std::size_t p = k;
            for (std::size_t i = k + 1; i < N; ++i)
                if (std::abs(lu_[i][k]) > std::abs(lu_[p][k])) p = i;
            piv_[k] = p;
            if (p != k) std::swap(lu_[p], lu_[k]);
            const double inv = 1.0 / lu_[k][k];
            for (std::size_t i = k + 1; i < N; ++i) {
                const double l = lu_[i][k] *= inv;
                if (l != 0.0)
                    for (std::size_t j = k + 1; j < N; ++j)
                        lu_[i][j] -= l * lu_[k][j];
            }
        }
    }

    void solve(vec& b) const {
        // rows were swapped whole during the factorisation (as LAPACK's getrf): permute b first,
        // then forward and back substitution
        for (std::size_t k = 0; k < N; ++k)
            std::swap(b[k], b[piv_[k]]);
        for (std::size_t k = 0; k < N; ++k)
            for (std::size_t i = k + 1; i < N; ++i)
                b[i] -= lu_[i][k] * b[k];
        for (std::size_t k = N; k-- > 0;) {
            for (std::size_t j = k + 1; j < N; ++j)
                b[k] -= lu_[k][j] * b[j];
            b[k] /= lu_[k][k];
        }
    }

    // One trial step of size dt from (t_old_, z_old_); leaves the result in znew_ and returns the
    // RMS error norm (odeint's rosenbrock4_controller::error).
    double attempt(double dt) {
        const vec& x = z_old_;
        vec dxdt, tmp, fn;
        nonfinite_ = false; // f() names the first variable whose derivative is non-finite
        f(x, dxdt);
        jacobian(x, dxdt);
        factor(dt);
        auto& g = g_;
        g[0] = dxdt;
        solve(g[0]);
        for (std::size_t i = 0; i < N; ++i)
            tmp[i] = x[i] + a21 * g[0][i];
        f(tmp, fn);
        for (std::size_t i = 0; i < N; ++i)
            g[1][i] = fn[i] + c21 * g[0][i] / dt;
        solve(g[1]);
        for (std::size_t i = 0; i < N; ++i)
            tmp[i] = x[i] + a31 * g[0][i] + a32 * g[1][i];
        f(tmp, fn);
        for (std::size_t i = 0; i < N; ++i)
            g[2][i] = fn[i] + (c31 * g[0][i] + c32 * g[1][i]) / dt;
        solve(g[2]);
        for (std::size_t i = 0; i < N; ++i)
            tmp[i] = x[i] + a41 * g[0][i] + a42 * g[1][i] + a43 * g[2][i];
        f(tmp, fn);
        for (std::size_t i = 0; i < N; ++i)
            g[3][i] = fn[i] + (c41 * g[0][i] + c42 * g[1][i] + c43 * g[2][i]) / dt;
        solve(g[3]);
        for (std::size_t i = 0; i < N; ++i)
            tmp[i] = x[i] + a51 * g[0][i] + a52 * g[1][i] + a53 * g[2][i] + a54 * g[3][i];
        f(tmp, fn);
        for (std::size_t i = 0; i < N; ++i)
            g[4][i] = fn[i] + (c51 * g[0][i] + c52 * g[1][i] + c53 * g[2][i] + c54 * g[3][i]) / dt;
        solve(g[4]);
        for (std::size_t i = 0; i < N; ++i)
            tmp[i] += g[4][i];
        f(tmp, fn);
        vec err;
        for (std::size_t i = 0; i < N; ++i)
            err[i] = fn[i] + (c61 * g[0][i] + c62 * g[1][i] + c63 * g[2][i] + c64 * g[3][i] +
                              c65 * g[4][i]) /
                                 dt;
        solve(err);
        double e = 0.0, worst = -1.0;
        for (std::size_t i = 0; i < N; ++i) {
            znew_[i] = tmp[i] + err[i];
            const double sk = atol_ + rtol_ * std::max(std::abs(x[i]), std::abs(znew_[i]));
            const double q = (err[i] / sk) * (err[i] / sk);
            e += q;
            if (!std::isfinite(znew_[i]) || !std::isfinite(q)) {
                if (!nonfinite_) worst_ = i;
                nonfinite_ = true;
            } else if (!nonfinite_ && q > worst) {
                worst = q;
                worst_ = i;
            }
        }
        return std::sqrt(e / double(N));
    }

    const Model* model_;
    vec scale_;
    double atol_, rtol_;
    vec z_{}, z_old_{}, znew_{}, cont3_{}, cont4_{};
    std::array<vec, 5> g_{};
    std::array<vec, N> jac_{}, lu_{};
    std::array<std::size_t, N> piv_{};
    double t_ = 0, t_old_ = 0, dt_ = 0, dt_old_ = 0, err_old_ = 0;
    bool first_ = true, last_rejected_ = false;
    std::size_t rejected_ = 0, rhs_calls_ = 0, worst_ = 0;
    bool nonfinite_ = false;
};

} // namespace noneq::cardiac
