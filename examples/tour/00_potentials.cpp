// Tour: the equilibrium references every other model measures its distance from.
#include "tour.hpp"

#include <noneq/potential/nernst.hpp>

namespace {
using namespace noneq::literals;

// Mammalian cell concentrations (Hille, Ion Channels of Excitable Membranes, 3rd ed., Table 1.1).
tour::registrar reg{"00", "Nernst potentials at 37 C (mammalian skeletal muscle, Hille Table 1.1)",
                    [] {
                        const auto T = noneq::kelvin(37.0_degC);
                        tour::kv("T_K", noneq::in_K(T));
                        tour::kv("E_Na_mV", noneq::in_mV(noneq::nernst(1, 12.0_mM, 145.0_mM, T)));
                        tour::kv("E_K_mV", noneq::in_mV(noneq::nernst(1, 155.0_mM, 4.0_mM, T)));
                        tour::kv("E_Cl_mV", noneq::in_mV(noneq::nernst(-1, 4.2_mM, 123.0_mM, T)));
                        tour::kv("E_Ca_mV", noneq::in_mV(noneq::nernst(2, 100.0_nM, 1.5_mM, T)));
                    }};
} // namespace
