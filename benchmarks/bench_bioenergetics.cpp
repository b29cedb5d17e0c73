// What does an exact driven-carrier average cost, and how fast is the Gillespie check? Names are
// KERNEL/VARIANT/N (N = segments, runs or states as named).
#include <noneq/bioenergetics/gillespie.hpp>
#include <noneq/bioenergetics/ratchet.hpp>
#include <noneq/bioenergetics/vacuole_model.hpp>

#include <benchmark/benchmark.h>

namespace {
using namespace noneq;
using namespace noneq::literals;

void cycle_steady_state(benchmark::State& state) {
    const four_state_carrier c;
    const auto T = temperature<double>::from_value(298.15);
    double v = 0.0;
    for (auto _ : state) {
        const auto r = c.cycle().rates(unchecked, voltage<double>::from_value(v),
                                       {concentration<double>::from_value(1.5)},
                                       {concentration<double>::from_value(1.0)}, T);
        benchmark::DoNotOptimize(steady_state(r).flux);
        v += 1e-9;
    }
}
BENCHMARK(cycle_steady_state)->Name("markov_cycle_steady_state/gth/4");

template <drive_kind kind>
void ratchet_mean_flux(benchmark::State& state) {
    const four_state_carrier c;
    const drive d{kind, 0.1, 1e4};
    for (auto _ : state)
        benchmark::DoNotOptimize(c.mean_flux(d, 2.0, 1.0));
}
BENCHMARK(ratchet_mean_flux<drive_kind::telegraph>)->Name("ratchet_mean_flux/telegraph/8");
BENCHMARK(ratchet_mean_flux<drive_kind::square>)->Name("ratchet_mean_flux/square/2");
BENCHMARK(ratchet_mean_flux<drive_kind::sine>)->Name("ratchet_mean_flux/sine/768");

void ratchet_stall(benchmark::State& state) {
    const four_state_carrier c;
    const drive d{drive_kind::square, 0.1, 1e4};
    for (auto _ : state)
        benchmark::DoNotOptimize(c.stall_ratio(d));
}
BENCHMARK(ratchet_stall)->Name("ratchet_stall_ratio/square/1");

template <drive_kind kind>
void gillespie(benchmark::State& state) {
    const four_state_carrier c;
    const drive d{kind, 0.1, 3e3};
    std::uint64_t events = 0, seed = 1;
    for (auto _ : state) {
        const auto g = gillespie_flux(c, d, 2.0, 1.0, 20, 0.02, seed++);
        events += g.events;
        benchmark::DoNotOptimize(g.flux);
    }
    state.counters["events_per_s"] =
        benchmark::Counter(double(events), benchmark::Counter::kIsRate);
}
BENCHMARK(gillespie<drive_kind::telegraph>)->Name("gillespie/telegraph/20");
BENCHMARK(gillespie<drive_kind::square>)->Name("gillespie/square/20");
BENCHMARK(gillespie<drive_kind::sine>)->Name("gillespie/sine/20");

void vacuole_hour(benchmark::State& state) {
    const vacuole_model m;
    for (auto _ : state) {
        auto x = m.initial_state();
        m.simulate(x, 0.0_s, 3600.0_s, 3600.0_s, [](const auto&, double) {});
        benchmark::DoNotOptimize(x[0]);
    }
}
BENCHMARK(vacuole_hour)->Name("vacuole_simulate/rosenbrock/3600")->Unit(benchmark::kMillisecond);
} // namespace
