// The Severi 2012 limit-cycle runs two benchmark programs share (bench_pacemaker.cpp and
// bench_cvode.cpp): the state after 20 s from the published initial values (on the limit cycle),
// a run of t_sim seconds from it by one of the cell driver's methods with V sampled every
// 0.1 ms, its mean cycle length, and the benchmark body that times such runs against a dopri5
// reference at rtol 1e-12.
#pragma once

#include <noneq/analysis/cycle_metrics.hpp>
#include <noneq/cardiac/cell_run.hpp>
#include <noneq/cardiac/severi2012.hpp>

#include <benchmark/benchmark.h>

#include <cmath>
#include <cstddef>
#include <vector>

namespace severi_cycles {
namespace sv = noneq::severi2012;

/// The state reached after 20 s from sv::initial_state (rtol 1e-9): on the limit cycle.
inline const sv::state& limit_cycle_state() {
    static const sv::state x = [] {
        sv::state y = sv::initial_state;
        noneq::cardiac::advance_cell(
            sv::model{}, y, sv::state_scale, noneq::time<double>::from_value(0.0),
            noneq::time<double>::from_value(20.0), noneq::cardiac::cell_options(1e-9));
        return y;
    }();
    return x;
}

struct run_out {
    double cl_s;       ///< mean cycle length over the run
    std::size_t steps; ///< accepted steps
};

/// t_sim seconds from the limit-cycle state at rtol = atol = tol, V every 0.1 ms.
inline run_out run(noneq::method m, double tol, double t_sim) {
    const sv::model mdl{};
    std::vector<double> t, v;
    t.reserve(std::size_t(t_sim / 1e-4) + 2);
    v.reserve(t.capacity());
    sv::state x = limit_cycle_state();
    const auto steps = noneq::cardiac::run_cell(
        mdl, x, sv::state_scale, noneq::time<double>::from_value(0.0),
        noneq::time<double>::from_value(t_sim),
        [&](const sv::state& s, double ts) {
            t.push_back(ts);
            v.push_back(s[sv::V]);
        },
        noneq::cardiac::cell_options(tol), m);
    return {noneq::measure_cycles(t, v).cycle_length_s, steps};
}

/// The cycle length over 2 s by dopri5 at rtol 1e-12: the accuracy reference.
inline double reference_cycle_length_s() {
    static const double cl = run(noneq::method::dopri5, 1e-12, 2.0).cl_s;
    return cl;
}

/// 2 s runs by method M at rtol 10^-range(0). Counters: sim_s_per_cpu_s, steps_per_sim_s,
/// cycle_length_ms and cl_error_us (against the reference above).
template <noneq::method M>
void cycle_benchmark(benchmark::State& state) {
    const double tol = std::pow(10.0, -double(state.range(0)));
    const double t_sim = 2.0;
    const double ref = reference_cycle_length_s();
    run_out out{};
    for (auto _ : state) {
        out = run(M, tol, t_sim);
        benchmark::DoNotOptimize(out);
    }
    state.counters["sim_s_per_cpu_s"] =
        benchmark::Counter(t_sim * double(state.iterations()), benchmark::Counter::kIsRate);
    state.counters["steps_per_sim_s"] = double(out.steps) / t_sim;
    state.counters["cycle_length_ms"] = out.cl_s * 1e3;
    state.counters["cl_error_us"] = std::abs(out.cl_s - ref) * 1e6;
}

} // namespace severi_cycles
