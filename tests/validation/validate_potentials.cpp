// Published numbers for potentials and GHK fluxes: the squid axon at rest and at the spike peak
// (Hodgkin & Katz 1949), NEURON's default ion concentrations and its nernst()/ghk() functions,
// the textbook Nernst slope per pH unit.
#include <noneq/flux/ghk_current.hpp>
#include <noneq/flux/ghk_reversal.hpp>
#include <noneq/potential/electrochemical.hpp>
#include <noneq/potential/ghk_divalent.hpp>
#include <noneq/potential/ghk_voltage.hpp>
#include <noneq/potential/nernst.hpp>

#include <doctest/doctest.h>

#include "support/compare.hpp"

#include <array>
#include <cmath>
#include <numbers>

using namespace noneq;
using namespace noneq::literals;
using noneq::test::rel;

namespace {
// The exact SI gas and Faraday constants, formed as NEURON's nrnunits.h forms them (CODATA 2018).
constexpr double kR = 1.380649e-23 * 6.02214076e23;
constexpr double kF = 1.602176634e-19 * 6.02214076e23;

ghk_ion<double> rel(int z, double P, double ci_mM, double co_mM) {
    return {z, make<unit::dimensionless>(P), make<unit::concentration>(ci_mM),
            make<unit::concentration>(co_mM)};
}

// Squid giant axon concentrations, mM, inside / outside (Hodgkin 1958, Proc R Soc B 148:1-37,
// Table 1): K 400/20, Na 50/440, Cl 40-150/560. We take Cl_in = 40 mM, the low end of that range.
// Permeability ratios P_K : P_Na : P_Cl (Hodgkin & Katz 1949, J Physiol 108:37-77): 1 : 0.04 :
// 0.45 at rest, 1 : 20 : 0.45 at the peak of the action potential.
std::array<ghk_ion<double>, 3> squid(double p_na) {
    return {{rel(1, 1.0, 400, 20), rel(1, p_na, 50, 440), rel(-1, 0.45, 40, 560)}};
}
} // namespace

TEST_CASE("Hodgkin & Katz 1949: squid axon at rest and at the spike peak from the GHK equation") {
    for (double celsius_T : {6.3, 20.0}) {
        const auto T = kelvin(celsius<double>(celsius_T));
        const double rest = in_mV(ghk_voltage(squid(0.04), T));
        const double peak = in_mV(ghk_voltage(squid(20.0), T));
        MESSAGE("T = " << celsius_T << " C: V_rest = " << rest << " mV, V_peak = " << peak
                       << " mV");
        // Hodgkin & Katz 1949 (and Hodgkin 1958): a resting potential of about -60 mV and an
        // overshoot to about +40 to +50 mV, the latter near but below E_Na.
        CHECK(rest > -65.0);
        CHECK(rest < -55.0);
        CHECK(peak > 38.0);
        CHECK(peak < 50.0);
        CHECK(peak < in_mV(nernst(1, 50.0_mM, 440.0_mM, T)));
        // and exactly the GHK formula, evaluated independently here with the exact SI
        // R = k_B N_A and F = e N_A (as NEURON's nrnunits.h defines them); a few ulp apart
        const double vt = 1e3 * kR * (celsius_T + 273.15) / kF;
        CHECK(rest ==
              rel(vt * std::log((20 + 0.04 * 440 + 0.45 * 40) / (400 + 0.04 * 50 + 0.45 * 560)),
                  1e-13));
        CHECK(peak == rel(vt * std::log((20 + 20 * 440 + 0.45 * 40) / (400 + 20 * 50 + 0.45 * 560)),
                          1e-13));
    }
    // The values the report and the tour print at 6.3 C (NEURON's squid temperature) are not
    // published numbers but the GHK formula's: checked against the independent evaluation above,
    // and every library path (monovalent, divalent closed form, bracketed solver) against it.
    const auto T = kelvin(6.3_degC);
    const double vt = 1e3 * kR * (6.3 + 273.15) / kF;
    const double rest =
        vt * std::log((20 + 0.04 * 440 + 0.45 * 40) / (400 + 0.04 * 50 + 0.45 * 560));
    const double peak = vt * std::log((20 + 20 * 440 + 0.45 * 40) / (400 + 20 * 50 + 0.45 * 560));
    CHECK(rest == rel(-59.3581781302, 1e-11)); // the quoted numbers, to their 12 digits
    CHECK(peak == rel(40.3858484497, 1e-11));
    CHECK(in_mV(ghk_voltage(squid(0.04), T)) == rel(rest, 1e-13));
    CHECK(in_mV(ghk_voltage(squid(20.0), T)) == rel(peak, 1e-13));
    CHECK(in_mV(ghk_voltage_divalent(squid(0.04), T)) == rel(rest, 1e-13));
    CHECK(in_mV(ghk_reversal(squid(20.0), T)) == rel(peak, 1e-11)); // solver tolerance
}

TEST_CASE("NEURON default ion concentrations: Nernst potentials as NEURON's nernst() gives them") {
    // NEURON membdef.h defaults: nai 10, nao 140, ki 54.4, ko 2.5, cai 5e-5, cao 2 (mM).
    // NEURON's nrn_nernst (src/nrnoc/eion.cpp): ktf/z * log(co/ci), ktf = 1000 R (celsius +
    // 273.15) / F with CODATA 2018 R and F, the same constants noneq uses. At 6.3 C:
    const auto T = kelvin(6.3_degC);
    const double ena = in_mV(nernst(1, 10.0_mM, 140.0_mM, T));
    const double ek = in_mV(nernst(1, 54.4_mM, 2.5_mM, T));
    const double eca = in_mV(nernst(2, 5e-5_mM, 2.0_mM, T));
    CHECK(ena == rel(63.5515032194, 1e-11));
    CHECK(ek == rel(-74.1716725123, 1e-11));
    CHECK(eca == rel(127.589510618, 1e-11));
    const double ktf = 1e3 * kR * (6.3 + 273.15) / kF;
    CHECK(ena == rel(ktf * std::log(140.0 / 10.0), 1e-14));
    CHECK(ek == rel(ktf * std::log(2.5 / 54.4), 1e-14));
    CHECK(eca == rel(ktf / 2 * std::log(2.0 / 5e-5), 1e-14));
    // NEURON's *parameter* defaults ena = 50 mV and ek = -77 mV (DEF_vrest + 115, DEF_vrest - 12)
    // are set values, not Nernst potentials of the default concentrations; its DEF_eca =
    // 12.5 ln(cao/cai) = 132.4579341637 mV is the Nernst potential at T = 0.025 F / R.
    const auto T125 = make<unit::temperature>(0.025 * constants::F.value() / constants::R.value());
    CHECK(in_mV(nernst(2, 5e-5_mM, 2.0_mM, T125)) == rel(132.4579341637, 1e-12));
    MESSAGE("NEURON defaults at 6.3 C: E_Na = " << ena << " mV (parameter ena = 50), E_K = " << ek
                                                << " mV (parameter ek = -77), E_Ca = " << eca
                                                << " mV");
}

TEST_CASE("GHK current agrees with NEURON's ghk() to its series truncation") {
    // NEURON's nrn_ghk(v, ci, co, z) = 1e-3 z F (ci efun(-x) - co efun(x)), x = z v / ktf,
    // efun(x) = x/(e^x - 1), replaced by 1 - x/2 for |x| < 1e-4 (error x^2/12 < 1e-9): the current
    // in mA/cm^2 for P in cm/s (NEURON, src/nrnoc/eion.cpp). Re-evaluated here for the default
    // calcium concentrations.
    const auto T = kelvin(6.3_degC);
    const double ktf = 1e3 * kR * (6.3 + 273.15) / kF;
    const auto efun = [](double x) { return std::abs(x) < 1e-4 ? 1 - x / 2 : x / std::expm1(x); };
    const auto neuron_ghk = [&](double v_mV, double ci, double co, int z) {
        const double x = z * v_mV / ktf;
        return 1e-3 * z * kF * (ci * efun(-x) - co * efun(x));
    };
    const double p_cm_s = 1e-4;
    for (double v_mV : {-100.0, -65.0, -1e-3, 0.0, 1e-3, 20.0, 60.0})
        for (int z : {1, 2}) {
            const double ours = in_mA_per_cm2(ghk_current(
                z, 1e-4_cm_per_s, make<unit::voltage>(v_mV * 1e-3), 5e-5_mM, 2.0_mM, T));
            CHECK(ours == rel(p_cm_s * neuron_ghk(v_mV, 5e-5, 2.0, z), 2e-9));
        }
}

TEST_CASE("The Nernst slope per pH unit: 59.16 mV at 25 C, 61.5 mV at 37 C") {
    // ln(10) RT/F; textbook values (e.g. Nicholls & Ferguson, Bioenergetics 4, ch. 3)
    CHECK(in_mV(proton_motive_force(0.0_mV, -1.0, kelvin(25.0_degC))) == rel(59.159, 2e-5));
    CHECK(in_mV(proton_motive_force(0.0_mV, -1.0, kelvin(37.0_degC))) == rel(61.54, 2e-4));
    // and the proton's Nernst potential for a 10-fold gradient is the same number
    CHECK(in_mV(nernst(1, 1.0_uM, 10.0_uM, kelvin(25.0_degC))) == rel(59.159, 2e-5));
}
