// noneq/analysis/iv_curve.hpp — current-voltage curves of a membrane (any type with
// steady_state(v, t), current(x, t) and a std::array state_type, x[0] = V; a noneq::membrane is
// one). Current densities are outward positive, in uA/cm^2, and include any injected current
// active at time t (which counts negative), so a zero of the curve is a fixed point of the
// voltage at that time.
//
// steady-state I-V:    every state at its steady state for the clamped V (a slow voltage ramp);
// instantaneous I-V:   the states listed in `frozen` held at their values in a reference state
//                      (say the rest), the others at steady state for V — the fast-subsystem
//                      curve whose N shape gives a threshold (FitzHugh 1955, Biophys J; Rinzel
//                      1985, "Excitation dynamics").
#pragma once

#include <noneq/core/error.hpp>

#include <cmath>
#include <cstddef>
#include <vector>

namespace noneq {

/// Indices of state variables held fixed at a reference state (empty: none).
using frozen_set = std::vector<std::size_t>;

template <class M>
typename M::state_type clamped_state(const M& m, double v_mV, double t,
                                     const typename M::state_type* reference = nullptr,
                                     const frozen_set& frozen = {}) {
    auto x = m.steady_state(v_mV, t);
    if (reference)
        for (std::size_t i : frozen) {
            require(i > 0 && i < x.size(), "frozen index", static_cast<double>(i),
                    "1 .. state size - 1 (V itself cannot be frozen)");
            x[i] = (*reference)[i];
        }
    return x;
}

/// Steady-state membrane current density at v (uA/cm^2) at time t.
template <class M>
double steady_state_current(const M& m, double v_mV, double t = 0) {
    return m.current(m.steady_state(v_mV, t), t);
}

/// Instantaneous current at v with the `frozen` states held at `reference`.
template <class M>
double instantaneous_current(const M& m, double v_mV, const typename M::state_type& reference,
                             const frozen_set& frozen, double t = 0) {
    return m.current(clamped_state(m, v_mV, t, &reference, frozen), t);
}

struct iv_curve_data {
    std::vector<double> v_mV;
    std::vector<double> i_uA_per_cm2;
};

/// The steady-state I-V curve at n >= 2 equally spaced voltages in [v_min, v_max].
template <class M>
iv_curve_data iv_curve(const M& m, double v_min, double v_max, std::size_t n, double t = 0) {
    require(std::isfinite(v_min) && std::isfinite(v_max) && v_max > v_min, "v_max", v_max,
            "> v_min, finite", "mV");
    require(n >= 2, "n", static_cast<double>(n), ">= 2");
    iv_curve_data d;
    for (std::size_t k = 0; k < n; ++k) {
        const double v =
            v_min + (v_max - v_min) * static_cast<double>(k) / static_cast<double>(n - 1);
        d.v_mV.push_back(v);
        d.i_uA_per_cm2.push_back(steady_state_current(m, v, t));
    }
    return d;
}

} // namespace noneq
