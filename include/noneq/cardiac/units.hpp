// noneq/cardiac/units.hpp — the units of cardiac cell models that noneq/units.hpp does not name:
// whole-cell GHK permeabilities in the CellML form z F P A (a current per concentration, e.g.
// nA/mM), concentration rates (mM/s) and the rate constants of first-, second- and third-order
// binding (1/s, 1/(mM s), 1/(mM^2 s)). All in coherent SI, as every noneq quantity.
#pragma once

#include <noneq/units.hpp>

namespace noneq {

namespace unit {
using current_per_concentration = unit_quotient<current, concentration>;  // A m^3/mol
using concentration_rate = unit_quotient<concentration, time>;            // mol/(m^3 s)
using second_order_rate = unit_quotient<frequency, concentration>;        // m^3/(mol s)
using third_order_rate = unit_quotient<second_order_rate, concentration>; // m^6/(mol^2 s)
using volume_rate = unit_quotient<volume, time>;                          // m^3/s
} // namespace unit

/// A whole-cell GHK permeability z F P A (e.g. Severi's P_CaL, 0.2 nA/mM).
template <class V = double>
using current_per_concentration = quantity<unit::current_per_concentration, V>;
/// A rate of change of a concentration (e.g. a pump's maximal uptake rate, mM/s).
template <class V = double>
using concentration_rate = quantity<unit::concentration_rate, V>;
/// A second-order rate constant (binding of one ligand, e.g. 1/(mM s)).
template <class V = double>
using second_order_rate = quantity<unit::second_order_rate, V>;
/// A third-order rate constant (binding of two ligands, e.g. 1/(mM^2 s)).
template <class V = double>
using third_order_rate = quantity<unit::third_order_rate, V>;
/// A volume per time (e.g. a permeability-area product P A, m^3/s).
template <class V = double>
using volume_rate = quantity<unit::volume_rate, V>;

namespace cardiac {
using namespace noneq::literals; // the parts' defaults are written with unit literals

/// A quantity's number in the units of the cardiac CellML descriptions (nA, mV, uS, uF, mm^3;
/// concentrations in mM are SI already): the conversion a model makes once, when it binds its
/// parameters. Each multiplies by an exact power of ten.
inline double in_model_nA(const current<double>& i) {
    return i.value() * 1e9;
}
inline double in_model_mV(const voltage<double>& v) {
    return v.value() * 1e3;
}
inline double in_model_uS(const conductance<double>& g) {
    return g.value() * 1e6;
}
inline double in_model_uF(const capacitance<double>& c) {
    return c.value() * 1e6;
}
inline double in_model_mm3(const volume<double>& v) {
    return v.value() * 1e9;
}
} // namespace cardiac

} // namespace noneq
