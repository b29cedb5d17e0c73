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
//     spread it over its cells.
//
// population_stepping<M> is the adapter: size, time unit, initial state, per-step data and the
// step itself over a batch value type.
#pragma once

#include <noneq/core/error.hpp>
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

/// An ODE model for a population: the model, its initial state, its state names and its time
/// unit in seconds (1e-3 for ms). x[0] must be the membrane potential in mV (spikes and v()).
template <rhs_model M>
class ode_cell {
public:
    using model_type = M;
    using state_type = typename M::state_type;
    static constexpr std::size_t size = std::tuple_size<state_type>::value;

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

    template <class V>
    void rhs(const std::array<V, size>& x, std::array<V, size>& dx, const V& p) const {
        if constexpr (rhs_model_with_parameter<M, V>)
            model_.rhs(x, dx, p);
        else
            model_.rhs(x, dx);
    }

private:
    M model_;
    state_type x0_;
    std::array<const char*, size> names_;
    double unit_s_, p0_;
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

/// ODE models: forward Euler in the model's time unit.
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
    NONEQ_FLATTEN static void step(const M& m, std::array<V, size>& x, const V&, const V& p,
                                      double, double dt, const D&, coupling) {
        std::array<V, size> dx;
        m.rhs(x, dx, p);
        const V h = V(scalar_t<V>(dt));
        for (std::size_t k = 0; k < size; ++k)
            x[k] = fma_if_fast(h, dx[k], x[k]);
    }
};

/// A model the population can step: a composed membrane or an ode_cell.
template <class M>
concept population_model = requires {
    population_stepping<M>::size;
};

} // namespace noneq
