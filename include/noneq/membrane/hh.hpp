// noneq/membrane/hh.hpp — the Hodgkin-Huxley squid giant axon, exactly as NEURON's hh.mod
// (Hodgkin & Huxley 1952, J Physiol 117:500-544, in the modern sign convention: V is inside
// minus outside, resting near -65 mV, outward current positive).
//
// The rate functions are written once over the value type V (float, double, long double or an
// xsimd::batch), in NEURON's units: V in mV, rates in 1/ms, time constants in ms, conductance
// densities in mS/cm^2 and current densities in uA/cm^2 (mS/cm^2 * mV = uA/cm^2; with
// C = 1 uF/cm^2, dV/dt in mV/ms = I in uA/cm^2). They are plain values because they sit in the
// per-step inner loops of single cells and of SIMD populations; units stay at the API edge.
//
// hh.mod's procedure rates(v), reproduced here term by term:
//   q10   = 3^((celsius - 6.3)/10)
//   m: alpha = 0.1 vtrap(-(v+40), 10)     beta = 4 math::exp(-(v+65)/18)
//   h: alpha = 0.07 math::exp(-(v+65)/20)       beta = 1 / (math::exp(-(v+35)/10) + 1)
//   n: alpha = 0.01 vtrap(-(v+55), 10)    beta = 0.125 math::exp(-(v+65)/80)
//   x_inf = alpha/(alpha+beta),  tau_x = 1/(q10 (alpha+beta))
// with vtrap(x, y) = x/(exp(x/y) - 1), evaluated through noneq::vtrap (exprel), which is exact
// through x = 0 (hh.mod switches to a first-order series for |x/y| < 1e-6; the two agree to
// ~1e-12 relative there). NEURON by default interpolates these rates from a 200-interval table
// over -100..100 mV; noneq evaluates them exactly.
//
// Parameters (hh.mod PARAMETER block and NEURON's default ion reversal potentials):
//   gnabar 0.12 S/cm^2, gkbar 0.036 S/cm^2, gl 0.0003 S/cm^2, el -54.3 mV, ena 50 mV,
//   ek -77 mV, cm 1 uF/cm^2, celsius 6.3 degC (NEURON's default), v_init -65 mV.
#pragma once

#include <noneq/core/exprel.hpp>
#include <noneq/core/value_traits.hpp>
#include <noneq/membrane/gates.hpp>

#include <cmath>

namespace noneq::hh {

// ---- parameters (hh.mod) ---------------------------------------------------------------------
inline constexpr double gnabar_S_per_cm2 = 0.12;  ///< peak Na conductance density
inline constexpr double gkbar_S_per_cm2 = 0.036;  ///< peak K conductance density
inline constexpr double gl_S_per_cm2 = 0.0003;    ///< leak conductance density
inline constexpr double gnabar_mS_per_cm2 = 120.; ///< the same in mS/cm^2 (I in uA/cm^2)
inline constexpr double gkbar_mS_per_cm2 = 36.;
inline constexpr double gl_mS_per_cm2 = 0.3;
inline constexpr double el_mV = -54.3;       ///< leak reversal
inline constexpr double ena_mV = 50.0;       ///< NEURON's default ena
inline constexpr double ek_mV = -77.0;       ///< NEURON's default ek
inline constexpr double cm_uF_per_cm2 = 1.0; ///< specific membrane capacitance
inline constexpr double celsius_ref = 6.3;   ///< temperature at which q10 = 1 (degC)
inline constexpr double v_init_mV = -65.0;   ///< NEURON's default initial potential
inline constexpr double q10_base = 3.0;      ///< rate factor per 10 degC

namespace detail {
template <class V>
V c(double x) {
    return V(scalar_t<V>(x));
}
} // namespace detail

/// Temperature factor of all rates, q10 = 3^((celsius - 6.3)/10) (hh.mod).
template <value_type V>
V q10_factor(const V& celsius) {
    return noneq::q10_factor(detail::c<V>(q10_base), celsius, detail::c<V>(celsius_ref));
}

// ---- opening (alpha) and closing (beta) rates at 6.3 degC, 1/ms; v in mV ----------------------
// hh.mod divides by the constants 18, 20, 10, 80 (and vtrap by 10); here those are products with
// the reciprocals (within 1 ulp of the exponent's argument, so ~1e-15 relative in the rate):
// six fewer divisions per cell-step, the most expensive instruction of the step.
template <value_type V>
V alpha_m(const V& v) {
    using detail::c;
    return c<V>(0.1) * (c<V>(10) * exprel(-(v + c<V>(40)) * c<V>(0.1)));
}
template <value_type V>
V beta_m(const V& v) {
    using detail::c;
    return c<V>(4) * math::exp(-(v + c<V>(65)) * c<V>(1.0 / 18));
}
template <value_type V>
V alpha_h(const V& v) {
    using detail::c;
    return c<V>(0.07) * math::exp(-(v + c<V>(65)) * c<V>(0.05));
}
template <value_type V>
V beta_h(const V& v) {
    using detail::c;
    return c<V>(1) / (math::exp(-(v + c<V>(35)) * c<V>(0.1)) + c<V>(1));
}
template <value_type V>
V alpha_n(const V& v) {
    using detail::c;
    return c<V>(0.01) * (c<V>(10) * exprel(-(v + c<V>(55)) * c<V>(0.1)));
}
template <value_type V>
V beta_n(const V& v) {
    using detail::c;
    return c<V>(0.125) * math::exp(-(v + c<V>(65)) * c<V>(1.0 / 80));
}

// ---- the three gates as kinetics policies (membrane/gates.hpp), Q10 = 3 about 6.3 degC ------
struct m_kinetics {
    static constexpr const char* name = "m";
    static constexpr double q10 = q10_base;
    static constexpr double celsius_ref = hh::celsius_ref;
    template <class V>
    static V alpha(const V& v) {
        return alpha_m(v);
    }
    template <class V>
    static V beta(const V& v) {
        return beta_m(v);
    }
};
struct h_kinetics {
    static constexpr const char* name = "h";
    static constexpr double q10 = q10_base;
    static constexpr double celsius_ref = hh::celsius_ref;
    template <class V>
    static V alpha(const V& v) {
        return alpha_h(v);
    }
    template <class V>
    static V beta(const V& v) {
        return beta_h(v);
    }
};
struct n_kinetics {
    static constexpr const char* name = "n";
    static constexpr double q10 = q10_base;
    static constexpr double celsius_ref = hh::celsius_ref;
    template <class V>
    static V alpha(const V& v) {
        return alpha_n(v);
    }
    template <class V>
    static V beta(const V& v) {
        return beta_n(v);
    }
};

// ---- steady states (dimensionless) and time constants (ms): gates.hpp's x_inf and tau ---------
template <value_type V>
V m_inf(const V& v) {
    return gate_inf_tau<m_kinetics>(v, detail::c<V>(1)).inf;
}
template <value_type V>
V h_inf(const V& v) {
    return gate_inf_tau<h_kinetics>(v, detail::c<V>(1)).inf;
}
template <value_type V>
V n_inf(const V& v) {
    return gate_inf_tau<n_kinetics>(v, detail::c<V>(1)).inf;
}
/// tau_m = 1/(q10 (alpha_m + beta_m)), ms.
template <value_type V>
V tau_m(const V& v, const V& q10) {
    return gate_inf_tau<m_kinetics>(v, q10).tau;
}
template <value_type V>
V tau_h(const V& v, const V& q10) {
    return gate_inf_tau<h_kinetics>(v, q10).tau;
}
template <value_type V>
V tau_n(const V& v, const V& q10) {
    return gate_inf_tau<n_kinetics>(v, q10).tau;
}

/// Everything hh.mod's rates(v) computes, in one pass.
template <value_type V>
struct rate_set {
    V m_inf, m_tau, h_inf, h_tau, n_inf, n_tau;
};

template <value_type V>
rate_set<V> rates(const V& v, const V& q10) {
    const auto m = gate_inf_tau<m_kinetics>(v, q10), h = gate_inf_tau<h_kinetics>(v, q10),
               n = gate_inf_tau<n_kinetics>(v, q10);
    return {m.inf, m.tau, h.inf, h.tau, n.inf, n.tau};
}

// ---- currents, uA/cm^2 (outward positive); conductances in mS/cm^2, v in mV -------------------
template <value_type V>
V i_na(const V& v, const V& m, const V& h, const V& gnabar = detail::c<V>(gnabar_mS_per_cm2),
       const V& ena = detail::c<V>(ena_mV)) {
    return gnabar * m * m * m * h * (v - ena);
}
template <value_type V>
V i_k(const V& v, const V& n, const V& gkbar = detail::c<V>(gkbar_mS_per_cm2),
      const V& ek = detail::c<V>(ek_mV)) {
    const V n2 = n * n;
    return gkbar * n2 * n2 * (v - ek);
}
template <value_type V>
V i_l(const V& v, const V& gl = detail::c<V>(gl_mS_per_cm2), const V& el = detail::c<V>(el_mV)) {
    return gl * (v - el);
}
/// Total ionic current density of the default axon, uA/cm^2.
template <value_type V>
V i_ion(const V& v, const V& m, const V& h, const V& n) {
    return i_na(v, m, h) + i_k(v, n) + i_l(v);
}

} // namespace noneq::hh
