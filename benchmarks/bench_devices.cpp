// What do the device models cost? One Fermi-Dirac integral by regime (series, quadrature,
// degenerate rearrangement), the general Seebeck coefficient, one AM1.5G detailed-balance point
// on the 2002-point G173 grid (flux lookup + J_0 + maximum power point), and the vacancy-anneal ODE
// over five decay times.
#include <noneq/core/fermi_dirac.hpp>
#include <noneq/devices/detailed_balance.hpp>
#include <noneq/devices/seebeck.hpp>
#include <noneq/devices/spectrum.hpp>
#include <noneq/materials/vacancy_anneal.hpp>

#include <benchmark/benchmark.h>

#include <cmath>
#include <vector>

namespace {

void fermi_dirac_half(benchmark::State& state) {
    // range(0): eta + 10 (so 0 -> eta = -10, the series; 10 -> eta = 0; 60 -> eta = 50)
    const double eta = static_cast<double>(state.range(0)) - 10.0;
    for (auto _ : state)
        benchmark::DoNotOptimize(noneq::fermi_dirac(0.5, eta));
}
BENCHMARK(fermi_dirac_half)->Name("fermi_dirac/j=0.5/eta+10")->Arg(0)->Arg(10)->Arg(20)->Arg(60);

void seebeck_general(benchmark::State& state) {
    for (auto _ : state)
        benchmark::DoNotOptimize(noneq::devices::seebeck_fermi_dirac(0.0, 2.0).value());
}
BENCHMARK(seebeck_general)->Name("seebeck/fermi_dirac/1");

/// A spectrum on the ASTM G173 grid (0.5 nm to 400 nm, 1 nm to 1700 nm, 5 nm to 4000 nm; 2002
/// points) with a 5800 K Planck shape: the same table size and lookup cost as AM1.5G, no file.
noneq::devices::tabulated_spectrum g173_grid_spectrum() {
    std::vector<double> lam, irr;
    for (double l = 280.0; l < 400.0; l += 0.5)
        lam.push_back(l);
    for (double l = 400.0; l < 1700.0; l += 1.0)
        lam.push_back(l);
    for (double l = 1700.0; l <= 4000.0; l += 5.0)
        lam.push_back(l);
    for (double l : lam) {
        const double x = 1.4387769e7 / (l * 5800.0); // h c / (lambda k T), lambda in nm
        irr.push_back(1e14 / (l * l * l * l * l * std::expm1(x)));
    }
    return {lam, irr};
}

void sq_point(benchmark::State& state) {
    using namespace noneq;
    const auto spec = g173_grid_spectrum();
    const auto T = temperature<double>::from_value(300.0);
    double g = 0.5;
    for (auto _ : state) {
        const auto c = devices::detailed_balance_cell(
            energy<double>::from_value(g * 1.602176634e-19), spec, T);
        benchmark::DoNotOptimize(devices::max_power_point(c).efficiency);
        g = g < 3.0 ? g + 0.001 : 0.5;
    }
}
BENCHMARK(sq_point)->Name("detailed_balance/g173_grid_point/1");

void anneal_ode(benchmark::State& state) {
    using namespace noneq;
    const materials::anneal_conditions a{temperature<double>::from_value(900.0),
                                         temperature<double>::from_value(400.0),
                                         noneq::time<double>::from_value(0.5), 1e12};
    const double tau = materials::anneal_time_constant(materials::aluminium, a);
    for (auto _ : state)
        benchmark::DoNotOptimize(materials::anneal(materials::aluminium, a,
                                                   noneq::time<double>::from_value(5 * tau),
                                                   static_cast<int>(state.range(0)))
                                     .samples.back()
                                     .c);
}
BENCHMARK(anneal_ode)->Name("vacancy_anneal/dopri5/samples")->Arg(100);

} // namespace
