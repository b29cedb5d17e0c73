// noneq/population/stepping.hpp — how the population engine (population.hpp) steps one kind of
// model over SIMD batches. Two kinds, one engine:
//
//   a composed membrane (membrane/membrane.hpp, any parts): the exponential step of
//     integrate/exponential.hpp (V by its linearisation, every state exactly for frozen V;
//     staggered or simultaneous coupling; optional rate tables), time in ms, plus a per-cell
//     injected current;
//   an ODE model written over any value type (ode_cell below: a right-hand side rhs(x, dx) such
//     as a cardiac cell's, in its own time unit): forward Euler, the explicit first-order step
//     Myokit's and CellML code generators use for populations, stable below the model's fastest
//     time constant (Severi 2012: dt <= 2e-5 s, measured; its default 1e-5 s). Such a model may
//     take one per-cell parameter, rhs(x, dx, p) (e.g. a conductance scale), so a population can
//     spread it over its cells. A model that also offers rhs_linear(x, dx, b) (rush_larsen_model:
//     a model imported from CellML, whose converter finds the states with a rate affine in
//     themselves, dx_k/dt = a + b x_k, the gates) is stepped by the generalised Rush-Larsen step
//     instead: those states exactly for frozen others, x_k += h dx_k phi1(b h) (Rush & Larsen
//     1978; Sundnes, Lines & Tveito 2009), unconditionally stable for b <= 0, the rest by forward
//     Euler; first order like forward Euler, but no longer limited by the fastest gate.
//     ode_cell::set_stepper(ode_stepper::forward_euler) keeps forward Euler (for comparison).
//
// population_stepping<M> is the adapter: size, time unit, initial state, per-step data and the
// step itself over a batch value type.
#pragma once

#include <noneq/core/error.hpp>
#include <noneq/core/exprel.hpp>
#include <noneq/core/value_traits.hpp>
#include <noneq/integrate/exponential.hpp>
#include <noneq/membrane/rate_table.hpp>

#include <array>
#include <concepts>
#include <cstddef>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>

namespace noneq {

/// A composed membrane the population can step (membrane.hpp has all of this).
template <class M>
concept membrane_population_model = fixed_steppable<M> &&
    requires(const M& m, double v, std::size_t i) {
    requires M::size >= 1;
    { m.steady_state(v) } -> std::same_as<typename M::state_type>;
    { M::variable_name(i) } -> std::convertible_to<std::string>;
};

template <class M>
inline constexpr std::size_t rhs_size = std::tuple_size<typename M::state_type>::value;

/// A rhs_model taking one per-cell parameter as a third argument.
template <class M, class V>
concept rhs_model_with_parameter = requires(const M& m, const std::array<V, rhs_size<M>>& x,
                                            std::array<V, rhs_size<M>>& dx, const V& p) {
    m.rhs(x, dx, p);
};

/// A right-hand-side model over any value type: state std::array<V, N>, rhs(x, dx) or
/// rhs(x, dx, p) in its own time unit.
template <class M>
concept rhs_model = requires(const M& m, const typename M::state_type& x,
                             typename M::state_type& dx) {
    requires rhs_size<M>
    >= 1;
    requires std::same_as<typename M::state_type, std::array<double, rhs_size<M>>>;
}
&&(requires(const M& m, const typename M::state_type& x, typename M::state_type& dx) {
    m.rhs(x, dx);
} ||
   rhs_model_with_parameter<M, double>);

/// A rhs_model (without a per-cell parameter) that gives, for its states linear_states[j]
/// (rate affine in the state: dx_k/dt = a + b x_k with a, b free of x_k), the slope b[j] beside
/// the rates: rhs_linear(x, dx, b). The converter writes it for every imported model that has
/// such states.
template <class M>
concept rush_larsen_model =
    rhs_model<M> && !rhs_model_with_parameter<M, double> &&
    requires(const M& m, const typename M::state_type& x, typename M::state_type& dx,
             std::array<double, M::n_linear>& b) {
    requires M::n_linear >= 1;
    { M::linear_states[0] } -> std::convertible_to<std::size_t>;
    m.rhs_linear(x, dx, b);
};

/// One forward-Euler step of h (the model's time unit) of every state.
template <rhs_model M, class V>
void forward_euler_step(const M& m, std::array<V, rhs_size<M>>& x, double h) {
    std::array<V, rhs_size<M>> dx;
    m.rhs(x, dx);
    const V hv = V(scalar_t<V>(h));
    for (std::size_t k = 0; k < rhs_size<M>; ++k)
        x[k] = fma_if_fast(hv, dx[k], x[k]);
}

/// One generalised Rush-Larsen step of h: each linear state by its exact solution for the
/// other states frozen at their values at the step's start, x + h (a + b x) phi1(b h) (exact
/// through b = 0), every other state by forward Euler.
template <rush_larsen_model M, class V>
void rush_larsen_step(const M& m, std::array<V, rhs_size<M>>& x, double h) {
    std::array<V, rhs_size<M>> dx;
    std::array<V, M::n_linear> b;
    m.rhs_linear(x, dx, b);
    const V hv = V(scalar_t<V>(h));
    for (std::size_t j = 0; j < M::n_linear; ++j)
        dx[M::linear_states[j]] *= phi1(b[j] * hv);
    for (std::size_t k = 0; k < rhs_size<M>; ++k)
        x[k] = fma_if_fast(hv, dx[k], x[k]);
}

/// How a population steps an ode_cell: Rush-Larsen where the model offers it (else forward
/// Euler), or forward Euler whatever the model offers.
enum class ode_stepper { rush_larsen, forward_euler };

/// An ODE model for a population: the model, its initial state, its state names and its time
/// unit in seconds (1e-3 for ms). x[0] must be the membrane potential in mV (spikes and v()).
template <rhs_model M>
class ode_cell {
public:
    using model_type = M;
    using state_type = typename M::state_type;
    static constexpr std::size_t size = std::tuple_size<state_type>::value;
    /// Whether the model offers the Rush-Larsen step (rush_larsen_model).
    static constexpr bool has_rush_larsen = rush_larsen_model<M>;

    ode_cell(M model, const state_type& initial, std::array<const char*, size> names,
             double time_unit_s, double parameter_default = 1.0)
        : model_(std::move(model)), x0_(initial), names_(names), unit_s_(time_unit_s),
          p0_(parameter_default) {
        require_positive("time_unit_s", time_unit_s, "s");
        require_finite("parameter_default", parameter_default);
    }
    const M& model() const { return model_; }
    const state_type& initial() const { return x0_; }
    const char* name(std::size_t k) const { return k < size ? names_[k] : "?"; }
    double time_unit_s() const { return unit_s_; }
    double parameter_default() const { return p0_; }
    /// The step the population takes: Rush-Larsen (the default; forward Euler where the model
    /// does not offer it) or forward Euler.
    ode_stepper stepper() const { return has_rush_larsen ? stepper_ : ode_stepper::forward_euler; }
    void set_stepper(ode_stepper s) { stepper_ = s; }

    template <class V>
    void rhs(const std::array<V, size>& x, std::array<V, size>& dx, const V& p) const {
        if constexpr (rhs_model_with_parameter<M, V>)
            model_.rhs(x, dx, p);
        else
            model_.rhs(x, dx);
    }
    /// One step of h (the model's time unit) by stepper().
    template <class V>
    void step(std::array<V, size>& x, const V& p, double h) const {
        if constexpr (has_rush_larsen) {
            if (stepper_ == ode_stepper::rush_larsen) return rush_larsen_step(model_, x, h);
        }
        std::array<V, size> dx;
        rhs(x, dx, p);
        const V hv = V(scalar_t<V>(h));
        for (std::size_t k = 0; k < size; ++k)
            x[k] = fma_if_fast(hv, dx[k], x[k]);
    }

private:
    M model_;
    state_type x0_;
    std::array<const char*, size> names_;
    double unit_s_, p0_;
    ode_stepper stepper_ = ode_stepper::rush_larsen;
};

template <class T>
struct is_ode_cell : std::false_type {};
template <class M>
struct is_ode_cell<ode_cell<M>> : std::true_type {};

template <class M>
struct population_stepping;

/// Composed membranes: the exponential step, ms, injected current per cell.
template <membrane_population_model M>
struct population_stepping<M> {
    static constexpr std::size_t size = M::size;
    static constexpr bool has_stimulus = true;
    static constexpr bool has_parameter = false;
    template <class Real>
    using data = typename M::template step_data<Real>;

    static double time_unit_s(const M&) { return 1e-3; }
    static double parameter_default(const M&) { return 0.0; }
    template <class Real>
    static data<Real> prepare(const M& m, double dt, const table_grid& grid) {
        return m.template prepare_step<Real>(dt, grid);
    }
    /// V at v0, every other state at its steady state there.
    static typename M::state_type initial(const M& m, double v0_mV) {
        return m.steady_state(v0_mV);
    }
    static std::string name(const M&, std::size_t k) { return M::variable_name(k); }
    template <class V, class D>
    static void step(const M& m, std::array<V, size>& x, const V& i_injected, const V&, double t,
                     double dt, const D& d, coupling c) {
        exponential_step(m, x.data(), i_injected, t, dt, d, c);
    }
};

/// ODE models: the ode_cell's step (Rush-Larsen or forward Euler) in the model's time unit.
template <class M>
requires is_ode_cell<M>::value struct population_stepping<M> {
    static constexpr std::size_t size = M::size;
    static constexpr bool has_stimulus = false;
    static constexpr bool has_parameter = true;
    template <class Real>
    struct data {};

    static double time_unit_s(const M& m) { return m.time_unit_s(); }
    static double parameter_default(const M& m) { return m.parameter_default(); }
    template <class Real>
    static data<Real> prepare(const M&, double, const table_grid&) {
        return {};
    }
    /// V at v0, every other state at the model's initial value.
    static typename M::state_type initial(const M& m, double v0_mV) {
        auto x = m.initial();
        x[0] = v0_mV;
        return x;
    }
    static std::string name(const M& m, std::size_t k) { return m.name(k); }
    template <class V, class D>
    NONEQ_FLATTEN static void step(const M& m, std::array<V, size>& x, const V&, const V& p, double,
                                   double dt, const D&, coupling) {
        m.step(x, p, dt);
    }
};

/// A model the population can step: a composed membrane or an ode_cell.
template <class M>
concept population_model = requires {
    population_stepping<M>::size;
};

} // namespace noneq
