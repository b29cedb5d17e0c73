// Bioenergetics against published numbers and textbook limits.
#include <noneq/bioenergetics/antiporter.hpp>
#include <noneq/bioenergetics/proton_pumps.hpp>
#include <noneq/bioenergetics/ratchet.hpp>

#include <doctest/doctest.h>

#include "support/compare.hpp"

#include <cmath>

using namespace noneq;
using namespace noneq::literals;
using noneq::test::rel;

TEST_CASE("validation: 59.16 mV per pH unit at 25 C, 61.5 mV at 37 C (Nicholls & Ferguson)") {
    // Nicholls & Ferguson, Bioenergetics 4, ch. 3: dp = dpsi - 59 dpH (mV, 25 C) in Mitchell's
    // (1966, Biol. Rev. 41:445) chemiosmotic convention; the factor is ln10 RT/F.
    const double per_pH_25 = -in_mV(proton_motive_force(0.0_mV, 1.0, kelvin(25.0_degC)));
    const double per_pH_37 = -in_mV(proton_motive_force(0.0_mV, 1.0, kelvin(37.0_degC)));
    CHECK(per_pH_25 == rel(59.16, 1e-4)); // quoted to 4 digits
    CHECK(per_pH_37 == rel(61.54, 1e-4));
}

TEST_CASE("validation: pumping H+ into the vacuole costs about 14.3 kJ/mol (Taiz & Zeiger)") {
    // Cytosol pH 7.5, vacuole pH 5.5, vacuole +30 mV relative to the cytosol, 25 C (values of
    // Taiz & Zeiger, Plant Physiology, ch. 6): dmu_H = 2 ln10 RT + F (30 mV) = 14.31 kJ/mol.
    const auto T = kelvin(25.0_degC);
    const auto w = vacuolar_proton_work(7.5, 5.5, 30.0_mV, T);
    CHECK(std::abs(in_kJ_per_mol(w) - 14.3) < 0.05); // the published value is rounded to 0.1
    // the exact value from CODATA 2018 R and F: 2 ln10 R T + F 0.03 V
    CHECK(in_J_per_mol(w) ==
          rel(2 * std::log(10.0) * 8.314462618 * 298.15 + 96485.33212 * 0.030, 1e-9));
    // and the same number as F times the tonoplast proton motive force, 148.3 mV
    CHECK(in_mV(tonoplast_pmf(7.5, 5.5, 30.0_mV, T)) == rel(148.32, 1e-4));
}

TEST_CASE("validation: ATP hydrolysis in the human erythrocyte, about -52 kJ/mol (Lehninger)") {
    // Nelson & Cox, Lehninger Principles of Biochemistry, 5th ed., Worked Example 13-2: ATP
    // 2.25 mM, ADP 0.25 mM, Pi 1.65 mM, dG0' = -30.5 kJ/mol, 25 C: dG_p = -52 kJ/mol (rounded).
    const auto g = atp_hydrolysis_free_energy(2.25_mM, 0.25_mM, 1.65_mM, kelvin(25.0_degC));
    CHECK(std::abs(in_kJ_per_mol(g) - (-52.0)) < 0.5);
}

TEST_CASE("validation: measured tonoplast stoichiometries lie below the thermodynamic ceiling") {
    // Schmidt & Briskin 1993 (Arch. Biochem. Biophys. 301:165), red-beet tonoplast: 2 H+/ATP and
    // 1 H+/PPi. With cytosolic dG_ATP ~ -49 kJ/mol and dG_PPi ~ -25 kJ/mol (Lehninger dG0' at
    // ATP 2, ADP 0.2, Pi 5, PPi 0.3 mM) and dmu_H = 14.3 kJ/mol, the ceilings are 3.4 and 1.8:
    // the measured ratios are admissible, and 2 H+/PPi would not be.
    const auto T = kelvin(25.0_degC);
    const auto w = vacuolar_proton_work(7.5, 5.5, 30.0_mV, T);
    const auto atp = atp_hydrolysis_free_energy(2.0_mM, 0.2_mM, 5.0_mM, T);
    const auto ppi = ppi_hydrolysis_free_energy(0.3_mM, 5.0_mM, T);
    CHECK(max_stoichiometry(atp, w) >= 2);
    CHECK(max_stoichiometry(ppi, w) == 1);
    CHECK(in_J_per_mol(pump_cycle_free_energy(2, ppi, w)) > 0);
}

TEST_CASE("validation: electroneutral Na+/H+ antiport accumulates Na+ up to 10^dpH") {
    // Blumwald & Poole 1985 (Plant Physiol. 78:163): tonoplast Na+/H+ exchange is electroneutral
    // (1:1); its equilibrium Na_vac/Na_cyt equals H_vac/H_cyt = 10^(pH_cyt - pH_vac), at any dpsi.
    const auto T = kelvin(25.0_degC);
    CHECK(nhx_max_accumulation(1, 7.5, 5.5, 30.0_mV, T) == rel(100.0, 1e-12));
    CHECK(nhx_max_accumulation(1, 7.2, 5.9, -10.0_mV, T) == rel(std::pow(10.0, 1.3), 1e-12));
}

TEST_CASE("validation: the ratchet's frequency limits (Astumian 1997, Tsong & Astumian 1986)") {
    // Astumian 1997 (Science 276:917) and Markin et al. 1990 (J. Chem. Phys. 93:5062): with a
    // static field the carrier obeys detailed balance and cannot pump; under a slow square wave
    // the carrier relaxes after each switch, so every period moves a fixed amount (flux
    // proportional to f); under a very fast field it sees averaged rates and pumping vanishes.
    const four_state_carrier c;
    const double j1 = c.mean_flux(drive{drive_kind::square, 0.1, 0.1}, 1.0, 1.0);
    const double j2 = c.mean_flux(drive{drive_kind::square, 0.1, 0.2}, 1.0, 1.0);
    CHECK(j1 > 0);
    CHECK(j2 / j1 == rel(2.0, 1e-6)); // relaxation rates >> 0.2 Hz
    const double fast = c.mean_flux(drive{drive_kind::square, 0.1, 1e9}, 1.0, 1.0);
    const double mid = c.mean_flux(drive{drive_kind::square, 0.1, 1e4}, 1.0, 1.0);
    CHECK(std::abs(fast) < 1e-3 * mid);
    // a constant field of either sign: no net transport at equal concentrations
    CHECK(std::abs(c.steady_flux(0.1, 1.0, 1.0)) < 1e-12 * mid);
    CHECK(std::abs(c.steady_flux(-0.1, 1.0, 1.0)) < 1e-12 * mid);
}
