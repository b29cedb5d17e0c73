// noneq/tissue/medium.hpp — what the monodomain equation
//     chi (C_m dV/dt + I_ion) = div(sigma grad V) + I_stim
// needs of the tissue itself: the conductivity tensor sigma (S/m), the membrane's surface-to-volume
// ratio chi (1/m) and its specific capacitance C_m (F/m^2). sigma is diagonal along the grid's
// axes (fibres along an axis: sigma_l along it, sigma_t across, as in the N-version benchmark);
// a rotated or off-diagonal tensor (fibres at an angle to the grid) is not supported: its mixed
// derivatives need a 19-point stencil whose matrix is no longer an M-matrix. Conductivity may be
// scaled node by node (a poorly coupled sinoatrial node in atrial tissue); between two nodes the
// face takes the harmonic mean of their scales (series resistances, as in finite volumes).
// The diffusivity along an axis is D = sigma / (chi C_m) (m^2/s).
#pragma once

#include <noneq/core/error.hpp>
#include <noneq/tissue/units.hpp>
#include <noneq/units.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <vector>

namespace noneq::tissue {

/// A conductivity tensor diagonal along the grid's axes (S/m).
struct conductivity_tensor {
    conductivity<double> x, y, z;

    static conductivity_tensor isotropic(conductivity<double> s) { return {s, s, s}; }
    /// Fibres along x: sigma_l along them, sigma_t across (y and z).
    static conductivity_tensor fibres_along_x(conductivity<double> sigma_l,
                                              conductivity<double> sigma_t) {
        return {sigma_l, sigma_t, sigma_t};
    }
    /// The monodomain tensor of a bidomain medium whose intra- and extracellular tensors share
    /// their axes: per axis the two conductivities in series, sigma_i sigma_e / (sigma_i +
    /// sigma_e) (the current crosses the membrane from one space to the other; half their
    /// harmonic mean). With sigma_e >> sigma_i it tends to sigma_i; an axis where both are zero
    /// stays zero. This is how the N-version benchmark (Niederer et al. 2011) turns its four
    /// bidomain values into the monodomain problem it poses.
    static conductivity_tensor monodomain(const conductivity_tensor& intra,
                                          const conductivity_tensor& extra) {
        const auto series = [](conductivity<double> i, conductivity<double> e) {
            require(std::isfinite(si_value(i)) && si_value(i) >= 0, "sigma_i", si_value(i),
                    ">= 0, finite", "S/m");
            require(std::isfinite(si_value(e)) && si_value(e) >= 0, "sigma_e", si_value(e),
                    ">= 0, finite", "S/m");
            const double s = si_value(i) + si_value(e);
            return s > 0 ? (i * e) / (i + e) : i;
        };
        return {series(intra.x, extra.x), series(intra.y, extra.y), series(intra.z, extra.z)};
    }
};

struct medium {
    conductivity_tensor sigma;
    surface_to_volume<double> chi;
    capacitance_density<double> cm;
    /// Per-node conductivity scale (each > 0, finite); empty: 1 everywhere.
    std::vector<double> scale{};

    /// Rejects a non-positive or non-finite conductivity, chi or C_m (naming it).
    void check() const {
        require(std::isfinite(si_value(sigma.x)) && si_value(sigma.x) >= 0, "sigma.x",
                si_value(sigma.x), ">= 0, finite", "S/m");
        require(std::isfinite(si_value(sigma.y)) && si_value(sigma.y) >= 0, "sigma.y",
                si_value(sigma.y), ">= 0, finite", "S/m");
        require(std::isfinite(si_value(sigma.z)) && si_value(sigma.z) >= 0, "sigma.z",
                si_value(sigma.z), ">= 0, finite", "S/m");
        require_positive("chi", si_value(chi), "1/m");
        require_positive("cm", si_value(cm), "F/m^2");
        require_each(scale, "scale", "> 0, finite",
                     [](double s) { return std::isfinite(s) && s > 0; });
    }
    /// The diffusivities sigma_a / (chi C_m) along x, y, z (m^2/s).
    std::array<double, 3> diffusivity_m2_per_s() const {
        const double c = si_value(chi) * si_value(cm);
        return {si_value(sigma.x) / c, si_value(sigma.y) / c, si_value(sigma.z) / c};
    }
};

} // namespace noneq::tissue
