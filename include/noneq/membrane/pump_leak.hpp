// noneq/membrane/pump_leak.hpp — the pump-leak cell: a resting potential that is a steady
// state, not an equilibrium (Tosteson & Hoffman 1960, J Gen Physiol 44:169; with a K-Cl
// cotransporter as in Duesterwald et al. 2018, eLife 7:e39575).
//
//   potential      V and the intracellular Na, K, Cl (outside: a fixed bath);
//   equilibrium    each ion's Nernst potential; at rest none of them equals V;
//   driving force  V - E_ion for the leaks, the pump's cycle free energy (pump_nak.hpp), the
//                  K-Cl cotransporter's RT ln(K_i Cl_i / (K_o Cl_o));
//   flux law       GHK leaks of Na, K, Cl (flux/ghk_current.hpp); the Na/K pump; KCC2,
//                  j = -g_KCC2 dG_KCl / F^2 with dG_KCl the transport work of K+ and Cl- out
//                  (potential/electrochemical.hpp), electroneutral;
//   dynamics       C dV/dt = -I,  d[X]_i/dt = -(A / vol) j_X  (net outward molar flux j_X).
// At the steady state every net flux is zero, so the net current is zero, while each ion leaks
// down its gradient and is carried back by the pump or KCC2 at the cost of ATP (one ATP per pump
// cycle: J_ATP = I_pump / F). Blocking the pump (ouabain) lets the gradients run down over hours
// towards a Donnan equilibrium (the volume is held fixed: there is no water flux, so the cell
// does not swell as a real one would; the end state is the fixed-volume Donnan equilibrium).
//
// The system conserves the charge Q = C A V - F vol (Na_i + K_i - Cl_i) (the impermeant charge
// is fixed), so its steady states form a family labelled by Q; steady_state() keeps Q of the
// start. State: std::array {V mV, Na_i mM, K_i mM, Cl_i mM}; time in seconds (time_unit).
// Integrated through the front-end (integrate/run.hpp) with rosenbrock4 (stiff: the membrane
// charges in ms, concentrations move in hours).
//
// Default cell (a 20 um spherical soma at 37 C, outside concentrations of Hille, Ion Channels of
// Excitable Membranes, 3rd ed., Table 1.1: Na 145, K 4, Cl 123 mM): the permeabilities and the
// KCC2 conductance were chosen (not measured) so that the steady state lies near V = -70 mV,
// Na_i 12, K_i 140, Cl_i 7 mM (P_Na/P_K = 0.067, P_Cl/P_K = 0.1) with the default pump.
#pragma once

#include <noneq/constants.hpp>
#include <noneq/core/error.hpp>
#include <noneq/core/newton.hpp>
#include <noneq/flux/ghk_current.hpp>
#include <noneq/integrate/run.hpp>
#include <noneq/membrane/pump_nak.hpp>
#include <noneq/potential/electrochemical.hpp>
#include <noneq/potential/nernst.hpp>
#include <noneq/units.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <string>
#include <utility>

namespace noneq {

struct pump_leak_parameters {
    temperature<double> T = kelvin(celsius<double>(37.0));
    capacitance_density<double> cm = capacitance_density<double>::from_value(1e-2); // 1 uF/cm^2
    area<double> membrane_area = area<double>::from_value(3.141592653589793 * 20e-6 * 20e-6);
    volume<double> cell_volume =
        volume<double>::from_value(3.141592653589793 * 20e-6 * 20e-6 * 20e-6 / 6.0);
    concentration<double> na_o = concentration<double>::from_value(145.0);
    concentration<double> k_o = concentration<double>::from_value(4.0);
    concentration<double> cl_o = concentration<double>::from_value(123.0);
    permeability<double> p_na = permeability<double>::from_value(2.5e-10); // 2.5e-8 cm/s
    permeability<double> p_k = permeability<double>::from_value(3.75e-9);  // 3.75e-7 cm/s
    permeability<double> p_cl = permeability<double>::from_value(3.75e-10);
    conductance_density<double> g_kcc2 = conductance_density<double>::from_value(1.09e-2);
    nak_pump_parameters pump{};
    double pump_activity = 1.0; ///< fraction of pumps active (0: blocked, e.g. by ouabain)
};

/// Net outward molar fluxes (mol m^-2 s^-1) and currents (A m^-2) at one state.
struct pump_leak_fluxes {
    molar_flux<double> na, k, cl;                      ///< net, per ion
    molar_flux<double> na_leak, k_leak, cl_leak, kcc2; ///< the parts (kcc2: K and Cl each)
    current_density<double> pump, total;               ///< pump current, net membrane current
    molar_flux<double> atp;                            ///< ATP hydrolysed
    molar_energy<double> pump_cycle_free_energy;
};

class pump_leak_cell {
public:
    using state_type = std::array<double, 4>; ///< V mV, Na_i, K_i, Cl_i mM
    using time_unit = seconds;                ///< d/dt per second

    explicit pump_leak_cell(const pump_leak_parameters& p = {}) : p_(p) {
        require_positive("T", p.T.value(), "K");
        require_positive("cm", p.cm.value(), "F/m^2");
        require_positive("membrane_area", p.membrane_area.value(), "m^2");
        require_positive("cell_volume", p.cell_volume.value(), "m^3");
        require_positive("na_o", p.na_o.value(), "mol/m^3");
        require_positive("k_o", p.k_o.value(), "mol/m^3");
        require_positive("cl_o", p.cl_o.value(), "mol/m^3");
        require_nonnegative("p_na", p.p_na.value(), "m/s");
        require_nonnegative("p_k", p.p_k.value(), "m/s");
        require_nonnegative("p_cl", p.p_cl.value(), "m/s");
        require_nonnegative("g_kcc2", p.g_kcc2.value(), "S/m^2");
        require(p.pump_activity >= 0.0 && p.pump_activity <= 1.0, "pump_activity", p.pump_activity,
                "0 .. 1");
        (void)nak_pump{p.pump}; // validates the pump parameters
    }
    const pump_leak_parameters& parameters() const { return p_; }
    void set_pump_activity(double a) {
        require(a >= 0.0 && a <= 1.0, "pump_activity", a, "0 .. 1");
        p_.pump_activity = a;
    }

    /// A state from quantities (checked: V finite, concentrations positive).
    static state_type make_state(const voltage<double>& v, const concentration<double>& na_i,
                                 const concentration<double>& k_i,
                                 const concentration<double>& cl_i) {
        require_finite("v", v.value(), "V");
        require_positive("na_i", na_i.value(), "mol/m^3");
        require_positive("k_i", k_i.value(), "mol/m^3");
        require_positive("cl_i", cl_i.value(), "mol/m^3");
        return {in_mV(v), na_i.value(), k_i.value(), cl_i.value()};
    }
    static std::string variable_name(std::size_t i) {
        constexpr const char* names[] = {"V", "Na_i", "K_i", "Cl_i"};
        return i < 4 ? names[i] : "?";
    }

    pump_leak_fluxes fluxes(const state_type& x) const {
        const auto v = make<unit::voltage>(x[0] * 1e-3);
        const auto c = [](double mM) { return make<unit::concentration>(mM); };
        const double F = constants::F.value();
        pump_leak_fluxes f{};
        f.na_leak = ghk_flux(unchecked, 1, p_.p_na, v, c(x[1]), p_.na_o, p_.T);
        f.k_leak = ghk_flux(unchecked, 1, p_.p_k, v, c(x[2]), p_.k_o, p_.T);
        f.cl_leak = ghk_flux(unchecked, -1, p_.p_cl, v, c(x[3]), p_.cl_o, p_.T);
        // KCC2 moves K+ and Cl- out together, so the field does no net work on the pair: its
        // force is the sum of the two concentration works, and the flux is linear in it.
        const auto no_field = make<unit::voltage>(0.0);
        const auto dG_kcl = transport_work(unchecked, 1, c(x[2]), p_.k_o, no_field, p_.T) +
                            transport_work(unchecked, -1, c(x[3]), p_.cl_o, no_field, p_.T);
        f.kcc2 = make<unit::molar_flux>(-p_.g_kcc2.value() * dG_kcl.value() / (F * F));
        f.pump = p_.pump_activity *
                 nak_pump_current(unchecked, p_.pump, v, c(x[1]), p_.na_o, c(x[2]), p_.k_o, p_.T);
        const double jp = f.pump.value() / F; // pump cycles per m^2 and s
        f.atp = make<unit::molar_flux>(jp);
        f.na = f.na_leak + make<unit::molar_flux>(3.0 * jp);
        f.k = f.k_leak + f.kcc2 - make<unit::molar_flux>(2.0 * jp);
        f.cl = f.cl_leak + f.kcc2;
        f.total = make<unit::current_density>(F * (f.na.value() + f.k.value() - f.cl.value()));
        f.pump_cycle_free_energy = nak_cycle_free_energy(unchecked, p_.pump.dG_atp, v, c(x[1]),
                                                         p_.na_o, c(x[2]), p_.k_o, p_.T);
        return f;
    }

    /// odeint system: d/dt of {V mV, Na_i, K_i, Cl_i mM} per second.
    void operator()(const state_type& x, state_type& dxdt, double /*t_s*/) const {
        const auto f = fluxes(x);
        const double a_over_vol = p_.membrane_area.value() / p_.cell_volume.value();
        dxdt[0] = -f.total.value() / p_.cm.value() * 1e3;
        dxdt[1] = -a_over_vol * f.na.value();
        dxdt[2] = -a_over_vol * f.k.value();
        dxdt[3] = -a_over_vol * f.cl.value();
    }

    /// The conserved charge Q = C A V - F vol (Na_i + K_i - Cl_i), coulomb.
    double charge(const state_type& x) const {
        return p_.cm.value() * p_.membrane_area.value() * x[0] * 1e-3 -
               constants::F.value() * p_.cell_volume.value() * (x[1] + x[2] - x[3]);
    }

    /// Nernst potentials (mV) of Na, K, Cl at a state.
    std::array<double, 3> nernst_mV(const state_type& x) const {
        const auto c = [](double mM) { return make<unit::concentration>(mM); };
        return {in_mV(nernst(1, c(x[1]), p_.na_o, p_.T)), in_mV(nernst(1, c(x[2]), p_.k_o, p_.T)),
                in_mV(nernst(-1, c(x[3]), p_.cl_o, p_.T))};
    }

    /// ATP hydrolysed by the whole cell, mol/s.
    double atp_mol_per_s_per_cell(const state_type& x) const {
        return fluxes(x).atp.value() * p_.membrane_area.value();
    }

    /// Integrates x from t0 to t1 through the front-end (integrate/run.hpp) with rosenbrock4
    /// (error controlled, abs/rel tolerance `tol` on mV and mM), calling observer(x, t_s) every
    /// `dt_out` and at t1. A non-finite state stops the run (integration_error; x keeps the last
    /// good state).
    template <class Observer>
    std::size_t run(state_type& x, const time<double>& t0, const time<double>& t1,
                    const time<double>& dt_out, Observer&& observer, double tol = 1e-9) const {
        run_options o;
        o.dt = dt_out;
        o.abs_tol = o.rel_tol = tol;
        return noneq::run(*this, x, t0, t1, method::rosenbrock, o, observer);
    }
    std::size_t run(state_type& x, const time<double>& t0, const time<double>& t1,
                    const time<double>& dt_out) const {
        return run(x, t0, t1, dt_out, [](const state_type&, double) {});
    }

    /// The steady state with the charge Q of x0: integrates `settle` seconds, then Newton on
    /// {j_Na = j_K = j_Cl = 0, Q = Q(x0)} (core/newton.hpp; the flux equations alone are
    /// singular, as Q is conserved). Throws domain_error if Newton does not converge.
    state_type steady_state(const state_type& x0,
                            const time<double>& settle = time<double>::from_value(2e4)) const {
        state_type x = x0;
        const double q0 = charge(x0);
        run(x, time<double>::from_value(0.0), settle, settle);
        const double F = constants::F.value(), vol = p_.cell_volume.value();
        // residual scaled to O(1): fluxes in units of the Na leak scale, Q in units of F vol mM
        const auto residual = [&](const state_type& y) {
            const auto f = fluxes(y);
            const double js = 1e-8;
            return std::array<double, 4>{f.na.value() / js, f.k.value() / js, f.cl.value() / js,
                                         (charge(y) - q0) / (F * vol)};
        };
        return newton_solve<4>(residual, x, {},
                               "pump_leak_cell::steady_state (is the pump blocked or the cell "
                               "without a steady state?)");
    }

private:
    pump_leak_parameters p_;
};

} // namespace noneq
