// noneq/tissue/mitchell_schaeffer.hpp — the Mitchell-Schaeffer two-current cardiac cell
// (C. C. Mitchell, D. G. Schaeffer 2003, "A two-current model for the dynamics of cardiac
// membrane", Bull Math Biol 65:767-793), a test cell for tissue: its dimensionless potential v
// and gate h obey
//     dv/dt = h v^2 (1 - v) / tau_in - v / tau_out
//     dh/dt = (1 - h) / tau_open  if v < v_gate,   -h / tau_close  otherwise,
// with the paper's values tau_in 0.3, tau_out 6, tau_open 120, tau_close 150 ms, v_gate 0.13.
// Here V = V_rest + (V_peak - V_rest) v in mV (default -80 .. +20 mV), written once over any value
// type, an ode_cell for the population engine (forward Euler, time in ms).
// Why it is the test cell: ahead of a front h = 1, and the inward minus outward current is the
// cubic f(v) = -(v/tau_in)(v - a)(v - b), a, b = (1 -+ sqrt(1 - 4 tau_in/tau_out))/2, so the
// front is the bistable (Nagumo) front whose speed is known in closed form,
//     c = sqrt(D / (2 tau_in)) (b - 2a),   D = sigma / (chi C_m)
// (Keener & Sneyd, Mathematical Physiology I, 2nd ed. 2009, sec. 6.2: c = sqrt(D k/2)(1 - 2 alpha)
// for k v (v - alpha)(1 - v), rescaled to the roots 0 < a < b): proportional to sqrt(sigma).
// h decays by ~dt_upstroke / tau_close (< 1 %) during the upstroke, so the model's conduction
// velocity lies within about 1 % of c.
#pragma once

#include <noneq/core/error.hpp>
#include <noneq/core/value_traits.hpp>
#include <noneq/population/stepping.hpp>

#include <array>
#include <cmath>

namespace noneq::tissue::mitchell_schaeffer {

struct parameters {
    double tau_in_ms = 0.3, tau_out_ms = 6.0, tau_open_ms = 120.0, tau_close_ms = 150.0;
    double v_gate = 0.13;
    double v_rest_mV = -80.0, v_peak_mV = 20.0;
};

class model {
public:
    using state_type = std::array<double, 2>; // V (mV), h
    explicit model(const parameters& p = {}) : p_(p) {
        require_positive("tau_in_ms", p.tau_in_ms, "ms");
        require_positive("tau_out_ms", p.tau_out_ms, "ms");
        require_positive("tau_open_ms", p.tau_open_ms, "ms");
        require_positive("tau_close_ms", p.tau_close_ms, "ms");
        require(p.v_gate > 0 && p.v_gate < 1, "v_gate", p.v_gate, "in (0, 1)");
        require(std::isfinite(p.v_rest_mV) && std::isfinite(p.v_peak_mV) &&
                    p.v_peak_mV > p.v_rest_mV,
                "v_peak_mV", p.v_peak_mV, "finite, > v_rest_mV", "mV");
    }
    const parameters& params() const { return p_; }

    /// dx/dt per ms, any value type.
    template <class V>
    void rhs(const std::array<V, 2>& x, std::array<V, 2>& dx) const {
        using S = scalar_t<V>;
        const V span(S(p_.v_peak_mV - p_.v_rest_mV));
        const V v = (x[0] - V(S(p_.v_rest_mV))) / span;
        const V h = x[1];
        const V one(S(1));
        const V j = h * v * v * (one - v) / V(S(p_.tau_in_ms)) - v / V(S(p_.tau_out_ms));
        dx[0] = span * j;
        dx[1] = select(v < V(S(p_.v_gate)), (one - h) / V(S(p_.tau_open_ms)),
                       -h / V(S(p_.tau_close_ms)));
    }

    /// The closed-form front speed c (m/s) for diffusivity D (m^2/s), see the header comment.
    double front_speed_m_per_s(double D_m2_per_s) const {
        const double r = p_.tau_in_ms / p_.tau_out_ms;
        require(r < 0.25, "tau_in_ms/tau_out_ms", r, "< 1/4 (an excitable cell)");
        const double s = std::sqrt(1.0 - 4.0 * r);
        const double a = 0.5 * (1.0 - s), b = 0.5 * (1.0 + s);
        return std::sqrt(D_m2_per_s / (2.0 * p_.tau_in_ms * 1e-3)) * (b - 2.0 * a);
    }

private:
    parameters p_;
};

/// The cell for a population or a monodomain region (time in ms), at rest with h = 1.
inline ode_cell<model> cell(const parameters& p = {}) {
    return ode_cell<model>(model(p), {p.v_rest_mV, 1.0}, {"V", "h"}, 1e-3);
}

} // namespace noneq::tissue::mitchell_schaeffer
