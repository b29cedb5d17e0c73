// noneq/potential/nernst.hpp — the Nernst potential, the equilibrium reference of one ion:
//   E = (RT / zF) ln(c_out / c_in)
// for any valence z != 0 at absolute temperature T (Hille, Ion Channels of Excitable Membranes,
// 3rd ed., ch. 1). Potentials are inside minus outside.
#pragma once

#include <noneq/constants.hpp>
#include <noneq/core/error.hpp>
#include <noneq/core/exprel.hpp>
#include <noneq/units.hpp>

namespace noneq {

/// Nernst potential; the caller guarantees z != 0, c_in, c_out, T > 0 and finite.
template <value_type V>
voltage<V> nernst(unchecked_t, int z, const concentration<V>& c_in, const concentration<V>& c_out,
                  const temperature<V>& T) {
    // RT/(zF) first: over arrays it is one value, computed once, not a division per element.
    return (thermal_voltage(T) / V(scalar_t<V>(z))) * log_ratio(c_out.value(), c_in.value());
}

/// Nernst potential E = (RT/zF) ln(c_out/c_in). Throws domain_error for z == 0, a concentration
/// that is not positive and finite, or T that is not positive and finite.
template <value_type V>
voltage<V> nernst(int z, const concentration<V>& c_in, const concentration<V>& c_out,
                  const temperature<V>& T) {
    require(z != 0, "z", z, "nonzero integer valence");
    require_positive("c_in", c_in.value(), "mol/m^3");
    require_positive("c_out", c_out.value(), "mol/m^3");
    require_positive("T", T.value(), "K");
    return nernst(unchecked, z, c_in, c_out, T);
}

} // namespace noneq
