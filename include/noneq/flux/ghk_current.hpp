// noneq/flux/ghk_current.hpp — the Goldman-Hodgkin-Katz current of one ion species
// (Goldman 1943; Hodgkin & Katz 1949):
//   I = P z^2 F^2 V / (RT) * (c_in - c_out e^{-u}) / (1 - e^{-u}),   u = z F V / (RT)
// rewritten as I = z F P (c_in - c_out e^{-u}) exprel(-u), which is exact and smooth through
// V = 0 (where it becomes z F P (c_in - c_out)). Outward current is positive.
#pragma once

#include <noneq/constants.hpp>
#include <noneq/core/error.hpp>
#include <noneq/core/exprel.hpp>
#include <noneq/units.hpp>

#include <utility>

namespace noneq {

/// GHK molar flux density (outward positive), unchecked.
template <value_type V>
molar_flux<V> ghk_flux(unchecked_t, int z, const permeability<V>& P, const voltage<V>& v,
                       const concentration<V>& c_in, const concentration<V>& c_out,
                       const temperature<V>& T) {
    // u = v (zF/RT): the factor is one value over arrays, computed once, not a division per
    // element.
    const V u = v.value() * (V(scalar_t<V>(z)) / thermal_voltage(T).value());
    const auto [e, xr] = exp_exprel(-u); // e^{-u} and exprel(-u) from one reduction
    // The error budget is spent in a chain of roundings (e, the difference, exprel, two
    // products), so where fma is fused two of them are removed: c_in - c_out e is rounded once,
    // and (d xr) carries its exact residual into the product with P. (Unfused, the residual is
    // 0 and this is the plain product.)
    const V d = fma_if_fast(-c_out.value(), e, c_in.value());
    const V t = d * xr;
    const V t_residual = fma_if_fast(d, xr, -t);
    const V j = fma_if_fast(P.value(), t, P.value() * t_residual);
    return molar_flux<V>::from_value(j);
}

namespace detail {
/// z F as hi + lo in scalar type S, hi the rounded value and lo the rest (from F + F_lo).
template <class S>
std::pair<S, S> faraday_times(int z) {
    const long double zF = static_cast<long double>(z) * constants::F.value() +
                           static_cast<long double>(z) * constants::F_lo;
    const S hi = static_cast<S>(zF);
    return {hi, static_cast<S>(zF - static_cast<long double>(hi))};
}
} // namespace detail

/// GHK current density (outward positive), unchecked.
template <value_type V>
current_density<V> ghk_current(unchecked_t, int z, const permeability<V>& P, const voltage<V>& v,
                               const concentration<V>& c_in, const concentration<V>& c_out,
                               const temperature<V>& T) {
    // zF I_flux with zF = hi + lo: F's own rounding is not added to the current's.
    const auto [hi, lo] = detail::faraday_times<scalar_t<V>>(z);
    const V j = ghk_flux(unchecked, z, P, v, c_in, c_out, T).value();
    return current_density<V>::from_value(fma_if_fast(V(hi), j, V(lo) * j));
}

namespace detail {
template <value_type V>
void check_ghk_args(int z, const permeability<V>& P, const voltage<V>& v,
                    const concentration<V>& c_in, const concentration<V>& c_out,
                    const temperature<V>& T) {
    require(z != 0, "z", z, "nonzero integer valence");
    require_positive("T", T.value(), "K");
    require_nonnegative("P", P.value(), "m/s");
    require_finite("v", v.value(), "V");
    // Beyond |zFV/RT| = 700 (about 18 V / |z| at 37 C) e^{-u} overflows and the current is lost.
    {
        using std::abs;
        using xsimd::abs;
        const V u = V(scalar_t<V>(z)) * v.value() / thermal_voltage(T).value();
        require(abs(u) <= V(scalar_t<V>(700)), "v", v.value(), "|z F v / (R T)| <= 700", "V");
    }
    require_nonnegative("c_in", c_in.value(), "mol/m^3");
    require_nonnegative("c_out", c_out.value(), "mol/m^3");
}
} // namespace detail

/// GHK molar flux density of one ion (outward positive, mol m^-2 s^-1). Zero concentrations are
/// legal; z must be nonzero, P >= 0, T > 0.
template <value_type V>
molar_flux<V> ghk_flux(int z, const permeability<V>& P, const voltage<V>& v,
                       const concentration<V>& c_in, const concentration<V>& c_out,
                       const temperature<V>& T) {
    detail::check_ghk_args(z, P, v, c_in, c_out, T);
    return ghk_flux(unchecked, z, P, v, c_in, c_out, T);
}

/// GHK current density of one ion (outward positive, A/m^2).
template <value_type V>
current_density<V> ghk_current(int z, const permeability<V>& P, const voltage<V>& v,
                               const concentration<V>& c_in, const concentration<V>& c_out,
                               const temperature<V>& T) {
    detail::check_ghk_args(z, P, v, c_in, c_out, T);
    return ghk_current(unchecked, z, P, v, c_in, c_out, T);
}

} // namespace noneq
