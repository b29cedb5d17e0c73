// noneq/integrate/run.hpp — the one integration front-end of noneq:
//
//   noneq::run(model, x, t0, t1, method, options, observer)   -> number of steps
//
// * model: an integrable_system — a state_type, a right-hand side model(x, dxdt, t) (odeint's
//   signature) and a time unit (time_unit.hpp: `using time_unit = noneq::seconds;`, or a membrane's
//   milliseconds). Optional: variable_name(i) (named in errors), jacobian(x, J, t) (rodas4),
//   scale() (typical magnitudes s_i: the adaptive methods then integrate x_i / s_i, so one absolute
//   tolerance fits mV, mM and micromolar Ca2+).
// * x: the state; on return the state at t1, or the last good state if integration_error is thrown.
// * t0, t1, options.dt, options.dt_initial: noneq::time<double> quantities (5.0_ms, 20.0_s),
//   converted to the model's unit; a bare double does not compile.
// * method:
//     exponential  noneq::exponential_euler (membranes), fixed step dt
//     rk4          odeint runge_kutta4, fixed step dt
//     dopri5       odeint runge_kutta_dopri5, error controlled, dense output observed every dt
//                  (or, with options.at = output::stop, steps that land on the output times)
//     rosenbrock   odeint rosenbrock4 (uBLAS state, rosenbrock.hpp), error controlled, dense output
//     rodas4       noneq::rodas4 (rodas4.hpp; std::array state), error controlled, dense output
//     cvode_bdf    SUNDIALS CVODE(S) BDF (cvode.hpp), where noneq is configured with
//                  NONEQ_WITH_SUNDIALS=ON (has_cvode); dense or banded (options.cvode_band)
//                  Newton matrix, the model's jacobian() if any; stops and restarts at
//                  options.discontinuities (which the other methods reject)
// * observer(const state_type&, double t): t in the model's unit; at t0 and after every step
//   (fixed-step methods) or at t0 + k dt and t1 (adaptive methods).
// Errors: integration_error (guarded.hpp: time, variable, last good state kept in x) when the
// integration fails; noneq::domain_error for bad arguments.
#pragma once

#include <noneq/core/error.hpp>
#include <noneq/integrate/band.hpp>
#include <noneq/integrate/exponential.hpp>
#include <noneq/integrate/guarded.hpp>
#include <noneq/integrate/rodas4.hpp>
#include <noneq/integrate/rosenbrock.hpp>
#include <noneq/integrate/stop_at_outputs.hpp>
#include <noneq/integrate/time_unit.hpp>
#include <noneq/units.hpp>
#if defined(NONEQ_WITH_SUNDIALS) && NONEQ_WITH_SUNDIALS
#include <noneq/integrate/cvode.hpp>
#endif

#include <boost/numeric/odeint/stepper/generation.hpp>
#include <boost/numeric/odeint/stepper/runge_kutta4.hpp>
#include <boost/numeric/odeint/stepper/runge_kutta_dopri5.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <concepts>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace noneq {

enum class method { exponential, rk4, dopri5, rosenbrock, rodas4, cvode_bdf };

/// True if this build offers method::cvode_bdf (noneq configured with NONEQ_WITH_SUNDIALS=ON).
inline constexpr bool has_cvode =
#if defined(NONEQ_WITH_SUNDIALS) && NONEQ_WITH_SUNDIALS
    true;
#else
    false;
#endif

inline const char* to_string(method m) {
    switch (m) {
    case method::exponential:
        return "exp";
    case method::rk4:
        return "rk4";
    case method::dopri5:
        return "dopri5";
    case method::rodas4:
        return "rodas4";
    case method::cvode_bdf:
        return "cvode";
    default:
        return "rosenbrock";
    }
}

/// "exp" (or "exponential"), "rk4", "dopri5", "rosenbrock", "rodas4" (or "rodas"), "cvode" (or
/// "cvode_bdf"; known in every build, run() rejects it where has_cvode is false); domain_error
/// otherwise.
inline method parse_method(std::string_view s) {
    if (s == "exp" || s == "exponential") return method::exponential;
    if (s == "rk4") return method::rk4;
    if (s == "dopri5") return method::dopri5;
    if (s == "rosenbrock" || s == "rosenbrock4") return method::rosenbrock;
    if (s == "rodas4" || s == "rodas") return method::rodas4;
    if (s == "cvode" || s == "cvode_bdf") return method::cvode_bdf;
    throw domain_error("argument 'method' = '" + std::string(s) +
                       "' is not one of exp, rk4, dopri5, rosenbrock, rodas4, cvode");
}

/// How the adaptive methods reach the output times: by continuous (dense) output, or (dopri5)
/// with steps that stop on them (stop_at_outputs.hpp: n = ceil((t1 - t0) / dt) equal intervals).
enum class output { dense, stop };

struct run_options {
    /// step (fixed-step methods) or output interval (adaptive methods)
    time<double> dt = time<double>::from_value(0.025e-3);
    double abs_tol = 1e-8; ///< adaptive methods (on x_i / s_i if the model has scale())
    double rel_tol = 1e-8;
    /// first trial step of the adaptive methods; 0: dt
    time<double> dt_initial = time<double>::from_value(0.0);
    output at = output::dense; ///< output::stop: dopri5 steps land on the output times
    /// cvode_bdf: times where the right-hand side jumps (stimulus edges); CVODE stops on each and
    /// restarts from it. The other methods reject a non-empty list (split the run there instead).
    std::vector<time<double>> discontinuities = {};
    /// cvode_bdf: a banded Newton matrix with these half-bandwidths (dense if not set).
    std::optional<band> cvode_band = std::nullopt;
};

/// A model run() can integrate (see the file comment).
template <class S>
concept integrable_system = has_time_unit<S> && requires {
    typename S::state_type;
} && requires(const S& s, const typename S::state_type& x, typename S::state_type& d, double t) {
    s(x, d, t);
};

/// An observer of S's states: observer(const state_type&, double t).
template <class O, class S>
concept state_observer = std::invocable<O&, const typename S::state_type&, double>;

namespace detail {
template <class T>
struct is_std_array : std::false_type {};
template <std::size_t N>
struct is_std_array<std::array<double, N>> : std::true_type {};

/// The model in scaled variables z_i = x_i / s_i (over any value type the model accepts).
template <class Sys>
struct scaled_system {
    using state_type = typename Sys::state_type;
    using time_unit = time_unit_t<Sys>;
    static constexpr bool simd_rhs = noneq::simd_rhs<Sys>;
    const Sys* sys;
    state_type s;
    template <class V, std::size_t N>
    requires requires(const Sys& y, const std::array<V, N>& a, std::array<V, N>& b, double t) {
        y(a, b, t);
    }
    void operator()(const std::array<V, N>& z, std::array<V, N>& dz, double t) const {
        std::array<V, N> x, dx;
        for (std::size_t i = 0; i < N; ++i)
            x[i] = z[i] * s[i];
        (*sys)(x, dx, t);
        for (std::size_t i = 0; i < N; ++i)
            dz[i] = dx[i] / s[i];
    }
    std::string variable_name(std::size_t i) const { return variable_name_of(*sys, i); }
};

/// An adaptive method on `sys` (model time units throughout).
template <class System, class Observer>
std::size_t run_adaptive(const System& sys, typename System::state_type& x, double t0, double t1,
                         double dt, double dt0, method m, const run_options& opt,
                         Observer& observer) {
    namespace odeint = boost::numeric::odeint;
    using state = typename System::state_type;
    if (m == method::dopri5 && opt.at == output::stop) {
        auto st =
            odeint::make_controlled(opt.abs_tol, opt.rel_tol, odeint::runge_kutta_dopri5<state>{});
        return integrate_stop_at_outputs(st, std::cref(sys), x, t0, t1, dt, observer, dt0);
    }
    if (m == method::dopri5) {
        auto st = odeint::make_dense_output(opt.abs_tol, opt.rel_tol,
                                            odeint::runge_kutta_dopri5<state>{});
        return integrate_guarded(st, std::cref(sys), x, t0, t1, dt, observer, dt0);
    }
    if (m == method::rodas4) {
        if constexpr (is_std_array<state>::value) {
            rodas4<std::tuple_size_v<state>> st(opt.abs_tol, opt.rel_tol);
            return integrate_guarded(st, std::cref(sys), x, t0, t1, dt, observer, dt0);
        } else {
            throw domain_error("argument 'method' = 'rodas4' needs a std::array<double, N> state");
        }
    }
    auto st = odeint::make_dense_output(opt.abs_tol, opt.rel_tol, odeint::rosenbrock4<double>{});
    ublas_vector xu = to_ublas(x);
    state xs = x;
    auto obs = [&](const ublas_vector& v, double t) {
        from_ublas(v, xs);
        observer(std::as_const(xs), t);
    };
    try {
        const auto n = integrate_guarded(st, stiff_system(sys), xu, t0, t1, dt, obs, dt0);
        from_ublas(xu, x);
        return n;
    } catch (...) {
        from_ublas(xu, x);
        throw;
    }
}
} // namespace detail

/// Runs `sys` from t0 to t1 with method `m` (see the file comment). Returns the number of steps.
template <integrable_system System, class Observer>
requires state_observer<Observer, System> std::size_t
run(const System& sys, typename System::state_type& x, const time<double>& t0,
    const time<double>& t1, method m, const run_options& opt, Observer&& observer) {
    namespace odeint = boost::numeric::odeint;
    using state = typename System::state_type;
    using U = time_unit_t<System>;
    const double a = in_unit<U>(t0), b = in_unit<U>(t1), dt = in_unit<U>(opt.dt);
    require(std::isfinite(a), "t0", a, "finite", U::symbol);
    require(b >= a && std::isfinite(b), "t1", b, ">= t0, finite", U::symbol);
    require(dt > 0 && std::isfinite(dt), "dt", dt, "> 0, finite", U::symbol);
    require(opt.abs_tol > 0, "abs_tol", opt.abs_tol, "> 0");
    require(opt.rel_tol > 0, "rel_tol", opt.rel_tol, "> 0");
    const double dti = in_unit<U>(opt.dt_initial);
    require(dti >= 0 && std::isfinite(dti), "dt_initial", dti, ">= 0, finite", U::symbol);
    const double dt0 = b > a ? std::min(dti > 0 ? dti : dt, b - a) : dt;
    if (m == method::cvode_bdf) {
#if defined(NONEQ_WITH_SUNDIALS) && NONEQ_WITH_SUNDIALS
        std::vector<double> stops;
        for (const auto& d : opt.discontinuities)
            stops.push_back(in_unit<U>(d));
        return integrate_cvode(sys, x, a, b, dt, opt.rel_tol, opt.abs_tol, dti, std::move(stops),
                               opt.cvode_band ? &*opt.cvode_band : nullptr, observer);
#else
        throw domain_error("argument 'method' = 'cvode' needs noneq configured with "
                           "NONEQ_WITH_SUNDIALS=ON (SUNDIALS CVODES)");
#endif
    }
    if (!opt.discontinuities.empty())
        throw domain_error(std::string("argument 'discontinuities' is honoured by method cvode "
                                       "only, not ") +
                           to_string(m) + ": split the run at them");
    switch (m) {
    case method::exponential:
        if constexpr (exponentially_steppable<System>)
            return integrate_guarded(exponential_euler<state>{}, std::cref(sys), x, a, b, dt,
                                     observer);
        else
            throw domain_error("argument 'method' = 'exp' needs a membrane-like system "
                               "(current, relax, capacitance)");
    case method::rk4:
        return integrate_guarded(odeint::runge_kutta4<state>{}, std::cref(sys), x, a, b, dt,
                                 observer);
    default:
        break;
    }
    if constexpr (requires { sys.scale(); }) {
        const state s = sys.scale();
        require_each(s, "scale", "> 0, finite",
                     [](double v) { return v > 0.0 && std::isfinite(v); });
        const detail::scaled_system<System> ss{&sys, s};
        state z = x, xs = x;
        for (std::size_t i = 0; i < std::size(x); ++i)
            z[i] = x[i] / s[i];
        const auto unscale = [&](const state& zz, state& out) {
            for (std::size_t i = 0; i < std::size(x); ++i)
                out[i] = zz[i] * s[i];
        };
        auto obs = [&](const state& zz, double t) {
            unscale(zz, xs);
            observer(std::as_const(xs), t);
        };
        try {
            const auto n = detail::run_adaptive(ss, z, a, b, dt, dt0, m, opt, obs);
            unscale(z, x);
            return n;
        } catch (const integration_error&) {
            unscale(z, x);
            throw;
        }
    } else {
        return detail::run_adaptive(sys, x, a, b, dt, dt0, m, opt, observer);
    }
}

/// Without an observer.
template <integrable_system System>
std::size_t run(const System& sys, typename System::state_type& x, const time<double>& t0,
                const time<double>& t1, method m, const run_options& opt = {}) {
    return run(sys, x, t0, t1, m, opt, [](const typename System::state_type&, double) {});
}

} // namespace noneq
