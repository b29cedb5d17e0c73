// noneq/cable/point_process.hpp — what a cable's nodes receive at a point (cable.hpp): a current
// clamp (NEURON's IClamp) and a conductance synapse with an alpha-function time course (NEURON's
// AlphaSynapse: g(t) = gmax (t - onset)/tau exp(1 - (t - onset)/tau) for t >= onset, peak gmax at
// onset + tau; I = g (V - e), outward positive). Each sits at the node holding its location
// (layout::node), as NEURON places point processes.
#pragma once

#include <noneq/cable/discretise.hpp>
#include <noneq/core/error.hpp>
#include <noneq/units.hpp>

#include <cmath>

namespace noneq::cable {

/// A current clamp: `amplitude` into the node at `where` for t in [delay, delay + duration).
struct iclamp {
    location where;
    time<double> delay;
    time<double> duration;
    current<double> amplitude;
};

/// A conductance synapse with an alpha-function time course (header comment).
struct alpha_synapse {
    location where;
    time<double> onset;
    time<double> tau;
    conductance<double> gmax;
    voltage<double> e_rev;

    void check() const {
        require(in_ms(onset) >= 0 && std::isfinite(in_ms(onset)), "onset", in_ms(onset),
                ">= 0, finite", "ms");
        require_positive("tau", in_ms(tau), "ms");
        require_nonnegative("gmax", in_nS(gmax), "nS");
        require_finite("e_rev", in_mV(e_rev), "mV");
    }
    /// g / gmax at s = t - onset (ms) for time constant tau (ms).
    static double shape(double s, double tau) {
        return s < 0 ? 0.0 : (s / tau) * std::exp(1.0 - s / tau);
    }
};

} // namespace noneq::cable
