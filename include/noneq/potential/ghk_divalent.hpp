// noneq/potential/ghk_divalent.hpp — the GHK reversal potential of a mixture that includes
// divalent ions (Ca2+, Mg2+, ...): the potential at which the total GHK current (written in
// flux/ghk_mixture.hpp) vanishes, here in closed form.
//
// Closed form (Lewis 1979, J Physiol 286:417-445, for mono- and divalent cations). With
// x = exp(-F V / RT), zero total current for ions with |z| <= 2 is the quadratic
//     A x^2 - B x - C = 0,
//   A = b + 4 d_out,  B = a - b,  C = a + 4 d_in,
//   a = sum_{z=+1} P c_in + sum_{z=-1} P c_out,     b = sum_{z=+1} P c_out + sum_{z=-1} P c_in,
//   d_in = sum_{z=+2} P c_in + sum_{z=-2} P c_out,  d_out = sum_{z=+2} P c_out + sum_{z=-2} P c_in,
// (multiply each ion's current by (1 - x)(1 + x); divalent anions enter as divalent cations with
// the sides swapped). A, C > 0 give one positive root, x = (B + sqrt(B^2 + 4AC)) / (2A), taken in
// the cancellation-free form for either sign of B, and V = -(RT/F) ln x. With no divalent ion it
// is exactly the GHK voltage equation.
//
// Any valences: flux/ghk_reversal.hpp finds the reversal potential as the zero of the total GHK
// current. It needs the flux law and so sits one layer up; this header includes nothing from
// flux/.
#pragma once

#include <noneq/constants.hpp>
#include <noneq/core/error.hpp>
#include <noneq/core/value_traits.hpp>
#include <noneq/potential/ghk_voltage.hpp>
#include <noneq/units.hpp>

#include <cmath>
#include <span>

namespace noneq {

namespace detail {
template <value_type V>
struct lewis_coefficients {
    V A, B, C;
};

template <value_type V, class PUnit>
lewis_coefficients<V> lewis_coeffs(std::span<const ghk_ion<V, PUnit>> ions) {
    const V zero(scalar_t<V>(0));
    V a = zero, b = zero, d_in = zero, d_out = zero;
    for (const auto& ion : ions) {
        const V p = ion.P.value(), pi = p * ion.c_in.value(), po = p * ion.c_out.value();
        switch (ion.z) {
        case 1:
            a = a + pi, b = b + po;
            break;
        case -1:
            a = a + po, b = b + pi;
            break;
        case 2:
            d_in = d_in + pi, d_out = d_out + po;
            break;
        case -2:
            d_in = d_in + po, d_out = d_out + pi;
            break;
        default:
            break; // excluded by the caller
        }
    }
    const V four(scalar_t<V>(4));
    return {b + four * d_out, a - b, a + four * d_in};
}
} // namespace detail

/// GHK reversal potential of ions with |z| in {1, 2} by the Lewis (1979) closed form, unchecked:
/// the caller guarantees valid ions (see the checked overload) with A, C > 0. Value-type generic.
template <value_type V, class PUnit>
voltage<V> ghk_voltage_divalent(unchecked_t, std::span<const ghk_ion<V, PUnit>> ions,
                                const temperature<V>& T) {
    using std::log;
    using std::sqrt;
    using xsimd::log;
    using xsimd::sqrt;
    const auto [A, B, C] = detail::lewis_coeffs(ions);
    const V two(scalar_t<V>(2)), four(scalar_t<V>(4));
    const V s = sqrt(B * B + four * A * C);
    const V x = select(B >= V(scalar_t<V>(0)), (B + s) / (two * A), (two * C) / (s - B));
    return voltage<V>::from_value(-thermal_voltage(T).value() * log(x));
}

/// GHK reversal potential (inside minus outside) of a mixture of mono- and divalent ions, Lewis
/// (1979) closed form. Throws domain_error for an empty list, |z| not in {1, 2}, a negative or
/// non-finite P or concentration (zero is legal), T not positive and finite, or a mixture whose
/// reversal potential does not exist (A or C zero: no ion can carry current one way).
template <value_type V, class PUnit>
voltage<V> ghk_voltage_divalent(std::span<const ghk_ion<V, PUnit>> ions, const temperature<V>& T) {
    detail::check_ghk_ions(ions, 2);
    require_positive("T", T.value(), "K");
    const auto [A, B, C] = detail::lewis_coeffs(ions);
    (void)B;
    require(A > V(0) && is_finite(A), "ions: inward-carrying sum b + 4 d_out", A,
            "> 0 and finite, else the reversal potential is -infinite");
    require(C > V(0) && is_finite(C), "ions: outward-carrying sum a + 4 d_in", C,
            "> 0 and finite, else the reversal potential is +infinite");
    return ghk_voltage_divalent(unchecked, ions, T);
}

/// Convenience overloads for any contiguous range of ions (std::array, std::vector, C array).
template <ghk_ion_range R>
voltage<ghk_range_value_t<R>> ghk_voltage_divalent(const R& ions,
                                                   const temperature<ghk_range_value_t<R>>& T) {
    using Ion = std::ranges::range_value_t<R>;
    return ghk_voltage_divalent(
        std::span<const Ion>(std::ranges::data(ions), std::ranges::size(ions)), T);
}

} // namespace noneq
