// noneq/devices/seebeck.hpp — the Seebeck coefficient S of a conductor, from the simplest
// electron gas to the Fermi-Dirac form that bridges non-degenerate and degenerate carriers.
//
// The five parts (DESIGN.md): potential = the Seebeck voltage; equilibrium reference = V = 0 at
// uniform T; driving force = grad T; flux law = carrier diffusion against the field; dynamics =
// the open-circuit steady state, E = S grad T, where the field stops the net carrier flux.
//
// Sign: S < 0 for electrons (the cold end charges negative), S > 0 for holes. V_cold - V_hot =
// S (T_hot - T_cold) for a constant S (`seebeck_voltage`).
//
// Models (all for electrons unless `carrier::hole` is given):
//   electron gas   the open-circuit bar of an ideal electron gas at uniform density: the field
//                  balances the gradient of the gas pressure p = n k_B T, n e E = -dp/dx, so
//                  S = -k_B/e (-86.2 uV/K).
//   classical      Drude's kinetic result S = -c_v/(3 n e) with the classical c_v = (3/2) n k_B:
//                  S = -k_B/(2e) (-43.1 uV/K) (Ashcroft & Mermin, Solid State Physics, ch. 1).
//   semiconductor  non-degenerate carriers, relaxation time tau ~ E^r:
//                  S = -(k_B/e) (r + 5/2 - eta), eta = (E_F - E_C)/k_B T (Lundstrom,
//                  Fundamentals of Carrier Transport, 2nd ed., ch. 3; Goldsmid).
//   metal (Mott)   degenerate: S = -(pi^2/3) (k_B^2 T / e) dln sigma/dE at E_F; for free
//                  electrons with tau ~ E^r, sigma ~ E^{r+3/2}, S = -(pi^2/3)(r+3/2) k_B^2 T/(e
//                  E_F), = -pi^2 k_B^2 T/(2 e E_F) for r = 0 (Ashcroft & Mermin ch. 13).
//   general        S = -(k_B/e) [ (r+5/2) F_{r+3/2}(eta) / F_{r+1/2}(eta) - eta ] with the
//                  normalised F_j of core/fermi_dirac.hpp (equal to the unnormalised
//                  (r+5/2) F'_{r+3/2} / ((r+3/2) F'_{r+1/2}) of Lundstrom). eta -> -inf gives the
//                  semiconductor form; eta -> +inf gives the Mott form with E_F = eta k_B T.
#pragma once

#include <noneq/constants.hpp>
#include <noneq/core/error.hpp>
#include <noneq/core/fermi_dirac.hpp>
#include <noneq/units.hpp>

#include <numbers>

namespace noneq::devices {

/// Which carrier: the sign of S.
enum class carrier { electron = -1, hole = 1 };

namespace detail {
/// k_B / e, V/K: the thermal voltage (constants.hpp, written once) at 1 K.
template <class V>
V k_over_e() {
    using S = scalar_t<V>;
    return V(thermal_voltage(temperature<S>::from_value(S(1))).value());
}
template <class V>
seebeck_coefficient<V> signed_s(carrier c, const V& magnitude_in_k_over_e) {
    return seebeck_coefficient<V>::from_value(V(scalar_t<V>(static_cast<int>(c))) * k_over_e<V>() *
                                              magnitude_in_k_over_e);
}
} // namespace detail

/// Ideal electron gas at uniform density in an open-circuit bar: the field that balances the
/// pressure gradient, S = -k_B/e.
template <value_type V = double>
seebeck_coefficient<V> seebeck_electron_gas(carrier c = carrier::electron) {
    return detail::signed_s(c, V(1));
}

/// Drude's classical kinetic result, S = -k_B/(2e).
template <value_type V = double>
seebeck_coefficient<V> seebeck_classical(carrier c = carrier::electron) {
    return detail::signed_s(c, V(0.5));
}

/// Non-degenerate semiconductor: S = -(k_B/e)(r + 5/2 - eta), eta = (E_F - E_C)/k_B T (for
/// holes eta = (E_V - E_F)/k_B T). r: scattering exponent (tau ~ E^r): -1/2 acoustic phonons,
/// +3/2 ionised impurities. Valid for eta < about -2 (see `seebeck_fermi_dirac`).
template <value_type V>
seebeck_coefficient<V> seebeck_nondegenerate(const V& r, const V& eta,
                                             carrier c = carrier::electron) {
    require_finite("r", r);
    require_finite("eta", eta);
    return detail::signed_s(c, r + V(2.5) - eta);
}

/// The Mott formula, S = -(pi^2/3) (k_B^2 T/e) dln(sigma)/dE (electrons), with dln sigma/dE at
/// the Fermi level given per joule.
template <value_type V>
seebeck_coefficient<V>
seebeck_mott(const temperature<V>& T,
             const quantity<unit_quotient<unit::dimensionless, unit::energy>, V>& dlnsigma_dE,
             carrier c = carrier::electron) {
    require_positive("T", T.value(), "K");
    require_finite("dlnsigma_dE", dlnsigma_dE.value(), "1/J");
    const V kT = V(scalar_t<V>(constants::k_B.value())) * T.value();
    return detail::signed_s(c, V(scalar_t<V>(std::numbers::pi * std::numbers::pi / 3.0)) * kT *
                                   dlnsigma_dE.value());
}

/// Degenerate free-electron metal with tau ~ E^r (sigma ~ E^{r+3/2}):
/// S = -(pi^2/3)(r + 3/2) k_B^2 T/(e E_F); r = 0 gives -pi^2 k_B^2 T/(2 e E_F).
template <value_type V>
seebeck_coefficient<V> seebeck_free_electron_metal(const temperature<V>& T, const energy<V>& E_F,
                                                   const V& r = V(0),
                                                   carrier c = carrier::electron) {
    require_positive("E_F", E_F.value(), "J");
    require(r > V(-1.5) && is_finite(r), "r", r, "> -3/2, finite");
    using dlnE = quantity<unit_quotient<unit::dimensionless, unit::energy>, V>;
    return seebeck_mott(T, dlnE::from_value((r + V(1.5)) / E_F.value()), c);
}

/// The general Fermi-Dirac form, valid at any degeneracy eta = (E_F - E_C)/k_B T, for
/// r in [-1/2, 10] (orders r + 1/2 >= 0 of the FD integrals). Scalar (the FD integrals are).
inline seebeck_coefficient<double> seebeck_fermi_dirac(double r, double eta,
                                                       carrier c = carrier::electron) {
    require(r >= -0.5 && r <= 10.0, "r", r, "-0.5 <= r <= 10");
    require(std::abs(eta) <= 1e4, "eta", eta, "|eta| <= 1e4");
    const double ratio = fermi_dirac(r + 1.5, eta) / fermi_dirac(r + 0.5, eta);
    return detail::signed_s(c, (r + 2.5) * ratio - eta);
}

/// Open-circuit field that balances thermal diffusion: E = S grad T (V/m).
template <value_type V>
quantity<unit_quotient<unit::voltage, unit::length>, V>
balancing_field(const seebeck_coefficient<V>& S,
                const quantity<unit_quotient<unit::temperature, unit::length>, V>& grad_T) {
    return S * grad_T;
}

/// Seebeck voltage of a bar with constant S between T_hot and T_cold: V_cold - V_hot =
/// S (T_hot - T_cold) (negative for electrons: the cold end charges negative).
template <value_type V>
voltage<V> seebeck_voltage(const seebeck_coefficient<V>& S, const temperature<V>& T_hot,
                           const temperature<V>& T_cold) {
    require_positive("T_hot", T_hot.value(), "K");
    require_positive("T_cold", T_cold.value(), "K");
    return S * (T_hot - T_cold);
}

} // namespace noneq::devices
