// Tour: bioenergetics — the energised plant vacuole and the kinetic ratchet.
#include "tour.hpp"

#include <noneq/bioenergetics/antiporter.hpp>
#include <noneq/bioenergetics/gillespie.hpp>
#include <noneq/bioenergetics/proton_pumps.hpp>
#include <noneq/bioenergetics/ratchet.hpp>
#include <noneq/bioenergetics/vacuole_model.hpp>

namespace {
using namespace noneq::literals;

tour::registrar reg{"40",
                    "Bioenergetics: vacuole (pH 7.5 -> 5.5, +30 mV, 25 C; Taiz & Zeiger) and the "
                    "electroconformational ratchet (Tsong & Astumian 1986)",
                    [] {
                        using namespace noneq;
                        const auto T = kelvin(25.0_degC);
                        const auto w = vacuolar_proton_work(7.5, 5.5, 30.0_mV, T);
                        tour::kv("vacuole_dG_H_kJ_per_mol", in_kJ_per_mol(w));
                        tour::kv("vacuole_pmf_mV", in_mV(tonoplast_pmf(7.5, 5.5, 30.0_mV, T)));
                        const auto atp = atp_hydrolysis_free_energy(2.0_mM, 0.2_mM, 5.0_mM, T);
                        const auto ppi = ppi_hydrolysis_free_energy(0.3_mM, 5.0_mM, T);
                        tour::kv("max_H_per_ATP", max_stoichiometry(atp, w));
                        tour::kv("max_H_per_PPi", max_stoichiometry(ppi, w));
                        tour::kv("nhx_max_na_ratio_1to1",
                                 nhx_max_accumulation(1, 7.5, 5.5, 30.0_mV, T));
                        // the kinetic vacuole, 10 minutes from neutral
                        const vacuole_model m;
                        auto x = m.initial_state();
                        m.simulate(x, 0.0_s, 600.0_s, 600.0_s, [](const auto&, double) {});
                        tour::kv("vacuole_pH_after_600s", m.pH_vac(x));
                        tour::kv("vacuole_na_mM_after_600s", x[vacuole_model::Na]);
                        tour::kv("vacuole_dpsi_mV_after_600s", 1e3 * x[vacuole_model::dpsi]);
                        // the ratchet: 100 mV square field at 10 kHz against a two-fold gradient
                        const four_state_carrier c;
                        const drive d{drive_kind::square, 0.1, 1e4};
                        tour::kv("ratchet_flux_per_s_at_ratio_2", c.mean_flux(d, 2.0, 1.0));
                        tour::kv("ratchet_stall_ratio", c.stall_ratio(d));
                        tour::kv("ratchet_flux_per_s_no_field", c.mean_flux(drive{}, 1.0, 1.0));
                        const auto opt = c.optimal_frequency(drive_kind::square, 0.1);
                        tour::kv("ratchet_optimum_freq_Hz", opt.frequency);
                        tour::kv("ratchet_optimum_stall_ratio", opt.stall_ratio);
                        const drive tg{drive_kind::telegraph, 0.1, 3e3};
                        const auto g = gillespie_flux(c, tg, 2.0, 1.0, 100, 0.02, 1);
                        tour::kv("telegraph_exact_flux_per_s", c.mean_flux(tg, 2.0, 1.0));
                        tour::kv("telegraph_gillespie_flux_per_s", g.flux);
                        tour::kv("telegraph_gillespie_std_error", g.std_error);
                    }};
} // namespace
