// Tour: devices and materials — the Seebeck voltage, the detailed-balance photovoltage and what it
// can drive, and the osmotic climb force of a vacancy supersaturation.
#include "tour.hpp"

#include <noneq/devices/detailed_balance.hpp>
#include <noneq/devices/photoelectrochemistry.hpp>
#include <noneq/devices/seebeck.hpp>
#include <noneq/devices/spectrum.hpp>
#include <noneq/materials/dislocation_climb.hpp>

#include <string>

namespace {
using namespace noneq::literals;

tour::registrar reg{
    "50",
    "Devices and materials: Seebeck (Na, free electrons), AM1.5G solar cell at 1.34 eV, "
    "water splitting, dislocation climb (Al)",
    [] {
        using namespace noneq;
        using namespace noneq::devices;
        // Sodium: free-electron E_F = 3.24 eV (Ashcroft & Mermin Table 2.1), 300 K; the general
        // Fermi-Dirac form at eta = E_F / kT (r = 0).
        const auto T = 300.0_K;
        const double eta = 3.24 / thermal_voltage(T).value(); // E_F / kT, both in eV
        tour::kv("seebeck_Na_uV_per_K", in_uV_per_K(seebeck_fermi_dirac(0.0, eta)));
        // Shockley-Queisser under ASTM G173-03 AM1.5G, cell at 300 K.
        const auto am15 = load_astm_g173(std::string(NONEQ_DATA_DIR) + "/astm_g173.csv");
        const auto cell = detailed_balance_cell(1.34_eV, am15, T);
        const auto mpp = max_power_point(cell);
        tour::kv("solar_1.34eV_voc_V", in_V(mpp.V_oc));
        tour::kv("solar_1.34eV_efficiency", mpp.efficiency);
        // Can that photovoltage split water (1.229 V at 25 C)?
        const auto d = assess_drive(mpp.V_oc, water_splitting_potential(kelvin(25.0_degC)));
        tour::kv("water_splitting_margin_V", in_V(d.margin));
        tour::kv("water_splitting_cells_needed", double(d.cells_in_series_needed));
        // Aluminium at 400 K with c/c0 = 10, dislocation density 1e12 m^-2.
        const auto& al = materials::aluminium;
        tour::kv("climb_Al_force_N_per_m", in_N_per_m(materials::osmotic_force(al, 10.0, 400.0_K)));
        tour::kv("climb_Al_velocity_m_per_s",
                 in_m_per_s(materials::climb_velocity(al, 10.0, 400.0_K,
                                                      materials::sink_log_factor(al, 1e12))));
    }};
} // namespace
