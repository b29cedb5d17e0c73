// network<traub_miles::cell>: ns per cell-step of the COBAHH benchmark network (Brette et al.
// 2007, benchmark 3, as Brian2's COBAHH example: network/cobahh.hpp), 4000 cells, p = 0.02,
// dt 0.1 ms, delay 0 (one-step epochs), one core, local communicator: stepping, spike detection,
// exchange and delivery through the per-cell queues, after a 100 ms warm-up into the network's
// steady activity. Variants: double with exact rates, float with the gates' rate table. Names:
// network/cobahh/VARIANT/N; counter per_cell_step = CPU time / (N x steps).
// The peers (Brian2 cpp_standalone, NEURON) run side by side in
// benchmarks/peers/run_network_peers.sh.
#include <noneq/network/cobahh.hpp>
#include <noneq/network/simulate.hpp>

#include <benchmark/benchmark.h>

namespace {
using namespace noneq::literals;

constexpr std::size_t steps_per_iteration = 100; // 10 ms of model time

template <class Real>
void cobahh(benchmark::State& state, bool table) {
    noneq::cobahh::parameters p;
    p.n = static_cast<std::uint64_t>(state.range(0));
    auto net = noneq::cobahh::make_network<Real>(noneq::partition(p.n), 0.1_ms, 1, table);
    noneq::local_communicator comm;
    noneq::cobahh::build(net, p);
    noneq::prepare_network(net, comm);
    noneq::run_record rec;
    noneq::simulate(net, comm, 100.0_ms, rec, false);
    for (auto _ : state) {
        noneq::simulate(net, comm, double(steps_per_iteration) * 0.1_ms, rec, false);
        benchmark::ClobberMemory();
    }
    state.counters["per_cell_step"] = benchmark::Counter(
        double(p.n * steps_per_iteration),
        benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
    state.counters["rate_hz"] =
        double(rec.spikes) / double(p.n) / (double(net.steps_done()) * 1e-4);
}

void network_cobahh_double(benchmark::State& state) {
    cobahh<double>(state, false);
}
void network_cobahh_float_table(benchmark::State& state) {
    cobahh<float>(state, true);
}
} // namespace

BENCHMARK(network_cobahh_double)
    ->Name("network/cobahh/double")
    ->Arg(4000)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(network_cobahh_float_table)
    ->Name("network/cobahh/float_table")
    ->Arg(4000)
    ->Unit(benchmark::kMillisecond);
