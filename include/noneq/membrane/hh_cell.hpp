// noneq/membrane/hh_cell.hpp — hh_cell: the Hodgkin-Huxley point cell of hh.mod as a
// Population model (noneq/membrane/population.hpp), stepped by exponential Euler over any value
// type (double, float, xsimd batches) through hh.hpp's rate functions; optionally (hh_rates::table)
// with the gates' per-step coefficients interpolated from a table built once from those same
// functions (noneq/membrane/rate_table.hpp).
#pragma once

#include <noneq/core/value_traits.hpp>
#include <noneq/membrane/hh.hpp>
#include <noneq/membrane/rate_table.hpp>

#include <xsimd/xsimd.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <memory>

namespace noneq {

/// How a Hodgkin-Huxley step couples V and the gates (both exponential Euler).
enum class hh_coupling {
    /// V first (exact for the old gates), then the gates (exact for the new V), as NEURON's
    /// fadvance orders them (Hines 1984: V and the gates staggered by half a step). The default:
    /// at dt = 0.025 ms its spike counts equal those of dt -> 0.
    staggered,
    /// All four variables from the old state at once: Brian2's `exponential_euler` (first order
    /// in the coupling; at dt = 0.025 ms it lags the converged spike times).
    simultaneous
};

/// Where a Hodgkin-Huxley step takes the gates' coefficients from.
enum class hh_rates {
    exact, ///< hh.hpp's rate functions at every step (the default)
    /// cnexp's per-step coefficients, built once from those functions on a uniform V grid and
    /// interpolated linearly (rate_table.hpp); V outside the grid: the exact functions.
    table
};

/// The Hodgkin-Huxley squid axon of hh.mod as a population cell: state (v, m, h, n).
/// Each gate relaxes exactly towards x_inf with tau (NEURON's cnexp, Brian2's exponential Euler)
/// and V relaxes exactly towards V_inf = (sum g_x E_x + I_stim) / g_tot with tau_V = C_m / g_tot.
struct hh_cell {
    static constexpr std::size_t state_size = 4;
    double celsius = hh::celsius_ref; ///< degC (NEURON's default 6.3)
    double gnabar = hh::gnabar_mS_per_cm2, gkbar = hh::gkbar_mS_per_cm2, gl = hh::gl_mS_per_cm2;
    double ena = hh::ena_mV, ek = hh::ek_mV, el = hh::el_mV, cm = hh::cm_uF_per_cm2;
    hh_coupling coupling = hh_coupling::staggered;
    hh_rates rates = hh_rates::exact;
    /// hh_rates::table: grid (mV). At 0.01 mV (1.2 MB in double) the gates' per-step error is
    /// <= 1.3e-8 at dt 0.025 ms (measured by the table at its midpoints; the effect on V and spike
    /// times: test_population.cpp). The error scales as spacing^2; the speed does not depend on it.
    double table_lo_mV = -150.0, table_hi_mV = 100.0, table_step_mV = 0.01;

    static constexpr const char* names[state_size] = {"v", "m", "h", "n"};
    static const char* state_name(std::size_t k) { return k < state_size ? names[k] : "?"; }

    template <class V>
    struct coefficients {
        V q10dt, gnabar, gkbar, gl, ena, ek, gl_el, dt_over_cm;
        bool staggered;
        std::shared_ptr<const cnexp_table<scalar_t<V>, 3>> table; ///< null: exact rates
    };
    /// Constants for a step of dt_ms milliseconds, over value type V (with hh_rates::table, the
    /// gate table is built here: once per Population).
    template <class V>
    coefficients<V> make_coefficients(double dt_ms) const {
        const auto b = [](double x) { return V(scalar_t<V>(x)); };
        const V q10dt = hh::q10_factor(b(celsius)) * b(dt_ms);
        std::shared_ptr<const cnexp_table<scalar_t<V>, 3>> t;
        if (rates == hh_rates::table)
            t = std::make_shared<const cnexp_table<scalar_t<V>, 3>>(
                table_lo_mV, table_hi_mV, table_step_mV, dt_ms,
                [q10 = hh::q10_factor(celsius)](double v) {
                    const auto r = hh::rates(v, q10);
                    return std::array<double, 6>{r.m_inf, r.m_tau, r.h_inf,
                                                 r.h_tau, r.n_inf, r.n_tau};
                });
        return {q10dt,       b(gnabar),     b(gkbar),
                b(gl),       b(ena),        b(ek),
                b(gl * el),  b(dt_ms / cm), coupling == hh_coupling::staggered,
                std::move(t)};
    }
    /// Rest of hh.mod's INITIAL block: gates at their steady state for v0.
    template <class V>
    void initial(std::array<V, state_size>& x, const V& v0) const {
        x = {v0, hh::m_inf(v0), hh::h_inf(v0), hh::n_inf(v0)};
    }
    // flatten: GCC inlines the rate functions (and exprel, exp) into the step, which keeps the
    // batches in registers (about 10 % faster than out-of-line exprel calls on AVX-512).
    template <class V>
    [[gnu::flatten]] static void step(std::array<V, state_size>& x, const V& i_stim,
                                      const coefficients<V>& k) {
        using std::exp;
        using xsimd::exp;
        const V v = x[0], m = x[1], h = x[2], n = x[3];
        const V n2 = n * n, gna = k.gnabar * (m * m * m * h), gk = k.gkbar * (n2 * n2);
        const V g = gna + gk + k.gl;
        const V v_inf = (gna * k.ena + gk * k.ek + k.gl_el + i_stim) / g;
        x[0] = v_inf + (v - v_inf) * exp(-k.dt_over_cm * g);
        const V& vr = k.staggered ? x[0] : v;
        std::array<V, 3> y{m, h, n};
        if (k.table) { // out-of-grid lanes (rare, or none): exact
            const auto inside = k.table->step(vr, y);
            if (any_of(!inside)) {
                const auto e = exact_gates(vr, m, h, n, k);
                for (std::size_t j = 0; j < 3; ++j)
                    y[j] = select(inside, y[j], e[j]);
            }
        } else {
            y = exact_gates(vr, m, h, n, k);
        }
        x[1] = y[0], x[2] = y[1], x[3] = y[2];
    }
    // The gates: hh.hpp's alpha and beta; with s = alpha + beta, x_inf = alpha / s and
    // dt / tau = q10 dt s are hh::rates' x_inf and tau; x_inf + (x - x_inf) e^{-dt/tau} is
    // cnexp's update (hh::gate_step's, with exp as NEURON and Brian2 write it). The three
    // 1/s share one division: 1/s_m = s_h s_n / (s_m s_h s_n) (a few ulp; for V in -200 ..
    // 200 mV the product lies in 0.08 .. 3e5 ms^-3, far from float's and double's limits).
    template <class V>
    static std::array<V, 3> exact_gates(const V& vr, const V& m, const V& h, const V& n,
                                        const coefficients<V>& k) {
        using std::exp;
        using xsimd::exp;
        const V am = hh::alpha_m(vr), ah = hh::alpha_h(vr), an = hh::alpha_n(vr);
        const V sm = am + hh::beta_m(vr), sh = ah + hh::beta_h(vr), sn = an + hh::beta_n(vr);
        const V r = V(scalar_t<V>(1)) / (sm * sh * sn);
        const V mi = am * (r * (sh * sn)), hi = ah * (r * (sm * sn)), ni = an * (r * (sm * sh));
        return {mi + (m - mi) * exp(-k.q10dt * sm), hi + (h - hi) * exp(-k.q10dt * sh),
                ni + (n - ni) * exp(-k.q10dt * sn)};
    }
};

} // namespace noneq
