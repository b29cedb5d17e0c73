// How fast is a model imported from CellML (noneq-cellml), one cell at a time and as a SIMD
// population? The Severi 2012 sinoatrial node cell, generated from its CellML file (33 states:
// the paper's 31 and the two BAPTA states, which stay 0), against the hand-composed
// cardiac/severi2012.hpp.
//
// cellml_severi/rhs/1, cellml_severi/rhs_batch/L: one right-hand side, scalar and over an xsimd
//   batch of L states (the hand-composed model's are severi2012/rhs/1 and rhs_batch/L).
// cellml_severi/rodas/6: one cell, 2 s from the published initial state through noneq::run
//   (RODAS4, rtol = atol = 1e-6 on the scaled states, 0.1 ms output). Counter sim_s_per_cpu_s.
// cellml_severi/population/1000: 1000 cells as one population (ode_cell, forward Euler at dt
//   1e-5 s, SIMD batches), 0.2 s per iteration. Counter sim_s_per_cpu_s_per_cell.
//   cellml_severi/population_rl/1000: the same by the generated Rush-Larsen step (ode_cell's
//   default for models whose gates the converter finds: 29 of Severi's 33 states), which costs
//   more per step and buys nothing at a dt forward Euler is already stable at.
// Not in noneq-bench (the generated header is built only for this program): build the target
// noneq-bench_cellml.
#include <noneq/cardiac/cell_run.hpp>
#include <noneq/population/population.hpp>

#include <severi_fantini_charawi_difrancesco_2012.hpp>

#include <benchmark/benchmark.h>

#include <array>
#include <vector>

namespace {
using imported = noneq::cellml_models::severi2012_imported::model;
constexpr std::size_t N = imported::n_states;

void cellml_rhs(benchmark::State& state) {
    const imported m;
    const auto x = imported::initial_state;
    imported::state_type d;
    for (auto _ : state) {
        m.rhs(x, d);
        benchmark::DoNotOptimize(d);
    }
}
BENCHMARK(cellml_rhs)->Name("cellml_severi/rhs/1");

void cellml_rhs_batch(benchmark::State& state) {
    using B = xsimd::batch<double>;
    const imported m;
    std::array<B, N> x, d;
    for (std::size_t i = 0; i < N; ++i)
        x[i] = B(imported::initial_state[i]);
    for (auto _ : state) {
        m.rhs(x, d);
        benchmark::DoNotOptimize(d);
    }
    state.counters["states_per_s"] = benchmark::Counter(
        double(B::size) * double(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(cellml_rhs_batch)
    ->Name("cellml_severi/rhs_batch/" + std::to_string(xsimd::batch<double>::size));

void cellml_rodas(benchmark::State& state) {
    const imported m;
    for (auto _ : state) {
        auto x = imported::initial_state;
        noneq::cardiac::advance_cell(m, x, m.scale(), noneq::time<double>::from_value(0.0),
                                     noneq::time<double>::from_value(2.0),
                                     noneq::cardiac::cell_options(1e-6));
        benchmark::DoNotOptimize(x);
    }
    state.counters["sim_s_per_cpu_s"] =
        benchmark::Counter(2.0 * double(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(cellml_rodas)->Name("cellml_severi/rodas/6")->Unit(benchmark::kMillisecond);

template <noneq::ode_stepper Stepper>
void cellml_population(benchmark::State& state) {
    using namespace noneq::literals;
    using cell = noneq::ode_cell<imported>;
    const auto n = static_cast<std::size_t>(state.range(0));
    noneq::population<cell>::options opt;
    opt.spike_capacity = 0;
    const auto x0 = imported::initial_state;
    std::array<const char*, N> names{};
    for (std::size_t i = 0; i < N; ++i)
        names[i] = imported::state_names[i];
    cell c(imported{}, x0, names, 1.0);
    c.set_stepper(Stepper);
    noneq::population<cell> pop(n, c, 1e-5 * 1.0_s, x0[0] * 1.0_mV, opt);
    pop.advance_steps(20000); // past the first upstroke
    for (auto _ : state) {
        pop.advance_steps(20000); // 0.2 s
        benchmark::ClobberMemory();
    }
    state.counters["sim_s_per_cpu_s_per_cell"] = benchmark::Counter(
        0.2 * double(n) * double(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(cellml_population<noneq::ode_stepper::forward_euler>)
    ->Name("cellml_severi/population")
    ->Arg(1000)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(cellml_population<noneq::ode_stepper::rush_larsen>)
    ->Name("cellml_severi/population_rl")
    ->Arg(1000)
    ->Unit(benchmark::kMillisecond);
} // namespace
