// noneq/bioenergetics/vacuole_model.hpp — a kinetic model of a plant vacuole that acidifies and
// sequesters Na+: V-ATPase and V-PPase pump H+ in, the NHX antiporter exchanges vacuolar H+ for
// cytosolic Na+, and passive GHK leaks of H+, Na+ and Cl- (Cl- is the charge-balancing anion)
// close the loop. The tonoplast potential follows its capacitance.
//
// Potential:   dpsi = psi_vac - psi_cyt; dmu_H (proton_pumps.hpp), dG of NHX (antiporter.hpp).
// Reference:   each pathway stops at its own equilibrium (pump static head, NHX 10^dpH, Nernst).
// Flux laws:   a pump or exchanger of cycle free energy dG turns over at
//                j = j_max tanh(-dG / 2RT)   (mol m^-2 s^-1 of cycles; flux/cycle_turnover.hpp),
//              the flux-force relation of a symmetric two-state cycle: zero at dG = 0, the sign
//              of -dG, saturating at j_max (Hill, Free Energy Transduction in Biology, 1977);
//              leaks are GHK fluxes (flux/ghk_current.hpp) with vacuole = inside.
// Dynamics:    the cytosol is a clamped reservoir (its pH, Na+, Cl-, ATP/ADP/Pi and PPi are held
//              by cytosolic homeostasis); the vacuole volume is constant (turgor-held). The
//              vacuolar buffer (total B, pKa) binds H+: total H = h + B h / (h + Ka). States:
//                H_tot, Na, Cl (mM), dpsi (V), and six ledgers (mM of vacuole volume) counting
//                what each pathway has moved in: H+ by V-ATPase, H+ by V-PPase, Na+ by NHX,
//                H+ by leak, Na+ by leak, Cl- by channel.
// Bookkeeping: dH_tot = L_ATPase + L_PPase - n_NHX L_NHX + L_Hleak, dNa = L_NHX + L_Naleak,
//              dCl = L_Cl, and C_m A (dpsi - dpsi0) = F V (dH_tot + dNa - dCl) (charge); these
//              linear invariants are kept by the integrator to rounding (tests check them).
// Values: cytosol pH 7.5, vacuole pH ~5.5 and +20..30 mV (Taiz & Zeiger, Plant Physiology,
// ch. 6); membrane capacitance 1 uF/cm^2; hydrolysis energies as in proton_pumps.hpp.
#pragma once

#include <noneq/bioenergetics/antiporter.hpp>
#include <noneq/bioenergetics/proton_pumps.hpp>
#include <noneq/flux/cycle_turnover.hpp>
#include <noneq/flux/ghk_current.hpp>
#include <noneq/integrate/run.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <numbers>
#include <utility>

namespace noneq {

struct vacuole_parameters {
    double celsius = 25.0;
    double radius_um = 10.0;             ///< spherical vacuole
    double capacitance_uF_per_cm2 = 1.0; ///< tonoplast specific capacitance
    // cytosol (clamped)
    double pH_cyt = 7.5, na_cyt_mM = 10.0, cl_cyt_mM = 20.0;
    double atp_mM = 2.0, adp_mM = 0.2, pi_mM = 5.0, ppi_mM = 0.3;
    // vacuolar buffer (a malate-like weak acid)
    double buffer_mM = 50.0, buffer_pKa = 5.0;
    // transporters: stoichiometry and saturating cycle rate (mol m^-2 s^-1)
    int n_atpase = 2;
    double j_atpase = 1e-7;
    int n_ppase = 1;
    double j_ppase = 5e-8;
    int n_nhx = 1;
    double j_nhx = 5e-8;
    // passive permeabilities (m/s)
    double P_H = 3e-5, P_Na = 5e-10, P_Cl = 1e-8;
    // initial vacuole: equal to the cytosol, no potential
    double pH_vac0 = 7.5, na_vac0_mM = 10.0, cl_vac0_mM = 20.0, dpsi0_mV = 0.0;
};

/// The transport rates at one state, in mM of vacuole volume per second (positive = into the
/// vacuole for the species named).
struct vacuole_fluxes {
    double h_atpase, h_ppase, na_nhx, h_leak, na_leak, cl_channel;
};

class vacuole_model {
public:
    static constexpr std::size_t n_state = 10;
    using state_type = std::array<double, n_state>;
    using time_unit = seconds; ///< d/dt per second
    enum index : std::size_t {
        H_tot,
        Na,
        Cl,
        dpsi,
        L_atpase,
        L_ppase,
        L_nhx,
        L_hleak,
        L_naleak,
        L_cl
    };

    explicit vacuole_model(const vacuole_parameters& p = {}) : p_(p) {
        require(p.celsius > -273.15 && std::isfinite(p.celsius), "celsius", p.celsius, "> -273.15");
        require_positive("radius_um", p.radius_um, "um");
        require_positive("capacitance_uF_per_cm2", p.capacitance_uF_per_cm2);
        const std::pair<const char*, double> conc[] = {
            {"na_cyt_mM", p.na_cyt_mM},   {"cl_cyt_mM", p.cl_cyt_mM},  {"atp_mM", p.atp_mM},
            {"adp_mM", p.adp_mM},         {"pi_mM", p.pi_mM},          {"ppi_mM", p.ppi_mM},
            {"na_vac0_mM", p.na_vac0_mM}, {"cl_vac0_mM", p.cl_vac0_mM}};
        for (const auto& [name, c] : conc)
            require_positive(name, c, "mM");
        require(p.pH_cyt > 0 && p.pH_cyt < 14, "pH_cyt", p.pH_cyt, "0 < pH < 14");
        require(p.pH_vac0 > 0 && p.pH_vac0 < 14, "pH_vac0", p.pH_vac0, "0 < pH < 14");
        require_nonnegative("buffer_mM", p.buffer_mM, "mM");
        require_finite("buffer_pKa", p.buffer_pKa);
        require_finite("dpsi0_mV", p.dpsi0_mV, "mV");
        require(p.n_atpase >= 1, "n_atpase", p.n_atpase, ">= 1");
        require(p.n_ppase >= 1, "n_ppase", p.n_ppase, ">= 1");
        require(p.n_nhx >= 1, "n_nhx", p.n_nhx, ">= 1");
        const std::pair<const char*, double> rate[] = {
            {"j_atpase", p.j_atpase}, {"j_ppase", p.j_ppase}, {"j_nhx", p.j_nhx},
            {"P_H", p.P_H},           {"P_Na", p.P_Na},       {"P_Cl", p.P_Cl}};
        for (const auto& [name, x] : rate)
            require_nonnegative(name, x);
        T_ = kelvin(celsius<double>(p.celsius));
        const double r = p.radius_um * 1e-6;
        area_ = 4 * std::numbers::pi * r * r;
        volume_ = area_ * r / 3;
        cm_ = p.capacitance_uF_per_cm2 * 1e-2 * area_;
        ka_ = std::pow(10.0, 3.0 - p.buffer_pKa);
        dG_atp_ = atp_hydrolysis_free_energy(concentration<double>::from_value(p.atp_mM),
                                             concentration<double>::from_value(p.adp_mM),
                                             concentration<double>::from_value(p.pi_mM), T_);
        dG_ppi_ = ppi_hydrolysis_free_energy(concentration<double>::from_value(p.ppi_mM),
                                             concentration<double>::from_value(p.pi_mM), T_);
    }

    const vacuole_parameters& parameters() const { return p_; }
    double volume_m3() const { return volume_; }
    double area_m2() const { return area_; }
    double capacitance_F() const { return cm_; }
    temperature<double> T() const { return T_; }
    molar_energy<double> dG_atp() const { return dG_atp_; }
    molar_energy<double> dG_ppi() const { return dG_ppi_; }

    /// Total vacuolar H (free + buffer-bound, mM) at free [H+] h (mM).
    double total_h(double h) const { return h + p_.buffer_mM * h / (h + ka_); }

    /// Free [H+] (mM) from total H: the positive root of h^2 + (Ka + B - Ht) h - Ht Ka = 0, taken
    /// in the form without cancellation.
    double free_h(double ht) const {
        const double b = ka_ + p_.buffer_mM - ht, c = ht * ka_;
        const double s = std::sqrt(b * b + 4 * c);
        return b >= 0 ? 2 * c / (b + s) : (s - b) / 2;
    }

    double pH_vac(const state_type& x) const { return 3.0 - std::log10(free_h(x[H_tot])); }

    /// Initial state from the parameters.
    state_type initial_state() const {
        state_type x{};
        x[H_tot] = total_h(std::pow(10.0, 3.0 - p_.pH_vac0));
        x[Na] = p_.na_vac0_mM;
        x[Cl] = p_.cl_vac0_mM;
        x[dpsi] = p_.dpsi0_mV * 1e-3;
        return x;
    }

    vacuole_fluxes fluxes(const state_type& x) const {
        using C = concentration<double>;
        const double pHv = pH_vac(x);
        const auto v = voltage<double>::from_value(x[dpsi]);
        const double to_mM = area_ / volume_; // mol m^-2 s^-1 -> mM/s
        const auto w_h = vacuolar_proton_work(p_.pH_cyt, pHv, v, T_);
        auto turnover = [&](const molar_energy<double>& dG, double jmax) {
            return jmax * net_turnover_fraction(unchecked, dG, T_);
        };
        const double j_atp =
            turnover(pump_cycle_free_energy(p_.n_atpase, dG_atp_, w_h), p_.j_atpase);
        const double j_ppi = turnover(pump_cycle_free_energy(p_.n_ppase, dG_ppi_, w_h), p_.j_ppase);
        const double j_nhx =
            turnover(nhx_cycle_free_energy(p_.n_nhx, C::from_value(p_.na_cyt_mM),
                                           C::from_value(x[Na]), p_.pH_cyt, pHv, v, T_),
                     p_.j_nhx);
        const auto P = [](double p) { return permeability<double>::from_value(p); };
        const double h_cyt = std::pow(10.0, 3.0 - p_.pH_cyt);
        // GHK fluxes are outward (vacuole -> cytosol) positive; negate for "into the vacuole".
        const double h_leak = -ghk_flux(unchecked, 1, P(p_.P_H), v, C::from_value(free_h(x[H_tot])),
                                        C::from_value(h_cyt), T_)
                                   .value();
        const double na_leak = -ghk_flux(unchecked, 1, P(p_.P_Na), v, C::from_value(x[Na]),
                                         C::from_value(p_.na_cyt_mM), T_)
                                    .value();
        const double cl_in = -ghk_flux(unchecked, -1, P(p_.P_Cl), v, C::from_value(x[Cl]),
                                       C::from_value(p_.cl_cyt_mM), T_)
                                  .value();
        // (+ 0.0 turns the -0 of an idle pathway into 0)
        return {p_.n_atpase * j_atp * to_mM + 0.0,
                p_.n_ppase * j_ppi * to_mM + 0.0,
                j_nhx * to_mM + 0.0,
                h_leak * to_mM + 0.0,
                na_leak * to_mM + 0.0,
                cl_in * to_mM + 0.0};
    }

    void operator()(const state_type& x, state_type& dxdt, double /*t*/) const {
        const auto f = fluxes(x);
        const double dh = f.h_atpase + f.h_ppase - p_.n_nhx * f.na_nhx + f.h_leak;
        const double dna = f.na_nhx + f.na_leak;
        const double dcl = f.cl_channel;
        dxdt[H_tot] = dh;
        dxdt[Na] = dna;
        dxdt[Cl] = dcl;
        // charge into the vacuole: F V (dH_tot + dNa - dCl), mM = mol/m^3
        dxdt[dpsi] = constants::F.value() * volume_ * (dh + dna - dcl) / cm_;
        dxdt[L_atpase] = f.h_atpase;
        dxdt[L_ppase] = f.h_ppase;
        dxdt[L_nhx] = f.na_nhx;
        dxdt[L_hleak] = f.h_leak;
        dxdt[L_naleak] = f.na_leak;
        dxdt[L_cl] = f.cl_channel;
    }

    static const char* variable_name(std::size_t i) {
        static constexpr const char* names[n_state] = {
            "H_tot_mM",       "Na_vac_mM",     "Cl_vac_mM",     "dpsi_V",         "ledger_H_ATPase",
            "ledger_H_PPase", "ledger_Na_NHX", "ledger_H_leak", "ledger_Na_leak", "ledger_Cl"};
        return i < n_state ? names[i] : "?";
    }

    /// Mass and charge bookkeeping residuals of x against the initial state x0: H, Na, Cl in mM,
    /// charge in coulombs.
    struct balance {
        double h, na, cl, charge_C;
    };
    balance bookkeeping(const state_type& x0, const state_type& x) const {
        const double dh = x[H_tot] - x0[H_tot], dna = x[Na] - x0[Na], dcl = x[Cl] - x0[Cl];
        return {dh - (x[L_atpase] + x[L_ppase] - p_.n_nhx * x[L_nhx] + x[L_hleak]),
                dna - (x[L_nhx] + x[L_naleak]), dcl - x[L_cl],
                cm_ * (x[dpsi] - x0[dpsi]) - constants::F.value() * volume_ * (dh + dna - dcl)};
    }

    /// Integrates from t0 to t1 through the front-end (integrate/run.hpp) with rosenbrock4
    /// (stiff: the potential relaxes in ms, the pH in minutes), calling observer(x, t_s) every
    /// dt_out (and at t1). The internal output grid, which also sets the first trial step, is at
    /// most 1 s so that no trial step leaves the physical domain. Throws integration_error on a
    /// non-finite state or a failed step, keeping the last good state in x.
    template <class Observer>
    void simulate(state_type& x, const time<double>& t0, const time<double>& t1,
                  const time<double>& dt_out, Observer&& observer, double tol = 1e-9) const {
        require_positive("dt_out", dt_out.value(), "s");
        const double sub = std::ceil(dt_out.value() / 1.0);
        run_options opt;
        opt.dt = dt_out / sub;
        opt.abs_tol = tol;
        opt.rel_tol = tol;
        const double t_end = in_unit<time_unit>(t1);
        const auto every = static_cast<unsigned long long>(sub);
        unsigned long long k = 0;
        run(*this, x, t0, t1, method::rosenbrock, opt, [&](const state_type& s, double t) {
            if (k++ % every == 0 || t >= t_end) observer(s, t);
        });
    }

private:
    vacuole_parameters p_;
    temperature<double> T_;
    double area_, volume_, cm_, ka_;
    molar_energy<double> dG_atp_, dG_ppi_;
};

} // namespace noneq
