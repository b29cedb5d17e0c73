// integrate/: the guarded integrator over odeint's stepper categories, the exponential
// (Rush-Larsen) stepper, rosenbrock4 through the ublas adapter, observers, and the agreement
// of all four methods on an HH spike train.
#include <noneq/integrate/ublas_cxx20.hpp> // first: the Boost 1.74 uBLAS shim

#include <noneq/integrate/exponential.hpp>
#include <noneq/integrate/guarded.hpp>
#include <noneq/integrate/jacobian.hpp>
#include <noneq/integrate/observers.hpp>
#include <noneq/integrate/rosenbrock.hpp>
#include <noneq/integrate/run.hpp>
#include <noneq/membrane/leak.hpp>
#include <noneq/membrane/membrane.hpp>
#include <noneq/membrane/squid_axon.hpp>

#include <boost/numeric/odeint/integrate/integrate_const.hpp>
#include <boost/numeric/odeint/stepper/generation.hpp>
#include <boost/numeric/odeint/stepper/runge_kutta4.hpp>
#include <boost/numeric/odeint/stepper/runge_kutta_dopri5.hpp>

#include <doctest/doctest.h>

#include <array>
#include <cmath>
#include <sstream>
#include <stdexcept>
#include <string>

using namespace noneq;
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
    CHECK(x[0] == doctest::Approx(vinf + (-65.0 - vinf) * std::exp(-3.0)).epsilon(1e-11));
    // classic Rush-Larsen (Euler on V) is only first order for V
    passive::state_type y{-65.0};
    exponential_euler<passive::state_type, v_update::euler> rl;
    rl.do_step(std::cref(m), y, 0.0, 0.1);
    CHECK(y[0] == doctest::Approx(-65.0 + 0.1 * (3.0 - 0.3 * (-65.0 + 54.3))).epsilon(1e-14));
}

TEST_CASE("gates relax exactly for frozen V under the exponential stepper") {
    auto ax = hh::make_axon(0.0_uA_per_cm2);
    auto x = ax.steady_state(-65.0);
    x[0] = -20.0; // a voltage step: gates relax towards their -20 mV values
    const auto x0 = x;
    exponential_euler<hh::axon::state_type> st;
    st.do_step(std::cref(ax), x, 0.0, 0.3);
    const auto r = hh::rates(-20.0, 1.0);
    CHECK(x[hh::M] ==
          doctest::Approx(r.m_inf + (x0[1] - r.m_inf) * std::exp(-0.3 / r.m_tau)).epsilon(1e-13));
    CHECK(x[hh::N] ==
          doctest::Approx(r.n_inf + (x0[3] - r.n_inf) * std::exp(-0.3 / r.n_tau)).epsilon(1e-13));
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
        CHECK(e.last_good_time() == doctest::Approx(e.time() - 0.01).epsilon(1e-12));
        CHECK(e.last_good_time() == doctest::Approx(last_t).epsilon(1e-15));
        CHECK(std::string(e.what()).find("'y'") != std::string::npos);
        CHECK(std::isfinite(x[1]));
        CHECK(x[1] > 1.0);
    }
    // A membrane with a NaN gate: named by the membrane ("Na.h"), at the initial time.
    auto ax = hh::make_axon(10.0_uA_per_cm2);
    auto y = ax.steady_state(-65.0);
    y[hh::H] = std::nan("");
    try {
        run(ax, y, 0.0, 5.0, method::exponential);
        FAIL("no integration_error");
    } catch (const integration_error& e) {
        CHECK(e.variable() == "Na.h");
        CHECK(e.time() == 0.0);
    }
    // A blow-up inside a membrane run with every method: the state stays finite.
    for (auto m : {method::exponential, method::rk4, method::dopri5, method::rosenbrock}) {
        auto z = ax.steady_state(-65.0);
        z[0] = 1e308; // V so large that g V overflows (the exponential step is stable at 1e305)
        CHECK_THROWS_AS(run(ax, z, 0.0, 1.0, m), integration_error);
        for (double v : z)
            CHECK(std::isfinite(v));
    }
    CHECK_THROWS_AS(parse_method("euler"), domain_error);
    CHECK(parse_method("rosenbrock") == method::rosenbrock);
}

TEST_CASE("rosenbrock4 through the ublas adapter, with a finite-difference Jacobian") {
    decay sys;
    ublas_matrix J(2, 2);
    finite_difference_jacobian(sys, decay::state_type{1.0, 2.0}, 0.0, J);
    CHECK(J(0, 0) == doctest::Approx(-2.0).epsilon(1e-9));
    CHECK(J(1, 0) == doctest::Approx(1.0).epsilon(1e-9));
    CHECK(std::abs(J(0, 1)) < 1e-9);
    decay::state_type x{1.0, 0.0};
    run(sys, x, 0.0, 2.0, method::rosenbrock, {0.1, 1e-12, 1e-12});
    // x0 = e^{-2t}; x1 = (e^{-t/2} - e^{-2t}) / 1.5
    CHECK(x[0] == doctest::Approx(std::exp(-4.0)).epsilon(1e-9));
    CHECK(x[1] == doctest::Approx((std::exp(-1.0) - std::exp(-4.0)) / 1.5).epsilon(1e-9));
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
    CHECK(x[0] == doctest::Approx(std::exp(-4.0)).epsilon(1e-9));
    CHECK(x[1] == doctest::Approx((std::exp(-1.0) - std::exp(-4.0)) / 1.5).epsilon(1e-9));
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
    CHECK(sd.times()[0] == doctest::Approx(0.5).epsilon(1e-15));
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
    CHECK(quad.times()[0] == doctest::Approx(std::sqrt(2.0)).epsilon(1e-14));
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
        run(ax, x, 0.0, t_end, m, {dt, tol, tol}, sd);
        return sd.times();
    };
    const auto ref = spikes(method::dopri5, 0.005, 1e-10);
    REQUIRE(ref.size() >= 2);
    const auto rk = spikes(method::rk4, 0.005, 1e-10);
    const auto ros = spikes(method::rosenbrock, 0.005, 1e-10);
    const auto ex = spikes(method::exponential, 0.001, 1e-10);
    REQUIRE(rk.size() == ref.size());
    REQUIRE(ros.size() == ref.size());
    REQUIRE(ex.size() == ref.size());
    for (std::size_t k = 0; k < ref.size(); ++k) {
        // the crossing is interpolated by a parabola through three samples 0.005 ms apart:
        // error O(dt^3) ~ 5e-7 ms here (measured); the integration errors are far smaller
        CHECK(std::abs(rk[k] - ref[k]) < 5e-6);
        CHECK(std::abs(ros[k] - ref[k]) < 5e-6);
        // first order: error ~ 0.05 ms per ms-scale per unit dt, growing along the train
        CHECK(std::abs(ex[k] - ref[k]) < 0.01 * (1 + ref[k] / 10));
    }
}
