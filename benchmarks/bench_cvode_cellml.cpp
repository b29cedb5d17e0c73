// CVODE (SUNDIALS BDF) against RODAS4 and dopri5 on two models imported from CellML by
// noneq-cellml, the same comparison bench_cvode.cpp makes on the hand-composed Severi 2012 cell:
//   kurata2002/<method>/N   Kurata, Hisatome, Imanishi & Shibamoto 2002 (Am J Physiol Heart
//                           Circ Physiol 283:H2074), rabbit sinoatrial node cell, 27 states;
//   zhang2000/<method>/N    Zhang, Holden, Kodama et al. 2000 (Am J Physiol Heart Circ Physiol
//                           279:H397), rabbit sinoatrial node (central cell), 15 states.
// Both beat on their own (no stimulus), so the accuracy is the mean cycle length over 2 s of
// the limit cycle (from a state reached after 10 s) against dopri5 at rtol = atol = 1e-12:
// counter cl_error_us; sim_s_per_cpu_s is the speed. method = cvode, rodas4, dopri5 at
// rtol = atol = 10^-N on the scaled states (cardiac::cell_options), output every 0.1 ms.
// Its own program, built on request (NONEQ_WITH_SUNDIALS=ON and the converter):
//   cmake --build <dir> --target noneq-bench_cvode_cellml
#include <noneq/analysis/cycle_metrics.hpp>
#include <noneq/cardiac/cell_run.hpp>
#include <noneq/integrate/cvode.hpp>
#include <noneq/integrate/run.hpp>

#include <kurata_model_2002.hpp>
#include <zhang_SAN_model_2000_0D_capable.hpp>

#include <benchmark/benchmark.h>

#include <cmath>
#include <vector>

namespace {
using kurata = noneq::cellml_models::kurata2002::model;
using zhang = noneq::cellml_models::zhang2000::model;

template <class M>
const typename M::state_type& start_state() {
    static const typename M::state_type x = [] {
        auto y = M::initial_state;
        auto o = noneq::cardiac::cell_options(1e-9);
        o.dt = noneq::time<double>::from_value(10.0); // one output, at the end
        noneq::run(M{}, y, noneq::time<double>::from_value(0.0),
                   noneq::time<double>::from_value(10.0), noneq::method::rodas4, o);
        return y;
    }();
    return x;
}

struct outcome {
    double cl_s;
    std::size_t steps;
};

template <class M>
outcome run(noneq::method how, double tol) {
    // the time in the observer is in the model's unit (ms or s, the file's): kept in seconds
    const double to_s = noneq::in_unit<noneq::seconds>(noneq::time<double>::from_value(1.0)) /
                        noneq::in_unit<noneq::time_unit_t<M>>(noneq::time<double>::from_value(1.0));
    auto x = start_state<M>();
    std::vector<double> t, v;
    const auto steps = noneq::run(
        M{}, x, noneq::time<double>::from_value(0.0), noneq::time<double>::from_value(2.0), how,
        noneq::cardiac::cell_options(tol), [&](const typename M::state_type& s, double tm) {
            t.push_back(tm * to_s);
            v.push_back(s[M::voltage_index]);
        });
    return {noneq::measure_cycles(t, v).cycle_length_s, steps};
}

template <class M>
double reference() {
    static const double cl = run<M>(noneq::method::dopri5, 1e-12).cl_s;
    return cl;
}

template <class M, noneq::method How>
void by_method(benchmark::State& state) {
    const double tol = std::pow(10.0, -double(state.range(0)));
    const double ref = reference<M>();
    outcome o{};
    for (auto _ : state) {
        o = run<M>(How, tol);
        benchmark::DoNotOptimize(o);
    }
    state.counters["sim_s_per_cpu_s"] =
        benchmark::Counter(2.0 * double(state.iterations()), benchmark::Counter::kIsRate);
    state.counters["steps_per_sim_s"] = double(o.steps) / 2.0;
    state.counters["cl_error_us"] = std::abs(o.cl_s - ref) * 1e6;
    state.counters["cl_ms"] = ref * 1e3;
}

#define NONEQ_BENCH_CELLML_CVODE(model, label)                                                     \
    BENCHMARK(by_method<model, noneq::method::cvode_bdf>)                                          \
        ->Name(label "/cvode")                                                                     \
        ->DenseRange(4, 10, 2)                                                                     \
        ->Unit(benchmark::kMillisecond);                                                           \
    BENCHMARK(by_method<model, noneq::method::rodas4>)                                             \
        ->Name(label "/rodas4")                                                                    \
        ->DenseRange(4, 10, 2)                                                                     \
        ->Unit(benchmark::kMillisecond);                                                           \
    BENCHMARK(by_method<model, noneq::method::dopri5>)                                             \
        ->Name(label "/dopri5")                                                                    \
        ->DenseRange(4, 10, 2)                                                                     \
        ->Unit(benchmark::kMillisecond)

NONEQ_BENCH_CELLML_CVODE(kurata, "kurata2002");
NONEQ_BENCH_CELLML_CVODE(zhang, "zhang2000");

} // namespace
