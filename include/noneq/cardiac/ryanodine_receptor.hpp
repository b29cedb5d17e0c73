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
// Concentrations in mM, rates in 1/s. The four occupancies sum to 1 (conserved by the scheme).
#pragma once

#include <noneq/core/value_traits.hpp>

#include <cmath>

namespace noneq::cardiac {

template <class V>
struct ryr_rates {
    V dR, dO, dI, dRI; ///< d/dt of the four occupancies, 1/s
    V release;         ///< j_rel, mM/s
};

struct ryanodine_receptor {
    double ks_per_s = 250e6; ///< release rate constant of an open receptor
    double max_sr = 15.0, min_sr = 1.0;
    double ec50_sr_mM = 0.45;
    double hill_sr = 2.5;
    double ko_ca_per_mM2_s = 10000.0;
    double ki_ca_per_mM_s = 500.0;
    double kim_per_s = 5.0;
    double kom_per_s = 60.0;

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

} // namespace noneq::cardiac
