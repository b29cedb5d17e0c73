// noneq/materials/vacancy_anneal.hpp — the decay of a vacancy supersaturation after a quench,
// by absorption at climbing dislocations (the dynamics of the climb story).
//
// State: the vacancy site fraction c and the climb distance y of a dislocation. With dislocation
// density rho and sink strength k^2 = Z rho, Z = 2 pi / ln(R/r_c) (the cylindrical sink of
// materials/dislocation_climb.hpp):
//   dc/dt = -Z rho D_v(T) (c - c0(T)),      dy/dt = v = Z D_v(T) (c - c0(T)) / b
// (so rho b y = c(0) - c(t): every vacancy lost ends in a climbing half-plane). The temperature
// follows Newtonian cooling from the quench temperature T_q to the anneal temperature T_a,
// T(t) = T_a + (T_q - T_a) exp(-t / tau_cool); tau_cool = 0 is an instantaneous quench.
//
// Isothermal (tau_cool = 0) the equation is linear and exact:
//   c(t) - c0 = (c(0) - c0) exp(-t/tau),  tau = 1 / (Z rho D_v(T_a)),
//   y(t) = (c(0) - c0)(1 - exp(-t/tau)) / (rho b)
// (Damask & Dienes, Point Defects in Metals, 1963; Balluffi, J. Nucl. Mater. 69/70 (1978) 240).
// With cooling it is integrated through the front-end (integrate/run.hpp) with the adaptive
// Dormand-Prince 5(4) stepper; a non-finite state stops the run with integration_error.
#pragma once

#include <noneq/core/error.hpp>
#include <noneq/integrate/run.hpp>
#include <noneq/materials/dislocation_climb.hpp>
#include <noneq/materials/fcc_metal.hpp>
#include <noneq/units.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <vector>

namespace noneq::materials {

/// An anneal after a quench.
struct anneal_conditions {
    temperature<double> T_quench;  ///< the temperature the vacancies were equilibrated at
    temperature<double> T_anneal;  ///< the temperature held after the quench
    time<double> tau_cool;         ///< Newtonian cooling time (0: instantaneous quench)
    double rho_per_m2;             ///< dislocation density
    double core_radius_in_b = 1.0; ///< r_c / b

    void validate() const {
        require_positive("T_quench", T_quench.value(), "K");
        require_positive("T_anneal", T_anneal.value(), "K");
        require_nonnegative("tau_cool", tau_cool.value(), "s");
        require_positive("rho_per_m2", rho_per_m2, "m^-2");
    }
};

/// One sample of the anneal.
struct anneal_sample {
    double t_s;             ///< time, s
    double T_K;             ///< temperature, K
    double c;               ///< vacancy site fraction
    double supersaturation; ///< c / c0(T)
    double climb_m;         ///< climb distance of one dislocation, m
};

/// The trajectory.
struct anneal_result {
    std::vector<anneal_sample> samples;
};

/// Temperature at time t.
inline double anneal_temperature(const anneal_conditions& a, double t) {
    if (a.tau_cool.value() <= 0.0) return a.T_anneal.value();
    return a.T_anneal.value() +
           (a.T_quench.value() - a.T_anneal.value()) * std::exp(-t / a.tau_cool.value());
}

/// The isothermal decay time tau = 1/(Z rho D_v(T_a)), s.
inline double anneal_time_constant(const fcc_metal& m, const anneal_conditions& a) {
    a.validate();
    const double Z = 2.0 * std::numbers::pi / sink_log_factor(m, a.rho_per_m2, a.core_radius_in_b);
    return 1.0 / (Z * a.rho_per_m2 * vacancy_diffusivity(m, a.T_anneal));
}

/// The analytic isothermal solution (tau_cool ignored) at time t, starting from c0(T_quench).
inline anneal_sample anneal_exact(const fcc_metal& m, const anneal_conditions& a, double t_s) {
    const double tau = anneal_time_constant(m, a);
    const double ci = equilibrium_vacancy_fraction(m, a.T_quench);
    const double c0 = equilibrium_vacancy_fraction(m, a.T_anneal);
    const double decay = std::exp(-t_s / tau);
    const double c = c0 + (ci - c0) * decay;
    return {t_s, a.T_anneal.value(), c, c / c0,
            (ci - c0) * -std::expm1(-t_s / tau) / (a.rho_per_m2 * m.burgers().value())};
}

namespace detail {
/// The anneal as a model of the front-end (integrate/run.hpp): state {c, y}, time in seconds.
struct anneal_system {
    using state_type = std::array<double, 2>;
    using time_unit = seconds;
    const fcc_metal* m;
    const anneal_conditions* a;
    double Z, b;
    void operator()(const state_type& x, state_type& dxdt, double t) const {
        const auto T = temperature<double>::from_value(anneal_temperature(*a, t));
        const double drive =
            Z * vacancy_diffusivity(*m, T) * (x[0] - equilibrium_vacancy_fraction(*m, T));
        dxdt[0] = -a->rho_per_m2 * drive;
        dxdt[1] = drive / b;
    }
    static const char* variable_name(std::size_t i) { return i == 0 ? "c" : "climb"; }
};
} // namespace detail

/// Integrates the anneal from c(0) = c0(T_quench), y(0) = 0 to t_end with the front-end's
/// dopri5, its steps landing on the sample times, returning n_samples + 1 equally spaced samples.
/// rel_tol: the stepper's relative tolerance; the absolute tolerance is rel_tol * 1e-6 * c(0) on
/// both components (c is a fraction, y in metres; both are small). A non-finite state throws
/// integration_error.
inline anneal_result anneal(const fcc_metal& m, const anneal_conditions& a,
                            const time<double>& t_end, int n_samples = 100,
                            double rel_tol = 1e-10) {
    a.validate();
    require_positive("t_end", t_end.value(), "s");
    require(n_samples >= 1 && n_samples <= 1000000, "n_samples", n_samples, "1..1e6");
    require(rel_tol >= 1e-14 && rel_tol <= 1e-2, "rel_tol", rel_tol, "1e-14..1e-2");
    const double Z = 2.0 * std::numbers::pi / sink_log_factor(m, a.rho_per_m2, a.core_radius_in_b);
    const detail::anneal_system sys{&m, &a, Z, m.burgers().value()};
    const double ci = equilibrium_vacancy_fraction(m, a.T_quench);
    detail::anneal_system::state_type x{ci, 0.0};
    anneal_result out;
    out.samples.reserve(static_cast<std::size_t>(n_samples) + 1);
    run_options opt;
    opt.dt = t_end / static_cast<double>(n_samples);
    opt.abs_tol = rel_tol * 1e-6 * ci;
    opt.rel_tol = rel_tol;
    opt.at = output::stop;
    opt.dt_initial = time<double>::from_value(std::min(
        opt.dt.value(), 1e-3 * std::min(anneal_time_constant(m, a),
                                        a.tau_cool.value() > 0 ? a.tau_cool.value() : 1e300)));
    run(sys, x, time<double>::from_value(0.0), t_end, method::dopri5, opt,
        [&](const detail::anneal_system::state_type& s, double t) {
            const double T = anneal_temperature(a, t);
            out.samples.push_back(
                {t, T, s[0],
                 s[0] / equilibrium_vacancy_fraction(m, temperature<double>::from_value(T)), s[1]});
        });
    return out;
}

} // namespace noneq::materials
