// Does the unit layer cost anything? The same Nernst loop over Boost.Units quantities and over
// plain doubles, on the same data. The ratio of the two is reported in benchmarks/README.md.
#include <noneq/potential/nernst.hpp>

#include <benchmark/benchmark.h>

#include <cmath>
#include <random>
#include <vector>

namespace {

struct nernst_data {
    std::vector<double> ci, co, out;
    explicit nernst_data(std::size_t n) : ci(n), co(n), out(n) {
        std::mt19937_64 rng(42);
        std::uniform_real_distribution<double> d(1.0, 200.0);
        for (std::size_t i = 0; i < n; ++i) {
            ci[i] = d(rng);
            co[i] = d(rng);
        }
    }
};

constexpr double kT = 310.15;

void units_overhead_quantity(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    nernst_data d(n);
    const auto T = noneq::temperature<double>::from_value(kT);
    for (auto _ : state) {
        for (std::size_t i = 0; i < n; ++i) {
            const auto e = noneq::nernst(noneq::unchecked, 1,
                                         noneq::concentration<double>::from_value(d.ci[i]),
                                         noneq::concentration<double>::from_value(d.co[i]), T);
            d.out[i] = noneq::si_value(e);
        }
        benchmark::DoNotOptimize(d.out.data());
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}

void units_overhead_double(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    nernst_data d(n);
    // The same expression as noneq::nernst, written on plain doubles.
    const double rt_f = noneq::constants::R.value() / noneq::constants::F.value() * kT;
    for (auto _ : state) {
        for (std::size_t i = 0; i < n; ++i)
            d.out[i] = rt_f * (std::log(d.co[i] / d.ci[i]) / 1.0);
        benchmark::DoNotOptimize(d.out.data());
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}

} // namespace

BENCHMARK(units_overhead_quantity)->Name("units_overhead/quantity")->Arg(4096);
BENCHMARK(units_overhead_double)->Name("units_overhead/double")->Arg(4096);
