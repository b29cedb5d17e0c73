// Tests of the SUNDIALS CVODE(S) backend (integrate/cvode.hpp through run(), method::cvode_bdf)
// and of the CVODES forward sensitivities (integrate/cvodes.hpp). Built only with
// NONEQ_WITH_SUNDIALS=ON (the `sundials` preset).
#include <doctest/doctest.h>

#include "support/compare.hpp"

#include <noneq/cardiac/cell_run.hpp>
#include <noneq/cardiac/severi2012.hpp>
#include <noneq/cardiac/severi2012_parameters.hpp>
#include <noneq/integrate/band.hpp>
#include <noneq/integrate/cvode.hpp>
#include <noneq/integrate/cvodes.hpp>
#include <noneq/integrate/observers.hpp>
#include <noneq/integrate/run.hpp>
#include <noneq/integrate/sensitivity.hpp>
#include <noneq/membrane/squid_axon.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

using namespace noneq;
using namespace noneq::literals;
using noneq::test::rel;
namespace sv = noneq::severi2012;

static_assert(has_cvode);

namespace {
/// Robertson's stiff chemical kinetics (Robertson 1966; the SUNDIALS example cvRoberts_dns), with
/// its analytic Jacobian; counts the Jacobian evaluations.
struct robertson {
    using state_type = std::array<double, 3>;
    using time_unit = seconds;
    mutable int jacobians = 0;
    void operator()(const state_type& y, state_type& d, double) const {
        d[0] = -0.04 * y[0] + 1e4 * y[1] * y[2];
        d[2] = 3e7 * y[1] * y[1];
        d[1] = -d[0] - d[2];
    }
    void jacobian(const state_type& y, std::array<std::array<double, 3>, 3>& J, double) const {
        ++jacobians;
        J[0] = {-0.04, 1e4 * y[2], 1e4 * y[1]};
        J[2] = {0.0, 6e7 * y[1], 0.0};
        J[1] = {0.04, -1e4 * y[2] - 6e7 * y[1], -1e4 * y[1]};
    }
};
struct robertson_no_jacobian {
    using state_type = std::array<double, 3>;
    using time_unit = seconds;
    void operator()(const state_type& y, state_type& d, double t) const { robertson{}(y, d, t); }
};

/// Diffusion on 20 points (tridiagonal Jacobian), decaying towards 0 at the ends.
struct diffusion {
    static constexpr std::size_t n = 20;
    using state_type = std::array<double, n>;
    using time_unit = seconds;
    void operator()(const state_type& u, state_type& d, double) const {
        for (std::size_t i = 0; i < n; ++i) {
            const double l = i > 0 ? u[i - 1] : 0.0, r = i + 1 < n ? u[i + 1] : 0.0;
            d[i] = 100.0 * (l - 2 * u[i] + r);
        }
    }
};

/// x' = 1 during a 1 ms pulse from t = 1 s, 0 elsewhere (the right-hand side jumps twice).
struct pulse {
    using state_type = std::array<double, 1>;
    using time_unit = seconds;
    void operator()(const state_type&, state_type& d, double t) const {
        d[0] = (t >= 1.0 && t < 1.001) ? 1 : 0;
    }
};

/// x' = x^2 from x = 1: blows up at t = 1 s.
struct blow_up {
    using state_type = std::array<double, 1>;
    using time_unit = seconds;
    void operator()(const state_type& x, state_type& d, double) const { d[0] = x[0] * x[0]; }
    const char* variable_name(std::size_t) const { return "x"; }
};
/// x' = 1, but the right-hand side is NaN from t = 0.5 s.
struct poisoned {
    using state_type = std::array<double, 2>;
    using time_unit = seconds;
    void operator()(const state_type&, state_type& d, double t) const {
        d[0] = 1.0;
        d[1] = t > 0.5 ? std::numeric_limits<double>::quiet_NaN() : -1.0;
    }
    const char* variable_name(std::size_t i) const { return i == 0 ? "a" : "b"; }
};
} // namespace

TEST_CASE("CVODE on Robertson's problem: the published values, with the analytic Jacobian") {
    robertson sys;
    robertson::state_type y{1.0, 0.0, 0.0};
    run_options o;
    o.dt = 40.0_s;
    o.rel_tol = 1e-10;
    o.abs_tol = 1e-14;
    const auto steps = run(sys, y, 0.0_s, 40.0_s, method::cvode_bdf, o);
    // SUNDIALS' cvRoberts_dns output at t = 40 (and Hairer & Wanner, Solving ODEs II, IV.10):
    // y = 0.7158270687, 9.185534764e-6, 0.2841637457 (10 digits)
    CHECK(y[0] == rel(0.7158270687, 1e-8));
    CHECK(y[1] == rel(9.185534764e-6, 1e-7));
    CHECK(y[2] == rel(0.2841637457, 1e-8));
    CHECK(y[0] + y[1] + y[2] == rel(1.0, 1e-12)); // mass is conserved by BDF exactly (linear)
    CHECK(sys.jacobians > 0);
    CHECK(steps > 50);
    // CVODE's difference-quotient Jacobian gives the same answer
    robertson_no_jacobian dq;
    robertson::state_type z{1.0, 0.0, 0.0};
    run(dq, z, 0.0_s, 40.0_s, method::cvode_bdf, o);
    CHECK(z[0] == rel(y[0], 1e-8));
}

TEST_CASE("CVODE: a banded Newton matrix gives the dense solution") {
    diffusion sys;
    diffusion::state_type u{}, w{};
    for (std::size_t i = 0; i < diffusion::n; ++i)
        u[i] = w[i] = std::sin(3.14159 * double(i + 1) / double(diffusion::n + 1));
    run_options o;
    o.dt = 0.05_s;
    o.rel_tol = o.abs_tol = 1e-10;
    run(sys, u, 0.0_s, 0.05_s, method::cvode_bdf, o);
    o.cvode_band = band{1, 1};
    run(sys, w, 0.0_s, 0.05_s, method::cvode_bdf, o);
    for (std::size_t i = 0; i < diffusion::n; ++i)
        CHECK(w[i] == rel(u[i], 1e-8));
    o.cvode_band = band{25, 1};
    CHECK_THROWS_AS(run(sys, w, 0.0_s, 0.05_s, method::cvode_bdf, o), domain_error);
}

TEST_CASE("CVODE stops and restarts at discontinuities") {
    // a 1 ms pulse at 1 s: x' = 1 inside it, 0 elsewhere; x(10 s) = 1e-3 s exactly
    pulse sys;
    run_options o;
    o.dt = 10.0_s; // one output: CVODE's steps grow to seconds on the flat parts
    o.rel_tol = o.abs_tol = 1e-10;
    pulse::state_type x{0.0};
    run(sys, x, 0.0_s, 10.0_s, method::cvode_bdf, o);
    MESSAGE("without stops: x(10 s) = " << x[0]);
    CHECK(x[0] == 0.0); // the classic failure: the pulse is stepped over, unseen
    o.discontinuities = {1.0_s, 1.001_s};
    o.dt = 0.5_s;
    x[0] = 0.0;
    std::vector<double> ts;
    run(sys, x, 0.0_s, 10.0_s, method::cvode_bdf, o,
        [&](const pulse::state_type&, double t) { ts.push_back(t); });
    // both pieces are polynomials of degree <= 1, which BDF integrates exactly; what is left is
    // the Newton iteration's error, within the absolute tolerance 1e-10 (1e-7 of 1e-3)
    MESSAGE("with stops: x(10 s) - 1e-3 = " << x[0] - 1e-3);
    CHECK(x[0] == rel(1e-3, 1e-7));
    CHECK(ts.size() == 21); // t0 and every 0.5 s: the stops add no output
    // the other methods reject the list rather than ignore it
    CHECK_THROWS_AS(run(sys, x, 0.0_s, 2.0_s, method::rodas4, o), domain_error);
}

TEST_CASE("CVODE failures are integration_errors that keep the last good state") {
    blow_up b;
    blow_up::state_type x{1.0};
    run_options o;
    o.dt = 0.1_s;
    o.rel_tol = o.abs_tol = 1e-8;
    try {
        run(b, x, 0.0_s, 2.0_s, method::cvode_bdf, o);
        FAIL("no integration_error");
    } catch (const integration_error& e) {
        CHECK(std::isfinite(x[0]));
        CHECK(e.last_good_time() < 1.0);
        CHECK(e.last_good_time() > 0.9);
        CHECK(x[0] > 1e3); // x = 1/(1 - t): CVODE followed it far up before giving up
    }
    poisoned p;
    poisoned::state_type y{0.0, 0.0};
    try {
        run(p, y, 0.0_s, 1.0_s, method::cvode_bdf, o);
        FAIL("no integration_error");
    } catch (const integration_error& e) {
        CHECK(e.variable() == "b");
        CHECK(e.last_good_time() <= 0.5);
        CHECK(y[0] == rel(e.last_good_time(), 1e-6));
        CHECK(std::string(e.what()).find("not finite") != std::string::npos);
    }
}

TEST_CASE("CVODE, RODAS4 and dopri5 agree on HH spike times") {
    auto ax = hh::make_axon(10.0_uA_per_cm2);
    auto spikes = [&](method m, double tol) {
        auto x = ax.steady_state(-65.0);
        spike_detector sd;
        run(ax, x, 0.0_ms, 40.0_ms, m, {0.005_ms, tol, tol}, sd);
        return sd.times();
    };
    const auto ref = spikes(method::dopri5, 1e-10);
    const auto cv = spikes(method::cvode_bdf, 1e-10);
    REQUIRE(ref.size() >= 2);
    REQUIRE(cv.size() == ref.size());
    for (std::size_t k = 0; k < ref.size(); ++k)
        CHECK(std::abs(cv[k] - ref[k]) < 5e-6); // ms: the parabolic crossing's O(dt^3) error
}

TEST_CASE("CVODE on Severi 2012: the cycle length of RODAS4 at a tight tolerance") {
    const sv::model m;
    auto cycle = [&](method me, double tol) {
        auto x = sv::initial_state;
        spike_detector sd(-20.0);
        run_options o = cardiac::cell_options(tol);
        o.dt = 2e-5_s;
        cardiac::run_cell(
            m, x, sv::state_scale, 0.0_s, 0.8_s, [&](const auto& s, double t) { sd(s, t); }, o, me,
            sv::state_names.data());
        REQUIRE(sd.times().size() >= 2);
        return sd.times()[1] - sd.times()[0];
    };
    const double ref = cycle(method::rodas4, 1e-10);
    const double cv = cycle(method::cvode_bdf, 1e-8);
    MESSAGE("cycle length: RODAS4 " << ref << " s, CVODE " << cv << " s");
    CHECK(cv == rel(ref, 1e-6)); // CVODE at 1e-8: ~1e-7 relative measured
}

// ---- CVODES forward sensitivities ------------------------------------------------------------
namespace {
using d = dual<double>;

/// HH (hh.hpp's rates and currents) under 10 uA/cm^2, the parameter p[0] = gnabar (mS/cm^2).
struct hh_model {
    template <class V>
    void operator()(const std::array<V, 4>& x, std::array<V, 4>& dx, double,
                    const std::array<V, 1>& p) const {
        const V one(1.0), v = x[0];
        const auto r = hh::rates(v, one);
        dx[0] = V(10.0) - hh::i_na(v, x[1], x[2], p[0]) - hh::i_k(v, x[3]) - hh::i_l(v);
        dx[1] = (r.m_inf - x[1]) / r.m_tau;
        dx[2] = (r.h_inf - x[2]) / r.h_tau;
        dx[3] = (r.n_inf - x[3]) / r.n_tau;
    }
};
const std::array<double, 4> hh_x0{-65.0, 0.0529, 0.5961, 0.3177};
const std::array<double, 4> hh_scale{10.0, 1.0, 1.0, 1.0};

/// The first upward crossing of `level` by x[0] (Hermite, sensitivity_hpp's hermite_crossing),
/// with its derivatives along each parameter: [j] = d(t*)/dp_j.
template <std::size_t N, std::size_t P, class F>
struct crossing_finder {
    F f;
    std::array<double, P> p;
    double level;
    std::size_t skip = 0; ///< crossings to pass over
    std::vector<std::array<d, P>> found = {};
    std::array<double, N> xp{};
    std::array<std::array<double, N>, P> sp{};
    double tp = -1;
    std::array<d, N> slope(const std::array<double, N>& x,
                           const std::array<std::array<double, N>, P>& S, std::size_t j,
                           double t) const {
        std::array<d, N> xd, dx{};
        std::array<d, P> pd;
        for (std::size_t i = 0; i < N; ++i)
            xd[i] = d(x[i], S[j][i]);
        for (std::size_t k = 0; k < P; ++k)
            pd[k] = d(p[k], k == j ? 1.0 : 0.0);
        f(xd, dx, t, pd);
        return dx;
    }
    void operator()(const std::array<double, N>& x, const std::array<std::array<double, N>, P>& S,
                    double t) {
        if (tp >= 0 && xp[0] < level && x[0] >= level) {
            std::array<d, P> c;
            for (std::size_t j = 0; j < P; ++j)
                c[j] = hermite_crossing(tp, d(xp[0], sp[j][0]), slope(xp, sp, j, tp)[0], t,
                                        d(x[0], S[j][0]), slope(x, S, j, t)[0], level);
            found.push_back(c);
        }
        xp = x;
        sp = S;
        tp = t;
    }
};

/// The HH spike time and its sensitivity to gnabar by CVODES at tolerance tol.
d hh_spike_cvodes(double gnabar, double tol, sensitivity_rhs how) {
    auto x = hh_x0;
    std::array<std::array<double, 4>, 1> S{};
    sensitivity_options o;
    o.run.dt = 0.01_ms;
    o.run.abs_tol = o.run.rel_tol = tol;
    o.rhs = how;
    crossing_finder<4, 1, hh_model> cf{hh_model{}, {gnabar}, 0.0};
    run_sensitivities<milliseconds>(
        hh_model{}, x, S, std::array<double, 1>{gnabar}, hh_scale, 0.0_ms, 4.0_ms, o,
        [&](const auto& xx, const auto& ss, double t) { cf(xx, ss, t); });
    REQUIRE(!cf.found.empty());
    return cf.found[0][0];
}
} // namespace

TEST_CASE("CVODES: HH spike time sensitivity to gnabar matches central differences") {
    const double g = hh::gnabar_mS_per_cm2, h = 1e-4 * g;
    const d r = hh_spike_cvodes(g, 1e-12, sensitivity_rhs::dual);
    const double fd = (hh_spike_cvodes(g + h, 1e-12, sensitivity_rhs::dual).v -
                       hh_spike_cvodes(g - h, 1e-12, sensitivity_rhs::dual).v) /
                      (2 * h);
    MESSAGE("t_spike " << r.v << " ms, d/dgnabar " << r.d << ", central difference " << fd);
    // central difference at h = 1e-4 gnabar: truncation ~2e-8 relative, noise tol / h ~ 1e-10
    CHECK(r.d == rel(fd, 1e-6));
}

TEST_CASE("CVODES: the sensitivity error shrinks monotonically from tolerance 1e-6 to 1e-12") {
    // reference: the dual-number sensitivity system through dopri5 at 1e-13 (an independent
    // integrator and an independent way of forming the sensitivity equations)
    const double g = hh::gnabar_mS_per_cm2;
    const auto f = [](const auto& x, auto& dx, double t, const auto& p) {
        using V = typename std::decay_t<decltype(x)>::value_type;
        hh_model{}(x, dx, t, std::array<V, 1>{V(p)});
    };
    const forward_sensitivity<decltype(f), 4, milliseconds> sys(f, g, hh_scale);
    auto z = sys.initial(hh_x0);
    run_options o;
    o.dt = 0.01_ms;
    o.abs_tol = o.rel_tol = 1e-13;
    d ref(-1);
    double tp = 0;
    auto zp = z;
    run(sys, z, 0.0_ms, 4.0_ms, method::dopri5, o, [&](const auto& zz, double t) {
        if (ref.v < 0 && t > 0 && zp[0] < 0.0 && zz[0] >= 0.0)
            ref = hermite_crossing(tp, sys.split(zp)[0], sys.derivative(zp, tp)[0], t,
                                   sys.split(zz)[0], sys.derivative(zz, t)[0], 0.0);
        zp = zz;
        tp = t;
    });
    REQUIRE(ref.v > 0);
    double last = INFINITY;
    for (double tol : {1e-6, 1e-8, 1e-10, 1e-12}) {
        const double err = std::abs(hh_spike_cvodes(g, tol, sensitivity_rhs::dual).d - ref.d);
        // CVODES' own difference quotients, for comparison: as accurate down to 1e-10; at 1e-12
        // they do not converge (CV_TOO_MUCH_WORK, 1e6 steps before 1.72 ms, measured), the
        // accuracy loss at tight tolerances known from tools that use them; not run here (60 s).
        const double err_dq =
            tol > 1e-11 ? std::abs(hh_spike_cvodes(g, tol, sensitivity_rhs::difference).d - ref.d)
                        : NAN;
        MESSAGE("tol " << tol << ": |error| of dt_spike/dgnabar: " << err
                       << " (CVODES' own difference quotients: " << err_dq << ")");
        CHECK(err < last); // monotone
        last = err;
    }
    CHECK(last < 1e-7 * std::abs(ref.d));
}

namespace {
namespace sv = noneq::severi2012;
/// Severi 2012 with the three conductance_scales as parameters (g_f, g_CaL, g_NaK).
struct severi_model {
    const sv::model* m;
    template <class V>
    void operator()(const std::array<V, sv::n_states>& x, std::array<V, sv::n_states>& dx, double,
                    const std::array<V, 3>& p) const {
        m->rhs(x, dx, sv::conductance_scales<V>{p[0], p[1], p[2]});
    }
};
/// The first cycle length (between the first two upstrokes through -20 mV) and its
/// sensitivities to the three scales, by CVODES.
std::array<d, 3> severi_cycle_cvodes(const sv::model& m, double tol) {
    auto x = sv::initial_state;
    std::array<std::array<double, sv::n_states>, 3> S{};
    sensitivity_options o;
    o.run = cardiac::cell_options(tol);
    o.run.dt = 2e-5_s;
    const severi_model f{&m};
    crossing_finder<sv::n_states, 3, severi_model> cf{f, {1.0, 1.0, 1.0}, -20.0};
    run_sensitivities<seconds>(f, x, S, std::array<double, 3>{1.0, 1.0, 1.0}, sv::state_scale,
                               0.0_s, 0.8_s, o,
                               [&](const auto& xx, const auto& ss, double t) { cf(xx, ss, t); });
    REQUIRE(cf.found.size() >= 2);
    std::array<d, 3> cl;
    for (std::size_t j = 0; j < 3; ++j)
        cl[j] = cf.found[1][j] - cf.found[0][j];
    return cl;
}
double severi_cycle_plain(double fg_f, double fg_cal, double fg_nak, double tol) {
    sv::parameters p;
    p.i_f.g_f_Na *= fg_f;
    p.i_f.g_f_K *= fg_f;
    p.P_CaL *= fg_cal;
    p.nak.i_NaK_max *= fg_nak;
    const sv::model m(p);
    auto x = sv::initial_state;
    std::vector<double> ups;
    double tp = -1, vp = 0;
    run_options o = cardiac::cell_options(tol);
    o.dt = 2e-5_s;
    const auto c = cardiac::cell<sv::model, sv::n_states>(m, sv::state_scale);
    std::array<double, sv::n_states> xp{};
    // dopri5: CVODE's own runs at 1e-12 differ by ~1e-11 s in the cycle length as BDF's order
    // and step choices change with the parameter, 2e-5 relative in a difference over h = 1e-4
    run(c, x, 0.0_s, 0.8_s, method::dopri5, o, [&](const auto& xx, double t) {
        if (tp >= 0 && vp < -20.0 && xx[0] >= -20.0) {
            std::array<double, sv::n_states> d0, d1;
            m.rhs(xp, d0);
            m.rhs(xx, d1);
            ups.push_back(hermite_crossing(tp, d(vp), d(d0[0]), t, d(xx[0]), d(d1[0]), -20.0).v);
        }
        xp = xx;
        tp = t;
        vp = xx[0];
    });
    REQUIRE(ups.size() >= 2);
    return ups[1] - ups[0];
}
} // namespace

TEST_CASE("CVODES on Severi 2012: d(cycle length)/d(g_f, g_CaL, g_NaK) match central differences") {
    // The differences change the parameter set itself (g_f,Na and g_f,K; P_CaL; i_NaK,max) and
    // use the same Hermite crossing; the sensitivities are seeded in conductance_scales.
    const sv::model m;
    // 1e-12: at 1e-10 the smallest sensitivity (g_CaL's, 3 % of g_f's) is off by ~2e-6 relative
    const auto cl = severi_cycle_cvodes(m, 1e-12);
    const double h = 1e-4;
    const std::array<double, 3> fd{
        (severi_cycle_plain(1 + h, 1, 1, 1e-12) - severi_cycle_plain(1 - h, 1, 1, 1e-12)) / (2 * h),
        (severi_cycle_plain(1, 1 + h, 1, 1e-12) - severi_cycle_plain(1, 1 - h, 1, 1e-12)) / (2 * h),
        (severi_cycle_plain(1, 1, 1 + h, 1e-12) - severi_cycle_plain(1, 1, 1 - h, 1e-12)) /
            (2 * h)};
    for (std::size_t j = 0; j < 3; ++j) {
        MESSAGE("cycle length " << cl[j].v << " s, d/d(scale " << j << ") "
                                << doctest::toString(cl[j].d) << " s, central difference "
                                << doctest::toString(fd[j]));
        // h = 1e-4: truncation ~2e-7 relative (test_sensitivity.cpp); noise tol CL / h ~ 1e-8
        CHECK(cl[j].d == rel(fd[j], 1e-6));
    }
}
