// noneq/devices/teg.hpp — a thermoelectric generator in the constant-property model: one leg
// (or a p-n couple with S = S_p - S_n) between reservoirs at T_hot and T_cold, with internal
// electrical resistance R and thermal conductance K (Ioffe, Semiconductor Thermoelements, 1957;
// Goldsmid, Introduction to Thermoelectricity, 2nd ed., ch. 2; Snyder & Toberer, Nat. Mater. 7
// (2008) 105).
//
//   open-circuit voltage  V_oc = S (T_h - T_c)            (magnitude, |S|)
//   current into a load   I = V_oc / (R + R_L),  power P = I^2 R_L
//   maximum power         P_max = V_oc^2 / (4 R) at the matched load R_L = R
//   heat drawn at T_h     Q_h = K (T_h - T_c) + |S| T_h I - I^2 R / 2
//   efficiency            eta = P / Q_h
//   maximum efficiency    eta_max = eta_C (sqrt(1+ZT) - 1) / (sqrt(1+ZT) + T_c/T_h),
//                         Z = S^2/(R K), T = (T_h + T_c)/2, at R_L/R = sqrt(1+ZT);
//                         eta_max < eta_C = 1 - T_c/T_h for every finite ZT.
#pragma once

#include <noneq/core/error.hpp>
#include <noneq/units.hpp>

#include <cmath>

namespace noneq::devices {

template <class V = double>
using resistance = quantity<boost::units::si::resistance, V>;
template <class V = double>
using thermal_conductance = quantity<unit_quotient<unit::power, unit::temperature>, V>;

/// A thermoelectric generator: Seebeck coefficient (its magnitude is used), internal electrical
/// resistance, thermal conductance between the reservoirs, reservoir temperatures.
template <class V = double>
struct teg {
    seebeck_coefficient<V> S;
    resistance<V> R;
    thermal_conductance<V> K;
    temperature<V> T_hot;
    temperature<V> T_cold;

    void validate() const {
        require(std::isfinite(S.value()) && S.value() != 0.0, "S", S.value(), "nonzero, finite",
                "V/K");
        require_positive("R", R.value(), "ohm");
        require_positive("K", K.value(), "W/K");
        require_positive("T_cold", T_cold.value(), "K");
        require(T_hot.value() > T_cold.value() && std::isfinite(T_hot.value()), "T_hot",
                T_hot.value(), "> T_cold, finite", "K");
    }
};

/// Open-circuit voltage |S| (T_h - T_c).
template <class V>
voltage<V> open_circuit_voltage(const teg<V>& g) {
    g.validate();
    using std::abs;
    return voltage<V>::from_value(abs(g.S.value()) * (g.T_hot.value() - g.T_cold.value()));
}

/// Current into a load resistance R_L >= 0.
template <class V>
current<V> load_current(const teg<V>& g, const resistance<V>& R_L) {
    require_nonnegative("R_L", R_L.value(), "ohm");
    return current<V>::from_value(open_circuit_voltage(g).value() / (g.R.value() + R_L.value()));
}

/// Power delivered into a load R_L: I^2 R_L.
template <class V>
power<V> load_power(const teg<V>& g, const resistance<V>& R_L) {
    const V I = load_current(g, R_L).value();
    return power<V>::from_value(I * I * R_L.value());
}

/// The maximum power V_oc^2 / (4 R), delivered into the matched load R_L = R.
template <class V>
power<V> max_power(const teg<V>& g) {
    const V voc = open_circuit_voltage(g).value();
    return power<V>::from_value(voc * voc / (V(4) * g.R.value()));
}

/// The figure of merit ZT = S^2 T / (R K) at the mean temperature T = (T_h + T_c)/2.
template <class V>
V zt(const teg<V>& g) {
    g.validate();
    const V Tm = V(0.5) * (g.T_hot.value() + g.T_cold.value());
    return g.S.value() * g.S.value() * Tm / (g.R.value() * g.K.value());
}

/// Heat drawn from the hot reservoir with load R_L: K dT + |S| T_h I - I^2 R / 2.
template <class V>
power<V> heat_input(const teg<V>& g, const resistance<V>& R_L) {
    using std::abs;
    const V I = load_current(g, R_L).value();
    const V dT = g.T_hot.value() - g.T_cold.value();
    return power<V>::from_value(g.K.value() * dT + abs(g.S.value()) * g.T_hot.value() * I -
                                V(0.5) * I * I * g.R.value());
}

/// Conversion efficiency P / Q_h with load R_L.
template <class V>
V efficiency(const teg<V>& g, const resistance<V>& R_L) {
    return load_power(g, R_L).value() / heat_input(g, R_L).value();
}

/// Carnot efficiency 1 - T_c/T_h.
template <class V>
V carnot_efficiency(const temperature<V>& T_hot, const temperature<V>& T_cold) {
    require_positive("T_cold", T_cold.value(), "K");
    require(T_hot.value() >= T_cold.value() && std::isfinite(T_hot.value()), "T_hot", T_hot.value(),
            ">= T_cold, finite", "K");
    return V(1) - T_cold.value() / T_hot.value();
}

/// Maximum efficiency for a given ZT (>= 0): eta_C (sqrt(1+ZT) - 1)/(sqrt(1+ZT) + T_c/T_h).
template <class V>
V max_efficiency(const V& ZT, const temperature<V>& T_hot, const temperature<V>& T_cold) {
    require_nonnegative("ZT", ZT);
    using std::sqrt;
    const V m = sqrt(V(1) + ZT);
    return carnot_efficiency(T_hot, T_cold) * (m - V(1)) / (m + T_cold.value() / T_hot.value());
}

/// The load that maximises efficiency, R_L = R sqrt(1 + ZT).
template <class V>
resistance<V> optimal_efficiency_load(const teg<V>& g) {
    using std::sqrt;
    return resistance<V>::from_value(g.R.value() * sqrt(V(1) + zt(g)));
}

} // namespace noneq::devices
