// cable/: ns per compartment-step of the Hodgkin-Huxley 1952 squid axon as a cable (hh.mod's
// membrane at 18.5 C, 476 um, 35.4 ohm cm, 60 mm in 600 compartments of 100 um, dt 0.01 ms,
// backward Euler as NEURON's default, a 10 uA pulse at x = 0 from 0.5 ms for 0.2 ms: the
// noneq-cable default): one cell (its compartments W at a time in SIMD lanes, the Hines solve
// serial), and N cells in SIMD lanes (cell_batch: cells in lanes, compartments in sequence),
// double and float, exact rates and the 0.01 mV rate table. Each iteration runs 5 ms (the spike
// crosses the whole axon), from rest. Names: cable/VARIANT/N. The counter per_compartment_step
// is wall time / (cells x compartments x steps). NEURON on the same axon:
// benchmarks/peers/run_cable_peers.sh.
#include <noneq/cable/cable.hpp>
#include <noneq/cable/cell_batch.hpp>
#include <noneq/membrane/squid_axon.hpp>

#include <benchmark/benchmark.h>

#include <cstddef>

namespace {
using namespace noneq::literals;
using namespace noneq::cable;

constexpr std::size_t steps = 500; // 5 ms at 0.01 ms

noneq::hh::axon hh52() {
    return noneq::hh::make_axon(noneq::make<noneq::unit::current_density>(0.0), 0.0_ms,
                                noneq::celsius<double>(18.5));
}
morphology axon() {
    morphology m;
    m.add_section(60000.0_um, 476.0_um);
    return m;
}
const iclamp pulse{{0, 0.0}, 0.5_ms, 0.2_ms, 10000.0_nA};

void set_counter(benchmark::State& state, double compartment_steps) {
    state.counters["per_compartment_step"] =
        benchmark::Counter(compartment_steps, benchmark::Counter::kIsIterationInvariantRate |
                                                  benchmark::Counter::kInvert);
}

template <class Real>
void one_cell(benchmark::State& state, bool table) {
    typename engine<Real, noneq::hh::axon>::options opt;
    opt.rates.enabled = table;
    for (auto _ : state) {
        state.PauseTiming();
        engine<Real, noneq::hh::axon> c(axon(), discretisation::by_length(100.0_um), 35.4_ohm_cm,
                                        {hh52()}, 0.01_ms, -65.0_mV, opt);
        c.add(pulse);
        state.ResumeTiming();
        c.advance_steps(steps);
        benchmark::DoNotOptimize(c.v_mV(std::size_t{0}));
    }
    set_counter(state, 600.0 * steps);
}

template <class Real>
void lanes(benchmark::State& state, bool table) {
    const auto n = static_cast<std::size_t>(state.range(0));
    using batch_t = cell_batch<Real, noneq::hh::axon>;
    typename batch_t::engine_type::options opt;
    opt.rates.enabled = table;
    for (auto _ : state) {
        state.PauseTiming();
        batch_t c(n, axon(), discretisation::by_length(100.0_um), 35.4_ohm_cm, {hh52()}, 0.01_ms,
                  -65.0_mV, opt);
        c.add(pulse);
        state.ResumeTiming();
        c.advance_steps(steps);
        benchmark::DoNotOptimize(c.v_mV(0, 0));
    }
    set_counter(state, double(n) * 600.0 * steps);
}

void one_double(benchmark::State& s) {
    one_cell<double>(s, false);
}
void one_double_table(benchmark::State& s) {
    one_cell<double>(s, true);
}
void one_float_table(benchmark::State& s) {
    one_cell<float>(s, true);
}
void lanes_double(benchmark::State& s) {
    lanes<double>(s, false);
}
void lanes_double_table(benchmark::State& s) {
    lanes<double>(s, true);
}
void lanes_float(benchmark::State& s) {
    lanes<float>(s, false);
}
void lanes_float_table(benchmark::State& s) {
    lanes<float>(s, true);
}

} // namespace

BENCHMARK(one_double)->Name("cable/one_cell/1")->Unit(benchmark::kMillisecond);
BENCHMARK(one_double_table)->Name("cable/one_cell_table/1")->Unit(benchmark::kMillisecond);
BENCHMARK(one_float_table)->Name("cable/one_cell_float_table/1")->Unit(benchmark::kMillisecond);
BENCHMARK(lanes_double)->Name("cable/lanes")->Arg(64)->Unit(benchmark::kMillisecond);
BENCHMARK(lanes_double_table)->Name("cable/lanes_table")->Arg(64)->Unit(benchmark::kMillisecond);
BENCHMARK(lanes_float)->Name("cable/lanes_float")->Arg(64)->Unit(benchmark::kMillisecond);
BENCHMARK(lanes_float_table)
    ->Name("cable/lanes_float_table")
    ->Arg(64)
    ->Unit(benchmark::kMillisecond);
