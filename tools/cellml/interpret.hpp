// noneq-cellml: an interpreter of the same analysed form the code generator writes out.
//
// It evaluates the sorted equations over doubles in coherent SI, with the state and time in the
// model's units exactly as the generated header does (same order, same exprel rewrite), for a
// CellML file read at run time (noneq-cardiac-cell --cellml FILE) and for the converter's tests.
// It is a model of noneq::run (state_type std::vector-free: a runtime size, so it offers
// rhs(x, dx, t) over std::vector<double>); it is slower than a generated header, not different.
#pragma once

#include "analyse.hpp"
#include "linear.hpp"

#include <string>
#include <vector>

namespace noneq_cellml {

class interpreter {
public:
    /// Reads, checks and sorts `path` (throws `error` as the converter does).
    explicit interpreter(const std::string& path);
    interpreter(model m);

    std::size_t n_states() const { return a_.states.size(); }
    /// "component.variable" of state i; its units; the initial state (model units).
    std::string state_name(std::size_t i) const;
    const std::string& state_unit(std::size_t i) const { return a_.state_unit[i]; }
    std::vector<double> initial_state() const;
    /// The time unit in seconds (1e-3: ms, 1: s).
    double time_unit_s() const { return a_.time_factor; }
    int voltage_index() const { return a_.voltage_state; }
    /// A constant (model units) by "component.variable"; throws `error` if there is none.
    double constant(const std::string& name) const;
    void set_constant(const std::string& name, double value);
    /// The constant annotated with this oxmeta name ("membrane_stimulus_current_period"), or "".
    std::string annotated_constant(const std::string& oxmeta_name) const;

    /// d(state)/dt in model units at state x (model units) and time t (model time unit).
    void rhs(const std::vector<double>& x, std::vector<double>& dx, double t) const;
    /// The states whose rate is affine in themselves (linear.hpp), as indices, in state order.
    std::vector<std::size_t> linear_states() const;
    /// rhs(), and b[j] = d(dx[k])/d(x[k]) (per model time unit) for k = linear_states()[j].
    void rhs_linear(const std::vector<double>& x, std::vector<double>& dx, std::vector<double>& b,
                    double t) const;
    /// Any variable's value (model units of that variable) after the last rhs() call.
    double value(const std::string& name) const;

    const model& source() const { return m_; }
    const analysis& form() const { return a_; }

private:
    model m_;
    analysis a_;
    std::vector<linear_state> lin_;
    mutable std::vector<double> v_;    ///< per class, SI
    mutable std::vector<double> rate_; ///< per class (states), SI
    std::vector<double> k_;            ///< constants per class, SI (derived included)

    double eval(const expr& e) const;
    int class_of(const std::string& name) const;
    void update();
};

} // namespace noneq_cellml
