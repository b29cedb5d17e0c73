// noneq/potential/reaction.hpp — the free energy of a chemical reaction, the equilibrium
// reference of every transporter driven by one (Na/K-ATPase, V-ATPase, V-PPase):
//   dG = dG0 + RT ln Q
// with dG0 the standard (transformed, pH 7) free energy and Q the reaction quotient in the 1 M
// standard state (Nelson & Cox, Lehninger Principles of Biochemistry, 5th ed., ch. 13). A pump
// stalls when the work it does per cycle equals -dG. reaction_free_energy is the one place the
// formula is written; ATP hydrolysis, dG = dG0' + RT ln([ADP][Pi] / ([ATP] c0)), c0 = 1 M, is its
// first use (PPi hydrolysis in bioenergetics/proton_pumps.hpp another).
#pragma once

#include <noneq/constants.hpp>
#include <noneq/core/error.hpp>
#include <noneq/core/exprel.hpp>
#include <noneq/units.hpp>

namespace noneq {

/// dG0' of ATP -> ADP + Pi at pH 7 (Lehninger ch. 13), J/mol.
inline constexpr double atp_dG0_J_per_mol = -30.5e3;

/// Free energy dG = dG0 + RT ln Q of a reaction with standard free energy dG0 and reaction
/// quotient Q, given as ln Q, unchecked: the caller guarantees finite dG0 and ln Q, T > 0.
template <value_type V>
molar_energy<V> reaction_free_energy(unchecked_t, const molar_energy<V>& dG0, V ln_Q,
                                     const temperature<V>& T) {
    const V RT = V(scalar_t<V>(constants::R.value())) * T.value();
    return molar_energy<V>::from_value(dG0.value() + RT * ln_Q);
}

/// Free energy dG = dG0 + RT ln Q (J/mol). Throws domain_error for a non-finite dG0 or ln Q or
/// T not positive and finite.
template <value_type V>
molar_energy<V> reaction_free_energy(const molar_energy<V>& dG0, V ln_Q, const temperature<V>& T) {
    require_finite("dG0", dG0.value(), "J/mol");
    require_finite("ln_Q", ln_Q);
    require_positive("T", T.value(), "K");
    return reaction_free_energy(unchecked, dG0, ln_Q, T);
}

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
    return reaction_free_energy(unchecked, dG0,
                                log_ratio(adp.value() * pi.value(), atp.value() * c0), T);
}

} // namespace noneq
