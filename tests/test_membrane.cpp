// membrane/ and analysis/: HH rates as hh.mod, gate and channel policies, Membrane composition,
// the GABA_A synapse with its Nernst reversal, leak, pumps, I-V curves, fixed points, spikes.
#include <noneq/analysis/eigenvalues.hpp>
#include <noneq/analysis/fixed_points.hpp>
#include <noneq/analysis/iv_curve.hpp>
#include <noneq/analysis/spikes.hpp>
#include <noneq/integrate/observers.hpp>
#include <noneq/integrate/run.hpp>
#include <noneq/membrane/channel.hpp>
#include <noneq/membrane/gates.hpp>
#include <noneq/membrane/hh.hpp>
#include <noneq/membrane/ions.hpp>
#include <noneq/membrane/leak.hpp>
#include <noneq/membrane/membrane.hpp>
#include <noneq/membrane/part.hpp>
#include <noneq/membrane/pump_nak.hpp>
#include <noneq/membrane/rate_table.hpp>
#include <noneq/membrane/squid_axon.hpp>
#include <noneq/membrane/synapse.hpp>

#include <doctest/doctest.h>

#include "support/bad_input.hpp"
#include "support/compare.hpp"

#include <cmath>
#include <complex>
#include <limits>
#include <string>
#include <vector>

using namespace noneq;
using namespace noneq::literals;
using noneq::test::rel;

namespace {
constexpr double eps = std::numeric_limits<double>::epsilon();

// A stand-in electrogenic pump for the composition tests: a fixed outward density (the real
// Na/K-ATPase lives in its own header); it satisfies pump_policy with units at its edge.
struct constant_pump {
    current_density<double> i;
    current_density<double> current(const voltage<double>&, const environment&) const { return i; }
};
// Kinetics in the inf/tau form, for the concept and form-equivalence tests.
struct m_inf_tau {
    static constexpr const char* name = "m";
    template <class V>
    static V inf(const V& v) {
        return hh::m_inf(v);
    }
    template <class V>
    static V tau(const V& v) {
        return V(1) / (hh::alpha_m(v) + hh::beta_m(v));
    }
};
struct not_kinetics {
    static constexpr const char* name = "x";
};
} // namespace

// ---- concepts ------------------------------------------------------------------------------
static_assert(alpha_beta_kinetics<hh::m_kinetics> && gate_kinetics<hh::m_kinetics>);
static_assert(inf_tau_kinetics<m_inf_tau> && gate_kinetics<m_inf_tau>);
static_assert(!gate_kinetics<not_kinetics>);
static_assert(q10_scaled_kinetics<hh::n_kinetics> && !q10_scaled_kinetics<m_inf_tau>);
static_assert(q10_scaled_kinetics<q10_scaled<m_inf_tau, 3.0, 6.3>>);
static_assert(membrane_part<hh::na_channel> && membrane_part<leak> && membrane_part<step_current>);
static_assert(membrane_part<gaba_a_synapse>);
static_assert(pump_policy<constant_pump> && !membrane_part<constant_pump>);
static_assert(membrane_part<pump_part<constant_pump>>);
static_assert(ion_species<ion::cl> && ion::cl::z == -1);
static_assert(hh::axon::size == 4);
static_assert(std::is_same_v<hh::axon::state_type, std::array<double, 4>>);

TEST_CASE("HH rates are hh.mod's, including the vtrap limits") {
    // At the removable singularities vtrap(0, 10) = 10 (hh.mod's series branch): alpha_m(-40) =
    // 0.1 * 10 and alpha_n(-55) = 0.01 * 10.
    CHECK(hh::alpha_m(-40.0) == rel(1.0, 4 * eps));
    CHECK(hh::alpha_n(-55.0) == rel(0.1, 4 * eps));
    // Away from it: alpha_m(-50) = 0.1 * 10 / (e - 1); alpha_n(-45) = 0.01 * (-10)/(e^-1 - 1).
    CHECK(hh::alpha_m(-50.0) == rel(1.0 / (std::exp(1.0) - 1), 8 * eps));
    CHECK(hh::alpha_n(-45.0) == rel(-0.1 / (std::exp(-1.0) - 1), 8 * eps));
    CHECK(hh::beta_m(-65.0) == 4.0);
    CHECK(hh::alpha_h(-65.0) == 0.07);
    CHECK(hh::beta_h(-35.0) == 0.5);
    CHECK(hh::beta_n(-65.0) == 0.125);
    // Smooth through the singularity: hh.mod's branch y (1 - x/y/2) at |x/y| = 1e-7.
    const double x = -1e-6;
    CHECK(hh::alpha_m(-40.0 + 1e-6) == rel(0.1 * 10 * (1 - x / 10 / 2), 1e-12));
    // q10 = 3^((T - 6.3)/10)
    CHECK(hh::q10_factor(6.3) == 1.0);
    CHECK(hh::q10_factor(16.3) == rel(3.0, 4 * eps));
    CHECK(hh::q10_factor(-3.7) == rel(1.0 / 3, 4 * eps));
    // rates() = the individual functions; tau scales as 1/q10.
    const auto r = hh::rates(-30.0, 2.0);
    CHECK(r.m_inf == rel(hh::m_inf(-30.0), 2 * eps));
    CHECK(r.h_tau == rel(hh::tau_h(-30.0, 1.0) / 2, 4 * eps));
    CHECK(r.n_tau == rel(hh::tau_n(-30.0, 2.0), 2 * eps));
    // Textbook resting values at -65 mV (Hodgkin & Huxley 1952 / NEURON): m 0.0529, h 0.596,
    // n 0.3177 (4 digits).
    CHECK(hh::m_inf(-65.0) == rel(0.05293, 1e-3));
    CHECK(hh::h_inf(-65.0) == rel(0.5961, 1e-3));
    CHECK(hh::n_inf(-65.0) == rel(0.3177, 1e-3));
}

TEST_CASE("HH rates are the same formulas for float and xsimd batches") {
    using B = xsimd::batch<double>;
    for (double v : {-100.0, -65.0, -55.0, -40.0, -39.9999, 0.0, 40.0}) {
        const auto rb = hh::rates(B(v), B(hh::q10_factor(20.0)));
        const auto rs = hh::rates(v, hh::q10_factor(20.0));
        for (std::size_t l = 0; l < B::size; ++l) {
            CHECK(rb.m_inf.get(l) == rel(rs.m_inf, 1e-14));
            CHECK(rb.h_tau.get(l) == rel(rs.h_tau, 1e-14));
            CHECK(rb.n_tau.get(l) == rel(rs.n_tau, 1e-14));
        }
        CHECK(double(hh::n_inf(float(v))) == rel(hh::n_inf(v), 1e-5));
    }
    // The cnexp gate update is exact for constant rates: x(t) = x_inf + (x0 - x_inf) e^{-t/tau}.
    CHECK(relax_exactly(0.1, 0.5, 2.0, 0.7) == rel(0.5 + (0.1 - 0.5) * std::exp(-0.35), 4 * eps));
}

TEST_CASE("gate policies: both forms and Q10 scaling agree") {
    const double v = -52.0, phi = temperature_factor<hh::m_kinetics>(16.3);
    CHECK(phi == rel(3.0, 4 * eps));
    CHECK(temperature_factor<m_inf_tau>(30.0) == 1.0); // unscaled policy
    const auto ab = gate_inf_tau<hh::m_kinetics>(v, phi);
    const auto it = gate_inf_tau<q10_scaled<m_inf_tau, 3.0, 6.3>>(
        v, temperature_factor<q10_scaled<m_inf_tau, 3.0, 6.3>>(16.3));
    CHECK(ab.inf == rel(it.inf, 2 * eps));
    CHECK(ab.tau == rel(it.tau, 4 * eps));
    CHECK(ab.tau == rel(hh::tau_m(v, 3.0), 4 * eps));
    // phi (alpha (1 - x) - beta x) against (x_inf - x)/tau: a few roundings apart
    CHECK(gate_derivative<hh::m_kinetics>(0.2, v, 1.0) ==
          rel((hh::m_inf(v) - 0.2) / hh::tau_m(v, 1.0), 16 * eps));
    CHECK(gate_derivative<m_inf_tau>(0.2, v, 1.0) ==
          rel((hh::m_inf(v) - 0.2) / hh::tau_m(v, 1.0), 16 * eps));
    CHECK(ipow<3>(0.5) == 0.125);
    CHECK(ipow<4>(0.5) == 0.0625);
    CHECK(relax_exactly(0.0, 1.0, 1.0, 1e-20) == rel(1e-20, 4 * eps));
}

TEST_CASE("channels: open probability, ohmic and GHK permeation, Nernst reversal") {
    environment env;
    auto na = hh::make_na_channel();
    na.bind(env);
    const double s[2] = {0.3, 0.6};
    CHECK(na.open_probability(s) == rel(0.3 * 0.3 * 0.3 * 0.6, 4 * eps));
    CHECK(na.current(-20.0, s) == rel(120 * 0.027 * 0.6 * (-20 - 50), 8 * eps));
    CHECK(hh::na_channel::state_name(0) == "Na.m");
    CHECK(hh::k_channel::state_name(0) == "K.n");

    // Reversal from the environment: a K channel without e_rev reverses at E_K (Nernst).
    using kdr = channel<permeation::ohmic, ion::k, gates<gate<hh::n_kinetics, 4>>>;
    kdr k({36.0_mS_per_cm2});
    k.bind(env);
    const double ek = in_mV(env.reversal<ion::k>());
    const double n1[1] = {0.5};
    CHECK(std::abs(k.current(ek, n1)) < 1e-12);
    CHECK(ek == rel(in_mV(nernst(1, 400.0_mM, 20.0_mM, env.T)), 4 * eps));

    // GHK permeation: I = P_open * I_GHK and zero at the Nernst potential.
    using na_ghk =
        channel<permeation::ghk, ion::na, gates<gate<hh::m_kinetics, 3>, gate<hh::h_kinetics, 1>>>;
    na_ghk g({permeability<double>::from_value(1e-6)});
    g.bind(env);
    const double ena = in_mV(env.reversal<ion::na>());
    CHECK(std::abs(g.current(ena, s)) < 1e-9);
    const auto ref = ghk_current(1, permeability<double>::from_value(1e-6 * 0.0162), -10.0_mV,
                                 50.0_mM, 440.0_mM, env.T);
    CHECK(g.current(-10.0, s) == rel(in_uA_per_cm2(ref), 1e-13));
    // Nonsense parameters are rejected when bound.
    kdr bad({conductance_density<double>::from_value(-1.0)});
    CHECK_THROWS_AS(bad.bind(env), domain_error);
}

TEST_CASE("the HH axon as a Membrane: current balance, steady state, names") {
    auto ax = hh::make_axon(10.0_uA_per_cm2, 1.0_ms);
    CHECK(ax.variable_name(0) == "V");
    CHECK(ax.variable_name(hh::H) == "Na.h");
    CHECK(ax.variable_name(hh::N) == "K.n");
    auto x = ax.steady_state(-65.0);
    CHECK(x[hh::M] == rel(hh::m_inf(-65.0), 2 * eps));
    hh::axon::state_type d{};
    ax(x, d, 0.5); // before the step: only the ionic current
    const double iion = hh::i_ion(-65.0, x[1], x[2], x[3]);
    CHECK(d[0] == rel(-iion, 1e-12));
    CHECK(d[1] == rel(0.0, 0.0, 1e-12));
    ax(x, d, 1.5); // during the step: +10 uA/cm^2 depolarises by 10 mV/ms at 1 uF/cm^2
    CHECK(d[0] == rel(10.0 - iion, 1e-12));
    // Temperature enters every gate through q10.
    environment warm = ax.env();
    warm.T = kelvin(16.3_degC);
    ax.set_environment(warm);
    x[hh::M] = 0.2;
    ax(x, d, 0.0);
    CHECK(d[hh::M] == rel(3 * (hh::m_inf(-65.0) - 0.2) / hh::tau_m(-65.0, 1.0), 1e-12));
    CHECK_THROWS_AS(hh::make_axon(1.0_uA_per_cm2, 0.0_ms, celsius<double>(-300.0)), domain_error);
}

TEST_CASE("composition: synapse, pump and leak in one membrane") {
    environment env;
    env.set<ion::cl>(10.0_mM, 130.0_mM);
    gaba_a_synapse syn({1.0_mS_per_cm2}, {5.0, 1.0});
    using cell = membrane<specific_capacitance, hh::na_channel, hh::k_channel, leak, gaba_a_synapse,
                          constant_pump, step_current>;
    cell c(env, specific_capacitance(2.0_uF_per_cm2), hh::make_na_channel(), hh::make_k_channel(),
           hh::make_leak(), syn, constant_pump{0.5_uA_per_cm2}, step_current(0.0_uA_per_cm2));
    static_assert(cell::size == 5);
    CHECK(cell::variable_name(4) == "GABA_A.s");
    CHECK(c.capacitance().uF_per_cm2() == rel(2.0, 4 * eps));
    const double ecl = c.part<3>().e_cl_mV();
    CHECK(ecl == rel(in_mV(nernst(-1, 10.0_mM, 130.0_mM, env.T)), 1e-14));
    auto x = c.steady_state(-60.0, 0.0);
    x[4] = 0.25;
    cell::state_type d{};
    c(x, d, 1.5); // transmitter pulse from the spike at 1 ms is on
    const double i = hh::i_ion(-60.0, x[1], x[2], x[3]) + 1.0 * 0.25 * (-60.0 - ecl) + 0.5;
    CHECK(d[0] == rel(-i / 2.0, 1e-12));
    CHECK(d[4] == rel(5.0 * 1.0 * 0.75 - 0.18 * 0.25, 1e-14));
    c(x, d, 2.5); // pulse over
    CHECK(d[4] == rel(-0.18 * 0.25, 1e-14));
}

TEST_CASE("GABA_A synapse: Nernst reversal, exact relaxation, direction of its effect") {
    environment env;
    env.set<ion::cl>(7.0_mM, 130.0_mM);
    gaba_a_synapse syn({0.1_mS_per_cm2}, {10.0});
    syn.bind(env);
    // E_Cl = -(RT/F) ln(Cl_o/Cl_i)
    const double rt_f = in_mV(thermal_voltage(env.T));
    CHECK(syn.e_cl_mV() == rel(-rt_f * std::log(130.0 / 7.0), 1e-14));
    CHECK(syn.transmitter(9.99) == 0.0);
    CHECK(syn.transmitter(10.5) == 1.0);
    CHECK(syn.transmitter(11.0) == 0.0);
    double s[1] = {0.0};
    syn.relax(-65.0, s, 0.5, 10.2); // binding with T = 1 mM: s_inf = 5/5.18, tau = 1/5.18
    CHECK(s[0] == rel(5.0 / 5.18 * (1 - std::exp(-0.5 * 5.18)), 1e-14));
    // Direction: mature neuron (E_Cl below rest) hyperpolarises; intermediate Cl_i shunts;
    // high Cl_i (immature neurons, Ben-Ari 2002) depolarises past threshold.
    CHECK(gaba_a_effect(-75.0_mV, -65.0_mV, -55.0_mV) == gaba_effect::hyperpolarising);
    CHECK(gaba_a_effect(-60.0_mV, -65.0_mV, -55.0_mV) == gaba_effect::shunting);
    CHECK(gaba_a_effect(-40.0_mV, -65.0_mV, -55.0_mV) == gaba_effect::excitatory);
    CHECK(std::string(to_string(gaba_effect::shunting)) == "shunting");
    CHECK_THROWS_AS(gaba_a_effect(-40.0_mV, -65.0_mV, -70.0_mV), domain_error);
    CHECK_THROWS_AS(env.set<ion::cl>(0.0_mM, 130.0_mM), domain_error);
    CHECK_THROWS_AS(gaba_a_synapse({0.1_mS_per_cm2}, {std::nan("")}), domain_error);
    CHECK_THROWS_AS(leak(conductance_density<double>::from_value(-1.0), -54.3_mV), domain_error);
    CHECK_THROWS_AS(step_current(1.0_uA_per_cm2, -1.0_ms), domain_error);
}

TEST_CASE("eigenvalues of small matrices") {
    using C = std::complex<double>;
    auto ev = eigenvalues({0, 1, -1, 0}, 2); // rotation: +-i
    CHECK(std::abs(ev[0].imag()) == rel(1.0, 1e-13));
    CHECK(std::abs(ev[0].real()) < 1e-13);
    ev = eigenvalues({1, 2, 3, 4, 5, 6, 7, 8, 10}, 3); // trace 16, det -3
    C sum = 0, prod = 1;
    for (auto e : ev)
        sum += e, prod *= e;
    CHECK(sum.real() == rel(16.0, 1e-13));
    CHECK(prod.real() == rel(-3.0, 1e-12));
    ev = eigenvalues({-100, 1, 0, 0, -0.01, 1, 0, 0, -5}, 3); // triangular, widely spread
    CHECK(ev[0].real() == rel(-0.01, 1e-12));
    CHECK(ev[2].real() == rel(-100.0, 1e-13));
    CHECK(classify(eigenvalues({-1, 0, 0, 2}, 2)) == stability::saddle);
    CHECK(classify(eigenvalues({0.1, 1, -1, 0.1}, 2)) == stability::unstable_focus);
    CHECK_THROWS_AS(eigenvalues({1, 2, 3}, 2), domain_error);
}

TEST_CASE("HH fixed points: one stable rest at I = 0, and the fast-subsystem threshold") {
    auto ax = hh::make_axon(0.0_uA_per_cm2);
    const auto iv = iv_curve(ax, -100.0, 40.0, 141);
    for (std::size_t k = 1; k < iv.v_mV.size(); ++k) // the HH steady-state I-V is monotonic
        CHECK(iv.i_uA_per_cm2[k] > iv.i_uA_per_cm2[k - 1]);
    const auto fps = fixed_points(ax);
    REQUIRE(fps.size() == 1);
    CHECK(fps[0].stable());
    CHECK(fps[0].v_mV() == rel(-64.97, 1e-4)); // hh.mod rests near -65 mV
    CHECK(std::abs(steady_state_current(ax, fps[0].v_mV())) < 1e-10);
    // With h and n frozen at rest, the V-m subsystem has rest, threshold (saddle), excited state.
    const auto rest = fps[0].state;
    const auto sub = fixed_points(ax, {}, &rest, {hh::H, hh::N});
    REQUIRE(sub.size() == 3);
    CHECK(sub[0].kind == stability::stable_node);
    CHECK(sub[1].kind == stability::saddle);
    CHECK(sub[2].stable());
    const auto th = threshold(ax, rest[0], {}, &rest, {hh::H, hh::N});
    REQUIRE(th);
    CHECK(th->v_mV() == rel(sub[1].v_mV(), 1e-12));
    CHECK(th->v_mV() > rest[0]);
    CHECK(th->v_mV() < -55.0);
    CHECK(std::abs(instantaneous_current(ax, th->v_mV(), rest, {hh::H, hh::N})) < 1e-9);
    CHECK_THROWS_AS(iv_curve(ax, 10.0, -10.0, 5), domain_error);
}

TEST_CASE("spike statistics and onset bisection") {
    spike_detector sd;
    // a train of triangular spikes: period 10 ms, peak 30 mV, trough -70 mV
    for (int k = 0; k <= 1000; ++k) {
        const double t = 0.1 * k, ph = std::fmod(t, 10.0);
        const double v = ph < 1 ? -70 + 100 * ph : -70 + 100 * (1 - (ph - 1) / 9);
        sd(std::array<double, 1>{v}, t);
    }
    const auto st = spike_stats(sd, 0, 1e9);
    CHECK(st.count == 10);
    CHECK(st.rate_hz == rel(100.0, 1e-9));
    CHECK(st.peak_mV == rel(30.0, 1e-12));
    CHECK(st.ahp_mV == rel(-70.0, 1e-12));
    CHECK(sd.times()[0] == rel(0.7, 1e-12)); // -70 + 100 t = 0
    const double x = bisect_onset([](double i) { return i > 2.5; }, 0.0, 10.0, 1e-9);
    CHECK(x == rel(2.5, 1e-9));
    CHECK_THROWS_AS(bisect_onset([](double) { return true; }, 0.0, 1.0, 1e-3), domain_error);
}

TEST_CASE("a GABA_A event moves the HH axon towards E_Cl: down, slightly up, or over threshold") {
    using cell =
        membrane<specific_capacitance, hh::na_channel, hh::k_channel, leak, gaba_a_synapse>;
    const auto rest_v = fixed_points(hh::make_axon(0.0_uA_per_cm2)).front().v_mV();
    auto response = [&](double e_cl_mV, double g_mS) {
        environment env;
        const double cl_out = 130; // Cl_i from E_Cl = -(RT/F) ln(Cl_o/Cl_i)
        env.set<ion::cl>(concentration<double>::from_value(
                             cl_out * std::exp(e_cl_mV / in_mV(thermal_voltage(env.T)))),
                         concentration<double>::from_value(cl_out));
        cell c(env, specific_capacitance(), hh::make_na_channel(), hh::make_k_channel(),
               hh::make_leak(),
               gaba_a_synapse({conductance_density<double>::from_value(g_mS * 10)}, {5.0}));
        CHECK(c.part<3>().e_cl_mV() == rel(e_cl_mV, 1e-12));
        auto x = c.steady_state(rest_v);
        spike_detector sd;
        double peak = 0;
        run(c, x, 0.0_ms, 60.0_ms, method::dopri5, {0.025_ms, 1e-9, 1e-9},
            [&](const auto& s, double t) {
                sd(s, t);
                if (std::abs(s[0] - rest_v) > std::abs(peak)) peak = s[0] - rest_v;
            });
        return std::pair{peak, sd.count()};
    };
    const auto [down, n_down] = response(rest_v - 10, 1.0);
    CHECK(down < -1.0);
    CHECK(down > -10.0); // never past E_Cl
    CHECK(n_down == 0);
    const auto [shunt, n_shunt] = response(rest_v + 2, 1.0);
    CHECK(shunt > 0.0);
    CHECK(shunt < 2.0); // depolarises, but stays below E_Cl and so below threshold
    CHECK(n_shunt == 0);
    const auto [up, n_up] = response(-30.0, 1.0);
    CHECK(up > 60.0);
    CHECK(n_up == 1); // E_Cl above threshold: the "inhibitory" synapse fires the cell
}

// ---- bad input --------------------------------------------------------------------------------

TEST_CASE("bad input: environment, leak, step current, synapse, Na/K pump, rate table") {
    using noneq::test::rejects;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    environment env;
    CHECK(rejects([&] { env.set<ion::k>(0.0_mM, 20.0_mM); }) == "c_in");
    CHECK(rejects([&] { env.set<ion::k>(400.0_mM, -1.0_mM); }) == "c_out");
    env.T = 0.0_K;
    CHECK(rejects([&] { validate(env); }) == "T");
    env = {};
    env.outside[1] = 0.0_mM;
    CHECK(rejects([&] { validate(env); }) == "c_out");
    CHECK(rejects([&] { (void)leak(-0.3_mS_per_cm2, -54.3_mV); }) == "g_leak");
    CHECK(rejects([&] { (void)leak(0.3_mS_per_cm2, voltage<double>::from_value(nan)); }) ==
          "e_leak");
    CHECK(rejects([&] { (void)step_current(current_density<double>::from_value(nan)); }) ==
          "amplitude");
    CHECK(rejects([&] { (void)step_current(10.0_uA_per_cm2, -1.0_ms); }) == "delay");
    CHECK(rejects([&] { (void)step_current(10.0_uA_per_cm2, 1.0_ms, -1.0_ms); }) == "duration");
    step_current st(10.0_uA_per_cm2);
    CHECK(rejects([&] { st.set_amplitude(current_density<double>::from_value(INFINITY)); }) ==
          "amplitude");
    gaba_a_synapse::parameters sp{1.0_mS_per_cm2};
    CHECK(rejects([&] { (void)gaba_a_synapse(sp, {1.0, nan}); }) == "spike_times[1]");
    sp.beta_per_ms = 0.0;
    CHECK(rejects([&] { (void)gaba_a_synapse(sp); }) == "beta");
    sp = {-1.0_mS_per_cm2};
    CHECK(rejects([&] { (void)gaba_a_synapse(sp); }) == "gmax");
    sp = {1.0_mS_per_cm2};
    sp.pulse_ms = 0.0;
    CHECK(rejects([&] { (void)gaba_a_synapse(sp); }) == "pulse");
    CHECK(rejects([&] { gaba_a_effect(voltage<double>::from_value(nan), -65.0_mV, -50.0_mV); }) ==
          "e_cl");
    CHECK(rejects([&] { gaba_a_effect(-70.0_mV, voltage<double>::from_value(nan), -50.0_mV); }) ==
          "v_rest");
    CHECK(rejects([&] { gaba_a_effect(-70.0_mV, -65.0_mV, -80.0_mV); }) != "<no exception>");
    // Na/K pump
    const auto T = 310.0_K;
    const auto dG = -52.0_kJ_per_mol;
    CHECK(rejects([&] {
              nak_cycle_free_energy(dG, -70.0_mV, 0.0_mM, 145.0_mM, 140.0_mM, 5.0_mM, T);
          }) == "na_i");
    CHECK(rejects([&] {
              nak_cycle_free_energy(dG, -70.0_mV, 12.0_mM, 145.0_mM, 140.0_mM, 0.0_mM, T);
          }) == "k_o");
    CHECK(rejects([&] {
              nak_cycle_free_energy(molar_energy<double>::from_value(nan), -70.0_mV, 12.0_mM,
                                    145.0_mM, 140.0_mM, 5.0_mM, T);
          }) == "dG_atp");
    CHECK(rejects([&] { nak_pump_reversal(dG, 12.0_mM, 145.0_mM, -1.0_mM, 5.0_mM, T); }) == "k_i");
    CHECK(rejects([&] { nak_pump_reversal(dG, 12.0_mM, 145.0_mM, 140.0_mM, 5.0_mM, 0.0_K); }) ==
          "T");
    nak_pump_parameters pp;
    CHECK(rejects([&] {
              nak_pump_current(pp, voltage<double>::from_value(nan), 12.0_mM, 145.0_mM, 140.0_mM,
                               5.0_mM, T);
          }) == "v");
    pp.km_na_i = 0.0_mM;
    CHECK(rejects([&] {
              nak_pump_current(pp, -70.0_mV, 12.0_mM, 145.0_mM, 140.0_mM, 5.0_mM, T);
          }) == "km_na_i");
    pp = {};
    pp.dG_atp = 10.0_kJ_per_mol;
    CHECK(rejects([&] { (void)nak_pump{pp}; }) == "dG_atp");
    // rate table
    const auto f = [](double x) { return std::array<double, 1>{x}; };
    CHECK(rejects([&] { (void)linear_table<double, 1>(nan, 1.0, 0.1, f); }) == "lo");
    CHECK(rejects([&] { (void)linear_table<double, 1>(1.0, 0.0, 0.1, f); }) == "hi");
    CHECK(rejects([&] { (void)linear_table<double, 1>(0.0, 1.0, 0.0, f); }) == "h");
    CHECK(rejects([&] {
              (void)linear_table<double, 1>(
                  -1.0, 1.0, 0.1, [](double x) { return std::array<double, 1>{std::log(x)}; });
          }) == "f(x)");
    CHECK(rejects([&] { hh::make_axon(0.0_uA_per_cm2, 0.0_ms, celsius<double>(-300.0)); }) == "T");
}

TEST_CASE("bad input: analysis") {
    using noneq::test::rejects;
    const auto ax = hh::make_axon(0.0_uA_per_cm2);
    fixed_point_options opt;
    opt.v_max_mV = opt.v_min_mV;
    CHECK(rejects([&] { fixed_points(ax, opt); }) != "<no exception>");
    opt = {};
    opt.scan_points = 1;
    CHECK(rejects([&] { fixed_points(ax, opt); }) == "scan_points");
    CHECK(rejects([&] { iv_curve(ax, -50.0, -100.0, 10); }) == "v_max");
    CHECK(rejects([&] { iv_curve(ax, -100.0, 50.0, 1); }) == "n");
    CHECK(rejects([&] { eigenvalues({1.0, 2.0, 3.0}, 2); }) == "matrix size");
    CHECK(rejects([&] { eigenvalues({1.0, 2.0, 3.0, std::nan("")}, 2); }) == "matrix[3]");
    CHECK(rejects([&] { bisect_onset([](double) { return true; }, 1.0, 0.0, 1e-3); }) == "hi");
    const auto ref = ax.steady_state(-65.0);
    CHECK(rejects([&] { clamped_state(ax, -40.0, 0.0, &ref, {0}); }) == "frozen index");
    CHECK(rejects([&] { bisect_onset([](double i) { return i > 0.5; }, 0.0, 1.0, 0.0); }) == "tol");
}

TEST_CASE("jacobian_eigenvalues: gates frozen, the one eigenvalue is -g_chord / C_m") {
    // Hodgkin & Huxley 1952 (hh.mod): g_Na = 120, g_K = 36, g_L = 0.3 mS/cm^2, C_m = 1 uF/cm^2,
    // so with m, h, n held, dV/dt = -(g_Na m^3 h (V - E_Na) + ...) / C_m has slope -g / C_m per
    // ms. The Jacobian is a finite difference: 1e-6 relative.
    const auto ax = hh::make_axon(0.0_uA_per_cm2);
    const auto x = ax.steady_state(-65.0);
    const double m = x[hh::M], h = x[hh::H], n = x[hh::N];
    const double g = 120.0 * m * m * m * h + 36.0 * n * n * n * n + 0.3;
    const auto ev = jacobian_eigenvalues(ax, x, 0.0, {hh::M, hh::H, hh::N});
    REQUIRE(ev.size() == 1);
    CHECK(ev[0].real() == rel(-g, 1e-6));
    CHECK(ev[0].imag() == 0.0);
}
