// noneq/flux/ghk_slope.hpp — the slope conductance dI/dV of the Goldman-Hodgkin-Katz current
// (flux/ghk_current.hpp) at fixed concentrations: what an exponential (linearised-implicit)
// membrane step needs from a GHK channel, exactly instead of by finite differences.
//
// With u = zFV/(RT) and h(u) = u/(e^u - 1) = exprel(u), the GHK current is
//   I = zFP (c_in h(-u) - c_out h(u)),
// so dI/dV = zFP (z/V_T) (-c_in h'(-u) - c_out h'(u)), V_T = RT/F, with
//   h'(w) = h(w) (1 - h(-w)) / w,   h'(0) = -1/2.
// The quotient loses about eps/|w| to cancellation near w = 0; for |w| < 0.01 the Taylor series
// h'(w) = -1/2 + w/6 - w^3/180 + w^5/5040 (next term w^7/151200, below 1e-19 there) is used, so
// the slope is within ~1e-14 relative everywhere (tests/test_membrane.cpp).
#pragma once

#include <noneq/constants.hpp>
#include <noneq/core/error.hpp>
#include <noneq/core/exprel.hpp>
#include <noneq/core/value_traits.hpp>
#include <noneq/units.hpp>

namespace noneq {

namespace detail {
/// h'(w) for h(w) = w/(e^w - 1), given h(w) and h(-w).
template <value_type V>
V exprel_derivative(const V& w, const V& h_w, const V& h_minus_w) {
    using std::abs;
    using xsimd::abs;
    const auto c = [](double x) { return V(scalar_t<V>(x)); };
    const V w2 = w * w;
    const V series = c(-0.5) + w * (c(1.0 / 6) + w2 * (c(-1.0 / 180) + w2 * c(1.0 / 5040)));
    const auto small = abs(w) < c(0.01);
    const V safe_w = select(small, c(1), w);
    return select(small, series, h_w * (c(1) - h_minus_w) / safe_w);
}
} // namespace detail

/// dI/dV of the GHK current density at fixed concentrations (S/m^2), unchecked (the arguments
/// of ghk_current).
template <value_type V>
conductance_density<V> ghk_slope(unchecked_t, int z, const permeability<V>& P, const voltage<V>& v,
                                 const concentration<V>& c_in, const concentration<V>& c_out,
                                 const temperature<V>& T) {
    const V zv = V(scalar_t<V>(z)) / thermal_voltage(T).value(); // z/V_T, 1/V
    const V u = v.value() * zv;
    const V h_u = exprel(u), h_mu = exprel(-u);
    const V dh_u = detail::exprel_derivative(u, h_u, h_mu);
    const V dh_mu = detail::exprel_derivative(-u, h_mu, h_u);
    const V zF = V(scalar_t<V>(double(z) * constants::F.value()));
    return conductance_density<V>::from_value(zF * P.value() * zv *
                                              (-(c_in.value() * dh_mu) - c_out.value() * dh_u));
}

} // namespace noneq
