// noneq/membrane/cardiac/cell_run.hpp — integrate a single-cell model held in a fixed-size
// std::array with Boost.Odeint's Dormand-Prince 5(4) method and its continuous output, stopping
// cleanly on a non-finite state (reporting time and variable, keeping the last good state).
//
// Choice of method (measured on the Severi 2012 sinoatrial cell, benchmarks/bench_pacemaker.cpp):
// the model is only mildly stiff. Its fastest modes (subspace-cytosol Ca2+ diffusion, tau = 40 us,
// and the buffers) bound an explicit step to ~0.1 ms in diastole, so dopri5 takes ~7000 steps per
// simulated second; but one right-hand side costs ~1 us, so that is ~20 simulated seconds per
// wall second, and the cycle length is converged to < 1e-5 relative at rtol = 1e-6. A Rosenbrock
// method would take fewer, longer steps but each needs a 31 x 31 Jacobian and LU (and Boost
// 1.74's rosenbrock4 needs uBLAS, which does not compile as C++20). An explicit method also keeps
// the whole step allocation-free on a std::array.
//
// Error control: each variable is divided by a typical magnitude s_i supplied by the model, so one
// absolute tolerance fits mV, mM and occupancies (sub-micromolar Ca2+ gets a matching tolerance).
//
// A model must provide `template <value_type V> void rhs(const std::array<V, N>&,
// std::array<V, N>&) const`.
#pragma once

#include <boost/numeric/odeint/stepper/generation.hpp>
#include <boost/numeric/odeint/stepper/runge_kutta_dopri5.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <sstream>
#include <string>

namespace noneq::cardiac {

struct run_options {
    double rtol = 1e-6;       ///< relative tolerance
    double atol = 1e-6;       ///< absolute tolerance of the scaled state x_i / s_i
    double dt_initial = 1e-5; ///< first trial step, s
};

/// Outcome of a run. On failure `state` and `t` hold the last good (finite) state.
template <std::size_t N>
struct run_result {
    bool ok = true;
    double t = 0.0;
    std::array<double, N> state{};
    std::size_t steps = 0;
    std::string message; ///< on failure: time and the first non-finite variable
};

namespace detail {
template <class Model, std::size_t N>
struct scaled_system {
    const Model* model;
    const std::array<double, N>* scale;
    void operator()(const std::array<double, N>& z, std::array<double, N>& dz, double) const {
        std::array<double, N> x, dx;
        for (std::size_t i = 0; i < N; ++i)
            x[i] = z[i] * (*scale)[i];
        model->rhs(x, dx);
        for (std::size_t i = 0; i < N; ++i)
            dz[i] = dx[i] / (*scale)[i];
    }
};
} // namespace detail

/// Integrates `model` from (t0, x0) to t1 > t0. `observe(t, x)` is called at t0 + k dt_sample
/// for every such point in [t0, t1], from the continuous output; with dt_sample <= 0 it is called
/// after every step. `names` (optional) names the variables in a failure message.
template <class Model, std::size_t N, class Observer>
run_result<N> run_cell(const Model& model, const std::array<double, N>& x0,
                       const std::array<double, N>& scale, double t0, double t1, double dt_sample,
                       Observer&& observe, const run_options& opt = {},
                       const char* const* names = nullptr) {
    namespace odeint = boost::numeric::odeint;
    using arr = std::array<double, N>;
    run_result<N> res;
    res.t = t0;
    res.state = x0;
    const detail::scaled_system<Model, N> sys{&model, &scale};
    auto stepper = odeint::make_dense_output(opt.atol, opt.rtol, odeint::runge_kutta_dopri5<arr>());
    arr z, zs, xs;
    for (std::size_t i = 0; i < N; ++i)
        z[i] = x0[i] / scale[i];
    stepper.initialize(z, t0, std::min(opt.dt_initial, t1 - t0));
    const auto emit = [&](double t, const arr& zz) {
        for (std::size_t i = 0; i < N; ++i)
            xs[i] = zz[i] * scale[i];
        observe(t, static_cast<const arr&>(xs));
    };
    std::size_t k = 0;
    if (dt_sample > 0.0) emit(t0, z), k = 1;
    while (stepper.current_time() < t1) {
        stepper.do_step(sys);
        ++res.steps;
        const arr& zc = stepper.current_state();
        for (std::size_t i = 0; i < N; ++i) {
            if (!std::isfinite(zc[i])) {
                std::ostringstream os;
                os.precision(12);
                os << "non-finite state at t = " << stepper.current_time() << " s: variable '";
                if (names)
                    os << names[i];
                else
                    os << i;
                os << "' = " << zc[i] * scale[i]
                   << "; last good state kept, at t = " << stepper.previous_time() << " s";
                res.ok = false;
                res.message = os.str();
                res.t = stepper.previous_time();
                for (std::size_t j = 0; j < N; ++j)
                    res.state[j] = stepper.previous_state()[j] * scale[j];
                return res;
            }
        }
        const double tc = std::min(stepper.current_time(), t1);
        if (dt_sample > 0.0) {
            for (double ts = t0 + double(k) * dt_sample; ts <= tc + 1e-9 * dt_sample;
                 ts = t0 + double(++k) * dt_sample) {
                stepper.calc_state(ts, zs);
                emit(ts, zs);
            }
        } else {
            emit(stepper.current_time(), zc);
        }
    }
    stepper.calc_state(t1, zs); // the last step may overshoot t1
    res.t = t1;
    for (std::size_t i = 0; i < N; ++i)
        res.state[i] = zs[i] * scale[i];
    return res;
}

/// Runs without observing (e.g. through a transient).
template <class Model, std::size_t N>
run_result<N> advance_cell(const Model& model, const std::array<double, N>& x0,
                           const std::array<double, N>& scale, double t0, double t1,
                           const run_options& opt = {}, const char* const* names = nullptr) {
    return run_cell(
        model, x0, scale, t0, t1, 0.0, [](double, const std::array<double, N>&) {}, opt, names);
}

} // namespace noneq::cardiac
