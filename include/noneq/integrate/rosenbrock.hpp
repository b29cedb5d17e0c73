// noneq/integrate/rosenbrock.hpp — running a system with a fixed-size state (a Membrane's
// std::array) under Boost.Odeint's rosenbrock4, which needs boost::numeric::ublas vector and
// matrix state and a Jacobian. stiff_system(sys) gives the pair (right-hand side, Jacobian)
// odeint expects. The Jacobian is the system's own `jacobian(x, J, t)` if it has one, else
// central differences (core/jacobian.hpp). df/dt is taken as 0: the explicit time dependence of
// membranes (current steps, transmitter pulses) is piecewise constant.
#pragma once

#include <noneq/core/jacobian.hpp>
#include <noneq/integrate/guarded.hpp>
#include <noneq/integrate/ublas_cxx20.hpp>

#include <boost/numeric/odeint/stepper/rosenbrock4.hpp>
#include <boost/numeric/odeint/stepper/rosenbrock4_controller.hpp>
#include <boost/numeric/odeint/stepper/rosenbrock4_dense_output.hpp>
#include <boost/numeric/ublas/matrix.hpp>
#include <boost/numeric/ublas/vector.hpp>

#include <algorithm>
#include <cstddef>
#include <string>
#include <utility>

namespace noneq {

using ublas_vector = boost::numeric::ublas::vector<double>;
using ublas_matrix = boost::numeric::ublas::matrix<double>;

/// Copy between a fixed-size state and a ublas vector.
template <class State>
ublas_vector to_ublas(const State& x) {
    ublas_vector v(std::size(x));
    std::copy(std::begin(x), std::end(x), v.begin());
    return v;
}
template <class State>
void from_ublas(const ublas_vector& v, State& x) {
    std::copy(v.begin(), v.end(), std::begin(x));
}

namespace detail {
template <class System>
struct stiff_rhs {
    const System* sys;
    void operator()(const ublas_vector& x, ublas_vector& dxdt, double t) const {
        typename System::state_type xs{}, ds{};
        from_ublas(x, xs);
        (*sys)(xs, ds, t);
        std::copy(ds.begin(), ds.end(), dxdt.begin());
    }
    std::string variable_name(std::size_t i) const { return detail::variable_name_of(*sys, i); }
};
template <class System>
struct stiff_jacobian {
    const System* sys;
    void operator()(const ublas_vector& x, ublas_matrix& J, double t, ublas_vector& dfdt) const {
        typename System::state_type xs{};
        from_ublas(x, xs);
        if constexpr (requires { sys->jacobian(xs, J, t); })
            sys->jacobian(xs, J, t);
        else
            finite_difference_jacobian(*sys, xs, t, J);
        std::fill(dfdt.begin(), dfdt.end(), 0.0);
    }
};
} // namespace detail

/// The (rhs, Jacobian) pair for rosenbrock4 over ublas state; `sys` must outlive it.
template <class System>
auto stiff_system(const System& sys) {
    return std::make_pair(detail::stiff_rhs<System>{&sys}, detail::stiff_jacobian<System>{&sys});
}

} // namespace noneq
