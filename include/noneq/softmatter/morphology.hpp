// noneq/softmatter/morphology.hpp — measures of a phase-separated field: where the dense phase
// sits (centroid) and how large its domains are (structure-factor length scale).
//
// domain_length: L = 2 pi / <k>, <k> = sum_k |k| S(k) / sum_k S(k) over k != 0, S(k) = |phi_k|^2
// of the periodic transform of the field (the first moment of the structure factor, the usual
// coarsening length of spinodal decomposition; e.g. Zhu et al., Phys Rev E 60 (1999) 3564).
#pragma once

#include <noneq/core/error.hpp>
#include <noneq/softmatter/spectral_grid.hpp>

#include <array>
#include <cmath>
#include <complex>
#include <cstddef>
#include <limits>
#include <numbers>
#include <vector>

namespace noneq::softmatter {

/// Centroid (cell-centre coordinates; {x} in 1D, {y, x} in 2D) of the part of the field above
/// `threshold`, weighted by phi - threshold. NaN if no cell exceeds the threshold.
template <std::size_t Dim>
std::array<double, Dim> dense_phase_centroid(const xt::xtensor<double, Dim>& phi, double threshold,
                                             double dx) {
    require_positive("dx", dx);
    std::array<double, Dim> c{};
    double w = 0.0;
    if constexpr (Dim == 1) {
        for (std::size_t i = 0; i < phi.shape()[0]; ++i) {
            const double v = phi(i) - threshold;
            if (v > 0.0) {
                w += v;
                c[0] += v * (double(i) + 0.5) * dx;
            }
        }
    } else {
        for (std::size_t j = 0; j < phi.shape()[0]; ++j)
            for (std::size_t i = 0; i < phi.shape()[1]; ++i) {
                const double v = phi(j, i) - threshold;
                if (v > 0.0) {
                    w += v;
                    c[0] += v * (double(j) + 0.5) * dx;
                    c[1] += v * (double(i) + 0.5) * dx;
                }
            }
    }
    for (auto& x : c)
        x = w > 0.0 ? x / w : std::numeric_limits<double>::quiet_NaN();
    return c;
}

/// Structure-factor domain length 2 pi / <|k|> (every extent a power of two). NaN for a uniform
/// field.
template <std::size_t Dim>
double domain_length(const xt::xtensor<double, Dim>& phi, double dx) {
    std::array<std::size_t, Dim> shape{};
    for (std::size_t d = 0; d < Dim; ++d)
        shape[d] = phi.shape()[d];
    const spectral_grid<Dim> g(shape, dx, boundary::periodic);
    std::vector<std::complex<double>> w(g.size());
    g.forward(phi, w.data());
    double num = 0.0, den = 0.0;
    for (std::size_t i = 1; i < w.size(); ++i) { // i = 0 is k = 0
        const double s = g.weight()[i] * std::norm(w[i]);
        num += std::sqrt(g.k2()[i]) * s;
        den += s;
    }
    if (!(num > 0.0)) return std::numeric_limits<double>::quiet_NaN();
    return 2.0 * std::numbers::pi * den / num;
}

} // namespace noneq::softmatter
