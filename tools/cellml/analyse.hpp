// noneq-cellml: what a model's variables are (time, states, constants, algebraic), the units
// check of every equation, the equations in an order that can be evaluated, and the rewrite of
// singular x / (exp(x) - 1) terms through exprel.
#pragma once

#include "model.hpp"

#include <string>
#include <vector>

namespace noneq_cellml {

enum class role { unknown, time, state, constant, derived, algebraic };

/// The type of an expression: a condition, or a number of some dimension. `label` names its
/// units as the model does where it can (a variable's or a literal's units), else by dimension.
struct type_info {
    bool boolean = false;
    dims d{};
    std::string label;
    bool literal = false; ///< a number known at conversion (cn arithmetic): `value`
    double value = 0.0;
};

struct analysis {
    int time_cls = -1;
    std::vector<role> roles;          ///< per class
    std::vector<int> source;          ///< per class: the variable defining it
    std::vector<const equation*> def; ///< per class: its equation (algebraic or ODE)
    std::vector<int> states;          ///< classes, the membrane voltage first if annotated
    std::vector<int> constants;       ///< classes
    std::vector<int> derived;         ///< classes computed from constants only, in order
    /// Computed from states and time, in order: classes, and n_classes + c for the rate of
    /// state class c (an equation may read a rate through <diff>).
    std::vector<int> algebraic;
    std::vector<double> state_factor;    ///< model units -> SI, per state
    std::vector<std::string> state_unit; ///< the state's units (as the model names them)
    double time_factor = 1.0;            ///< the time unit in seconds (1e-3 or 1)
    int voltage_state = -1;              ///< index into states, or -1
    int exprel_rewrites = 0;
};

/// Classifies, checks units (throws `error` naming component, variable and both units), sorts.
/// Rewrites the equations of `m` in place (exprel).
analysis analyse(model& m);

/// The type of e in component `component` (used by the units check and by the code generator).
type_info type_of(const model& m, const expr& e, const std::string& where);

} // namespace noneq_cellml
