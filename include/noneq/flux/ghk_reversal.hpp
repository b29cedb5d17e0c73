// noneq/flux/ghk_reversal.hpp — the GHK reversal potential of a mixture of ions of any nonzero
// valences, found as the zero of the total GHK current (flux/ghk_mixture.hpp).
//
// A reversal potential that has a closed form is an equilibrium reference and lives in potential/
// (ghk_voltage.hpp for monovalent ions, ghk_divalent.hpp for |z| <= 2). One that can only be found
// as the zero of a flux law needs that law, and so lives here in flux/, beside it: flux/ may
// include potential/, potential/ never includes flux/.
//
// ghk_reversal brackets the root of the total GHK current in u = F V / (RT) (each ion's GHK
// current increases monotonically with V, so the root is unique) and refines it with TOMS 748
// (core/roots.hpp). Tolerance: the returned V lies within a final bracket of width
// <= max(2^-49 |u|, 1e-13) * RT/F around a sign change of the computed total current, i.e. a
// relative 2e-15 or 3e-15 V absolute, whichever is larger; beyond that, the floating-point noise
// of the current itself near its zero limits the accuracy (a few ulp of the largest single-ion
// current divided by the total slope). The search is restricted to |z u| <= 600 (|V| up to
// ~15 V at 37 C), where no exponential overflows.
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
#include <string>

namespace noneq {

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

/// Convenience overload for any contiguous range of ions (std::array, std::vector, C array).
template <ghk_ion_range R>
voltage<ghk_range_value_t<R>> ghk_reversal(const R& ions,
                                           const temperature<ghk_range_value_t<R>>& T) {
    using Ion = std::ranges::range_value_t<R>;
    return ghk_reversal(std::span<const Ion>(std::ranges::data(ions), std::ranges::size(ions)), T);
}

} // namespace noneq
