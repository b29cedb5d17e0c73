// noneq/membrane/gates.hpp — gate policies: the voltage-dependent kinetics of one gating particle
// and the power it enters a channel's open probability with (m^3 h, n^4, ...).
//
// A gating particle x obeys first-order kinetics (Hodgkin & Huxley 1952):
//   dx/dt = phi (alpha(V) (1 - x) - beta(V) x) = (x_inf(V) - x) / tau(V),
//   x_inf = alpha/(alpha + beta),  tau = 1/(phi (alpha + beta)),
// with the temperature factor phi = Q10^((T - T_ref)/10). A kinetics policy gives either form:
//   alpha/beta form:  static V alpha(V v_mV), static V beta(V v_mV)     (1/ms, at T_ref)
//   inf/tau form:     static V inf(V v_mV),   static V tau(V v_mV)      (1, ms at T_ref)
// plus `static constexpr const char* name` ("m", "h", ...). Q10 scaling is optional: a policy
// with `static constexpr double q10` and `static constexpr double celsius_ref` is scaled,
// otherwise its rates do not depend on temperature. `q10_scaled<K, Q10, Tref>` adds scaling to
// a policy that has none. All functions are templates over the value type V (double, float,
// xsimd::batch), so the same kinetics serve a single cell and a SIMD population.
#pragma once

#include <noneq/core/exprel.hpp>
#include <noneq/core/value_traits.hpp>

#include <cmath>
#include <concepts>
#include <type_traits>

namespace noneq {

/// Kinetics given by opening and closing rates alpha(V), beta(V) in 1/ms, V in mV.
template <class K>
concept alpha_beta_kinetics = requires(double v) {
    { K::alpha(v) } -> std::convertible_to<double>;
    { K::beta(v) } -> std::convertible_to<double>;
    { K::name } -> std::convertible_to<const char*>;
};

/// Kinetics given by the steady state x_inf(V) and time constant tau(V) in ms, V in mV.
template <class K>
concept inf_tau_kinetics = requires(double v) {
    { K::inf(v) } -> std::convertible_to<double>;
    { K::tau(v) } -> std::convertible_to<double>;
    { K::name } -> std::convertible_to<const char*>;
};

/// Written in at least one of the two forms.
template <class K>
concept has_rate_form = alpha_beta_kinetics<K> || inf_tau_kinetics<K>;

/// Not written in both forms at once (which would leave the meaning ambiguous).
template <class K>
concept unambiguous_rate_form = !(alpha_beta_kinetics<K> && inf_tau_kinetics<K>);

/// A gate kinetics policy: exactly one of the two forms.
template <class K>
concept gate_kinetics = has_rate_form<K> && unambiguous_rate_form<K>;

/// Does the policy carry its own Q10 temperature scaling?
template <class K>
concept q10_scaled_kinetics = gate_kinetics<K> && requires {
    { K::q10 } -> std::convertible_to<double>;
    { K::celsius_ref } -> std::convertible_to<double>;
};

/// Adds Q10 scaling (factor Q10 per 10 degC, rates as given at TrefC) to a kinetics policy.
template <gate_kinetics K, double Q10, double TrefC>
struct q10_scaled : K {
    static constexpr double q10 = Q10;
    static constexpr double celsius_ref = TrefC;
};

/// The temperature factor Q10^((celsius - celsius_ref)/10) of rates given at celsius_ref.
template <value_type V>
V q10_factor(const V& q10, const V& celsius, const V& celsius_ref) {
    using std::pow;
    using xsimd::pow;
    return pow(q10, (celsius - celsius_ref) / V(scalar_t<V>(10)));
}

/// The temperature factor phi = Q10^((T - T_ref)/10) of a kinetics policy (1 if unscaled).
template <gate_kinetics K>
double temperature_factor(double celsius) {
    if constexpr (q10_scaled_kinetics<K>)
        return q10_factor(double(K::q10), celsius, double(K::celsius_ref));
    else {
        (void)celsius;
        return 1.0;
    }
}

/// Steady state and time constant of one gate at one voltage.
template <class V>
struct inf_tau {
    V inf;
    V tau; ///< ms, temperature factor applied
};

/// Steady state and rate 1/tau of one gate at one voltage.
template <class V>
struct inf_rate {
    V inf;
    V rate; ///< 1/ms, temperature factor applied
};

/// x_inf(V) and phi/tau(V) of a kinetics policy, whichever form it is written in: the form a
/// fixed-step update needs (dt/tau = dt rate, no division for the alpha/beta form).
template <gate_kinetics K, value_type V>
inf_rate<V> gate_inf_rate(const V& v, const V& phi) {
    if constexpr (alpha_beta_kinetics<K>) {
        const V a = K::alpha(v);
        const V s = a + K::beta(v);
        return {a / s, phi * s};
    } else {
        return {K::inf(v), phi / K::tau(v)};
    }
}

/// x_inf(V) and tau(V) / phi of a kinetics policy, whichever form it is written in.
template <gate_kinetics K, value_type V>
inf_tau<V> gate_inf_tau(const V& v, const V& phi) {
    if constexpr (alpha_beta_kinetics<K>) {
        const V a = K::alpha(v);
        const V s = a + K::beta(v);
        return {a / s, V(scalar_t<V>(1)) / (phi * s)};
    } else {
        return {K::inf(v), K::tau(v) / phi};
    }
}

/// dx/dt of one gate, 1/ms. The alpha/beta form is evaluated as phi (alpha (1 - x) - beta x),
/// without divisions (equal to (x_inf - x)/tau up to rounding).
template <gate_kinetics K, value_type V>
V gate_derivative(const V& x, const V& v, const V& phi) {
    if constexpr (alpha_beta_kinetics<K>) {
        const V a = K::alpha(v);
        return phi * (a - (a + K::beta(v)) * x);
    } else {
        const auto r = gate_inf_tau<K>(v, phi);
        return (r.inf - x) / r.tau;
    }
}

/// Exact update of a first-order variable over a step for frozen V (Rush & Larsen 1978;
/// NEURON's cnexp; Brian2's exponential Euler for a linear equation):
///   x <- x_inf + (x - x_inf) exp(-dt/tau),  written with expm1 so small dt/tau loses nothing.
/// The one relaxation formula of the library; `dt_over_tau` = dt * rate.
template <value_type V>
V relax_toward(const V& x, const V& x_inf, const V& dt_over_tau) {
    return x - math::expm1(-dt_over_tau) * (x_inf - x);
}

/// relax_toward with the time constant and the step given separately.
template <value_type V>
V relax_exactly(const V& x, const V& x_inf, const V& tau, const V& dt) {
    return relax_toward(x, x_inf, dt / tau);
}

/// A gating particle raised to a power in the open probability: gate<m_kinetics, 3> is m^3.
template <gate_kinetics K, int Power>
requires(Power >= 1 && Power <= 8) struct gate {
    using kinetics = K;
    static constexpr int power = Power;
};

namespace detail {
template <class T>
struct is_gate : std::false_type {};
template <class K, int P>
struct is_gate<gate<K, P>> : std::true_type {};
} // namespace detail

/// A gate policy: a kinetics raised to a power, as built by gate<K, P>.
template <class G>
concept gate_policy = detail::is_gate<G>::value;

/// x^P for small integer P by repeated squaring.
template <int P, value_type V>
V ipow(const V& x) {
    if constexpr (P == 0)
        return V(scalar_t<V>(1));
    else if constexpr (P == 1)
        return x;
    else if constexpr (P % 2 == 0) {
        const V y = ipow<P / 2>(x);
        return y * y;
    } else
        return x * ipow<P - 1>(x);
}

} // namespace noneq
