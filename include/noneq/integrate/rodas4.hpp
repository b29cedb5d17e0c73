// noneq/integrate/rodas4.hpp — RODAS 4(3): a Rosenbrock (linearly implicit) stepper of order 4
// with an embedded order-3 error estimate, continuous output and step-size control, for any
// system with a fixed-size state std::array<double, N>: the method and coefficients of Hairer &
// Wanner's RODAS (Solving Ordinary Differential Equations II, 2nd ed., Springer 1996, Sec. IV.7),
// as Boost.Odeint's rosenbrock4 uses them, with its step-size controller (Hairer-Wanner's
// predictive, Gustafsson type) and its continuous output.
//
// It is an odeint dense-output stepper (initialize, do_step(system), calc_state, ...), so
// integrate_guarded (guarded.hpp) and run (run.hpp, method::rodas4) drive it. Unlike odeint's
// rosenbrock4 it needs no uBLAS (Boost 1.74's uBLAS does not compile as C++20 without a shim) and
// allocates nothing per step.
//
// The system is sys(x, dxdt, t) (odeint's signature). Its Jacobian is sys.jacobian(x, J, t) if it
// has one (J: std::array<std::array<double, N>, N>), else forward differences
// (core/jacobian.hpp), a batch of columns at a time if the system declares
// `static constexpr bool simd_rhs = true` (its right-hand side also takes
// std::array<xsimd::batch<double>, N>: the same templated formulas). df/dt is taken as 0
// (stage times are passed, so a piecewise-constant time dependence is fine; a smooth explicit
// time dependence costs the method its order). The linear solves use core/lu.hpp.
// Tolerances: err_i = atol + rtol max(|x_i|, |x_i new|) on the state as given, so a state of
// mixed magnitudes is best scaled to O(1) first (run() does that for a system with scale()).
#pragma once

#include <noneq/core/jacobian.hpp>
#include <noneq/core/lu.hpp>
#include <noneq/integrate/guarded.hpp>

#include <boost/numeric/odeint/stepper/stepper_categories.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <functional>
#include <limits>
#include <type_traits>
#include <utility>

namespace noneq {

/// A system whose right-hand side also runs over std::array<xsimd::batch<double>, N> (opt-in).
template <class S>
concept simd_rhs = requires {
    { S::simd_rhs } -> std::convertible_to<bool>;
}
&&S::simd_rhs;

template <std::size_t N>
class rodas4 {
public:
    using state_type = std::array<double, N>;
    using deriv_type = state_type;
    using value_type = double;
    using time_type = double;
    using order_type = unsigned short;
    using stepper_category = boost::numeric::odeint::dense_output_stepper_tag;
    static constexpr order_type order_value = 4;
    order_type order() const { return order_value; }

    /// atol, rtol: the error tolerances; jacobian_floor: the smallest |x_j| the finite-difference
    /// step is scaled by (for a state scaled to O(1)).
    rodas4(double atol, double rtol, double jacobian_floor = 1e-3)
        : atol_(atol), rtol_(rtol), floor_(jacobian_floor) {}

    void initialize(const state_type& x0, double t0, double dt0) {
        z_ = x0;
        t_ = t0;
        dt_ = dt0;
        first_ = true;
        last_rejected_ = false;
    }

    /// One accepted step (retrying with smaller steps as the error control asks); returns the
    /// interval (t_old, t_new). Throws step_failure if the step size underflows.
    template <class System>
    std::pair<double, double> do_step(System sys) {
        auto& s = static_cast<const std::unwrap_reference_t<System>&>(sys);
        z_old_ = z_;
        t_old_ = t_;
        for (;;) {
            const double dt = dt_;
            if (!(dt > std::abs(t_) * 1e-15 && dt > 0.0))
                throw step_failure("step size underflow (no finite step accepted)", worst_,
                                   nonfinite_);
            const double err = attempt(s, dt);
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
                return {t_old_, t_};
            }
            dt_ = std::isfinite(dt_new) ? dt_new : dt / 5.0; // NaN error: shrink the step
            last_rejected_ = true;
            ++rejected_;
        }
    }

    /// One step of exactly dt from (x, t), without error control (for convergence studies):
    /// x becomes the order-4 solution. Returns the scaled RMS error estimate of the step.
    template <class System>
    double do_fixed_step(System sys, state_type& x, double t, double dt) {
        auto& s = static_cast<const std::unwrap_reference_t<System>&>(sys);
        z_old_ = x;
        t_old_ = t;
        const double err = attempt(s, dt);
        x = znew_;
        return err;
    }

    /// Continuous output in the last step (odeint's rosenbrock4 interpolant, order 3).
    void calc_state(double t, state_type& z) const {
        const double s = (t - t_old_) / (t_ - t_old_), s1 = 1.0 - s;
        for (std::size_t i = 0; i < N; ++i)
            z[i] = z_old_[i] * s1 + s * (z_[i] + s1 * (cont3_[i] + s * cont4_[i]));
    }

    const state_type& current_state() const { return z_; }
    const state_type& previous_state() const { return z_old_; }
    double current_time() const { return t_; }
    double previous_time() const { return t_old_; }
    double current_time_step() const { return dt_; }
    std::size_t rejected_steps() const { return rejected_; }
    /// Evaluations of the right-hand side, a batched Jacobian block counting as one.
    std::size_t rhs_calls() const { return rhs_calls_; }

private:
    // RODAS coefficients (Hairer & Wanner 1996; Boost.Odeint default_rosenbrock_coefficients)
    static constexpr double gamma = 0.25, c2 = 0.386, c3 = 0.21, c4 = 0.63; // stage times
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

    template <class S>
    void f(const S& s, const state_type& z, state_type& dz, double t) {
        s(z, dz, t);
        ++rhs_calls_;
        for (std::size_t i = 0; i < N; ++i)
            if (!nonfinite_ && !std::isfinite(dz[i])) nonfinite_ = true, worst_ = i;
    }

    template <class S>
    void jacobian(const S& s, const state_type& z, const state_type& f0, double t) {
        auto& J = lu_.matrix();
        if constexpr (requires { s.jacobian(z, J, t); }) {
            s.jacobian(z, J, t);
            ++rhs_calls_;
        } else if constexpr (simd_rhs<S>) {
            rhs_calls_ += forward_difference_jacobian(
                [&](const auto& x, auto& dx) requires requires { s(x, dx, t); } { s(x, dx, t); }, z,
                f0, J, floor_);
        } else {
            rhs_calls_ += forward_difference_jacobian(
                [&](const state_type& x, state_type& dx) { s(x, dx, t); }, z, f0, J, floor_);
        }
    }

    // LU with partial pivoting of I/(gamma dt) - J (core/lu.hpp); a singular matrix gives a
    // non-finite trial step, which the error control rejects.
    void factor(double dt) {
        const double d = 1.0 / (gamma * dt);
        auto& m = lu_.matrix();
        for (std::size_t i = 0; i < N; ++i)
            for (std::size_t j = 0; j < N; ++j)
                m[i][j] = (i == j ? d : 0.0) - m[i][j];
        lu_.factor();
    }
    void solve(state_type& b) const { lu_.solve_in_place(b); }

    // One trial step of size dt from (t_old_, z_old_); leaves the result in znew_ and returns the
    // RMS error norm (odeint's rosenbrock4_controller::error).
    template <class S>
    double attempt(const S& s, double dt) {
        const state_type& x = z_old_;
        const double t = t_old_;
        state_type dxdt, tmp, fn;
        nonfinite_ = false; // f() names the first variable whose derivative is non-finite
        f(s, x, dxdt, t);
        jacobian(s, x, dxdt, t);
        factor(dt);
        auto& g = g_;
        g[0] = dxdt;
        solve(g[0]);
        for (std::size_t i = 0; i < N; ++i)
            tmp[i] = x[i] + a21 * g[0][i];
        f(s, tmp, fn, t + c2 * dt);
        for (std::size_t i = 0; i < N; ++i)
            g[1][i] = fn[i] + c21 * g[0][i] / dt;
        solve(g[1]);
        for (std::size_t i = 0; i < N; ++i)
            tmp[i] = x[i] + a31 * g[0][i] + a32 * g[1][i];
        f(s, tmp, fn, t + c3 * dt);
        for (std::size_t i = 0; i < N; ++i)
            g[2][i] = fn[i] + (c31 * g[0][i] + c32 * g[1][i]) / dt;
        solve(g[2]);
        for (std::size_t i = 0; i < N; ++i)
            tmp[i] = x[i] + a41 * g[0][i] + a42 * g[1][i] + a43 * g[2][i];
        f(s, tmp, fn, t + c4 * dt);
        for (std::size_t i = 0; i < N; ++i)
            g[3][i] = fn[i] + (c41 * g[0][i] + c42 * g[1][i] + c43 * g[2][i]) / dt;
        solve(g[3]);
        for (std::size_t i = 0; i < N; ++i)
            tmp[i] = x[i] + a51 * g[0][i] + a52 * g[1][i] + a53 * g[2][i] + a54 * g[3][i];
        f(s, tmp, fn, t + dt);
        for (std::size_t i = 0; i < N; ++i)
            g[4][i] = fn[i] + (c51 * g[0][i] + c52 * g[1][i] + c53 * g[2][i] + c54 * g[3][i]) / dt;
        solve(g[4]);
        for (std::size_t i = 0; i < N; ++i)
            tmp[i] += g[4][i];
        f(s, tmp, fn, t + dt);
        state_type err;
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

    double atol_, rtol_, floor_;
    state_type z_{}, z_old_{}, znew_{}, cont3_{}, cont4_{};
    std::array<state_type, 5> g_{};
    linalg::lu<double, N> lu_{};
    double t_ = 0, t_old_ = 0, dt_ = 0, dt_old_ = 0, err_old_ = 0;
    bool first_ = true, last_rejected_ = false;
    std::size_t rejected_ = 0, rhs_calls_ = 0, worst_ = 0;
    bool nonfinite_ = false;
};

} // namespace noneq
