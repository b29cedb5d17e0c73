// noneq/softmatter/atp_gradient.hpp — an ATP field made by a source (a mitochondrion) and
// consumed everywhere, and the position-dependent chemical potential it puts on a condensate-
// forming component: droplets positioned by a gradient of a regulator (Weber, Zwicker, Julicher
// & Lee, Rep Prog Phys 82 (2019) 064601; in cells e.g. P granules in the MEX-5 gradient, Saha et
// al., Cell 166 (2016) 1572).
//
// The ATP concentration obeys  dc/dt = D lap c - k c + s(x):  diffusion (D), first-order
// consumption (k) and a localised source s(x). Its steady state is solved exactly per Fourier
// mode of the grid, c_k = s_k / (D |k|^2 + k), on the same periodic / no-flux (cosine) grid as
// the Cahn-Hilliard solver. Away from the source it decays over lambda = sqrt(D / k); in 1D with a
// no-flux box [0, L], outside the source c(x) = A cosh((L - x) / lambda).
//
// The coupling:  mu_ext(x) = -epsilon c(x) / c_ref  lowers the chemical potential of the dense
// component where ATP is high (epsilon > 0, in the unit of f), so at equilibrium the dense phase
// sits near the source: a mitochondrion positions condensates.
#pragma once

#include <noneq/core/error.hpp>
#include <noneq/softmatter/spectral_grid.hpp>
#include <noneq/units.hpp>

#include <array>
#include <cmath>
#include <complex>
#include <cstddef>
#include <numbers>
#include <vector>

namespace noneq::softmatter {

using diffusivity_unit = unit_quotient<unit::area, unit::time>; // m^2/s
template <class V = double>
using diffusivity = quantity<diffusivity_unit, V>;

/// Decay length lambda = sqrt(D / k) of a diffusing, first-order consumed species.
template <value_type V>
length<V> decay_length(const diffusivity<V>& D, const frequency<V>& k) {
    require_positive("D", D.value(), "m^2/s");
    require_positive("k", k.value(), "1/s");
    using std::sqrt;
    return length<V>::from_value(sqrt(D.value() / k.value()));
}

/// A Gaussian source of total rate `rate` (amount per time, in reduced units) centred at
/// `centre` (cell-centre coordinates, [0] = x in 1D, {y, x} in 2D) with standard deviation `width`.
template <std::size_t Dim>
xt::xtensor<double, Dim> gaussian_source(const spectral_grid<Dim>& g,
                                         std::array<double, Dim> centre, double width,
                                         double rate) {
    require_positive("width", width);
    require_nonnegative("rate", rate);
    auto s = g.make_field();
    const auto& sh = g.shape();
    const double norm = std::pow(2.0 * std::numbers::pi * width * width, 0.5 * double(Dim));
    double total = 0.0;
    if constexpr (Dim == 1) {
        for (std::size_t i = 0; i < sh[0]; ++i) {
            const double d = g.coordinate(i) - centre[0];
            s(i) = std::exp(-0.5 * d * d / (width * width)) / norm;
            total += s(i);
        }
    } else {
        for (std::size_t j = 0; j < sh[0]; ++j)
            for (std::size_t i = 0; i < sh[1]; ++i) {
                const double dy = g.coordinate(j) - centre[0], dx = g.coordinate(i) - centre[1];
                s(j, i) = std::exp(-0.5 * (dx * dx + dy * dy) / (width * width)) / norm;
                total += s(j, i);
            }
    }
    // Normalise on the grid so that int s dV = rate exactly.
    require(total > 0.0, "centre", centre[0], "a source overlapping the grid");
    s *= rate / (total * g.cell_volume());
    return s;
}

/// Steady state of D lap c - k c + s = 0 on grid g (exact per Fourier mode).
template <std::size_t Dim>
xt::xtensor<double, Dim> reaction_diffusion_steady_state(const spectral_grid<Dim>& g,
                                                         const xt::xtensor<double, Dim>& source,
                                                         double D, double k) {
    require_positive("D", D);
    require_positive("k", k);
    require_each(source, "source", "finite", [](double v) { return std::isfinite(v); });
    std::vector<std::complex<double>> w(g.size());
    g.forward(source, w.data());
    for (std::size_t i = 0; i < w.size(); ++i)
        w[i] /= (D * g.k2()[i] + k);
    auto c = g.make_field();
    g.inverse(w.data(), c);
    return c;
}

/// mu_ext = -epsilon c / c_ref: favours the dense phase where ATP is high (epsilon > 0).
template <std::size_t Dim>
xt::xtensor<double, Dim> atp_chemical_potential(const xt::xtensor<double, Dim>& c, double epsilon,
                                                double c_ref) {
    require_finite("epsilon", epsilon);
    require_positive("c_ref", c_ref);
    xt::xtensor<double, Dim> mu = (-epsilon / c_ref) * c;
    return mu;
}

} // namespace noneq::softmatter
