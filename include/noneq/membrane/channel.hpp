// noneq/membrane/channel.hpp — an ion channel as a composition:
//   channel<PermeationLaw, Ion, gates<gate<M, 3>, gate<H, 1>>>
// = the permeation law (ohmic or GHK) of one ion species, scaled by the open probability
// prod_i x_i^{p_i} of its gating particles (Hodgkin & Huxley 1952; Hille, ch. 2 and 14).
//
// ohmic: I = gbar * P_open * (V - E), with E fixed or the Nernst potential of the ion in the
//        membrane's environment.
// ghk:   I = P_open * I_GHK(z, pbar, V, c_in, c_out, T) (Goldman 1943; Hodgkin & Katz 1949),
//        the constant-field current, which rectifies where the concentrations are unequal.
// A channel is a membrane_part (part.hpp) whose states are its gates, in the order given.
#pragma once

#include <noneq/flux/ghk_current.hpp>
#include <noneq/membrane/gates.hpp>
#include <noneq/membrane/ions.hpp>
#include <noneq/membrane/part.hpp>

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
    static V current(const bound& b, const V& v, const V& open) {
        return V(scalar_t<V>(b.g_mS_per_cm2)) * open * (v - V(scalar_t<V>(b.e_mV)));
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
    static V current(const bound& b, const V& v, const V& open) {
        using S = scalar_t<V>;
        const auto i = ghk_current(
            unchecked, b.z, permeability<V>::from_value(V(S(b.p_m_per_s)) * open),
            voltage<V>::from_value(v * V(S(1e-3))), concentration<V>::from_value(V(S(b.c_in))),
            concentration<V>::from_value(V(S(b.c_out))), temperature<V>::from_value(V(S(b.T))));
        return i.value() * V(S(1e2)); // A/m^2 -> uA/cm^2
    }
};

} // namespace permeation

/// A permeation law for ion species Ion: parameters, a bound form and a current.
template <class L, class Ion>
concept permeation_law = ion_species<Ion> &&
    requires(const typename L::parameters& p, const typename L::bound& b, const environment& env,
             double v) {
    { L::template bind<Ion>(p, env) } -> std::same_as<typename L::bound>;
    { L::current(b, v, v) } -> std::convertible_to<double>;
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
    /// Outward current density, uA/cm^2.
    template <class V>
    V current(const V& v, const V* s, double = 0) const {
        return Law::current(b_, v, open_probability(s));
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
            const auto r = gate_inf_tau<K>(v, V(scalar_t<V>(phi_[I])));
            s[I] = relax_exactly(s[I], r.inf, r.tau, dt);
        });
    }
    static std::string state_name(std::size_t i) {
        static constexpr std::array<const char*, n_states> names{Gs::kinetics::name...};
        return std::string(Ion::name) + "." + (i < n_states ? names[i] : "?");
    }

private:
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
