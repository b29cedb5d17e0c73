// Threads for short jobs: the cost of one population advance call that does little work (N
// Hodgkin-Huxley cells, ONE step of 0.025 ms per call, as a tissue's reaction step calls it once
// per time step), on one thread and on two, with the threads started per call
// (options::persistent_threads = false, run_on_threads) or kept in the population's pool
// (core/threads.hpp thread_pool, the default); and the bare dispatch of an empty job (two
// tasks) by run_on_threads and by a thread_pool. Names: threads/VARIANT/N; wall time per call
// (UseRealTime: two threads' CPU time is not the caller's).
#include <noneq/core/threads.hpp>
#include <noneq/membrane/squid_axon.hpp>
#include <noneq/population/population.hpp>

#include <benchmark/benchmark.h>

#include <atomic>
#include <numbers>

namespace {
using namespace noneq::literals;

void population_call(benchmark::State& state, unsigned threads, bool persistent) {
    const auto n = static_cast<std::size_t>(state.range(0));
    noneq::population<noneq::hh::axon>::options opt;
    opt.threads = threads;
    opt.persistent_threads = persistent;
    opt.spike_capacity = 0;
    const auto area = noneq::make<noneq::unit::area>(std::numbers::pi * 18.8e-6 * 18.8e-6);
    noneq::population<noneq::hh::axon> pop(
        n, noneq::hh::make_axon(noneq::make<noneq::unit::current_density>(0.0)), 0.025_ms, -65.0_mV,
        area, opt);
    for (std::size_t i = 0; i < n; ++i)
        pop.set_stimulus(i, (0.1 + 0.1 * double(i % 10) / 10.0) * 1.0_nA);
    pop.advance_steps(1); // the pool (if any) is made here, outside the timed loop
    for (auto _ : state) {
        pop.advance_steps(1);
        benchmark::ClobberMemory();
    }
    benchmark::DoNotOptimize(pop.total_spikes());
    state.counters["per_cell_step"] = benchmark::Counter(
        double(n), benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

void dispatch_per_call(benchmark::State& state) {
    std::atomic<int> sink{0};
    for (auto _ : state)
        noneq::run_on_threads(
            2, [&](std::size_t k) { sink.fetch_add(int(k), std::memory_order_relaxed); },
            noneq::thread_start::together);
    benchmark::DoNotOptimize(sink.load());
}

void dispatch_pool(benchmark::State& state) {
    std::atomic<int> sink{0};
    noneq::thread_pool pool(2);
    for (auto _ : state)
        pool.run(2, [&](std::size_t k) { sink.fetch_add(int(k), std::memory_order_relaxed); });
    benchmark::DoNotOptimize(sink.load());
}

} // namespace

BENCHMARK_CAPTURE(population_call, one_thread, 1u, true)
    ->Name("threads/one_thread")
    ->Arg(64)
    ->Arg(1024)
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(population_call, two_threads_per_call, 2u, false)
    ->Name("threads/two_threads_per_call")
    ->Arg(64)
    ->Arg(1024)
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(population_call, two_threads_pool, 2u, true)
    ->Name("threads/two_threads_pool")
    ->Arg(64)
    ->Arg(1024)
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();
BENCHMARK(dispatch_per_call)
    ->Name("threads/dispatch_per_call")
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();
BENCHMARK(dispatch_pool)
    ->Name("threads/dispatch_pool")
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();
