// noneq/integrate/run.hpp — one call to run a membrane (or any system with a fixed-size
// std::array state, x[0] = V) with a chosen method, guarded against non-finite states:
//   exponential  noneq::exponential_euler, fixed dt (exponential.hpp)
//   rk4          odeint runge_kutta4, fixed dt
//   dopri5       odeint runge_kutta_dopri5, error controlled (abs_tol, rel_tol), dense output
//                observed every dt
//   rosenbrock   odeint rosenbrock4 (ublas state, Jacobian from rosenbrock.hpp), error
//                controlled, dense output observed every dt
// The observer sees (const state_type&, t) as in integrate_guarded (guarded.hpp).
#pragma once

#include <noneq/core/error.hpp>
#include <noneq/integrate/exponential.hpp>
#include <noneq/integrate/guarded.hpp>
#include <noneq/integrate/rosenbrock.hpp>

#include <boost/numeric/odeint/integrate/integrate_const.hpp>
#include <boost/numeric/odeint/stepper/generation.hpp>
#include <boost/numeric/odeint/stepper/runge_kutta4.hpp>
#include <boost/numeric/odeint/stepper/runge_kutta_dopri5.hpp>

#include <functional>
#include <string>
#include <string_view>

namespace noneq {

enum class method { exponential, rk4, dopri5, rosenbrock };

inline const char* to_string(method m) {
    switch (m) {
    case method::exponential:
        return "exp";
    case method::rk4:
        return "rk4";
    case method::dopri5:
        return "dopri5";
    default:
        return "rosenbrock";
    }
}

/// "exp" (or "exponential"), "rk4", "dopri5", "rosenbrock"; domain_error otherwise.
inline method parse_method(std::string_view s) {
    if (s == "exp" || s == "exponential") return method::exponential;
    if (s == "rk4") return method::rk4;
    if (s == "dopri5") return method::dopri5;
    if (s == "rosenbrock" || s == "rosenbrock4") return method::rosenbrock;
    throw domain_error("argument 'method' = '" + std::string(s) +
                       "' is not one of exp, rk4, dopri5, rosenbrock");
}

struct run_options {
    double dt = 0.025;     ///< step (fixed-step methods) or output interval (adaptive), ms
    double abs_tol = 1e-8; ///< adaptive methods
    double rel_tol = 1e-8;
};

/// Runs `sys` from t0 to t1 (ms) with method `m`; x holds the final state (or the last good
/// state if integration_error is thrown). Returns the number of steps.
template <class System, class Observer>
std::size_t run(const System& sys, typename System::state_type& x, double t0, double t1, method m,
                const run_options& opt, Observer&& observer) {
    namespace odeint = boost::numeric::odeint;
    using state = typename System::state_type;
    require(opt.dt > 0 && std::isfinite(opt.dt), "dt", opt.dt, "> 0, finite", "ms");
    require(opt.abs_tol > 0, "abs_tol", opt.abs_tol, "> 0");
    require(opt.rel_tol > 0, "rel_tol", opt.rel_tol, "> 0");
    require(t1 >= t0 && std::isfinite(t1), "t_end", t1, ">= t_start, finite", "ms");
    switch (m) {
    case method::exponential:
        if constexpr (exponentially_steppable<System>)
            return integrate_guarded(exponential_euler<state>{}, std::cref(sys), x, t0, t1, opt.dt,
                                     observer);
        else
            throw domain_error("argument 'method' = 'exp' needs a membrane-like system "
                               "(current, relax, capacitance)");
    case method::rk4:
        return integrate_guarded(odeint::runge_kutta4<state>{}, std::cref(sys), x, t0, t1, opt.dt,
                                 observer);
    case method::dopri5: {
        auto st = odeint::make_dense_output(opt.abs_tol, opt.rel_tol,
                                            odeint::runge_kutta_dopri5<state>{});
        return integrate_guarded(st, std::cref(sys), x, t0, t1, opt.dt, observer);
    }
    default: {
        auto st =
            odeint::make_dense_output(opt.abs_tol, opt.rel_tol, odeint::rosenbrock4<double>{});
        ublas_vector xu = to_ublas(x);
        state xs = x;
        auto obs = [&](const ublas_vector& v, double t) {
            from_ublas(v, xs);
            observer(std::as_const(xs), t);
        };
        try {
            const auto n = integrate_guarded(st, stiff_system(sys), xu, t0, t1, opt.dt, obs);
            from_ublas(xu, x);
            return n;
        } catch (...) {
            from_ublas(xu, x);
            throw;
        }
    }
    }
}

template <class System>
std::size_t run(const System& sys, typename System::state_type& x, double t0, double t1, method m,
                const run_options& opt = {}) {
    return run(sys, x, t0, t1, m, opt, [](const auto&, double) {});
}

} // namespace noneq
