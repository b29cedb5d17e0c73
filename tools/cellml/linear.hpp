// noneq-cellml: the states whose rate is affine in the state itself, found symbolically.
//
// A state x is "linear" when its rate is dx/dt = a + b x with a and b free of x: every gating
// variable written (x_inf - x) / tau or alpha (1 - x) - beta x. For such a state the step with
// the other states frozen is exact, x <- x + h (a + b x) (e^(b h) - 1) / (b h) (Rush & Larsen
// 1978; generalised by Sundnes, Lines & Tveito 2009), and unconditionally stable for b <= 0.
//
// The decision is made on the expression tree, never by evaluating it: the rate, with every
// algebraic variable and every rate read through <diff> that depends on x substituted by its
// own definition, must be a polynomial of degree exactly 1 in x built by +, -, *, / (by an
// x-free divisor), a power of exponent 1 and piecewise with x-free conditions; anything else
// (x inside exp, log, a power, a divisor or a condition; x times x) makes it non-linear. A rate
// that does not read x at all (degree 0) is not listed: forward Euler is already exact there.
// For each linear state the coefficient b = d(rate)/dx is built as an expression of x-free
// variables (the same tree, differentiated, all of its terms x-free), in coherent SI (per
// second); a = rate - b x needs no expression of its own.
#pragma once

#include "analyse.hpp"

#include <cstddef>
#include <vector>

namespace noneq_cellml {

struct linear_state {
    std::size_t index; ///< into analysis::states
    expr b;            ///< d(rate)/d(state) in SI (1/s), free of the state
};

/// The linear states of an analysed model, in state order.
std::vector<linear_state> find_linear_states(const model& m, const analysis& a);

} // namespace noneq_cellml
