// noneq/cardiac/severi2012.hpp — the rabbit sinoatrial node pacemaker cell of Severi,
// Fantini, Charawi & DiFrancesco (2012), "An updated computational model of rabbit sinoatrial
// action potential to investigate the mechanisms of heart rate modulation", J Physiol
// 590(18):4483-4499, implemented from the authors' CellML description (Physiome Model
// Repository) as a composition of noneq's cardiac policies.
//
// Story: potential V (mV); references E_Na, E_K (noneq::nernst) and the Na/K mixed E_mh of I_Na
// (noneq::ghk_voltage, P_K/P_Na = 0.12); flux laws ohmic (I_f, I_Na, I_Kr, I_Ks, I_to, I_KACh),
// GHK (the Ca2+, K+ and Na+ components of I_CaL and I_CaT through noneq::ghk_current, exact
// through V = 0), pump I_NaK and exchanger I_NaCa; dynamics C dV/dt = -sum I plus Na+ and four
// Ca2+ compartments (subspace, cytosol, network and junctional SR) with buffers.
//
// The constants are quantities (severi2012_parameters.hpp), converted once, when the model is
// built, to its internal units, the CellML's: t in s, V in mV, I in nA, C in uF (so dV/dt = -I/C
// is in mV/s), concentrations in mM, volumes in mm^3, conductances in uS. The per-step path is
// plain values: the state is 31 plain doubles, `std::array<double, 31>`, usable directly as a
// Boost.Odeint state; `rhs` is written once over the value type V (double, or an xsimd::batch to
// evaluate several states at once). The gates' rate formulas keep the CellML's fitted numbers in
// place (V in mV, rates in 1/s).
//
// Faithful to the CellML in every equation and initial value (tests/validation compares every
// derivative, current and flux with an evaluation of the CellML file to 1e-12), including its
// quirks: the Ca2+ and Na+ balances use the L-type components before the ACh/Iso scaling of I_CaL;
// the RyR initial occupancies do not sum to 1 (their sum is conserved); any ACh > 0 shifts I_f by
// at least -1 mV. RT/F uses noneq's exact R and F (26.7123 mV at 310 K; the CellML's constants
// differ by 1e-6). Not included: the 10 mM BAPTA experiment (two extra states in the CellML).
//
// Rate modulation as the paper models it: 3 uM ivabradine = 66 % block of g_f; 5 mM Cs+ = a
// voltage-dependent Woodhull block of I_f (cardiac::funny_current::cesium_unblocked, here for any
// [Cs+]); ACh at any concentration (I_f shift, I_CaL block, SERCA inhibition, I_KACh); 1 uM
// isoprenaline (I_f shift +7.5 mV, I_CaL x1.23 and shift, I_NaK x1.2, I_Ks x1.2 and shift,
// SERCA +25 %) — only 1 uM is modelled, so iso_uM must be 0 or 1.
#pragma once

#include <noneq/cardiac/severi2012_parameters.hpp>
#include <noneq/constants.hpp>
#include <noneq/core/error.hpp>
#include <noneq/core/exprel.hpp>
#include <noneq/flux/ghk_current.hpp>
#include <noneq/potential/ghk_voltage.hpp>
#include <noneq/potential/nernst.hpp>

#include <array>
#include <cmath>
#include <numbers>

namespace noneq::severi2012 {

/// Every current (nA) and flux (mM/s) of the model at one state.
template <class Vt>
struct fluxes {
    Vt i_f, i_fna, i_fk, i_nak, i_naca, i_na, i_cal, i_sica, i_sik, i_sina, i_cat, i_to, i_kr, i_ks,
        i_kach, i_tot;
    Vt j_rel, j_up, j_tr, j_dif;
};

/// Multipliers of three maximal conductances (1: the parameters' own), over the state's value
/// type: a population spreads g_f cell by cell; a dual number (core/dual.hpp) seeded in one gives
/// the sensitivity to it. g_f scales g_f,Na and g_f,K; g_CaL scales P_CaL (all three components of
/// I_CaL, in the Ca2+ and Na+ balances too); g_NaK scales i_NaK,max.
template <class Vt>
struct conductance_scales {
    Vt g_f = Vt(1), g_CaL = Vt(1), g_NaK = Vt(1);
};

/// The constants in the model's internal units (the CellML's: mV, nA, uF, uS, mM, mm^3, s),
/// converted once from the quantities of `parameters`, with the rate modulation folded in.
struct bound_constants {
    double T_K, C_uF, nao, ki, ko, cao, mgi;               // K, uF, mM
    double g_na, g_to, g_kr, g_ks, g_kach;                 // uS (g_ks with its Iso scaling)
    double pa_siCa, pa_siK, pa_siNa, pa_CaT;               // GHK P A of each component, m^3/s
    double km_fca, alpha_fca, p_up, k_up, tau_dif, tau_tr; // mM, 1/s, mM/s, mM, s, s
    double v_sub, v_jsr, v_i, v_nsr;                       // mm^3
    double faraday, rtf, e_k;                              // C/mol, mV, mV
    double shift_f, if_unblocked, nak_scale, cal_scale;    // I_f, I_NaK and I_CaL modulation
    double dl_shift, dl_slope, n_shift, alpha_a;           // gate shifts (mV), I_KACh rate (1/s)
    bool kach_on;                                          // I_KACh present (ACh > 0)
    cardiac::funny_current::bound i_f;                     // the parts, bound
    cardiac::sodium_potassium_pump::bound nak;
    cardiac::sodium_calcium_exchanger::bound naca;
    cardiac::ryanodine_receptor::bound ryr;
    cardiac::calcium_buffer::bound tc, tmc, tmm, cm, cq;

    /// The CellML's permeability ratio P_K/P_Na of the mixed reversal E_mh of I_Na.
    static constexpr double e_mh_pk_over_pna = 0.12;
    /// The CellML's K+ and Na+ components of I_CaL are GHK currents (z = 1) whose z F P A is this
    /// share of P_CaL.
    static constexpr double cal_k_share = 0.000365, cal_na_share = 0.0000185;

    explicit bound_constants(const parameters& p)
        : i_f(p.i_f.bind()), nak(p.nak.bind()), naca(p.naca.bind()), ryr(p.ryr.bind()),
          tc(p.tc.bind()), tmc(p.tmc.bind()), tmm(p.tmm.bind()), cm(p.cm.bind()), cq(p.cq.bind()) {
        using std::pow;
        T_K = p.T.value();
        C_uF = cardiac::in_model_uF(p.C);
        nao = p.Nao.value(); // mol/m^3 = mM
        ki = p.Ki.value();
        ko = p.Ko.value();
        cao = p.Cao.value();
        mgi = p.Mgi.value();
        const double ach = p.ach_nM * 1e-6; // mM
        const bool iso = p.iso_uM > 0.0;
        g_na = cardiac::in_model_uS(p.g_Na);
        g_to = cardiac::in_model_uS(p.g_to);
        g_kr = cardiac::in_model_uS(p.g_Kr);
        g_ks = cardiac::in_model_uS(p.g_Ks) * (iso ? 1.2 : 1.0);
        g_kach = cardiac::in_model_uS(p.g_KACh);
        // The CellML's P_CaL and P_CaT (nA/mM) are z F P A of their Ca2+ GHK currents (z = 2):
        // the permeability-area product P A of each GHK component is its z F P A over z F.
        const volume_rate<double> pa_cal = p.P_CaL / constants::F, pa_cat = p.P_CaT / constants::F;
        pa_siCa = pa_cal.value() / 2.0;
        pa_siK = cal_k_share * pa_cal.value();
        pa_siNa = cal_na_share * pa_cal.value();
        pa_CaT = pa_cat.value() / 2.0;
        km_fca = p.Km_fCa.value();
        alpha_fca = p.alpha_fCa.value();
        const double b_up = iso ? -0.25 : (ach > 0.0 ? 0.7 * ach / (0.00009 + ach) : 0.0);
        p_up = p.P_up_basal.value() * (1.0 - b_up);
        k_up = p.K_up.value();
        tau_dif = p.tau_dif_Ca.value();
        tau_tr = p.tau_tr.value();
        // Cell_parameters: a cylinder of radius R_cell, length L_cell, with a subspace shell of
        // depth L_sub under the membrane.
        const double pi = std::numbers::pi;
        const volume<double> v_cell = pi * p.R_cell * p.R_cell * p.L_cell;
        const volume<double> vsub = 2.0 * pi * p.L_sub * (p.R_cell - p.L_sub / 2.0) * p.L_cell;
        v_sub = cardiac::in_model_mm3(vsub);
        v_jsr = p.V_jsr_part * cardiac::in_model_mm3(v_cell);
        v_i = p.V_i_part * cardiac::in_model_mm3(v_cell) - v_sub;
        v_nsr = p.V_nsr_part * cardiac::in_model_mm3(v_cell);
        faraday = constants::F.value();
        rtf = in_mV(thermal_voltage(p.T));
        e_k = in_mV(nernst(unchecked, 1, p.Ki, p.Ko, p.T));
        shift_f = cardiac::funny_ach_shift_mV(ach) + (iso ? 7.5 : 0.0);
        if_unblocked = (1.0 - p.if_block) * (p.ivabradine ? 1.0 - 0.66 : 1.0);
        nak_scale = iso ? 1.2 : 1.0;
        cal_scale = (1.0 - 0.31 * ach / (ach + 0.00009)) * (iso ? 1.23 : 1.0);
        dl_shift = iso ? -8.0 : 0.0;
        dl_slope = iso ? 0.69 : 1.0;
        n_shift = iso ? -14.0 : 0.0;
        kach_on = ach > 0.0;
        alpha_a = ach > 0.0 ? (3.5988 - 0.025641) / (1.0 + 1.2155e-6 / pow(ach, 1.6951)) + 0.025641
                            : 0.025641;
    }
};

/// The model: parameters validated and converted once; no allocation, no virtual call in `rhs`.
class model {
public:
    using state_type = state;
    explicit model(const parameters& p = {}) : p_(checked(p)), k_(p_) {}

    /// noneq::nernst in the model's units (mM in, mV out), at the model's temperature.
    template <value_type Vt>
    Vt nernst_mV(int z, const Vt& c_in_mM, const Vt& c_out_mM) const {
        return in_mV(nernst(unchecked, z, make<unit::concentration>(c_in_mM),
                            make<unit::concentration>(c_out_mM), temperature_as<Vt>()));
    }

    const parameters& params() const { return p_; }
    const bound_constants& bound() const { return k_; }
    double rt_over_f_mV() const { return k_.rtf; }
    double e_k_mV() const { return k_.e_k; }

    /// A whole-cell GHK current in nA through noneq::ghk_current: the current density of the
    /// permeability-area product pa (m^3/s) spread over a unit area, times that area.
    template <value_type Vt>
    Vt ghk_nA(int z, double pa, const Vt& v_mV, const Vt& c_in_mM, const Vt& c_out_mM) const {
        const auto c = [](double v) { return Vt(scalar_t<Vt>(v)); };
        const area<Vt> unit_area = make<unit::area>(c(1.0));
        const volume_rate<Vt> pa_q = make<unit::volume_rate>(c(pa));
        const noneq::current<Vt> i =
            ghk_current(unchecked, z, pa_q / unit_area, make<unit::voltage>(v_mV * c(1e-3)),
                        make<unit::concentration>(c_in_mM), make<unit::concentration>(c_out_mM),
                        temperature_as<Vt>()) *
            unit_area;
        return i.value() * c(1e9);
    }

    /// The Na/K mixed reversal potential E_mh of I_Na (mV): noneq::ghk_voltage of Na+ and K+
    /// with P_K/P_Na = 0.12 (the CellML's RT/F ln((Nao + 0.12 Ko)/(Nai + 0.12 Ki))).
    template <value_type Vt>
    Vt e_mh_mV(const Vt& nai_mM) const {
        const auto c = [](double v) { return Vt(scalar_t<Vt>(v)); };
        const auto conc = [](const Vt& v) { return make<unit::concentration>(v); };
        const std::array<ghk_ion<Vt>, 2> ions{
            {{1, make<unit::dimensionless>(c(1.0)), conc(nai_mM), conc(c(k_.nao))},
             {1, make<unit::dimensionless>(c(bound_constants::e_mh_pk_over_pna)), conc(c(k_.ki)),
              conc(c(k_.ko))}}};
        return in_mV(ghk_voltage(unchecked, ions, temperature_as<Vt>()));
    }

    /// All currents and fluxes at state x; g_f_scale multiplies I_f's conductances (a value
    /// type like the state's, so that each cell of a population may have its own).
    template <value_type Vt>
    fluxes<Vt> currents(const std::array<Vt, n_states>& x,
                        const Vt& g_f_scale = Vt(scalar_t<Vt>(1))) const {
        return currents(x, conductance_scales<Vt>{g_f_scale});
    }
    /// All currents and fluxes with three conductances scaled (conductance_scales).
    template <value_type Vt>
    fluxes<Vt> currents(const std::array<Vt, n_states>& x, const conductance_scales<Vt>& s) const {
        using std::exp;
        using xsimd::exp;
        const auto c = [](double v) { return Vt(scalar_t<Vt>(v)); };
        const Vt v = x[V], nai = x[Nai];
        const Vt ko = c(k_.ko), ki = c(k_.ki), nao = c(k_.nao), cao = c(k_.cao);
        const Vt ek = c(k_.e_k), rtf = c(k_.rtf);
        const Vt ena = nernst_mV(1, nai, nao);
        fluxes<Vt> f;
        // I_f (HCN, Na+ and K+)
        const Vt unblocked =
            k_.i_f.cesium_unblocked(unchecked, v, p_.cs_mM) * c(k_.if_unblocked) * s.g_f;
        const auto ifc = k_.i_f.components(unchecked, v, x[y], ko, ena, ek, unblocked);
        f.i_fna = ifc.na;
        f.i_fk = ifc.k;
        f.i_f = ifc.total();
        f.i_nak = k_.nak.current_nA(unchecked, v, nai, ko, ena, k_.nak_scale) * s.g_NaK;
        f.i_naca = k_.naca.current_nA(unchecked, v, nai, nao, x[Ca_sub], cao, rtf);
        // I_Na, reversing at the Na/K mixed potential E_mh
        f.i_na = c(k_.g_na) * x[m] * x[m] * x[m] * x[h] * (v - e_mh_mV(nai));
        // I_CaL (Ca2+, K+ and Na+ components) and I_CaT: GHK currents
        const Vt open_l = x[dL] * x[fL] * x[fCa] * s.g_CaL;
        f.i_sica = ghk_nA(2, k_.pa_siCa, v, x[Ca_sub], cao) * open_l;
        f.i_sik = ghk_nA(1, k_.pa_siK, v, ki, ko) * open_l;
        f.i_sina = ghk_nA(1, k_.pa_siNa, v, nai, nao) * open_l;
        f.i_cal = (f.i_sica + f.i_sik + f.i_sina) * c(k_.cal_scale);
        f.i_cat = ghk_nA(2, k_.pa_CaT, v, x[Ca_sub], cao) * x[dT] * x[fT];
        // K+ currents (I_Ks reverses at the CellML's E_Ks = RT/F ln(Ko/Ki) = E_K)
        f.i_to = c(k_.g_to) * (v - ek) * x[q] * x[r];
        f.i_kr = c(k_.g_kr) * (v - ek) * (c(0.9) * x[paF] + c(0.1) * x[paS]) * x[piy];
        f.i_ks = c(k_.g_ks) * (v - ek) * x[n] * x[n];
        f.i_kach = k_.kach_on ? c(k_.g_kach) * (v - ek) * (Vt(1) + exp((v + c(20)) / c(20))) * x[a]
                              : Vt(0);
        f.i_tot = f.i_f + f.i_kr + f.i_ks + f.i_to + f.i_nak + f.i_naca + f.i_na + f.i_cal +
                  f.i_cat + f.i_kach;
        // Ca2+ fluxes between compartments
        f.j_rel = k_.ryr.rates(x[R], x[O], x[I], x[RI], x[Ca_sub], x[Ca_jsr]).release;
        f.j_dif = (x[Ca_sub] - x[Cai]) / c(k_.tau_dif);
        f.j_up = c(k_.p_up) / (Vt(1) + c(k_.k_up) / x[Cai]);
        f.j_tr = (x[Ca_nsr] - x[Ca_jsr]) / c(k_.tau_tr);
        return f;
    }
    /// dx/dt (per second) at state x, I_f's conductances scaled by g_f_scale. Written once over
    /// the value type.
    template <value_type Vt>
    void rhs(const std::array<Vt, n_states>& x, std::array<Vt, n_states>& dx,
             const Vt& g_f_scale = Vt(scalar_t<Vt>(1))) const {
        rhs(x, dx, conductance_scales<Vt>{g_f_scale});
    }
    /// dx/dt with three conductances scaled (conductance_scales).
    template <value_type Vt>
    void rhs(const std::array<Vt, n_states>& x, std::array<Vt, n_states>& dx,
             const conductance_scales<Vt>& s) const {
        using std::exp;
        using xsimd::exp;
        const auto c = [](double v) { return Vt(scalar_t<Vt>(v)); };
        const Vt one(1);
        const Vt v = x[V];
        const fluxes<Vt> f = currents(x, s);
        dx[V] = -f.i_tot / c(k_.C_uF);
        dx[Nai] = -(f.i_na + f.i_fna + f.i_sina + c(3) * f.i_nak + c(3) * f.i_naca) /
                  c((k_.v_i + k_.v_sub) * k_.faraday);
        dx[y] = cardiac::funny_gate::rate(v, x[y], c(k_.shift_f));
        // I_Na gates; alpha_m = 200 E0/(1 - exp(-0.1 E0)) = 2000 exprel(-0.1 E0), E0 = V + 41
        const Vt am = c(2000) * exprel(c(-0.1) * (v + c(41)));
        const Vt bm = c(8000) * exp(c(-0.056) * (v + c(66)));
        dx[m] = am * (one - x[m]) - bm * x[m];
        const Vt ah = c(20) * exp(c(-0.125) * (v + c(75)));
        const Vt bh = c(2000) / (c(320) * exp(c(-0.1) * (v + c(75))) + one);
        dx[h] = ah * (one - x[h]) - bh * x[h];
        // I_CaL gates; the CellML's x/(exp(-x/k) - 1) terms as -k exprel(-x/k)
        const Vt vd = v - c(k_.dl_shift);
        const Vt dl_inf = one / (one + exp(-(vd + c(20.3)) / c(k_.dl_slope * 4.2)));
        const Vt al = c(0.02839 * 2.5) * exprel(-(vd + c(41.8)) / c(2.5)) +
                      c(0.0849 * 4.8) * exprel(-(vd + c(6.8)) / c(4.8));
        const Vt bl = c(0.01143 * 2.5) * exprel((vd + c(1.8)) / c(2.5));
        dx[dL] = (dl_inf - x[dL]) * (al + bl) / c(0.001);
        const Vt fl_inf = one / (one + exp((v + c(37.4)) / c(5.3)));
        const Vt wf = (v + c(36)) / c(10);
        dx[fL] = (fl_inf - x[fL]) / (c(0.001) * (c(44.3) + c(230) * exp(-wf * wf)));
        const Vt fca_inf = c(k_.km_fca) / (c(k_.km_fca) + x[Ca_sub]);
        dx[fCa] = (fca_inf - x[fCa]) * c(k_.alpha_fca / 0.001) / fca_inf;
        // I_CaT gates
        const Vt wt = v + c(38.3);
        dx[dT] = (one / (one + exp(-wt / c(5.5))) - x[dT]) *
                 (c(1.068) * exp(wt / c(30)) + c(1.068) * exp(-wt / c(30))) / c(0.001);
        const Vt wft = v + c(75);
        dx[fT] = (one / (one + exp((v + c(58.7)) / c(3.8))) - x[fT]) *
                 (c(16.67) * exp(-wft / c(83.3)) + c(16.67) * exp(wft / c(15.38)));
        // SR release (RyR) and the Ca2+ buffers
        const auto ryr = k_.ryr.rates(x[R], x[O], x[I], x[RI], x[Ca_sub], x[Ca_jsr]);
        dx[R] = ryr.dR;
        dx[O] = ryr.dO;
        dx[I] = ryr.dI;
        dx[RI] = ryr.dRI;
        dx[fTC] = k_.tc.occupancy_rate(unchecked, x[Cai], x[fTC]);
        dx[fTMC] = k_.tmc.occupancy_rate(unchecked, x[Cai], x[fTMC], x[fTMM]);
        dx[fTMM] = k_.tmm.occupancy_rate(unchecked, c(k_.mgi), x[fTMM], x[fTMC]);
        dx[fCMi] = k_.cm.occupancy_rate(unchecked, x[Cai], x[fCMi]);
        dx[fCMs] = k_.cm.occupancy_rate(unchecked, x[Ca_sub], x[fCMs]);
        dx[fCQ] = k_.cq.occupancy_rate(unchecked, x[Ca_jsr], x[fCQ]);
        // Ca2+ compartments
        dx[Cai] = (f.j_dif * c(k_.v_sub) - f.j_up * c(k_.v_nsr)) / c(k_.v_i) +
                  k_.cm.free_calcium_rate(dx[fCMi]) + k_.tc.free_calcium_rate(dx[fTC]) +
                  k_.tmc.free_calcium_rate(dx[fTMC]);
        dx[Ca_sub] = f.j_rel * c(k_.v_jsr / k_.v_sub) -
                     (f.i_sica + f.i_cat - c(2) * f.i_naca) / c(2 * k_.faraday * k_.v_sub) -
                     f.j_dif + k_.cm.free_calcium_rate(dx[fCMs]);
        dx[Ca_nsr] = f.j_up - f.j_tr * c(k_.v_jsr / k_.v_nsr);
        dx[Ca_jsr] = f.j_tr - f.j_rel + k_.cq.free_calcium_rate(dx[fCQ]);
        // I_to gates
        const Vt tq = c(0.0006) * (c(65.17) / (c(0.57) * exp(c(-0.08) * (v + c(44))) +
                                               c(0.065) * exp(c(0.1) * (v + c(45.93)))) +
                                   c(10.1));
        dx[q] = (one / (one + exp((v + c(49)) / c(13))) - x[q]) / tq;
        const Vt tr =
            c(0.001 * 0.66 * 1.4) * (c(15.59) / (c(1.037) * exp(c(0.09) * (v + c(30.61))) +
                                                 c(0.369) * exp(c(-0.12) * (v + c(23.84)))) +
                                     c(2.98));
        dx[r] = (one / (one + exp(-(v - c(19.3)) / c(15))) - x[r]) / tr;
        // I_Kr gates
        const Vt pa_inf = one / (one + exp(-(v + c(14.8)) / c(8.5)));
        dx[paS] = (pa_inf - x[paS]) * (c(4.2) * exp(v / c(17)) + c(0.15) * exp(-v / c(21.6))) /
                  c(0.84655354);
        dx[paF] = (pa_inf - x[paF]) * (c(30) * exp(v / c(10)) + exp(-v / c(12)));
        dx[piy] = (one / (one + exp((v + c(28.6)) / c(17.1))) - x[piy]) *
                  (c(100) * exp(-v / c(54.645)) + c(656) * exp(v / c(106.157)));
        // I_Ks gate
        const Vt vn = v - c(k_.n_shift);
        const Vt an14 = c(14) / (one + exp(-(vn - c(40)) / c(12)));
        const Vt n_inf = an14 / (an14 + exp(-vn / c(45)));
        const Vt alpha_n = c(28) / (one + exp(-(vn - c(40)) / c(3)));
        const Vt beta_n = exp(-(vn - c(5)) / c(25));
        dx[n] = (n_inf - x[n]) * (alpha_n + beta_n);
        // I_KACh gate
        const Vt aa = c(k_.alpha_a);
        const Vt ba = c(10) * exp(c(0.0133) * (v + c(40)));
        dx[a] = aa - (aa + ba) * x[a];
    }

    /// Boost.Odeint system interface.
    void operator()(const state& x, state& dxdt, double /*t*/) const { rhs(x, dxdt); }

private:
    static const parameters& checked(const parameters& p) {
        p.check();
        return p;
    }

    template <value_type Vt>
    temperature<Vt> temperature_as() const {
        return make<unit::temperature>(Vt(scalar_t<Vt>(k_.T_K)));
    }

    parameters p_;
    bound_constants k_;
};

/// Read-outs at the API edge, as quantities.
inline voltage<double> membrane_potential(const state& x) {
    return voltage<double>::from_value(x[V] * 1e-3);
}
inline concentration<double> subspace_calcium(const state& x) {
    return concentration<double>::from_value(x[Ca_sub]); // mM = mol/m^3
}
inline concentration<double> cytosolic_calcium(const state& x) {
    return concentration<double>::from_value(x[Cai]);
}
inline noneq::current<double> funny_current(const model& m, const state& x) {
    return noneq::current<double>::from_value(m.currents(x).i_f * 1e-9);
}

} // namespace noneq::severi2012
