// noneq/tissue/units.hpp — the units of tissue models that noneq/units.hpp does not name: bulk
// conductivity (S/m), the membrane's surface-to-volume ratio chi (1/m), a current per volume
// (a stimulus, A/m^3) and a diffusivity (m^2/s). All coherent SI, as every noneq quantity. Their
// literals live in noneq::tissue::literals (e.g. 0.17_S_per_m, 1400.0_per_cm, 50000.0_uA_per_cm3,
// 0.5_mm), so they never collide with another layer's.
#pragma once

#include <noneq/units.hpp>

namespace noneq {

namespace unit {
using conductivity = unit_quotient<conductance, length>;   // S/m
using surface_to_volume = unit_quotient<area, volume>;     // 1/m
using current_per_volume = unit_quotient<current, volume>; // A/m^3
using diffusivity = unit_quotient<area, time>;             // m^2/s
} // namespace unit

/// Bulk conductivity of tissue along one axis (S/m).
template <class V = double>
using conductivity = quantity<unit::conductivity, V>;
/// Membrane area per tissue volume chi (1/m).
template <class V = double>
using surface_to_volume = quantity<unit::surface_to_volume, V>;
/// A current per tissue volume (a monodomain stimulus, A/m^3).
template <class V = double>
using current_per_volume = quantity<unit::current_per_volume, V>;
/// A diffusivity (m^2/s): sigma / (chi C_m) is V's.
template <class V = double>
using diffusivity = quantity<unit::diffusivity, V>;

namespace tissue {

NONEQ_NAMED_UNIT(S_per_m, unit::conductivity, 1.0)
NONEQ_NAMED_UNIT(mS_per_cm, unit::conductivity, 0.1)
NONEQ_NAMED_UNIT(per_cm, unit::surface_to_volume, 1e2)
NONEQ_NAMED_UNIT(per_m, unit::surface_to_volume, 1.0)
NONEQ_NAMED_UNIT(uA_per_cm3, unit::current_per_volume, 1.0)
NONEQ_NAMED_UNIT(A_per_m3, unit::current_per_volume, 1.0)
NONEQ_NAMED_UNIT(mm, unit::length, 1e-3)
NONEQ_NAMED_UNIT(mm2_per_ms, unit::diffusivity, 1e-3)

} // namespace tissue
} // namespace noneq
