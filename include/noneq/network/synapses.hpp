// noneq/network/synapses.hpp — synapses as membrane parts that receive events (spikes arriving
// through connections), so they compose into any membrane (membrane/membrane.hpp) and run in the
// population engine's step like every other part:
//
//   exp_synapse      conductance g with  dg/dt = -g/tau,  I = g (V - E_rev); an event adds w to g
//                    (Brian2's COBAHH `ge += we`; NEURON's ExpSyn).
//   exp2_synapse     difference of exponentials (NEURON's Exp2Syn): states A (rise, tau1) and
//                    B (decay, tau2), g = B - A, I = g (V - E_rev); an event adds w f to both, with
//                    f = 1 / (exp(-t_peak/tau2) - exp(-t_peak/tau1)),
//                    t_peak = tau1 tau2 / (tau2 - tau1) ln(tau2/tau1), so one event of weight w
//                    peaks at g = w.
//   current_synapse  injected current I_s with dI_s/dt = -I_s/tau (inward positive, adds w);
//                    its membrane current is -I_s, slope conductance 0.
//
// Internal units as every part: mV, ms, uA/cm^2, mS/cm^2. A conductance synapse's state is a
// conductance density (mS/cm^2) and a current synapse's a current density (uA/cm^2): a network
// converts a connection's weight (a conductance or a current, with units) by the cell's area.
// Each state decays linearly for frozen V, so relax() is exact: g <- g exp(-dt/tau)
// (gates.hpp's relax_toward with target 0); a fixed-step engine gets exp(-dt/tau) prepared once.
//
// event_part<P>: a membrane_part with
//   P::weight_kind                  synapse_weight::conductance or ::current
//   p.receive(s, w)                 the jump of its states for an event of weight density w
//                                   (linear in w: events arriving together may be summed first)
#pragma once

#include <noneq/core/error.hpp>
#include <noneq/core/value_traits.hpp>
#include <noneq/membrane/gates.hpp>
#include <noneq/membrane/part.hpp>
#include <noneq/membrane/rate_table.hpp>
#include <noneq/units.hpp>

#include <cmath>
#include <concepts>
#include <cstddef>
#include <string>

namespace noneq {

/// What the weight of a connection onto a synapse is.
enum class synapse_weight { conductance, current };

/// A membrane part that receives events.
template <class P>
concept event_part = membrane_part<P> && requires(const P& p, double* s, double w) {
    { P::weight_kind } -> std::convertible_to<synapse_weight>;
    p.receive(s, w);
};

namespace detail {
/// The per-step data of a decaying state: exp(-dt/tau), prepared once.
template <class Real>
struct decay_step {
    Real factor;
};
inline double checked_tau_ms(const time<double>& tau, const char* name) {
    require_positive(name, tau.value(), "s");
    return tau.value() * 1e3;
}
} // namespace detail

/// One state that decays exponentially with time constant tau and jumps by each event's weight:
/// the dynamics shared by exp_synapse and current_synapse (they differ in the current only).
class decaying_state {
public:
    static constexpr std::size_t n_states = 1;
    explicit decaying_state(const time<double>& tau) : tau_(detail::checked_tau_ms(tau, "tau")) {}
    void bind(const environment&) {}
    double tau_ms() const { return tau_; }
    template <class V>
    void derivatives(const V&, const V* s, V* ds, double = 0) const {
        ds[0] = -s[0] / V(scalar_t<V>(tau_));
    }
    template <class V>
    void steady_state(const V&, V* s, double = 0) const {
        s[0] = V(scalar_t<V>(0));
    }
    template <class V>
    void relax(const V&, V* s, const V& dt, double = 0) const {
        s[0] = relax_exactly(s[0], V(scalar_t<V>(0)), V(scalar_t<V>(tau_)), dt);
    }
    template <class Real>
    detail::decay_step<Real> prepare_step(double dt_ms, const table_grid&) const {
        return {static_cast<Real>(std::exp(-dt_ms / tau_))};
    }
    template <class V, class Real>
    void advance(const V&, V* s, const detail::decay_step<Real>& d, double = 0) const {
        s[0] = s[0] * V(d.factor);
    }
    /// An event of weight w (the state's unit) adds w.
    template <class V>
    void receive(V* s, const V& w) const {
        s[0] = s[0] + w;
    }

private:
    double tau_;
};

/// Exponentially decaying conductance with a reversal potential (NEURON's ExpSyn).
class exp_synapse : public decaying_state {
public:
    static constexpr synapse_weight weight_kind = synapse_weight::conductance;

    exp_synapse(const time<double>& tau, const voltage<double>& e_rev)
        : decaying_state(tau), e_(e_rev.value() * 1e3) {
        require_finite("e_rev", e_rev.value(), "V");
    }
    double e_rev_mV() const { return e_; }

    template <class V>
    part_current<V> current_and_conductance(const V& v, const V* s, double = 0) const {
        return {s[0] * (v - V(scalar_t<V>(e_))), s[0]};
    }
    // receive (decaying_state): an event of weight density w (mS/cm^2) adds w to g.
    static std::string state_name(std::size_t) { return "syn.g"; }

private:
    double e_;
};

/// Difference of two exponentials (NEURON's Exp2Syn): rise tau1 < decay tau2; an event of weight
/// w peaks at g = w, t_peak after it.
class exp2_synapse {
public:
    static constexpr std::size_t n_states = 2;
    static constexpr synapse_weight weight_kind = synapse_weight::conductance;

    exp2_synapse(const time<double>& tau_rise, const time<double>& tau_decay,
                 const voltage<double>& e_rev)
        : t1_(detail::checked_tau_ms(tau_rise, "tau_rise")),
          t2_(detail::checked_tau_ms(tau_decay, "tau_decay")), e_(e_rev.value() * 1e3) {
        require(t2_ > t1_, "tau_decay", tau_decay.value(), "> tau_rise", "s");
        require_finite("e_rev", e_rev.value(), "V");
        tp_ = t1_ * t2_ / (t2_ - t1_) * std::log(t2_ / t1_);
        f_ = 1.0 / (std::exp(-tp_ / t2_) - std::exp(-tp_ / t1_));
    }
    void bind(const environment&) {}
    /// Time from an event to its conductance peak, ms.
    double t_peak_ms() const { return tp_; }

    template <class V>
    part_current<V> current_and_conductance(const V& v, const V* s, double = 0) const {
        const V g = s[1] - s[0];
        return {g * (v - V(scalar_t<V>(e_))), g};
    }
    template <class V>
    void derivatives(const V&, const V* s, V* ds, double = 0) const {
        ds[0] = -s[0] / V(scalar_t<V>(t1_));
        ds[1] = -s[1] / V(scalar_t<V>(t2_));
    }
    template <class V>
    void steady_state(const V&, V* s, double = 0) const {
        s[0] = s[1] = V(scalar_t<V>(0));
    }
    template <class V>
    void relax(const V&, V* s, const V& dt, double = 0) const {
        s[0] = relax_exactly(s[0], V(scalar_t<V>(0)), V(scalar_t<V>(t1_)), dt);
        s[1] = relax_exactly(s[1], V(scalar_t<V>(0)), V(scalar_t<V>(t2_)), dt);
    }
    template <class Real>
    struct step_data {
        Real rise, decay;
    };
    template <class Real>
    step_data<Real> prepare_step(double dt_ms, const table_grid&) const {
        return {static_cast<Real>(std::exp(-dt_ms / t1_)),
                static_cast<Real>(std::exp(-dt_ms / t2_))};
    }
    template <class V, class Real>
    void advance(const V&, V* s, const step_data<Real>& d, double = 0) const {
        s[0] = s[0] * V(d.rise);
        s[1] = s[1] * V(d.decay);
    }
    template <class V>
    void receive(V* s, const V& w) const {
        const V a = w * V(scalar_t<V>(f_));
        s[0] = s[0] + a;
        s[1] = s[1] + a;
    }
    static std::string state_name(std::size_t i) { return i == 0 ? "syn2.A" : "syn2.B"; }

private:
    double t1_, t2_, e_, tp_ = 0, f_ = 1;
};

/// Exponentially decaying injected current (inward positive): a current-based synapse.
class current_synapse : public decaying_state {
public:
    static constexpr synapse_weight weight_kind = synapse_weight::current;

    explicit current_synapse(const time<double>& tau) : decaying_state(tau) {}

    template <class V>
    part_current<V> current_and_conductance(const V&, const V* s, double = 0) const {
        return {-s[0], V(scalar_t<V>(0))};
    }
    // receive (decaying_state): an event of weight density w (uA/cm^2, inward positive) adds w.
    static std::string state_name(std::size_t) { return "isyn.I"; }
};

} // namespace noneq
