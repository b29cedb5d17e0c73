// noneq/materials/dislocation_climb.hpp — the osmotic (chemical) force of a vacancy
// supersaturation on an edge dislocation and the diffusion-controlled climb it drives.
//
// The five parts: potential = the vacancy chemical potential mu_v = k T ln(c/c0); equilibrium
// reference = c = c0(T); driving force = the osmotic force per length; flux law = vacancy
// diffusion to the dislocation line; dynamics = the decay of the supersaturation
// (materials/vacancy_anneal.hpp).
//
//   force per length   f = (b k T / Omega) ln(c/c0), and the equivalent climb stress
//                      sigma = f / b (Hirth & Lothe, Theory of Dislocations, 2nd ed., 1982, the
//                      chapter on climb; Hull & Bacon, Introduction to Dislocations, 5th ed.,
//                      2011, ch. 3 on climb)
//   climb velocity     steady vacancy diffusion to a cylindrical sink of core radius r_c held at
//                      the local equilibrium c_d, from an outer radius R where c is imposed:
//                      flux per length 2 pi D_v (c - c_d) / (Omega ln(R/r_c)); each absorbed
//                      vacancy advances the half-plane by Omega/b per unit length, so
//                        v = (2 pi D_v c0 / (b ln(R/r_c))) (c/c0 - exp(-sigma_a Omega/kT))
//                      with c_d = c0 exp(-sigma_a Omega / kT) under an applied climb stress
//                      sigma_a (> 0 aiding vacancy absorption; 0 by default). Positive v: the
//                      extra half-plane shrinks (vacancy absorption). (Balluffi & Granato, in
//                      Dislocations in Solids vol. 4, ed. Nabarro, 1979; Hirth & Lothe, ibid.)
//   outer radius       R = 1 / sqrt(pi rho) for a dislocation density rho, r_c = b by default.
#pragma once

#include <noneq/constants.hpp>
#include <noneq/core/error.hpp>
#include <noneq/materials/fcc_metal.hpp>
#include <noneq/units.hpp>

#include <cmath>
#include <numbers>

namespace noneq::materials {

/// Osmotic force per unit length f = (b k T / Omega) ln(c/c0) (N/m); c/c0 > 0.
inline force_per_length<double> osmotic_force(const fcc_metal& m, double c_over_c0,
                                              const temperature<double>& T) {
    m.validate();
    require_positive("c_over_c0", c_over_c0);
    require_positive("T", T.value(), "K");
    const double kT = constants::k_B.value() * T.value();
    return force_per_length<double>::from_value(m.burgers().value() * kT /
                                                m.atomic_volume().value() * std::log(c_over_c0));
}

/// The equivalent climb stress f / b = (k T / Omega) ln(c/c0) (Pa).
inline pressure<double> osmotic_stress(const fcc_metal& m, double c_over_c0,
                                       const temperature<double>& T) {
    return pressure<double>::from_value(osmotic_force(m, c_over_c0, T).value() /
                                        m.burgers().value());
}

/// ln(R / r_c) for dislocation density rho (m^-2): R = 1/sqrt(pi rho), r_c = core_radius_in_b * b.
inline double sink_log_factor(const fcc_metal& m, double rho_per_m2,
                              double core_radius_in_b = 1.0) {
    m.validate();
    require_positive("rho_per_m2", rho_per_m2, "m^-2");
    require_positive("core_radius_in_b", core_radius_in_b);
    const double R = 1.0 / std::sqrt(std::numbers::pi * rho_per_m2);
    const double rc = core_radius_in_b * m.burgers().value();
    require(R > rc, "rho_per_m2", rho_per_m2, "R = 1/sqrt(pi rho) > r_c (rho < 1/(pi r_c^2))",
            "m^-2");
    return std::log(R / rc);
}

/// Climb velocity (m/s) of an edge dislocation absorbing vacancies at supersaturation c/c0 (> 0),
/// at T, with ln(R/r_c) = log_R_over_rc (> 0) and an applied climb stress (Pa, default 0).
inline velocity<double>
climb_velocity(const fcc_metal& m, double c_over_c0, const temperature<double>& T,
               double log_R_over_rc,
               const pressure<double>& applied_climb_stress = pressure<double>::from_value(0.0)) {
    require_positive("c_over_c0", c_over_c0);
    require_positive("log_R_over_rc", log_R_over_rc);
    require_finite("applied_climb_stress", applied_climb_stress.value(), "Pa");
    const double c0 = equilibrium_vacancy_fraction(m, T);
    const double Dv = vacancy_diffusivity(m, T);
    const double kT = constants::k_B.value() * T.value();
    const double cd_over_c0 =
        std::exp(-applied_climb_stress.value() * m.atomic_volume().value() / kT);
    return velocity<double>::from_value(2.0 * std::numbers::pi * Dv * c0 /
                                        (m.burgers().value() * log_R_over_rc) *
                                        (c_over_c0 - cd_over_c0));
}

} // namespace noneq::materials
