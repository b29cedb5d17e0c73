// noneq/integrate/exponential.hpp — the exponential (Rush-Larsen) stepper for membranes.
//
// Over one step of length dt from (V, s) at time t, with V frozen:
//   gates and other part states:  s <- s_inf + (s - s_inf) exp(-dt/tau)  exactly
//     (Rush & Larsen 1978, IEEE Trans Biomed Eng 25:389; NEURON's cnexp);
//   V: the membrane current is linearised about V at frozen states, I(V') = I + g (V' - V)
//     with the slope conductance g = dI/dV, and that linear ODE is solved exactly:
//       V <- V - (I dt / C) (1 - e^{-k})/k,  k = g dt / C   (Brian2's exponential_euler;
//     for ohmic channels this is exact for frozen gates). With v_update::euler, V takes a
//     forward-Euler step instead (the classic Rush-Larsen scheme).
// Both use the state at the start of the step, so the scheme is first order in dt.
// It is an odeint stepper (stepper_tag): do_step(system, x, t, dt), so it runs under
// odeint's integrate_* functions and noneq::integrate_guarded.
//
// The system must be exponentially_steppable: a Membrane (membrane.hpp) is.
#pragma once

#include <noneq/core/exprel.hpp>

#include <boost/numeric/odeint/stepper/stepper_categories.hpp>
#include <boost/numeric/odeint/util/unwrap_reference.hpp>

#include <concepts>

namespace noneq {

/// A system whose state x has x[0] = V and whose other states relax exactly for frozen V.
template <class S>
concept exponentially_steppable = requires(const S& s, typename S::state_type& x, double v,
                                           double dt, double t) {
    { s.current(x, t) } -> std::convertible_to<double>;
    s.relax(x, v, dt, t);
    { s.capacitance().uF_per_cm2() } -> std::convertible_to<double>;
};

enum class v_update { exponential, euler };

template <class State, v_update VU = v_update::exponential>
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

    /// Voltage offset (mV) of the finite difference for the slope conductance. For currents
    /// linear in V (ohmic) the difference is exact up to rounding.
    static constexpr double dv_mV = 1e-3;

    template <class System>
    void do_step(System system, State& x, double t, double dt) {
        const auto& sys = static_cast<const std::remove_cvref_t<
            typename boost::numeric::odeint::unwrap_reference<System>::type>&>(system);
        static_assert(exponentially_steppable<std::remove_cvref_t<decltype(sys)>>,
                      "exponential_euler needs a system with current(x, t), relax(x, v, dt, t) "
                      "and capacitance() (e.g. a noneq::membrane)");
        const double v = x[0];
        const double c = sys.capacitance().uF_per_cm2();
        const double i = sys.current(x, t);
        double v_new;
        if constexpr (VU == v_update::exponential) {
            State xp = x;
            xp[0] = v + dv_mV;
            const double g = (sys.current(xp, t) - i) / dv_mV;
            v_new = v - (i * dt / c) / exprel(-g * dt / c);
        } else {
            v_new = v - i * dt / c;
        }
        sys.relax(x, v, dt, t);
        x[0] = v_new;
    }
    /// odeint's out-of-place form.
    template <class System>
    void do_step(System system, const State& in, double t, State& out, double dt) {
        out = in;
        do_step(system, out, t, dt);
    }
};

} // namespace noneq
