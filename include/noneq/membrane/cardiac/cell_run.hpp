// noneq/membrane/cardiac/cell_run.hpp — integrate a single-cell model held in a fixed-size
// std::array with a stiff Rosenbrock method (RODAS 4(3), rodas.hpp; the default) or Boost.Odeint's
// explicit Dormand-Prince 5(4), both with continuous output, stopping cleanly on a non-finite state
// (reporting time and variable, keeping the last good state).
//
// Choice of method (measured on the Severi 2012 sinoatrial cell, benchmarks/bench_pacemaker.cpp):
// the model is stiff. Its fastest modes (subspace-cytosol Ca2+ diffusion, tau = 40 us, the fast
// buffers, the RyR with ks = 2.5e8 1/s) bound an explicit step by stability: dopri5 takes ~18,600
// steps per simulated second at every tolerance from 1e-3 to 1e-7 (mean step 54 us). RODAS,
// L-stable, takes steps set by accuracy alone: ~650 per simulated second at rtol 1e-6 (mean 1.5
// ms), each costing a batched finite-difference Jacobian (N / lanes right-hand sides) and a 31 x 31
// LU. At equal cycle-length accuracy RODAS is ~2.4x faster at 1e-9 relative, ~6x at 1e-7 and
// ~18x at 6e-6 (dopri5 cannot go faster than its stability floor, ~24 simulated s per CPU s).
// Both converge to the same cycle length (1e-7 relative at rtol 1e-6 for RODAS, 2e-9 for dopri5).
// dopri5 is kept as an independent check and for non-stiff models.
//
// Error control: each variable is divided by a typical magnitude s_i supplied by the model, so one
// absolute tolerance fits mV, mM and occupancies (sub-micromolar Ca2+ gets a matching tolerance).
//
// A model must provide `template <value_type V> void rhs(const std::array<V, N>&,
// std::array<V, N>&) const`.
#pragma once

#include <noneq/core/error.hpp>
#include <noneq/membrane/cardiac/rodas.hpp>

#include <boost/numeric/odeint/stepper/generation.hpp>
#include <boost/numeric/odeint/stepper/runge_kutta_dopri5.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <sstream>
#include <stdexcept>
#include <string>

namespace noneq::cardiac {

/// Integration method: Dormand-Prince 5(4) (explicit) or RODAS 4(3) (Rosenbrock, rodas.hpp).
enum class run_method { dopri5, rodas };

struct run_options {
    run_method method = run_method::rodas;
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
    std::size_t rhs_calls = 0; ///< RODAS: right-hand sides incl. batched Jacobian blocks
    std::string message;       ///< on failure: time and the first non-finite variable
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

namespace detail {
/// odeint's dopri5 dense-output stepper behind the interface of rodas_stepper.
template <class Model, std::size_t N>
struct dopri5_adapter {
    using arr = std::array<double, N>;
    scaled_system<Model, N> sys;
    decltype(boost::numeric::odeint::make_dense_output(
        1.0, 1.0, boost::numeric::odeint::runge_kutta_dopri5<arr>())) st;
    dopri5_adapter(const Model& m, const arr& scale, double atol, double rtol)
        : sys{&m, &scale}, st(boost::numeric::odeint::make_dense_output(
                               atol, rtol, boost::numeric::odeint::runge_kutta_dopri5<arr>())) {}
    void initialize(const arr& z, double t, double dt) { st.initialize(z, t, dt); }
    bool do_step() {
        try {
            st.do_step(sys);
        } catch (const std::runtime_error&) { // odeint gives up after 500 failed trials
            return false;
        }
        return true;
    }
    void calc_state(double t, arr& z) { st.calc_state(t, z); }
    const arr& current_state() const { return st.current_state(); }
    const arr& previous_state() const { return st.previous_state(); }
    double current_time() const { return st.current_time(); }
    double previous_time() const { return st.previous_time(); }
};

template <std::size_t N, class Stepper, class Observer>
run_result<N> drive(Stepper& stepper, const std::array<double, N>& x0,
                    const std::array<double, N>& scale, double t0, double t1, double dt_sample,
                    Observer& observe, const run_options& opt, const char* const* names) {
    using arr = std::array<double, N>;
    run_result<N> res;
    res.t = t0;
    res.state = x0;
    arr z, zs, xs;
    for (std::size_t i = 0; i < N; ++i)
        z[i] = x0[i] / scale[i];
    stepper.initialize(z, t0, std::min(opt.dt_initial, t1 - t0));
    const auto emit = [&](double t, const arr& zz) {
        for (std::size_t i = 0; i < N; ++i)
            xs[i] = zz[i] * scale[i];
        observe(t, static_cast<const arr&>(xs));
    };
    const auto fail = [&](const std::string& what, double t_good, const arr& z_good) {
        res.ok = false;
        res.message = what;
        res.t = t_good;
        for (std::size_t j = 0; j < N; ++j)
            res.state[j] = z_good[j] * scale[j];
    };
    std::size_t k = 0;
    if (dt_sample > 0.0) emit(t0, z), k = 1;
    arr z_good = z;
    double t_good = t0;
    while (stepper.current_time() < t1) {
        if (!stepper.do_step()) {
            std::ostringstream os;
            os.precision(12);
            os << "step size underflow at t = " << t_good << " s (no finite step accepted";
            if constexpr (requires { stepper.last_worst(); }) {
                const std::size_t i = stepper.last_worst();
                os << "; variable '";
                if (names)
                    os << names[i];
                else
                    os << i;
                os << (stepper.last_nonfinite() ? "' non-finite" : "' has the largest error")
                   << " in the trial steps";
            }
            os << "); last good state kept";
            fail(os.str(), t_good, z_good);
            return res;
        }
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
                fail(os.str(), stepper.previous_time(), stepper.previous_state());
                return res;
            }
        }
        z_good = zc;
        t_good = stepper.current_time();
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
} // namespace detail

/// Integrates `model` from (t0, x0) to t1 > t0. `observe(t, x)` is called at t0 + k dt_sample
/// for every such point in [t0, t1], from the continuous output; with dt_sample <= 0 it is called
/// after every step. `names` (optional) names the variables in a failure message.
template <class Model, std::size_t N, class Observer>
run_result<N> run_cell(const Model& model, const std::array<double, N>& x0,
                       const std::array<double, N>& scale, double t0, double t1, double dt_sample,
                       Observer&& observe, const run_options& opt = {},
                       const char* const* names = nullptr) {
    require(t1 > t0, "t1", t1, "> t0", "s");
    require_positive("rtol", opt.rtol);
    require_positive("atol", opt.atol);
    require_positive("dt_initial", opt.dt_initial, "s");
    require_each(x0, "x0", "finite", [](double v) { return std::isfinite(v); });
    require_each(scale, "scale", "> 0, finite",
                 [](double v) { return v > 0.0 && std::isfinite(v); });
    if (opt.method == run_method::rodas) {
        rodas_stepper<Model, N> st(model, scale, opt.atol, opt.rtol);
        auto r = detail::drive(st, x0, scale, t0, t1, dt_sample, observe, opt, names);
        r.rhs_calls = st.rhs_calls();
        return r;
    }
    detail::dopri5_adapter<Model, N> st(model, scale, opt.atol, opt.rtol);
    return detail::drive(st, x0, scale, t0, t1, dt_sample, observe, opt, names);
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
