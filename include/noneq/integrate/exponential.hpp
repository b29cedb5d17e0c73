// noneq/integrate/exponential.hpp — the exponential (Rush-Larsen) step of a membrane: the one
// fixed-step engine that a single cell (an odeint stepper, below) and a SIMD population
// (noneq/population/population.hpp) both run, over any value type.
//
// Over one step of length dt from (V, s) at time t:
//   V: the membrane current is linearised about V at frozen states, I(V') = I + g (V' - V),
//     with the slope conductance g = dI/dV that every part returns with its current (exact, no
//     finite difference), and that linear ODE is solved exactly:
//       V <- V - (I dt / C) phi_1(-g dt / C),   phi_1(z) = (e^z - 1)/z     (core/exprel.hpp)
//     (Brian2's exponential_euler; for ohmic channels it is V_inf + (V - V_inf) e^{-g dt/C},
//     exact for frozen gates). With v_update::euler, V takes a forward-Euler step instead (the
//     classic Rush-Larsen scheme).
//   states: s <- s_inf + (s - s_inf) exp(-dt/tau) exactly for frozen V (Rush & Larsen 1978,
//     IEEE Trans Biomed Eng 25:389; NEURON's cnexp), at
//       coupling::staggered     the NEW V (NEURON's fadvance: V and the gates staggered by
//                               half a step, Hines 1984), or
//       coupling::simultaneous  the OLD V (every variable from the old state at once: Brian2).
// Both are first order in dt overall. Injected current (a population's per-cell stimulus) enters
// as a current independent of V.
#pragma once

#include <noneq/core/exprel.hpp>
#include <noneq/core/value_traits.hpp>

#include <boost/numeric/odeint/stepper/stepper_categories.hpp>
#include <boost/numeric/odeint/util/unwrap_reference.hpp>

#include <concepts>
#include <type_traits>

namespace noneq {

/// A system whose state x has x[0] = V and whose other states relax exactly for frozen V: it
/// gives its total current and slope conductance, relaxes its states, and has a capacitance.
template <class S>
concept exponentially_steppable = requires(const S& s, typename S::state_type& x, double v,
                                           double dt, double t) {
    { s.current_and_conductance(&x[0], t).i } -> std::convertible_to<double>;
    { s.current_and_conductance(&x[0], t).g } -> std::convertible_to<double>;
    s.relax(&x[0], v, dt, t);
    { s.capacitance().uF_per_cm2() } -> std::convertible_to<double>;
};

/// A membrane a fixed-step engine can drive from prepared per-step data (membrane.hpp).
template <class S>
concept fixed_steppable = exponentially_steppable<S> &&
    requires(const S& s, typename S::state_type& x, double v, double t) {
    { S::size } -> std::convertible_to<std::size_t>;
    s.advance_states(&x[0], v, s.template prepare_step<double>(0.025), t);
};

enum class v_update { exponential, euler };

/// Which V the states relax at (see the header comment).
enum class coupling { staggered, simultaneous };

/// The exponential update of V over a step: dt_c = dt / C (ms cm^2/uF), i the outward current
/// density (uA/cm^2) including injected currents, g its slope conductance (mS/cm^2).
template <v_update VU = v_update::exponential, value_type V>
V exponential_v_update(const V& v, const V& i, const V& g, const V& dt_c) {
    if constexpr (VU == v_update::exponential)
        return v - (i * dt_c) * phi1(-g * dt_c);
    else
        return v - i * dt_c;
}

/// One step of dt ms of membrane `m` at time t (ms) over state x (x[0] = V; any value type),
/// with injected current density i_injected (uA/cm^2, inward positive), from the data
/// m.prepare_step(dt) prepared once.
// flatten: GCC inlines every part's formulas (rates, exprel, exp) into the step, which keeps a
// population's batches in registers.
template <v_update VU = v_update::exponential, class M, value_type V, class Data>
NONEQ_FLATTEN void exponential_step(const M& m, V* x, const V& i_injected, double t,
                                       double dt_ms, const Data& data, coupling c) {
    const V v = x[0];
    const auto cur = m.current_and_conductance(x, t);
    const V dt_c(scalar_t<V>(dt_ms / m.capacitance().uF_per_cm2()));
    const V v_new = exponential_v_update<VU>(v, cur.i - i_injected, cur.g, dt_c);
    m.advance_states(x, c == coupling::staggered ? v_new : v, data, t);
    x[0] = v_new;
}

/// The exponential step as a Boost.Odeint stepper for one cell (stepper_tag: do_step(system,
/// x, t, dt), so it runs under odeint's integrate_* functions and noneq::integrate_guarded).
/// Coupling simultaneous by default (every variable from the state at the step's start).
template <class State, v_update VU = v_update::exponential, coupling C = coupling::simultaneous>
class exponential_euler {
public:
    using state_type = State;
    using deriv_type = State;
    using value_type = double;
    using time_type = double;
    using order_type = unsigned short;
    using stepper_category = boost::numeric::odeint::stepper_tag;
    static constexpr order_type order_value = 1;
    order_type order() const { return order_value; }

    template <class System>
    void do_step(System system, State& x, double t, double dt) {
        const auto& sys = static_cast<const std::remove_cvref_t<
            typename boost::numeric::odeint::unwrap_reference<System>::type>&>(system);
        using S = std::remove_cvref_t<decltype(sys)>;
        static_assert(exponentially_steppable<S>,
                      "exponential_euler needs a system with current_and_conductance(x, t), "
                      "relax(x, v, dt, t) and capacitance() (e.g. a noneq::membrane)");
        if constexpr (fixed_steppable<S>) {
            exponential_step<VU>(sys, &x[0], 0.0, t, dt, sys.template prepare_step<double>(dt), C);
        } else {
            const double v = x[0];
            const auto cur = sys.current_and_conductance(&x[0], t);
            const double v_new = exponential_v_update<VU>(v, double(cur.i), double(cur.g),
                                                          dt / sys.capacitance().uF_per_cm2());
            sys.relax(&x[0], C == coupling::staggered ? v_new : v, dt, t);
            x[0] = v_new;
        }
    }
    /// odeint's out-of-place form.
    template <class System>
    void do_step(System system, const State& in, double t, State& out, double dt) {
        out = in;
        do_step(system, out, t, dt);
    }
};

} // namespace noneq
