// noneq/membrane/synapse.hpp — a GABA_A (chloride) synapse with first-order receptor kinetics
// (Destexhe, Mainen & Sejnowski 1994, "An efficient method for computing synaptic conductances
// based on a kinetic model of receptor binding", Neural Comput 6:14-18; two-state GABA_A:
//   ds/dt = alpha [T] (1 - s) - beta s,  alpha = 5 /(mM ms), beta = 0.18 /ms,
//   [T] = 1 mM for 1 ms after each presynaptic spike),
// whose reversal is the chloride Nernst potential of the membrane's environment (z = -1), not a
// fixed number: I = gmax s (V - E_Cl). (The small HCO3- permeability of the receptor is left out.)
// Whether it inhibits by hyperpolarising, shunts, or excites depends on where E_Cl lies relative
// to rest and threshold: gaba_a_effect().
#pragma once

#include <noneq/core/error.hpp>
#include <noneq/membrane/gates.hpp>
#include <noneq/membrane/ions.hpp>
#include <noneq/membrane/part.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace noneq {

class gaba_a_synapse {
public:
    static constexpr std::size_t n_states = 1;
    struct parameters {
        conductance_density<double> gmax;
        double alpha_per_mM_ms = 5.0; ///< binding rate
        double beta_per_ms = 0.18;    ///< unbinding rate
        double t_max_mM = 1.0;        ///< transmitter pulse amplitude
        double pulse_ms = 1.0;        ///< transmitter pulse duration
    };

    /// `spike_times` (presynaptic, any order) in ms.
    gaba_a_synapse(const parameters& p, std::vector<double> spike_times_ms = {})
        : p_(p), spikes_(std::move(spike_times_ms)) {
        require_nonnegative("gmax", p.gmax.value(), "S/m^2");
        require_nonnegative("alpha", p.alpha_per_mM_ms, "1/(mM ms)");
        require_positive("beta", p.beta_per_ms, "1/ms");
        require_nonnegative("t_max", p.t_max_mM, "mM");
        require_positive("pulse", p.pulse_ms, "ms");
        require_each(spikes_, "spike_times", "finite", [](double t) { return std::isfinite(t); });
        std::sort(spikes_.begin(), spikes_.end());
        g_ = p.gmax.value() * 0.1;
    }
    void bind(const environment& env) { e_ = env.reversal<ion::cl>().value() * 1e3; }

    /// Chloride reversal in the bound environment, mV.
    double e_cl_mV() const { return e_; }
    /// Transmitter concentration at t (ms), mM.
    double transmitter(double t) const {
        auto it = std::upper_bound(spikes_.begin(), spikes_.end(), t); // first spike after t
        if (it == spikes_.begin()) return 0.0;
        return (t - *(it - 1) < p_.pulse_ms) ? p_.t_max_mM : 0.0;
    }
    template <class V>
    part_current<V> current_and_conductance(const V& v, const V* s, double = 0) const {
        const V g = V(scalar_t<V>(g_)) * s[0];
        return {g * (v - V(scalar_t<V>(e_))), g};
    }
    template <class V>
    V current(const V& v, const V* s, double t = 0) const {
        return current_and_conductance(v, s, t).i;
    }
    template <class V>
    void derivatives(const V&, const V* s, V* ds, double t) const {
        const V a = V(scalar_t<V>(p_.alpha_per_mM_ms * transmitter(t)));
        ds[0] = a * (V(scalar_t<V>(1)) - s[0]) - V(scalar_t<V>(p_.beta_per_ms)) * s[0];
    }
    template <class V>
    void steady_state(const V&, V* s, double t) const {
        const double a = p_.alpha_per_mM_ms * transmitter(t);
        s[0] = V(scalar_t<V>(a / (a + p_.beta_per_ms)));
    }
    template <class V>
    void relax(const V&, V* s, const V& dt, double t) const {
        const double a = p_.alpha_per_mM_ms * transmitter(t), r = a + p_.beta_per_ms;
        s[0] = relax_exactly(s[0], V(scalar_t<V>(a / r)), V(scalar_t<V>(1 / r)), dt);
    }
    static std::string state_name(std::size_t) { return "GABA_A.s"; }

private:
    parameters p_;
    std::vector<double> spikes_;
    double g_ = 0, e_ = 0;
};

/// What a GABA_A conductance does to a cell resting at v_rest with spike threshold v_threshold.
enum class gaba_effect {
    hyperpolarising, ///< E_Cl < V_rest: classic inhibition
    shunting,        ///< V_rest <= E_Cl < threshold: depolarises, yet clamps V below threshold
    excitatory       ///< E_Cl >= threshold: can fire the cell (immature neurons, high Cl_i)
};

inline gaba_effect gaba_a_effect(const voltage<double>& e_cl, const voltage<double>& v_rest,
                                 const voltage<double>& v_threshold) {
    require_finite("e_cl", e_cl.value(), "V");
    require_finite("v_rest", v_rest.value(), "V");
    require(v_threshold.value() > v_rest.value() && std::isfinite(v_threshold.value()),
            "v_threshold", v_threshold.value(), "> v_rest, finite", "V");
    if (e_cl < v_rest) return gaba_effect::hyperpolarising;
    if (e_cl < v_threshold) return gaba_effect::shunting;
    return gaba_effect::excitatory;
}

inline const char* to_string(gaba_effect e) {
    switch (e) {
    case gaba_effect::hyperpolarising:
        return "hyperpolarising";
    case gaba_effect::shunting:
        return "shunting";
    default:
        return "excitatory";
    }
}

} // namespace noneq
