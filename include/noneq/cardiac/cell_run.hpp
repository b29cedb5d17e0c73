// noneq/cardiac/cell_run.hpp — a single-cell cardiac model as a model of the integration
// front-end (integrate/run.hpp), and run_cell: the front-end with the defaults measured for it.
//
// A cell model provides `template <value_type V> void rhs(const std::array<V, N>&,
// std::array<V, N>&) const`, autonomous, in seconds (the Severi 2012 cell: V in mV, Ca2+ in mM).
// cardiac::cell<Model, N> adds what run() needs: the time unit (seconds), the typical magnitudes
// s_i (the adaptive methods integrate x_i / s_i, so one absolute tolerance fits mV, mM and
// occupancies, sub-micromolar Ca2+ getting a matching tolerance), the variable names, and a count
// of right-hand-side evaluations. Because rhs is templated over the value type, RODAS4's
// finite-difference Jacobian takes the columns a SIMD batch at a time (core/jacobian.hpp).
//
// Choice of method (measured on the Severi 2012 sinoatrial cell, benchmarks/bench_pacemaker.cpp):
// the model is stiff. Its fastest modes (subspace-cytosol Ca2+ diffusion, tau = 40 us, the fast
// buffers, the RyR with ks = 2.5e8 1/s) bound an explicit step by stability: dopri5 takes ~18,600
// steps per simulated second at every tolerance from 1e-3 to 1e-7 (mean step 54 us). RODAS4,
// L-stable, takes steps set by accuracy alone: ~650 per simulated second at rtol 1e-6 (mean 1.5
// ms), each costing a batched finite-difference Jacobian (N / lanes right-hand sides) and a 31 x 31
// LU. At equal cycle-length accuracy RODAS4 is ~2.4x faster at 1e-9 relative, ~6x at 1e-7 and
// ~18x at 6e-6 (dopri5 cannot go faster than its stability floor, ~24 simulated s per CPU s).
// Both converge to the same cycle length (1e-7 relative at rtol 1e-6 for RODAS4, 2e-9 for dopri5).
// dopri5 is kept as an independent check and for non-stiff models.
//
// Errors are the front-end's: integration_error (time, variable, last good state kept in x),
// domain_error for bad arguments.
#pragma once

#include <noneq/core/error.hpp>
#include <noneq/integrate/run.hpp>
#include <noneq/units.hpp>

#include <array>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <string>

namespace noneq::cardiac {

/// A single-cell model: an autonomous rhs(x, dx) over std::array<double, N>, in seconds.
template <class M, std::size_t N>
concept cell_model = requires(const M& m, const std::array<double, N>& x,
                              std::array<double, N>& d) {
    m.rhs(x, d);
};

/// `Model` as a model of run(): time unit seconds, scale() the typical magnitudes.
template <class Model, std::size_t N>
requires cell_model<Model, N>
class cell {
public:
    using state_type = std::array<double, N>;
    using time_unit = seconds;
    static constexpr bool simd_rhs = true; // rhs is templated over the value type

    /// `model` and `names` (optional, N entries) must outlive the cell.
    cell(const Model& model, const state_type& scale, const char* const* names = nullptr)
        : model_(&model), scale_(scale), names_(names) {
        require_each(scale, "scale", "> 0, finite",
                     [](double v) { return v > 0.0 && std::isfinite(v); });
    }

    template <class V>
    requires requires(const Model& m, const std::array<V, N>& x, std::array<V, N>& d) {
        m.rhs(x, d);
    }
    void operator()(const std::array<V, N>& x, std::array<V, N>& dxdt, double) const {
        ++calls_;
        model_->rhs(x, dxdt);
    }
    const state_type& scale() const { return scale_; }
    std::string variable_name(std::size_t i) const {
        return names_ && i < N ? std::string(names_[i]) : "x[" + std::to_string(i) + "]";
    }
    /// Right-hand sides evaluated so far (a batched Jacobian block counts as one).
    std::size_t rhs_calls() const { return calls_; }

private:
    const Model* model_;
    state_type scale_;
    const char* const* names_;
    mutable std::size_t calls_ = 0;
};

/// The measured defaults for a cell: output every 0.1 ms, rtol = atol = tol (on x_i / s_i),
/// first trial step 10 us.
inline run_options cell_options(double tol = 1e-6) {
    run_options o;
    o.dt = time<double>::from_value(1e-4);
    o.abs_tol = o.rel_tol = tol;
    o.dt_initial = time<double>::from_value(1e-5);
    return o;
}

/// Integrates `model` from (t0, x) to t1 > t0 through run(); x becomes the state at t1.
/// observe(x, t) is called at t0 + k opt.dt (t in s) for every such point in [t0, t1] and at
/// t1, from the continuous output. `names` (optional) names the variables in errors. Returns the
/// number of steps; rhs_calls (optional) receives the right-hand sides evaluated.
template <class Model, std::size_t N, class Observer>
requires cell_model<Model, N> && std::invocable < Observer&, const std::array<double, N>
&, double > std::size_t run_cell(const Model& model, std::array<double, N>& x,
                                 const std::array<double, N>& scale, const time<double>& t0,
                                 const time<double>& t1, Observer&& observe,
                                 const run_options& opt = cell_options(), method m = method::rodas4,
                                 const char* const* names = nullptr,
                                 std::size_t* rhs_calls = nullptr) {
    require(t1.value() > t0.value(), "t1", t1.value(), "> t0", "s");
    const cell<Model, N> c(model, scale, names);
    const auto n = run(c, x, t0, t1, m, opt, observe);
    if (rhs_calls) *rhs_calls = c.rhs_calls();
    return n;
}

/// Runs without observing (e.g. through a transient).
template <class Model, std::size_t N>
requires cell_model<Model, N> std::size_t
advance_cell(const Model& model, std::array<double, N>& x, const std::array<double, N>& scale,
             const time<double>& t0, const time<double>& t1,
             const run_options& opt = cell_options(), method m = method::rodas4,
             const char* const* names = nullptr) {
    run_options o = opt;
    if (t1.value() > t0.value()) o.dt = t1 - t0; // one output, at t1
    return run_cell(
        model, x, scale, t0, t1, [](const std::array<double, N>&, double) {}, o, m, names);
}

} // namespace noneq::cardiac
