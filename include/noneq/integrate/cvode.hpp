// noneq/integrate/cvode.hpp — the SUNDIALS CVODE(S) backend (BDF, Newton, dense or banded
// direct linear solver) of the one integration front-end: method::cvode_bdf in run.hpp, available
// when noneq is configured with NONEQ_WITH_SUNDIALS=ON (Debian libsundials-dev 6.4; the target
// then links SUNDIALS' cvodes and defines NONEQ_WITH_SUNDIALS=1). CVODES (the library with
// forward sensitivities, integrate/cvodes.hpp) is used for both: it is a superset of CVODE, and
// the two define the same symbols, so a program links one.
//
//   noneq::run(model, x, t0, t1, noneq::method::cvode_bdf, options, observer);
//
// * Tolerances: CVODE's weights 1/(rtol |x_i| + atol_i) with atol_i = abs_tol s_i, s_i the
//   model's scale() (1 without one): the same error test as the other adaptive methods'
//   integration of x_i / s_i, on the unscaled model, so an analytic Jacobian applies.
// * Jacobian: the model's jacobian(x, J, t) (J a std::array<std::array<double, N>, N>, the
//   signature RODAS4 uses) if it has one, else CVODE's difference quotients. Dense, or banded
//   when options.cvode_band = {upper, lower} half-bandwidths is set (J_ij = 0 outside).
// * Outputs: observer(x, t) at t0 and at the n = ceil((t1 - t0) / dt) equally spaced times to t1,
//   from CVODE's interpolant (CV_NORMAL).
// * Discontinuities (options.discontinuities, e.g. the edges of a stimulus): CVODE stops exactly
//   on each (its stop time) and restarts from there (CVodeReInit: order 1, a new step size), so no
//   step straddles a jump of the right-hand side. t1 is a stop time too: no step goes past it.
// * Errors as the other methods': a non-finite right-hand side is reported to CVODE as
//   recoverable (it retries smaller steps); if it cannot recover, integration_error names the
//   variable; any other CVODE failure (too much work, error or convergence test failures)
//   throws integration_error with CVODE's flag and message. x holds the last good state (CVODE's
//   last accepted step), at the error's last_good_time().
#pragma once

#include <noneq/integrate/band.hpp>
#include <noneq/integrate/guarded.hpp>

#include <cvodes/cvodes.h>
#include <nvector/nvector_serial.h>
#include <sundials/sundials_context.h>
#include <sunlinsol/sunlinsol_band.h>
#include <sunlinsol/sunlinsol_dense.h>
#include <sunmatrix/sunmatrix_band.h>
#include <sunmatrix/sunmatrix_dense.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace noneq {

namespace cvode_detail {

/// The SUNDIALS objects of one integration, freed in reverse order.
struct session {
    SUNContext ctx = nullptr;
    N_Vector y = nullptr, atol = nullptr;
    SUNMatrix a = nullptr;
    SUNLinearSolver ls = nullptr;
    void* mem = nullptr;
    std::string last_message; ///< CVODE's last error message
    session() {
        if (SUNContext_Create(nullptr, &ctx) != 0) throw std::runtime_error("SUNContext_Create");
    }
    session(const session&) = delete;
    session& operator=(const session&) = delete;
    ~session() {
        if (mem) CVodeFree(&mem);
        if (ls) SUNLinSolFree(ls);
        if (a) SUNMatDestroy(a);
        if (atol) N_VDestroy(atol);
        if (y) N_VDestroy(y);
        if (ctx) SUNContext_Free(&ctx);
    }
    static void on_error(int, const char*, const char*, char* msg, void* data) {
        static_cast<session*>(data)->last_message = msg;
    }
};

/// What the callbacks need: the model and the first non-finite derivative seen.
template <class Sys, class State>
struct user_data {
    const Sys* sys;
    State x, dx;
    std::size_t bad = std::numeric_limits<std::size_t>::max();
    double bad_t = 0;
    std::size_t rhs_calls = 0;
};

template <class State>
void from_nvector(N_Vector v, State& x) {
    const double* p = N_VGetArrayPointer(v);
    for (std::size_t i = 0; i < std::size(x); ++i)
        x[i] = p[i];
}
template <class State>
void to_nvector(const State& x, N_Vector v) {
    double* p = N_VGetArrayPointer(v);
    for (std::size_t i = 0; i < std::size(x); ++i)
        p[i] = x[i];
}

template <class Sys, class State>
int rhs(double t, N_Vector y, N_Vector ydot, void* ud) {
    auto& u = *static_cast<user_data<Sys, State>*>(ud);
    from_nvector(y, u.x);
    (*u.sys)(u.x, u.dx, t);
    ++u.rhs_calls;
    for (std::size_t i = 0; i < std::size(u.dx); ++i)
        if (!std::isfinite(u.dx[i])) {
            u.bad = i;
            u.bad_t = t;
            return 1; // recoverable: CVODE retries with a smaller step
        }
    to_nvector(u.dx, ydot);
    return 0;
}

template <class Sys, class State>
int jac(double t, N_Vector y, N_Vector, SUNMatrix a, void* ud, N_Vector, N_Vector, N_Vector) {
    auto& u = *static_cast<user_data<Sys, State>*>(ud);
    constexpr std::size_t n = std::tuple_size_v<State>;
    std::array<std::array<double, n>, n> J{};
    from_nvector(y, u.x);
    u.sys->jacobian(u.x, J, t);
    const bool banded = SUNMatGetID(a) == SUNMATRIX_BAND;
    const auto ub = banded ? static_cast<std::size_t>(SM_UBAND_B(a)) : n;
    const auto lb = banded ? static_cast<std::size_t>(SM_LBAND_B(a)) : n;
    for (std::size_t j = 0; j < n; ++j)
        for (std::size_t i = (j > ub ? j - ub : 0); i < std::min(n, j + lb + 1); ++i) {
            if (!std::isfinite(J[i][j])) return 1;
            if (banded)
                SM_ELEMENT_B(a, i, j) = J[i][j];
            else
                SM_ELEMENT_D(a, i, j) = J[i][j];
        }
    return 0;
}

/// A model with jacobian(x, J, t) on a std::array state.
template <class Sys, class State>
struct has_jacobian : std::false_type {};
template <class Sys, std::size_t N>
requires requires(const Sys& sys, const std::array<double, N>& x,
                  std::array<std::array<double, N>, N>& J) {
    sys.jacobian(x, J, 0.0);
}
struct has_jacobian<Sys, std::array<double, N>> : std::true_type {};

/// Sets up CVODE (BDF, Newton, dense or banded direct solver) for `sys` from (t0, x).
template <class Sys, class State, class UD>
void setup(session& s, UD& ud, const State& x, const State& scale, double t0, double rtol,
           double atol, const band* bw, double h0) {
    const auto n = static_cast<sunindextype>(std::size(x));
    s.y = N_VNew_Serial(n, s.ctx);
    s.atol = N_VNew_Serial(n, s.ctx);
    if (!s.y || !s.atol) throw std::bad_alloc();
    to_nvector(x, s.y);
    double* at = N_VGetArrayPointer(s.atol);
    for (std::size_t i = 0; i < std::size(x); ++i)
        at[i] = atol * scale[i];
    s.mem = CVodeCreate(CV_BDF, s.ctx);
    if (!s.mem) throw std::bad_alloc();
    CVodeSetErrHandlerFn(s.mem, &session::on_error, &s);
    CVodeInit(s.mem, &rhs<Sys, State>, t0, s.y);
    CVodeSVtolerances(s.mem, rtol, s.atol);
    CVodeSetUserData(s.mem, &ud);
    CVodeSetMaxNumSteps(s.mem, 1000000);
    if (h0 > 0) CVodeSetInitStep(s.mem, h0);
    if (bw) {
        s.a = SUNBandMatrix(n, static_cast<sunindextype>(bw->upper),
                            static_cast<sunindextype>(bw->lower), s.ctx);
        s.ls = SUNLinSol_Band(s.y, s.a, s.ctx);
    } else {
        s.a = SUNDenseMatrix(n, n, s.ctx);
        s.ls = SUNLinSol_Dense(s.y, s.a, s.ctx);
    }
    if (!s.a || !s.ls) throw std::bad_alloc();
    CVodeSetLinearSolver(s.mem, s.ls, s.a);
    if constexpr (has_jacobian<Sys, State>::value) CVodeSetJacFn(s.mem, &jac<Sys, State>);
}

} // namespace cvode_detail

/// CVODE BDF from t0 to t1 (model time units), observing at t0 and n = ceil((t1 - t0) / dt)
/// equally spaced outputs, stopping and restarting at every time in `stops` inside (t0, t1).
/// See the file comment. Returns the number of steps.
template <class Sys, class Observer>
std::size_t integrate_cvode(const Sys& sys, typename Sys::state_type& x, double t0, double t1,
                            double dt, double rtol, double atol, double h0,
                            std::vector<double> stops, const band* bw, Observer& observer) {
    using State = typename Sys::state_type;
    detail::check_interval(t0, t1, dt);
    if (auto i = detail::first_nonfinite(x); i < detail::size_of(x))
        detail::fail_nonfinite(sys, x, i, t0, t0);
    if (bw)
        require(bw->upper < std::size(x) && bw->lower < std::size(x), "cvode_band",
                double(std::max(bw->upper, bw->lower)), "half-bandwidths < number of states");
    State scale = x;
    for (auto& v : scale)
        v = 1.0;
    if constexpr (requires { sys.scale(); }) scale = sys.scale();
    cvode_detail::session s;
    cvode_detail::user_data<Sys, State> ud{&sys, x, x};
    cvode_detail::setup<Sys>(s, ud, x, scale, t0, rtol, atol, bw, h0);
    std::sort(stops.begin(), stops.end());
    std::erase_if(stops, [&](double d) { return !(d > t0 && d < t1); });
    stops.push_back(t1); // and never step past t1 (the model may not be defined beyond it)
    std::size_t next_stop = 0;
    CVodeSetStopTime(s.mem, stops[0]);

    const auto fail = [&](int flag, double t_reached) {
        double tcur = t_reached;
        CVodeGetCurrentTime(s.mem, &tcur); // the last accepted step: its state is the last good
        State last = x;
        if (CVodeGetDky(s.mem, tcur, 0, s.y) == CV_SUCCESS) {
            cvode_detail::from_nvector(s.y, last);
            if (detail::first_nonfinite(last) == detail::size_of(last)) x = last;
        }
        const std::string why =
            std::string("CVODE ") + CVodeGetReturnFlagName(flag) + ": " + s.last_message;
        if (ud.bad < std::size(x))
            detail::fail_step(
                sys, step_failure(why + "; the right-hand side is not finite", ud.bad, true), tcur);
        detail::fail_stepper(sys, why.c_str(), tcur);
    };

    observer(std::as_const(x), t0);
    const double span = t1 - t0;
    const auto n = static_cast<long long>(std::max(1.0, std::ceil(span / dt * (1 - 1e-12))));
    double t = t0;
    std::size_t steps_before = 0;
    for (long long k = 1; k <= n && span > 0; ++k) {
        const double target =
            k == n ? t1 : t0 + span * static_cast<double>(k) / static_cast<double>(n);
        while (true) {
            const int flag = CVode(s.mem, target, s.y, &t, CV_NORMAL);
            if (flag < 0) fail(flag, t);
            cvode_detail::from_nvector(s.y, x);
            if (flag == CV_TSTOP_RETURN && t < t1) { // on a discontinuity: restart from it
                long nst = 0;
                CVodeGetNumSteps(s.mem, &nst); // ReInit resets the counters
                steps_before += static_cast<std::size_t>(nst);
                CVodeReInit(s.mem, t, s.y);
                if (++next_stop < stops.size()) CVodeSetStopTime(s.mem, stops[next_stop]);
                if (t < target) continue;
            }
            break;
        }
        if (auto i = detail::first_nonfinite(x); i < detail::size_of(x))
            detail::fail_nonfinite(sys, x, i, target, t);
        observer(std::as_const(x), target);
    }
    long nsteps = 0;
    CVodeGetNumSteps(s.mem, &nsteps);
    return steps_before + static_cast<std::size_t>(nsteps);
}

} // namespace noneq
