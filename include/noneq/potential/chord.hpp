// noneq/potential/chord.hpp — the chord-conductance equation: the membrane potential at which the
// ohmic currents of several conductances balance,
//   V = sum_i g_i E_i / sum_i g_i,   equivalently   sum_i g_i (V - E_i) = 0
// (Hodgkin & Huxley 1952; Hille, Ion Channels of Excitable Membranes, 3rd ed., ch. 14), and the
// conductances that connect it to the GHK picture:
//  * ghk_chord_conductance: the exact chord conductance I_GHK(V) / (V - E) of one ion at V,
//      g = (z^2 F^2 P / RT) c_in exprel(-u) / exprel(u_E - u),  u = zFV/RT, u_E = zFE/RT,
//    smooth through V = E (where it is the slope conductance). With these conductances at the
//    GHK reversal V*, the chord equation returns V* exactly (both say sum I_i(V*) = 0);
//  * ghk_linear_conductance: z^2 F^2 P cbar / RT, cbar = (c_in + c_out)/2, the slope of the GHK
//    current in its linear limit (c_in -> c_out, V -> 0), where the chord equation agrees with
//    the GHK voltage equation to second order in the concentration differences.
// The total ohmic current of the branches, zero at the chord potential, is a flux law and lives
// one layer up, in flux/chord_current.hpp (potential/ includes nothing from flux/).
#pragma once

#include <noneq/constants.hpp>
#include <noneq/core/error.hpp>
#include <noneq/core/exprel.hpp>
#include <noneq/units.hpp>

#include <cstddef>
#include <ranges>
#include <span>
#include <string>
#include <type_traits>

namespace noneq {

/// One ohmic branch: a conductance (total, S, or per area, S/m^2) and its reversal potential.
template <value_type V, class GUnit = unit::conductance_density>
struct chord_branch {
    quantity<GUnit, V> g;
    voltage<V> E;
};

/// Chord-conductance potential, unchecked: the caller guarantees g_i >= 0, sum g > 0, finite E.
template <value_type V, class GUnit>
voltage<V> chord_potential(unchecked_t, std::span<const chord_branch<V, GUnit>> branches) {
    V gsum(scalar_t<V>(0)), gesum(scalar_t<V>(0));
    for (const auto& b : branches) {
        gsum = gsum + b.g.value();
        gesum = gesum + b.g.value() * b.E.value();
    }
    return voltage<V>::from_value(gesum / gsum);
}

namespace detail {
template <value_type V, class GUnit>
void check_chord_branches(std::span<const chord_branch<V, GUnit>> branches) {
    require(!branches.empty(), "branches.size()", branches.size(), ">= 1 branch");
    for (std::size_t i = 0; i < branches.size(); ++i) {
        const V g = branches[i].g.value(), e = branches[i].E.value();
        const auto name = [i](const char* f) { return "branches[" + std::to_string(i) + "]." + f; };
        require(g >= V(0) && is_finite(g), name("g"), g, ">= 0, finite");
        require_finite(name("E"), e, "V");
    }
}
} // namespace detail

/// Chord-conductance potential V = sum g_i E_i / sum g_i. Throws domain_error for an empty list,
/// a negative or non-finite conductance, a non-finite reversal potential or all g_i = 0.
template <value_type V, class GUnit>
voltage<V> chord_potential(std::span<const chord_branch<V, GUnit>> branches) {
    detail::check_chord_branches(branches);
    V gsum(scalar_t<V>(0));
    for (const auto& b : branches)
        gsum = gsum + b.g.value();
    require(gsum > V(0), "sum of branches[i].g", gsum, "> 0 (some conductance must be open)");
    return chord_potential(unchecked, branches);
}

namespace detail {
template <class T>
struct is_chord_branch : std::false_type {};
template <value_type V, class GUnit>
struct is_chord_branch<chord_branch<V, GUnit>> : std::true_type {};
} // namespace detail

/// A contiguous range of chord_branch records other than the std::span the core overloads take.
template <class R>
concept chord_branch_range = std::ranges::contiguous_range<R> &&
    detail::is_chord_branch<std::ranges::range_value_t<R>>::value &&
    !std::is_same_v<std::remove_cvref_t<R>, std::span<const std::ranges::range_value_t<R>>>;

/// Convenience overload for any contiguous range of branches (std::array, std::vector, ...).
template <chord_branch_range R>
auto chord_potential(const R& branches) {
    using B = std::ranges::range_value_t<R>;
    return chord_potential(
        std::span<const B>(std::ranges::data(branches), std::ranges::size(branches)));
}

/// Exact GHK chord conductance (per area) I_GHK(v) / (v - E) of one ion, unchecked: z != 0,
/// P >= 0, c_in, c_out > 0, T > 0, all finite.
template <value_type V>
conductance_density<V> ghk_chord_conductance(unchecked_t, int z, const permeability<V>& P,
                                             const voltage<V>& v, const concentration<V>& c_in,
                                             const concentration<V>& c_out,
                                             const temperature<V>& T) {
    const V zs = V(scalar_t<V>(z));
    const V vt = thermal_voltage(T).value();
    const V u = zs * v.value() / vt;
    const V uE = log_ratio(c_out.value(), c_in.value());
    const V F = V(scalar_t<V>(constants::F.value()));
    const V g0 = zs * zs * F * P.value() / vt; // z^2 F^2 P / RT, per mol/m^3
    return conductance_density<V>::from_value(g0 * c_in.value() * exprel(-u) / exprel(uE - u));
}

/// Exact GHK chord conductance I_GHK(v)/(v - E) of one ion (smooth through v = E). Throws
/// domain_error for z == 0, negative P, non-positive concentrations, non-finite v, bad T.
template <value_type V>
conductance_density<V> ghk_chord_conductance(int z, const permeability<V>& P, const voltage<V>& v,
                                             const concentration<V>& c_in,
                                             const concentration<V>& c_out,
                                             const temperature<V>& T) {
    require(z != 0, "z", z, "nonzero integer valence");
    require_nonnegative("P", P.value(), "m/s");
    require_finite("v", v.value(), "V");
    require_positive("c_in", c_in.value(), "mol/m^3");
    require_positive("c_out", c_out.value(), "mol/m^3");
    require_positive("T", T.value(), "K");
    return ghk_chord_conductance(unchecked, z, P, v, c_in, c_out, T);
}

/// The linear-limit GHK conductance z^2 F^2 P (c_in + c_out) / (2 RT). Throws domain_error for
/// z == 0, negative P or concentrations, bad T.
template <value_type V>
conductance_density<V>
ghk_linear_conductance(int z, const permeability<V>& P, const concentration<V>& c_in,
                       const concentration<V>& c_out, const temperature<V>& T) {
    require(z != 0, "z", z, "nonzero integer valence");
    require_nonnegative("P", P.value(), "m/s");
    require_nonnegative("c_in", c_in.value(), "mol/m^3");
    require_nonnegative("c_out", c_out.value(), "mol/m^3");
    require_positive("T", T.value(), "K");
    const V zs = V(scalar_t<V>(z));
    const V F = V(scalar_t<V>(constants::F.value()));
    const V half(scalar_t<V>(0.5));
    return conductance_density<V>::from_value(zs * zs * F * P.value() *
                                              (half * (c_in.value() + c_out.value())) /
                                              thermal_voltage(T).value());
}

} // namespace noneq
