// noneq/membrane/part.hpp — what a Membrane is composed of. A membrane part contributes an
// outward current density and may carry its own state variables (gates, synaptic activation).
// Internal units, as in NEURON: V in mV, t in ms, current densities in uA/cm^2.
//
// membrane_part<P> requires
//   P::n_states                       number of state variables it owns (0 for a leak)
//   p.bind(env)                       precompute what depends on the environment (Q10, E_rev)
//   p.current(v, s, t)                outward current density, uA/cm^2, s = its states
//   p.derivatives(v, s, ds, t)        ds/dt of its states, per ms
//   p.steady_state(v, s, t)           its states at steady state for clamped v
//   p.relax(v, s, dt, t)              exact update of its states over dt for frozen v (each
//                                     state must obey ds/dt linear in s for frozen v)
//   P::state_name(i)                  "Na.m", ... for reports
// pump_policy<P> is the lighter contract of a stateless transporter (a Na/K pump): it gives a
// current density from V, the concentrations and the temperature, with units:
//   p.current(voltage<double>, environment) -> current_density<double>
// A Membrane accepts either; pumps are wrapped by pump_part<P>.
#pragma once

#include <noneq/membrane/ions.hpp>
#include <noneq/units.hpp>

#include <concepts>
#include <cstddef>
#include <string>
#include <utility>

namespace noneq {

template <class P>
concept membrane_part = requires(P& p, const P& cp, const environment& env, double v,
                                 const double* s, double* ds, double t, std::size_t i) {
    { P::n_states } -> std::convertible_to<std::size_t>;
    p.bind(env);
    { cp.current(v, s, t) } -> std::convertible_to<double>;
    cp.derivatives(v, s, ds, t);
    cp.steady_state(v, ds, t);
    cp.relax(v, ds, t, t);
    { P::state_name(i) } -> std::convertible_to<std::string>;
};

template <class P>
concept pump_policy = requires(const P& p, const voltage<double>& v, const environment& env) {
    { p.current(v, env) } -> std::convertible_to<current_density<double>>;
};

/// Either a full membrane part or a pump policy (which Membrane wraps in pump_part).
template <class P>
concept membrane_part_or_pump = membrane_part<P> || pump_policy<P>;

/// Base of parts without state variables: the state hooks do nothing.
struct stateless_part {
    static constexpr std::size_t n_states = 0;
    void derivatives(double, const double*, double*, double) const {}
    void steady_state(double, double*, double) const {}
    void relax(double, double*, double, double) const {}
    static std::string state_name(std::size_t) { return {}; }
};

/// Adapts a pump policy to a membrane part (it reads the bound environment on every call).
template <pump_policy P>
class pump_part : public stateless_part {
public:
    explicit pump_part(P pump) : pump_(std::move(pump)) {}
    void bind(const environment& env) { env_ = env; }
    double current(double v_mV, const double*, double) const {
        const auto i = pump_.current(voltage<double>::from_value(v_mV * 1e-3), env_);
        return current_density<double>(i).value() * 1e2; // A/m^2 -> uA/cm^2
    }
    const P& pump() const { return pump_; }
    P& pump() { return pump_; }

private:
    P pump_;
    environment env_{};
};

namespace detail {
template <class P>
struct as_part {
    using type = P;
};
template <class P>
requires(!membrane_part<P> && pump_policy<P>) struct as_part<P> {
    using type = pump_part<P>;
};
} // namespace detail

/// The membrane part a composition argument stands for.
template <membrane_part_or_pump P>
using part_t = typename detail::as_part<P>::type;

} // namespace noneq
