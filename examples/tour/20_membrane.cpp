// Tour: the Hodgkin-Huxley squid axon composed from policies (hh.mod at 6.3 C): a spike train,
// its voltage threshold, and which way a GABA_A synapse pushes it for two chloride loads.
#include "tour.hpp"

#include <noneq/analysis/fixed_points.hpp>
#include <noneq/analysis/spikes.hpp>
#include <noneq/integrate/observers.hpp>
#include <noneq/integrate/run.hpp>
#include <noneq/membrane/squid_axon.hpp>
#include <noneq/membrane/synapse.hpp>

namespace {
using namespace noneq::literals;

tour::registrar reg{
    "20", "HH squid axon (hh.mod, 6.3 C): 10 uA/cm^2 for 100 ms, threshold, GABA_A direction", [] {
        auto ax = noneq::hh::make_axon(10.0_uA_per_cm2);
        auto x = ax.steady_state(noneq::hh::v_init_mV);
        noneq::spike_detector sd;
        noneq::run(ax, x, 0.0_ms, 100.0_ms, noneq::method::exponential, {0.025_ms, 1e-8, 1e-8}, sd);
        const auto st = noneq::spike_stats(sd);
        tour::kv("spikes", double(sd.count()));
        tour::kv("first_spike_ms", sd.times().front());
        tour::kv("rate_hz", st.rate_hz);
        tour::kv("v_peak_mV", sd.max());
        tour::kv("ahp_mV", st.ahp_mV);

        // rest, and the threshold: saddle of the fast (V, m) subsystem with h, n held at rest
        const auto quiet = noneq::hh::make_axon(0.0_uA_per_cm2);
        const auto rest = noneq::fixed_points(quiet).front();
        const auto th =
            noneq::threshold(quiet, rest.v_mV(), {}, &rest.state, {noneq::hh::H, noneq::hh::N});
        tour::kv("v_rest_mV", rest.v_mV());
        tour::kv("rest", noneq::to_string(rest.kind));
        tour::kv("v_threshold_mV", th->v_mV());

        // GABA_A reverses at E_Cl: mature (Cl_i 7 mM) vs immature (Cl_i 40 mM) neuron
        const auto T = noneq::kelvin(6.3_degC);
        for (double cl_in : {7.0, 40.0}) {
            const auto e_cl = noneq::nernst(-1, cl_in * 1.0_mM, 130.0_mM, T);
            const auto effect =
                noneq::gaba_a_effect(e_cl, rest.v_mV() * 1.0_mV, th->v_mV() * 1.0_mV);
            tour::kv(cl_in < 10 ? "E_Cl_mature_mV" : "E_Cl_immature_mV", noneq::in_mV(e_cl));
            tour::kv(cl_in < 10 ? "gaba_mature" : "gaba_immature", noneq::to_string(effect));
        }
    }};
} // namespace
