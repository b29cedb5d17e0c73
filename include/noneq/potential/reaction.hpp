// noneq/potential/reaction.hpp — the free energy of a chemical reaction that drives a pump:
// ATP hydrolysis, dG = dG0' + RT ln([ADP][Pi] / ([ATP] c0)), c0 = 1 M. The equilibrium reference
// of every ATP-driven transporter (Na/K-ATPase, V-ATPase): a pump stalls when the work it does
// per cycle equals -dG.
#pragma once

#include <noneq/constants.hpp>
#include <noneq/core/error.hpp>
#include <noneq/core/exprel.hpp>
#include <noneq/units.hpp>

namespace noneq {

/// dG0' of ATP -> ADP + Pi at pH 7 (Lehninger ch. 13), J/mol.
inline constexpr double atp_dG0_J_per_mol = -30.5e3;

/// Free energy of ATP hydrolysis dG = dG0' + RT ln([ADP][Pi] / ([ATP] c0)), c0 = 1 M. Checked:
/// concentrations and T positive and finite.
template <value_type V>
molar_energy<V> atp_hydrolysis_free_energy(
    const concentration<V>& atp, const concentration<V>& adp, const concentration<V>& pi,
    const temperature<V>& T,
    const molar_energy<V>& dG0 = molar_energy<V>::from_value(V(scalar_t<V>(atp_dG0_J_per_mol)))) {
    require_positive("atp", atp.value(), "mol/m^3");
    require_positive("adp", adp.value(), "mol/m^3");
    require_positive("pi", pi.value(), "mol/m^3");
    require_positive("T", T.value(), "K");
    require_finite("dG0", dG0.value(), "J/mol");
    const V c0(scalar_t<V>(1000.0)); // 1 M in mol/m^3
    const V RT = V(scalar_t<V>(constants::R.value())) * T.value();
    return molar_energy<V>::from_value(dG0.value() +
                                       RT * log_ratio(adp.value() * pi.value(), atp.value() * c0));
}

} // namespace noneq
