// noneq/tissue/stimulus.hpp — a monodomain stimulus I_stim (current per tissue volume, A/m^3;
// positive depolarises) over a box of nodes from `start` for `duration`. It enters the diffusion
// step as a source I_stim / (chi C_m) whose integral over each step is exact (the overlap of the
// step with [start, start + duration]), so the charge delivered does not depend on dt or on the
// splitting.
#pragma once

#include <noneq/core/error.hpp>
#include <noneq/tissue/grid.hpp>
#include <noneq/tissue/units.hpp>

#include <algorithm>
#include <cmath>

namespace noneq::tissue {

struct stimulus {
    box region;
    current_per_volume<double> amplitude;
    time<double> start;
    time<double> duration;

    void check() const {
        require(std::isfinite(si_value(amplitude)), "amplitude", si_value(amplitude), "finite",
                "A/m^3");
        require(std::isfinite(si_value(start)) && si_value(start) >= 0, "start", si_value(start),
                ">= 0, finite", "s");
        require_positive("duration", si_value(duration), "s");
        for (int a = 0; a < 3; ++a) {
            const double lo = a == 0   ? si_value(region.lo.x)
                              : a == 1 ? si_value(region.lo.y)
                                       : si_value(region.lo.z);
            const double hi = a == 0   ? si_value(region.hi.x)
                              : a == 1 ? si_value(region.hi.y)
                                       : si_value(region.hi.z);
            require(std::isfinite(lo) && std::isfinite(hi) && hi >= lo, "region", hi - lo,
                    "a box with hi >= lo on every axis", "m");
        }
    }
    /// Seconds of [t0, t1] (s) during which it is on.
    double overlap_s(double t0, double t1) const {
        const double a = si_value(start), b = a + si_value(duration);
        return std::max(0.0, std::min(t1, b) - std::max(t0, a));
    }
};

} // namespace noneq::tissue
