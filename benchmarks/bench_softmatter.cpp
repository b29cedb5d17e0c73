// Cahn-Hilliard step throughput: field cells advanced per second by the stabilised semi-implicit
// spectral stepper (one forward and one inverse real transform per step: real Fourier for
// periodic, cosine for no-flux), 1D and 2D. Items = field cells x steps.
// cahn_hilliard_fft/<bc>_<backend>/N: the 2D step on N x N through the own radix-2 FFT or KissFFT
// (fft.hpp; kissfft<double>, any extent), side by side in one run; 240 = 2^4 3 5 is KissFFT's only.
#include <noneq/softmatter/cahn_hilliard.hpp>

#include <benchmark/benchmark.h>

#include <cstdint>
#include <random>

namespace {
namespace sm = noneq::softmatter;

template <std::size_t Dim>
xt::xtensor<double, Dim> initial(std::size_t n) {
    std::array<std::size_t, Dim> shape{};
    shape.fill(n);
    xt::xtensor<double, Dim> f = xt::xtensor<double, Dim>::from_shape(shape);
    std::mt19937_64 rng(1);
    std::uniform_real_distribution<double> u(-0.05, 0.05);
    for (auto& v : f)
        v = -0.2 + u(rng);
    return f;
}

template <std::size_t Dim, sm::boundary BC, sm::fft_backend B = sm::fft_backend::automatic>
void ch_step(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    sm::ch_parameters p{1.0, 1.0, 1.0, 0.5};
    p.backend = B;
    sm::cahn_hilliard<Dim, sm::double_well> ch(sm::double_well{1.0}, initial<Dim>(n), p, BC);
    for (auto _ : state) {
        benchmark::DoNotOptimize(ch.advance(1).steps);
    }
    const double cells = Dim == 2 ? double(n * n) : double(n);
    state.SetItemsProcessed(static_cast<std::int64_t>(double(state.iterations()) * cells));
}

} // namespace

BENCHMARK(ch_step<1, sm::boundary::periodic>)
    ->Name("cahn_hilliard_step/1d_periodic")
    ->Arg(4096)
    ->Arg(65536);
BENCHMARK(ch_step<1, sm::boundary::no_flux>)->Name("cahn_hilliard_step/1d_noflux")->Arg(4096);
BENCHMARK(ch_step<2, sm::boundary::periodic>)
    ->Name("cahn_hilliard_step/2d_periodic")
    ->Arg(128)
    ->Arg(256)
    ->Arg(512)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(ch_step<2, sm::boundary::no_flux>)
    ->Name("cahn_hilliard_step/2d_noflux")
    ->Arg(128)
    ->Arg(256)
    ->Arg(512)
    ->Unit(benchmark::kMillisecond);

#if NONEQ_HAS_KISSFFT
BENCHMARK(ch_step<2, sm::boundary::periodic, sm::fft_backend::own>)
    ->Name("cahn_hilliard_fft/periodic_own")
    ->Arg(256)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(ch_step<2, sm::boundary::periodic, sm::fft_backend::kissfft>)
    ->Name("cahn_hilliard_fft/periodic_kissfft")
    ->Arg(240)
    ->Arg(256)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(ch_step<2, sm::boundary::no_flux, sm::fft_backend::own>)
    ->Name("cahn_hilliard_fft/noflux_own")
    ->Arg(256)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(ch_step<2, sm::boundary::no_flux, sm::fft_backend::kissfft>)
    ->Name("cahn_hilliard_fft/noflux_kissfft")
    ->Arg(240)
    ->Arg(256)
    ->Unit(benchmark::kMillisecond);
#endif
