// noneq/integrate/stop_at_outputs.hpp — guarded integration with an error-controlled odeint
// stepper (controlled_stepper_tag, e.g. make_controlled(...) of dopri5) whose steps land exactly
// on the output times instead of interpolating between them:
//
//   auto n = noneq::integrate_stop_at_outputs(stepper, system, x, t0, t1, dt, observer, dt_first);
//
// The outputs are the n = ceil((t1 - t0) / dt) equally spaced times t_k = t0 + (t1 - t0) k / n
// (spacing <= dt); observer(x, t) is called at t0 and at each t_k. A step that would pass t_k is
// shortened to end on it, and does not shrink the step size proposed for the next one. The first
// trial step is dt_first (or the output spacing). The same guards as integrate_guarded
// (guarded.hpp): a non-finite state, 500 failed trials in a row or a stalled step throws
// integration_error with x holding the last good state.
#pragma once

#include <noneq/integrate/guarded.hpp>

#include <boost/numeric/odeint/stepper/controlled_step_result.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <exception>
#include <functional>
#include <utility>

namespace noneq {

template <class Stepper, class System, class State, class Observer>
std::size_t integrate_stop_at_outputs(Stepper& stepper, System&& sys, State& x, double t0,
                                      double t1, double dt, Observer&& observer,
                                      double dt_first = 0.0) {
    namespace odeint = boost::numeric::odeint;
    detail::check_interval(t0, t1, dt);
    const auto sys_ref = detail::as_ref(sys);
    if (auto i = detail::first_nonfinite(x); i < detail::size_of(x))
        detail::fail_nonfinite(sys, x, i, t0, t0);
    observer(std::as_const(x), t0);
    const double span = t1 - t0;
    const auto n = static_cast<long long>(std::max(1.0, std::ceil(span / dt * (1 - 1e-12))));
    double h_next = std::min(dt_first > 0.0 ? dt_first : span / static_cast<double>(n), span);
    double t = t0;
    std::size_t steps = 0, fails = 0;
    for (long long k = 1; k <= n && span > 0; ++k) {
        const double target = t0 + span * static_cast<double>(k) / static_cast<double>(n);
        while (t < target) {
            const double h = std::min(h_next, target - t);
            State trial = x;
            double tt = t, hh = h;
            odeint::controlled_step_result res = odeint::fail;
            try {
                res = stepper.try_step(sys_ref, trial, tt, hh);
            } catch (const std::exception& e) {
                detail::fail_stepper(sys, e.what(), t);
            }
            if (res != odeint::success) {
                if (++fails > 500 || !(hh > 0) || !std::isfinite(hh))
                    detail::fail_stepper(sys, "step size could not be adjusted", t);
                h_next = hh;
                continue;
            }
            fails = 0;
            ++steps;
            if (auto i = detail::first_nonfinite(trial); i < detail::size_of(trial))
                detail::fail_nonfinite(sys, trial, i, tt, t);
            if (!(tt - t > detail::min_step(tt, t0, t1)))
                detail::fail_step(
                    sys,
                    step_failure("step size underflow", detail::fastest_variable(x, trial), false),
                    t);
            x = trial;
            // land exactly on the output time (no sliver step from rounding)
            t = (target - tt < 1e-12 * std::abs(target)) ? target : tt;
            h_next = (h < h_next) ? std::max(h_next, hh) : hh; // a shortened step keeps h_next
        }
        observer(std::as_const(x), target);
    }
    return steps;
}

} // namespace noneq
