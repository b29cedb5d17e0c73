// noneq/flux/chord_current.hpp — the total ohmic current of several conductances,
//   I = sum_i g_i (V - E_i)   (outward positive),
// each branch through the ohmic flux law (flux/ohmic.hpp). It vanishes at the chord potential
// V = sum g_i E_i / sum g_i (potential/chord.hpp, which defines the branch record): flux/ sits
// above potential/ and may include it, never the other way round.
#pragma once

#include <noneq/core/error.hpp>
#include <noneq/flux/ohmic.hpp>
#include <noneq/potential/chord.hpp>
#include <noneq/units.hpp>

#include <ranges>
#include <span>

namespace noneq {

/// Total ohmic current sum_i g_i (v - E_i) (outward positive), unchecked; zero at the chord
/// potential. A current for total conductances, a current density for conductance densities.
template <value_type V, class GUnit>
auto chord_total_current(unchecked_t, std::span<const chord_branch<V, GUnit>> branches,
                         const voltage<V>& v) {
    using I = decltype(ohmic_current(branches[0].g, v, branches[0].E));
    I sum = I::from_value(V(scalar_t<V>(0)));
    for (const auto& b : branches)
        sum += ohmic_current(b.g, v, b.E);
    return sum;
}

/// Total ohmic current sum_i g_i (v - E_i); throws domain_error for invalid branches or v.
template <value_type V, class GUnit>
auto chord_total_current(std::span<const chord_branch<V, GUnit>> branches, const voltage<V>& v) {
    detail::check_chord_branches(branches);
    require_finite("v", v.value(), "V");
    return chord_total_current(unchecked, branches, v);
}

/// Convenience overload for any contiguous range of branches (std::array, std::vector, ...).
template <chord_branch_range R, class Vq>
auto chord_total_current(const R& branches, const Vq& v) {
    using B = std::ranges::range_value_t<R>;
    return chord_total_current(
        std::span<const B>(std::ranges::data(branches), std::ranges::size(branches)), v);
}

} // namespace noneq
