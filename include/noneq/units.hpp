// noneq/units.hpp — quantities over any value type, named units, literals, read-out helpers.
//
// Every quantity is a Boost.Units `quantity<Unit, V>` in coherent SI base units, with the value
// type V a template parameter: float, double, long double, or an xsimd::batch. Units are checked
// at compile time and cost nothing at run time (the quantity is exactly one V).
//
// Reading numbers in and out:
//   using namespace noneq::literals;   auto v = -65.0_mV;  auto c = 140.0_mM;
//   double mv = noneq::in_mV(v);       // -65.0, no raw .value() in user code
//   auto T = noneq::kelvin(37.0_degC); // Celsius is its own type; convert explicitly
#pragma once

#include <boost/units/cmath.hpp>
#include <boost/units/quantity.hpp>
#include <boost/units/systems/si.hpp>

#include <type_traits>

namespace noneq {

namespace bu = boost::units;
namespace si = boost::units::si;

template <class A, class B>
using unit_product = typename bu::multiply_typeof_helper<A, B>::type;
template <class A, class B>
using unit_quotient = typename bu::divide_typeof_helper<A, B>::type;

// ---- units -------------------------------------------------------------------------------------
namespace unit {
using voltage = si::electric_potential;                                          // V
using current = si::current;                                                     // A
using current_density = unit_quotient<si::current, si::area>;                    // A/m^2
using conductance = si::conductance;                                             // S
using conductance_density = unit_quotient<si::conductance, si::area>;            // S/m^2
using capacitance = si::capacitance;                                             // F
using capacitance_density = unit_quotient<si::capacitance, si::area>;            // F/m^2
using concentration = unit_quotient<si::amount, si::volume>;                     // mol/m^3 (= mM)
using amount = si::amount;                                                       // mol
using charge = si::electric_charge;                                              // C
using temperature = si::temperature;                                             // K
using time = si::time;                                                           // s
using frequency = si::frequency;                                                 // 1/s
using length = si::length;                                                       // m
using area = si::area;                                                           // m^2
using volume = si::volume;                                                       // m^3
using permeability = si::velocity;                                               // m/s
using energy = si::energy;                                                       // J
using molar_energy = unit_quotient<si::energy, si::amount>;                      // J/mol
using molar_flux = unit_quotient<unit_quotient<si::amount, si::area>, si::time>; // mol/(m^2 s)
using power = si::power;                                                         // W
using power_density = unit_quotient<si::power, si::area>;                        // W/m^2
using force = si::force;                                                         // N
using force_per_length = unit_quotient<si::force, si::length>;                   // N/m
using pressure = si::pressure;                                                   // Pa
using velocity = si::velocity;                                                   // m/s
using dimensionless = si::dimensionless;
using seebeck = unit_quotient<si::electric_potential, si::temperature>; // V/K
using resistivity = unit_product<si::resistance, si::length>;           // ohm m
} // namespace unit

// ---- quantity aliases --------------------------------------------------------------------------
template <class Unit, class V = double>
using quantity = bu::quantity<Unit, V>;

template <class V = double>
using voltage = quantity<unit::voltage, V>;
template <class V = double>
using current = quantity<unit::current, V>;
template <class V = double>
using current_density = quantity<unit::current_density, V>;
template <class V = double>
using conductance = quantity<unit::conductance, V>;
template <class V = double>
using conductance_density = quantity<unit::conductance_density, V>;
template <class V = double>
using capacitance = quantity<unit::capacitance, V>;
template <class V = double>
using capacitance_density = quantity<unit::capacitance_density, V>;
template <class V = double>
using concentration = quantity<unit::concentration, V>;
template <class V = double>
using amount = quantity<unit::amount, V>;
template <class V = double>
using charge = quantity<unit::charge, V>;
template <class V = double>
using temperature = quantity<unit::temperature, V>;
template <class V = double>
using time = quantity<unit::time, V>;
template <class V = double>
using frequency = quantity<unit::frequency, V>;
template <class V = double>
using length = quantity<unit::length, V>;
template <class V = double>
using area = quantity<unit::area, V>;
template <class V = double>
using volume = quantity<unit::volume, V>;
template <class V = double>
using permeability = quantity<unit::permeability, V>;
template <class V = double>
using energy = quantity<unit::energy, V>;
template <class V = double>
using molar_energy = quantity<unit::molar_energy, V>;
template <class V = double>
using molar_flux = quantity<unit::molar_flux, V>;
template <class V = double>
using power = quantity<unit::power, V>;
template <class V = double>
using power_density = quantity<unit::power_density, V>;
template <class V = double>
using force = quantity<unit::force, V>;
template <class V = double>
using force_per_length = quantity<unit::force_per_length, V>;
template <class V = double>
using pressure = quantity<unit::pressure, V>;
template <class V = double>
using velocity = quantity<unit::velocity, V>;
template <class V = double>
using dimensionless = quantity<unit::dimensionless, V>;
template <class V = double>
using seebeck_coefficient = quantity<unit::seebeck, V>;
template <class V = double>
using resistivity = quantity<unit::resistivity, V>;

// ---- building and converting quantities --------------------------------------------------------

/// A quantity of `Unit` holding the SI value `v` (the inverse of `si_value`).
template <class Unit, class V>
constexpr quantity<Unit, V> make(V v) {
    return quantity<Unit, V>::from_value(v);
}

/// The SI value of a quantity, for kernels that strip units in their inner loop.
template <class Unit, class V>
constexpr V si_value(const quantity<Unit, V>& q) {
    return q.value();
}

/// Re-express a quantity over another value type (float -> double, double -> batch broadcast).
template <class To, class Unit, class From>
constexpr quantity<Unit, To> value_cast(const quantity<Unit, From>& q) {
    return quantity<Unit, To>::from_value(static_cast<To>(q.value()));
}

// ---- Celsius: its own type, never a temperature until converted -------------------------------

/// A Celsius reading. It is not a `temperature` (which is absolute, in kelvin): functions that
/// need T take `temperature<V>`, and `kelvin(celsius)` is the one explicit way across.
template <class V = double>
struct celsius {
    V degrees;
    constexpr explicit celsius(V d) : degrees(d) {}
};

template <class V>
constexpr temperature<V> kelvin(celsius<V> t) {
    return temperature<V>::from_value(t.degrees + V(273.15));
}

template <class V>
constexpr V in_celsius(const temperature<V>& t) {
    return t.value() - V(273.15);
}

// ---- named units (SI value of one of each) and read-out helpers --------------------------------
// NONEQ_NAMED_UNIT(name, unit, si_factor) defines
//   in_<name>(q)            the number of <name> in q (value type preserved)
//   literal _<name>         in noneq::literals (double value type)
#define NONEQ_NAMED_UNIT(NAME, UNIT, FACTOR)                                                       \
    template <class V>                                                                             \
    constexpr V in_##NAME(const quantity<UNIT, V>& q) {                                            \
        return q.value() / V(FACTOR);                                                              \
    }                                                                                              \
    namespace literals {                                                                           \
    constexpr quantity<UNIT, double> operator""_##NAME(long double x) {                            \
        return quantity<UNIT, double>::from_value(static_cast<double>(x) * (FACTOR));              \
    }                                                                                              \
    constexpr quantity<UNIT, double> operator""_##NAME(unsigned long long x) {                     \
        return quantity<UNIT, double>::from_value(static_cast<double>(x) * (FACTOR));              \
    }                                                                                              \
    }

NONEQ_NAMED_UNIT(V, unit::voltage, 1.0)
NONEQ_NAMED_UNIT(mV, unit::voltage, 1e-3)
NONEQ_NAMED_UNIT(uV, unit::voltage, 1e-6)
NONEQ_NAMED_UNIT(A, unit::current, 1.0)
NONEQ_NAMED_UNIT(nA, unit::current, 1e-9)
NONEQ_NAMED_UNIT(pA, unit::current, 1e-12)
NONEQ_NAMED_UNIT(A_per_m2, unit::current_density, 1.0)
NONEQ_NAMED_UNIT(uA_per_cm2, unit::current_density, 1e-2)
NONEQ_NAMED_UNIT(mA_per_cm2, unit::current_density, 10.0)
NONEQ_NAMED_UNIT(S, unit::conductance, 1.0)
NONEQ_NAMED_UNIT(mS, unit::conductance, 1e-3)
NONEQ_NAMED_UNIT(nS, unit::conductance, 1e-9)
NONEQ_NAMED_UNIT(pS, unit::conductance, 1e-12)
NONEQ_NAMED_UNIT(S_per_m2, unit::conductance_density, 1.0)
NONEQ_NAMED_UNIT(S_per_cm2, unit::conductance_density, 1e4)
NONEQ_NAMED_UNIT(mS_per_cm2, unit::conductance_density, 10.0)
NONEQ_NAMED_UNIT(F, unit::capacitance, 1.0)
NONEQ_NAMED_UNIT(pF, unit::capacitance, 1e-12)
NONEQ_NAMED_UNIT(F_per_m2, unit::capacitance_density, 1.0)
NONEQ_NAMED_UNIT(uF_per_cm2, unit::capacitance_density, 1e-2)
NONEQ_NAMED_UNIT(M, unit::concentration, 1e3)
NONEQ_NAMED_UNIT(mM, unit::concentration, 1.0)
NONEQ_NAMED_UNIT(uM, unit::concentration, 1e-3)
NONEQ_NAMED_UNIT(nM, unit::concentration, 1e-6)
NONEQ_NAMED_UNIT(mol, unit::amount, 1.0)
NONEQ_NAMED_UNIT(C, unit::charge, 1.0)
NONEQ_NAMED_UNIT(K, unit::temperature, 1.0)
NONEQ_NAMED_UNIT(s, unit::time, 1.0)
NONEQ_NAMED_UNIT(ms, unit::time, 1e-3)
NONEQ_NAMED_UNIT(us, unit::time, 1e-6)
NONEQ_NAMED_UNIT(Hz, unit::frequency, 1.0)
NONEQ_NAMED_UNIT(m, unit::length, 1.0)
NONEQ_NAMED_UNIT(cm, unit::length, 1e-2)
NONEQ_NAMED_UNIT(um, unit::length, 1e-6)
NONEQ_NAMED_UNIT(nm, unit::length, 1e-9)
NONEQ_NAMED_UNIT(m2, unit::area, 1.0)
NONEQ_NAMED_UNIT(cm2, unit::area, 1e-4)
NONEQ_NAMED_UNIT(um2, unit::area, 1e-12)
NONEQ_NAMED_UNIT(m3, unit::volume, 1.0)
NONEQ_NAMED_UNIT(L, unit::volume, 1e-3)
NONEQ_NAMED_UNIT(pL, unit::volume, 1e-15)
NONEQ_NAMED_UNIT(m_per_s, unit::permeability, 1.0)
NONEQ_NAMED_UNIT(cm_per_s, unit::permeability, 1e-2)
NONEQ_NAMED_UNIT(J, unit::energy, 1.0)
NONEQ_NAMED_UNIT(eV, unit::energy, 1.602176634e-19)
NONEQ_NAMED_UNIT(J_per_mol, unit::molar_energy, 1.0)
NONEQ_NAMED_UNIT(kJ_per_mol, unit::molar_energy, 1e3)
NONEQ_NAMED_UNIT(mol_per_m2_s, unit::molar_flux, 1.0)
NONEQ_NAMED_UNIT(W, unit::power, 1.0)
NONEQ_NAMED_UNIT(W_per_m2, unit::power_density, 1.0)
NONEQ_NAMED_UNIT(mW_per_cm2, unit::power_density, 10.0)
NONEQ_NAMED_UNIT(N, unit::force, 1.0)
NONEQ_NAMED_UNIT(N_per_m, unit::force_per_length, 1.0)
NONEQ_NAMED_UNIT(Pa, unit::pressure, 1.0)
NONEQ_NAMED_UNIT(MPa, unit::pressure, 1e6)
NONEQ_NAMED_UNIT(uV_per_K, unit::seebeck, 1e-6)
NONEQ_NAMED_UNIT(ohm_m, unit::resistivity, 1.0)
NONEQ_NAMED_UNIT(ohm_cm, unit::resistivity, 1e-2) // NEURON's unit of Ra

// NONEQ_NAMED_UNIT stays defined: a higher layer's own units (tissue/units.hpp) are named with it,
// inside that layer's namespace.

/// The plain number held by a dimensionless quantity.
template <class V>
constexpr V in_one(const dimensionless<V>& q) {
    return q.value();
}

namespace literals {
/// 37.0_degC is a `celsius<double>`, not a temperature: convert with `kelvin(...)`.
constexpr celsius<double> operator""_degC(long double x) {
    return celsius<double>(static_cast<double>(x));
}
constexpr celsius<double> operator""_degC(unsigned long long x) {
    return celsius<double>(static_cast<double>(x));
}
} // namespace literals

} // namespace noneq
