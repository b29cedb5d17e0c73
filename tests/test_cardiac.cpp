// Tests of the cardiac policies (noneq/cardiac/), the Severi 2012 model's right-hand side,
// the cell driver (through the integration front-end): its non-finite guard and the cycle metrics.
#include <doctest/doctest.h>

#include "support/bad_input.hpp"
#include "support/compare.hpp"

#include <noneq/analysis/cycle_metrics.hpp>
#include <noneq/cardiac/calcium_buffering.hpp>
#include <noneq/cardiac/cell_run.hpp>
#include <noneq/cardiac/funny_current.hpp>
#include <noneq/cardiac/ryanodine_receptor.hpp>
#include <noneq/cardiac/severi2012.hpp>
#include <noneq/cardiac/severi2012_parameters.hpp>
#include <noneq/cardiac/sodium_calcium_exchanger.hpp>
#include <noneq/cardiac/sodium_potassium_pump.hpp>
#include <noneq/cardiac/units.hpp>
#include <noneq/potential/nernst.hpp>

#include <cmath>
#include <limits>
#include <numbers>
#include <string>
#include <type_traits>
#include <vector>

using namespace noneq;
using namespace noneq::literals;
using noneq::test::rel;
namespace sv = noneq::severi2012;

namespace {
// RT/F at 310 K in mV, from noneq's exact constants.
const double rtf = constants::R.value() * 310.0 / constants::F.value() * 1e3;
} // namespace

TEST_CASE("I_f reverses at the conductance-weighted mean of E_Na and E_K") {
    const cardiac::funny_current f{};
    const auto T = temperature<double>::from_value(310.0);
    // Severi 2012 concentrations: Nai 7.5, Nao 140, Ki 140, Ko 5.4 mM
    const double ena = in_mV(nernst(1, 7.5_mM, 140.0_mM, T));
    const double ek = in_mV(nernst(1, 140.0_mM, 5.4_mM, T));
    const double ef = f.bind().reversal_mV(unchecked, ena, ek);
    CHECK(ef == rel(0.5 * (ena + ek), 1e-14)); // equal g_f,Na and g_f,K
    // by hand: (RT/F) (ln(140/7.5) + ln(5.4/140)) / 2 = (RT/F) ln(5.4/7.5) / 2 = -4.38 mV
    CHECK(ef == rel(0.5 * rtf * std::log(5.4 / 7.5), 1e-13));
    CHECK(ef == rel(-4.38, 2e-3));
    const auto at = f.bind().components(unchecked, ef, 0.5, 5.4, ena, ek, 1.0);
    CHECK(std::abs(at.total()) < 1e-15);
    CHECK(at.na < 0.0); // Na+ flows in, K+ out at E_f
    CHECK(at.k > 0.0);
    // unequal conductances move E_f towards the larger one
    cardiac::funny_current fk = f;
    fk.g_f_K = 3.0 * f.g_f_Na;
    CHECK(fk.bind().reversal_mV(unchecked, ena, ek) == rel(0.25 * ena + 0.75 * ek, 1e-14));
    // quantity form: at -60 mV, fully open, I_f is inward (negative), in A
    const auto i = f(-60.0_mV, 1.0, 5.4_mM, voltage<double>::from_value(ena * 1e-3),
                     voltage<double>::from_value(ek * 1e-3));
    const double expect_nA = 0.03 * 5.4 / (5.4 + 45.0) * ((-60.0 - ena) + (-60.0 - ek));
    CHECK(i.value() == rel(expect_nA * 1e-9, 1e-12));
}

TEST_CASE("Cs+ blocks I_f more at hyperpolarised potentials (Woodhull form, Severi 2012)") {
    const cardiac::funny_current f{};
    CHECK(f.bind().cesium_unblocked(unchecked, -60.0, 0.0) == 1.0);
    const double r = 10.6015 / 5.0;
    CHECK(f.bind().cesium_unblocked(unchecked, 0.0, 5.0) == rel(r / (r + 1.0), 1e-14));
    CHECK(f.bind().cesium_unblocked(unchecked, -60.0, 5.0) <
          f.bind().cesium_unblocked(unchecked, -30.0, 5.0));
    CHECK(f.bind().cesium_unblocked(unchecked, -60.0, 10.0) <
          f.bind().cesium_unblocked(unchecked, -60.0, 5.0));
    CHECK(cardiac::funny_ach_shift_mV(0.0) == 0.0);
    CHECK(cardiac::funny_ach_shift_mV(1e-5) < -1.0);
    CHECK_THROWS_AS(cardiac::funny_ach_shift_mV(-1e-6), domain_error);
}

TEST_CASE("I_f gate: steady state and time constant") {
    using g = cardiac::funny_gate;
    CHECK(g::steady_state(-52.5, 0.0) == rel(0.5, 1e-14));
    CHECK(g::steady_state(-45.0, -7.5) < 0.5);
    CHECK(g::steady_state(-45.0, 7.5) == rel(0.5, 1e-14)); // Iso shift
    CHECK(g::rate(-60.0, g::steady_state(-60.0, 0.0), 0.0) == 0.0);
    CHECK(g::tau_s(-60.0, 0.0) > 0.0);
    // batch evaluation equals the scalar one
    using B = xsimd::batch<double>;
    const B vb = B(-70.0) + B(1.0) * B(0.5);
    CHECK(g::tau_s(vb, B(0.0)).get(0) == rel(g::tau_s(-69.5, 0.0), 1e-14));
}

TEST_CASE("cardiac policies are written once over the value type: float and batch agree") {
    using B = xsimd::batch<double>;
    const cardiac::funny_current f{};
    const cardiac::sodium_potassium_pump p{};
    const cardiac::sodium_calcium_exchanger x{};
    const double ena = rtf * std::log(140.0 / 7.5), ek = rtf * std::log(5.4 / 140.0);
    for (double v : {-65.0, -40.0, 0.0, 25.0}) {
        CAPTURE(v);
        const double i_d = f.bind().components(unchecked, v, 0.3, 5.4, ena, ek, 0.8).total();
        const float i_f =
            f.bind()
                .components(unchecked, float(v), 0.3f, 5.4f, float(ena), float(ek), 0.8f)
                .total();
        CHECK(double(i_f) == rel(i_d, 1e-5, (1e-5) * (1e-3)));
        const B i_b =
            f.bind().components(unchecked, B(v), B(0.3), B(5.4), B(ena), B(ek), B(0.8)).total();
        CHECK(i_b.get(0) == rel(i_d, 1e-14));
        const double nak = p.bind().current_nA(unchecked, v, 7.5, 5.4, ena);
        CHECK(p.bind().current_nA(unchecked, B(v), B(7.5), B(5.4), B(ena)).get(B::size - 1) ==
              rel(nak, 1e-14));
        const double naca = x.bind().current_nA(unchecked, v, 7.5, 140.0, 2e-4, 1.8, rtf);
        CHECK(x.bind()
                  .current_nA(unchecked, B(v), B(7.5), B(140.0), B(2e-4), B(1.8), B(rtf))
                  .get(0) == rel(naca, 1e-13));
        CHECK(double(x.bind().current_nA(unchecked, float(v), 7.5f, 140.0f, 2e-4f, 1.8f,
                                         float(rtf))) == rel(naca, 1e-4, (1e-4) * (1e-3)));
    }
}

TEST_CASE("I_NaK: saturating in Nai and Ko, scaled by isoprenaline") {
    const cardiac::sodium_potassium_pump p{};
    const double ena = rtf * std::log(140.0 / 7.5);
    const double i0 = p.bind().current_nA(unchecked, -50.0, 7.5, 5.4, ena);
    CHECK(i0 > 0.0);
    CHECK(i0 < in_nA(p.i_NaK_max));
    CHECK(p.bind().current_nA(unchecked, -50.0, 7.5, 5.4, ena, 1.2) == rel(1.2 * i0, 1e-14));
    CHECK(p.bind().current_nA(unchecked, -50.0, 15.0, 5.4, ena) > i0);
    CHECK(p.bind().current_nA(unchecked, -50.0, 1e4, 1e4, -1e3) == rel(in_nA(p.i_NaK_max), 1e-3));
    CHECK_THROWS_AS(p(-50.0_mV, 0.0_mM, 5.4_mM, 70.0_mV), domain_error);
    CHECK_THROWS_AS(p(-50.0_mV, 7.5_mM, -1.0_mM, 70.0_mV), domain_error);
    CHECK(p(-50.0_mV, 7.5_mM, 5.4_mM, voltage<double>::from_value(ena * 1e-3)).value() ==
          rel(i0 * 1e-9, 1e-12));
}

TEST_CASE("I_NaCa: Ca2+ extrusion is inward current, thermodynamic direction") {
    const cardiac::sodium_calcium_exchanger x{};
    // resting: Ca_sub 1e-4 mM, -60 mV: forward mode (Ca out, net Na in) = inward current
    CHECK(x.bind().current_nA(unchecked, -60.0, 7.5, 140.0, 1e-4, 1.8, rtf) < 0.0);
    // high subspace Ca2+ drives more extrusion
    CHECK(x.bind().current_nA(unchecked, -60.0, 7.5, 140.0, 1e-3, 1.8, rtf) <
          x.bind().current_nA(unchecked, -60.0, 7.5, 140.0, 1e-4, 1.8, rtf));
    // the sign changes between the forward mode at -60 mV and reverse mode at +60 mV
    CHECK(x.bind().current_nA(unchecked, 60.0, 7.5, 140.0, 1e-4, 1.8, rtf) > 0.0);
    // no Ca2+ on either side, no exchange current
    CHECK(x.bind().current_nA(unchecked, -20.0, 7.5, 140.0, 0.0, 0.0, rtf) == 0.0);
    CHECK_THROWS_AS(x(-60.0_mV, 7.5_mM, 140.0_mM, -1e-4_mM, 1.8_mM, 26.7_mV), domain_error);
}

TEST_CASE("Ca2+ buffers: equilibrium occupancy, competition, domain errors") {
    const cardiac::calcium_buffer tc{88800.0 / (1.0_mM * 1.0_s), 446.0 / 1.0_s,
                                     0.031_mM}; // troponin-Ca, Severi 2012
    const double f = tc.steady_occupancy(2e-4);
    CHECK(f == rel(2e-4 / (2e-4 + 446.0 / 88800.0), 1e-14));
    CHECK(std::abs(tc.bind().occupancy_rate(unchecked, 2e-4, f)) < 1e-12);
    CHECK(tc.bind().free_calcium_rate(1.0) == -0.031);
    // a competing ligand on the same site lowers binding
    CHECK(tc.occupancy_rate(2e-4, 0.0, 0.5) == rel(0.5 * 88800.0 * 2e-4, 1e-14));
    CHECK_THROWS_AS(tc.occupancy_rate(-1e-4, 0.1), domain_error);
    CHECK_THROWS_AS(tc.occupancy_rate(1e-4, 0.7, 0.5), domain_error);
    CHECK_THROWS_AS(
        (cardiac::calcium_buffer{0.0 / (1.0_mM * 1.0_s), 1.0 / 1.0_s, 1.0_mM}.steady_occupancy(
            1.0)),
        domain_error);
}

TEST_CASE("RyR: the four occupancies' sum is conserved, release follows the gradient") {
    const cardiac::ryanodine_receptor ryr{};
    const auto r = ryr.rates(0.7, 1e-3, 2e-4, 0.2998, 5e-4, 0.3);
    CHECK(std::abs(r.dR + r.dO + r.dI + r.dRI) < 1e-12);
    CHECK(r.release == rel(250e6 * 1e-3 * (0.3 - 5e-4), 1e-14));
    CHECK(ryr.rates(0.7, 1e-3, 2e-4, 0.3, 0.3, 0.3).release == 0.0);
}

TEST_CASE("Severi 2012: GHK currents are smooth through V = 0 (exprel, no offsets)") {
    const sv::model mdl{};
    auto x = sv::initial_state;
    x[sv::dL] = 0.8;
    x[sv::dT] = 0.5;
    x[sv::fT] = 0.3;
    x[sv::Ca_sub] = 2e-4;
    const auto at = [&](double v) {
        x[sv::V] = v;
        return mdl.currents(x);
    };
    const auto c0 = at(0.0), cp = at(1e-9), cm = at(-1e-9);
    for (double i : {c0.i_cal, c0.i_sica, c0.i_sik, c0.i_sina, c0.i_cat})
        CHECK(std::isfinite(i));
    CHECK(c0.i_cal == rel(0.5 * (cp.i_cal + cm.i_cal), 1e-9));
    CHECK(c0.i_cat == rel(0.5 * (cp.i_cat + cm.i_cat), 1e-9));
    // At V = 0 the GHK form gives P (c_in - c_out) * gates.
    const double open_l = 0.8 * x[sv::fL] * x[sv::fCa];
    CHECK(c0.i_sica == rel(0.2 * (2e-4 - 1.8) * open_l, 1e-14));
    // Away from 0 the CellML's raw form 2 P V / (RT/F (1 - exp(-2V/(RT/F)))) (c_in - c_out
    // e^{-2V/(RT/F)}) agrees.
    const double v = 7.0;
    const double e2 = std::exp(-2.0 * v / rtf);
    const double raw = 2.0 * 0.2 * v / (rtf * (1.0 - e2)) * (2e-4 - 1.8 * e2) * open_l;
    CHECK(at(v).i_sica == rel(raw, 1e-13));
    // the L-type gate's rates at the CellML's singular points (-41.8, -6.8, -1.8 mV) are finite
    // and continuous
    for (double vs : {-41.8, -6.8, -1.8}) {
        sv::state d0, dp;
        x[sv::V] = vs;
        mdl.rhs(x, d0);
        x[sv::V] = vs + 1e-7;
        mdl.rhs(x, dp);
        CHECK(std::isfinite(d0[sv::dL]));
        CHECK(d0[sv::dL] == rel(dp[sv::dL], 1e-5));
        CHECK(std::isfinite(d0[sv::m]));
    }
}

TEST_CASE("Severi 2012: right-hand side at the published initial state") {
    const sv::model mdl{};
    sv::state d;
    mdl.rhs(sv::initial_state, d);
    for (std::size_t i = 0; i < sv::n_states; ++i)
        CHECK(std::isfinite(d[i]));
    // dV/dt = -i_tot / C at V = -52 mV: the cell depolarises (diastole)
    const auto f = mdl.currents(sv::initial_state);
    CHECK(d[sv::V] == rel(-f.i_tot / 3.2e-5, 1e-14));
    // The CellML right-hand side evaluated independently (an interpreter of the CellML MathML,
    // with its constants R = 8314.472, F = 96485.3415) gives dV/dt = -148.606494537 mV/s at the
    // initial state; noneq's exact R and F shift RT/F by 1.3e-6 relative.
    CHECK(d[sv::V] == rel(-148.606494537, 1e-5));
    CHECK(d[sv::Nai] == rel(-0.0622877611145, 1e-5));
    CHECK(std::abs(d[sv::R] + d[sv::O] + d[sv::I] + d[sv::RI]) < 1e-12);
    // the batch right-hand side equals the scalar one lane by lane
    using B = xsimd::batch<double>;
    std::array<B, sv::n_states> xb, db;
    for (std::size_t i = 0; i < sv::n_states; ++i)
        xb[i] = B(sv::initial_state[i]);
    mdl.rhs(xb, db);
    for (std::size_t i = 0; i < sv::n_states; ++i)
        CHECK(db[i].get(B::size - 1) == rel(d[i], 1e-9, (1e-9) * (std::abs(d[i]) + 1e-6)));
}

TEST_CASE("Severi 2012: parameters are checked") {
    sv::parameters p;
    p.if_block = 1.5;
    CHECK_THROWS_AS(sv::model{p}, domain_error);
    p = {};
    p.iso_uM = 0.5; // only 1 uM is modelled
    CHECK_THROWS_AS(sv::model{p}, domain_error);
    p = {};
    p.ach_nM = -1.0;
    CHECK_THROWS_AS(sv::model{p}, domain_error);
    p = {};
    p.cs_mM = NAN;
    CHECK_THROWS_AS(sv::model{p}, domain_error);
    p = {};
    p.if_block = 1.0; // full block is legal
    CHECK_NOTHROW(sv::model{p});
    p = {};
    p.Ko = 0.0_mM;
    CHECK_THROWS_WITH_AS(sv::model{p}, doctest::Contains("Ko"), domain_error);
    p = {};
    p.tau_tr = -40.0_ms; // the constants are quantities, checked by name
    CHECK_THROWS_WITH_AS(sv::model{p}, doctest::Contains("tau_tr"), domain_error);
    p = {};
    p.cq.kb = 0.0 / 1.0_s;
    CHECK_THROWS_WITH_AS(sv::model{p}, doctest::Contains("kb"), domain_error);
    // read-outs at the API edge are quantities
    const sv::model mdl{};
    CHECK(in_mV(sv::membrane_potential(sv::initial_state)) == rel(-52.0, 1e-15));
    CHECK(sv::subspace_calcium(sv::initial_state).value() == 1e-5); // mol/m^3 = mM
    CHECK(sv::funny_current(mdl, sv::initial_state).value() ==
          rel(mdl.currents(sv::initial_state).i_f * 1e-9, 1e-15));
}

namespace {
struct blow_up { // x' = x^2 from x(0) = 1 reaches infinity at t = 1
    template <class V>
    void rhs(const std::array<V, 2>& x, std::array<V, 2>& d) const {
        d[0] = x[0] * x[0];
        d[1] = V(0);
    }
};
struct goes_nan { // y' = sqrt(1 - x) is NaN once x = t passes 1
    template <class V>
    void rhs(const std::array<V, 2>& x, std::array<V, 2>& d) const {
        using std::sqrt;
        using xsimd::sqrt;
        d[0] = V(1);
        d[1] = sqrt(V(1) - x[0]);
    }
};
} // namespace

namespace {
const auto s0 = noneq::time<double>::from_value(0.0);
const auto s2 = noneq::time<double>::from_value(2.0);
// output every millisecond: the last good output is close to the failure
run_options fine_output() {
    auto o = cardiac::cell_options();
    o.dt = 1.0_ms;
    return o;
}
} // namespace

TEST_CASE("cell driver: a NaN right-hand side stops the run, names the variable") {
    const char* names[] = {"x", "y"};
    for (auto m : {method::rodas4, method::dopri5}) {
        std::array<double, 2> x{0.0, 0.0};
        try {
            cardiac::run_cell(
                goes_nan{}, x, std::array<double, 2>{1.0, 1.0}, s0, s2, [](const auto&, double) {},
                fine_output(), m, names);
            FAIL("no integration_error");
        } catch (const integration_error& e) {
            INFO(std::string(e.what()));
            CHECK(e.variable() == "y");
            CHECK(std::string(e.what()).find("'y'") != std::string::npos);
            CHECK(e.last_good_time() <= 1.0);
            CHECK(e.last_good_time() > 0.5); // dopri5's last accepted step may be long
            CHECK(std::isfinite(x[1]));
        }
    }
}

TEST_CASE("cell driver: a non-finite state stops the run, names time and variable") {
    const char* names[] = {"x", "y"};
    for (auto m : {method::rodas4, method::dopri5}) {
        std::array<double, 2> x{1.0, 0.0};
        try {
            cardiac::run_cell(
                blow_up{}, x, std::array<double, 2>{1.0, 1.0}, s0, s2, [](const auto&, double) {},
                fine_output(), m, names);
            FAIL("no integration_error");
        } catch (const integration_error& e) {
            INFO(std::string(e.what()));
            CHECK(e.variable() == "x");
            CHECK(e.last_good_time() > 0.99); // the blow-up time is 1
            CHECK(e.last_good_time() < 1.01); // within the tolerance of the integration
            CHECK(std::isfinite(x[0]));       // the last good state
            CHECK(x[0] > 1e3);
        }
    }
    // bad arguments are domain errors
    std::array<double, 2> x{1.0, 0.0};
    using noneq::test::rejects;
    CHECK(rejects([&] {
              cardiac::advance_cell(blow_up{}, x, std::array<double, 2>{1.0, 0.0}, s0, s2);
          }) == "scale[1]");
    CHECK(rejects([&] {
              cardiac::advance_cell(blow_up{}, x, std::array<double, 2>{1.0, 1.0}, s2, s2);
          }) == "t1");
    // a cell model runs in seconds, whatever unit its times are written in
    static_assert(std::is_same_v<time_unit_t<cardiac::cell<blow_up, 2>>, noneq::seconds>);
    static_assert(integrable_system<cardiac::cell<blow_up, 2>>);
    static_assert(!integrable_system<blow_up>); // no time unit, no odeint signature
}

namespace {
struct stiff_decay { // x' = -1e6 (x - y), y' = -y: x follows y = e^-t after a 1 us layer
    template <class V>
    void rhs(const std::array<V, 2>& x, std::array<V, 2>& d) const {
        d[0] = V(-1e6) * (x[0] - x[1]);
        d[1] = -x[1];
    }
};
} // namespace

TEST_CASE("RODAS4: a stiff decay in few steps, to its tolerance") {
    std::array<double, 2> x{0.0, 1.0};
    // the same two seconds, written in milliseconds
    const auto steps = cardiac::advance_cell(stiff_decay{}, x, std::array<double, 2>{1.0, 1.0},
                                             0.0_ms, 2000.0_ms, cardiac::cell_options(1e-8));
    // after the layer x = e^-t / (1 - 1e-6) exactly (the slow solution of the linear system)
    CHECK(x[1] == rel(std::exp(-2.0), 1e-7));
    CHECK(x[0] == rel(std::exp(-2.0) / (1.0 - 1e-6), 1e-7));
    CHECK(steps < 500); // an explicit method needs ~1e6 steps (stability bound ~3e-6 s)
}

TEST_CASE("Severi 2012: RODAS4 and dopri5 agree on the cycle") {
    const sv::model mdl{};
    std::vector<double> t[2], v[2];
    for (int k = 0; k < 2; ++k) {
        auto x = sv::initial_state;
        cardiac::run_cell(
            mdl, x, sv::state_scale, s0, noneq::time<double>::from_value(1.2),
            [&](const sv::state& y, double ts) {
                t[k].push_back(ts);
                v[k].push_back(y[sv::V]);
            },
            cardiac::cell_options(1e-7), k == 0 ? method::rodas4 : method::dopri5);
    }
    const auto a = measure_cycles(t[0], v[0]), b = measure_cycles(t[1], v[1]);
    REQUIRE(a.n_cycles >= 2);
    CHECK(a.n_cycles == b.n_cycles);
    // both methods' errors are ~1e-8 relative at this tolerance (benchmarks/bench_pacemaker.cpp)
    CHECK(a.cycle_length_s == rel(b.cycle_length_s, 1e-6));
    CHECK(a.mdp_mV == rel(b.mdp_mV, 1e-6));
    CHECK(a.dvdt_max_V_per_s == rel(b.dvdt_max_V_per_s, 1e-5));
}

TEST_CASE("cycle metrics of a sine wave (every metric known in closed form)") {
    // V = -20 + 40 sin(2 pi t / P), P = 0.2 s: CL = P, peak 20, MDP -60, APA 80, APD50 = P/2
    const double P = 0.2, w = 2.0 * std::numbers::pi / P;
    std::vector<double> t, v;
    for (int k = 0; k <= 200000; ++k) {
        t.push_back(1e-5 * k + 1e-7);
        v.push_back(-20.0 + 40.0 * std::sin(w * t.back()));
    }
    cycle_options opt;
    opt.t_start_s = 0.1;
    opt.threshold_mV = -30.0;
    opt.ddr_window_s = 0.02;
    const auto m = measure_cycles(t, v, {}, opt);
    CHECK(m.n_cycles == 9); // upstrokes near 0.2, 0.4, ..., 2.0 s
    CHECK(m.cycle_length_s == rel(P, 1e-8));
    CHECK(m.rate_bpm == rel(300.0, 1e-8));
    CHECK(m.overshoot_mV == rel(20.0, 1e-8));
    CHECK(m.mdp_mV == rel(-60.0, 1e-8));
    CHECK(m.apa_mV == rel(80.0, 1e-8));
    CHECK(m.apd50_s == rel(P / 2, 1e-7));
    CHECK(m.dvdt_max_V_per_s == rel(40.0 * w * 1e-3, 1e-7));
    // the MDP's time is known to within the 10 us sample spacing
    CHECK(m.ddr_mV_per_s == rel(40.0 * (1.0 - std::cos(w * 0.02)) / 0.02, 1e-4));
    const double c = 0.5 / (40.0 * w * 1e-3); // dV/dt = 0.5 V/s on the rise
    CHECK(m.top_mV == rel(-20.0 - 40.0 * std::sqrt(1.0 - c * c), 1e-6));
    CHECK(m.cycle_length_spread_s < 1e-9);
    // a flat line has no cycles
    const std::vector<double> flat(t.size(), -60.0);
    CHECK(measure_cycles(t, flat).n_cycles == 0);
    // bad input names the argument
    std::vector<double> bad = t;
    bad[5] = bad[4];
    CHECK_THROWS_AS(measure_cycles(bad, v), domain_error);
    CHECK_THROWS_AS(measure_cycles(t, std::vector<double>(3, 0.0)), domain_error);
    std::vector<double> vn = v;
    vn[10] = NAN;
    CHECK_THROWS_WITH_AS(measure_cycles(t, vn), doctest::Contains("v[10]"), domain_error);
}

TEST_CASE("bad input: I_f names the argument") {
    using noneq::test::rejects;
    const cardiac::funny_current f{};
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const auto mv = [](double x) { return voltage<double>::from_value(x * 1e-3); };
    const auto ena = mv(70.0), ek = mv(-90.0);
    CHECK(rejects([&] { f(mv(nan), 0.5, 5.4_mM, ena, ek); }) == "v");
    CHECK(rejects([&] { f(-60.0_mV, 1.5, 5.4_mM, ena, ek); }) == "y");
    CHECK(rejects([&] { f(-60.0_mV, 0.5, 0.0_mM, ena, ek); }) == "ko");
    CHECK(rejects([&] { f(-60.0_mV, 0.5, 5.4_mM, mv(nan), ek); }) == "e_na");
    CHECK(rejects([&] { f(-60.0_mV, 0.5, 5.4_mM, ena, mv(nan)); }) == "e_k");
    CHECK(rejects([&] { f(-60.0_mV, 0.5, 5.4_mM, ena, ek, 1.5); }) == "unblocked");
}
