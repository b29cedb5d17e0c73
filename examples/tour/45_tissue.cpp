// Tour: cardiac tissue. A 12 mm cable of Mitchell-Schaeffer cells (the monodomain equation,
// Strang splitting, Crank-Nicolson diffusion by conjugate gradients): its conduction velocity
// against the closed-form bistable front speed sqrt(D / 2 tau_in)(b - 2a).
#include "tour.hpp"

#include <noneq/tissue/mitchell_schaeffer.hpp>
#include <noneq/tissue/monodomain.hpp>

namespace {
using namespace noneq::literals;
using namespace noneq::tissue;
using namespace noneq::tissue::literals;

tour::registrar reg{
    "45", "Cardiac tissue: a 12 mm Mitchell-Schaeffer cable, conduction velocity vs closed form",
    [] {
        const auto g = grid::slab(12.0_mm, 0.0_mm, 0.0_mm, 0.1_mm);
        const medium m{conductivity_tensor::isotropic(0.17_S_per_m), 1400.0_per_cm, 1.0_uF_per_cm2};
        using M = noneq::ode_cell<mitchell_schaeffer::model>;
        monodomain<M>::options opt;
        opt.dt = 0.01_ms;
        opt.activation_threshold_mV = -30.0;
        monodomain<M> tis(g, m, opt, region{mitchell_schaeffer::cell(), -80.0_mV, everywhere()});
        tis.add_stimulus({box{{0.0_mm, 0.0_mm, 0.0_mm}, {0.5_mm, 0.0_mm, 0.0_mm}},
                          50000.0_uA_per_cm3, 0.0_ms, 1.0_ms});
        tis.advance(30.0_ms);
        const auto a = tis.activation(g.nearest({3.0_mm, 0.0_mm, 0.0_mm}));
        const auto b = tis.activation(g.nearest({9.0_mm, 0.0_mm, 0.0_mm}));
        const double cv = a && b ? 6e-3 / noneq::si_value(*b - *a) : 0.0;
        tour::kv("tissue_cable_cv_m_per_s", cv);
        tour::kv("tissue_front_speed_closed_form_m_per_s",
                 mitchell_schaeffer::model{}.front_speed_m_per_s(m.diffusivity_m2_per_s()[0]));
    }};
} // namespace
