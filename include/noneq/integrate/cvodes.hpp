// noneq/integrate/cvodes.hpp — forward sensitivities with SUNDIALS CVODES (needs
// NONEQ_WITH_SUNDIALS=ON, as integrate/cvode.hpp):
//
//   auto f = [](const auto& x, auto& dx, double t, const auto& p) { ... };  // over any V
//   std::array<std::array<double, N>, P> S{};       // S[j][i] = dx_i / dp_j, 0 at t0
//   noneq::run_sensitivities<noneq::seconds>(f, x, S, p, scale, t0, t1, options,
//       [](const auto& x, const auto& S, double t) { ... });
//
// The model's right-hand side f(x, dx, t, p) — x a std::array<V, N>, p a std::array<V, P>,
// written once over its value type — is integrated by CVODES (BDF, Newton, dense direct solver)
// together with the P forward sensitivity systems s_j' = J s_j + df/dp_j. Their right-hand sides:
//   sensitivity_rhs::dual (default)   f over dual<double> (core/dual.hpp) at x + s_j eps,
//                                     p + e_j eps: exact to rounding;
//   sensitivity_rhs::difference       CVODES' own difference quotients (it perturbs x and p,
//                                     CVodeSetSensParams), as tools that need only f(x, p) do.
// Error control covers the sensitivities (CVodeSetSensErrCon; tolerances from the state's,
// CVodeSensEEtolerances, with the parameters' magnitudes pbar_j = |p_j| or 1), so they are as
// accurate as the tolerance asks. The corrector is staggered (default) or simultaneous.
// Tolerances, outputs, discontinuities and errors are those of method::cvode_bdf (cvode.hpp).
#pragma once

#include <noneq/core/dual.hpp>
#include <noneq/integrate/cvode.hpp>
#include <noneq/integrate/run.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <vector>

namespace noneq {

enum class sensitivity_rhs { dual, difference };

struct sensitivity_options {
    run_options run = {}; ///< dt (outputs), abs_tol, rel_tol, dt_initial, discontinuities
    sensitivity_rhs rhs = sensitivity_rhs::dual;
    bool staggered = true; ///< CV_STAGGERED corrector, else CV_SIMULTANEOUS
};

namespace cvode_detail {
template <class F, std::size_t N, std::size_t P>
struct sens_model {
    using state_type = std::array<double, N>;
    F f;
    std::array<double, P> p; ///< the parameters (CVODES perturbs them in difference mode)
    const std::array<double, N>* scale_;
    void operator()(const state_type& x, state_type& dx, double t) const { f(x, dx, t, p); }
    const state_type& scale() const { return *scale_; }
};

template <class Sys, class State, std::size_t P>
int sens_rhs1(int, double t, N_Vector y, N_Vector, int is, N_Vector ys, N_Vector ysdot, void* ud,
              N_Vector, N_Vector) {
    auto& u = *static_cast<user_data<Sys, State>*>(ud);
    constexpr std::size_t n = std::tuple_size_v<State>;
    const double* py = N_VGetArrayPointer(y);
    const double* ps = N_VGetArrayPointer(ys);
    std::array<dual<double>, n> x, dx{};
    for (std::size_t i = 0; i < n; ++i)
        x[i] = dual<double>(py[i], ps[i]);
    std::array<dual<double>, P> p;
    for (std::size_t j = 0; j < P; ++j)
        p[j] = dual<double>(u.sys->p[j], j == static_cast<std::size_t>(is) ? 1.0 : 0.0);
    u.sys->f(x, dx, t, p);
    double* out = N_VGetArrayPointer(ysdot);
    for (std::size_t i = 0; i < n; ++i) {
        if (!std::isfinite(dx[i].d)) return 1;
        out[i] = dx[i].d;
    }
    return 0;
}
} // namespace cvode_detail

/// Integrates f (see the file comment) from (t0, x, S) to t1 with its sensitivities S[j][i] =
/// dx_i/dp_j; observer(x, S, t) at t0 and at the outputs (t in Unit). x and S hold the values at
/// t1 (or the last good ones, on integration_error). Returns the number of steps.
template <time_unit_tag Unit, class F, std::size_t N, std::size_t P, class Observer>
std::size_t run_sensitivities(F f, std::array<double, N>& x,
                              std::array<std::array<double, N>, P>& S,
                              const std::array<double, P>& p, const std::array<double, N>& scale,
                              const time<double>& t0, const time<double>& t1,
                              const sensitivity_options& opt, Observer&& observer) {
    using Sys = cvode_detail::sens_model<F, N, P>;
    using State = std::array<double, N>;
    const double a = in_unit<Unit>(t0), b = in_unit<Unit>(t1), dt = in_unit<Unit>(opt.run.dt);
    require(b > a && std::isfinite(a) && std::isfinite(b), "t1", b, "> t0, finite", Unit::symbol);
    require(opt.run.abs_tol > 0, "abs_tol", opt.run.abs_tol, "> 0");
    require(opt.run.rel_tol > 0, "rel_tol", opt.run.rel_tol, "> 0");
    require_each(p, "p", "finite", [](double v) { return std::isfinite(v); });
    require_each(scale, "scale", "> 0, finite",
                 [](double v) { return v > 0.0 && std::isfinite(v); });
    Sys sys{f, p, &scale};
    cvode_detail::session s;
    cvode_detail::user_data<Sys, State> ud{&sys, x, x};
    cvode_detail::setup<Sys>(s, ud, x, scale, a, opt.run.rel_tol, opt.run.abs_tol, nullptr,
                             in_unit<Unit>(opt.run.dt_initial));
    // the sensitivities: CVODES' vectors, its tolerances and parameters
    N_Vector* ys = N_VCloneVectorArray(static_cast<int>(P), s.y);
    struct vectors {
        N_Vector* v;
        ~vectors() { N_VDestroyVectorArray(v, static_cast<int>(P)); }
    } guard{ys};
    const auto load = [&] {
        for (std::size_t j = 0; j < P; ++j)
            cvode_detail::to_nvector(S[j], ys[j]);
    };
    const auto save = [&] {
        for (std::size_t j = 0; j < P; ++j)
            cvode_detail::from_nvector(ys[j], S[j]);
    };
    load();
    const int ism = opt.staggered ? CV_STAGGERED : CV_SIMULTANEOUS;
    if (opt.rhs == sensitivity_rhs::dual)
        CVodeSensInit1(s.mem, static_cast<int>(P), ism, &cvode_detail::sens_rhs1<Sys, State, P>,
                       ys);
    else
        CVodeSensInit1(s.mem, static_cast<int>(P), ism, nullptr, ys);
    std::array<double, P> pbar;
    for (std::size_t j = 0; j < P; ++j)
        pbar[j] = p[j] != 0.0 ? std::abs(p[j]) : 1.0;
    CVodeSetSensParams(s.mem, sys.p.data(), pbar.data(), nullptr);
    CVodeSensEEtolerances(s.mem);
    CVodeSetSensErrCon(s.mem, SUNTRUE);

    std::vector<double> stops;
    for (const auto& d : opt.run.discontinuities)
        if (const double td = in_unit<Unit>(d); td > a && td < b) stops.push_back(td);
    std::sort(stops.begin(), stops.end());
    stops.push_back(b); // and never step past t1
    std::size_t next_stop = 0, steps = 0;
    CVodeSetStopTime(s.mem, stops[0]);
    const auto count = [&] {
        long nst = 0;
        CVodeGetNumSteps(s.mem, &nst);
        return static_cast<std::size_t>(nst);
    };
    observer(std::as_const(x), std::as_const(S), a);
    const double span = b - a;
    const auto n = static_cast<long long>(std::max(1.0, std::ceil(span / dt * (1 - 1e-12))));
    double t = a;
    for (long long k = 1; k <= n; ++k) {
        const double target =
            k == n ? b : a + span * static_cast<double>(k) / static_cast<double>(n);
        while (true) {
            const int flag = CVode(s.mem, target, s.y, &t, CV_NORMAL);
            if (flag < 0) {
                double tcur = t;
                CVodeGetCurrentTime(s.mem, &tcur);
                if (CVodeGetDky(s.mem, tcur, 0, s.y) == CV_SUCCESS &&
                    CVodeGetSensDky(s.mem, tcur, 0, ys) == CV_SUCCESS) {
                    cvode_detail::from_nvector(s.y, x);
                    save();
                }
                const std::string why =
                    std::string("CVODES ") + CVodeGetReturnFlagName(flag) + ": " + s.last_message;
                if (ud.bad < N)
                    detail::fail_step(
                        sys,
                        step_failure(why + "; the right-hand side is not finite", ud.bad, true),
                        tcur);
                detail::fail_stepper(sys, why.c_str(), tcur);
            }
            cvode_detail::from_nvector(s.y, x);
            double ts = t;
            CVodeGetSens(s.mem, &ts, ys);
            save();
            if (flag == CV_TSTOP_RETURN && t < b) { // on a discontinuity: restart from it
                steps += count();
                CVodeReInit(s.mem, t, s.y);
                CVodeSensReInit(s.mem, ism, ys);
                if (++next_stop < stops.size()) CVodeSetStopTime(s.mem, stops[next_stop]);
                if (t < target) continue;
            }
            break;
        }
        observer(std::as_const(x), std::as_const(S), target);
    }
    return steps + count();
}

} // namespace noneq
