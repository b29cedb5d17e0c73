// noneq/cardiac/ryanodine_receptor.hpp — Ca2+-induced Ca2+ release through the
// ryanodine receptor as a four-state scheme (resting R, open O, inactivated I, resting-
// inactivated RI), whose Ca2+ sensitivity is set by the luminal (junctional SR) Ca2+
// (Shannon, Ginsburg & Bers 2004, Biophys J 87:3351-3371), with the parameters of the
// sinoatrial node models of Maltsev & Lakatta (2009) and Severi, Fantini, Charawi &
// DiFrancesco (2012), J Physiol 590(18):4483-4499:
//
//   kCaSR = MaxSR - (MaxSR - MinSR)/(1 + (EC50_SR/Ca_jsr)^HSR)
//   koSRCa = koCa/kCaSR   kiSRCa = kiCa kCaSR
//   R -> O: koSRCa Ca_sub^2,  O -> R: kom,  R -> RI: kiSRCa Ca_sub,  RI -> R: kim,
//   O -> I: kiSRCa Ca_sub,    I -> O: kim,  I -> RI: kom,             RI -> I: koSRCa Ca_sub^2
//   j_rel = ks O (Ca_jsr - Ca_sub)   (mM/s, out of the junctional SR)
//
// The constants are quantities named as in Severi's CellML; `bind()` gives the plain-valued form
// (concentrations in mM, rates in 1/s) that a right-hand side evaluates. The four occupancies sum
// to 1 (conserved by the scheme).
#pragma once

#include <noneq/cardiac/units.hpp>
#include <noneq/core/value_traits.hpp>

#include <cmath>

namespace noneq::cardiac {

template <class V>
struct ryr_rates {
    V dR, dO, dI, dRI; ///< d/dt of the four occupancies, 1/s
    V release;         ///< j_rel, mM/s
};

struct ryanodine_receptor {
    frequency<double> ks = 250e6 / 1.0_s;                                ///< 250000000 1/s
    double MaxSR = 15.0, MinSR = 1.0;                                    ///< kCaSR range
    concentration<double> EC50_SR = 0.45_mM;                             ///< 0.45 mM
    double HSR = 2.5;                                                    ///< Hill coefficient
    third_order_rate<double> koCa = 10000.0 / (1.0_mM * 1.0_mM * 1.0_s); ///< 10000 1/(mM^2 s)
    second_order_rate<double> kiCa = 500.0 / (1.0_mM * 1.0_s);           ///< 500 1/(mM s)
    frequency<double> kim = 5.0 / 1.0_s;                                 ///< 5 1/s
    frequency<double> kom = 60.0 / 1.0_s;                                ///< 60 1/s

    /// The receptor in mM and 1/s, plain values for a right-hand side.
    struct bound {
        double ks_per_s, max_sr, min_sr, ec50_sr_mM, hill_sr, ko_ca_per_mM2_s, ki_ca_per_mM_s,
            kim_per_s, kom_per_s;

        template <value_type V>
        ryr_rates<V> rates(const V& R, const V& O, const V& I, const V& RI, const V& ca_sub,
                           const V& ca_jsr) const {
            using std::pow;
            using xsimd::pow;
            const auto c = [](double a) { return V(scalar_t<V>(a)); };
            const V kcasr =
                c(max_sr) - c(max_sr - min_sr) / (V(1) + pow(c(ec50_sr_mM) / ca_jsr, c(hill_sr)));
            const V ko = c(ko_ca_per_mM2_s) / kcasr * ca_sub * ca_sub;
            const V ki = c(ki_ca_per_mM_s) * kcasr * ca_sub;
            const V kim = c(kim_per_s), kom = c(kom_per_s);
            const V r_ri = kim * RI - ki * R; // RI -> R net
            const V r_o = ko * R - kom * O;   // R -> O net
            const V o_i = ki * O - kim * I;   // O -> I net
            const V i_ri = kom * I - ko * RI; // I -> RI net
            return {r_ri - r_o, r_o - o_i, o_i - i_ri, i_ri - r_ri,
                    c(ks_per_s) * O * (ca_jsr - ca_sub)};
        }
    };

    /// Converts to mM and 1/s (mol/m^3 is mM: the SI values are the model's).
    bound bind() const {
        return {ks.value(),   MaxSR,        MinSR,       EC50_SR.value(), HSR,
                koCa.value(), kiCa.value(), kim.value(), kom.value()};
    }

    /// The rates at occupancies R, O, I, RI and Ca2+ (mM) in the subspace and junctional SR.
    template <value_type V>
    ryr_rates<V> rates(const V& R, const V& O, const V& I, const V& RI, const V& ca_sub,
                       const V& ca_jsr) const {
        return bind().rates(R, O, I, RI, ca_sub, ca_jsr);
    }
};

} // namespace noneq::cardiac
