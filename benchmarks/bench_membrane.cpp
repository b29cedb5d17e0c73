// Single-cell Hodgkin-Huxley (hh.mod, 6.3 C, 10 uA/cm^2: regular firing) per stepper: steps per
// second and simulated ms per second, each iteration 25 ms of simulated time from rest.
// Fixed-step methods (exp, rk4) take dt = 0.025 ms (1000 steps); the error-controlled ones
// (dopri5, rosenbrock4 at 1e-8) take what they need, sampled every 0.025 ms. Plus the cost of
// one right-hand side through the Membrane composition against the same formulas hand-written.
#include <noneq/integrate/run.hpp>
#include <noneq/membrane/squid_axon.hpp>

#include <benchmark/benchmark.h>

#include <array>

namespace {
using namespace noneq;
using namespace noneq::literals;

void hh_single_cell(benchmark::State& state, method m) {
    const auto ax = hh::make_axon(current_density<double>::from_value(0.1));
    const double t_ms = static_cast<double>(state.range(0)) * 0.025;
    std::size_t steps = 0;
    for (auto _ : state) {
        auto x = ax.steady_state(hh::v_init_mV);
        steps += run(ax, x, 0.0_ms, t_ms * 1.0_ms, m, {0.025_ms, 1e-8, 1e-8});
        benchmark::DoNotOptimize(x);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(steps)); // items = steps
    state.counters["steps_per_iter"] =
        static_cast<double>(steps) / static_cast<double>(state.iterations());
    state.counters["sim_ms_per_s"] = benchmark::Counter(
        t_ms * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

void hh_rhs_membrane(benchmark::State& state) {
    const auto ax = hh::make_axon(current_density<double>::from_value(0.1));
    auto x = ax.steady_state(-50.0);
    hh::axon::state_type d{};
    for (auto _ : state) {
        benchmark::DoNotOptimize(x);
        ax(x, d, 1.0);
        benchmark::DoNotOptimize(d);
    }
    state.SetItemsProcessed(state.iterations());
}

void hh_rhs_handwritten(benchmark::State& state) {
    std::array<double, 4> x{-50.0, hh::m_inf(-50.0), hh::h_inf(-50.0), hh::n_inf(-50.0)}, d{};
    const double q10 = hh::q10_factor(6.3);
    for (auto _ : state) {
        benchmark::DoNotOptimize(x);
        const auto r = hh::rates(x[0], q10);
        d[0] = 10.0 - hh::i_ion(x[0], x[1], x[2], x[3]);
        d[1] = (r.m_inf - x[1]) / r.m_tau;
        d[2] = (r.h_inf - x[2]) / r.h_tau;
        d[3] = (r.n_inf - x[3]) / r.n_tau;
        benchmark::DoNotOptimize(d);
    }
    state.SetItemsProcessed(state.iterations());
}

BENCHMARK_CAPTURE(hh_single_cell, exp, method::exponential)->Name("hh_single_cell/exp")->Arg(1000);
BENCHMARK_CAPTURE(hh_single_cell, rk4, method::rk4)->Name("hh_single_cell/rk4")->Arg(1000);
BENCHMARK_CAPTURE(hh_single_cell, dopri5, method::dopri5)->Name("hh_single_cell/dopri5")->Arg(1000);
BENCHMARK_CAPTURE(hh_single_cell, rosenbrock, method::rosenbrock)
    ->Name("hh_single_cell/rosenbrock4")
    ->Arg(1000);
BENCHMARK(hh_rhs_membrane)->Name("hh_rhs/membrane/1");
BENCHMARK(hh_rhs_handwritten)->Name("hh_rhs/handwritten/1");

} // namespace
