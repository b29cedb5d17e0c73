// noneq/integrate/guarded.hpp — integrate_guarded: run any Boost.Odeint stepper on any odeint
// system from t0 to t1, watching every step for a non-finite state.
//
//   auto n = noneq::integrate_guarded(stepper, system, x, t0, t1, dt, observer);
//
// * stepper: any odeint stepper by its category (or one derived from it, e.g. odeint's FSAL
//   variants) —
//     stepper_tag (runge_kutta4, noneq::exponential_euler, ...): fixed steps dt, the last one
//       shortened to land on t1; the observer sees every step;
//     controlled_stepper_tag (make_controlled(...)): adaptive steps, first try dt; the observer
//       sees every accepted step;
//     dense_output_stepper_tag (make_dense_output(...)): adaptive internal steps; the observer
//       sees the interpolated state at t0 + k dt and at t1.
// * system: whatever the stepper accepts (a functor, or a std::pair for rosenbrock4).
// * x: the state (any indexable container of doubles); on return it holds the state at t1.
// * observer(const State&, double t): called at t0 and after each step as above.
// * dt_first (optional, dense output only): the first trial step, if not dt.
// Returns the number of steps taken.
//
// If a step produces a NaN or infinity, the stepper itself gives up (an exception from odeint
// or uBLAS), or an adaptive step collapses below 1e-13 of the time scale (a stall), the run
// stops: x is restored to the last good state and
// noneq::integration_error is thrown, naming the time, the variable (through
// system.variable_name(i) if the system has it, else "x[i]"), its value, and the time of the
// kept state. No timing or allocation overhead beyond one copy of the state per step.
#pragma once

#include <noneq/core/error.hpp>

#include <boost/numeric/odeint/stepper/controlled_step_result.hpp>
#include <boost/numeric/odeint/stepper/stepper_categories.hpp>
#include <boost/numeric/odeint/util/odeint_error.hpp>
#include <boost/numeric/odeint/util/unwrap_reference.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <exception>
#include <functional>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

namespace noneq {

/// An integration that stopped: non-finite state or stepper failure. The state passed to the
/// integrator holds the last good state, reached at last_good_time().
class integration_error : public std::runtime_error {
public:
    integration_error(const std::string& what, double t, std::size_t index, std::string variable,
                      double value, double last_good_t)
        : std::runtime_error(what), t_(t), index_(index), variable_(std::move(variable)),
          value_(value), last_good_t_(last_good_t) {}
    double time() const noexcept { return t_; }
    std::size_t index() const noexcept { return index_; }
    const std::string& variable() const noexcept { return variable_; }
    double value() const noexcept { return value_; }
    double last_good_time() const noexcept { return last_good_t_; }

private:
    double t_;
    std::size_t index_;
    std::string variable_;
    double value_;
    double last_good_t_;
};

/// Thrown by noneq's own steppers (rodas4.hpp) when no step can be accepted: names the variable
/// with the largest (or the first non-finite) error of the trial steps. integrate_guarded turns it
/// into an integration_error naming that variable.
class step_failure : public std::runtime_error {
public:
    step_failure(const std::string& what, std::size_t index, bool nonfinite)
        : std::runtime_error(what), index_(index), nonfinite_(nonfinite) {}
    std::size_t index() const noexcept { return index_; }
    bool nonfinite() const noexcept { return nonfinite_; }

private:
    std::size_t index_;
    bool nonfinite_;
};

namespace detail {

template <class S>
std::string variable_name_of(const S& sys, std::size_t i) {
    if constexpr (requires { sys.variable_name(i); })
        return std::string(sys.variable_name(i));
    else if constexpr (requires { sys.get().variable_name(i); }) // std::reference_wrapper
        return std::string(sys.get().variable_name(i));
    else if constexpr (requires { sys.first.variable_name(i); })
        return std::string(sys.first.variable_name(i));
    else
        return "x[" + std::to_string(i) + "]";
}

template <class T>
struct is_reference_wrapper : std::false_type {};
template <class T>
struct is_reference_wrapper<std::reference_wrapper<T>> : std::true_type {};

template <class S>
auto as_ref(S& sys) {
    if constexpr (is_reference_wrapper<std::remove_cv_t<S>>::value)
        return sys;
    else
        return std::ref(sys);
}

/// Index of the first non-finite element, or size() if all are finite.
template <class State>
std::size_t first_nonfinite(const State& x) {
    std::size_t i = 0;
    for (const auto& v : x) {
        if (!std::isfinite(static_cast<double>(v))) return i;
        ++i;
    }
    return i;
}

template <class State>
std::size_t size_of(const State& x) {
    return static_cast<std::size_t>(std::distance(std::begin(x), std::end(x)));
}

template <class Sys, class State>
[[noreturn]] void fail_nonfinite(const Sys& sys, const State& bad, std::size_t i, double t,
                                 double t_good) {
    const std::string name = variable_name_of(sys, i);
    const double v = static_cast<double>(bad[i]);
    std::ostringstream os;
    os.precision(10);
    os << "noneq: integration stopped at t = " << t << ": variable '" << name << "' (index " << i
       << ") became " << v << "; the state is kept at the last good time t = " << t_good;
    throw integration_error(os.str(), t, i, name, v, t_good);
}

template <class Sys>
[[noreturn]] void fail_stepper(const Sys&, const char* why, double t_good) {
    std::ostringstream os;
    os.precision(10);
    os << "noneq: integration stopped: the stepper failed (" << why
       << "); the state is kept at the last good time t = " << t_good;
    throw integration_error(os.str(), t_good, std::numeric_limits<std::size_t>::max(), "",
                            std::numeric_limits<double>::quiet_NaN(), t_good);
}

template <class Sys>
[[noreturn]] void fail_step(const Sys& sys, const step_failure& e, double t_good) {
    const std::string name = variable_name_of(sys, e.index());
    std::ostringstream os;
    os.precision(10);
    os << "noneq: integration stopped: the stepper failed (" << e.what() << "; variable '" << name
       << (e.nonfinite() ? "' non-finite" : "' limits the step")
       << "); the state is kept at the last good time t = " << t_good;
    throw integration_error(os.str(), t_good, e.index(), name,
                            std::numeric_limits<double>::quiet_NaN(), t_good);
}

/// The variable that changed most, relative to its size, from `a` to `b` (the one driving a
/// stalled step).
template <class State>
std::size_t fastest_variable(const State& a, const State& b) {
    std::size_t best = 0, i = 0;
    double worst = -1;
    auto ib = std::begin(b);
    for (const auto& va : a) {
        const double d = std::abs(static_cast<double>(*ib) - static_cast<double>(va)) /
                         std::max(std::abs(static_cast<double>(va)), 1e-300);
        if (d > worst) worst = d, best = i;
        ++i, ++ib;
    }
    return best;
}

/// The smallest step accepted as progress: 1e-13 of the time scale (below it the run has
/// stalled, e.g. an adaptive stepper facing an exploding right-hand side).
inline double min_step(double t, double t0, double t1) {
    return 1e-13 * std::max({std::abs(t), std::abs(t0), t1 - t0});
}

inline void check_interval(double t0, double t1, double dt) {
    require_finite("t0", t0);
    require(t1 >= t0 && std::isfinite(t1), "t1", t1, ">= t0, finite");
    require_positive("dt", dt);
}

} // namespace detail

/// Guarded integration of `sys` from t0 to t1 (see the file comment). Throws
/// integration_error (x = last good state) on a non-finite state or a failing stepper.
template <class Stepper, class System, class State, class Observer>
std::size_t integrate_guarded(Stepper&& stepper, System&& sys, State& x, double t0, double t1,
                              double dt, Observer&& observer, double dt_first = 0.0) {
    namespace odeint = boost::numeric::odeint;
    using stepper_t = std::remove_cvref_t<typename odeint::unwrap_reference<Stepper>::type>;
    using category = typename stepper_t::stepper_category;
    detail::check_interval(t0, t1, dt);
    // odeint steppers take the system by value: hand them a reference, so that a system with
    // members that allocate (a synapse's spike list) is never copied per step
    const auto sys_ref = detail::as_ref(sys);
    if (auto i = detail::first_nonfinite(x); i < detail::size_of(x))
        detail::fail_nonfinite(sys, x, i, t0, t0);
    observer(std::as_const(x), t0);
    std::size_t steps = 0;
    State good = x;
    double t_good = t0;

    if constexpr (std::is_base_of_v<odeint::stepper_tag, category>) {
        const double n_full = std::floor((t1 - t0) / dt * (1 + 1e-12));
        const auto n = static_cast<std::size_t>(n_full);
        for (std::size_t k = 0; k <= n; ++k) {
            const double t = t0 + static_cast<double>(k) * dt;
            const double h = (k < n) ? dt : t1 - t;
            if (!(h > 1e-12 * dt)) break;
            stepper.do_step(sys_ref, x, t, h);
            ++steps;
            const double tn = (k < n) ? t0 + static_cast<double>(k + 1) * dt : t1;
            if (auto i = detail::first_nonfinite(x); i < detail::size_of(x)) {
                State bad = x;
                x = good;
                detail::fail_nonfinite(sys, bad, i, tn, t_good);
            }
            observer(std::as_const(x), tn);
            good = x;
            t_good = tn;
        }
    } else if constexpr (std::is_base_of_v<odeint::controlled_stepper_tag, category>) {
        double t = t0, h = dt;
        std::size_t fails = 0;
        while (t < t1) {
            if (t + h > t1) h = t1 - t;
            const double t_before = t;
            odeint::controlled_step_result res = odeint::fail;
            try {
                res = stepper.try_step(sys_ref, x, t, h);
            } catch (const std::exception& e) {
                x = good;
                detail::fail_stepper(sys, e.what(), t_good);
            }
            if (res == odeint::fail) {
                if (++fails > 500 || !(h > 0) || !std::isfinite(h)) {
                    x = good;
                    detail::fail_stepper(sys, "step size could not be adjusted", t_good);
                }
                continue;
            }
            fails = 0;
            ++steps;
            if (!(t - t_before > detail::min_step(t, t0, t1))) {
                const std::size_t i = detail::fastest_variable(good, x);
                x = good;
                detail::fail_step(sys, step_failure("step size underflow", i, false), t_good);
            }
            if (auto i = detail::first_nonfinite(x); i < detail::size_of(x)) {
                State bad = x;
                x = good;
                detail::fail_nonfinite(sys, bad, i, t, t_good);
            }
            observer(std::as_const(x), t);
            good = x;
            t_good = t;
            if (!std::isfinite(h) || !(h > 0)) {
                x = good;
                detail::fail_stepper(sys, "non-finite step size", t_good);
            }
        }
    } else if constexpr (std::is_base_of_v<odeint::dense_output_stepper_tag, category>) {
        stepper.initialize(x, t0, dt_first > 0.0 ? dt_first : dt);
        std::size_t k = 1;
        double t_next = std::min(t0 + dt, t1);
        while (t_good < t1) {
            try {
                stepper.do_step(sys_ref);
            } catch (const step_failure& e) {
                x = stepper.current_state(); // the last accepted step: finite
                detail::fail_step(sys, e, stepper.current_time());
            } catch (const std::exception& e) {
                x = good;
                detail::fail_stepper(sys, e.what(), t_good);
            }
            ++steps;
            const double tc = stepper.current_time();
            const auto& xc = stepper.current_state();
            if (auto i = detail::first_nonfinite(xc);
                i < detail::size_of(xc) || !std::isfinite(tc)) {
                State bad = xc;
                x = stepper.previous_state(); // the start of the failing step: finite
                detail::fail_nonfinite(sys, bad, i < detail::size_of(xc) ? i : 0, tc,
                                       stepper.previous_time());
            }
            if (!(tc - stepper.previous_time() > detail::min_step(tc, t0, t1))) {
                const std::size_t i = detail::fastest_variable(stepper.previous_state(), xc);
                x = stepper.previous_state();
                detail::fail_step(sys, step_failure("step size underflow", i, false),
                                  stepper.previous_time());
            }
            while (t_next <= tc) {
                stepper.calc_state(t_next, x);
                observer(std::as_const(x), t_next);
                good = x;
                t_good = t_next;
                if (t_next >= t1) break;
                ++k;
                t_next = std::min(t0 + static_cast<double>(k) * dt, t1);
            }
        }
    } else {
        static_assert(sizeof(Stepper) == 0, "integrate_guarded: unknown odeint stepper category");
    }
    return steps;
}

/// Without an observer.
template <class Stepper, class System, class State>
std::size_t integrate_guarded(Stepper&& stepper, System&& sys, State& x, double t0, double t1,
                              double dt) {
    return integrate_guarded(std::forward<Stepper>(stepper), std::forward<System>(sys), x, t0, t1,
                             dt, [](const State&, double) {});
}

} // namespace noneq
