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
// fixed-step engine it prepares, once per run, dt times each gate's temperature factor, and it
// tells x_inf and tau of its gates at any V, so that the membrane can tabulate every gate of
// every channel as one rate table (membrane.hpp, rate_table.hpp).
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

    /// What a fixed step of dt needs, prepared once: dt phi per gate.
    struct step_data {
        std::array<double, n_states> dt_phi;
    };
    template <class Real>
    step_data prepare_step(double dt_ms, const table_grid&) const {
        step_data d{};
        for (std::size_t k = 0; k < n_states; ++k)
            d.dt_phi[k] = dt_ms * phi_[k];
        return d;
    }
    /// The update relax(v, s, dt) from prepared data.
    template <class V>
    void advance(const V& v, V* s, const step_data& d, double = 0) const {
        exact(v, s, d);
    }
    /// The gates depend on V alone: a fixed-step engine may tabulate them (membrane.hpp builds
    /// one rate table over every such part). out = {x_inf_0, tau_0, x_inf_1, ...}, tau in ms
    /// with the temperature factor applied.
    static constexpr bool tabulable = true;
    void inf_tau_at(double v, double* out) const {
        each([&]<std::size_t I, class K>() {
            const auto it = gate_inf_tau<K>(v, phi_[I]);
            out[2 * I] = it.inf, out[2 * I + 1] = it.tau;
        });
    }

    static std::string state_name(std::size_t i) {
        static constexpr std::array<const char*, n_states> names{Gs::kinetics::name...};
        return std::string(Ion::name) + "." + (i < n_states ? names[i] : "?");
    }

private:
    template <class V, class D>
    void exact(const V& v, V* s, const D& d) const {
        if constexpr (n_states >= 2 && n_states <= 3 &&
                      (alpha_beta_kinetics<typename Gs::kinetics> && ...)) {
            // x_inf = alpha / (alpha + beta) for every gate from ONE division: 1/s_i is
            // (prod_j s_j)^-1 times the other s_j (a few ulp; a division is the step's most
            // expensive instruction). Up to 3 gates: the product of rates stays far inside the
            // float and double ranges for rates between 1e-9 and 1e9 per ms.
            std::array<V, n_states> a, sum;
            each([&]<std::size_t I, class K>() {
                a[I] = K::alpha(v);
                sum[I] = a[I] + K::beta(v);
            });
            V prod = sum[0];
            for (std::size_t k = 1; k < n_states; ++k)
                prod = prod * sum[k];
            const V r = V(scalar_t<V>(1)) / prod;
            each([&]<std::size_t I, class K>() {
                V inv = r;
                for (std::size_t k = 0; k < n_states; ++k)
                    if (k != I) inv = inv * sum[k];
                const V dt_rate = V(scalar_t<V>(d.dt_phi[I])) * sum[I];
                s[I] = relax_toward(s[I], a[I] * inv, dt_rate);
            });
        } else {
            each([&]<std::size_t I, class K>() {
                const auto r = gate_inf_rate<K>(v, V(scalar_t<V>(d.dt_phi[I])));
                s[I] = relax_toward(s[I], r.inf, r.rate);
            });
        }
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
