// noneq/integrate/sensitivity.hpp — forward sensitivities through dual numbers (core/dual.hpp).
//
//   auto f = [&](const auto& x, auto& dx, double t, const auto& p) { ... };   // over any V
//   noneq::forward_sensitivity<decltype(f), N, noneq::seconds> sys(f, p0, scale);
//   auto z = sys.initial(x0);             // [x0, dx0/dp = 0]
//   noneq::run(sys, z, t0, t1, noneq::method::rodas4, opt, observer);
//   auto x = sys.split(z);                // x[i].v = x_i(t1), x[i].d = dx_i(t1)/dp
//
// The model's right-hand side f(x, dx, t, p), written once over its value type, is evaluated
// over dual<double> with x_i + s_i eps and p + eps: the dual part of dx is then J s + df/dp, the
// right-hand side of the forward sensitivity equations s' = J s + df/dp, exact to rounding (no
// difference quotient). The 2N plain doubles [x, s] are one system for the one front-end (run()),
// so every method, its error control (on x and s together: the sensitivities are as accurate as
// the tolerance asks) and its errors (integration_error, last good state kept) apply unchanged.
//
// Events: hermite_crossing gives the time at which a component crosses a level between two
// samples (the cubic Hermite interpolant of the samples and their slopes), as a dual number
// whose derivative is d(t*)/dp of that interpolant (implicit function theorem: -dH/dp / dH/dt).
// A cycle length is the difference of two crossing times, so d(cycle length)/dp is too.
#pragma once

#include <noneq/core/dual.hpp>
#include <noneq/core/error.hpp>
#include <noneq/integrate/time_unit.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <string>

namespace noneq {

/// A model with one parameter, f(x, dx, t, p) over dual<double>, and its forward sensitivity
/// to p, as one system of 2N doubles [x_0..x_{N-1}, dx_0/dp..dx_{N-1}/dp] for run().
template <class F, std::size_t N, time_unit_tag Unit>
class forward_sensitivity {
public:
    using state_type = std::array<double, 2 * N>;
    using time_unit = Unit;
    using dual_state = std::array<dual<double>, N>;

    /// `scale`: the typical magnitudes of x (also used for s: seed p so that s is of x's size,
    /// e.g. a multiplier of a conductance seeded at 1).
    forward_sensitivity(F f, double p, const std::array<double, N>& scale) : f_(f), p_(p) {
        require(std::isfinite(p), "p", p, "finite");
        require_each(scale, "scale", "> 0, finite",
                     [](double v) { return v > 0.0 && std::isfinite(v); });
        for (std::size_t i = 0; i < N; ++i)
            scale_[i] = scale_[N + i] = scale[i];
    }

    void operator()(const state_type& z, state_type& dz, double t) const {
        const dual_state dx = derivative(z, t);
        for (std::size_t i = 0; i < N; ++i) {
            dz[i] = dx[i].v;
            dz[N + i] = dx[i].d;
        }
    }
    /// dx/dt and its derivative with respect to p, at the state z (as from run()).
    dual_state derivative(const state_type& z, double t) const {
        const dual_state x = split(z);
        dual_state dx{};
        f_(x, dx, t, dual<double>(p_, 1.0));
        return dx;
    }
    const state_type& scale() const { return scale_; }
    std::string variable_name(std::size_t i) const {
        return i < N ? "x[" + std::to_string(i) + "]" : "dx[" + std::to_string(i - N) + "]/dp";
    }
    double parameter() const { return p_; }

    /// [x0, s0]: the initial state and its sensitivity (0 when x0 does not depend on p).
    static state_type initial(const std::array<double, N>& x0,
                              const std::array<double, N>& s0 = {}) {
        state_type z{};
        for (std::size_t i = 0; i < N; ++i) {
            z[i] = x0[i];
            z[N + i] = s0[i];
        }
        return z;
    }
    /// The state as dual numbers: x_i + s_i eps.
    static dual_state split(const state_type& z) {
        dual_state x;
        for (std::size_t i = 0; i < N; ++i)
            x[i] = dual<double>(z[i], z[N + i]);
        return x;
    }

private:
    F f_;
    double p_;
    state_type scale_{};
};

/// The time in [t0, t1] at which the cubic Hermite interpolant of (t0, y0, dy0) and (t1, y1, dy1)
/// reaches `level` (y0 < level <= y1 or y0 > level >= y1; found by bisection to rounding),
/// with its derivative along the duals' direction: the samples y, dy/dt are dual numbers
/// (value, d/dp), the times plain. Error O(dt^4) for a smooth trace.
inline dual<double> hermite_crossing(double t0, const dual<double>& y0, const dual<double>& dy0,
                                     double t1, const dual<double>& y1, const dual<double>& dy1,
                                     double level) {
    const double h = t1 - t0;
    require(h > 0, "t1 - t0", h, "> 0");
    const auto hermite = [&](double s, const auto& a, const auto& b, const auto& da,
                             const auto& db) { // s in [0, 1]
        const double s2 = s * s, s3 = s2 * s;
        return (2 * s3 - 3 * s2 + 1) * a + (s3 - 2 * s2 + s) * h * da + (-2 * s3 + 3 * s2) * b +
               (s3 - s2) * h * db;
    };
    const auto slope = [&](double s, const auto& a, const auto& b, const auto& da,
                           const auto& db) { // d/dt
        const double s2 = s * s;
        return ((6 * s2 - 6 * s) * a + (3 * s2 - 4 * s + 1) * h * da + (-6 * s2 + 6 * s) * b +
                (3 * s2 - 2 * s) * h * db) /
               h;
    };
    const bool rising = y0.v < y1.v;
    double lo = 0.0, hi = 1.0;
    for (int k = 0; k < 100; ++k) {
        const double mid = 0.5 * (lo + hi);
        if (mid <= lo || mid >= hi) break;
        ((hermite(mid, y0.v, y1.v, dy0.v, dy1.v) < level) == rising ? lo : hi) = mid;
    }
    const double s = 0.5 * (lo + hi);
    // H(t*, p) = level: dt*/dp = -(dH/dp) / (dH/dt); one Newton step in dual arithmetic.
    const dual<double> hp = hermite(s, y0, y1, dy0, dy1) - level;
    const double ht = slope(s, y0.v, y1.v, dy0.v, dy1.v);
    return dual<double>(t0 + s * h - hp.v / ht, -hp.d / ht);
}

} // namespace noneq
