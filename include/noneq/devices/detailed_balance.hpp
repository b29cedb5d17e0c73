// noneq/devices/detailed_balance.hpp — the Shockley-Queisser detailed-balance limit of a single
// junction solar cell (Shockley & Queisser, J. Appl. Phys. 32 (1961) 510).
//
// The five parts: potential = the quasi-Fermi level splitting q V; equilibrium reference = V = 0
// in the dark at the cell temperature; driving force = the photon flux above the gap; flux law =
// absorption (every photon above E_g gives one electron) minus radiative emission; dynamics = the
// steady state at each bias.
//
//   J_sc = q Phi_sun(E >= E_g)                    (step absorptance, no reflection)
//   J_0  = q Phi_bb(E >= E_g, T_cell)             (emission into a hemisphere, one face)
//   J(V) = J_sc - J_0 (exp(q V / k T_cell) - 1)
//   V_oc = (k T_cell / q) ln(1 + J_sc / J_0)
//   maximum power: v + ln(1 + v) = ln(1 + J_sc/J_0), v = q V_mp / k T (solved by TOMS 748)
//   FF = J_mp V_mp / (J_sc V_oc),   efficiency = J_mp V_mp / P_in
//   ultimate efficiency (V = E_g/q, T_cell -> 0, blackbody sun): x_g integral_{x_g} x^2/(e^x-1)
//   / (pi^4/15), x_g = E_g/k T_s; 44 % at x_g = 2.17 (Shockley & Queisser's u(x_g)).
#pragma once

#include <noneq/constants.hpp>
#include <noneq/core/error.hpp>
#include <noneq/core/roots.hpp>
#include <noneq/devices/spectrum.hpp>
#include <noneq/units.hpp>

#include <cmath>
#include <numbers>

namespace noneq::devices {

/// A detailed-balance cell: its short-circuit and dark saturation current densities, its
/// temperature and the incident power density.
struct sq_cell {
    energy<double> E_g;
    current_density<double> J_sc;
    current_density<double> J_0;
    temperature<double> T_cell;
    power_density<double> P_in;
};

/// The maximum power point and the figures of merit.
struct sq_result {
    voltage<double> V_oc;
    voltage<double> V_mp;
    current_density<double> J_mp;
    power_density<double> P_max;
    double fill_factor;
    double efficiency;
};

namespace detail {
inline sq_cell make_sq_cell(const energy<double>& E_g, const photon_flux<double>& sun_flux,
                            const power_density<double>& P_in, const temperature<double>& T_cell) {
    require_positive("E_g", E_g.value(), "J");
    require_positive("T_cell", T_cell.value(), "K");
    const double q = constants::e.value();
    return {E_g, current_density<double>::from_value(q * sun_flux.value()),
            current_density<double>::from_value(q * blackbody_flux_above(E_g, T_cell).value()),
            T_cell, P_in};
}
} // namespace detail

/// Detailed-balance cell under a tabulated spectrum (e.g. AM1.5G); P_in is the spectrum's
/// trapezoid-integrated irradiance.
inline sq_cell detailed_balance_cell(const energy<double>& E_g, const tabulated_spectrum& sun,
                                     const temperature<double>& T_cell) {
    return detail::make_sq_cell(E_g, sun.flux_above(E_g), sun.irradiance(), T_cell);
}

/// Detailed-balance cell under a blackbody sun; P_in = f sigma T_s^4.
inline sq_cell detailed_balance_cell(const energy<double>& E_g, const blackbody_sun& sun,
                                     const temperature<double>& T_cell) {
    return detail::make_sq_cell(E_g, flux_above(sun, E_g), irradiance(sun), T_cell);
}

/// J(V) = J_sc - J_0 (exp(qV/kT) - 1).
inline current_density<double> current_at(const sq_cell& c, const voltage<double>& V) {
    require_finite("V", V.value(), "V");
    const double v = V.value() / thermal_voltage(c.T_cell).value();
    return current_density<double>::from_value(c.J_sc.value() - c.J_0.value() * std::expm1(v));
}

namespace detail {
/// q V_oc / kT = ln(1 + J_sc/J_0): the one place the open-circuit condition J(V_oc) = 0 is solved.
inline double reduced_open_circuit_voltage(const sq_cell& c) {
    return std::log1p(c.J_sc.value() / c.J_0.value());
}
} // namespace detail

/// V_oc = (kT/q) ln(1 + J_sc/J_0).
inline voltage<double> open_circuit_voltage(const sq_cell& c) {
    require_positive("J_0", c.J_0.value(), "A/m^2");
    return thermal_voltage(c.T_cell) * detail::reduced_open_circuit_voltage(c);
}

/// The maximum power point, fill factor and efficiency. J_sc must be > 0.
inline sq_result max_power_point(const sq_cell& c) {
    require_positive("J_sc", c.J_sc.value(), "A/m^2");
    require_positive("J_0", c.J_0.value(), "A/m^2");
    require_positive("P_in", c.P_in.value(), "W/m^2");
    const double vt = thermal_voltage(c.T_cell).value();
    const double L = detail::reduced_open_circuit_voltage(c); // = q V_oc / kT
    // d(J V)/dV = 0  <=>  e^v (1 + v) = 1 + J_sc/J_0  <=>  v + ln(1+v) - L = 0, root in (0, L).
    const auto r = find_root([L](double v) { return v + std::log1p(v) - L; }, 0.0, L, 52);
    const double vm = r.x * vt;
    const double jm = c.J_sc.value() - c.J_0.value() * std::expm1(r.x);
    const double pm = vm * jm;
    sq_result out{voltage<double>::from_value(L * vt),     voltage<double>::from_value(vm),
                  current_density<double>::from_value(jm), power_density<double>::from_value(pm),
                  pm / (c.J_sc.value() * L * vt),          pm / c.P_in.value()};
    return out;
}

/// Shockley & Queisser's ultimate efficiency u(x_g) = x_g integral_{x_g}^inf x^2/(e^x-1) dx /
/// (pi^4/15) for a blackbody sun at T_s (every photon above E_g delivers exactly E_g).
inline double ultimate_efficiency(const energy<double>& E_g, const temperature<double>& T_sun) {
    require_positive("E_g", E_g.value(), "J");
    require_positive("T_sun", T_sun.value(), "K");
    const double xg = E_g.value() / (constants::k_B.value() * T_sun.value());
    constexpr double pi4_15 =
        std::numbers::pi * std::numbers::pi * std::numbers::pi * std::numbers::pi / 15.0;
    return xg * bose_einstein_tail(2, xg) / pi4_15;
}

} // namespace noneq::devices
