// noneq/potential/ghk_voltage.hpp — the Goldman-Hodgkin-Katz voltage equation, the reversal
// potential of a membrane permeable to several monovalent ions (Goldman 1943; Hodgkin & Katz
// 1949, J Physiol 108:37-77):
//
//   V = (RT/F) ln( (sum_cations P c_out + sum_anions P c_in) / (sum_cations P c_in + sum_anions P
//   c_out) )
//
// Potentials are inside minus outside. Permeabilities may be relative (dimensionless, e.g. the
// squid axon's P_K : P_Na : P_Cl = 1 : 0.04 : 0.45) or absolute (m/s); only their ratios matter.
// The equation holds for |z| == 1 only; for Ca2+ and other valences see ghk_divalent.hpp (closed
// form for |z| <= 2) and flux/ghk_reversal.hpp (any valences, the zero of the total current).
//
// The same `ghk_ion` record describes an ion of any valence for ghk_divalent.hpp and, one layer
// up, for flux/ghk_mixture.hpp and flux/ghk_reversal.hpp (flux/ includes potential/, never the
// other way round).
#pragma once

#include <noneq/constants.hpp>
#include <noneq/core/error.hpp>
#include <noneq/core/exprel.hpp>
#include <noneq/core/value_traits.hpp>
#include <noneq/units.hpp>

#include <cmath>
#include <cstddef>
#include <ranges>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>

namespace noneq {

/// One permeant ion: valence z, permeability P (relative, dimensionless, or absolute, m/s) and
/// its concentrations inside and outside.
template <value_type V, class PUnit = unit::dimensionless>
struct ghk_ion {
    int z;
    quantity<PUnit, V> P;
    concentration<V> c_in;
    concentration<V> c_out;
};

namespace detail {

template <class T>
struct is_ghk_ion : std::false_type {};
template <value_type V, class PUnit>
struct is_ghk_ion<ghk_ion<V, PUnit>> : std::true_type {
    using value_t = V;
    using p_unit = PUnit;
};

/// True if every lane of a condition (bool or batch mask) holds.
template <class M>
bool all_lanes(const M& ok) {
    if constexpr (std::is_same_v<M, bool>)
        return ok;
    else
        return xsimd::all(ok);
}

/// Checks one ion record of a list: permeability >= 0 and concentrations >= 0, all finite, and
/// 0 < |z| <= max_abs_z (max_abs_z = 0: any nonzero z). Names the offending field as
/// `ions[i].field`.
template <value_type V, class PUnit>
void check_ghk_ion(const ghk_ion<V, PUnit>& ion, std::size_t i, int max_abs_z) {
    const auto name = [i](std::string_view field) {
        return "ions[" + std::to_string(i) + "]." + std::string(field);
    };
    if (ion.z == 0 || (max_abs_z > 0 && (ion.z > max_abs_z || ion.z < -max_abs_z)))
        throw domain_error(name("z"), ion.z,
                           max_abs_z == 1   ? "+1 or -1 (monovalent ions only)"
                           : max_abs_z == 2 ? "+-1 or +-2"
                                            : "nonzero integer");
    const V p = ion.P.value(), ci = ion.c_in.value(), co = ion.c_out.value();
    const auto nonneg = [](const V& x) { return x >= V(0) && is_finite(x); };
    if (!all_lanes(nonneg(p))) require(nonneg(p), name("P"), p, ">= 0, finite");
    if (!all_lanes(nonneg(ci))) require(nonneg(ci), name("c_in"), ci, ">= 0, finite", "mol/m^3");
    if (!all_lanes(nonneg(co))) require(nonneg(co), name("c_out"), co, ">= 0, finite", "mol/m^3");
}

/// Checks a non-empty list of ions with 0 < |z| <= max_abs_z (0: any nonzero z); see
/// check_ghk_ion.
template <value_type V, class PUnit>
void check_ghk_ions(std::span<const ghk_ion<V, PUnit>> ions, int max_abs_z = 0) {
    require(!ions.empty(), "ions.size()", ions.size(), ">= 1 ion");
    for (std::size_t i = 0; i < ions.size(); ++i)
        check_ghk_ion(ions[i], i, max_abs_z);
}

} // namespace detail

/// GHK voltage of monovalent ions, unchecked: the caller guarantees |z| == 1 for every ion,
/// P, c_in, c_out >= 0 and finite, T > 0, and that both weighted sums are positive. Only the sign
/// of z is read. Value-type generic (scalar or xsimd batch): no branch on a value.
template <value_type V, class PUnit>
voltage<V> ghk_voltage(unchecked_t, std::span<const ghk_ion<V, PUnit>> ions,
                       const temperature<V>& T) {
    V num(scalar_t<V>(0)), den(scalar_t<V>(0));
    for (const auto& ion : ions) {
        const V p = ion.P.value();
        if (ion.z > 0) {
            num = fma_if_fast(p, ion.c_out.value(), num);
            den = fma_if_fast(p, ion.c_in.value(), den);
        } else {
            num = fma_if_fast(p, ion.c_in.value(), num);
            den = fma_if_fast(p, ion.c_out.value(), den);
        }
    }
    return voltage<V>::from_value(thermal_voltage(T).value() * log_ratio(num, den));
}

/// GHK voltage of monovalent ions (inside minus outside). Throws domain_error for an empty list,
/// |z| != 1, a negative or non-finite P or concentration, T not positive and finite, or a mixture
/// whose potential does not exist (no permeant ion can carry charge one way, e.g. every outside
/// concentration of the permeant cations and inside of the anions is zero).
template <value_type V, class PUnit>
voltage<V> ghk_voltage(std::span<const ghk_ion<V, PUnit>> ions, const temperature<V>& T) {
    detail::check_ghk_ions(ions, 1);
    require_positive("T", T.value(), "K");
    V num(scalar_t<V>(0)), den(scalar_t<V>(0));
    for (const auto& ion : ions) {
        const V p = ion.P.value();
        num = num + p * (ion.z > 0 ? ion.c_out.value() : ion.c_in.value());
        den = den + p * (ion.z > 0 ? ion.c_in.value() : ion.c_out.value());
    }
    require(num > V(0) && is_finite(num), "ions: sum P*c_out (cations) + P*c_in (anions)", num,
            "> 0 and finite, else the GHK voltage is +-infinite");
    require(den > V(0) && is_finite(den), "ions: sum P*c_in (cations) + P*c_out (anions)", den,
            "> 0 and finite, else the GHK voltage is +-infinite");
    return ghk_voltage(unchecked, ions, T);
}

/// A contiguous range of ghk_ion records other than the std::span the core overloads take
/// (std::array, std::vector, a C array, a fixed-extent span).
template <class R>
concept ghk_ion_range =
    std::ranges::contiguous_range<R> && detail::is_ghk_ion<std::ranges::range_value_t<R>>::value &&
    !std::is_same_v<std::remove_cvref_t<R>, std::span<const std::ranges::range_value_t<R>>>;

template <class R>
using ghk_range_value_t = typename detail::is_ghk_ion<std::ranges::range_value_t<R>>::value_t;

/// Convenience overloads: the GHK voltage of any contiguous range of ions.
template <ghk_ion_range R>
voltage<ghk_range_value_t<R>> ghk_voltage(unchecked_t, const R& ions,
                                          const temperature<ghk_range_value_t<R>>& T) {
    using Ion = std::ranges::range_value_t<R>;
    return ghk_voltage(unchecked,
                       std::span<const Ion>(std::ranges::data(ions), std::ranges::size(ions)), T);
}
template <ghk_ion_range R>
voltage<ghk_range_value_t<R>> ghk_voltage(const R& ions,
                                          const temperature<ghk_range_value_t<R>>& T) {
    using Ion = std::ranges::range_value_t<R>;
    return ghk_voltage(std::span<const Ion>(std::ranges::data(ions), std::ranges::size(ions)), T);
}

} // namespace noneq
