// noneq/membrane/leak.hpp — the leak: a voltage-independent ohmic conductance with a fixed
// reversal potential (Hodgkin & Huxley 1952's "leakage current", I_l = g_l (V - E_l)), and the
// injected (current-clamp) step current. Both are stateless membrane parts.
#pragma once

#include <noneq/core/error.hpp>
#include <noneq/membrane/part.hpp>
#include <noneq/units.hpp>

#include <limits>

namespace noneq {

/// I = g (V - E), outward positive; g >= 0, E finite.
class leak : public stateless_part {
public:
    leak(const conductance_density<double>& g, const voltage<double>& e) {
        require_nonnegative("g_leak", g.value(), "S/m^2");
        require_finite("e_leak", e.value(), "V");
        g_ = g.value() * 0.1; // S/m^2 -> mS/cm^2
        e_ = e.value() * 1e3;
    }
    void bind(const environment&) {}
    template <class V>
    part_current<V> current_and_conductance(const V& v, const void* = nullptr, double = 0) const {
        const V g = V(scalar_t<V>(g_));
        return {g * (v - V(scalar_t<V>(e_))), g};
    }
    template <class V>
    V current(const V& v, const void* s = nullptr, double t = 0) const {
        return current_and_conductance(v, s, t).i;
    }
    double g_mS_per_cm2() const { return g_; }
    double e_mV() const { return e_; }

private:
    double g_, e_;
};

/// A current-clamp step: density `amplitude` (positive = depolarising, injected inward) from
/// `delay` for `duration` (default: to the end of any run).
class step_current : public stateless_part {
public:
    explicit step_current(const current_density<double>& amplitude,
                          const time<double>& delay = time<double>::from_value(0.0),
                          const time<double>& duration =
                              time<double>::from_value(std::numeric_limits<double>::infinity())) {
        set_amplitude(amplitude);
        require(delay.value() >= 0 && std::isfinite(delay.value()), "delay", delay.value(),
                ">= 0, finite", "s");
        require(duration.value() >= 0, "duration", duration.value(), ">= 0", "s");
        t0_ = delay.value() * 1e3;
        t1_ = t0_ + duration.value() * 1e3;
    }
    void bind(const environment&) {}
    void set_amplitude(const current_density<double>& a) {
        require_finite("amplitude", a.value(), "A/m^2");
        i_ = a.value() * 1e2; // A/m^2 -> uA/cm^2
    }
    /// Injected density at t (ms), uA/cm^2.
    double injected(double t) const { return (t >= t0_ && t < t1_) ? i_ : 0.0; }
    /// As a membrane current: outward positive, so an injected current counts negative.
    template <class V>
    part_current<V> current_and_conductance(const V&, const void* = nullptr, double t = 0) const {
        return {V(scalar_t<V>(-injected(t))), V(scalar_t<V>(0))};
    }
    template <class V>
    V current(const V& v, const void* s = nullptr, double t = 0) const {
        return current_and_conductance(v, s, t).i;
    }
    double amplitude_uA_per_cm2() const { return i_; }
    double delay_ms() const { return t0_; }

private:
    double i_ = 0, t0_ = 0, t1_ = 0;
};

} // namespace noneq
