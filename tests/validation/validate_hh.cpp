// Hodgkin-Huxley squid axon (NEURON's hh.mod, 6.3 degC) against published dynamics:
//   Rinzel & Miller 1980, Math Biosci 49:27-59 (numerical continuation of the HH equations):
//     periodic solutions (repetitive firing) appear at I = 6.26 uA/cm^2 (a saddle-node of
//     periodic orbits); the rest state loses stability in subcritical Hopf bifurcations at
//     I = 9.78 and 154.5 uA/cm^2.
//   Not a validation: the single-spike rheobase of a long step from rest, 2.24 uA/cm^2, is a
//     figure quoted for hh.mod without a primary publication; it is kept as a regression value
//     of this library (measured 2.2358) next to two direct runs either side of it.
// and the numerics: the exponential (Rush-Larsen) stepper converges at first order to dopri5.
//
// hh.mod differs from Hodgkin & Huxley's 1952 parameters in its leak reversal (-54.3 mV, where
// HH's E_L = 10.613 mV above a -65 mV rest gives -54.387 mV), which moves these bifurcation
// currents by a few hundredths of a uA/cm^2; the tolerances below allow that and no more.
#include <noneq/analysis/fixed_points.hpp>
#include <noneq/analysis/spikes.hpp>
#include <noneq/integrate/observers.hpp>
#include <noneq/integrate/run.hpp>
#include <noneq/membrane/squid_axon.hpp>

#include <doctest/doctest.h>

#include <cmath>

using namespace noneq;
using namespace noneq::literals;

namespace {
// The run: from NEURON's initial state (V = -65 mV, gates at steady state) the cell settles
// to its rest for `delay` ms, then a step of i_uA_per_cm2 holds to the end.
spike_detector step_response(double i_uA_per_cm2, double delay, double t_end,
                             method m = method::dopri5, double dt = 0.025, double tol = 1e-9) {
    auto ax = hh::make_axon(current_density<double>::from_value(i_uA_per_cm2 * 1e-2),
                            noneq::time<double>::from_value(delay * 1e-3));
    auto x = ax.steady_state(hh::v_init_mV);
    spike_detector sd(0.0);
    run(ax, x, 0.0_ms, t_end * 1.0_ms, m, {dt * 1.0_ms, tol, tol}, sd);
    return sd;
}
std::size_t spikes_after(const spike_detector& sd, double t) {
    std::size_t n = 0;
    for (double ts : sd.times())
        n += ts >= t;
    return n;
}
} // namespace

TEST_CASE("onset of sustained repetitive firing for a step from rest: between 6.2 and 6.3") {
    // What is measured: a step from rest fires a few spikes at any I above the rheobase, and
    // just below the saddle-node of periodic orbits (the ghost of the vanishing limit cycle)
    // a train can last hundreds of ms before it dies (at 6.234 it lasts ~1 s). So "sustained"
    // means still firing in the last 1000 ms of a 3000 ms step.
    const double delay = 50, t_end = 3050, window = 2050;
    const auto below = step_response(6.2, delay, t_end);
    const auto above = step_response(6.3, delay, t_end);
    CHECK(below.count() >= 1);                // transient spikes
    CHECK(spikes_after(below, window) == 0);  // ... that die out
    CHECK(spikes_after(above, window) >= 50); // ~68 ms period: regular firing to the end
    const auto st = spike_stats(above, window);
    CHECK(st.rate_hz > 50);
    CHECK(st.rate_hz < 80);
#ifndef NONEQ_SANITIZED
    // The bracket is wider than the tolerance, so the bisection alone cannot make the check
    // pass: the result must land within 0.035 of 6.26 (hh.mod's leak moves the bifurcations by
    // up to 0.03, as the Hopf point 9.749 vs 9.78 shows; the bisection adds 0.005).
    const double onset = bisect_onset(
        [&](double i) { return spikes_after(step_response(i, delay, t_end), window) >= 2; }, 5.8,
        6.7, 0.005);
    MESSAGE("onset of repetitive firing (step from rest) = " << onset
                                                             << " uA/cm^2 (Rinzel & Miller: 6.26)");
    CHECK(std::abs(onset - 6.26) < 0.035);
#endif
}

TEST_CASE("regression: single-spike rheobase of a long step from rest, 2.24 uA/cm^2") {
    const double delay = 50, t_end = 350; // a 300 ms step: far longer than the ~10 ms latency
    CHECK(step_response(2.20, delay, t_end).count() == 0);
    CHECK(step_response(2.30, delay, t_end).count() == 1); // one spike, no train
    const double rheo = bisect_onset(
        [&](double i) { return step_response(i, delay, t_end).count() >= 1; }, 2.0, 2.5, 1e-3);
    MESSAGE("rheobase = " << rheo << " uA/cm^2 (regression value: 2.24, unpublished)");
    // 2.24 is given to 3 digits (+-0.005); the bisection adds 1e-3. The bracket [2.0, 2.5] is
    // wider than the tolerance.
    CHECK(std::abs(rheo - 2.24) < 0.006);
}

TEST_CASE("the rest state loses stability in Hopf bifurcations near 9.78 and 154.5 uA/cm^2") {
    auto stable_at = [](double i) {
        const auto ax = hh::make_axon(current_density<double>::from_value(i * 1e-2));
        const auto fps = fixed_points(ax);
        REQUIRE(fps.size() == 1); // HH has one equilibrium at every I
        return fps[0].stable();
    };
    CHECK(stable_at(9.0));
    CHECK(!stable_at(10.5));
    CHECK(!stable_at(150.0));
    CHECK(stable_at(160.0));
    const double h1 = bisect_onset([&](double i) { return !stable_at(i); }, 9.0, 10.5, 1e-4);
    const double h2 = bisect_onset([&](double i) { return stable_at(i); }, 150.0, 160.0, 1e-3);
    MESSAGE("Hopf points: " << h1 << " and " << h2 << " uA/cm^2 (Rinzel & Miller: 9.78, 154.5)");
    // Brackets wider than the tolerances; hh.mod's leak moves h1 by 0.03 (see the header).
    CHECK(std::abs(h1 - 9.78) < 0.05);
    CHECK(std::abs(h2 - 154.5) < 1.0);
}

TEST_CASE("the exponential stepper converges at first order to dopri5") {
    // One spike and its recovery (I = 10 uA/cm^2 for 8 ms): the error of the state at t = 8 ms
    // against dopri5 at 1e-12 tolerance, for halving steps.
    auto ax = hh::make_axon(current_density<double>::from_value(0.1));
    const double t_end = 8.0;
    auto ref = ax.steady_state(hh::v_init_mV);
    run(ax, ref, 0.0_ms, t_end * 1.0_ms, method::dopri5, {0.01_ms, 1e-12, 1e-12});
    auto err = [&](double dt) {
        auto x = ax.steady_state(hh::v_init_mV);
        run(ax, x, 0.0_ms, t_end * 1.0_ms, method::exponential, {dt * 1.0_ms, 1e-8, 1e-8});
        double e = std::abs(x[0] - ref[0]) / 100.0; // V relative to its 100 mV range
        for (std::size_t i = 1; i < x.size(); ++i)
            e = std::max(e, std::abs(x[i] - ref[i]));
        return e;
    };
    const double dts[] = {0.02, 0.01, 0.005, 0.0025};
    double e[4];
    for (int k = 0; k < 4; ++k)
        e[k] = err(dts[k]);
    for (int k = 0; k < 3; ++k) {
        const double order = std::log2(e[k] / e[k + 1]);
        MESSAGE("dt " << dts[k] << " -> " << dts[k + 1] << ": error " << e[k] << " -> " << e[k + 1]
                      << ", observed order " << order);
        CHECK(order > 0.85);
        CHECK(order < 1.15);
    }
    // and rk4 at the same steps is far more accurate (fourth order)
    auto x = ax.steady_state(hh::v_init_mV);
    run(ax, x, 0.0_ms, t_end * 1.0_ms, method::rk4, {0.0025_ms, 1e-8, 1e-8});
    CHECK(std::abs(x[0] - ref[0]) < 1e-4 * std::abs(e[3] * 100));
}
