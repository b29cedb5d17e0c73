// noneq-tissue --cell tt06: the ten Tusscher & Panfilov 2006 epicardial cell (Am J Physiol Heart
// Circ Physiol 291:H1088), the N-version benchmark's cell, imported at build time from its CellML
// description by noneq-cellml (cmake/NoneqCellML.cmake) and stepped by the population engine as
// an ODE model (ode_cell: forward Euler). Its own stimulus protocol is switched off (amplitude 0):
// the tissue's stimulus replaces it. Forward Euler is stable only below twice the fastest time
// constant, TT06's sodium m gate at rest (tau_m = alpha_m beta_m = 1.1 us at -85 mV), so unless
// --substeps is given each step takes ceil(dt / 2 us) cell steps.
#pragma once

#include <noneq/population/stepping.hpp>

#include <ten_tusscher_model_2006_epi.hpp>

#include "niederer.hpp"
#include "run_common.hpp"

#include <cmath>

namespace noneq_example {

inline int run_tt06(tissue_settings s, bool substeps_given) {
    using namespace noneq::literals;
    namespace tt = noneq::cellml_models::ten_tusscher_model_2006_epi;
    static_assert(tt::model::voltage_index == 0, "the population reads V as state 0");
    tt::model m;
    m.set_constant(tt::model::constant_names[tt::model::amplitude_constant], 0.0);
    if (!substeps_given) s.substeps = std::size_t(std::ceil(s.dt_ms / 0.002 - 1e-9));
    kv("substeps", double(s.substeps));
    const noneq::ode_cell<tt::model> cell(m, tt::model::initial_state, tt::model::state_names,
                                          1e-3);
    return run_niederer(cell, tt::model::initial_state[0] * 1.0_mV, s, "tt06");
}

} // namespace noneq_example
