// Tests of forward sensitivities by dual numbers (core/dual.hpp, integrate/sensitivity.hpp):
// the dual arithmetic against closed-form derivatives, the generic formulas and the units layer
// over dual<double>, and the sensitivities of a Hodgkin-Huxley spike and of the Severi 2012
// cycle length against central finite differences of the same computation (1e-6 relative).
#include <doctest/doctest.h>

#include "support/compare.hpp"

#include <noneq/cardiac/cell_run.hpp>
#include <noneq/cardiac/severi2012.hpp>
#include <noneq/cardiac/severi2012_parameters.hpp>
#include <noneq/core/dual.hpp>
#include <noneq/core/exprel.hpp>
#include <noneq/flux/ghk_current.hpp>
#include <noneq/integrate/run.hpp>
#include <noneq/integrate/sensitivity.hpp>
#include <noneq/membrane/hh.hpp>
#include <noneq/potential/nernst.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <vector>

using namespace noneq;
using namespace noneq::literals;
using noneq::test::rel;
using d = noneq::dual<double>;

static_assert(value_type<d>);
static_assert(std::is_same_v<scalar_t<d>, double>);

TEST_CASE("dual numbers carry exact first derivatives") {
    const d x(0.7, 1.0);
    using std::exp;
    CHECK(exp(x).d == rel(std::exp(0.7), 1e-15));
    CHECK(log(x).d == rel(1 / 0.7, 1e-15));
    CHECK(expm1(x).d == rel(std::exp(0.7), 1e-15));
    CHECK(log1p(x).d == rel(1 / 1.7, 1e-15));
    CHECK(sqrt(x).d == rel(0.5 / std::sqrt(0.7), 1e-15));
    CHECK(pow(x, 2.5).d == rel(2.5 * std::pow(0.7, 1.5), 1e-14));
    CHECK(pow(2.0, x).d == rel(std::pow(2.0, 0.7) * std::log(2.0), 1e-14));
    CHECK((x * x / (1.0 + x)).d == rel((0.7 * 0.7 + 2 * 0.7) / (1.7 * 1.7), 1e-15));
    CHECK((1.0 / x).d == rel(-1 / 0.49, 1e-15));
    CHECK(abs(-x).d == rel(1.0, 0));
    // comparisons are on the value; constants have derivative 0
    CHECK(x > 0.5);
    CHECK(d(3.0).d == 0.0);
    // exprel through its removable singularity: d/dx x/(e^x - 1) at x = 1e-3 (series
    // -1/2 + x/6 - x^3/180: the derivative of 1 - x/2 + x^2/12 - x^4/720)
    const d e = exprel(d(1e-3, 1.0));
    CHECK(e.d == rel(-0.5 + 1e-3 / 6 - 1e-9 / 180, 1e-9));
}

TEST_CASE("Nernst and GHK current through the units layer over dual numbers") {
    // d E / d c_out = (RT/F) / c_out (mV per mM), exact
    const auto T = temperature<d>::from_value(d(310.0));
    const auto ci = make<unit::concentration>(d(140.0));
    const auto co = make<unit::concentration>(d(5.0, 1.0));
    const voltage<d> e = nernst(1, ci, co, T);
    const double rtf = constants::R.value() * 310.0 / constants::F.value();
    CHECK(e.value().v == rel(rtf * std::log(5.0 / 140.0), 1e-13));
    CHECK(e.value().d == rel(rtf / 5.0, 1e-13));
    // GHK current at 20 mV against a central difference in V (h = 1e-6 V: error ~1e-11)
    const auto g = [&](const auto& vv) {
        using V = std::decay_t<decltype(vv)>;
        return ghk_current(2, make<unit::permeability>(V(1e-8)), make<unit::voltage>(vv),
                           make<unit::concentration>(V(1e-4)), make<unit::concentration>(V(2.0)),
                           make<unit::temperature>(V(310.0)))
            .value();
    };
    const double h = 1e-6, v0 = 0.02;
    const double fd = (g(v0 + h) - g(v0 - h)) / (2 * h);
    CHECK(g(d(v0, 1.0)).v == rel(g(v0), 1e-15));
    CHECK(g(d(v0, 1.0)).d == rel(fd, 1e-8));
}

namespace {
// ---- Hodgkin-Huxley (hh.mod's rates and currents, hh.hpp) with gnabar as the parameter ---------
struct hh_rhs {
    template <class X, class P>
    void operator()(const X& x, X& dx, double, const P& gnabar) const {
        using V = typename X::value_type;
        const V one(1.0), v = x[0];
        const auto r = hh::rates(v, one);
        dx[0] = V(10.0) - hh::i_na(v, x[1], x[2], V(gnabar)) - hh::i_k(v, x[3]) - hh::i_l(v);
        dx[1] = (r.m_inf - x[1]) / r.m_tau;
        dx[2] = (r.h_inf - x[2]) / r.h_tau;
        dx[3] = (r.n_inf - x[3]) / r.n_tau;
    }
};
using hh_sens = forward_sensitivity<hh_rhs, 4, milliseconds>;
const std::array<double, 4> hh_x0{-65.0, 0.0529, 0.5961, 0.3177}; // near hh.mod's rest
const std::array<double, 4> hh_scale{10.0, 1.0, 1.0, 1.0};

// V(4 ms) and the first spike time (V = 0 mV upwards) of the HH axon under 10 uA/cm^2, as duals
// (d/d gnabar, in ms per mS/cm^2 and mV per mS/cm^2).
struct hh_result {
    d v_end, t_spike;
};
hh_result hh_run(double gnabar, double tol) {
    const hh_sens sys(hh_rhs{}, gnabar, hh_scale);
    auto z = hh_sens::initial(hh_x0);
    run_options o;
    o.dt = 0.01_ms;
    o.abs_tol = o.rel_tol = tol;
    hh_result out{d(0), d(-1)};
    double tp = 0;
    hh_sens::state_type zp = z;
    run(sys, z, 0.0_ms, 4.0_ms, method::dopri5, o, [&](const hh_sens::state_type& zz, double t) {
        if (t > 0 && out.t_spike.v < 0 && zp[0] < 0.0 && zz[0] >= 0.0) {
            const auto a = hh_sens::split(zp), b = hh_sens::split(zz);
            out.t_spike = hermite_crossing(tp, a[0], sys.derivative(zp, tp)[0], t, b[0],
                                           sys.derivative(zz, t)[0], 0.0);
        }
        zp = zz;
        tp = t;
    });
    out.v_end = hh_sens::split(z)[0];
    return out;
}
} // namespace

TEST_CASE("HH spike: dual sensitivities to gnabar match central differences") {
    const double g = hh::gnabar_mS_per_cm2, h = 1e-4 * g, tol = 1e-12;
    const hh_result r = hh_run(g, tol), rp = hh_run(g + h, tol), rm = hh_run(g - h, tol);
    const double fd_v = (rp.v_end.v - rm.v_end.v) / (2 * h);
    const double fd_t = (rp.t_spike.v - rm.t_spike.v) / (2 * h);
    REQUIRE(r.t_spike.v > 0);
    MESSAGE("t_spike = " << r.t_spike.v << " ms, dt/dgnabar = " << r.t_spike.d
                         << ", dV(4 ms)/dgnabar = " << r.v_end.d);
    // central difference, h = 1e-4 gnabar: truncation h^2 f'''/6 (~2e-8 relative here: 2e-6 was
    // seen at h = 1e-3 gnabar) and tolerance noise tol / h ~ 1e-10 relative
    CHECK(r.t_spike.d == rel(fd_t, 1e-6));
    CHECK(r.v_end.d == rel(fd_v, 1e-6));
    CHECK(r.t_spike.d < 0); // more sodium conductance: an earlier spike
}

TEST_CASE("HH spike: the sensitivity error shrinks monotonically as the tolerance tightens") {
    const double g = hh::gnabar_mS_per_cm2;
    const double ref = hh_run(g, 1e-14).t_spike.d;
    double last = INFINITY;
    for (double tol : {1e-6, 1e-8, 1e-10, 1e-12}) {
        const double err = std::abs(hh_run(g, tol).t_spike.d - ref);
        MESSAGE("tol " << tol << ": |error| of dt_spike/dgnabar = " << err);
        CHECK(err < last);
        last = err;
    }
    CHECK(last < 1e-8 * std::abs(ref));
}

namespace {
// ---- Severi 2012: the first cycle length from the CellML initial state -----------------------
namespace sv = noneq::severi2012;
enum class which { g_f, g_CaL, g_NaK };

struct severi_rhs {
    const sv::model* m;
    which w;
    template <class X, class P>
    void operator()(const X& x, X& dx, double, const P& p) const {
        using V = typename X::value_type;
        sv::conductance_scales<V> s;
        (w == which::g_f ? s.g_f : w == which::g_CaL ? s.g_CaL : s.g_NaK) = V(p);
        m->rhs(x, dx, s);
    }
};
using sv_sens = forward_sensitivity<severi_rhs, sv::n_states, seconds>;

// The time between the first two upstrokes (V = -20 mV upwards), as a dual in the scale of `w`
// (seeded at `scale`), from `model` integrated with dopri5 at tolerance tol.
d severi_cycle(const sv::model& model, which w, double scale, double tol) {
    const sv_sens sys(severi_rhs{&model, w}, scale, sv::state_scale);
    auto z = sv_sens::initial(sv::initial_state);
    run_options o = cardiac::cell_options(tol);
    o.dt = 2e-5_s;
    std::vector<d> ups;
    double tp = 0;
    sv_sens::state_type zp = z;
    run(sys, z, 0.0_s, 0.8_s, method::dopri5, o, [&](const sv_sens::state_type& zz, double t) {
        if (t > 0 && zp[sv::V] < -20.0 && zz[sv::V] >= -20.0) {
            const auto a = sv_sens::split(zp), b = sv_sens::split(zz);
            ups.push_back(hermite_crossing(tp, a[sv::V], sys.derivative(zp, tp)[sv::V], t, b[sv::V],
                                           sys.derivative(zz, t)[sv::V], -20.0));
        }
        zp = zz;
        tp = t;
    });
    REQUIRE(ups.size() >= 2);
    return ups[1] - ups[0];
}
// The same cycle length with the parameter itself changed by the factor f (no dual numbers).
double severi_cycle_scaled(which w, double f, double tol) {
    sv::parameters p;
    if (w == which::g_f) {
        p.i_f.g_f_Na *= f;
        p.i_f.g_f_K *= f;
    } else if (w == which::g_CaL) {
        p.P_CaL *= f;
    } else {
        p.nak.i_NaK_max *= f;
    }
    const sv::model m(p);
    return severi_cycle(m, w, 1.0, tol).v;
}
} // namespace

TEST_CASE("Severi 2012: d(cycle length)/d(conductance) by dual numbers match central differences") {
    // The parameters are changed in the parameter set (g_f,Na and g_f,K; P_CaL; i_NaK,max) for the
    // differences, and seeded as conductance_scales for the dual numbers: two independent routes.
    const sv::model m;
    const double tol = 1e-12, h = 1e-4;
#ifdef NONEQ_SANITIZED
    const std::vector<which> params{which::g_f}; // one parameter under the sanitizers (~10x slower)
#else
    const std::vector<which> params{which::g_f, which::g_CaL, which::g_NaK};
#endif
    for (which w : params) {
        const d cl = severi_cycle(m, w, 1.0, tol);
        const double fd =
            (severi_cycle_scaled(w, 1 + h, tol) - severi_cycle_scaled(w, 1 - h, tol)) / (2 * h);
        MESSAGE("cycle length " << cl.v << " s, d/d(scale) = " << cl.d << " s, difference " << fd);
        // Severi 2012 Fig. 8: I_f block lengthens the cycle, so dCL/dg_f < 0
        if (w == which::g_f) CHECK(cl.d < 0);
        // central difference, h = 1e-4: truncation h^2 CL'''/6 (1.6e-5 relative for g_CaL at
        // h = 1e-3, so ~2e-7 here); tolerance noise ~ tol CL / h ~ 1e-8
        CHECK(cl.d == rel(fd, 1e-6));
    }
}

TEST_CASE("method cvode is known in every build, and rejected by name without SUNDIALS") {
    CHECK(parse_method("cvode") == method::cvode_bdf);
    CHECK(parse_method(to_string(method::cvode_bdf)) == method::cvode_bdf);
    const hh_sens sys(hh_rhs{}, hh::gnabar_mS_per_cm2, hh_scale);
    auto z = hh_sens::initial(hh_x0);
    if constexpr (!has_cvode)
        CHECK_THROWS_WITH_AS(run(sys, z, 0.0_ms, 1.0_ms, method::cvode_bdf),
                             doctest::Contains("NONEQ_WITH_SUNDIALS"), domain_error);
    // the stops at discontinuities are CVODE's; the other methods refuse them
    run_options o;
    o.discontinuities = {0.5_ms};
    CHECK_THROWS_WITH_AS(run(sys, z, 0.0_ms, 1.0_ms, method::dopri5, o),
                         doctest::Contains("discontinuities"), domain_error);
}
