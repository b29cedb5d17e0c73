// noneq/devices/recombination.hpp — the quasi-Fermi level splitting of an illuminated absorber
// from the balance generation = recombination, with radiative, Shockley-Read-Hall and Auger
// terms, and the implied open-circuit voltage V_oc = Delta mu / q.
//
// Uniform excess carrier density Delta n = Delta p in a slab of thickness W under open circuit:
//   n = n0 + Dn, p = p0 + Dn,  G = R_rad + R_SRH + R_Auger,  Delta mu = k T ln(n p / n_i^2)
//   R_rad   = B (n p - n_i^2)
//   R_SRH   = (n p - n_i^2) / (tau_p (n + n_1) + tau_n (p + p_1)), n_1 = p_1 = n_i (mid-gap trap)
//   R_Auger = (n p - n_i^2)(2.5e-31 g_eeh n0 + 8.5e-32 g_ehh p0 + 3.0e-29 Dn^0.92)  [cm, s]
//             g_eeh = 1 + 13 (1 - tanh((n0/3.3e17)^0.66)), g_ehh = 1 + 7.5 (1 -
//             tanh((p0/7e17)^0.63)) (Richter, Hermle & Glunz, IEEE J. Photovolt. 3 (2013) 1184, and
//             Richter et al., Phys. Rev. B 86 (2012) 165202: the parameterisation for crystalline
//             Si at 300 K).
// Densities are in cm^-3 and rates in cm^-3 s^-1, the units every parameterisation is published
// in; the generation may be given as a current density J_gen = q G W.
//
// Crystalline-Si parameter set (`crystalline_si()`), 25 C:
//   n_i    = 8.6e9 cm^-3 at 298.15 K: an effective value. Altermatt et al., J. Appl. Phys. 93
//            (2003) 1598, give 9.65e9 cm^-3 at 300 K, about 8.3e9 at 25 C; band-gap narrowing
//            at the high injection of the limit raises n_i,eff by a few per cent. Each 1 % in
//            n_i moves the implied V_oc by 0.5 mV.
//   B      = 4.73e-15 cm^3/s (Trupke et al., J. Appl. Phys. 94 (2003) 4930, at 300 K; Nguyen et
//            al., Appl. Phys. Lett. 104 (2014) 112105, find about 4.7e-15 near room temperature)
//   tau_n = tau_p = infinite (no SRH: the intrinsic limit); set finite lifetimes for real wafers
//   undoped, W = 110 um (Richter et al.'s optimum thickness for an undoped cell).
#pragma once

#include <noneq/constants.hpp>
#include <noneq/core/error.hpp>
#include <noneq/core/roots.hpp>
#include <noneq/units.hpp>

#include <cmath>
#include <limits>
#include <utility>

namespace noneq::devices {

/// An absorber for the QFLS balance (densities in cm^-3, times in s).
struct absorber {
    double n_i_cm3;     ///< intrinsic carrier density
    double B_rad_cm3_s; ///< radiative coefficient
    double tau_n_s;     ///< SRH electron lifetime (infinity: no SRH)
    double tau_p_s;     ///< SRH hole lifetime (infinity: no SRH)
    double N_A_cm3;     ///< acceptor density (p-type doping)
    double N_D_cm3;     ///< donor density (n-type doping)
    bool auger;         ///< include Richter's Auger term (crystalline Si)
    length<double> W;   ///< thickness
    temperature<double> T;

    void validate() const {
        require_positive("n_i_cm3", n_i_cm3, "cm^-3");
        require_nonnegative("B_rad_cm3_s", B_rad_cm3_s, "cm^3/s");
        require(tau_n_s > 0 && !std::isnan(tau_n_s), "tau_n_s", tau_n_s, "> 0 (inf: no SRH)", "s");
        require(tau_p_s > 0 && !std::isnan(tau_p_s), "tau_p_s", tau_p_s, "> 0 (inf: no SRH)", "s");
        require_nonnegative("N_A_cm3", N_A_cm3, "cm^-3");
        require_nonnegative("N_D_cm3", N_D_cm3, "cm^-3");
        require_positive("W", W.value(), "m");
        require_positive("T", T.value(), "K");
    }
    /// Equilibrium densities from charge neutrality: {n0, p0}.
    std::pair<double, double> equilibrium() const {
        const double d = 0.5 * (N_D_cm3 - N_A_cm3);
        const double s = std::sqrt(d * d + n_i_cm3 * n_i_cm3);
        // n0 = d + s, computed without cancellation for p-type (d < 0).
        const double n0 = d >= 0 ? d + s : n_i_cm3 * n_i_cm3 / (s - d);
        return {n0, n_i_cm3 * n_i_cm3 / n0};
    }
};

/// The crystalline-Si parameter set documented in the header comment (undoped, 110 um, 25 C).
inline absorber crystalline_si() {
    const double inf = std::numeric_limits<double>::infinity();
    return {8.6e9,
            4.73e-15,
            inf,
            inf,
            0.0,
            0.0,
            true,
            length<double>::from_value(110e-6),
            temperature<double>::from_value(298.15)};
}

/// Recombination rates at one excess density (cm^-3 s^-1).
struct recombination_rates {
    double radiative, srh, auger;
    double total() const { return radiative + srh + auger; }
};

/// The three recombination rates at excess density dn_cm3 >= 0.
inline recombination_rates recombination(const absorber& a, double dn_cm3) {
    a.validate();
    require_nonnegative("dn_cm3", dn_cm3, "cm^-3");
    const auto [n0, p0] = a.equilibrium();
    const double n = n0 + dn_cm3, p = p0 + dn_cm3;
    const double excess = dn_cm3 * (n0 + p0 + dn_cm3); // n p - n_i^2 without cancellation
    recombination_rates r{a.B_rad_cm3_s * excess, 0.0, 0.0};
    if (std::isfinite(a.tau_n_s) || std::isfinite(a.tau_p_s)) {
        const double den = a.tau_p_s * (n + a.n_i_cm3) + a.tau_n_s * (p + a.n_i_cm3);
        r.srh = excess / den;
    }
    if (a.auger) {
        const double geeh = 1.0 + 13.0 * (1.0 - std::tanh(std::pow(n0 / 3.3e17, 0.66)));
        const double gehh = 1.0 + 7.5 * (1.0 - std::tanh(std::pow(p0 / 7.0e17, 0.63)));
        r.auger =
            excess * (2.5e-31 * geeh * n0 + 8.5e-32 * gehh * p0 + 3.0e-29 * std::pow(dn_cm3, 0.92));
    }
    return r;
}

/// The steady state of generation = recombination.
struct qfls_state {
    double dn_cm3;             ///< excess carrier density
    voltage<double> qfls;      ///< Delta mu / q = (k T / q) ln(n p / n_i^2): the implied V_oc
    recombination_rates rates; ///< at the steady state (their total equals the generation)
};

/// Solves G = R(Dn) for the excess density (G in cm^-3 s^-1, > 0) and returns the quasi-Fermi
/// level splitting.
inline qfls_state quasi_fermi_splitting(const absorber& a, double G_cm3_s) {
    a.validate();
    require_positive("G_cm3_s", G_cm3_s, "cm^-3 s^-1");
    const auto f = [&](double ln_dn) {
        return std::log(recombination(a, std::exp(ln_dn)).total() / G_cm3_s);
    };
    // R is increasing in Dn; bracket ln Dn over [1e-20, 1e22] cm^-3 (and say so if it fails).
    const auto root = find_root(f, std::log(1e-20), std::log(1e22), 50);
    const double dn = std::exp(root.x);
    const auto [n0, p0] = a.equilibrium();
    const double ratio = (n0 + dn) * (p0 + dn) / (a.n_i_cm3 * a.n_i_cm3);
    return {dn, thermal_voltage(a.T) * std::log(ratio), recombination(a, dn)};
}

/// The same from a generation current density J_gen = q G W (e.g. a J_sc).
inline qfls_state quasi_fermi_splitting(const absorber& a, const current_density<double>& J_gen) {
    a.validate();
    require_positive("J_gen", J_gen.value(), "A/m^2");
    const double G_m3 = J_gen.value() / (constants::e.value() * a.W.value());
    return quasi_fermi_splitting(a, G_m3 * 1e-6);
}

} // namespace noneq::devices
