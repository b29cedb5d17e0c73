// noneq/network/traub_miles.hpp — the Hodgkin-Huxley-type cell of the COBAHH benchmark (Brette et
// al. 2007, J Comput Neurosci 23:349, benchmark 3), with the Traub & Miles (1991) kinetics as in
// Brian2's COBAHH example (examples/COBAHH.py), composed from parts: an m^3 h sodium channel, an
// n^4 delayed-rectifier potassium channel, a leak, and two exponential conductance synapses
// (excitatory, inhibitory) that receive events. It runs in the one population engine's step.
//
// Brian2's example, per cell of area 20000 um^2 (written here as densities):
//   Cm 1 uF/cm^2, gl 5e-5 S/cm^2, El -60 mV, EK -90 mV, ENa 50 mV, g_na 100 mS/cm^2,
//   g_kd 30 mS/cm^2, VT -63 mV; taue 5 ms, taui 10 ms, Ee 0 mV, Ei -80 mV (we 6 nS, wi 67 nS
//   are the connections' weights: network/cobahh.hpp). Rates in 1/ms, v in mV:
//   alpha_m = 0.32 (13 - v + VT) / (exp((13 - v + VT)/4) - 1)
//   beta_m  = 0.28 (v - VT - 40) / (exp((v - VT - 40)/5) - 1)
//   alpha_h = 0.128 exp((17 - v + VT)/18)
//   beta_h  = 4 / (1 + exp((40 - v + VT)/5))
//   alpha_n = 0.032 (15 - v + VT) / (exp((15 - v + VT)/5) - 1)
//   beta_n  = 0.5 exp((10 - v + VT)/40)
// x/(exp(x/k) - 1) = k exprel(x/k) (core/exprel.hpp), exact through x = 0. No temperature
// scaling (the example has none). State: {V, Na.m, Na.h, K.n, syn.g (e), syn.g (i)}.
#pragma once

#include <noneq/core/exprel.hpp>
#include <noneq/membrane/channel.hpp>
#include <noneq/membrane/leak.hpp>
#include <noneq/membrane/membrane.hpp>
#include <noneq/network/synapses.hpp>
#include <noneq/units.hpp>

namespace noneq::traub_miles {

inline constexpr double vt_mV = -63.0;                 ///< VT of Brian2's COBAHH example
inline constexpr double area_um2 = 20000.0;            ///< cell area
inline constexpr double cm_uF_per_cm2 = 1.0;           ///< specific capacitance
inline constexpr double gl_S_per_cm2 = 5e-5;           ///< leak
inline constexpr double el_mV = -60.0;                 ///< leak reversal
inline constexpr double ek_mV = -90.0;                 ///< potassium reversal
inline constexpr double ena_mV = 50.0;                 ///< sodium reversal
inline constexpr double g_na_mS_per_cm2 = 100.0;       ///< sodium
inline constexpr double g_kd_mS_per_cm2 = 30.0;        ///< delayed rectifier
inline constexpr double taue_ms = 5.0, taui_ms = 10.0; ///< synaptic decay
inline constexpr double ee_mV = 0.0, ei_mV = -80.0;    ///< synaptic reversals

namespace detail {
template <class V>
V c(double x) {
    return V(scalar_t<V>(x));
}
} // namespace detail

struct m_kinetics {
    static constexpr const char* name = "m";
    template <class V>
    static V alpha(const V& v) { // 0.32 * 4 exprel((13 - v + VT)/4)
        using detail::c;
        return c<V>(0.32 * 4) * exprel((c<V>(13 + vt_mV) - v) * c<V>(0.25));
    }
    template <class V>
    static V beta(const V& v) { // 0.28 * 5 exprel((v - VT - 40)/5)
        using detail::c;
        return c<V>(0.28 * 5) * exprel((v - c<V>(vt_mV + 40)) * c<V>(0.2));
    }
};
struct h_kinetics {
    static constexpr const char* name = "h";
    template <class V>
    static V alpha(const V& v) {
        using detail::c;
        return c<V>(0.128) * math::exp((c<V>(17 + vt_mV) - v) * c<V>(1.0 / 18));
    }
    template <class V>
    static V beta(const V& v) {
        using detail::c;
        return c<V>(4) / (c<V>(1) + math::exp((c<V>(40 + vt_mV) - v) * c<V>(0.2)));
    }
};
struct n_kinetics {
    static constexpr const char* name = "n";
    template <class V>
    static V alpha(const V& v) { // 0.032 * 5 exprel((15 - v + VT)/5)
        using detail::c;
        return c<V>(0.032 * 5) * exprel((c<V>(15 + vt_mV) - v) * c<V>(0.2));
    }
    template <class V>
    static V beta(const V& v) {
        using detail::c;
        return c<V>(0.5) * math::exp((c<V>(10 + vt_mV) - v) * c<V>(1.0 / 40));
    }
};

using na_channel =
    channel<permeation::ohmic, ion::na, gates<gate<m_kinetics, 3>, gate<h_kinetics, 1>>>;
using kd_channel = channel<permeation::ohmic, ion::k, gates<gate<n_kinetics, 4>>>;
/// The COBAHH cell: Na, Kd, leak, excitatory and inhibitory exponential synapses.
using cell = membrane<specific_capacitance, na_channel, kd_channel, leak, exp_synapse, exp_synapse>;

/// Indices of the state of `cell`.
enum cell_state : std::size_t { V = 0, M = 1, H = 2, N = 3, GE = 4, GI = 5 };
/// Event parts of `cell`, in order: the synapse index of a connection.
enum synapse_index : std::uint32_t { excitatory = 0, inhibitory = 1 };

/// Brian2's COBAHH cell (parameters above).
inline cell make_cell() {
    auto g = [](double mS_per_cm2) {
        return conductance_density<double>::from_value(mS_per_cm2 * 10.0);
    };
    auto mv = [](double x) { return voltage<double>::from_value(x * 1e-3); };
    auto ms = [](double x) { return time<double>::from_value(x * 1e-3); };
    return cell(specific_capacitance(capacitance_density<double>::from_value(cm_uF_per_cm2 * 1e-2)),
                na_channel({g(g_na_mS_per_cm2), mv(ena_mV)}),
                kd_channel({g(g_kd_mS_per_cm2), mv(ek_mV)}), leak(g(gl_S_per_cm2 * 1e3), mv(el_mV)),
                exp_synapse(ms(taue_ms), mv(ee_mV)), exp_synapse(ms(taui_ms), mv(ei_mV)));
}

/// The cell's area, 20000 um^2.
inline area<double> cell_area() {
    return make<unit::area>(area_um2 * 1e-12);
}

} // namespace noneq::traub_miles
