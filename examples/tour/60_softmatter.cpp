// Tour: soft matter. A polymer solution's phase diagram point at rest and in steady shear (Flory-
// Huggins + Wolf's stored elastic energy), and a condensate that an ATP gradient places next to
// its source (Cahn-Hilliard, 1D no-flux cell).
#include "tour.hpp"

#include <noneq/softmatter/atp_gradient.hpp>
#include <noneq/softmatter/cahn_hilliard.hpp>
#include <noneq/softmatter/flory_huggins.hpp>
#include <noneq/softmatter/morphology.hpp>
#include <noneq/softmatter/shear.hpp>

#include <cmath>

namespace {
using namespace noneq::literals;
namespace sm = noneq::softmatter;

tour::registrar reg{
    "60", "Soft matter: polymer solution at rest and sheared; a condensate placed by ATP", [] {
        const double N = 200.0, chi = 0.62;
        const auto c0 = sm::fh_critical_point(N);
        const auto b0 = sm::fh_binodal(N, chi);
        tour::kv("polymer_N", N);
        tour::kv("polymer_chi", chi);
        tour::kv("rest_phi_c", c0.phi);
        tour::kv("rest_chi_c", c0.chi);
        tour::kv("rest_binodal_low", b0.low);
        tour::kv("rest_binodal_high", b0.high);
        // Entangled semidilute solution in a good solvent (eta ~ phi^3.75, J_e0 ~ phi^-2.25,
        // de Gennes 1979): E = eta0^2 J_e0 is convex in phi, so shear mixes.
        const auto rheo = sm::make_crossover_rheology(0.02, sm::viscosity<>::from_value(1e-3),
                                                      sm::viscosity<>::from_value(0.1), 3.75,
                                                      sm::compliance<>::from_value(1e-2), 2.25);
        const auto m = sm::make_sheared_solution(N, chi, rheo, 100.0_Hz, 300.0_K,
                                                 noneq::make<noneq::unit::volume>(1e-28));
        const auto cs = sm::sheared_critical_point(m);
        const auto bs = sm::sheared_binodal(m);
        tour::kv("shear_rate_per_s", 100.0);
        tour::kv("sheared_phi_c", cs.phi);
        tour::kv("sheared_chi_c", cs.chi);
        tour::kv("sheared_binodal_low", bs.low);
        tour::kv("sheared_binodal_high", bs.high);

        // Condensate: 1D cell of 128, ATP source at x = 8 (decay length 16), metastable mean.
        const std::size_t n = 128;
        const sm::spectral_grid<1> g({n}, 1.0, sm::boundary::no_flux);
        const auto c = sm::reaction_diffusion_steady_state<1>(
            g, sm::gaussian_source<1>(g, {8.0}, 2.0, 1.0), 2.56, 0.01);
        auto phi0 = g.make_field(-0.65);
        for (std::size_t i = 0; i < n; ++i)
            phi0(i) += 0.01 * std::sin(0.7 * double(i));
        sm::cahn_hilliard<1, sm::double_well> ch(sm::double_well{1.0}, phi0,
                                                 {1.0, 1.0, 1.0, 0.5, 1.5}, sm::boundary::no_flux);
        ch.set_external_potential(sm::atp_chemical_potential<1>(c, 0.3, xt::amax(c)()));
        const double m0 = ch.mass();
        ch.advance(3000);
        tour::kv("condensate_t", ch.time());
        tour::kv("condensate_mass_error", std::abs(ch.mass() - m0) / std::abs(m0));
        tour::kv("condensate_centroid_x", sm::dense_phase_centroid<1>(ch.phi(), 0.0, 1.0)[0]);
        tour::kv("condensate_source_x", 8.0);
        tour::kv("condensate_cell_length", 128.0);
    }};
} // namespace
