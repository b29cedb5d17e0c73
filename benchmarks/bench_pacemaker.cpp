// How fast and how accurate is the Severi 2012 sinoatrial node cell with noneq's cell driver
// (cardiac/cell_run.hpp through integrate/run.hpp: RODAS 4(3), the default, or Boost.Odeint's
// dopri5; continuous output; variables scaled by their typical magnitude)?
//
// severi2012/<method>/N: 2 s of the limit cycle (from a state reached after 20 s) at
//   rtol = atol = 10^-N, sampled every 0.1 ms from the continuous output. Counters:
//   sim_s_per_cpu_s (simulated seconds per CPU second; = per wall second on an idle core),
//   steps_per_sim_s, cycle_length_ms over the run, and cl_error_us, its distance from a dopri5 run
//   at rtol 1e-12 (the accuracy; severi_cycles.hpp, shared with bench_cvode.cpp). A dopri5 step
//   count that hardly falls as the tolerance loosens means its step is bounded by stability (the
//   model's fast Ca2+ modes), not by accuracy: the model is stiff.
// severi2012/rhs/1 and severi2012/rhs_batch/L: one right-hand side (31 states), scalar and over
//   an xsimd batch of L states.
// severi2012/population/N: N cells as one SIMD population (population/population.hpp: forward
//   Euler at dt 1e-5 s, every cell from the limit-cycle state), 0.2 s per iteration. Counters:
//   sim_s_per_cpu_s_per_cell (N cells x simulated seconds per CPU second: compare with the
//   one-cell runs' sim_s_per_cpu_s, which is what N independent one-cell runs achieve per cell)
//   and cl_error_us, the cycle length over 2 s of one such cell against the same dopri5
//   reference as above.
#include "severi_cycles.hpp"

#include <noneq/analysis/cycle_metrics.hpp>
#include <noneq/population/population.hpp>

#include <benchmark/benchmark.h>

#include <cmath>
#include <vector>

namespace {
namespace sv = noneq::severi2012;

using severi_cycles::limit_cycle_state;
using severi_cycles::run;

BENCHMARK(severi_cycles::cycle_benchmark<noneq::method::rodas4>)
    ->Name("severi2012/rodas")
    ->DenseRange(3, 10, 1)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(severi_cycles::cycle_benchmark<noneq::method::dopri5>)
    ->Name("severi2012/dopri5")
    ->DenseRange(3, 10, 1)
    ->Unit(benchmark::kMillisecond);

void severi_rhs(benchmark::State& state) {
    const sv::model mdl{};
    sv::state x = limit_cycle_state(), d;
    for (auto _ : state) {
        benchmark::DoNotOptimize(x);
        mdl.rhs(x, d);
        benchmark::DoNotOptimize(d);
    }
}
BENCHMARK(severi_rhs)->Name("severi2012/rhs/1");

void severi_rhs_batch(benchmark::State& state) {
    using B = xsimd::batch<double>;
    const sv::model mdl{};
    std::array<B, sv::n_states> x, d;
    for (std::size_t i = 0; i < sv::n_states; ++i)
        x[i] = B(limit_cycle_state()[i]);
    for (auto _ : state) {
        benchmark::DoNotOptimize(x);
        mdl.rhs(x, d);
        benchmark::DoNotOptimize(d);
    }
    state.counters["states_per_s"] = benchmark::Counter(
        double(B::size) * double(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(severi_rhs_batch)
    ->Name("severi2012/rhs_batch/" + std::to_string(xsimd::batch<double>::size));

using severi_cell = noneq::ode_cell<sv::model>;
noneq::population<severi_cell> severi_population(std::size_t n) {
    using namespace noneq::literals;
    noneq::population<severi_cell>::options opt;
    opt.spike_capacity = 0;
    const auto& x0 = limit_cycle_state();
    return noneq::population<severi_cell>(n, severi_cell(sv::model{}, x0, sv::state_names, 1.0),
                                          1e-5 * 1.0_s, x0[sv::V] * 1.0_mV, opt);
}

// The cycle length over 2 s of one population cell (V sampled every 0.1 ms, as run() does).
double population_cycle_length_s() {
    auto pop = severi_population(1);
    std::vector<double> t, v;
    for (std::size_t k = 0; k <= 20000; ++k) {
        t.push_back(double(k) * 1e-4);
        v.push_back(noneq::in_mV(pop.v(0)));
        pop.advance_steps(10);
    }
    return noneq::measure_cycles(t, v).cycle_length_s;
}

void severi_population_run(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    auto pop = severi_population(n);
    const std::size_t steps = 20000; // 0.2 s
    for (auto _ : state) {
        pop.advance_steps(steps);
        benchmark::ClobberMemory();
    }
    state.counters["sim_s_per_cpu_s_per_cell"] = benchmark::Counter(
        0.2 * double(n) * double(state.iterations()), benchmark::Counter::kIsRate);
    const double cl_ref = severi_cycles::reference_cycle_length_s();
    static const double cl = population_cycle_length_s();
    state.counters["cycle_length_ms"] = cl * 1e3;
    state.counters["cl_error_us"] = std::abs(cl - cl_ref) * 1e6;
}
BENCHMARK(severi_population_run)
    ->Name("severi2012/population")
    ->Arg(1000)
    ->Unit(benchmark::kMillisecond);
} // namespace
