// noneq/cardiac/severi2012.hpp — the rabbit sinoatrial node pacemaker cell of Severi,
// Fantini, Charawi & DiFrancesco (2012), "An updated computational model of rabbit sinoatrial
// action potential to investigate the mechanisms of heart rate modulation", J Physiol
// 590(18):4483-4499, implemented from the authors' CellML description (Physiome Model
// Repository) as a composition of noneq's cardiac policies.
//
// Story: potential V (mV); references E_Na, E_K (Nernst), the Na/K mixed E_mh of I_Na and the
// Na/K mixed reversal of I_f; flux laws ohmic (I_f, I_Na, I_Kr, I_Ks, I_to, I_KACh), GHK (I_CaL,
// I_CaT, written with exprel so they are exact through V = 0), pump I_NaK and exchanger I_NaCa;
// dynamics C dV/dt = -sum I plus Na+ and four Ca2+ compartments (subspace, cytosol, network and
// junctional SR) with buffers.
//
// Units are the CellML's: t in s, V in mV, I in nA, C in uF (so dV/dt = -I/C is in mV/s),
// concentrations in mM, volumes in mm^3, conductances in uS. The state is 31 plain doubles,
// `std::array<double, 31>`, usable directly as a Boost.Odeint state; `rhs` is written once over
// the value type V (double, or an xsimd::batch to evaluate several states at once).
//
// Faithful to the CellML in every equation and initial value, including its quirks: the Ca2+ and
// Na+ balances use the L-type components before the ACh/Iso scaling of I_CaL; the RyR initial
// occupancies do not sum to 1 (their sum is conserved); any ACh > 0 shifts I_f by at least -1 mV.
// RT/F uses noneq's exact R and F (26.7123 mV at 310 K; the CellML's constants differ by 1e-6).
// Not included: the 10 mM BAPTA experiment (two extra states in the CellML).
//
// Rate modulation as the paper models it: 3 uM ivabradine = 66 % block of g_f; 5 mM Cs+ = a
// voltage-dependent Woodhull block of I_f (cardiac::funny_current::cesium_unblocked, here for any
// [Cs+]); ACh at any concentration (I_f shift, I_CaL block, SERCA inhibition, I_KACh); 1 uM
// isoprenaline (I_f shift +7.5 mV, I_CaL x1.23 and shift, I_NaK x1.2, I_Ks x1.2 and shift,
// SERCA +25 %) — only 1 uM is modelled, so iso_uM must be 0 or 1.
#pragma once

#include <noneq/cardiac/calcium_buffering.hpp>
#include <noneq/cardiac/funny_current.hpp>
#include <noneq/cardiac/ryanodine_receptor.hpp>
#include <noneq/cardiac/sodium_calcium_exchanger.hpp>
#include <noneq/cardiac/sodium_potassium_pump.hpp>
#include <noneq/constants.hpp>
#include <noneq/core/error.hpp>
#include <noneq/core/exprel.hpp>
#include <noneq/potential/nernst.hpp>

#include <array>
#include <cmath>
#include <numbers>

namespace noneq::severi2012 {

/// State variables in order (names as in the CellML).
enum idx : int {
    V,
    Nai,
    y,
    m,
    h,
    dL,
    fL,
    fCa,
    dT,
    fT,
    R,
    O,
    I,
    RI,
    fTC,
    fTMC,
    fTMM,
    fCMi,
    fCMs,
    fCQ,
    Cai,
    Ca_sub,
    Ca_nsr,
    Ca_jsr,
    q,
    r,
    paS,
    paF,
    piy,
    n,
    a,
    count
};
inline constexpr std::size_t n_states = count;
using state = std::array<double, n_states>;

inline constexpr std::array<const char*, n_states> state_names{
    "V",      "Nai",    "y",  "m",   "h",    "dL",   "fL",   "fCa",  "dT",  "fT",  "R",
    "O",      "I",      "RI", "fTC", "fTMC", "fTMM", "fCMi", "fCMs", "fCQ", "Cai", "Ca_sub",
    "Ca_nsr", "Ca_jsr", "q",  "r",   "paS",  "paF",  "piy",  "n",    "a"};

/// The published initial state (CellML initial values).
inline constexpr state initial_state{-52.0,
                                     7.5,
                                     0.181334538702451,
                                     0.440131579215766,
                                     1.3676940140066e-5,
                                     0.0,
                                     0.497133507285601,
                                     0.697998543259722,
                                     0.0,
                                     0.0,
                                     0.912317231017262,
                                     1.7340201253e-7,
                                     7.86181717518e-8,
                                     0.211148145512825,
                                     0.0180519400676086,
                                     0.281244308217086,
                                     0.501049376634,
                                     0.0373817991524254,
                                     0.054381370046,
                                     0.299624275428735,
                                     1e-5,
                                     1e-5,
                                     1.05386465080816,
                                     0.316762674605,
                                     0.506139850982478,
                                     0.0144605370597924,
                                     0.322999177802891,
                                     0.0990510403258968,
                                     0.705410877258545,
                                     0.0,
                                     0.0};

/// Typical magnitude of each state variable, for error control (a stiff driver scales x_i by it
/// so that one absolute tolerance fits mV, mM and occupancies): 1 for V (mV), Na+ (mM), gates and
/// occupancies; 1e-4 for the subspace and cytosolic Ca2+ (mM) and the rarely occupied open and
/// inactivated RyR states.
inline constexpr state state_scale = [] {
    state s{};
    for (auto& v : s)
        v = 1.0;
    s[O] = s[I] = s[Cai] = s[Ca_sub] = 1e-4;
    return s;
}();

/// Parameters: the experimental conditions first, then the model's constants (Severi 2012).
struct parameters {
    double if_block = 0.0;   ///< extra fractional block of g_f, [0, 1]
    double cs_mM = 0.0;      ///< external Cs+ (the paper: 5 mM), >= 0
    bool ivabradine = false; ///< 3 uM ivabradine: 66 % block of g_f (the paper)
    double ach_nM = 0.0;     ///< acetylcholine, >= 0
    double iso_uM = 0.0;     ///< isoprenaline: 0 or 1 (only 1 uM is modelled)

    double T_K = 310.0, C_uF = 3.2e-5;
    double nao_mM = 140.0, ki_mM = 140.0, ko_mM = 5.4, cao_mM = 1.8, mgi_mM = 2.5;
    double g_na_uS = 0.0125, p_cal_nA_per_mM = 0.2, p_cat_nA_per_mM = 0.02;
    double g_to_uS = 0.002, g_kr_uS = 0.0021637, g_ks_uS = 0.0016576, g_kach_uS = 0.00864;
    double km_fca_mM = 0.00035, alpha_fca_per_s = 0.01;
    double p_up_mM_per_s = 12.0, k_up_mM = 0.0006, tau_dif_s = 4e-5, tau_tr_s = 0.04;
    double r_cell_um = 4.0, l_cell_um = 70.0, l_sub_um = 0.02;
    double v_jsr_part = 0.0012, v_i_part = 0.46, v_nsr_part = 0.0116;

    cardiac::funny_current i_f{};
    cardiac::sodium_potassium_pump nak{};
    cardiac::sodium_calcium_exchanger naca{};
    cardiac::ryanodine_receptor ryr{};
    cardiac::calcium_buffer tc{88800.0, 446.0, 0.031};  ///< troponin-Ca (cytosol)
    cardiac::calcium_buffer tmc{227700.0, 7.51, 0.062}; ///< troponin-Mg site, Ca2+
    cardiac::calcium_buffer tmm{2277.0, 751.0, 0.062};  ///< troponin-Mg site, Mg2+
    cardiac::calcium_buffer cm{227700.0, 542.0, 0.045}; ///< calmodulin (cytosol, subspace)
    cardiac::calcium_buffer cq{534.0, 445.0, 10.0};     ///< calsequestrin (junctional SR)

    /// Throws noneq::domain_error naming the first meaningless parameter.
    void check() const {
        require(if_block >= 0.0 && if_block <= 1.0, "if_block", if_block, "[0, 1]");
        require_nonnegative("cs_mM", cs_mM, "mM");
        require_nonnegative("ach_nM", ach_nM, "nM");
        require(iso_uM == 0.0 || iso_uM == 1.0, "iso_uM", iso_uM,
                "0 or 1: the paper models 1 uM only", "uM");
        require_positive("T_K", T_K, "K");
        require_positive("C_uF", C_uF, "uF");
        require_positive("nao_mM", nao_mM, "mM");
        require_positive("ki_mM", ki_mM, "mM");
        require_positive("ko_mM", ko_mM, "mM");
        require_positive("cao_mM", cao_mM, "mM");
        require_nonnegative("mgi_mM", mgi_mM, "mM");
    }
};

/// Every current (nA) and flux (mM/s) of the model at one state.
template <class Vt>
struct fluxes {
    Vt i_f, i_fna, i_fk, i_nak, i_naca, i_na, i_cal, i_sica, i_sik, i_sina, i_cat, i_to, i_kr, i_ks,
        i_kach, i_tot;
    Vt j_rel, j_up, j_tr, j_dif;
};

/// The model: parameters validated once, derived constants precomputed; no allocation, no virtual
/// call in `rhs`.
class model {
public:
    explicit model(const parameters& p = {}) : p_(p) {
        p_.check();
        rtf_ = in_mV(thermal_voltage(make<unit::temperature>(p.T_K)));
        faraday_ = constants::F.value();
        const double pi = std::numbers::pi;
        const double v_cell = 1e-9 * pi * p.r_cell_um * p.r_cell_um * p.l_cell_um;
        v_sub_ = 1e-9 * 2.0 * pi * p.l_sub_um * (p.r_cell_um - p.l_sub_um / 2.0) * p.l_cell_um;
        v_jsr_ = p.v_jsr_part * v_cell;
        v_i_ = p.v_i_part * v_cell - v_sub_;
        v_nsr_ = p.v_nsr_part * v_cell;
        e_k_ = nernst_mV(1, p.ki_mM, p.ko_mM);
        const double ach = p.ach_nM * 1e-6; // mM
        const bool iso = p.iso_uM > 0.0;
        shift_f_ = cardiac::funny_ach_shift_mV(ach) + (iso ? 7.5 : 0.0);
        if_unblocked_ = (1.0 - p.if_block) * (p.ivabradine ? 1.0 - 0.66 : 1.0);
        nak_scale_ = iso ? 1.2 : 1.0;
        cal_scale_ = (1.0 - 0.31 * ach / (ach + 0.00009)) * (iso ? 1.23 : 1.0);
        dl_shift_ = iso ? -8.0 : 0.0;
        dl_slope_ = iso ? 0.69 : 1.0;
        ks_scale_ = iso ? 1.2 : 1.0;
        n_shift_ = iso ? -14.0 : 0.0;
        const double b_up = iso ? -0.25 : (ach > 0.0 ? 0.7 * ach / (0.00009 + ach) : 0.0);
        p_up_ = p.p_up_mM_per_s * (1.0 - b_up);
        kach_on_ = ach > 0.0;
        alpha_a_ = ach > 0.0
                       ? (3.5988 - 0.025641) / (1.0 + 1.2155e-6 / std::pow(ach, 1.6951)) + 0.025641
                       : 0.025641;
    }

    /// noneq::nernst in the model's units (mM in, mV out), at the model's temperature.
    template <value_type Vt>
    Vt nernst_mV(int z, const Vt& c_in_mM, const Vt& c_out_mM) const {
        return in_mV(nernst(unchecked, z, make<unit::concentration>(c_in_mM),
                            make<unit::concentration>(c_out_mM),
                            make<unit::temperature>(Vt(scalar_t<Vt>(p_.T_K)))));
    }

    const parameters& params() const { return p_; }
    double rt_over_f_mV() const { return rtf_; }
    double e_k_mV() const { return e_k_; }

    /// All currents and fluxes at state x.
    template <value_type Vt>
    fluxes<Vt> currents(const std::array<Vt, n_states>& x) const {
        using std::exp;
        using std::log;
        using xsimd::exp;
        using xsimd::log;
        const auto c = [](double v) { return Vt(scalar_t<Vt>(v)); };
        const Vt v = x[V], nai = x[Nai];
        const Vt ko = c(p_.ko_mM), ki = c(p_.ki_mM), nao = c(p_.nao_mM), cao = c(p_.cao_mM);
        const Vt ek = c(e_k_), rtf = c(rtf_);
        const Vt ena = nernst_mV(1, nai, nao);
        fluxes<Vt> f;
        // I_f (HCN, Na+ and K+)
        const Vt unblocked = p_.i_f.cesium_unblocked(unchecked, v, p_.cs_mM) * c(if_unblocked_);
        const auto ifc = p_.i_f.components(unchecked, v, x[y], ko, ena, ek, unblocked);
        f.i_fna = ifc.na;
        f.i_fk = ifc.k;
        f.i_f = ifc.total();
        f.i_nak = p_.nak.current_nA(unchecked, v, nai, ko, ena, nak_scale_);
        f.i_naca = p_.naca.current_nA(unchecked, v, nai, nao, x[Ca_sub], cao, rtf);
        // I_Na, reversing at the Na/K mixed potential E_mh
        const Vt e_mh = rtf * log((nao + c(0.12) * ko) / (nai + c(0.12) * ki));
        f.i_na = c(p_.g_na_uS) * x[m] * x[m] * x[m] * x[h] * (v - e_mh);
        // I_CaL, I_CaT: GHK, P z F (c_in - c_out e^-u) exprel(-u), u = z V/(RT/F)
        const Vt u = v / rtf;
        const Vt e1 = exp(-u), e2 = e1 * e1;
        const Vt ghk2 = exprel(c(-2.0) * u), ghk1 = exprel(-u);
        const Vt open_l = x[dL] * x[fL] * x[fCa];
        const Vt pcal = c(p_.p_cal_nA_per_mM);
        f.i_sica = pcal * ghk2 * (x[Ca_sub] - cao * e2) * open_l;
        f.i_sik = c(0.000365) * pcal * ghk1 * (ki - ko * e1) * open_l;
        f.i_sina = c(0.0000185) * pcal * ghk1 * (nai - nao * e1) * open_l;
        f.i_cal = (f.i_sica + f.i_sik + f.i_sina) * c(cal_scale_);
        f.i_cat = c(p_.p_cat_nA_per_mM) * ghk2 * (x[Ca_sub] - cao * e2) * x[dT] * x[fT];
        // K+ currents
        f.i_to = c(p_.g_to_uS) * (v - ek) * x[q] * x[r];
        f.i_kr = c(p_.g_kr_uS) * (v - ek) * (c(0.9) * x[paF] + c(0.1) * x[paS]) * x[piy];
        f.i_ks = c(p_.g_ks_uS * ks_scale_) * (v - ek) * x[n] * x[n];
        f.i_kach = kach_on_ ? c(p_.g_kach_uS) * (v - ek) * (Vt(1) + exp((v + c(20)) / c(20))) * x[a]
                            : Vt(0);
        f.i_tot = f.i_f + f.i_kr + f.i_ks + f.i_to + f.i_nak + f.i_naca + f.i_na + f.i_cal +
                  f.i_cat + f.i_kach;
        // Ca2+ fluxes between compartments
        f.j_rel = p_.ryr.rates(x[R], x[O], x[I], x[RI], x[Ca_sub], x[Ca_jsr]).release;
        f.j_dif = (x[Ca_sub] - x[Cai]) / c(p_.tau_dif_s);
        f.j_up = c(p_up_) / (Vt(1) + c(p_.k_up_mM) / x[Cai]);
        f.j_tr = (x[Ca_nsr] - x[Ca_jsr]) / c(p_.tau_tr_s);
        return f;
    }

    /// dx/dt (per second) at state x. Written once over the value type.
    template <value_type Vt>
    void rhs(const std::array<Vt, n_states>& x, std::array<Vt, n_states>& dx) const {
        using std::exp;
        using xsimd::exp;
        const auto c = [](double v) { return Vt(scalar_t<Vt>(v)); };
        const Vt one(1);
        const Vt v = x[V];
        const fluxes<Vt> f = currents(x);
        dx[V] = -f.i_tot / c(p_.C_uF);
        dx[Nai] = -(f.i_na + f.i_fna + f.i_sina + c(3) * f.i_nak + c(3) * f.i_naca) /
                  c((v_i_ + v_sub_) * faraday_);
        dx[y] = cardiac::funny_gate::rate(v, x[y], c(shift_f_));
        // I_Na gates; alpha_m = 200 E0/(1 - exp(-0.1 E0)) = 2000 exprel(-0.1 E0), E0 = V + 41
        const Vt am = c(2000) * exprel(c(-0.1) * (v + c(41)));
        const Vt bm = c(8000) * exp(c(-0.056) * (v + c(66)));
        dx[m] = am * (one - x[m]) - bm * x[m];
        const Vt ah = c(20) * exp(c(-0.125) * (v + c(75)));
        const Vt bh = c(2000) / (c(320) * exp(c(-0.1) * (v + c(75))) + one);
        dx[h] = ah * (one - x[h]) - bh * x[h];
        // I_CaL gates; the CellML's x/(exp(-x/k) - 1) terms as -k exprel(-x/k)
        const Vt vd = v - c(dl_shift_);
        const Vt dl_inf = one / (one + exp(-(vd + c(20.3)) / c(dl_slope_ * 4.2)));
        const Vt al = c(0.02839 * 2.5) * exprel(-(vd + c(41.8)) / c(2.5)) +
                      c(0.0849 * 4.8) * exprel(-(vd + c(6.8)) / c(4.8));
        const Vt bl = c(0.01143 * 2.5) * exprel((vd + c(1.8)) / c(2.5));
        dx[dL] = (dl_inf - x[dL]) * (al + bl) / c(0.001);
        const Vt fl_inf = one / (one + exp((v + c(37.4)) / c(5.3)));
        const Vt wf = (v + c(36)) / c(10);
        dx[fL] = (fl_inf - x[fL]) / (c(0.001) * (c(44.3) + c(230) * exp(-wf * wf)));
        const Vt fca_inf = c(p_.km_fca_mM) / (c(p_.km_fca_mM) + x[Ca_sub]);
        dx[fCa] = (fca_inf - x[fCa]) * c(p_.alpha_fca_per_s / 0.001) / fca_inf;
        // I_CaT gates
        const Vt wt = v + c(38.3);
        dx[dT] = (one / (one + exp(-wt / c(5.5))) - x[dT]) *
                 (c(1.068) * exp(wt / c(30)) + c(1.068) * exp(-wt / c(30))) / c(0.001);
        const Vt wft = v + c(75);
        dx[fT] = (one / (one + exp((v + c(58.7)) / c(3.8))) - x[fT]) *
                 (c(16.67) * exp(-wft / c(83.3)) + c(16.67) * exp(wft / c(15.38)));
        // SR release (RyR) and the Ca2+ buffers
        const auto ryr = p_.ryr.rates(x[R], x[O], x[I], x[RI], x[Ca_sub], x[Ca_jsr]);
        dx[R] = ryr.dR;
        dx[O] = ryr.dO;
        dx[I] = ryr.dI;
        dx[RI] = ryr.dRI;
        dx[fTC] = p_.tc.occupancy_rate(unchecked, x[Cai], x[fTC]);
        dx[fTMC] = p_.tmc.occupancy_rate(unchecked, x[Cai], x[fTMC], x[fTMM]);
        dx[fTMM] = p_.tmm.occupancy_rate(unchecked, c(p_.mgi_mM), x[fTMM], x[fTMC]);
        dx[fCMi] = p_.cm.occupancy_rate(unchecked, x[Cai], x[fCMi]);
        dx[fCMs] = p_.cm.occupancy_rate(unchecked, x[Ca_sub], x[fCMs]);
        dx[fCQ] = p_.cq.occupancy_rate(unchecked, x[Ca_jsr], x[fCQ]);
        // Ca2+ compartments
        dx[Cai] = (f.j_dif * c(v_sub_) - f.j_up * c(v_nsr_)) / c(v_i_) +
                  p_.cm.free_calcium_rate(dx[fCMi]) + p_.tc.free_calcium_rate(dx[fTC]) +
                  p_.tmc.free_calcium_rate(dx[fTMC]);
        dx[Ca_sub] = f.j_rel * c(v_jsr_ / v_sub_) -
                     (f.i_sica + f.i_cat - c(2) * f.i_naca) / c(2 * faraday_ * v_sub_) - f.j_dif +
                     p_.cm.free_calcium_rate(dx[fCMs]);
        dx[Ca_nsr] = f.j_up - f.j_tr * c(v_jsr_ / v_nsr_);
        dx[Ca_jsr] = f.j_tr - f.j_rel + p_.cq.free_calcium_rate(dx[fCQ]);
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
        const Vt vn = v - c(n_shift_);
        const Vt an14 = c(14) / (one + exp(-(vn - c(40)) / c(12)));
        const Vt n_inf = an14 / (an14 + exp(-vn / c(45)));
        const Vt alpha_n = c(28) / (one + exp(-(vn - c(40)) / c(3)));
        const Vt beta_n = exp(-(vn - c(5)) / c(25));
        dx[n] = (n_inf - x[n]) * (alpha_n + beta_n);
        // I_KACh gate
        const Vt aa = c(alpha_a_);
        const Vt ba = c(10) * exp(c(0.0133) * (v + c(40)));
        dx[a] = aa - (aa + ba) * x[a];
    }

    /// Boost.Odeint system interface.
    void operator()(const state& x, state& dxdt, double /*t*/) const { rhs(x, dxdt); }

private:
    parameters p_;
    double rtf_, faraday_, v_sub_, v_jsr_, v_i_, v_nsr_, e_k_;
    double shift_f_, if_unblocked_, nak_scale_, cal_scale_, dl_shift_, dl_slope_, ks_scale_,
        n_shift_, p_up_, alpha_a_;
    bool kach_on_;
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
