// noneq/cable/analytic.hpp — closed forms of the passive cable (Rall 1977, "Core conductor
// theory and cable properties of neurons", Handbook of Physiology 1:39; Jack, Noble & Tsien
// 1975, "Electric current flow in excitable cells", ch. 3), the references the cable solver is
// tested against. A uniform cylinder of diameter d, membrane conductance g_m per area (R_m =
// 1/g_m), specific capacitance c_m and axial resistivity R_a has, per unit length,
//   r_a = 4 R_a / (pi d^2),  r_m = R_m / (pi d),  c = c_m pi d,
//   length constant lambda = sqrt(r_m / r_a) = sqrt(R_m d / (4 R_a)),  tau = R_m c_m.
// A finite cable of length L, sealed at both ends, with a current step I into x = 0 from t = 0
// (Rallpack 1: Bhalla, Bilitch & Bower 1992, Trends Neurosci 15:453) has, with u = V - E_m,
//   u(x, t) = I r_a lambda cosh((L - x)/lambda) / sinh(L/lambda)
//           - I r_m/L sum_{n>=0} eps_n cos(n pi x/L) exp(-(1 + (n pi lambda/L)^2) t/tau)
//                                 / (1 + (n pi lambda/L)^2),        eps_0 = 1, eps_n = 2,
// the steady state minus its decaying cosine modes (the eigenfunctions of the sealed cable); at
// t -> infinity, x = 0: the input resistance R_in = r_a lambda coth(L/lambda).
#pragma once

#include <noneq/cable/morphology.hpp>
#include <noneq/core/error.hpp>
#include <noneq/units.hpp>

#include <boost/units/systems/si/resistance.hpp>

#include <cmath>
#include <numbers>

namespace noneq::cable {

template <class V = double>
using resistance = quantity<si::resistance, V>;

/// A uniform passive cylinder.
struct passive_cylinder {
    length<double> len;
    length<double> diam;
    resistivity<double> ra;
    conductance_density<double> gm; ///< 1 / R_m
    capacitance_density<double> cm;

    double r_a() const { // ohm/m
        const double d = diam.value();
        return 4 * ra.value() / (std::numbers::pi * d * d);
    }
    double r_m() const { return 1.0 / (gm.value() * std::numbers::pi * diam.value()); }
    void check() const {
        require_positive("length", len.value(), "m");
        require_positive("diameter", diam.value(), "m");
        require_positive("Ra", ra.value(), "ohm m");
        require_positive("gm", gm.value(), "S/m^2");
        require_positive("cm", cm.value(), "F/m^2");
    }
};

/// lambda = sqrt(R_m d / (4 R_a)).
inline length<double> length_constant(const passive_cylinder& c) {
    c.check();
    return make<unit::length>(std::sqrt(c.r_m() / c.r_a()));
}
/// tau = R_m c_m.
inline time<double> time_constant(const passive_cylinder& c) {
    c.check();
    return make<unit::time>(c.cm.value() / c.gm.value());
}
/// R_in = r_a lambda coth(L / lambda) at x = 0 of a cable sealed at both ends.
inline resistance<double> sealed_input_resistance(const passive_cylinder& c) {
    const double lam = length_constant(c).value();
    return resistance<double>::from_value(c.r_a() * lam / std::tanh(c.len.value() / lam));
}

/// u = V - E_m at x, t for a step I into x = 0 from t = 0 (header comment), summed until the
/// terms fall below 1e-17 of the steady state.
inline voltage<double> sealed_step_response(const passive_cylinder& c, const length<double>& x,
                                            const time<double>& t, const current<double>& I) {
    c.check();
    const double L = c.len.value(), xs = x.value(), ts = t.value(), i = I.value();
    require(xs >= 0 && xs <= L, "x", xs, "0..L", "m");
    require(ts >= 0 && std::isfinite(ts), "t", ts, ">= 0, finite", "s");
    const double lam = length_constant(c).value(), tau = time_constant(c).value();
    const double steady = i * c.r_a() * lam * std::cosh((L - xs) / lam) / std::sinh(L / lam);
    double sum = 0;
    for (long n = 0; n < 100000000; ++n) {
        const double k = double(n) * std::numbers::pi * lam / L, q = 1 + k * k;
        const double term = (n == 0 ? 1.0 : 2.0) * std::cos(double(n) * std::numbers::pi * xs / L) *
                            std::exp(-q * ts / tau) / q;
        sum += term;
        if (n > 0 && std::exp(-q * ts / tau) / q < 1e-17) break;
    }
    return make<unit::voltage>(steady - i * c.r_m() / L * sum);
}

} // namespace noneq::cable
