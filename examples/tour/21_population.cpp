// Tour: the pump-leak resting potential (a steady state held by ATP, not an equilibrium) and a
// small SIMD population of Hodgkin-Huxley cells.
#include "tour.hpp"

#include <noneq/membrane/pump_leak.hpp>
#include <noneq/membrane/squid_axon.hpp>
#include <noneq/population/population.hpp>

#include <numbers>

namespace {
using namespace noneq::literals;

tour::registrar reg{
    "21", "Pump-leak rest at 37 C (GHK leaks, Na/K pump, KCC2) and 100 HH cells for 20 ms", [] {
        const noneq::pump_leak_cell cell;
        const auto x = cell.steady_state(
            noneq::pump_leak_cell::make_state(-70.0_mV, 12.0_mM, 140.0_mM, 7.0_mM));
        const auto E = cell.nernst_mV(x);
        const auto f = cell.fluxes(x);
        tour::kv("v_rest_mV", x[0]);
        tour::kv("E_Na_mV", E[0]);
        tour::kv("E_K_mV", E[1]);
        tour::kv("E_Cl_mV", E[2]);
        tour::kv("net_current_uA_per_cm2", noneq::in_uA_per_cm2(f.total));
        tour::kv("pump_current_uA_per_cm2", noneq::in_uA_per_cm2(f.pump));
        tour::kv("atp_mol_per_s_per_cm2", f.atp.value() * 1e-4);
        tour::kv("atp_mol_per_s_per_cell", cell.atp_mol_per_s_per_cell(x));

        // 100 cells of noneq-population's benchmark (18.8 um cylinder, 0.1..0.19 nA), 20 ms.
        const auto area = noneq::make<noneq::unit::area>(std::numbers::pi * 18.8e-6 * 18.8e-6);
        const auto axon = noneq::hh::make_axon(noneq::make<noneq::unit::current_density>(0.0));
        noneq::population<noneq::hh::axon> pop(100, axon, 0.025_ms, -65.0_mV, area);
        for (std::size_t i = 0; i < pop.size(); ++i)
            pop.set_stimulus(i, (0.1 + 0.1 * double(i % 10) / 10.0) * 1.0_nA);
        pop.advance(20.0_ms);
        tour::kv("population_cells", double(pop.size()));
        tour::kv("population_spikes_20ms", double(pop.total_spikes()));
        tour::kv("population_first_spike_cell0_ms", noneq::in_ms(pop.spike_times(0).at(0)));
    }};
} // namespace
