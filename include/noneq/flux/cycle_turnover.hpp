// noneq/flux/cycle_turnover.hpp — the flux law of a transporter reduced to one thermodynamic
// cycle: the net fraction of its turnovers that go forward,
//   (J+ - J-) / (J+ + J-) = tanh(-dG_cycle / (2 RT))
// (Hill, Free Energy Transduction in Biology, 1977: J+/J- = exp(-dG_cycle/RT) for a single
// cycle). A pump whose gross turnover rate is j_max then turns over at j = j_max tanh(-dG/2RT):
// forward (j > 0) while the cycle is downhill (dG < 0), stalled at dG = 0, reversed uphill. The
// Na/K-ATPase current (membrane/pump_nak.hpp) and the vacuolar pumps and antiporter
// (bioenergetics/vacuole_model.hpp) use it; this is the one place it is written.
#pragma once

#include <noneq/constants.hpp>
#include <noneq/core/error.hpp>
#include <noneq/core/value_traits.hpp>
#include <noneq/units.hpp>

#include <cmath>

#include <xsimd/xsimd.hpp>

namespace noneq {

/// tanh(-dG / (2 RT)): the net forward fraction of a single cycle's turnovers, unchecked (dG
/// finite, T > 0 and finite). Any value type.
template <value_type V>
V net_turnover_fraction(unchecked_t, const molar_energy<V>& dG, const temperature<V>& T) {
    using std::tanh;
    using xsimd::tanh;
    const V two_R = V(scalar_t<V>(2 * constants::R.value()));
    return tanh(-dG.value() / (two_R * T.value()));
}

/// tanh(-dG / (2 RT)), in [-1, 1]. Throws domain_error for a non-finite dG or T not positive and
/// finite.
template <value_type V>
V net_turnover_fraction(const molar_energy<V>& dG, const temperature<V>& T) {
    require_finite("dG", dG.value(), "J/mol");
    require_positive("T", T.value(), "K");
    return net_turnover_fraction(unchecked, dG, T);
}

} // namespace noneq
