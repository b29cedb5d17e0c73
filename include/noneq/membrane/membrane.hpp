// noneq/membrane/membrane.hpp — a single-compartment membrane composed of policy parts:
//   membrane<specific_capacitance, channel<ohmic, ion::na, gates<M3, H1>>, ..., leak,
//            gaba_a_synapse, step_current, SomePump>
// obeying the current balance  C dV/dt = - sum_parts I_part(V, s_part, t)  (outward positive,
// an injected current counts negative), with each part's own state variables s_part.
//
// The state of one cell is a fixed-size std::array<double, N>: x[0] = V (mV), then each part's
// states in the order the parts are given. It is used directly as a Boost.Odeint state
// (operator()(x, dxdt, t) with t in ms). Every per-step member is a template over the state's
// value type, so the same membrane evaluates an xsimd batch of cells (one lane per cell, the
// population's structure of arrays loaded into registers): one model, one cell or many.
// Each part gives its current and slope conductance together (part.hpp); their sums are what
// an exponential step needs (integrate/exponential.hpp). Composition is resolved at compile
// time: no virtual calls, no allocation per step. Units: mV, ms, uA/cm^2, mS/cm^2 inside;
// quantities at construction.
#pragma once

#include <noneq/core/error.hpp>
#include <noneq/integrate/time_unit.hpp>
#include <noneq/membrane/ions.hpp>
#include <noneq/membrane/part.hpp>
#include <noneq/membrane/rate_table.hpp>
#include <noneq/units.hpp>

#include <algorithm>
#include <array>
#include <concepts>
#include <cstddef>
#include <memory>
#include <string>
#include <tuple>
#include <utility>

namespace noneq {

/// A capacitance policy: the specific capacitance in uF/cm^2.
template <class C>
concept capacitance_policy = requires(const C& c) {
    { c.uF_per_cm2() } -> std::convertible_to<double>;
};

/// Constant specific membrane capacitance (default 1 uF/cm^2, Cole & Curtis 1939 / HH 1952).
class specific_capacitance {
public:
    explicit specific_capacitance(
        const capacitance_density<double>& c = capacitance_density<double>::from_value(1e-2)) {
        require_positive("cm", c.value(), "F/m^2");
        cm_ = c.value() * 1e2; // F/m^2 -> uF/cm^2
    }
    double uF_per_cm2() const { return cm_; }

private:
    double cm_;
};

template <capacitance_policy Cap, membrane_part_or_pump... Ps>
class membrane {
public:
    using parts_type = std::tuple<part_t<Ps>...>;
    static constexpr std::size_t n_parts = sizeof...(Ps);
    static constexpr std::size_t size = 1 + (std::size_t{0} + ... + part_t<Ps>::n_states);
    using state_type = std::array<double, size>;
    using time_unit = milliseconds; ///< t in ms (integrate/run.hpp converts quantities to it)
    /// The right-hand side also takes std::array<xsimd::batch, size> states (every part is
    /// written over the value type): finite-difference Jacobians evaluate a batch of columns.
    static constexpr bool simd_rhs = true;

    /// Offset of part I's first state in the state vector.
    template <std::size_t I>
    static constexpr std::size_t offset() {
        constexpr std::array<std::size_t, n_parts + 1> n{part_t<Ps>::n_states..., 0};
        std::size_t o = 1;
        for (std::size_t k = 0; k < I; ++k)
            o += n[k];
        return o;
    }

    explicit membrane(Cap cap, Ps... parts)
        : cap_(std::move(cap)), parts_(part_t<Ps>(std::move(parts))...) {
        bind_all();
    }
    membrane(const environment& env, Cap cap, Ps... parts)
        : cap_(std::move(cap)), parts_(part_t<Ps>(std::move(parts))...), env_(env) {
        bind_all();
    }

    /// Change concentrations or temperature; every part recomputes what depends on them.
    void set_environment(const environment& env) {
        env_ = env;
        bind_all();
    }
    const environment& env() const { return env_; }
    const Cap& capacitance() const { return cap_; }

    template <std::size_t I>
    auto& part() {
        return std::get<I>(parts_);
    }
    template <std::size_t I>
    const auto& part() const {
        return std::get<I>(parts_);
    }
    /// Re-bind after a part's parameters were changed through part<I>().
    void rebind() { bind_all(); }

    /// Total outward membrane current density (uA/cm^2) and slope conductance (mS/cm^2) at
    /// state x (x[0] = V) and time t (ms); injected currents count negative. Any value type.
    template <class V>
    part_current<V> current_and_conductance(const V* x, double t) const {
        part_current<V> sum{V(scalar_t<V>(0)), V(scalar_t<V>(0))};
        each_part([&]<std::size_t I>(const auto& p) {
            const part_current<V> c = p.current_and_conductance(x[0], x + offset<I>(), t);
            sum.i += c.i;
            sum.g += c.g;
        });
        return sum;
    }

    /// Total outward membrane current density at state x and time t (ms), uA/cm^2; injected
    /// currents count negative. dV/dt = -current / C.
    template <class State>
    auto current(const State& x, double t) const {
        return current_and_conductance(&x[0], t).i;
    }

    /// The right-hand side dx/dt, for Boost.Odeint (t in ms, dx/dt per ms); any value type.
    template <class State>
    void operator()(const State& x, State& dxdt, double t) const {
        using V = std::remove_cvref_t<decltype(x[0])>;
        const V* s = &x[0];
        V* d = &dxdt[0];
        V i(scalar_t<V>(0));
        each_part([&]<std::size_t I>(const auto& p) {
            i += p.current_and_conductance(s[0], s + offset<I>(), t).i;
            if constexpr (std::decay_t<decltype(p)>::n_states > 0)
                p.derivatives(s[0], s + offset<I>(), d + offset<I>(), t);
        });
        d[0] = -i / V(scalar_t<V>(cap_.uF_per_cm2()));
    }

    /// The state with V = v_mV and every part's states at their steady state for that V.
    state_type steady_state(double v_mV, double t = 0) const {
        state_type x{};
        x[0] = v_mV;
        each_part([&]<std::size_t I>(const auto& p) {
            if constexpr (std::decay_t<decltype(p)>::n_states > 0)
                p.steady_state(v_mV, x.data() + offset<I>(), t);
        });
        return x;
    }

    /// Updates every part's states (not V) over dt exactly for V frozen at v_mV.
    template <class V>
    void relax(V* x, const V& v_mV, const V& dt, double t) const {
        each_part([&]<std::size_t I>(const auto& p) {
            if constexpr (std::decay_t<decltype(p)>::n_states > 0)
                p.relax(v_mV, x + offset<I>(), dt, t);
        });
    }
    void relax(state_type& x, double v_mV, double dt, double t) const {
        relax(x.data(), v_mV, dt, t);
    }

    /// States whose coefficients a rate table can hold: those of tabulable parts (channels).
    static constexpr std::size_t n_tabulable =
        (std::size_t{0} + ... + (tabulable_part<part_t<Ps>> ? part_t<Ps>::n_states : 0));

    /// What a fixed step of dt ms needs, prepared once (in Real precision): every part's own
    /// data (a channel: dt phi per gate; otherwise dt, for relax()) and, with an enabled
    /// table_grid, ONE rate table of the cnexp coefficients of every gate of every channel
    /// (rate_table.hpp: one interpolation per step for the whole membrane).
    template <class Real>
    struct step_data {
        std::tuple<part_step_data_t<part_t<Ps>, Real>...> parts;
        std::shared_ptr<const cnexp_table<Real, std::max<std::size_t>(n_tabulable, 1)>> table;
    };
    template <class Real>
    step_data<Real> prepare_step(double dt_ms, const table_grid& grid = {}) const {
        step_data<Real> d{[&]<std::size_t... I>(std::index_sequence<I...>){
            return std::tuple<part_step_data_t<part_t<Ps>, Real>...>{
                prepare_part_step<Real>(std::get<I>(parts_), dt_ms, grid)...};
    }
    (std::make_index_sequence<n_parts>{}), nullptr
};
if constexpr (n_tabulable > 0)
    if (grid.enabled)
        d.table = std::make_shared<const cnexp_table<Real, n_tabulable>>(
            grid.lo_mV, grid.hi_mV, grid.step_mV, dt_ms, [this](double v) {
                std::array<double, 2 * n_tabulable> r{};
                std::size_t j = 0;
                each_part([&]<std::size_t I>(const auto& p) {
                    using P = std::decay_t<decltype(p)>;
                    if constexpr (tabulable_part<P>) {
                        p.inf_tau_at(v, r.data() + 2 * j);
                        j += P::n_states;
                    }
                });
                return r;
            });
return d;
} // namespace noneq
/// Every part's states (not V) over the prepared step, for V frozen at v_mV (tabulated
/// states from the table where V lies inside its grid, exactly elsewhere).
template <class V, class Real>
void advance_states(V* x, const V& v_mV, const step_data<Real>& d, double t) const {
    if constexpr (n_tabulable > 0) {
        if (d.table) {
            std::array<V, n_tabulable> y;
            copy_tabulable(x, y.data(), false);
            const auto inside = d.table->step(v_mV, y);
            const bool all_inside = !any_of(!inside);
            advance_parts(x, v_mV, d, t, !all_inside);
            if (!all_inside) { // lanes outside the grid (rare): their exact update
                std::array<V, n_tabulable> e;
                copy_tabulable(x, e.data(), false);
                for (std::size_t k = 0; k < n_tabulable; ++k)
                    y[k] = select(inside, y[k], e[k]);
            }
            copy_tabulable(x, y.data(), true);
            return;
        }
    }
    advance_parts(x, v_mV, d, t, true);
}

/// "V" or "Na.m", "K.n", ... for reports and errors.
static std::string variable_name(std::size_t i) {
    if (i == 0) return "V";
    std::string name = "x[" + std::to_string(i) + "]";
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        ((i >= offset<I>() && i < offset<I>() + std::tuple_element_t<I, parts_type>::n_states
              ? (void)(name = std::tuple_element_t<I, parts_type>::state_name(i - offset<I>()))
              : (void)0),
         ...);
    }
    (std::make_index_sequence<n_parts>{});
    return name;
}

private:
// Copies the tabulable parts' states from x into y (to_x: from y back into x).
template <class V>
void copy_tabulable(V* x, V* y, bool to_x) const {
    std::size_t j = 0;
    each_part([&]<std::size_t I>(const auto& p) {
        using P = std::decay_t<decltype(p)>;
        if constexpr (tabulable_part<P>) {
            for (std::size_t k = 0; k < P::n_states; ++k) {
                if (to_x)
                    x[offset<I>() + k] = y[j + k];
                else
                    y[j + k] = x[offset<I>() + k];
            }
            j += P::n_states;
        }
    });
}
// Advances every part's states from its prepared data (the tabulable parts' only if
// `tabulable`: otherwise the table has done them).
template <class V, class Real>
void advance_parts(V* x, const V& v_mV, const step_data<Real>& d, double t, bool tabulable) const {
    each_part([&]<std::size_t I>(const auto& p) {
        using P = std::decay_t<decltype(p)>;
        if constexpr (P::n_states > 0)
            if (tabulable || !tabulable_part<P>)
                advance_part(p, v_mV, x + offset<I>(), std::get<I>(d.parts), t);
    });
}
template <class F>
void each_part(F&& f) const {
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        (f.template operator()<I>(std::get<I>(parts_)), ...);
    }
    (std::make_index_sequence<n_parts>{});
}
void bind_all() {
    validate(env_);
    std::apply([&](auto&... p) { (p.bind(env_), ...); }, parts_);
}

Cap cap_;
parts_type parts_;
environment env_{};
}
;

/// The spelling of DESIGN.md: Membrane<Capacitance, Channel<...>, ...>.
template <capacitance_policy Cap, membrane_part_or_pump... Ps>
using Membrane = membrane<Cap, Ps...>;

} // namespace noneq
