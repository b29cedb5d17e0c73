// noneq/bioenergetics/antiporter.hpp — the NHX Na+/H+ antiporter of the tonoplast, which uses the
// proton gradient built by the V-ATPase and V-PPase to sequester Na+ in the vacuole (Blumwald &
// Poole 1985, Plant Physiol. 78:163; Apse, Aharon, Snedden & Blumwald 1999, Science 285:1256).
//
// One cycle moves 1 Na+ from the cytosol into the vacuole and n H+ from the vacuole into the
// cytosol. With dpsi = psi_vac - psi_cyt (electrochemical.hpp's transport_work for each leg):
//   dG = [RT ln(Na_vac/Na_cyt) + F dpsi] + n [ln10 RT (pH_vac - pH_cyt) - F dpsi]
// and the exchange stalls (dG = 0) at the largest Na+ accumulation ratio
//   Na_vac / Na_cyt = 10^(n dpH) exp((n - 1) F dpsi / RT),   dpH = pH_cyt - pH_vac.
// The 1:1 exchange (NHX1, electroneutral) is independent of dpsi: 10^dpH, 100 for dpH = 2.
// An electrogenic n:1 exchange moves n - 1 net charges out of the vacuole per cycle and so gains
// from a positive vacuole.
#pragma once

#include <noneq/core/error.hpp>
#include <noneq/potential/electrochemical.hpp>
#include <noneq/units.hpp>

#include <cmath>

namespace noneq {

/// Free energy of one n H+ : 1 Na+ antiport cycle (Na+ cyt -> vac, n H+ vac -> cyt), J/mol.
template <value_type V>
molar_energy<V> nhx_cycle_free_energy(int n, const concentration<V>& na_cyt,
                                      const concentration<V>& na_vac, V pH_cyt, V pH_vac,
                                      const voltage<V>& dpsi, const temperature<V>& T) {
    require(n >= 1, "n", n, ">= 1 H+ per Na+");
    const auto na_leg = transport_work(1, na_cyt, na_vac, dpsi, T);
    const auto h_leg = proton_transport_work(pH_vac, pH_cyt, voltage<V>(-dpsi), T);
    return na_leg + V(scalar_t<V>(n)) * h_leg;
}

/// Largest Na_vac/Na_cyt the n:1 antiporter can reach (its cycle free energy is zero there).
template <value_type V>
V nhx_max_accumulation(int n, V pH_cyt, V pH_vac, const voltage<V>& dpsi, const temperature<V>& T) {
    using std::exp;
    using xsimd::exp;
    // dG is RT ln(Na ratio) plus the value at equal Na+; any equal concentration will do.
    const auto one = concentration<V>::from_value(V(1));
    const auto g1 = nhx_cycle_free_energy(n, one, one, pH_cyt, pH_vac, dpsi, T);
    return exp(-g1.value() / (V(scalar_t<V>(constants::R.value())) * T.value()));
}

} // namespace noneq
