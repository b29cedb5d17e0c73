// integrate/ and the numerics under it in core/: the LU solve, Newton and the finite-difference
// Jacobians; the guarded integrator over odeint's stepper categories, the exponential
// (Rush-Larsen) stepper, rosenbrock4 through the ublas adapter, RODAS4 and its order, the
// front-end's time units, observers, and the agreement of all methods on an HH spike train.
#include <noneq/integrate/ublas_cxx20.hpp> // first: the Boost 1.74 uBLAS shim

#include <noneq/core/jacobian.hpp>
#include <noneq/core/linear_solve.hpp>
#include <noneq/core/lu.hpp>
#include <noneq/core/newton.hpp>
#include <noneq/integrate/exponential.hpp>
#include <noneq/integrate/guarded.hpp>
#include <noneq/integrate/observers.hpp>
#include <noneq/integrate/rodas4.hpp>
#include <noneq/integrate/rosenbrock.hpp>
#include <noneq/integrate/run.hpp>
#include <noneq/integrate/stop_at_outputs.hpp>
#include <noneq/integrate/time_unit.hpp>
#include <noneq/membrane/leak.hpp>
#include <noneq/membrane/membrane.hpp>
#include <noneq/membrane/squid_axon.hpp>

#include <boost/numeric/odeint/integrate/integrate_const.hpp>
#include <boost/numeric/odeint/stepper/generation.hpp>
#include <boost/numeric/odeint/stepper/runge_kutta4.hpp>
#include <boost/numeric/odeint/stepper/runge_kutta_dopri5.hpp>

#include <doctest/doctest.h>

#include "support/bad_input.hpp"
#include "support/compare.hpp"

#include <array>
#include <cmath>
#include <limits>
#include <complex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

using namespace noneq;
using noneq::test::rel;
using namespace noneq::literals;
namespace odeint = boost::numeric::odeint;

namespace {
// x' = x^2, x(0) = 1: x = 1/(1 - t) blows up at t = 1.
struct blow_up {
    void operator()(const std::array<double, 2>& x, std::array<double, 2>& d, double) const {
        d[0] = 0.0;
        d[1] = x[1] * x[1];
    }
    std::string variable_name(std::size_t i) const { return i == 1 ? "y" : "c"; }
};
// x' = -k x (a linear test system with a known Jacobian for rosenbrock4).
struct decay {
    using state_type = std::array<double, 2>;
    using time_unit = noneq::seconds;
    void operator()(const state_type& x, state_type& d, double) const {
        d[0] = -2.0 * x[0];
        d[1] = -0.5 * x[1] + x[0];
    }
    std::string variable_name(std::size_t i) const { return "x" + std::to_string(i); }
};
using passive = membrane<specific_capacitance, leak, step_current>;
} // namespace

TEST_CASE("exponential stepper is exact for a passive membrane, and an odeint stepper") {
    // C dV/dt = -g (V - E) + I: V(t) = V_inf + (V0 - V_inf) e^{-t g/C}, V_inf = E + I/g.
    passive m(specific_capacitance(), leak(0.3_mS_per_cm2, -54.3_mV), step_current(3.0_uA_per_cm2));
    passive::state_type x{-65.0};
    const double vinf = -54.3 + 3.0 / 0.3;
    // odeint's own integrate_const drives it (stepper_tag), with a large step
    odeint::integrate_const(exponential_euler<passive::state_type>{}, std::cref(m), x, 0.0, 10.0,
                            2.5);
    CHECK(x[0] == rel(vinf + (-65.0 - vinf) * std::exp(-3.0), 1e-11));
    // classic Rush-Larsen (Euler on V) is only first order for V
    passive::state_type y{-65.0};
    exponential_euler<passive::state_type, v_update::euler> rl;
    rl.do_step(std::cref(m), y, 0.0, 0.1);
    CHECK(y[0] == rel(-65.0 + 0.1 * (3.0 - 0.3 * (-65.0 + 54.3)), 1e-14));
}

TEST_CASE("gates relax exactly for frozen V under the exponential stepper") {
    auto ax = hh::make_axon(0.0_uA_per_cm2);
    auto x = ax.steady_state(-65.0);
    x[0] = -20.0; // a voltage step: gates relax towards their -20 mV values
    const auto x0 = x;
    exponential_euler<hh::axon::state_type> st;
    st.do_step(std::cref(ax), x, 0.0, 0.3);
    const auto r = hh::rates(-20.0, 1.0);
    CHECK(x[hh::M] == rel(r.m_inf + (x0[1] - r.m_inf) * std::exp(-0.3 / r.m_tau), 1e-13));
    CHECK(x[hh::N] == rel(r.n_inf + (x0[3] - r.n_inf) * std::exp(-0.3 / r.n_tau), 1e-13));
}

TEST_CASE(
    "guarded integration stops at a non-finite state, names it and keeps the last good state") {
    blow_up sys;
    std::array<double, 2> x{0.0, 1.0};
    double last_t = -1;
    try {
        integrate_guarded(odeint::runge_kutta4<std::array<double, 2>>{}, sys, x, 0.0, 2.0, 0.01,
                          [&](const auto&, double t) { last_t = t; });
        FAIL("no integration_error");
    } catch (const integration_error& e) {
        CHECK(e.variable() == "y");
        CHECK(e.index() == 1);
        CHECK(!std::isfinite(e.value()));
        CHECK(e.time() > 0.99);
        CHECK(e.time() < 1.2);
        CHECK(e.last_good_time() == rel(e.time() - 0.01, 1e-12));
        CHECK(e.last_good_time() == rel(last_t, 1e-15));
        CHECK(std::string(e.what()).find("'y'") != std::string::npos);
        CHECK(std::isfinite(x[1]));
        CHECK(x[1] > 1.0);
    }
    // A membrane with a NaN gate: named by the membrane ("Na.h"), at the initial time.
    auto ax = hh::make_axon(10.0_uA_per_cm2);
    auto y = ax.steady_state(-65.0);
    y[hh::H] = std::nan("");
    try {
        run(ax, y, 0.0_ms, 5.0_ms, method::exponential);
        FAIL("no integration_error");
    } catch (const integration_error& e) {
        CHECK(e.variable() == "Na.h");
        CHECK(e.time() == 0.0);
    }
    // A blow-up inside a membrane run with every method: the state stays finite.
    for (auto m :
         {method::exponential, method::rk4, method::dopri5, method::rosenbrock, method::rodas4}) {
        auto z = ax.steady_state(-65.0);
        z[0] = 1e308; // V so large that g V overflows (the exponential step is stable at 1e305)
        CHECK_THROWS_AS(run(ax, z, 0.0_ms, 1.0_ms, m), integration_error);
        for (double v : z)
            CHECK(std::isfinite(v));
    }
    CHECK_THROWS_AS(parse_method("euler"), domain_error);
    CHECK(parse_method("rosenbrock") == method::rosenbrock);
    CHECK(parse_method("rodas4") == method::rodas4);
    CHECK(parse_method(to_string(method::rodas4)) == method::rodas4);
}

TEST_CASE("rosenbrock4 through the ublas adapter, with a finite-difference Jacobian") {
    decay sys;
    ublas_matrix J(2, 2);
    finite_difference_jacobian(sys, decay::state_type{1.0, 2.0}, 0.0, J);
    CHECK(J(0, 0) == rel(-2.0, 1e-9));
    CHECK(J(1, 0) == rel(1.0, 1e-9));
    CHECK(std::abs(J(0, 1)) < 1e-9);
    decay::state_type x{1.0, 0.0};
    run(sys, x, 0.0_s, 2.0_s, method::rosenbrock, {0.1_s, 1e-12, 1e-12});
    // x0 = e^{-2t}; x1 = (e^{-t/2} - e^{-2t}) / 1.5
    CHECK(x[0] == rel(std::exp(-4.0), 1e-9));
    CHECK(x[1] == rel((std::exp(-1.0) - std::exp(-4.0)) / 1.5, 1e-9));
}

TEST_CASE("guarded integration with a controlled (adaptive, non-dense) odeint stepper") {
    decay sys;
    decay::state_type x{1.0, 0.0};
    std::size_t seen = 0;
    double t_last = -1;
    auto st =
        odeint::make_controlled(1e-11, 1e-11, odeint::runge_kutta_dopri5<decay::state_type>{});
    const auto n = integrate_guarded(st, sys, x, 0.0, 2.0, 0.1, [&](const auto&, double t) {
        ++seen;
        CHECK(t > t_last);
        t_last = t;
    });
    CHECK(seen == n + 1); // t0 and every accepted step
    CHECK(t_last == 2.0); // the last step lands on t1
    CHECK(x[0] == rel(std::exp(-4.0), 1e-9));
    CHECK(x[1] == rel((std::exp(-1.0) - std::exp(-4.0)) / 1.5, 1e-9));
    CHECK_THROWS_AS(integrate_guarded(st, sys, x, 1.0, 0.0, 0.1), domain_error);
    CHECK_THROWS_AS(integrate_guarded(st, sys, x, 0.0, 1.0, -0.1), domain_error);
}

TEST_CASE("observers: spike interpolation, traces, progress, chains") {
    spike_detector sd(0.0);
    trace_recorder<std::array<double, 1>> tr(2);
    std::ostringstream os;
    progress_reporter pr(0.0, 4.0, os, 0.5);
    auto all = observe_all(sd, tr, pr);
    const double vs[] = {-10, 10, 30, -5, -20};
    for (int k = 0; k < 5; ++k)
        all(std::array<double, 1>{vs[k]}, double(k));
    CHECK(sd.count() == 1);
    CHECK(sd.times()[0] == rel(0.5, 1e-15));
    CHECK(sd.peaks()[0] == 30.0);
    CHECK(sd.min() == -20.0);
    CHECK(tr.size() == 3);
    CHECK(tr.times()[1] == 2.0);
    CHECK(os.str() == "progress: 50% (t = 2 of 4)\nprogress: 100% (t = 4 of 4)\n");
    // a parabola is interpolated exactly: v = t^2 - 2 crosses 0 at sqrt(2)
    spike_detector quad;
    for (double t : {0.0, 1.0, 2.0})
        quad(std::array<double, 1>{t * t - 2}, t);
    REQUIRE(quad.count() == 1);
    CHECK(quad.times()[0] == rel(std::sqrt(2.0), 1e-14));
    std::ostringstream csv;
    tr.write_csv(csv, [](std::size_t) { return std::string("V_mV"); });
    CHECK(csv.str().substr(0, 10) == "t_ms,V_mV\n");
}

TEST_CASE("rk4, dopri5, rosenbrock4 and the exponential stepper agree on HH spike times") {
    auto ax = hh::make_axon(10.0_uA_per_cm2);
#ifdef NONEQ_SANITIZED
    const double t_end = 20.0;
#else
    const double t_end = 60.0;
#endif
    auto spikes = [&](method m, double dt, double tol) {
        auto x = ax.steady_state(-65.0);
        spike_detector sd;
        run(ax, x, 0.0_ms, t_end * 1.0_ms, m, {dt * 1.0_ms, tol, tol}, sd);
        return sd.times();
    };
    const auto ref = spikes(method::dopri5, 0.005, 1e-10);
    REQUIRE(ref.size() >= 2);
    const auto rk = spikes(method::rk4, 0.005, 1e-10);
    const auto ros = spikes(method::rosenbrock, 0.005, 1e-10);
    const auto rod = spikes(method::rodas4, 0.005, 1e-10);
    const auto ex = spikes(method::exponential, 0.001, 1e-10);
    REQUIRE(rk.size() == ref.size());
    REQUIRE(ros.size() == ref.size());
    REQUIRE(rod.size() == ref.size());
    REQUIRE(ex.size() == ref.size());
    for (std::size_t k = 0; k < ref.size(); ++k) {
        // the crossing is interpolated by a parabola through three samples 0.005 ms apart:
        // error O(dt^3) ~ 5e-7 ms here (measured); the integration errors are far smaller
        CHECK(std::abs(rk[k] - ref[k]) < 5e-6);
        CHECK(std::abs(ros[k] - ref[k]) < 5e-6);
        CHECK(std::abs(rod[k] - ref[k]) < 5e-6);
        // first order: error ~ 0.05 ms per ms-scale per unit dt, growing along the train
        CHECK(std::abs(ex[k] - ref[k]) < 0.01 * (1 + ref[k] / 10));
    }
}

TEST_CASE("LU with partial pivoting: a known solve, a zero leading pivot, a singular matrix") {
    // A x = b with x = (1, 2, 3); a11 = 0, so the first step must pivot
    const linalg::matrix<double, 3> a{{{0.0, 2.0, 1.0}, {1.0, 1.0, 1.0}, {2.0, 1.0, 0.0}}};
    const linalg::vec<double, 3> b{7.0, 6.0, 4.0};
    const auto x = linalg::solve(a, b);
    CHECK(x[0] == rel(1.0, 1e-15));
    CHECK(x[1] == rel(2.0, 1e-15));
    CHECK(x[2] == rel(3.0, 1e-15));
    const linalg::lu<double, 3> f(a);
    CHECK_FALSE(f.singular());
    CHECK(f.solve(b)[2] == rel(3.0, 1e-15));
    // a tiny leading entry: without pivoting the multiplier 1e20 would swamp the answer
    const linalg::matrix<double, 2> t{{{1e-20, 1.0}, {1.0, 1.0}}};
    const auto y = linalg::solve(t, linalg::vec<double, 2>{1.0, 2.0}); // x = (1, 1) to 1e-20
    CHECK(y[0] == rel(1.0, 1e-15));
    CHECK(y[1] == rel(1.0, 1e-15));
    // singular: rows proportional
    const linalg::matrix<double, 2> s{{{1.0, 2.0}, {2.0, 4.0}}};
    CHECK_THROWS_WITH_AS(linalg::solve(s, linalg::vec<double, 2>{1.0, 2.0}),
                         doctest::Contains("singular"), domain_error);
    CHECK(linalg::lu<double, 2>(s).singular());
    CHECK(linalg::lu<double, 2>(s).singular_column() == 1);
    // complex, run-time size: (1 + i) z = 2i has z = 1 + i
    using C = std::complex<double>;
    const linalg::dynamic_lu<C> c({C(1, 1)}, 1);
    std::vector<C> z{C(0, 2)};
    c.solve_in_place(z);
    CHECK(std::abs(z[0] - C(1, 1)) < 1e-15);
}

TEST_CASE("damped Newton finds a known root and reports a missing one") {
    // circle of radius 2 meets the diagonal at (sqrt 2, sqrt 2)
    const auto r = [](const std::array<double, 2>& x) {
        return std::array<double, 2>{x[0] * x[0] + x[1] * x[1] - 4.0, x[0] - x[1]};
    };
    const auto x = newton_solve<2>(r, {1.0, 0.5});
    CHECK(x[0] == rel(std::sqrt(2.0), 1e-12));
    CHECK(x[1] == rel(std::sqrt(2.0), 1e-12));
    // far start: x e^x = 10 from x = 8 (the undamped Newton would still converge here, the
    // damped one must not do worse); W(10) = 1.7455280027406994 (Lambert W, principal branch)
    const auto w = newton_solve<1>(
        [](const std::array<double, 1>& y) {
            return std::array<double, 1>{y[0] * std::exp(y[0]) - 10};
        },
        {8.0});
    CHECK(w[0] == rel(1.7455280027406994, 1e-12));
    // x^2 + 1 = 0 has no real root
    CHECK_THROWS_AS(
        newton_solve<1>(
            [](const std::array<double, 1>& y) { return std::array<double, 1>{y[0] * y[0] + 1.0}; },
            {0.5}),
        domain_error);
}

namespace {
// f(x) = (sin(x0) x1, x0^2 + exp(x1)), over any value type (double or a batch)
struct smooth_map {
    template <class V>
    void operator()(const std::array<V, 2>& x, std::array<V, 2>& f) const {
        using std::exp;
        using std::sin;
        using xsimd::exp;
        using xsimd::sin;
        f[0] = sin(x[0]) * x[1];
        f[1] = x[0] * x[0] + exp(x[1]);
    }
};
} // namespace

TEST_CASE("finite-difference Jacobians against the analytic one") {
    const std::array<double, 2> x{0.7, -0.3};
    const double exact[2][2] = {{std::cos(0.7) * -0.3, std::sin(0.7)}, {1.4, std::exp(-0.3)}};
    std::array<std::array<double, 2>, 2> Jc{}, Jf{}, Js{};
    central_difference_jacobian(smooth_map{}, x, Jc);
    std::array<double, 2> f0;
    smooth_map{}(x, f0);
    // batched (smooth_map takes batches) and scalar forward differences
    const auto calls = forward_difference_jacobian(smooth_map{}, x, f0, Jf);
    forward_difference_jacobian(
        [](const std::array<double, 2>& y, std::array<double, 2>& f) { smooth_map{}(y, f); }, x, f0,
        Js);
    CHECK(calls == (2 + xsimd::batch<double>::size - 1) / xsimd::batch<double>::size);
    for (int i = 0; i < 2; ++i)
        for (int j = 0; j < 2; ++j) {
            // central: ~eps^(2/3) ~ 4e-11 relative; forward: ~sqrt(eps) ~ 1.5e-8
            CHECK(std::abs(Jc[i][j] - exact[i][j]) < 1e-9 * std::abs(exact[i][j]));
            CHECK(std::abs(Jf[i][j] - exact[i][j]) < 1e-7 * std::abs(exact[i][j]));
            CHECK(std::abs(Js[i][j] - exact[i][j]) < 1e-7 * std::abs(exact[i][j]));
        }
}

namespace {
// y0' = -y0^2, y1' = y0 from (1, 0): y0 = 1/(1+t), y1 = ln(1+t). Autonomous and nonlinear.
struct hyperbola {
    using state_type = std::array<double, 2>;
    using time_unit = noneq::seconds;
    void operator()(const state_type& y, state_type& d, double) const {
        d[0] = -y[0] * y[0];
        d[1] = y[0];
    }
};
double rodas_fixed_error(double h) {
    rodas4<2> st(1e-6, 1e-6);
    std::array<double, 2> y{1.0, 0.0};
    const int n = static_cast<int>(std::lround(2.0 / h));
    for (int k = 0; k < n; ++k)
        st.do_fixed_step(hyperbola{}, y, k * h, h);
    return std::max(std::abs(y[0] - 1.0 / 3.0), std::abs(y[1] - std::log(3.0)));
}
} // namespace

TEST_CASE("RODAS4 is of order 4 (observed from halving the step) and error controlled") {
    // global error ~ C h^p: p = log2(e(h) / e(h/2)). Order 4 gives 16x per halving; the band
    // [3.6, 4.6] rejects order 3 (8x) as well as orders 1 and 2.
    const double e1 = rodas_fixed_error(0.1), e2 = rodas_fixed_error(0.05),
                 e3 = rodas_fixed_error(0.025);
    const double p1 = std::log2(e1 / e2), p2 = std::log2(e2 / e3);
    MESSAGE("RODAS4 errors ", e1, " ", e2, " ", e3, " observed orders ", p1, " ", p2);
    CHECK(p1 > 3.6);
    CHECK(p1 < 4.6);
    CHECK(p2 > 3.6);
    CHECK(p2 < 4.6);
    // through the front-end, adaptive: the error follows the tolerance
    for (double tol : {1e-6, 1e-10}) {
        hyperbola::state_type y{1.0, 0.0};
        run(hyperbola{}, y, 0.0_s, 2.0_s, method::rodas4, {0.5_s, tol, tol});
        CHECK(std::abs(y[0] - 1.0 / 3.0) < 50 * tol);
        CHECK(std::abs(y[1] - std::log(3.0)) < 50 * tol);
    }
}

TEST_CASE("front-end: the time unit is the model's, times are quantities") {
    static_assert(std::is_same_v<time_unit_t<decay>, noneq::seconds>);
    static_assert(std::is_same_v<time_unit_t<passive>, noneq::milliseconds>); // a membrane
    static_assert(std::is_same_v<time_unit_t<hh::axon>, noneq::milliseconds>);
    static_assert(integrable_system<decay>);
    static_assert(!has_time_unit<blow_up>);
    static_assert(!integrable_system<blow_up>);
    static_assert(state_observer<spike_detector, decay>);
    static_assert(!state_observer<int, decay>);
    // a second model given milliseconds: the same two seconds, the same result to rounding
    decay sys;
    decay::state_type x{1.0, 0.0}, y{1.0, 0.0};
    double t_last = 0;
    run(sys, x, 0.0_s, 2.0_s, method::rodas4, {0.1_s, 1e-10, 1e-10});
    run(sys, y, 0.0_ms, 2000.0_ms, method::rodas4, {100.0_ms, 1e-10, 1e-10},
        [&](const decay::state_type&, double t) { t_last = t; });
    CHECK(t_last == 2.0); // observers see the model's unit
    CHECK(y[0] == rel(x[0], 1e-14));
    CHECK(y[1] == rel(x[1], 1e-14));
    CHECK(x[0] == rel(std::exp(-4.0), 1e-8));
    // a millisecond membrane given seconds: 5 ms either way
    auto ax = hh::make_axon(10.0_uA_per_cm2);
    auto a = ax.steady_state(-65.0), b = a;
    run(ax, a, 0.0_ms, 5.0_ms, method::rk4, {0.01_ms, 1e-8, 1e-8});
    run(ax, b, 0.0_s, 0.005_s, method::rk4, {1e-5_s, 1e-8, 1e-8});
    CHECK(a[0] == rel(b[0], 1e-12));
    // bad arguments are domain errors naming them
    CHECK_THROWS_WITH_AS(run(sys, x, 1.0_s, 0.0_s, method::rodas4), doctest::Contains("'t1'"),
                         domain_error);
    CHECK_THROWS_WITH_AS(run(sys, x, 0.0_s, 1.0_s, method::rodas4, {-1.0_s, 1e-8, 1e-8}),
                         doctest::Contains("'dt'"), domain_error);
}

TEST_CASE("front-end: dopri5 steps that stop on the output times") {
    decay sys;
    decay::state_type x{1.0, 0.0};
    std::vector<double> ts;
    run_options o{0.3_s, 1e-11, 1e-11};
    o.at = output::stop;
    run(sys, x, 0.0_s, 2.0_s, method::dopri5, o,
        [&](const decay::state_type&, double t) { ts.push_back(t); });
    // n = ceil(2 / 0.3) = 7 equal intervals (spacing <= dt), each end reached exactly
    REQUIRE(ts.size() == 8);
    for (std::size_t k = 0; k < ts.size(); ++k)
        CHECK(ts[k] == 2.0 * static_cast<double>(k) / 7.0);
    CHECK(x[0] == rel(std::exp(-4.0), 1e-9));
    CHECK(x[1] == rel((std::exp(-1.0) - std::exp(-4.0)) / 1.5, 1e-9));
    // a blow-up stops with the last good state
    blow_up b;
    std::array<double, 2> y{0.0, 1.0};
    auto st =
        odeint::make_controlled(1e-9, 1e-9, odeint::runge_kutta_dopri5<std::array<double, 2>>{});
    CHECK_THROWS_AS(integrate_stop_at_outputs(st, b, y, 0.0, 2.0, 0.1,
                                              [](const std::array<double, 2>&, double) {}),
                    integration_error);
    CHECK(std::isfinite(y[1]));
    CHECK(y[1] > 10.0);
}

TEST_CASE("bad input: guarded integration and the spike detector") {
    using noneq::test::rejects;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const auto go = [](double t0, double t1, double dt) {
        blow_up sys;
        std::array<double, 2> x{0.0, 0.1};
        return rejects([&] {
            integrate_guarded(odeint::runge_kutta4<std::array<double, 2>>{}, sys, x, t0, t1, dt,
                              [](const auto&, double) {});
        });
    };
    CHECK(go(nan, 1.0, 0.1) == "t0");
    CHECK(go(1.0, 0.5, 0.1) == "t1");
    CHECK(go(0.0, 1.0, 0.0) == "dt");
    CHECK(go(0.0, 1.0, 0.1) == "<no exception>");
    CHECK(rejects([&] { (void)spike_detector(nan); }) == "threshold");
}
