// How fast are the array kernels? Each kernel three ways on the same data, named KERNEL/VARIANT/N:
//   scalar   a plain loop without validation: for nernst and ghk_current the formula written out
//            on libm's log, exp and expm1; for the others a loop over the scalar API
//   simd     the kernel (xsimd batches, validation included), on the calling thread
//   threads  the kernel split over every core with std::thread
// and a STREAM-like triad a[i] = b[i] + s c[i] (triad/plain/N, triad/threads/N) so that large-N
// results can be read as a fraction of the measured memory bandwidth: every benchmark reports
// items/s and bytes/s, the bytes being the arrays read and written once (8 or 4 bytes per element
// each). Run: noneq-bench_kernels --benchmark_repetitions=3 --benchmark_report_aggregates_only=true
#include <noneq/kernels/currents.hpp>
#include <noneq/kernels/ghk.hpp>
#include <noneq/kernels/ghk_voltage.hpp>
#include <noneq/kernels/nernst.hpp>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

namespace {

namespace nk = noneq::kernels;
using noneq::make;
namespace unit = noneq::unit;

template <class T>
using aligned_vector = std::vector<T, xsimd::aligned_allocator<T, 64>>;

template <class T>
aligned_vector<T> uniform(std::size_t n, double lo, double hi, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> d(lo, hi);
    aligned_vector<T> x(n);
    for (auto& e : x)
        e = static_cast<T>(d(rng));
    return x;
}

std::size_t size_of(const benchmark::State& state) {
    return static_cast<std::size_t>(state.range(0));
}

void account(benchmark::State& state, std::size_t n, std::size_t arrays, std::size_t elem_bytes) {
    const auto items = static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(n);
    state.SetItemsProcessed(items);
    state.SetBytesProcessed(items * static_cast<std::int64_t>(arrays * elem_bytes));
}

enum class variant { scalar, simd, threads };

nk::execution exec_of(variant v) {
    return v == variant::threads ? nk::threads(0) : nk::sequential;
}

constexpr double kT = 310.15;

// ---- triad ----------------------------------------------------------------------------------
template <class T>
void triad_range(T* __restrict a, const T* __restrict b, const T* __restrict c, T s,
                 std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i)
        a[i] = b[i] + s * c[i];
}

template <class T, variant Var>
void triad(benchmark::State& state) {
    const std::size_t n = size_of(state);
    auto b = uniform<T>(n, 0, 1, 1), c = uniform<T>(n, 0, 1, 2);
    aligned_vector<T> a(n);
    const T s = T(1.5);
    for (auto _ : state) {
        // The same partition of the index range as the threaded kernels.
        nk::detail::run_partitioned(exec_of(Var), n, [&](std::size_t lo, std::size_t hi) {
            triad_range(a.data(), b.data(), c.data(), s, lo, hi);
        });
        benchmark::DoNotOptimize(a.data());
        benchmark::ClobberMemory();
    }
    account(state, n, 3, sizeof(T));
}

// ---- Nernst ---------------------------------------------------------------------------------
template <class T, variant Var>
void nernst(benchmark::State& state) {
    const std::size_t n = size_of(state);
    const auto ci = uniform<T>(n, 1, 200, 1), co = uniform<T>(n, 1, 200, 2);
    aligned_vector<T> E(n);
    const auto Tq = make<unit::temperature>(T(kT));
    for (auto _ : state) {
        if constexpr (Var == variant::scalar) {
            // The plain libm loop (the scalar API adds log1p near c_out = c_in for accuracy).
            const T vt = noneq::thermal_voltage(Tq).value();
            for (std::size_t i = 0; i < n; ++i)
                E[i] = vt * std::log(co[i] / ci[i]);
        } else {
            nk::nernst(exec_of(Var), E, 1, ci, co, Tq);
        }
        benchmark::DoNotOptimize(E.data());
        benchmark::ClobberMemory();
    }
    account(state, n, 3, sizeof(T));
}

// ---- GHK current ----------------------------------------------------------------------------
template <class T, variant Var>
void ghk_current(benchmark::State& state) {
    const std::size_t n = size_of(state);
    const auto P = uniform<T>(n, 1e-9, 1e-7, 1), v = uniform<T>(n, -0.1, 0.05, 2);
    const auto ci = uniform<T>(n, 1e-4, 1e-3, 3), co = uniform<T>(n, 1, 2, 4);
    aligned_vector<T> I(n);
    const auto Tq = make<unit::temperature>(T(kT));
    for (auto _ : state) {
        if constexpr (Var == variant::scalar) {
            // The plain libm loop: I = zF P (c_in - c_out e^{-u}) (-u) / expm1(-u).
            const T vt = noneq::thermal_voltage(Tq).value();
            const T zF = T(2) * T(noneq::constants::F.value());
            for (std::size_t i = 0; i < n; ++i) {
                const T u = T(2) * v[i] / vt;
                const T xr = u == T(0) ? T(1) : -u / std::expm1(-u);
                I[i] = zF * P[i] * (ci[i] - co[i] * std::exp(-u)) * xr;
            }
        } else {
            nk::ghk_current(exec_of(Var), I, 2, P, v, ci, co, Tq);
        }
        benchmark::DoNotOptimize(I.data());
        benchmark::ClobberMemory();
    }
    account(state, n, 5, sizeof(T));
}

// ---- ohmic ----------------------------------------------------------------------------------
template <class T, variant Var>
void ohmic(benchmark::State& state) {
    const std::size_t n = size_of(state);
    const auto g = uniform<T>(n, 0, 1200, 1), v = uniform<T>(n, -0.1, 0.05, 2),
               e = uniform<T>(n, -0.09, 0.06, 3);
    aligned_vector<T> I(n);
    for (auto _ : state) {
        if constexpr (Var == variant::scalar) {
            for (std::size_t i = 0; i < n; ++i)
                I[i] = noneq::ohmic_current(make<unit::conductance_density>(g[i]),
                                            make<unit::voltage>(v[i]), make<unit::voltage>(e[i]))
                           .value();
        } else {
            nk::ohmic_current(exec_of(Var), I, g, v, e);
        }
        benchmark::DoNotOptimize(I.data());
        benchmark::ClobberMemory();
    }
    account(state, n, 4, sizeof(T));
}

// ---- GHK voltage of K+, Na+, Cl- with per-cell concentrations, fixed relative P
// ------------------
template <class T, variant Var>
void ghk_voltage(benchmark::State& state) {
    const std::size_t n = size_of(state);
    const auto ki = uniform<T>(n, 100, 160, 1), ko = uniform<T>(n, 3, 10, 2),
               nai = uniform<T>(n, 5, 20, 3), nao = uniform<T>(n, 130, 150, 4),
               cli = uniform<T>(n, 4, 40, 5), clo = uniform<T>(n, 100, 130, 6);
    aligned_vector<T> E(n);
    const auto Tq = make<unit::temperature>(T(kT));
    const auto p = [](double x) { return make<unit::dimensionless>(T(x)); };
    for (auto _ : state) {
        if constexpr (Var == variant::scalar) {
            for (std::size_t i = 0; i < n; ++i) {
                const noneq::ghk_ion<T> ions[] = {
                    {1, p(1.0), make<unit::concentration>(ki[i]), make<unit::concentration>(ko[i])},
                    {1, p(0.04), make<unit::concentration>(nai[i]),
                     make<unit::concentration>(nao[i])},
                    {-1, p(0.45), make<unit::concentration>(cli[i]),
                     make<unit::concentration>(clo[i])}};
                E[i] = noneq::ghk_voltage(noneq::unchecked,
                                          std::span<const noneq::ghk_ion<T>>(ions), Tq)
                           .value();
            }
        } else {
            const nk::ion_term<T> ions[] = {nk::ion<T>(1, p(1.0), ki, ko),
                                            nk::ion<T>(1, p(0.04), nai, nao),
                                            nk::ion<T>(-1, p(0.45), cli, clo)};
            nk::ghk_voltage(exec_of(Var), E, ions, Tq);
        }
        benchmark::DoNotOptimize(E.data());
        benchmark::ClobberMemory();
    }
    account(state, n, 7, sizeof(T));
}

// ---- total membrane current of a population: Na, K, leak (ohmic) and Ca2+ (GHK) per cell -------
template <class T, variant Var>
void total_current(benchmark::State& state) {
    const std::size_t n = size_of(state);
    const auto v = uniform<T>(n, -0.08, 0.04, 1), gna = uniform<T>(n, 0, 1200, 2),
               gk = uniform<T>(n, 0, 360, 3), gl = uniform<T>(n, 2.9, 3.1, 4),
               pca = uniform<T>(n, 1e-9, 1e-8, 5), cai = uniform<T>(n, 1e-4, 1e-3, 6);
    aligned_vector<T> I(n);
    const T ena = T(0.05), ek = T(-0.077), el = T(-0.0544), cao = T(2.0);
    const auto Tq = make<unit::temperature>(T(kT));
    for (auto _ : state) {
        if constexpr (Var == variant::scalar) {
            const auto vq = [&](std::size_t i) { return make<unit::voltage>(v[i]); };
            const auto g = [](T x) { return make<unit::conductance_density>(x); };
            const auto volt = [](T x) { return make<unit::voltage>(x); };
            for (std::size_t i = 0; i < n; ++i)
                I[i] = (noneq::ohmic_current(g(gna[i]), vq(i), volt(ena)) +
                        noneq::ohmic_current(g(gk[i]), vq(i), volt(ek)) +
                        noneq::ohmic_current(g(gl[i]), vq(i), volt(el)) +
                        noneq::ghk_current(noneq::unchecked, 2, make<unit::permeability>(pca[i]),
                                           vq(i), make<unit::concentration>(cai[i]),
                                           make<unit::concentration>(cao), Tq))
                           .value();
        } else {
            const nk::ohmic_term<T> ohm[] = {nk::ohmic<T>(gna, make<unit::voltage>(ena)),
                                             nk::ohmic<T>(gk, make<unit::voltage>(ek)),
                                             nk::ohmic<T>(gl, make<unit::voltage>(el))};
            const nk::ghk_term<T> ghk[] = {nk::ghk<T>(2, pca, cai, make<unit::concentration>(cao))};
            nk::total_current(exec_of(Var), I, v, ohm, ghk, Tq);
        }
        benchmark::DoNotOptimize(I.data());
        benchmark::ClobberMemory();
    }
    account(state, n, 7, sizeof(T));
}

void sizes(benchmark::internal::Benchmark* b) {
    for (std::int64_t n : {64, 512, 4096, 32768, 262144, 1000000, 10000000})
        b->Arg(n);
    b->Unit(benchmark::kMicrosecond);
    // On a shared machine the fastest repetition is the least disturbed one: with
    // --benchmark_repetitions, "min" reports it (for the times; a rate's "min" is its worst).
    b->ComputeStatistics(
        "min", [](const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); });
}

} // namespace

#define NONEQ_KERNEL_BENCH(FN, T, NAME)                                                            \
    BENCHMARK(FN<T, variant::scalar>)->Name(NAME "/scalar")->Apply(sizes);                         \
    BENCHMARK(FN<T, variant::simd>)->Name(NAME "/simd")->Apply(sizes);                             \
    BENCHMARK(FN<T, variant::threads>)->Name(NAME "/threads")->Apply(sizes)->UseRealTime();

BENCHMARK(triad<double, variant::simd>)->Name("triad/plain")->Apply(sizes);
BENCHMARK(triad<double, variant::threads>)->Name("triad/threads")->Apply(sizes)->UseRealTime();
BENCHMARK(triad<float, variant::simd>)->Name("triad_f32/plain")->Apply(sizes);
NONEQ_KERNEL_BENCH(nernst, double, "nernst")
NONEQ_KERNEL_BENCH(nernst, float, "nernst_f32")
NONEQ_KERNEL_BENCH(ghk_current, double, "ghk_current")
NONEQ_KERNEL_BENCH(ghk_current, float, "ghk_current_f32")
NONEQ_KERNEL_BENCH(ohmic, double, "ohmic")
NONEQ_KERNEL_BENCH(ghk_voltage, double, "ghk_voltage")
NONEQ_KERNEL_BENCH(total_current, double, "total_current")
