// population<hh::axon>: ns per cell-step of N Hodgkin-Huxley cells (hh.mod at 6.3 C as a composed
// membrane, membrane/squid_axon.hpp; dt 0.025 ms, the noneq-population drive), stepped by the one
// population engine in SIMD batches (double; float) on one core, on two threads, with every
// gate's coefficients from a rate table (simd_table, simd_float_table: 0.01 mV grid, linear
// interpolation by gathers; accuracy in tests/test_population.cpp), and the scalar loop (the same
// exponential_step over double, one cell at a time) for the SIMD gain. Names:
// population/VARIANT/N. The counter per_cell_step is wall time / (N x steps).
#include <noneq/membrane/squid_axon.hpp>
#include <noneq/population/population.hpp>

#include <benchmark/benchmark.h>

#include <array>
#include <numbers>
#include <vector>

namespace {
using namespace noneq::literals;

constexpr std::size_t steps_per_iteration = 40; // 1 ms of model time

void set_counter(benchmark::State& state, std::size_t n) {
    // wall seconds per cell-step, printed with an SI prefix: 9.8ns = 9.8 ns
    state.counters["per_cell_step"] = benchmark::Counter(
        double(n * steps_per_iteration),
        benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

noneq::hh::axon axon() {
    return noneq::hh::make_axon(noneq::make<noneq::unit::current_density>(0.0));
}

template <class Real>
void simd(benchmark::State& state, unsigned threads, bool table = false) {
    const auto n = static_cast<std::size_t>(state.range(0));
    typename noneq::population<noneq::hh::axon, Real>::options opt;
    opt.threads = threads;
    opt.spike_capacity = 0;
    opt.rates.enabled = table; // the tables (if any) are built here, outside the timed loop
    const auto area = noneq::make<noneq::unit::area>(std::numbers::pi * 18.8e-6 * 18.8e-6);
    noneq::population<noneq::hh::axon, Real> pop(n, axon(), 0.025_ms, -65.0_mV, area, opt);
    for (std::size_t i = 0; i < n; ++i)
        pop.set_stimulus(i, (0.1 + 0.1 * double(i % 10) / 10.0) * 1.0_nA);
    for (auto _ : state) {
        pop.advance_steps(steps_per_iteration);
        benchmark::ClobberMemory();
    }
    benchmark::DoNotOptimize(pop.total_spikes());
    set_counter(state, n);
}

void population_simd(benchmark::State& state) {
    simd<double>(state, 1);
}
void population_simd_2threads(benchmark::State& state) {
    simd<double>(state, 2);
}
void population_simd_float(benchmark::State& state) {
    simd<float>(state, 1);
}

void population_simd_table(benchmark::State& state) {
    simd<double>(state, 1, true);
}
void population_simd_float_table(benchmark::State& state) {
    simd<float>(state, 1, true);
}

void population_scalar(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    const auto model = axon();
    const auto k = model.prepare_step<double>(0.025);
    std::vector<noneq::hh::axon::state_type> x(n, model.steady_state(-65.0));
    std::vector<double> I(n);
    const double area_cm2 = std::numbers::pi * 18.8e-4 * 18.8e-4;
    for (std::size_t i = 0; i < n; ++i)
        I[i] = (0.1 + 0.1 * double(i % 10) / 10.0) * 1e-3 / area_cm2;
    std::size_t spikes = 0;
    for (auto _ : state) {
        for (std::size_t s = 0; s < steps_per_iteration; ++s)
            for (std::size_t i = 0; i < n; ++i) {
                const double vo = x[i][0];
                noneq::exponential_step(model, x[i].data(), I[i], 0.0, 0.025, k,
                                        noneq::coupling::staggered);
                spikes += (vo < 0.0 && x[i][0] >= 0.0);
            }
        benchmark::ClobberMemory();
    }
    benchmark::DoNotOptimize(spikes);
    set_counter(state, n);
}
} // namespace

BENCHMARK(population_simd)
    ->Name("population/simd")
    ->Arg(1000)
    ->Arg(10000)
    ->Arg(100000)
    ->Arg(1000000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(population_simd_float)
    ->Name("population/simd_float")
    ->Arg(1000)
    ->Arg(10000)
    ->Arg(100000)
    ->Arg(1000000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(population_simd_table)
    ->Name("population/simd_table")
    ->Arg(1000)
    ->Arg(10000)
    ->Arg(100000)
    ->Arg(1000000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(population_simd_float_table)
    ->Name("population/simd_float_table")
    ->Arg(1000)
    ->Arg(10000)
    ->Arg(100000)
    ->Arg(1000000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(population_simd_2threads)
    ->Name("population/simd_2threads")
    ->Arg(10000)
    ->Arg(100000)
    ->Arg(1000000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(population_scalar)
    ->Name("population/scalar")
    ->Arg(1000)
    ->Arg(10000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
