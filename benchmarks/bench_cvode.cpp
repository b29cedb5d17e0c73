// CVODE (SUNDIALS BDF, integrate/cvode.hpp) against RODAS4 and dopri5 on the Severi 2012
// sinoatrial node cell, in one program (only with NONEQ_WITH_SUNDIALS=ON; empty otherwise):
//
// severi2012_cvode/<method>/N: 2 s of the limit cycle (from a state reached after 20 s) at
//   rtol = atol = 10^-N through cardiac::run_cell (scaled tolerances, output every 0.1 ms), for
//   method = cvode, rodas4, dopri5. Counters: sim_s_per_cpu_s, steps_per_sim_s, and
//   cl_error_us: the mean cycle length over the run against dopri5 at rtol 1e-12 (the accuracy).
// severi2012_cvode/sens_<how>/N: the same run with the three sensitivities d/d(g_f, g_CaL, g_NaK)
//   (conductance_scales) by CVODES, the sensitivity right-hand side from dual numbers or from
//   CVODES' own difference quotients.
#if defined(NONEQ_WITH_SUNDIALS) && NONEQ_WITH_SUNDIALS

#include "severi_cycles.hpp"

#include <noneq/cardiac/severi2012.hpp>
#include <noneq/integrate/cvodes.hpp>

#include <benchmark/benchmark.h>

#include <cmath>
#include <vector>

namespace {
namespace sv = noneq::severi2012;

template <noneq::sensitivity_rhs How>
void severi_sens(benchmark::State& state) {
    const double tol = std::pow(10.0, -double(state.range(0)));
    const sv::model mdl{};
    const auto f = [&mdl](const auto& x, auto& dx, double, const auto& p) {
        using V = typename std::decay_t<decltype(x)>::value_type;
        mdl.rhs(x, dx, sv::conductance_scales<V>{p[0], p[1], p[2]});
    };
    std::size_t steps = 0;
    for (auto _ : state) {
        sv::state x = severi_cycles::limit_cycle_state();
        std::array<sv::state, 3> S{};
        noneq::sensitivity_options o;
        o.run = noneq::cardiac::cell_options(tol);
        o.rhs = How;
        steps = noneq::run_sensitivities<noneq::seconds>(
            f, x, S, std::array<double, 3>{1.0, 1.0, 1.0}, sv::state_scale,
            noneq::time<double>::from_value(0.0), noneq::time<double>::from_value(2.0), o,
            [](const auto&, const auto&, double) {});
        benchmark::DoNotOptimize(S);
    }
    state.counters["sim_s_per_cpu_s"] =
        benchmark::Counter(2.0 * double(state.iterations()), benchmark::Counter::kIsRate);
    state.counters["steps_per_sim_s"] = double(steps) / 2.0;
}

} // namespace

BENCHMARK(severi_cycles::cycle_benchmark<noneq::method::cvode_bdf>)
    ->Name("severi2012_cvode/cvode")
    ->DenseRange(4, 10, 2)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(severi_cycles::cycle_benchmark<noneq::method::rodas4>)
    ->Name("severi2012_cvode/rodas4")
    ->DenseRange(4, 10, 2)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(severi_cycles::cycle_benchmark<noneq::method::dopri5>)
    ->Name("severi2012_cvode/dopri5")
    ->DenseRange(4, 10, 2)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(severi_sens<noneq::sensitivity_rhs::dual>)
    ->Name("severi2012_cvode/sens_dual")
    ->Arg(6)
    ->Arg(8)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(severi_sens<noneq::sensitivity_rhs::difference>)
    ->Name("severi2012_cvode/sens_dq")
    ->Arg(6)
    ->Arg(8)
    ->Unit(benchmark::kMillisecond);

#endif
