// noneq/potential/driving_force.hpp — the driving force V - E on an ion and what it does.
//
// With V the membrane potential and E the ion's reversal potential (both inside minus outside):
//  * the current it carries, I = g (V - E), is outward (positive) when V > E;
//  * the ion itself moves outward when z (V - E) > 0 and inward when z (V - E) < 0: an outward
//    current of anions is an inward movement of anions;
//  * the current drives V toward E, so it hyperpolarises the cell when V > E and depolarises it
//    when V < E, whatever the ion's charge.
// Example (Hille, Ion Channels of Excitable Membranes, 3rd ed., ch. 2; the GABA_A synapse): a
// neuron at -65 mV with E_Cl = -75 mV has a driving force of +10 mV on Cl-; chloride flows in,
// the current is outward, and the cell hyperpolarises toward -75 mV.
#pragma once

#include <noneq/core/error.hpp>
#include <noneq/units.hpp>

#include <concepts>
#include <string_view>

namespace noneq {

/// Driving force V - E (value-type generic, no checks).
template <value_type V>
voltage<V> driving_force(const voltage<V>& v, const voltage<V>& e) {
    return v - e;
}

/// Direction of a flow across the membrane.
enum class flow_direction { inward, outward, none };

/// What a current does to the membrane potential.
enum class membrane_effect { depolarizing, hyperpolarizing, none };

constexpr std::string_view to_string(flow_direction d) {
    switch (d) {
    case flow_direction::inward:
        return "inward";
    case flow_direction::outward:
        return "outward";
    case flow_direction::none:
        return "none";
    }
    return "none";
}

constexpr std::string_view to_string(membrane_effect m) {
    switch (m) {
    case membrane_effect::depolarizing:
        return "depolarizing";
    case membrane_effect::hyperpolarizing:
        return "hyperpolarizing";
    case membrane_effect::none:
        return "none";
    }
    return "none";
}

namespace detail {
template <std::floating_point V>
void check_drive(const voltage<V>& v, const voltage<V>& e) {
    require_finite("v", v.value(), "V");
    require_finite("e", e.value(), "V");
}
} // namespace detail

/// Direction in which the ion itself moves: outward if z (v - e) > 0, inward if < 0, none at
/// v == e. Throws domain_error for z == 0 or non-finite potentials.
template <std::floating_point V>
flow_direction ion_flow_direction(int z, const voltage<V>& v, const voltage<V>& e) {
    require(z != 0, "z", z, "nonzero integer valence");
    detail::check_drive(v, e);
    const V d = (v - e).value();
    if (d == V(0)) return flow_direction::none;
    return ((z > 0) == (d > V(0))) ? flow_direction::outward : flow_direction::inward;
}

/// Direction of the electric current (positive charge flow): outward if v > e, inward if v < e.
template <std::floating_point V>
flow_direction current_direction(const voltage<V>& v, const voltage<V>& e) {
    detail::check_drive(v, e);
    const V d = (v - e).value();
    if (d == V(0)) return flow_direction::none;
    return d > V(0) ? flow_direction::outward : flow_direction::inward;
}

/// Effect of the ion's current on the membrane: it pulls v toward e, hyperpolarising if v > e
/// and depolarising if v < e, for cations and anions alike.
template <std::floating_point V>
membrane_effect effect_on_membrane(const voltage<V>& v, const voltage<V>& e) {
    detail::check_drive(v, e);
    const V d = (v - e).value();
    if (d == V(0)) return membrane_effect::none;
    return d > V(0) ? membrane_effect::hyperpolarizing : membrane_effect::depolarizing;
}

} // namespace noneq
