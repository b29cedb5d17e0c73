// noneq/membrane/pump_nak.hpp — the Na+/K+-ATPase: per cycle it hydrolyses one ATP, moves
// 3 Na+ out and 2 K+ in, and so carries one net positive charge outward (outward current).
//
// The five parts of the story:
//   potential          membrane voltage V (inside minus outside) and the ion concentrations;
//   equilibrium        the pump's reversal (stall) potential
//                        E_pump = 3 E_Na - 2 E_K + dG_ATP / F
//                      (De Weer, Gadsby & Rakowski 1988, Annu Rev Physiol 50:225): with
//                      mammalian gradients and dG_ATP from -52 to -57 kJ/mol, -150 to -200 mV,
//                      far below any resting potential;
//   driving force      the free energy of one cycle
//                        dG_cycle = dG_ATP + 3 RT ln(Na_o/Na_i) + 2 RT ln(K_i/K_o) - F V
//                               = F (E_pump - V),
//                      i.e. the free energy of ATP hydrolysis (negative) plus the work of
//                      moving 3 Na+ out against their electrochemical gradient, 2 K+ in against
//                      theirs, the net charge e out against V (-F V > 0 for V < 0);
//   flux law           I = I_max f(V) s_Na(Na_i) s_K(K_o) tanh(-dG_cycle / (2 RT)):
//                      the saturating kinetic factor of Luo & Rudy 1994 (Circ Res 74:1071,
//                      their I_NaK: K_m,Nai = 10 mM with Hill exponent 1.5, K_m,Ko = 1.5 mM,
//                      f_NaK(V) = 1/(1 + 0.1245 e^{-0.1 FV/RT} + 0.0365 sigma e^{-FV/RT}),
//                      sigma = (e^{Na_o/67.3 mM} - 1)/7) sets the gross cycle turnover, and the
//                      thermodynamic factor splits it into forward and backward cycles in the
//                      ratio J-/J+ = exp(dG_cycle/RT) (T. L. Hill, Free Energy Transduction in
//                      Biology, 1977): (J+ - J-)/(J+ + J-) = tanh(-dG_cycle/(2RT)). The current
//                      vanishes exactly at dG_cycle = 0 (V = E_pump) and reverses beyond it
//                      (the pump then synthesises ATP), bounded by the kinetic factor.
//   dynamics           the pump-leak model (pump_leak.hpp) and Membrane<..., nak_pump>.
//
// ATP use: one ATP per cycle and one net charge per cycle, so J_ATP = I / F (mol m^-2 s^-1).
//
// dG_ATP: the free energy of ATP hydrolysis in the cytosol, dG = dG0' + RT ln([ADP][Pi]/[ATP]),
// dG0' = -30.5 kJ/mol (Nelson & Cox, Lehninger Principles of Biochemistry, ch. 13). The
// default -52 kJ/mol is the phosphorylation potential of human erythrocytes (ATP 2.25, ADP 0.25,
// Pi 1.65 mM: the worked example of Lehninger ch. 13); heart and brain run at -55 to -60 kJ/mol.
#pragma once

#include <noneq/constants.hpp>
#include <noneq/core/error.hpp>
#include <noneq/core/exprel.hpp>
#include <noneq/flux/cycle_turnover.hpp>
#include <noneq/membrane/ions.hpp>
#include <noneq/potential/nernst.hpp>
#include <noneq/potential/reaction.hpp>
#include <noneq/units.hpp>

#include <cmath>

namespace noneq {

/// Parameters of the Na/K pump. Defaults: Luo & Rudy 1994 kinetics (I_max 1.5 uA/cm^2 at
/// C = 1 uF/cm^2, K_m,Nai 10 mM, K_m,Ko 1.5 mM) and the erythrocyte dG_ATP (-52 kJ/mol).
struct nak_pump_parameters {
    current_density<double> i_max = current_density<double>::from_value(1.5e-2); // 1.5 uA/cm^2
    concentration<double> km_na_i = concentration<double>::from_value(10.0);     // mM
    concentration<double> km_k_o = concentration<double>::from_value(1.5);       // mM
    molar_energy<double> dG_atp = molar_energy<double>::from_value(-52.0e3);     // J/mol
};

/// Free energy of one pump cycle, J/mol (negative: the pump runs forward):
///   dG_cycle = dG_ATP + F (3 E_Na - 2 E_K) - F V   (3 RT ln(Na_o/Na_i) = 3 F E_Na, ...).
template <value_type V>
molar_energy<V> nak_cycle_free_energy(unchecked_t, const molar_energy<V>& dG_atp,
                                      const voltage<V>& v, const concentration<V>& na_i,
                                      const concentration<V>& na_o, const concentration<V>& k_i,
                                      const concentration<V>& k_o, const temperature<V>& T) {
    const V F(scalar_t<V>(constants::F.value()));
    const V e_na = nernst(unchecked, 1, na_i, na_o, T).value();
    const V e_k = nernst(unchecked, 1, k_i, k_o, T).value();
    const V work = F * (V(scalar_t<V>(3)) * e_na - V(scalar_t<V>(2)) * e_k - v.value());
    return molar_energy<V>::from_value(dG_atp.value() + work);
}

/// Reversal (stall) potential E_pump = 3 E_Na - 2 E_K + dG_ATP / F.
template <value_type V>
voltage<V> nak_pump_reversal(unchecked_t, const molar_energy<V>& dG_atp,
                             const concentration<V>& na_i, const concentration<V>& na_o,
                             const concentration<V>& k_i, const concentration<V>& k_o,
                             const temperature<V>& T) {
    const V F(scalar_t<V>(constants::F.value()));
    return V(scalar_t<V>(3)) * nernst(unchecked, 1, na_i, na_o, T) -
           V(scalar_t<V>(2)) * nernst(unchecked, 1, k_i, k_o, T) +
           voltage<V>::from_value(dG_atp.value() / F);
}

/// Pump current density (outward positive), unchecked.
template <value_type V>
current_density<V> nak_pump_current(unchecked_t, const nak_pump_parameters& p, const voltage<V>& v,
                                    const concentration<V>& na_i, const concentration<V>& na_o,
                                    const concentration<V>& k_i, const concentration<V>& k_o,
                                    const temperature<V>& T) {
    using std::exp;
    using std::pow;
    using xsimd::exp;
    using xsimd::pow;
    const auto c = [](double x) { return V(scalar_t<V>(x)); };
    const V u = v.value() / thermal_voltage(T).value(); // F V / RT
    // Luo & Rudy 1994: sigma = (exp(Na_o / 67.3 mM) - 1) / 7.
    const V sigma = (exp(na_o.value() / c(67.3)) - c(1)) / c(7);
    const V f_v = c(1) / (c(1) + c(0.1245) * exp(-c(0.1) * u) + c(0.0365) * sigma * exp(-u));
    const V s_na = c(1) / (c(1) + pow(c(p.km_na_i.value()) / na_i.value(), c(1.5)));
    const V s_k = k_o.value() / (k_o.value() + c(p.km_k_o.value()));
    const V dG = nak_cycle_free_energy(unchecked, molar_energy<V>::from_value(c(p.dG_atp.value())),
                                       v, na_i, na_o, k_i, k_o, T)
                     .value();
    const V thermo = net_turnover_fraction(unchecked, molar_energy<V>::from_value(dG), T);
    return current_density<V>::from_value(c(p.i_max.value()) * f_v * s_na * s_k * thermo);
}

namespace detail {
template <value_type V>
void check_nak_args(const voltage<V>& v, const concentration<V>& na_i, const concentration<V>& na_o,
                    const concentration<V>& k_i, const concentration<V>& k_o,
                    const temperature<V>& T) {
    require_finite("v", v.value(), "V");
    require_positive("na_i", na_i.value(), "mol/m^3");
    require_positive("na_o", na_o.value(), "mol/m^3");
    require_positive("k_i", k_i.value(), "mol/m^3");
    require_positive("k_o", k_o.value(), "mol/m^3");
    require_positive("T", T.value(), "K");
}
inline void check_nak_parameters(const nak_pump_parameters& p) {
    require_nonnegative("i_max", p.i_max.value(), "A/m^2");
    require_positive("km_na_i", p.km_na_i.value(), "mol/m^3");
    require_positive("km_k_o", p.km_k_o.value(), "mol/m^3");
    require(p.dG_atp.value() < 0.0 && std::isfinite(p.dG_atp.value()), "dG_atp", p.dG_atp.value(),
            "< 0, finite (hydrolysis releases free energy)", "J/mol");
}
} // namespace detail

/// Free energy of one pump cycle (checked).
template <value_type V>
molar_energy<V> nak_cycle_free_energy(const molar_energy<V>& dG_atp, const voltage<V>& v,
                                      const concentration<V>& na_i, const concentration<V>& na_o,
                                      const concentration<V>& k_i, const concentration<V>& k_o,
                                      const temperature<V>& T) {
    detail::check_nak_args(v, na_i, na_o, k_i, k_o, T);
    require_finite("dG_atp", dG_atp.value(), "J/mol");
    return nak_cycle_free_energy(unchecked, dG_atp, v, na_i, na_o, k_i, k_o, T);
}

/// Pump reversal potential (checked).
template <value_type V>
voltage<V> nak_pump_reversal(const molar_energy<V>& dG_atp, const concentration<V>& na_i,
                             const concentration<V>& na_o, const concentration<V>& k_i,
                             const concentration<V>& k_o, const temperature<V>& T) {
    detail::check_nak_args(voltage<V>::from_value(V(scalar_t<V>(0))), na_i, na_o, k_i, k_o, T);
    require_finite("dG_atp", dG_atp.value(), "J/mol");
    return nak_pump_reversal(unchecked, dG_atp, na_i, na_o, k_i, k_o, T);
}

/// Pump current density (outward positive, checked).
template <value_type V>
current_density<V> nak_pump_current(const nak_pump_parameters& p, const voltage<V>& v,
                                    const concentration<V>& na_i, const concentration<V>& na_o,
                                    const concentration<V>& k_i, const concentration<V>& k_o,
                                    const temperature<V>& T) {
    detail::check_nak_parameters(p);
    detail::check_nak_args(v, na_i, na_o, k_i, k_o, T);
    return nak_pump_current(unchecked, p, v, na_i, na_o, k_i, k_o, T);
}

/// ATP hydrolysed per unit area and time by a pump current density: one ATP per net charge.
template <value_type V>
molar_flux<V> nak_atp_flux(const current_density<V>& i_pump) {
    return molar_flux<V>::from_value(i_pump.value() / V(scalar_t<V>(constants::F.value())));
}

/// The pump as a membrane pump policy (membrane/part.hpp's pump_policy): its current from V
/// and the environment's Na and K concentrations and temperature.
class nak_pump {
public:
    explicit nak_pump(const nak_pump_parameters& p = {}) : p_(p) {
        detail::check_nak_parameters(p_);
    }
    const nak_pump_parameters& parameters() const { return p_; }
    current_density<double> current(const voltage<double>& v, const environment& env) const {
        return nak_pump_current(unchecked, p_, v, env.c_in<ion::na>(), env.c_out<ion::na>(),
                                env.c_in<ion::k>(), env.c_out<ion::k>(), env.T);
    }
    voltage<double> reversal(const environment& env) const {
        return nak_pump_reversal(unchecked, p_.dG_atp, env.c_in<ion::na>(), env.c_out<ion::na>(),
                                 env.c_in<ion::k>(), env.c_out<ion::k>(), env.T);
    }

private:
    nak_pump_parameters p_;
};

} // namespace noneq
