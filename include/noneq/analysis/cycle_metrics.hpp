// noneq/analysis/cycle_metrics.hpp — action-potential metrics of a periodic (pacemaker) membrane
// potential trace, measured over the complete cycles after a transient and averaged.
//
// Input: samples t_k (s, strictly increasing), V_k (mV) and, optionally, dV/dt_k (V/s = mV/ms;
// pass the model's right-hand side at the samples for exact values, or an empty span to use
// central differences). Definitions, per cycle, then averaged over the cycles:
//   upstroke time   t_up: upward crossing of V = threshold_mV (default -20 mV), linear
//                   interpolation between samples (core/crossing.hpp, as every crossing here). A
//                   cycle runs from one t_up to the next; only cycles that start at or after
//                   t_start count.
//   cycle length    CL = t_up(k+1) - t_up(k); rate = 60/CL beats per minute.
//   overshoot       the maximum of V in the cycle (the action potential's peak), mV.
//   MDP             maximum diastolic potential: the minimum of V in the cycle (after the peak).
//   APA             action potential amplitude, overshoot - MDP.
//   APD50           time from the upward to the following downward crossing of the level
//                   MDP + APA/2 (halfway between MDP and peak), s.
//   dV/dt max       the maximum of dV/dt in the cycle, V/s.
//   DDR             diastolic depolarisation rate over the window after the MDP ("DDR100" for
//                   the default 100 ms): (V(t_MDP + window) - MDP) / window, mV/s.
//   TOP             take-off potential: V at the last upward crossing of dV/dt = top_dvdt
//                   (default 0.5 V/s) before the cycle's peak, mV.
// The spreads (max - min over cycles) of CL and MDP tell whether the limit cycle is reached.
// Fewer than one complete cycle after t_start gives n_cycles = 0 and NaN metrics.
#pragma once

#include <noneq/core/crossing.hpp>
#include <noneq/core/error.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <vector>

namespace noneq {

struct cycle_options {
    double t_start_s = 0.0;        ///< ignore cycles starting before this time (the transient)
    double threshold_mV = -20.0;   ///< level whose upward crossing marks an upstroke
    double ddr_window_s = 0.1;     ///< window of the diastolic depolarisation rate after the MDP
    double top_dvdt_V_per_s = 0.5; ///< dV/dt that defines the take-off potential
};

struct cycle_metrics {
    std::size_t n_cycles = 0;
    double cycle_length_s = NAN, rate_bpm = NAN, mdp_mV = NAN, overshoot_mV = NAN, apa_mV = NAN;
    double apd50_s = NAN, dvdt_max_V_per_s = NAN, ddr_mV_per_s = NAN, top_mV = NAN;
    double cycle_length_spread_s = NAN, mdp_spread_mV = NAN;
};

namespace detail {
/// Linear interpolation of y at time t (t within the sampled range).
inline double sample_at(std::span<const double> t, std::span<const double> y, double tq) {
    const auto it = std::upper_bound(t.begin(), t.end(), tq);
    if (it == t.begin()) return y.front();
    if (it == t.end()) return y.back();
    const std::size_t i = std::size_t(it - t.begin());
    return y[i - 1] + (y[i] - y[i - 1]) * (tq - t[i - 1]) / (t[i] - t[i - 1]);
}
} // namespace detail

/// Metrics of the complete cycles of the trace (see the header comment for the definitions).
inline cycle_metrics measure_cycles(std::span<const double> t, std::span<const double> v,
                                    std::span<const double> dvdt = {},
                                    const cycle_options& opt = {}) {
    require(v.size() == t.size(), "v.size()", double(v.size()), "equal to t.size()");
    require(dvdt.empty() || dvdt.size() == t.size(), "dvdt.size()", double(dvdt.size()),
            "0 or equal to t.size()");
    require(t.size() >= 3, "t.size()", double(t.size()), ">= 3");
    require_each(v, "v", "finite, mV", [](double x) { return std::isfinite(x); });
    require_each(t, "t", "finite, s", [](double x) { return std::isfinite(x); });
    for (std::size_t i = 1; i < t.size(); ++i)
        if (!(t[i] > t[i - 1]))
            throw domain_error("t[" + std::to_string(i) + "]", t[i], "> t[i-1] (increasing)", "s");
    require_positive("ddr_window_s", opt.ddr_window_s, "s");
    std::vector<double> d;
    if (dvdt.empty()) { // central differences, mV/s -> V/s
        d.resize(t.size());
        for (std::size_t i = 0; i < t.size(); ++i) {
            const std::size_t a = i == 0 ? 0 : i - 1, b = i + 1 == t.size() ? i : i + 1;
            d[i] = (v[b] - v[a]) / (t[b] - t[a]) * 1e-3;
        }
        dvdt = d;
    }
    // upstrokes: (time, index of the first sample after the crossing)
    std::vector<double> up_t;
    std::vector<std::size_t> up_i;
    for (std::size_t i = 1; i < t.size(); ++i)
        if (v[i - 1] < opt.threshold_mV && v[i] >= opt.threshold_mV) {
            up_t.push_back(linear_crossing(t[i - 1], v[i - 1], t[i], v[i], opt.threshold_mV));
            up_i.push_back(i);
        }
    cycle_metrics m;
    double cl = 0, mdp = 0, peak = 0, apd = 0, dvm = 0, ddr = 0, top = 0;
    double cl_lo = INFINITY, cl_hi = -INFINITY, mdp_lo = INFINITY, mdp_hi = -INFINITY;
    for (std::size_t k = 0; k + 1 < up_t.size(); ++k) {
        if (up_t[k] < opt.t_start_s) continue;
        const std::size_t i0 = up_i[k] - 1, i1 = up_i[k + 1];
        std::size_t ipk = i0, imin = i0;
        double dmax = -INFINITY;
        for (std::size_t i = i0; i < i1; ++i) {
            if (v[i] > v[ipk]) ipk = i;
            dmax = std::max(dmax, dvdt[i]);
        }
        imin = ipk;
        for (std::size_t i = ipk; i < i1; ++i)
            if (v[i] < v[imin]) imin = i;
        const double c = up_t[k + 1] - up_t[k];
        const double half = 0.5 * (v[ipk] + v[imin]);
        double t_rise = NAN, t_fall = NAN;
        // the last upward crossing of the half level before the peak (it may lie below the
        // threshold, i.e. before i0), searched back from the peak to the previous upstroke
        const std::size_t lo = k == 0 ? std::size_t(0) : up_i[k - 1];
        for (std::size_t i = ipk; i > lo; --i)
            if (v[i - 1] < half && v[i] >= half) {
                t_rise = linear_crossing(t[i - 1], v[i - 1], t[i], v[i], half);
                break;
            }
        for (std::size_t i = ipk; i < imin; ++i)
            if (v[i] >= half && v[i + 1] < half) {
                t_fall = linear_crossing(t[i], v[i], t[i + 1], v[i + 1], half);
                break;
            }
        double top_k = NAN;
        // the last upward crossing of top_dvdt before the peak, searched back from the peak
        for (std::size_t i = ipk; i > lo; --i)
            if (dvdt[i - 1] < opt.top_dvdt_V_per_s && dvdt[i] >= opt.top_dvdt_V_per_s) {
                const double tc =
                    linear_crossing(t[i - 1], dvdt[i - 1], t[i], dvdt[i], opt.top_dvdt_V_per_s);
                top_k = detail::sample_at(t, v, tc);
                break;
            }
        const double ddr_k =
            (detail::sample_at(t, v, t[imin] + opt.ddr_window_s) - v[imin]) / opt.ddr_window_s;
        ++m.n_cycles;
        cl += c;
        mdp += v[imin];
        peak += v[ipk];
        apd += t_fall - t_rise;
        dvm += dmax;
        ddr += ddr_k;
        top += top_k;
        cl_lo = std::min(cl_lo, c), cl_hi = std::max(cl_hi, c);
        mdp_lo = std::min(mdp_lo, v[imin]), mdp_hi = std::max(mdp_hi, v[imin]);
    }
    if (m.n_cycles == 0) return m;
    const double n = double(m.n_cycles);
    m.cycle_length_s = cl / n;
    m.rate_bpm = 60.0 / m.cycle_length_s;
    m.mdp_mV = mdp / n;
    m.overshoot_mV = peak / n;
    m.apa_mV = m.overshoot_mV - m.mdp_mV;
    m.apd50_s = apd / n;
    m.dvdt_max_V_per_s = dvm / n;
    m.ddr_mV_per_s = ddr / n;
    m.top_mV = top / n;
    m.cycle_length_spread_s = cl_hi - cl_lo;
    m.mdp_spread_mV = mdp_hi - mdp_lo;
    return m;
}

} // namespace noneq
