// noneq-tissue --cell tt06: the ten Tusscher & Panfilov 2006 epicardial cell (Am J Physiol Heart
// Circ Physiol 291:H1088), the N-version benchmark's cell, imported at build time from its CellML
// description by noneq-cellml (cmake/NoneqCellML.cmake) and stepped by the population engine as
// an ODE model (ode_cell). Its own stimulus protocol is switched off (amplitude 0): the tissue's
// stimulus replaces it.
//
// The cell step (--cell-stepper): Rush-Larsen by default (the converter finds TT06's 13 gates;
// they step exactly for frozen V, V and the concentrations by forward Euler), or forward Euler
// for every state, which is stable only below twice the fastest time constant, TT06's sodium m
// gate at rest (tau_m = alpha_m beta_m = 1.1 us at -85 mV). Unless --substeps is given each step
// takes ceil(dt / H) cell steps: H = 2 us by forward Euler (stability), H = rl_cell_step_ms by
// Rush-Larsen (accuracy: docs/tissue.md, "The cell step").
#pragma once

#include <noneq/population/stepping.hpp>

#include <ten_tusscher_model_2006_epi.hpp>

#include "niederer.hpp"
#include "run_common.hpp"

#include <cmath>

namespace noneq_example {

/// The largest Rush-Larsen cell step (ms) the benchmark takes: docs/tissue.md, "The cell step".
inline constexpr double rl_cell_step_ms = 0.005;

inline int run_tt06(tissue_settings s, bool substeps_given) {
    using namespace noneq::literals;
    namespace tt = noneq::cellml_models::ten_tusscher_model_2006_epi;
    static_assert(tt::model::voltage_index == 0, "the population reads V as state 0");
    tt::model m;
    m.set_constant(tt::model::constant_names[tt::model::amplitude_constant], 0.0);
    const double h_max = s.forward_euler ? 0.002 : rl_cell_step_ms;
    if (!substeps_given) s.substeps = std::size_t(std::ceil(s.dt_ms / h_max - 1e-9));
    kv("cell_stepper", s.forward_euler ? "forward-euler" : "rush-larsen");
    kv("substeps", double(s.substeps));
    noneq::ode_cell<tt::model> cell(m, tt::model::initial_state, tt::model::state_names, 1e-3);
    if (s.forward_euler) cell.set_stepper(noneq::ode_stepper::forward_euler);
    return run_niederer(cell, tt::model::initial_state[0] * 1.0_mV, s, "tt06");
}

} // namespace noneq_example
