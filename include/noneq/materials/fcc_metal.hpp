// noneq/materials/fcc_metal.hpp — point-defect data of fcc metals for vacancy-driven processes
// (dislocation climb, vacancy annealing): geometry, vacancy formation and migration.
//
//   b = a / sqrt(2)                    Burgers vector of the a/2<110> dislocation
//   Omega = a^3 / 4                    atomic volume (4 atoms per cubic cell)
//   c0(T) = exp(S_f/k) exp(-E_f/kT)    equilibrium vacancy site fraction
//   D_v(T) = a^2 nu exp(-E_m/kT)       vacancy diffusivity: 12 neighbours, jump length a/sqrt 2,
//                                      D = (1/6) z lambda^2 Gamma = a^2 Gamma; attempt frequency
//                                      nu = k theta_D / h, migration entropy neglected
//   D_sd(T) = f c0 D_v                 self-diffusion, correlation factor f = 0.7815 (fcc)
//
// Data (room-temperature lattice constants: Ashcroft & Mermin, Solid State Physics, Table 4.3;
// Debye temperatures: Kittel, Introduction to Solid State Physics, 8th ed., ch. 5, Table 1;
// vacancy formation enthalpy, entropy and migration enthalpy: Ehrhart, in Landolt-Boernstein
// New Series III/25, "Atomic Defects in Metals" (Springer, 1991), the recommended values):
//   Al  a = 4.05 A, theta_D = 428 K, E_f = 0.67 eV, S_f = 0.7 k, E_m = 0.61 eV, T_m = 933.5 K
//   Cu  a = 3.61 A, theta_D = 343 K, E_f = 1.28 eV, S_f = 1.5 k, E_m = 0.70 eV, T_m = 1357.8 K
// Neglecting the migration entropy (about 1-2 k) puts D_sd a factor 3-5 below the measured
// lattice self-diffusion (Frost & Ashby, Deformation-Mechanism Maps, 1982: Al D0 = 1.7e-4 m^2/s,
// Q = 142 kJ/mol; Cu D0 = 2.0e-5 m^2/s, Q = 197 kJ/mol); tests check the factor stays < 10.
#pragma once

#include <noneq/constants.hpp>
#include <noneq/core/error.hpp>
#include <noneq/units.hpp>

#include <cmath>
#include <string>
#include <string_view>

namespace noneq::materials {

/// Vacancy data of an fcc metal (SI; energies in eV for readability).
struct fcc_metal {
    std::string_view name;
    double a_m;        ///< lattice constant, m
    double theta_D_K;  ///< Debye temperature, K
    double E_f_eV;     ///< vacancy formation enthalpy
    double S_f_over_k; ///< vacancy formation entropy / k_B
    double E_m_eV;     ///< vacancy migration enthalpy
    double T_melt_K;   ///< melting point

    /// Throws domain_error for data that cannot describe a metal.
    void validate() const {
        require(a_m > 0 && a_m < 1e-8, "a_m", a_m, "0 < a < 1e-8 m");
        require_positive("theta_D_K", theta_D_K, "K");
        require(E_f_eV > 0 && E_f_eV < 20, "E_f_eV", E_f_eV, "0 < E_f < 20 eV");
        require(std::abs(S_f_over_k) < 50, "S_f_over_k", S_f_over_k, "|S_f/k| < 50");
        require(E_m_eV > 0 && E_m_eV < 20, "E_m_eV", E_m_eV, "0 < E_m < 20 eV");
        require_positive("T_melt_K", T_melt_K, "K");
    }
    /// Burgers vector a/sqrt(2).
    length<double> burgers() const { return length<double>::from_value(a_m / std::sqrt(2.0)); }
    /// Atomic volume a^3/4.
    volume<double> atomic_volume() const {
        return volume<double>::from_value(a_m * a_m * a_m / 4.0);
    }
    /// Attempt frequency k theta_D / h, 1/s.
    double attempt_frequency() const {
        return constants::k_B.value() * theta_D_K / constants::h.value();
    }
};

/// Aluminium (data and sources in the header comment).
inline constexpr fcc_metal aluminium{"Al", 4.05e-10, 428.0, 0.67, 0.7, 0.61, 933.47};
/// Copper (data and sources in the header comment).
inline constexpr fcc_metal copper{"Cu", 3.61e-10, 343.0, 1.28, 1.5, 0.70, 1357.77};

/// Looks a metal up by symbol ("Al" or "Cu"); throws domain_error otherwise.
inline const fcc_metal& fcc_metal_by_name(std::string_view name) {
    if (name == "Al") return aluminium;
    if (name == "Cu") return copper;
    throw domain_error("material '" + std::string(name) + "' is not known (allowed: Al, Cu)");
}

namespace detail {
/// kT in eV: numerically the thermal voltage k_B T / e in volts (constants.hpp, written once).
inline double kT_eV(double T) {
    return thermal_voltage(temperature<double>::from_value(T)).value();
}
} // namespace detail

/// Equilibrium vacancy site fraction c0(T) = exp(S_f/k - E_f/kT).
inline double equilibrium_vacancy_fraction(const fcc_metal& m, const temperature<double>& T) {
    m.validate();
    require_positive("T", T.value(), "K");
    return std::exp(m.S_f_over_k - m.E_f_eV / detail::kT_eV(T.value()));
}

/// Vacancy diffusivity D_v(T) = a^2 nu exp(-E_m/kT), m^2/s.
inline double vacancy_diffusivity(const fcc_metal& m, const temperature<double>& T) {
    m.validate();
    require_positive("T", T.value(), "K");
    return m.a_m * m.a_m * m.attempt_frequency() * std::exp(-m.E_m_eV / detail::kT_eV(T.value()));
}

/// Self-diffusion coefficient by the vacancy mechanism, f c0 D_v (f = 0.7815, fcc), m^2/s.
inline double self_diffusivity(const fcc_metal& m, const temperature<double>& T) {
    return 0.7815 * equilibrium_vacancy_fraction(m, T) * vacancy_diffusivity(m, T);
}

} // namespace noneq::materials
