// noneq/cardiac/sodium_calcium_exchanger.hpp — the Na+/Ca2+ exchanger current I_NaCa
// as a four-state consecutive transport cycle (Dokos, Celler & Lovell 1996, J Theor Biol
// 181:245-272; Kurata et al. 2002), with the parameters of Severi, Fantini, Charawi &
// DiFrancesco (2012), J Physiol 590(18):4483-4499. With x = V/(RT/F):
//
//   di = 1 + Ca_i/Kci (1 + exp(-Qci x) + Nai/Kcni) + Nai/K1ni (1 + Nai/K2ni (1 + Nai/K3ni))
//   do = 1 + Cao/Kco (1 + exp(Qco x)) + Nao/K1no (1 + Nao/K2no (1 + Nao/K3no))
//   k12 = Ca_i/Kci exp(-Qci x)/di          k21 = Cao/Kco exp(Qco x)/do
//   k14 = Nai^2/(K1ni K2ni) (1 + Nai/K3ni) exp(Qn x/2)/di
//   k23 = Nao^2/(K1no K2no) (1 + Nao/K3no) exp(-Qn x/2)/do
//   k41 = exp(-Qn x/2)   k32 = exp(Qn x/2)   k43 = Nai/(K3ni + Nai)   k34 = Nao/(K3no + Nao)
//   x1..x4 the King-Altman state weights,  I_NaCa = K_NaCa (x2 k21 - x1 k12)/(x1 + x2 + x3 + x4)
//
// I in nA (outward positive: net inward current when Ca2+ leaves the cell, i.e. 3 Na+ in per
// Ca2+ out gives I_NaCa < 0), V and RT/F in mV, concentrations in mM. No singularity: every
// exponential is bounded for physiological V. The constants are quantities named as in Severi's
// CellML; `bind()` gives the plain-valued form (nA, mM) that a right-hand side evaluates.
#pragma once

#include <noneq/cardiac/units.hpp>
#include <noneq/core/error.hpp>
#include <noneq/core/value_traits.hpp>

#include <cmath>

namespace noneq::cardiac {

struct sodium_calcium_exchanger {
    noneq::current<double> K_NaCa = 4.0_nA;      ///< maximal current scale, 4 nA
    double Qci = 0.1369, Qn = 0.4315, Qco = 0.0; ///< charge movements (dimensionless)
    concentration<double> K3ni = 26.44_mM, Kci = 0.0207_mM, K1ni = 395.3_mM, K2ni = 2.289_mM,
                          Kcni = 26.44_mM; ///< inside dissociation constants
    concentration<double> K3no = 4.663_mM, K1no = 1628.0_mM, K2no = 561.4_mM,
                          Kco = 3.663_mM; ///< outside dissociation constants

    /// The exchanger in nA and mM, plain values for a right-hand side.
    struct bound {
        double k_naca_nA, qci, qn, qco;
        double k3ni_mM, kci_mM, k1ni_mM, k2ni_mM, kcni_mM, k3no_mM, k1no_mM, k2no_mM, kco_mM;

        /// Exchanger current in nA (V, RT/F in mV, concentrations in mM); the caller vouches
        /// for nonnegative concentrations.
        template <value_type V>
        V current_nA(unchecked_t, const V& v, const V& nai, const V& nao, const V& cai,
                     const V& cao, const V& rt_over_f_mV) const {
            using std::exp;
            using xsimd::exp;
            const auto c = [](double a) { return V(scalar_t<V>(a)); };
            const V one(1);
            const V x = v / rt_over_f_mV;
            const V e_ci = exp(-c(qci) * x);
            const V e_co = exp(c(qco) * x);
            const V e_n_half = exp(c(0.5 * qn) * x);
            const V di = one + cai / c(kci_mM) * (one + e_ci + nai / c(kcni_mM)) +
                         nai / c(k1ni_mM) * (one + nai / c(k2ni_mM) * (one + nai / c(k3ni_mM)));
            const V dout = one + cao / c(kco_mM) * (one + e_co) +
                           nao / c(k1no_mM) * (one + nao / c(k2no_mM) * (one + nao / c(k3no_mM)));
            const V k12 = cai / c(kci_mM) * e_ci / di;
            const V k21 = cao / c(kco_mM) * e_co / dout;
            const V k14 =
                nai * nai / c(k1ni_mM * k2ni_mM) * (one + nai / c(k3ni_mM)) * e_n_half / di;
            const V k23 =
                nao * nao / c(k1no_mM * k2no_mM) * (one + nao / c(k3no_mM)) / e_n_half / dout;
            const V k41 = one / e_n_half;
            const V k32 = e_n_half;
            const V k43 = nai / (c(k3ni_mM) + nai);
            const V k34 = nao / (c(k3no_mM) + nao);
            const V x1 = k41 * k34 * (k23 + k21) + k21 * k32 * (k43 + k41);
            const V x2 = k32 * k43 * (k14 + k12) + k41 * k12 * (k34 + k32);
            const V x3 = k14 * k43 * (k23 + k21) + k12 * k23 * (k43 + k41);
            const V x4 = k23 * k34 * (k14 + k12) + k14 * k21 * (k34 + k32);
            return c(k_naca_nA) * (x2 * k21 - x1 * k12) / (x1 + x2 + x3 + x4);
        }
    };

    /// Converts to nA and mM (mol/m^3 is mM).
    bound bind() const {
        return {in_model_nA(K_NaCa), Qci,          Qn,           Qco,          K3ni.value(),
                Kci.value(),         K1ni.value(), K2ni.value(), Kcni.value(), K3no.value(),
                K1no.value(),        K2no.value(), Kco.value()};
    }

    /// Checked quantity form.
    template <value_type V>
    noneq::current<V> operator()(const voltage<V>& v, const concentration<V>& nai,
                                 const concentration<V>& nao, const concentration<V>& cai,
                                 const concentration<V>& cao, const voltage<V>& rt_over_f) const {
        require_finite("v", v.value(), "V");
        require_nonnegative("nai", nai.value(), "mol/m^3");
        require_nonnegative("nao", nao.value(), "mol/m^3");
        require_nonnegative("cai", cai.value(), "mol/m^3");
        require_nonnegative("cao", cao.value(), "mol/m^3");
        require_positive("rt_over_f", rt_over_f.value(), "V");
        const V mv(scalar_t<V>(1e3));
        return noneq::current<V>::from_value(
            bind().current_nA(unchecked, v.value() * mv, nai.value(), nao.value(), cai.value(),
                              cao.value(), rt_over_f.value() * mv) *
            V(scalar_t<V>(1e-9)));
    }
};

} // namespace noneq::cardiac
