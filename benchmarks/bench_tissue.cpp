// tissue/: node-steps per second of the monodomain solver on the N-version benchmark slab
// (Niederer et al. 2011: 20 x 7 x 3 mm, sigma_l 0.17, sigma_t 0.019 S/m, chi 1400 /cm, C_m
// 1 uF/cm^2, the corner stimulus), Mitchell-Schaeffer cells, Strang splitting with
// Crank-Nicolson diffusion, timed from t = 10 ms (a wave front inside the slab) for 20 steps per
// iteration: one thread and two (the reaction step's threads; the diffusion solve is serial);
// and the diffusion step alone (one Crank-Nicolson solve). Names: tissue/VARIANT/dx_um. The
// counter per_node_step is wall time / (nodes x steps).
#include <noneq/tissue/diffusion.hpp>
#include <noneq/tissue/mitchell_schaeffer.hpp>
#include <noneq/tissue/monodomain.hpp>

#include <benchmark/benchmark.h>

#include <cmath>

namespace {
using namespace noneq::literals;
using namespace noneq::tissue;
using namespace noneq::tissue::literals;

constexpr std::size_t steps_per_iteration = 20;

medium niederer_medium() {
    return {conductivity_tensor::fibres_along_x(0.17_S_per_m, 0.019_S_per_m), 1400.0_per_cm,
            1.0_uF_per_cm2};
}

void set_counter(benchmark::State& state, std::size_t nodes, std::size_t steps) {
    state.counters["per_node_step"] =
        benchmark::Counter(double(nodes * steps), benchmark::Counter::kIsIterationInvariantRate |
                                                      benchmark::Counter::kInvert);
}

void ms_slab(benchmark::State& state, unsigned threads) {
    const double dx_mm = double(state.range(0)) * 1e-3;
    const auto g = grid::slab(20.0_mm, 7.0_mm, 3.0_mm, dx_mm * 1.0_mm);
    using M = noneq::ode_cell<mitchell_schaeffer::model>;
    monodomain<M>::options opt;
    opt.dt = 0.05_ms;
    opt.threads = threads;
    mitchell_schaeffer::parameters p;
    p.v_rest_mV = -85.0;
    monodomain<M> tis(g, niederer_medium(), opt,
                      region{mitchell_schaeffer::cell(p), -85.0_mV, everywhere()});
    tis.add_stimulus({box{{0.0_mm, 0.0_mm, 0.0_mm}, {1.5_mm, 1.5_mm, 1.5_mm}}, 50000.0_uA_per_cm3,
                      0.0_ms, 2.0_ms});
    tis.advance(10.0_ms);
    for (auto _ : state) {
        tis.advance_steps(steps_per_iteration);
        benchmark::ClobberMemory();
    }
    state.counters["memory_bytes_per_node"] = double(tis.memory_bytes()) / double(g.size());
    set_counter(state, g.size(), steps_per_iteration);
}

void diffusion_cn(benchmark::State& state) {
    const double dx_mm = double(state.range(0)) * 1e-3;
    const auto g = grid::slab(20.0_mm, 7.0_mm, 3.0_mm, dx_mm * 1.0_mm);
    diffusion d(g, niederer_medium());
    auto v = d.make_field(-85.0);
    for (std::size_t i = 0; i < g.size(); ++i) // a front at x = 5 mm
        v[i] = in_mm(g.at(i).x) < 5.0 ? 20.0 : -85.0;
    for (auto _ : state) {
        d.step(v, 5e-5, diffusion_scheme::crank_nicolson);
        benchmark::ClobberMemory();
    }
    state.counters["cg_iterations"] = double(d.total_iterations()) / double(d.solves());
    set_counter(state, g.size(), 1);
}

} // namespace

BENCHMARK_CAPTURE(ms_slab, one_thread, 1u)->Arg(500)->Arg(200)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(ms_slab, two_threads, 2u)
    ->Arg(500)
    ->Arg(200)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(diffusion_cn)->Arg(500)->Arg(200)->Arg(100)->Unit(benchmark::kMicrosecond);
