// noneq/devices/photoelectrochemistry.hpp — can a photovoltage drive a reaction? The photovoltage
// (a kinetic quantity: the QFLS set by generation against recombination) is compared with the
// Nernst potential of the target reaction (a thermodynamic one).
//
// Water splitting H2O(l) -> H2(g) + 1/2 O2(g), n = 2 electrons:
//   E(T) = (Delta_r H - T Delta_r S) / (n F) at unit activities (1 bar gases, liquid water),
//   Delta_r H = 285.83 kJ/mol, Delta_r S = 163.3 J/(mol K) from the standard entropies
//   S(H2, g) = 130.68, S(O2, g) = 205.15, S(H2O, l) = 69.95 J/(mol K) (CODATA Key Values for
//   Thermodynamics, Cox, Wagman & Medvedev 1989). E(298.15 K) = 1.229 V, dE/dT = -0.846 mV/K;
//   Delta_r H and Delta_r S are taken constant (a good approximation over 0-100 C).
// Away from unit activities: E = E(T) + (R T / n F) ln(a_H2 a_O2^{1/2} / a_H2O).
#pragma once

#include <noneq/constants.hpp>
#include <noneq/core/error.hpp>
#include <noneq/units.hpp>

#include <cmath>

namespace noneq::devices {

/// The reversible potential of water splitting at T (unit activities), V.
template <value_type V>
voltage<V> water_splitting_potential(const temperature<V>& T) {
    require_positive("T", T.value(), "K");
    const V dH = V(285830.0), dS = V(163.3);
    return voltage<V>::from_value((dH - T.value() * dS) / V(2.0 * constants::F.value()));
}

/// The Nernst-corrected reversible potential of water splitting for gas partial pressures
/// (bar) and water activity: E(T) + (R T/2F) ln(p_H2 sqrt(p_O2) / a_H2O).
template <value_type V>
voltage<V> water_splitting_potential(const temperature<V>& T, const V& p_H2_bar, const V& p_O2_bar,
                                     const V& a_H2O = V(1)) {
    require_positive("p_H2_bar", p_H2_bar, "bar");
    require_positive("p_O2_bar", p_O2_bar, "bar");
    require_positive("a_H2O", a_H2O);
    using std::log;
    using std::sqrt;
    return water_splitting_potential(T) +
           thermal_voltage(T) * (log(p_H2_bar * sqrt(p_O2_bar) / a_H2O) / V(2));
}

/// The verdict of a photovoltage against a reaction potential plus the overpotentials needed to
/// drive it at a useful rate.
struct drive_assessment {
    voltage<double> available;  ///< the photovoltage of the device (cells in series)
    voltage<double> required;   ///< reaction potential + overpotentials
    voltage<double> margin;     ///< available - required
    bool can_drive;             ///< margin >= 0
    int cells_in_series_needed; ///< the fewest identical cells in series with margin >= 0
};

/// Compares a photovoltage (of one cell, `cells` in series) with a reaction potential plus an
/// overpotential (>= 0; e.g. about 0.4-0.6 V for practical water-splitting catalysts).
inline drive_assessment
assess_drive(const voltage<double>& photovoltage, const voltage<double>& reaction_potential,
             const voltage<double>& overpotential = voltage<double>::from_value(0.0),
             int cells = 1) {
    require_positive("photovoltage", photovoltage.value(), "V");
    require_positive("reaction_potential", reaction_potential.value(), "V");
    require_nonnegative("overpotential", overpotential.value(), "V");
    require(cells >= 1 && cells <= 1000, "cells", cells, "1..1000");
    const double avail = cells * photovoltage.value();
    const double req = reaction_potential.value() + overpotential.value();
    const int needed = static_cast<int>(std::ceil(req / photovoltage.value() - 1e-12));
    return {voltage<double>::from_value(avail), voltage<double>::from_value(req),
            voltage<double>::from_value(avail - req), avail >= req, needed < 1 ? 1 : needed};
}

} // namespace noneq::devices
