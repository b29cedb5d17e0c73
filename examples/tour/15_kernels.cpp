// Tour: the array kernels evaluate the scalar API's own formulas a SIMD batch at a time. Here a
// population of cells with spread-out K+ concentrations: Nernst potentials, GHK K+ currents and
// the total HH-style membrane current, and the largest deviation from the scalar API.
#include "tour.hpp"

#include <noneq/flux/ghk_current.hpp>
#include <noneq/kernels/currents.hpp>
#include <noneq/kernels/ghk.hpp>
#include <noneq/kernels/nernst.hpp>
#include <noneq/potential/nernst.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

namespace {
using namespace noneq::literals;
namespace nk = noneq::kernels;

tour::registrar reg{
    "15", "Array kernels: 100000 cells, SIMD vs the scalar API", [] {
        const std::size_t n = 100000;
        const auto T = noneq::kelvin(6.3_degC);
        std::vector<double> ki(n), v(n), E(n), I(n), Itot(n);
        for (std::size_t i = 0; i < n; ++i) {
            ki[i] = 100.0 + 80.0 * double(i) / double(n);    // mol/m^3 (= mM)
            v[i] = -0.09 + 0.14 * double(i % 1000) / 1000.0; // V
        }
        nk::nernst(E, 1, ki, 10.0_mM, T);
        nk::ghk_current(I, 1, 1e-8_m_per_s, v, ki, 10.0_mM, T);
        // Squid-axon leak and K+ conductances (HH 1952) at every cell's E_K.
        const nk::ohmic_term<double> ohm[] = {
            nk::ohmic<double>(noneq::make<noneq::unit::conductance_density>(3.0), -0.0544_V),
            nk::ohmic<double>(noneq::make<noneq::unit::conductance_density>(360.0), E)};
        nk::total_current(Itot, v, ohm, {}, T);
        double dev_e = 0, dev_i = 0, dev_t = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const auto c = noneq::make<noneq::unit::concentration>(ki[i]);
            const auto vi = noneq::make<noneq::unit::voltage>(v[i]);
            const double e = noneq::si_value(noneq::nernst(1, c, 10.0_mM, T));
            const double cur =
                noneq::si_value(noneq::ghk_current(1, 1e-8_m_per_s, vi, c, 10.0_mM, T));
            const double tot = 3.0 * (v[i] + 0.0544) + 360.0 * (v[i] - E[i]);
            dev_e = std::max(dev_e, std::fabs(E[i] - e) / std::fabs(e));
            dev_i = std::max(dev_i, std::fabs(I[i] - cur) / std::fabs(cur));
            dev_t = std::max(dev_t, std::fabs(Itot[i] - tot) / (3.0 * std::fabs(v[i] + 0.0544) +
                                                                360.0 * std::fabs(v[i] - E[i])));
        }
        tour::kv("cells", double(n));
        tour::kv("simd_lanes_double", double(nk::batch<double>::size));
        tour::kv("E_K_first_mV", noneq::in_mV(noneq::make<noneq::unit::voltage>(E[0])));
        tour::kv("E_K_last_mV", noneq::in_mV(noneq::make<noneq::unit::voltage>(E[n - 1])));
        tour::kv("nernst_max_rel_dev_vs_scalar", dev_e);
        tour::kv("ghk_current_max_rel_dev_vs_scalar", dev_i);
        tour::kv("total_current_max_rel_dev_vs_scalar", dev_t);
    }};
} // namespace
