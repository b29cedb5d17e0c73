// noneq/network/connection.hpp — a connection: source cell, target cell and synapse (the index of
// an event part among the target membrane's event parts, in the order of its parts), weight
// (a conductance for a conductance synapse, a current for a current synapse, with units) and
// delay (a time >= 0). The network converts the weight to a density by the cell's area and the
// delay to steps of dt; the minimum delay over all connections sets the exchange epoch.
//
// Delivery (network.hpp): a spike crossing threshold at t_s (interpolated within its step) acts
// at the first grid time >= t_s + delay, i.e. before the step that starts there. For a delay that
// is a multiple of dt this is Brian2's alignment: Brian2 stamps a spike found in the step
// [t_n, t_n+1) with t_n and applies it after the update of step n + delay/dt, so it acts from
// t_(n+1+delay/dt) on, as here; delay 0 gives Brian2's default (acting from the next step).
// The earliest arrival is one step after the crossing, so an epoch of floor(min delay / dt) + 1
// steps never needs a spike of its own epoch.
#pragma once

#include <noneq/core/error.hpp>
#include <noneq/units.hpp>

#include <cmath>
#include <cstdint>
#include <variant>

namespace noneq {

struct connection {
    std::uint64_t source;  ///< global id of the presynaptic cell
    std::uint64_t target;  ///< global id of the postsynaptic cell
    std::uint32_t synapse; ///< index among the target's event parts
    std::variant<conductance<double>, current<double>> weight; ///< by the synapse's kind
    time<double> delay;                                        ///< >= 0
};

/// Delay in steps of dt: d = delay / dt, snapped to the nearest integer within 1e-9 (so that
/// 1 ms / 0.1 ms is 10, not 9.999999999999998); delay >= 0 and finite.
inline double delay_steps(const time<double>& delay, double dt_s) {
    require(delay.value() >= 0 && std::isfinite(delay.value()), "delay", delay.value(),
            ">= 0, finite", "s");
    const double d = delay.value() / dt_s, r = std::round(d);
    return std::abs(d - r) < 1e-9 ? r : d;
}

} // namespace noneq
