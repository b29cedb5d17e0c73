// noneq/cardiac/calcium_buffering.hpp — Ca2+ buffers as explicit binding kinetics, the
// scheme of the sinoatrial node models of Kurata et al. (2002), Maltsev & Lakatta (2009) and
// Severi, Fantini, Charawi & DiFrancesco (2012), J Physiol 590(18):4483-4499.
//
// A buffer of total concentration B_tot binds Ca2+ with on-rate kf (1/(mM s)) and off-rate kb
// (1/s); its fractional occupancy f obeys
//   df/dt = kf c (1 - f) - kb f,
// and removes B_tot df/dt of free Ca2+ from its compartment. Two ligands competing for one site
// (troponin-Mg: Ca2+ and Mg2+) share the free fraction 1 - f_Ca - f_Mg. At equilibrium
// f = c/(c + Kd) with Kd = kb/kf.
//
// The constants are quantities; `bind()` gives the plain-valued form in mM and 1/s that a
// model's right-hand side evaluates, converted once.
#pragma once

#include <noneq/cardiac/units.hpp>
#include <noneq/core/error.hpp>
#include <noneq/core/value_traits.hpp>

#include <cmath>

namespace noneq::cardiac {

struct calcium_buffer {
    second_order_rate<double> kf; ///< association rate constant (CellML kf_*, 1/(mM s))
    frequency<double> kb;         ///< dissociation rate constant (CellML kb_*, 1/s)
    concentration<double> total;  ///< total buffer concentration (CellML *_tot, mM)

    /// The buffer in mM and 1/s, plain values for a right-hand side.
    struct bound {
        double kf_per_mM_s, kb_per_s, total_mM;

        /// df/dt for occupancy f at free ligand concentration c (mM); `f_other` is the
        /// occupancy by a competing ligand of the same site (0 for a single-ligand buffer).
        template <value_type V>
        V occupancy_rate(unchecked_t, const V& c, const V& f, const V& f_other = V(0)) const {
            return V(scalar_t<V>(kf_per_mM_s)) * c * (V(1) - f - f_other) -
                   V(scalar_t<V>(kb_per_s)) * f;
        }
        /// Rate of change of free Ca2+ due to this buffer, -B_tot df/dt, in mM/s.
        template <value_type V>
        V free_calcium_rate(const V& dfdt) const {
            return -V(scalar_t<V>(total_mM)) * dfdt;
        }
    };

    /// Converts to mM and 1/s (mol/m^3 is mM: the SI values are the model's).
    bound bind() const { return {kf.value(), kb.value(), total.value()}; }

    /// Dissociation constant kb/kf.
    concentration<double> kd() const { return kb / kf; }

    /// Checked form, in mM and 1/s: c >= 0, occupancies in [0, 1] with f + f_other <= 1.
    template <value_type V>
    V occupancy_rate(const V& c, const V& f, const V& f_other = V(0)) const {
        check();
        require(c >= V(0) && is_finite(c), "c", c, ">= 0, finite", "mM");
        require(f >= V(0) && f <= V(1), "f", f, "[0, 1]");
        require(f_other >= V(0) && f + f_other <= V(1), "f_other", f_other, "[0, 1 - f]");
        return bind().occupancy_rate(unchecked, c, f, f_other);
    }

    /// Equilibrium occupancy c/(c + Kd) of a single-ligand buffer (c in mM).
    template <value_type V>
    V steady_occupancy(const V& c) const {
        check();
        require(c >= V(0) && is_finite(c), "c", c, ">= 0, finite", "mM");
        return c / (c + V(scalar_t<V>(kd().value())));
    }

    void check() const {
        require_positive("kf", kf.value(), "m^3/(mol s)");
        require_positive("kb", kb.value(), "1/s");
        require_nonnegative("total", total.value(), "mol/m^3");
    }
};

} // namespace noneq::cardiac
