// noneq/constants.hpp — the exact SI defining constants (2019 redefinition, CODATA 2018) as
// quantities, and the two derived ones every electrochemical formula uses, F = e N_A and
// R = k_B N_A. Boost's own codata headers carry 2006/2014 values and are not used.
#pragma once

#include <noneq/units.hpp>

namespace noneq::constants {

using elementary_charge_unit = unit::charge;
using boltzmann_unit = unit_quotient<unit::energy, unit::temperature>;
using avogadro_unit = unit_quotient<unit::dimensionless, unit::amount>;
using planck_unit = unit_product<unit::energy, unit::time>;
using faraday_unit = unit_quotient<unit::charge, unit::amount>;
using gas_constant_unit = unit_quotient<unit::molar_energy, unit::temperature>;

/// Elementary charge e (exact), C.
inline constexpr quantity<elementary_charge_unit> e =
    quantity<elementary_charge_unit>::from_value(1.602176634e-19);
/// Boltzmann constant k_B (exact), J/K.
inline constexpr quantity<boltzmann_unit> k_B = quantity<boltzmann_unit>::from_value(1.380649e-23);
/// Avogadro constant N_A (exact), 1/mol.
inline constexpr quantity<avogadro_unit> N_A = quantity<avogadro_unit>::from_value(6.02214076e23);
/// Planck constant h (exact), J s.
inline constexpr quantity<planck_unit> h = quantity<planck_unit>::from_value(6.62607015e-34);
/// Speed of light in vacuum c (exact), m/s.
inline constexpr quantity<unit::velocity> c = quantity<unit::velocity>::from_value(299792458.0);
/// Faraday constant F = e N_A, C/mol (96485.33212...).
inline constexpr quantity<faraday_unit> F =
    quantity<faraday_unit>::from_value(e.value() * N_A.value());
/// The part of the exact e N_A that the double F drops: F + F_lo = e N_A to 4e-33 relative
/// (96485.3321233100184 exactly). Used where F's own rounding would be a visible share of a
/// result's error (the GHK current).
inline constexpr double F_lo = 4.26013913154602e-12;
/// Molar gas constant R = k_B N_A, J/(mol K) (8.314462618...).
inline constexpr quantity<gas_constant_unit> R =
    quantity<gas_constant_unit>::from_value(k_B.value() * N_A.value());
/// Stefan-Boltzmann constant sigma = 2 pi^5 k^4 / (15 h^3 c^2), W/(m^2 K^4) (derived, exact).
inline constexpr double stefan_boltzmann_si = 5.670374419184429e-8;

/// A constant re-expressed over value type V (a batch broadcasts it).
template <class V, class Unit>
constexpr quantity<Unit, V> as(const quantity<Unit, double>& q) {
    return quantity<Unit, V>::from_value(static_cast<V>(q.value()));
}

} // namespace noneq::constants

namespace noneq {

/// The thermal voltage RT/F (= k_B T / e) at absolute temperature T.
template <class V>
constexpr voltage<V> thermal_voltage(const temperature<V>& T) {
    return voltage<V>::from_value(V(constants::R.value() / constants::F.value()) * T.value());
}

} // namespace noneq
