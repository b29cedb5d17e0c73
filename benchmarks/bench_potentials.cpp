// What does a reversal potential cost? The GHK voltage equation per cell, scalar and over xsimd
// batches (the same template), and a Ca2+ mixture by the Lewis (1979) closed form versus the
// bracketed TOMS 748 solver. N cells with the squid axon's three ions and varying P_Na.
#include <noneq/flux/ghk_reversal.hpp>
#include <noneq/potential/ghk_divalent.hpp>
#include <noneq/potential/ghk_voltage.hpp>

#include <benchmark/benchmark.h>

#include <random>
#include <span>
#include <vector>

namespace {

using namespace noneq;
using B = xsimd::batch<double>;

struct cells {
    std::vector<double> pna, out;
    explicit cells(std::size_t n) : pna(n), out(n) {
        std::mt19937_64 rng(3);
        std::uniform_real_distribution<double> d(0.01, 20.0);
        for (auto& p : pna)
            p = d(rng);
    }
};

template <class V>
concentration<V> mM(double x) {
    return concentration<V>::from_value(V(x));
}

void ghk_voltage_scalar(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    cells c(n);
    const auto T = temperature<double>::from_value(279.45);
    for (auto _ : state) {
        for (std::size_t i = 0; i < n; ++i) {
            const ghk_ion<double> ions[3] = {
                {1, make<unit::dimensionless>(1.0), mM<double>(400), mM<double>(20)},
                {1, make<unit::dimensionless>(c.pna[i]), mM<double>(50), mM<double>(440)},
                {-1, make<unit::dimensionless>(0.45), mM<double>(40), mM<double>(560)}};
            c.out[i] = si_value(ghk_voltage(unchecked, std::span<const ghk_ion<double>>(ions), T));
        }
        benchmark::DoNotOptimize(c.out.data());
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
}

void ghk_voltage_batch(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    cells c(n);
    const auto T = temperature<B>::from_value(B(279.45));
    for (auto _ : state) {
        for (std::size_t i = 0; i + B::size <= n; i += B::size) {
            const ghk_ion<B> ions[3] = {
                {1, make<unit::dimensionless>(B(1.0)), mM<B>(400), mM<B>(20)},
                {1, make<unit::dimensionless>(B::load_unaligned(&c.pna[i])), mM<B>(50), mM<B>(440)},
                {-1, make<unit::dimensionless>(B(0.45)), mM<B>(40), mM<B>(560)}};
            si_value(ghk_voltage(unchecked, std::span<const ghk_ion<B>>(ions), T))
                .store_unaligned(&c.out[i]);
        }
        benchmark::DoNotOptimize(c.out.data());
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
}

template <bool Bracketed>
void ghk_calcium(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    cells c(n);
    const auto T = temperature<double>::from_value(310.15);
    for (auto _ : state) {
        for (std::size_t i = 0; i < n; ++i) {
            const ghk_ion<double> ions[2] = {
                {1, make<unit::dimensionless>(1.0), mM<double>(140), mM<double>(5)},
                {2, make<unit::dimensionless>(c.pna[i]), mM<double>(1e-4), mM<double>(2)}};
            const std::span<const ghk_ion<double>> s(ions);
            c.out[i] = Bracketed ? si_value(ghk_reversal(s, T))
                                 : si_value(ghk_voltage_divalent(unchecked, s, T));
        }
        benchmark::DoNotOptimize(c.out.data());
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
}

} // namespace

BENCHMARK(ghk_voltage_scalar)->Name("GHK_voltage/scalar")->Arg(4096);
BENCHMARK(ghk_voltage_batch)->Name("GHK_voltage/batch")->Arg(4096);
BENCHMARK(ghk_calcium<false>)->Name("GHK_calcium/lewis1979")->Arg(4096);
BENCHMARK(ghk_calcium<true>)->Name("GHK_calcium/bracketed")->Arg(4096);
