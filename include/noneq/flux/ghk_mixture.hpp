// noneq/flux/ghk_mixture.hpp — the total Goldman-Hodgkin-Katz current of a mixture of ions of any
// valence: the sum over ions of the single-ion GHK current (flux/ghk_current.hpp),
//   I = sum_i z_i F P_i (c_in,i - c_out,i e^{-z_i u}) exprel(-z_i u),   u = F V / (RT),
// exact and smooth through V = 0. Outward current is positive; the total vanishes at the mixture's
// reversal potential (potential/ghk_voltage.hpp for monovalent ions, potential/ghk_divalent.hpp
// for |z| <= 2, flux/ghk_reversal.hpp for any valences). The ion record `ghk_ion` and its checks
// come from potential/ghk_voltage.hpp: flux/ sits above potential/.
#pragma once

#include <noneq/constants.hpp>
#include <noneq/core/error.hpp>
#include <noneq/core/exprel.hpp>
#include <noneq/flux/ghk_current.hpp>
#include <noneq/potential/ghk_voltage.hpp>
#include <noneq/units.hpp>

#include <cmath>
#include <cstddef>
#include <span>

namespace noneq {

namespace detail {

/// sum_i z_i j_i, the total charge flux divided by F, with j_i the single-ion GHK flux
/// (flux/ghk_current.hpp, the one place the formula is written) and P_i read as a number in the
/// ions' own unit: relative permeabilities give a flux in relative units, which is all a
/// reversal-potential solver needs (only its sign and zero matter).
template <value_type V, class PUnit>
V ghk_charge_flux(std::span<const ghk_ion<V, PUnit>> ions, const voltage<V>& v,
                  const temperature<V>& T) {
    V sum(scalar_t<V>(0));
    for (const auto& ion : ions) {
        const auto P = permeability<V>::from_value(ion.P.value());
        sum = sum + V(scalar_t<V>(ion.z)) *
                        ghk_flux(unchecked, ion.z, P, v, ion.c_in, ion.c_out, T).value();
    }
    return sum;
}

} // namespace detail

/// Total GHK current density of a mixture (outward positive), unchecked: the caller guarantees
/// nonzero valences, P and concentrations >= 0 and finite, v finite and T > 0.
template <value_type V>
current_density<V> ghk_total_current(unchecked_t,
                                     std::span<const ghk_ion<V, unit::permeability>> ions,
                                     const voltage<V>& v, const temperature<V>& T) {
    const V F = V(scalar_t<V>(constants::F.value()));
    return current_density<V>::from_value(F * detail::ghk_charge_flux(ions, v, T));
}

/// Total GHK current density of a mixture of ions of any nonzero valence with absolute
/// permeabilities (m/s), outward positive. Throws domain_error for an empty list, z == 0, a
/// negative or non-finite P or concentration (zero is legal), non-finite v or T not positive.
template <value_type V>
current_density<V> ghk_total_current(std::span<const ghk_ion<V, unit::permeability>> ions,
                                     const voltage<V>& v, const temperature<V>& T) {
    detail::check_ghk_ions(ions);
    require_finite("v", v.value(), "V");
    require_positive("T", T.value(), "K");
    return ghk_total_current(unchecked, ions, v, T);
}

/// Convenience overloads for any contiguous range of ions (std::array, std::vector, C array).
template <ghk_ion_range R>
current_density<ghk_range_value_t<R>>
ghk_total_current(unchecked_t, const R& ions, const voltage<ghk_range_value_t<R>>& v,
                  const temperature<ghk_range_value_t<R>>& T) {
    using Ion = std::ranges::range_value_t<R>;
    return ghk_total_current(
        unchecked, std::span<const Ion>(std::ranges::data(ions), std::ranges::size(ions)), v, T);
}
template <ghk_ion_range R>
current_density<ghk_range_value_t<R>>
ghk_total_current(const R& ions, const voltage<ghk_range_value_t<R>>& v,
                  const temperature<ghk_range_value_t<R>>& T) {
    using Ion = std::ranges::range_value_t<R>;
    return ghk_total_current(std::span<const Ion>(std::ranges::data(ions), std::ranges::size(ions)),
                             v, T);
}

} // namespace noneq
