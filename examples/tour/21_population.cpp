// Tour: the pump-leak resting potential (a steady state held by ATP, not an equilibrium), a
// small SIMD population of Hodgkin-Huxley cells, and one of Severi 2012 sinoatrial cells with a
// spread of I_f conductance: the same population engine for a composed membrane and a cardiac
// model.
#include "tour.hpp"

#include <noneq/cardiac/severi2012.hpp>
#include <noneq/membrane/pump_leak.hpp>
#include <noneq/membrane/squid_axon.hpp>
#include <noneq/population/population.hpp>

#include <numbers>

namespace {
using namespace noneq::literals;

tour::registrar reg{
    "21",
    "Pump-leak rest at 37 C (GHK leaks, Na/K pump, KCC2), 100 HH cells for 20 ms, 8 Severi "
    "cells with I_f x 0.8 .. 1.2 for 2 s",
    [] {
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

        // 8 sinoatrial cells (one AVX-512 batch), g_f x 0.8 .. 1.2, forward Euler at 10 us, 2 s.
        namespace sv = noneq::severi2012;
        using cell_t = noneq::ode_cell<sv::model>;
        noneq::population<cell_t>::options opt;
        opt.spike_capacity = 16;
        noneq::population<cell_t> san(8,
                                      cell_t(sv::model{}, sv::initial_state, sv::state_names, 1.0),
                                      0.01_ms, sv::initial_state[sv::V] * 1.0_mV, opt);
        for (std::size_t i = 0; i < san.size(); ++i)
            san.set_parameter(i, 0.8 + 0.4 * double(i) / 7.0);
        san.advance(2.0_s);
        const auto cycle_ms = [&](std::size_t i) { // last interval between beats
            const auto t = san.spike_times(i);
            return t.size() >= 2 ? noneq::in_ms(t.back() - t[t.size() - 2]) : 0.0;
        };
        tour::kv("population_severi_cycle_ms_gf_x0.8", cycle_ms(0));
        tour::kv("population_severi_cycle_ms_gf_x1.2", cycle_ms(7));
    }};
} // namespace
