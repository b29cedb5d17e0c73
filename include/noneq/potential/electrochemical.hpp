// noneq/potential/electrochemical.hpp — the free energy of moving ions across a membrane, the
// proton motive force and the Donnan equilibrium.
//
// Sign conventions (written once, used everywhere in noneq):
//  * A membrane potential is inside minus outside, psi_in - psi_out.
//  * transport_work(z, c_from, c_to, dpsi, T) is the molar Gibbs energy change of moving one mole
//    of an ion of valence z from compartment "from" to compartment "to",
//        dG = RT ln(c_to / c_from) + z F dpsi,      dpsi = psi_to - psi_from
//    (Nicholls & Ferguson, Bioenergetics 4, ch. 3). dG < 0: the move is downhill (spontaneous).
//  * proton_motive_force(dpsi, dpH, T) is Mitchell's dp = dpsi - (ln10 RT/F) dpH with BOTH
//    differences taken inside minus outside: dpsi = psi_in - psi_out, dpH = pH_in - pH_out.
//    Then F dp is exactly the work to bring one mole of H+ from outside to inside:
//        F dp = proton_transport_work(pH_out, pH_in, psi_in - psi_out, T).
//    An energised mitochondrion or bacterium (inside negative and alkaline) has dp < 0, about
//    -150 to -200 mV; texts that quote dp as a positive 150-200 mV give its magnitude.
//  * The Donnan ratio r is defined by c_in / c_out = r^z for every permeant ion at Donnan
//    equilibrium, so r = [K+]_in/[K+]_out = [Cl-]_out/[Cl-]_in and r = exp(-F V_D / RT).
#pragma once

#include <noneq/constants.hpp>
#include <noneq/core/error.hpp>
#include <noneq/core/exprel.hpp>
#include <noneq/units.hpp>

#include <cmath>
#include <numbers>

namespace noneq {

namespace detail {
template <value_type V>
V molar_rt(const temperature<V>& T) {
    return V(scalar_t<V>(constants::R.value())) * T.value();
}
} // namespace detail

/// Molar work to move an ion of valence z from "from" to "to", unchecked: the caller guarantees
/// c_from, c_to, T > 0 and finite and dpsi finite. z may be 0 (a neutral solute).
template <value_type V>
molar_energy<V> transport_work(unchecked_t, int z, const concentration<V>& c_from,
                               const concentration<V>& c_to, const voltage<V>& dpsi,
                               const temperature<V>& T) {
    const V zF = V(scalar_t<V>(z) * scalar_t<V>(constants::F.value()));
    return molar_energy<V>::from_value(
        detail::molar_rt(T) * log_ratio(c_to.value(), c_from.value()) + zF * dpsi.value());
}

/// Molar work dG = RT ln(c_to/c_from) + z F dpsi to move an ion of valence z from side "from" to
/// side "to"; dpsi = psi_to - psi_from. Throws domain_error for a concentration that is not
/// positive and finite, a non-finite dpsi or T not positive and finite.
template <value_type V>
molar_energy<V> transport_work(int z, const concentration<V>& c_from, const concentration<V>& c_to,
                               const voltage<V>& dpsi, const temperature<V>& T) {
    require_positive("c_from", c_from.value(), "mol/m^3");
    require_positive("c_to", c_to.value(), "mol/m^3");
    require_finite("dpsi", dpsi.value(), "V");
    require_positive("T", T.value(), "K");
    return transport_work(unchecked, z, c_from, c_to, dpsi, T);
}

/// Molar work to move H+ from "from" to "to", unchecked (pH values and dpsi finite, T > 0):
/// dG = -ln10 RT (pH_to - pH_from) + F dpsi, dpsi = psi_to - psi_from.
template <value_type V>
molar_energy<V> proton_transport_work(unchecked_t, V pH_from, V pH_to, const voltage<V>& dpsi,
                                      const temperature<V>& T) {
    const V ln10 = V(std::numbers::ln10_v<scalar_t<V>>);
    const V F = V(scalar_t<V>(constants::F.value()));
    return molar_energy<V>::from_value(F * dpsi.value() -
                                       ln10 * detail::molar_rt(T) * (pH_to - pH_from));
}

/// Molar work to move one mole of H+ from side "from" (pH_from) to side "to" (pH_to) across the
/// potential difference dpsi = psi_to - psi_from. Throws domain_error for non-finite pH or dpsi,
/// or T not positive and finite.
template <value_type V>
molar_energy<V> proton_transport_work(V pH_from, V pH_to, const voltage<V>& dpsi,
                                      const temperature<V>& T) {
    require_finite("pH_from", pH_from);
    require_finite("pH_to", pH_to);
    require_finite("dpsi", dpsi.value(), "V");
    require_positive("T", T.value(), "K");
    return proton_transport_work(unchecked, pH_from, pH_to, dpsi, T);
}

/// Proton motive force, unchecked.
template <value_type V>
voltage<V> proton_motive_force(unchecked_t, const voltage<V>& dpsi, V dpH,
                               const temperature<V>& T) {
    const V ln10 = V(std::numbers::ln10_v<scalar_t<V>>);
    return voltage<V>::from_value(dpsi.value() - ln10 * thermal_voltage(T).value() * dpH);
}

/// Proton motive force dp = dpsi - (ln10 RT/F) dpH, with dpsi = psi_in - psi_out and
/// dpH = pH_in - pH_out (both inside minus outside). F dp is the molar work of moving H+ from
/// outside to inside; dp < 0 means protons flow inward downhill (ATP synthase can be driven).
/// Throws domain_error for non-finite dpsi or dpH, or T not positive and finite.
template <value_type V>
voltage<V> proton_motive_force(const voltage<V>& dpsi, V dpH, const temperature<V>& T) {
    require_finite("dpsi", dpsi.value(), "V");
    require_finite("dpH", dpH);
    require_positive("T", T.value(), "K");
    return proton_motive_force(unchecked, dpsi, dpH, T);
}

/// Donnan ratio r = exp(-F V / RT) at a Donnan potential V (inside minus outside): every permeant
/// ion of valence z at equilibrium has c_in / c_out = r^z. Throws for non-finite V or bad T.
template <value_type V>
V donnan_ratio(const voltage<V>& v, const temperature<V>& T) {
    using std::exp;
    using xsimd::exp;
    require_finite("v", v.value(), "V");
    require_positive("T", T.value(), "K");
    return exp(-v.value() / thermal_voltage(T).value());
}

/// Donnan ratio r = (c_in / c_out)^(1/z) of one permeant ion at Donnan equilibrium.
template <value_type V>
V donnan_ratio(int z, const concentration<V>& c_in, const concentration<V>& c_out) {
    using std::exp;
    using xsimd::exp;
    require(z != 0, "z", z, "nonzero integer valence");
    require_positive("c_in", c_in.value(), "mol/m^3");
    require_positive("c_out", c_out.value(), "mol/m^3");
    return exp(log_ratio(c_in.value(), c_out.value()) / V(scalar_t<V>(z)));
}

/// A Donnan equilibrium of a 1:1 salt across a membrane that retains fixed charge inside.
template <value_type V>
struct donnan_state {
    V ratio;                    ///< r = cation_in / c_salt_out = c_salt_out / anion_in
    voltage<V> potential;       ///< Donnan potential, inside minus outside
    concentration<V> cation_in; ///< permeant monovalent cation inside
    concentration<V> anion_in;  ///< permeant monovalent anion inside
};

/// Donnan equilibrium with a bath of a 1:1 salt at c_salt_out and an impermeant fixed charge
/// density rho_fixed inside (signed, in moles of elementary charge per m^3; e.g. -50 mM for
/// anionic proteins at 50 mM with z = -1). Electroneutrality inside, c r - c / r + rho = 0, gives
///   r = (sqrt(rho^2 + 4 c^2) - rho) / (2c)   (evaluated without cancellation for either sign),
/// and the Gibbs-Donnan product cation_in * anion_in = c^2 holds. Throws domain_error for
/// c_salt_out not positive and finite, non-finite rho_fixed, or T not positive and finite.
template <value_type V>
donnan_state<V> donnan_equilibrium(const concentration<V>& c_salt_out,
                                   const concentration<V>& rho_fixed, const temperature<V>& T) {
    using std::log;
    using std::sqrt;
    using xsimd::log;
    using xsimd::sqrt;
    require_positive("c_salt_out", c_salt_out.value(), "mol/m^3");
    require_finite("rho_fixed", rho_fixed.value(), "mol/m^3");
    require_positive("T", T.value(), "K");
    const V c = c_salt_out.value(), rho = rho_fixed.value();
    const V two(scalar_t<V>(2));
    // hypot-like root without overflow for any physical magnitude
    const V s = sqrt(rho * rho + V(scalar_t<V>(4)) * c * c);
    const V r = select(rho <= V(0), (s - rho) / (two * c), (two * c) / (s + rho));
    return {r, voltage<V>::from_value(-thermal_voltage(T).value() * log(r)),
            concentration<V>::from_value(c * r), concentration<V>::from_value(c / r)};
}

} // namespace noneq
