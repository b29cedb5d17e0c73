// noneq/bioenergetics/proton_pumps.hpp — the energetics of the tonoplast: the work of pumping H+
// from the cytosol into the vacuole, the proton motive force across the vacuolar membrane, and
// the H+/ATP (V-ATPase) and H+/PPi (V-PPase) stoichiometries that the free energy of hydrolysis
// allows (Mitchell 1961, Nature 191:144; Mitchell 1966, Biol. Rev. 41:445; Nicholls & Ferguson,
// Bioenergetics 4, chs. 3-4).
//
// Tonoplast conventions (electrochemical.hpp with inside = vacuole lumen, outside = cytosol):
//   dpsi = psi_vac - psi_cyt (the vacuole is typically 20-30 mV positive, Taiz & Zeiger, Plant
//   Physiology, ch. 6), and
//   dmu_H = proton_transport_work(pH_cyt, pH_vac, dpsi) = F dpsi - ln10 RT (pH_vac - pH_cyt),
//   the molar work to move H+ from the cytosol into the vacuole; the proton motive force
//   dp = proton_motive_force(dpsi, pH_vac - pH_cyt) obeys F dp = dmu_H, positive for an
//   energised (acid, positive) vacuole: it drives H+ back out, through NHX antiporters.
//   Cytosol pH 7.5, vacuole pH 5.5, +30 mV at 25 C: dmu_H = 14.31 kJ/mol, dp = 148.3 mV.
//
// Hydrolysis free energies dG = dG0' + RT ln Q, with Q in the 1 M standard state at pH 7:
//   ATP + H2O -> ADP + Pi:  dG0' = -30.5 kJ/mol;  PPi + H2O -> 2 Pi:  dG0' = -19.2 kJ/mol
//   (Nelson & Cox, Lehninger Principles of Biochemistry, 5th ed., Table 13-4, 25 C, pH 7);
//   both through reaction_free_energy of potential/reaction.hpp (one formula, one place); ATP's
//   dG is atp_hydrolysis_free_energy there.
// A pump moving n H+ per fuel molecule runs forward only while the cycle's free energy
// dG_fuel + n dmu_H < 0; the largest admissible n is floor(-dG_fuel / dmu_H). Measured
// stoichiometries: 2 H+/ATP and 1 H+/PPi in red-beet tonoplast vesicles (Schmidt & Briskin 1993,
// Arch. Biochem. Biophys. 301:165); the V-ATPase ratio varies between about 2 and 4 with pH
// (Davies, Hunt & Sanders 1994, PNAS 91:8547).
#pragma once

#include <noneq/constants.hpp>
#include <noneq/core/error.hpp>
#include <noneq/potential/electrochemical.hpp>
#include <noneq/potential/reaction.hpp>
#include <noneq/units.hpp>

#include <cmath>

namespace noneq {

/// Standard transformed Gibbs energy of PPi + H2O -> 2 Pi (pH 7, 25 C, 1 M standard state),
/// J/mol: Nelson & Cox, Lehninger Principles of Biochemistry, Table 13-4. (ATP hydrolysis,
/// atp_dG0_J_per_mol and atp_hydrolysis_free_energy, live in potential/reaction.hpp.)
inline constexpr double ppi_dG0_J_per_mol = -19.2e3;

/// Molar work of moving H+ from the cytosol (pH_cyt) into the vacuole (pH_vac) across
/// dpsi = psi_vac - psi_cyt: F dpsi - ln10 RT (pH_vac - pH_cyt).
template <value_type V>
molar_energy<V> vacuolar_proton_work(V pH_cyt, V pH_vac, const voltage<V>& dpsi,
                                     const temperature<V>& T) {
    return proton_transport_work(pH_cyt, pH_vac, dpsi, T);
}

/// Proton motive force across the tonoplast (inside = vacuole): dp = dpsi - ln10 (RT/F)
/// (pH_vac - pH_cyt); F dp = vacuolar_proton_work.
template <value_type V>
voltage<V> tonoplast_pmf(V pH_cyt, V pH_vac, const voltage<V>& dpsi, const temperature<V>& T) {
    require_finite("pH_cyt", pH_cyt);
    require_finite("pH_vac", pH_vac);
    return proton_motive_force(dpsi, pH_vac - pH_cyt, T);
}

/// dG of pyrophosphate hydrolysis: dG0' + RT ln([Pi]^2 / [PPi] / 1 M). Concentrations > 0.
template <value_type V>
molar_energy<V> ppi_hydrolysis_free_energy(
    const concentration<V>& ppi, const concentration<V>& pi, const temperature<V>& T,
    const molar_energy<V>& dG0 = molar_energy<V>::from_value(V(scalar_t<V>(ppi_dG0_J_per_mol)))) {
    using std::log;
    using xsimd::log;
    require_positive("c_PPi", ppi.value(), "mol/m^3");
    require_positive("c_Pi", pi.value(), "mol/m^3");
    require_positive("T", T.value(), "K");
    require_finite("dG0", dG0.value(), "J/mol");
    const V molar(scalar_t<V>(1000));
    return reaction_free_energy(
        unchecked, dG0, V(scalar_t<V>(2)) * log(pi.value() / molar) - log(ppi.value() / molar), T);
}

/// Free energy of one cycle of a pump hydrolysing one fuel molecule (dG_fuel < 0) and moving
/// n ions, each needing `work_per_ion`: dG_fuel + n work. Negative: the pump can run forward.
template <value_type V>
molar_energy<V> pump_cycle_free_energy(int n, const molar_energy<V>& dG_fuel,
                                       const molar_energy<V>& work_per_ion) {
    require(n >= 1, "n", n, ">= 1 ion per cycle");
    require_finite("dG_fuel", dG_fuel.value(), "J/mol");
    require_finite("work_per_ion", work_per_ion.value(), "J/mol");
    return dG_fuel + V(scalar_t<V>(n)) * work_per_ion;
}

/// The thermodynamic ceiling -dG_fuel / work_per_ion on the ions moved per fuel molecule (real).
template <value_type V>
V coupling_ceiling(const molar_energy<V>& dG_fuel, const molar_energy<V>& work_per_ion) {
    require(dG_fuel.value() < V(0) && is_finite(dG_fuel.value()), "dG_fuel", dG_fuel.value(),
            "< 0 (an exergonic fuel), finite", "J/mol");
    require_positive("work_per_ion", work_per_ion.value(), "J/mol");
    return -dG_fuel.value() / work_per_ion.value();
}

/// The largest whole stoichiometry n with n work_per_ion <= -dG_fuel (0 if even one ion is
/// too costly). Scalar.
template <std::floating_point V>
int max_stoichiometry(const molar_energy<V>& dG_fuel, const molar_energy<V>& work_per_ion) {
    return static_cast<int>(std::floor(coupling_ceiling(dG_fuel, work_per_ion)));
}

/// Static head of an n H+/fuel vacuolar pump: the largest pH_cyt - pH_vac it can hold at
/// dpsi = psi_vac - psi_cyt, where n dmu_H = -dG_fuel.
template <value_type V>
V static_head_dpH(int n, const molar_energy<V>& dG_fuel, const voltage<V>& dpsi,
                  const temperature<V>& T) {
    require(n >= 1, "n", n, ">= 1 ion per cycle");
    require_finite("dG_fuel", dG_fuel.value(), "J/mol");
    // dmu_H at dpH = 0 is F dpsi; each unit of pH_cyt - pH_vac adds ln10 RT.
    const auto w0 = proton_transport_work(V(0), V(0), dpsi, T);
    const V per_pH = -proton_transport_work(V(0), V(1), voltage<V>::from_value(V(0)), T).value();
    return (-dG_fuel.value() / V(scalar_t<V>(n)) - w0.value()) / per_pH;
}

} // namespace noneq
