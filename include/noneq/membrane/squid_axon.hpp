// noneq/membrane/squid_axon.hpp — the Hodgkin-Huxley squid axon of NEURON's hh.mod as a
// composition of noneq's policies: the rate functions of hh.hpp wrapped as gate kinetics with
// q10 = 3 about 6.3 degC, an m^3 h sodium channel, an n^4 potassium channel (both ohmic, with
// hh.mod's fixed reversals ena = 50 mV and ek = -77 mV), the leak, 1 uF/cm^2, and a step current.
// State: {V, Na.m, Na.h, K.n}.
#pragma once

#include <noneq/membrane/channel.hpp>
#include <noneq/membrane/hh.hpp>
#include <noneq/membrane/leak.hpp>
#include <noneq/membrane/membrane.hpp>

namespace noneq::hh {

using na_channel =
    channel<permeation::ohmic, ion::na, gates<gate<m_kinetics, 3>, gate<h_kinetics, 1>>>;
using k_channel = channel<permeation::ohmic, ion::k, gates<gate<n_kinetics, 4>>>;
using axon = membrane<specific_capacitance, na_channel, k_channel, leak, step_current>;

/// Indices of the state of `axon`.
enum axon_state : std::size_t { V = 0, M = 1, H = 2, N = 3 };

/// hh.mod's sodium channel: gnabar 0.12 S/cm^2, ena 50 mV.
inline na_channel make_na_channel() {
    return na_channel({conductance_density<double>::from_value(gnabar_S_per_cm2 * 1e4),
                       voltage<double>::from_value(ena_mV * 1e-3)});
}
/// hh.mod's potassium channel: gkbar 0.036 S/cm^2, ek -77 mV.
inline k_channel make_k_channel() {
    return k_channel({conductance_density<double>::from_value(gkbar_S_per_cm2 * 1e4),
                      voltage<double>::from_value(ek_mV * 1e-3)});
}
/// hh.mod's leak: gl 0.0003 S/cm^2, el -54.3 mV.
inline leak make_leak() {
    return leak(conductance_density<double>::from_value(gl_S_per_cm2 * 1e4),
                voltage<double>::from_value(el_mV * 1e-3));
}

/// The squid axon at temperature `t` driven by a step of density `i` from `delay` onwards.
inline axon make_axon(const current_density<double>& i,
                      const time<double>& delay = time<double>::from_value(0.0),
                      celsius<double> t = celsius<double>(celsius_ref)) {
    environment env;
    env.T = kelvin(t);
    require_positive("T", env.T.value(), "K");
    return axon(env,
                specific_capacitance(capacitance_density<double>::from_value(cm_uF_per_cm2 * 1e-2)),
                make_na_channel(), make_k_channel(), make_leak(), step_current(i, delay));
}

} // namespace noneq::hh
