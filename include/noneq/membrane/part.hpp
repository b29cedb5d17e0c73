// noneq/membrane/part.hpp — what a Membrane is composed of. A membrane part contributes an
// outward current density and its slope conductance, and may carry its own state variables
// (gates, synaptic activation). Internal units, as in NEURON: V in mV, t in ms, current densities
// in uA/cm^2, conductance densities in mS/cm^2.
//
// Every part is written once over the value type V (double, float, xsimd batches), so the same
// composed membrane runs as one cell and as a SIMD population (noneq/population/population.hpp),
// whose state is one array per state variable.
//
// membrane_part<P> requires (checked with V = double; the templates take any value type)
//   P::n_states                       number of state variables it owns (0 for a leak)
//   p.bind(env)                       precompute what depends on the environment (Q10, E_rev)
//   p.current_and_conductance(v, s, t) -> part_current<V>{i, g}: the outward current density
//                                     (uA/cm^2) and its slope dI/dV at frozen states (mS/cm^2),
//                                     together (exact: no finite differences); s = its states
//   p.derivatives(v, s, ds, t)        ds/dt of its states, per ms
//   p.steady_state(v, s, t)           its states at steady state for clamped v
//   p.relax(v, s, dt, t)              exact update of its states over dt for frozen v (each
//                                     state must obey ds/dt linear in s for frozen v)
//   P::state_name(i)                  "Na.m", ... for reports
// Optionally, for fixed-step engines, a part may precompute per-step data once per run:
//   p.template prepare_step<Real>(dt, tables) -> D     (e.g. a gate's rate table)
//   p.advance(v, s, d, t)             the same update as relax(v, s, dt, t), from that data
// (prepare_part_step below supplies the default: just dt, advance = relax), and a part whose
// states depend on V alone may say so (tabulable_part: P::tabulable, p.inf_tau_at(v, out)), so
// that the membrane can put them into its one rate table.
// pump_policy<P> is the lighter contract of a stateless transporter (a Na/K pump): it gives a
// current density from V, the concentrations and the temperature, with units:
//   p.current(voltage<double>, environment) -> current_density<double>
// A Membrane accepts either; pumps are wrapped by pump_part<P>.
#pragma once

#include <noneq/core/value_traits.hpp>
#include <noneq/membrane/ions.hpp>
#include <noneq/membrane/rate_table.hpp>
#include <noneq/units.hpp>

#include <array>
#include <concepts>
#include <cstddef>
#include <string>
#include <type_traits>
#include <utility>

namespace noneq {

/// A part's outward current density (uA/cm^2) and slope conductance dI/dV (mS/cm^2).
template <class V>
struct part_current {
    V i;
    V g;
};

template <class P>
concept membrane_part = requires(P& p, const P& cp, const environment& env, double v,
                                 const double* s, double* ds, double t, std::size_t i) {
    { P::n_states } -> std::convertible_to<std::size_t>;
    p.bind(env);
    { cp.current_and_conductance(v, s, t) } -> std::same_as<part_current<double>>;
    cp.derivatives(v, s, ds, t);
    cp.steady_state(v, ds, t);
    cp.relax(v, ds, t, t);
    { P::state_name(i) } -> std::convertible_to<std::string>;
};

template <class P>
concept pump_policy = requires(const P& p, const voltage<double>& v, const environment& env) {
    { p.current(v, env) } -> std::convertible_to<current_density<double>>;
};

/// Per-step data of a part without prepare_step of its own: the step, for relax().
struct relax_step {
    double dt_ms;
};

/// A part that prepares its own fixed-step data (and advances from it).
template <class P, class Real>
concept prepares_step = requires(const P& p, double dt, const table_grid& grid) {
    p.template prepare_step<Real>(dt, grid);
};

template <class Real, class P>
auto prepare_part_step(const P& p, double dt_ms, const table_grid& grid) {
    if constexpr (prepares_step<P, Real>)
        return p.template prepare_step<Real>(dt_ms, grid);
    else
        return relax_step{dt_ms};
}

/// The type of a part's fixed-step data.
template <class P, class Real>
using part_step_data_t = decltype(prepare_part_step<Real, P>(std::declval<const P&>(), 0.0,
                                                             std::declval<const table_grid&>()));

/// A part whose states depend on V alone (a channel's gates): it reports x_inf and tau of each
/// state at a V, and a fixed-step engine may tabulate them.
template <class P>
concept tabulable_part = requires(const P& p, double v, double* out) {
    requires P::tabulable;
    p.inf_tau_at(v, out);
};

/// Advances a part's states over a prepared step for frozen v.
template <class P, class V, class D>
void advance_part(const P& p, const V& v, V* s, const D& d, double t) {
    if constexpr (std::is_same_v<D, relax_step>)
        p.relax(v, s, V(scalar_t<V>(d.dt_ms)), t);
    else
        p.advance(v, s, d, t);
}

/// Either a full membrane part or a pump policy (which Membrane wraps in pump_part).
template <class P>
concept membrane_part_or_pump = membrane_part<P> || pump_policy<P>;

/// Base of parts without state variables: the state hooks do nothing.
struct stateless_part {
    static constexpr std::size_t n_states = 0;
    template <class V>
    void derivatives(const V&, const V*, V*, double) const {}
    template <class V>
    void steady_state(const V&, V*, double) const {}
    template <class V>
    void relax(const V&, V*, const V&, double) const {}
    static std::string state_name(std::size_t) { return {}; }
};

/// Adapts a pump policy to a membrane part (it reads the bound environment on every call).
/// The policy is written for double quantities: a batch is evaluated lane by lane. Its slope
/// conductance is reported as 0 (a pump's current changes little with V over a step; the
/// exponential step then treats it as constant over the step, forward-Euler-like, which is
/// first order as the rest of the step).
template <pump_policy P>
class pump_part : public stateless_part {
public:
    explicit pump_part(P pump) : pump_(std::move(pump)) {}
    void bind(const environment& env) { env_ = env; }
    template <class V>
    part_current<V> current_and_conductance(const V& v_mV, const void* = nullptr,
                                            double = 0) const {
        if constexpr (is_batch_v<V>) {
            alignas(64) std::array<scalar_t<V>, V::size> in{}, out{};
            v_mV.store_aligned(in.data());
            for (std::size_t l = 0; l < V::size; ++l)
                out[l] = static_cast<scalar_t<V>>(at(double(in[l])));
            return {V::load_aligned(out.data()), V(scalar_t<V>(0))};
        } else {
            return {V(at(double(v_mV))), V(0)};
        }
    }
    template <class V>
    V current(const V& v_mV, const void* s = nullptr, double t = 0) const {
        return current_and_conductance(v_mV, s, t).i;
    }
    const P& pump() const { return pump_; }
    P& pump() { return pump_; }

private:
    double at(double v_mV) const {
        const auto i = pump_.current(voltage<double>::from_value(v_mV * 1e-3), env_);
        return current_density<double>(i).value() * 1e2; // A/m^2 -> uA/cm^2
    }
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
