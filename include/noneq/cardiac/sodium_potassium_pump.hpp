// noneq/cardiac/sodium_potassium_pump.hpp — the Na+/K+ pump current I_NaK of the
// sinoatrial node models of the DiFrancesco-Noble lineage, in the form of Severi, Fantini,
// Charawi & DiFrancesco (2012), J Physiol 590(18):4483-4499:
//
//   I_NaK = s I_max / ((1 + (Km_K/Ko)^1.2) (1 + (Km_Na/Nai)^1.3) (1 + exp(-(V - E_Na + 110)/20)))
//
// with V and E_Na in mV, concentrations in mM, I in nA and s a scale factor (Severi's
// isoprenaline raises the pump by s = 1.2). Outward (3 Na+ out, 2 K+ in) is positive; the pump
// moves net charge +1 per cycle, i.e. 3 I_NaK of Na+ outward and 2 I_NaK of K+ inward.
// The constants are quantities named as in Severi's CellML; `bind()` gives the plain-valued form
// (nA, mM) that a right-hand side evaluates.
#pragma once

#include <noneq/cardiac/units.hpp>
#include <noneq/core/error.hpp>
#include <noneq/core/value_traits.hpp>

#include <cmath>

namespace noneq::cardiac {

struct sodium_potassium_pump {
    noneq::current<double> i_NaK_max = 63.0_pA; ///< maximal pump current, 0.063 nA
    concentration<double> Km_Kp = 1.4_mM;       ///< external K+ half-activation, 1.4 mM
    concentration<double> Km_Nap = 14.0_mM;     ///< internal Na+ half-activation, 14 mM
    double hill_k = 1.2;                        ///< Hill coefficient of Ko
    double hill_na = 1.3;                       ///< Hill coefficient of Nai

    /// The pump in nA and mM, plain values for a right-hand side.
    struct bound {
        double i_max_nA, km_k_mM, km_na_mM, hill_k, hill_na;

        /// Pump current in nA (V, E_Na in mV, concentrations in mM); the caller vouches for
        /// nai, ko > 0.
        template <value_type V>
        V current_nA(unchecked_t, const V& v, const V& nai, const V& ko, const V& e_na,
                     double scale = 1.0) const {
            using std::exp;
            using std::pow;
            using xsimd::exp;
            using xsimd::pow;
            const V one(1);
            const V fk = one + pow(V(scalar_t<V>(km_k_mM)) / ko, V(scalar_t<V>(hill_k)));
            const V fna = one + pow(V(scalar_t<V>(km_na_mM)) / nai, V(scalar_t<V>(hill_na)));
            const V fv = one + exp(-(v - e_na + V(scalar_t<V>(110))) / V(scalar_t<V>(20)));
            return V(scalar_t<V>(scale * i_max_nA)) / (fk * fna * fv);
        }
    };

    /// Converts to nA and mM.
    bound bind() const {
        return {in_model_nA(i_NaK_max), Km_Kp.value(), Km_Nap.value(), hill_k, hill_na};
    }

    /// Checked quantity form.
    template <value_type V>
    noneq::current<V> operator()(const voltage<V>& v, const concentration<V>& nai,
                                 const concentration<V>& ko, const voltage<V>& e_na,
                                 double scale = 1.0) const {
        require_finite("v", v.value(), "V");
        require_positive("nai", nai.value(), "mol/m^3");
        require_positive("ko", ko.value(), "mol/m^3");
        require_finite("e_na", e_na.value(), "V");
        require(scale >= 0.0 && std::isfinite(scale), "scale", scale, ">= 0, finite");
        const V mv(scalar_t<V>(1e3));
        return noneq::current<V>::from_value(bind().current_nA(unchecked, v.value() * mv,
                                                               nai.value(), ko.value(),
                                                               e_na.value() * mv, scale) *
                                             V(scalar_t<V>(1e-9)));
    }
};

} // namespace noneq::cardiac
