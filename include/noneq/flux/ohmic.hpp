// noneq/flux/ohmic.hpp — the ohmic (linear) flux law I = g (V - E): the driving force V - E
// times a conductance. Outward current is positive (inside-to-outside flow of positive charge).
#pragma once

#include <noneq/units.hpp>

namespace noneq {

/// Ohmic current through conductance g at membrane potential v with reversal potential e.
/// Works for a total conductance (gives a current) or a conductance density (current density).
template <class GUnit, class V>
auto ohmic_current(const quantity<GUnit, V>& g, const voltage<V>& v, const voltage<V>& e) {
    return g * (v - e);
}

} // namespace noneq
