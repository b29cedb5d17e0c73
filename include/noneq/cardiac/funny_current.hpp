// noneq/cardiac/funny_current.hpp — the "funny" current I_f of the cardiac pacemaker,
// carried through HCN channels by both Na+ and K+ (DiFrancesco 1981, 2010), in the form of
// Severi, Fantini, Charawi & DiFrancesco (2012), J Physiol 590(18):4483-4499:
//
//   I_f,Na = g_f,Na y^2 Ko/(Ko + Km_f) (V - E_Na) u_Cs(V) (1 - b)
//   I_f,K  = g_f,K  y^2 Ko/(Ko + Km_f) (V - E_K)  u_Cs(V) (1 - b)
//   dy/dt  = (y_inf - y)/tau_y,  y_inf = 1/(1 + exp((V + 52.5 - s)/9))
//   tau_y  = 0.7166529 s / (0.0708 exp(-(V + 5 - s)/20.2791) + 10.6 exp((V - s)/18))
//
// where s is the shift of the activation curve by acetylcholine and isoprenaline, b a fractional
// block of the conductance (Severi's 3 uM ivabradine: b = 0.66) and u_Cs the voltage-dependent
// fraction left unblocked by external Cs+. Severi's 5 mM Cs+ block is a Woodhull block,
//   u_Cs = (Kd/[Cs]) / (Kd/[Cs] + exp(-delta V / 25 mV)),  Kd = 10.6015 mM, delta = 0.71,
// written here for any [Cs]; [Cs] = 0 gives u_Cs = 1. The current reverses at the conductance
// weighted mean of E_Na and E_K (about -4 mV with Severi's equal conductances and ion
// concentrations: E_Na = +78 mV at Nai = 7.5 mM, E_K = -87 mV).
//
// The constants are quantities named as in Severi's CellML. `bind()` gives the plain-valued form
// in the model's CellML units (V in mV, concentrations in mM, conductances in uS, currents in nA,
// uS * mV = nA, time in s), whose functions (first argument `unchecked`) sit in a model's
// right-hand side; the quantity overloads check their input and are for the API edge.
#pragma once

#include <noneq/cardiac/units.hpp>
#include <noneq/core/error.hpp>
#include <noneq/core/value_traits.hpp>
#include <noneq/units.hpp>

#include <cmath>

namespace noneq::cardiac {

namespace detail {
template <class V>
V k(double x) {
    return V(scalar_t<V>(x));
}
} // namespace detail

/// The two ionic components of a current, in nA.
template <class V>
struct na_k_current {
    V na; ///< carried by Na+
    V k;  ///< carried by K+
    V total() const { return na + k; }
};

/// Parameters of I_f (Severi et al. 2012, component "i_f" of the model's CellML).
struct funny_current {
    conductance<double> g_f_Na = 30.0_nS;     ///< maximal Na+ conductance, 0.03 uS
    conductance<double> g_f_K = 30.0_nS;      ///< maximal K+ conductance, 0.03 uS
    concentration<double> Km_f = 45.0_mM;     ///< half-activation of the Ko dependence, 45 mM
    concentration<double> Kd_Cs = 10.6015_mM; ///< Cs+ dissociation constant at 0 mV (Woodhull)
    double delta_Cs = 0.71;                   ///< electrical distance of the Cs+ site
    voltage<double> v_scale_Cs = 25.0_mV;     ///< voltage scale of the Cs+ block, as in the paper

    /// I_f in mV, mM, uS and nA, plain values for a right-hand side.
    struct bound {
        double g_na_uS, g_k_uS, km_ko_mM, cs_kd_mM, cs_delta, cs_v_scale_mV;

        /// Reversal potential of I_f from its Na/K mix: the conductance-weighted mean of E_Na
        /// and E_K.
        template <value_type V>
        V reversal_mV(unchecked_t, const V& e_na, const V& e_k) const {
            using detail::k;
            return (k<V>(g_na_uS) * e_na + k<V>(g_k_uS) * e_k) / k<V>(g_na_uS + g_k_uS);
        }

        /// Fraction of I_f left unblocked by external Cs+ at concentration cs_mM (>= 0).
        template <value_type V>
        V cesium_unblocked(unchecked_t, const V& v, double cs_mM) const {
            using detail::k;
            using std::exp;
            using xsimd::exp;
            if (cs_mM == 0.0) return V(1);
            const V r = k<V>(cs_kd_mM / cs_mM);
            return r / (r + exp(-k<V>(cs_delta / cs_v_scale_mV) * v));
        }

        /// I_f split into its Na+ and K+ parts (nA). `y` is the gate, `unblocked` the product
        /// of the fractions left by drugs (e.g. cesium_unblocked(...) * (1 - b)).
        template <value_type V>
        na_k_current<V> components(unchecked_t, const V& v, const V& y, const V& ko, const V& e_na,
                                   const V& e_k, const V& unblocked) const {
            using detail::k;
            const V open = y * y * ko / (ko + k<V>(km_ko_mM)) * unblocked;
            return {k<V>(g_na_uS) * open * (v - e_na), k<V>(g_k_uS) * open * (v - e_k)};
        }
    };

    /// Converts to uS, mM and mV (mol/m^3 is mM).
    bound bind() const {
        return {in_model_uS(g_f_Na), in_model_uS(g_f_K), Km_f.value(),
                Kd_Cs.value(),       delta_Cs,           in_model_mV(v_scale_Cs)};
    }

    /// Checked quantity form: I_f (total) from V, y in [0, 1], Ko > 0, reversal potentials and
    /// an unblocked fraction in [0, 1].
    template <value_type V>
    noneq::current<V> operator()(const voltage<V>& v, const V& y, const concentration<V>& ko,
                                 const voltage<V>& e_na, const voltage<V>& e_k,
                                 const V& unblocked = V(1)) const {
        require_finite("v", v.value(), "V");
        require(y >= V(0) && y <= V(1), "y", y, "[0, 1]");
        require_positive("ko", ko.value(), "mol/m^3");
        require_finite("e_na", e_na.value(), "V");
        require_finite("e_k", e_k.value(), "V");
        require(unblocked >= V(0) && unblocked <= V(1), "unblocked", unblocked, "[0, 1]");
        const auto mv = detail::k<V>(1e3);
        const auto i = bind().components(unchecked, v.value() * mv, y, ko.value(),
                                         e_na.value() * mv, e_k.value() * mv, unblocked);
        return noneq::current<V>::from_value(i.total() * detail::k<V>(1e-9));
    }
};

/// The HCN gate y of Severi et al. (2012); shift_mV moves both y_inf and tau_y along V.
struct funny_gate {
    /// Steady-state activation.
    template <value_type V>
    static V steady_state(const V& v, const V& shift_mV) {
        using detail::k;
        using std::exp;
        using xsimd::exp;
        return V(1) / (V(1) + exp((v + k<V>(52.5) - shift_mV) / k<V>(9)));
    }
    /// Time constant in s.
    template <value_type V>
    static V tau_s(const V& v, const V& shift_mV) {
        using detail::k;
        using std::exp;
        using xsimd::exp;
        const V u = v - shift_mV;
        return k<V>(0.7166529) / (k<V>(0.0708) * exp(-(u + k<V>(5)) / k<V>(20.2791)) +
                                  k<V>(10.6) * exp(u / k<V>(18)));
    }
    /// dy/dt in 1/s.
    template <value_type V>
    static V rate(const V& v, const V& y, const V& shift_mV) {
        return (steady_state(v, shift_mV) - y) / tau_s(v, shift_mV);
    }
};

/// Shift of the I_f activation curve by acetylcholine (mV, negative), Severi et al. (2012):
/// -1 - 9.898 c^0.618 / (c^0.618 + 1.22423e-3) with c in mM, and 0 without ACh. (The model is
/// discontinuous at 0: any ACh > 0 shifts by at least -1 mV.)
inline double funny_ach_shift_mV(double ach_mM) {
    require(ach_mM >= 0.0 && std::isfinite(ach_mM), "ach_mM", ach_mM, ">= 0, finite", "mM");
    if (ach_mM == 0.0) return 0.0;
    const double p = std::pow(ach_mM, 0.618);
    return -1.0 - 9.898 * p / (p + 0.00122423);
}

} // namespace noneq::cardiac
