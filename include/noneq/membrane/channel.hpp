// noneq/membrane/channel.hpp — an ion channel as a composition:
//   channel<PermeationLaw, Ion, gates<gate<M, 3>, gate<H, 1>>>
// = the permeation law (ohmic or GHK) of one ion species, scaled by the open probability
// prod_i x_i^{p_i} of its gating particles (Hodgkin & Huxley 1952; Hille, ch. 2 and 14).
//
// ohmic: I = gbar * P_open * (V - E), with E fixed or the Nernst potential of the ion in the
//        membrane's environment.
// ghk:   I = P_open * I_GHK(z, pbar, V, c_in, c_out, T) (Goldman 1943; Hodgkin & Katz 1949),
//        the constant-field current, which rectifies where the concentrations are unequal.
// Each law gives the current together with its slope conductance dI/dV (ohmic: gbar P_open;
// GHK: P_open dI_GHK/dV from flux/ghk_slope.hpp), over any value type.
// A channel is a membrane_part (part.hpp) whose states are its gates, in the order given. For a
// fixed-step engine it prepares, once per run, dt times each gate's temperature factor and,
// when asked (table_grid), the cnexp coefficients of all its gates as one rate table
// (rate_table.hpp) over V: any gate of any composition can be tabulated.
#pragma once

#include <noneq/flux/ghk_current.hpp>
#include <noneq/flux/ghk_slope.hpp>
#include <noneq/membrane/gates.hpp>
#include <noneq/membrane/ions.hpp>
#include <noneq/membrane/part.hpp>
#include <noneq/membrane/rate_table.hpp>

#include <array>
#include <concepts>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>

namespace noneq {

/// The list of gates of a channel.
template <gate_policy... Gs>
struct gates {};

namespace permeation {

/// Linear (ohmic) permeation: I = g (V - E). Units at the edge; mS/cm^2 and mV inside.
struct ohmic {
    struct parameters {
        conductance_density<double> gbar;
        std::optional<voltage<double>> e_rev{}; ///< empty: Nernst potential of the ion
    };
    struct bound {
        double g_mS_per_cm2;
        double e_mV;
    };
    template <ion_species Ion>
    static bound bind(const parameters& p, const environment& env) {
        require_nonnegative("gbar", p.gbar.value(), "S/m^2");
        const voltage<double> e = p.e_rev ? *p.e_rev : env.template reversal<Ion>();
        require_finite("e_rev", e.value(), "V");
        return {p.gbar.value() * 0.1, e.value() * 1e3};
    }
    template <class V>
    static part_current<V> current_and_conductance(const bound& b, const V& v, const V& open) {
        const V g = V(scalar_t<V>(b.g_mS_per_cm2)) * open;
        return {g * (v - V(scalar_t<V>(b.e_mV))), g};
    }
};

/// Constant-field (GHK) permeation with maximal permeability pbar.
struct ghk {
    struct parameters {
        permeability<double> pbar;
    };
    struct bound {
        int z;
        double p_m_per_s, c_in, c_out, T; // SI
    };
    template <ion_species Ion>
    static bound bind(const parameters& p, const environment& env) {
        require_nonnegative("pbar", p.pbar.value(), "m/s");
        validate(env);
        return {Ion::z, p.pbar.value(), env.template c_in<Ion>().value(),
                env.template c_out<Ion>().value(), env.T.value()};
    }
    template <class V>
    static part_current<V> current_and_conductance(const bound& b, const V& v, const V& open) {
        using S = scalar_t<V>;
        const auto P = permeability<V>::from_value(V(S(b.p_m_per_s)) * open);
        const auto u = voltage<V>::from_value(v * V(S(1e-3)));
        const auto ci = concentration<V>::from_value(V(S(b.c_in)));
        const auto co = concentration<V>::from_value(V(S(b.c_out)));
        const auto T = temperature<V>::from_value(V(S(b.T)));
        const auto i = ghk_current(unchecked, b.z, P, u, ci, co, T);
        const auto g = ghk_slope(unchecked, b.z, P, u, ci, co, T);
        // A/m^2 -> uA/cm^2; S/m^2 -> mS/cm^2
        return {i.value() * V(S(1e2)), g.value() * V(S(0.1))};
    }
};

} // namespace permeation

/// A permeation law for ion species Ion: parameters, a bound form and a current.
template <class L, class Ion>
concept permeation_law = ion_species<Ion> &&
    requires(const typename L::parameters& p, const typename L::bound& b, const environment& env,
             double v) {
    { L::template bind<Ion>(p, env) } -> std::same_as<typename L::bound>;
    { L::current_and_conductance(b, v, v) } -> std::same_as<part_current<double>>;
};

namespace detail {
template <class T>
struct is_gate_list : std::false_type {};
template <class... Gs>
struct is_gate_list<gates<Gs...>> : std::true_type {};
} // namespace detail

/// A list of gates, as built by gates<gate<K, P>...>.
template <class G>
concept gate_list = detail::is_gate_list<G>::value;

template <class Law, class Ion, class Gates>
requires ion_species<Ion> && permeation_law<Law, Ion> && gate_list<Gates>
class channel;

template <class Law, ion_species Ion, gate_policy... Gs>
requires permeation_law<Law, Ion>
class channel<Law, Ion, gates<Gs...>> {
public:
    static constexpr std::size_t n_states = sizeof...(Gs);
    using law = Law;
    using ion_type = Ion;
    using parameters = typename Law::parameters;

    explicit channel(parameters p) : p_(std::move(p)) {}

    void bind(const environment& env) {
        b_ = Law::template bind<Ion>(p_, env);
        const double c = env.celsius_value();
        phi_ = {temperature_factor<typename Gs::kinetics>(c)...};
    }
    const parameters& params() const { return p_; }
    void set_params(const parameters& p, const environment& env) {
        p_ = p;
        bind(env);
    }

    /// Open probability prod x_i^{p_i}.
    template <class V>
    V open_probability(const V* s) const {
        return open_impl(s, std::index_sequence_for<Gs...>{});
    }
    /// Outward current density (uA/cm^2) and slope conductance (mS/cm^2).
    template <class V>
    part_current<V> current_and_conductance(const V& v, const V* s, double = 0) const {
        return Law::current_and_conductance(b_, v, open_probability(s));
    }
    /// Outward current density, uA/cm^2.
    template <class V>
    V current(const V& v, const V* s, double t = 0) const {
        return current_and_conductance(v, s, t).i;
    }
    template <class V>
    void derivatives(const V& v, const V* s, V* ds, double = 0) const {
        each([&]<std::size_t I, class K>() {
            ds[I] = gate_derivative<K>(s[I], v, V(scalar_t<V>(phi_[I])));
        });
    }
    template <class V>
    void steady_state(const V& v, V* s, double = 0) const {
        each([&]<std::size_t I, class K>() {
            s[I] = gate_inf_tau<K>(v, V(scalar_t<V>(phi_[I]))).inf;
        });
    }
    template <class V>
    void relax(const V& v, V* s, const V& dt, double = 0) const {
        each([&]<std::size_t I, class K>() {
            const auto r = gate_inf_rate<K>(v, V(scalar_t<V>(phi_[I])) * dt);
            s[I] = relax_toward(s[I], r.inf, r.rate);
        });
    }

    /// What a fixed step of dt needs, prepared once: dt phi per gate, and with a table grid the
    /// gates' cnexp coefficients tabulated over V (null otherwise).
    template <class Real>
    struct step_data {
        std::array<double, n_states> dt_phi;
        std::shared_ptr<const cnexp_table<Real, n_states>> table;
    };
    template <class Real>
    step_data<Real> prepare_step(double dt_ms, const table_grid& grid) const {
        step_data<Real> d{};
        for (std::size_t k = 0; k < n_states; ++k)
            d.dt_phi[k] = dt_ms * phi_[k];
        if (grid.enabled)
            d.table = std::make_shared<const cnexp_table<Real, n_states>>(
                grid.lo_mV, grid.hi_mV, grid.step_mV, dt_ms, [this](double v) {
                    std::array<double, 2 * n_states> r{};
                    each([&]<std::size_t I, class K>() {
                        const auto it = gate_inf_tau<K>(v, phi_[I]);
                        r[2 * I] = it.inf, r[2 * I + 1] = it.tau;
                    });
                    return r;
                });
        return d;
    }
    /// The update relax(v, s, dt) from prepared data (lanes outside a table: exact).
    template <class V, class Real>
    void advance(const V& v, V* s, const step_data<Real>& d, double = 0) const {
        if (d.table) {
            std::array<V, n_states> y;
            for (std::size_t k = 0; k < n_states; ++k)
                y[k] = s[k];
            const auto inside = d.table->step(v, y);
            if (any_of(!inside)) {
                std::array<V, n_states> e;
                for (std::size_t k = 0; k < n_states; ++k)
                    e[k] = s[k];
                exact(v, e.data(), d);
                for (std::size_t k = 0; k < n_states; ++k)
                    y[k] = select(inside, y[k], e[k]);
            }
            for (std::size_t k = 0; k < n_states; ++k)
                s[k] = y[k];
        } else {
            exact(v, s, d);
        }
    }

    static std::string state_name(std::size_t i) {
        static constexpr std::array<const char*, n_states> names{Gs::kinetics::name...};
        return std::string(Ion::name) + "." + (i < n_states ? names[i] : "?");
    }

private:
    template <class V, class D>
    void exact(const V& v, V* s, const D& d) const {
        each([&]<std::size_t I, class K>() {
            const auto r = gate_inf_rate<K>(v, V(scalar_t<V>(d.dt_phi[I])));
            s[I] = relax_toward(s[I], r.inf, r.rate);
        });
    }
    template <class V, std::size_t... I>
    V open_impl(const V* s, std::index_sequence<I...>) const {
        return (V(scalar_t<V>(1)) * ... * ipow<Gs::power>(s[I]));
    }
    template <class F>
    void each(F&& f) const {
        [&]<std::size_t... I>(std::index_sequence<I...>) {
            (f.template operator()<I, typename Gs::kinetics>(), ...);
        }
        (std::index_sequence_for<Gs...>{});
    }

    parameters p_;
    typename Law::bound b_{};
    std::array<double, n_states> phi_{};
};

} // namespace noneq
