// Tour: the squid giant axon at rest and at the peak of its action potential, from the GHK voltage
// equation with Hodgkin & Katz's (1949, J Physiol 108:37-77) permeability ratios; a Ca2+ mixture
// by the Lewis (1979) closed form; the driving force on Cl-; the proton motive force.
#include "tour.hpp"

#include <noneq/flux/ghk_reversal.hpp>
#include <noneq/potential/driving_force.hpp>
#include <noneq/potential/electrochemical.hpp>
#include <noneq/potential/ghk_divalent.hpp>
#include <noneq/potential/ghk_voltage.hpp>
#include <noneq/potential/nernst.hpp>

#include <array>

namespace {
using namespace noneq::literals;

noneq::ghk_ion<double> rel(int z, double P, noneq::concentration<double> ci,
                           noneq::concentration<double> co) {
    return {z, noneq::make<noneq::unit::dimensionless>(P), ci, co};
}

tour::registrar reg{
    "10", "Squid axon at rest and at the spike peak (GHK, Hodgkin & Katz 1949), 6.3 C", [] {
        const auto T = noneq::kelvin(6.3_degC);
        // Hodgkin 1958 (Proc R Soc B 148:1) Table 1 concentrations, Cl_in at the low end (40 mM)
        const auto squid = [](double p_na) {
            return std::array<noneq::ghk_ion<double>, 3>{{rel(1, 1.0, 400.0_mM, 20.0_mM),
                                                          rel(1, p_na, 50.0_mM, 440.0_mM),
                                                          rel(-1, 0.45, 40.0_mM, 560.0_mM)}};
        };
        tour::kv("E_K_mV", noneq::in_mV(noneq::nernst(1, 400.0_mM, 20.0_mM, T)));
        tour::kv("E_Na_mV", noneq::in_mV(noneq::nernst(1, 50.0_mM, 440.0_mM, T)));
        tour::kv("V_rest_mV", noneq::in_mV(noneq::ghk_voltage(squid(0.04), T))); // 1:0.04:0.45
        tour::kv("V_peak_mV", noneq::in_mV(noneq::ghk_voltage(squid(20.0), T))); // 1:20:0.45
        // a K+ channel slightly permeable to Ca2+ (P_Ca/P_K = 0.1), mammalian concentrations
        const std::array<noneq::ghk_ion<double>, 2> kca{
            {rel(1, 1.0, 140.0_mM, 5.0_mM), rel(2, 0.1, 100.0_nM, 2.0_mM)}};
        const auto T37 = noneq::kelvin(37.0_degC);
        tour::kv("V_rev_K_Ca_Lewis1979_mV", noneq::in_mV(noneq::ghk_voltage_divalent(kca, T37)));
        tour::kv("V_rev_K_Ca_bracketed_mV", noneq::in_mV(noneq::ghk_reversal(kca, T37)));
        // GABA_A: a neuron at -65 mV with E_Cl = -75 mV
        const auto v = -65.0_mV, e_cl = -75.0_mV;
        tour::kv("Cl_driving_force_mV", noneq::in_mV(noneq::driving_force(v, e_cl)));
        tour::kv("Cl_flow", noneq::to_string(noneq::ion_flow_direction(-1, v, e_cl)).data());
        tour::kv("Cl_effect", noneq::to_string(noneq::effect_on_membrane(v, e_cl)).data());
        // mitochondrion-like: psi_in - psi_out = -150 mV, pH_in - pH_out = +0.8, 37 C
        const auto dp = noneq::proton_motive_force(-150.0_mV, 0.8, T37);
        tour::kv("pmf_mV", noneq::in_mV(dp));
        tour::kv("H_in_dG_kJ_per_mol",
                 noneq::in_kJ_per_mol(noneq::proton_transport_work(7.0, 7.8, -150.0_mV, T37)));
    }};
} // namespace
