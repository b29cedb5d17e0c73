// noneq/potential/ghk_divalent.hpp — the GHK reversal potential of a mixture that includes
// divalent ions (Ca2+, Mg2+, ...): the potential at which the total GHK current
// (flux/ghk_mixture.hpp) vanishes.
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
// General solver (any valences): ghk_reversal brackets the root of the total GHK current in
// u = F V / (RT) (each ion's GHK current increases monotonically with V, so the root is unique)
// and refines it with TOMS 748 (core/roots.hpp). Tolerance: the returned V lies within a final
// bracket of width <= max(2^-49 |u|, 1e-13) * RT/F around a sign change of the computed total
// current, i.e. a relative 2e-15 or 3e-15 V absolute, whichever is larger; beyond that, the
// floating-point noise of the current itself near its zero limits the accuracy (a few ulp of
// the largest single-ion current divided by the total slope). The search is restricted to
// |z u| <= 600 (|V| up to ~15 V at 37 C), where no exponential overflows.
#pragma once

#include <noneq/constants.hpp>
#include <noneq/core/error.hpp>
#include <noneq/core/roots.hpp>
#include <noneq/core/value_traits.hpp>
#include <noneq/flux/ghk_mixture.hpp>
#include <noneq/potential/ghk_voltage.hpp>
#include <noneq/units.hpp>

#include <algorithm>
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

/// Bracketed solver tolerances (see the header comment).
struct ghk_reversal_tolerance {
    static constexpr int bits = 50;            ///< relative: 2^(1-bits) of |u|
    static constexpr double abs_u = 1e-13;     ///< absolute, in units of RT/F
    static constexpr double max_abs_zu = 600.; ///< search range |z u|
};

/// GHK reversal potential (inside minus outside) of ions of any nonzero valences: the unique zero
/// of the total GHK current, bracketed and refined by TOMS 748 (always converges; tolerance in
/// the header comment). Scalar value types (computed in double). Throws domain_error for invalid
/// ions or T, or if the total current does not change sign within the search range (no
/// reversal potential exists, e.g. only inward-carrying ions are permeant).
template <value_type V, class PUnit>
requires(!is_batch_v<V>) voltage<V> ghk_reversal(std::span<const ghk_ion<V, PUnit>> ions,
                                                 const temperature<V>& T) {
    detail::check_ghk_ions(ions, 0);
    require_positive("T", T.value(), "K");
    const double vt = static_cast<double>(thermal_voltage(T).value());
    const auto f = [&](double u) {
        const auto v = voltage<V>::from_value(static_cast<V>(u * vt));
        return static_cast<double>(detail::ghk_charge_flux(ions, v, T));
    };
    // Initial bracket: the finite Nernst potentials of the permeant ions (the total current is
    // <= 0 at the lowest and >= 0 at the highest); widen geometrically where zeros make some
    // Nernst potentials infinite.
    int zmax = 1;
    double lo = 0, hi = 0;
    bool any = false;
    for (const auto& ion : ions) {
        zmax = std::max(zmax, ion.z < 0 ? -ion.z : ion.z);
        const double ci = double(ion.c_in.value()), co = double(ion.c_out.value());
        if (double(ion.P.value()) > 0 && ci > 0 && co > 0) {
            const double u = std::log(co / ci) / ion.z;
            lo = any ? std::min(lo, u) : u;
            hi = any ? std::max(hi, u) : u;
            any = true;
        }
    }
    const double umax = ghk_reversal_tolerance::max_abs_zu / zmax;
    if (f(-umax) == 0 && f(umax) == 0)
        throw domain_error("ions: no ion with P > 0 has a nonzero concentration; the total GHK "
                           "current is zero at every potential and the reversal potential does "
                           "not exist");
    lo = std::clamp(lo, -umax, umax);
    hi = std::clamp(hi, -umax, umax);
    double step = 1.0;
    while (f(lo) > 0 && lo > -umax) {
        lo = std::max(lo - step, -umax);
        step *= 2;
    }
    step = 1.0;
    while (f(hi) < 0 && hi < umax) {
        hi = std::min(hi + step, umax);
        step *= 2;
    }
    const double flo = f(lo), fhi = f(hi);
    if (flo > 0 || fhi < 0)
        throw domain_error(
            "ions: the total GHK current does not change sign for |V| <= " +
            std::to_string(umax * vt) +
            " V; the reversal potential does not exist (no ion carries current one way)");
    const auto r =
        find_root(f, lo, hi, ghk_reversal_tolerance::bits, ghk_reversal_tolerance::abs_u);
    return voltage<V>::from_value(static_cast<V>(r.x * vt));
}

/// Convenience overloads for any contiguous range of ions (std::array, std::vector, C array).
template <ghk_ion_range R>
voltage<ghk_range_value_t<R>> ghk_voltage_divalent(const R& ions,
                                                   const temperature<ghk_range_value_t<R>>& T) {
    using Ion = std::ranges::range_value_t<R>;
    return ghk_voltage_divalent(
        std::span<const Ion>(std::ranges::data(ions), std::ranges::size(ions)), T);
}
template <ghk_ion_range R>
voltage<ghk_range_value_t<R>> ghk_reversal(const R& ions,
                                           const temperature<ghk_range_value_t<R>>& T) {
    using Ion = std::ranges::range_value_t<R>;
    return ghk_reversal(std::span<const Ion>(std::ranges::data(ions), std::ranges::size(ions)), T);
}

} // namespace noneq
