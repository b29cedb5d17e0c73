// membrane/population.hpp (with hh_cell.hpp and rate_table.hpp), pump_nak.hpp, pump_leak.hpp: the
// SIMD population against a scalar reference stepping the same cells; the Na/K pump's thermodynamic
// stall; the pump-leak rest as a non-equilibrium steady state, and its run-down when the pump is
// blocked.
#include <noneq/integrate/exponential.hpp>
#include <noneq/membrane/hh_cell.hpp>
#include <noneq/membrane/membrane.hpp>
#include <noneq/membrane/part.hpp>
#include <noneq/membrane/population.hpp>
#include <noneq/membrane/pump_leak.hpp>
#include <noneq/membrane/pump_nak.hpp>
#include <noneq/membrane/rate_table.hpp>
#include <noneq/membrane/squid_axon.hpp>

#include <doctest/doctest.h>

#include "support/compare.hpp"

#include <array>
#include <cmath>
#include <cstddef>
#include <functional>
#include <limits>
#include <numbers>
#include <vector>

using namespace noneq;
using namespace noneq::literals;

namespace {

// The noneq-population benchmark cell: an 18.8 um x 18.8 um cylinder (area pi d L).
const auto cell_area = make<unit::area>(std::numbers::pi * 18.8e-6 * 18.8e-6);
double drive_nA(std::size_t i) {
    return 0.1 + 0.1 * double(i % 10) / 10.0;
}

struct scalar_run {
    std::vector<std::size_t> counts;
    std::vector<double> v_end;
    std::vector<double> first_spike_ms;
};

// The scalar reference: hh_cell's own step over V = double, one cell at a time, upward 0 mV
// crossings counted between steps; first spike time interpolated as the population does.
scalar_run scalar_reference(std::size_t n, const hh_cell& model, double dt_ms, std::size_t steps) {
    scalar_run r{std::vector<std::size_t>(n, 0), std::vector<double>(n, 0.0),
                 std::vector<double>(n, -1.0)};
    const auto k = model.make_coefficients<double>(dt_ms);
    for (std::size_t i = 0; i < n; ++i) {
        std::array<double, 4> x{};
        model.initial(x, -65.0);
        const double area_cm2 = in_cm2(cell_area);
        const double I = drive_nA(i) * 1e-3 / area_cm2; // uA/cm^2
        for (std::size_t s = 0; s < steps; ++s) {
            const double vo = x[0];
            hh_cell::step(x, I, k);
            if (vo < 0.0 && x[0] >= 0.0) {
                if (r.counts[i] == 0)
                    r.first_spike_ms[i] = (double(s) + (0 - vo) / (x[0] - vo)) * dt_ms;
                ++r.counts[i];
            }
        }
        r.v_end[i] = x[0];
    }
    return r;
}

Population<hh_cell> make_population(std::size_t n, const hh_cell& model, double dt_ms,
                                    unsigned threads = 1) {
    Population<hh_cell>::options opt;
    opt.threads = threads;
    opt.block_steps = 333; // not a divisor of the run: exercises a short last block
    Population<hh_cell> pop(n, model, dt_ms * 1.0_ms, -65.0_mV, cell_area, opt);
    for (std::size_t i = 0; i < n; ++i)
        pop.set_stimulus(i, drive_nA(i) * 1.0_nA);
    return pop;
}

} // namespace

TEST_CASE("population: SIMD batches reproduce the scalar reference cell by cell (tail included)") {
    // 37 cells: 4 full AVX-512 batches and a tail of 5 (or other splits on narrower SIMD).
    const std::size_t n = 37, steps = 2000; // 50 ms at 0.025 ms
    for (auto coupling : {hh_coupling::staggered, hh_coupling::simultaneous}) {
        hh_cell model;
        model.coupling = coupling;
        auto pop = make_population(n, model, 0.025);
        pop.advance_steps(steps);
        const auto ref = scalar_reference(n, model, 0.025, steps);
        CHECK(pop.steps_done() == steps);
        for (std::size_t i = 0; i < n; ++i) {
            CHECK(pop.spike_count(i) == ref.counts[i]);
            // xsimd's exp/expm1 and libm's differ by ~1 ulp; on the stable limit cycle these
            // differences stay near the rounding level (1e-9 mV is ~1e5 ulp of 65 mV).
            CHECK(in_mV(pop.v(i)) == doctest::Approx(ref.v_end[i]).epsilon(1e-9));
            REQUIRE(!pop.spike_times(i).empty());
            CHECK(in_ms(pop.spike_times(i)[0]) ==
                  doctest::Approx(ref.first_spike_ms[i]).epsilon(1e-9));
        }
        CHECK(pop.total_spikes() > 0);
    }
}

TEST_CASE("population: table rates, SIMD gathers = the scalar table lookup, cell by cell") {
    const std::size_t n = 37, steps = 2000;
    hh_cell model;
    model.rates = hh_rates::table;
    auto pop = make_population(n, model, 0.025);
    pop.advance_steps(steps);
    const auto ref = scalar_reference(n, model, 0.025, steps);
    for (std::size_t i = 0; i < n; ++i) {
        CHECK(pop.spike_count(i) == ref.counts[i]);
        CHECK(in_mV(pop.v(i)) == doctest::Approx(ref.v_end[i]).epsilon(1e-9)); // as above
    }
}

TEST_CASE("population: two threads give bit-identical results to one") {
#ifdef NONEQ_SANITIZED
    const std::size_t n = 40, steps = 400;
#else
    const std::size_t n = 200, steps = 1200;
#endif
    auto a = make_population(n, hh_cell{}, 0.025, 1);
    auto b = make_population(n, hh_cell{}, 0.025, 2);
    a.advance_steps(steps);
    b.advance_steps(steps);
    CHECK(b.steps_done() == steps);
    for (std::size_t i = 0; i < n; ++i) {
        CHECK(a.spike_count(i) == b.spike_count(i));
        for (std::size_t k = 0; k < 4; ++k)
            CHECK(a.state(i, k) == b.state(i, k));
    }
}

TEST_CASE("population: staggered coupling has the converged spike count at dt = 0.025 ms") {
    // 10 cells (one of each drive), 100 ms. dt -> 0 (0.001 ms) gives 78 spikes, as does NEURON
    // 8.2 (hh.mod, fixed step 0.025 ms; benchmarks/peers/neuron_hh_population.py). Brian2's
    // simultaneous exponential Euler lags and gives 76 at 0.025 ms (brian2_hh_population.py).
#ifdef NONEQ_SANITIZED
    const double dt_fine = 0.005; // 78 as well (dt = 0.01, 0.005, 0.0025, 0.001 all give 78)
#else
    const double dt_fine = 0.001;
#endif
    auto fine = make_population(10, hh_cell{}, dt_fine);
    fine.advance(100.0_ms);
    auto coarse = make_population(10, hh_cell{}, 0.025);
    coarse.advance(100.0_ms);
    CHECK(fine.total_spikes() == 78);
    CHECK(coarse.total_spikes() == fine.total_spikes());
    hh_cell brian;
    brian.coupling = hh_coupling::simultaneous;
    auto b = make_population(10, brian, 0.025);
    b.advance(100.0_ms);
    CHECK(b.total_spikes() == 76);
    // Brian2 2.5.1 cpp_standalone, the same model: cell 0 ends at -72.1223348215 mV (printed to
    // 12 digits by brian2_hh_population.py; Brian2 compiles with -ffast-math, so agreement is
    // limited to its reassociated rounding).
    CHECK(in_mV(b.v(0)) == doctest::Approx(-72.1223348215).epsilon(1e-9));
}

TEST_CASE("population: input checks and a non-finite state restoring the last common state") {
    CHECK_THROWS_AS(Population<hh_cell>(0, hh_cell{}, 0.025_ms, -65.0_mV, cell_area), domain_error);
    CHECK_THROWS_AS(Population<hh_cell>(4, hh_cell{}, -0.025_ms, -65.0_mV, cell_area),
                    domain_error);
    Population<hh_cell> pop(9, hh_cell{}, 0.025_ms, -65.0_mV, cell_area);
    CHECK_THROWS_AS(pop.set_stimulus(9, 1.0_nA), domain_error);
    CHECK_THROWS_AS(pop.set_area(0, make<unit::area>(0.0)), domain_error);
    pop.advance_steps(10);
    const double v3 = in_mV(pop.v(3));
    pop.set_stimulus(3, 1e300 * 1.0_nA); // V_inf overflows: the state turns non-finite
    CHECK_THROWS_AS(pop.advance_steps(100), domain_error);
    CHECK(pop.steps_done() == 10);
    CHECK(in_mV(pop.v(3)) == v3);
    for (std::size_t i = 0; i < pop.size(); ++i)
        CHECK(std::isfinite(in_mV(pop.v(i))));
}

TEST_CASE("Na/K pump: Luo-Rudy kinetics, stall at E_pump = 3 E_Na - 2 E_K + dG_ATP/F, reversal") {
    static_assert(pump_policy<nak_pump>);
    const auto T = kelvin(37.0_degC);
    const auto na_i = 12.0_mM, na_o = 145.0_mM, k_i = 140.0_mM, k_o = 4.0_mM;
    nak_pump_parameters p;
    const auto E = nak_pump_reversal(p.dG_atp, na_i, na_o, k_i, k_o, T);
    const double e_expected = 3 * in_mV(nernst(1, na_i, na_o, T)) -
                              2 * in_mV(nernst(1, k_i, k_o, T)) +
                              si_value(p.dG_atp) / constants::F.value() * 1e3;
    CHECK(in_mV(E) == doctest::Approx(e_expected).epsilon(1e-12));
    CHECK(in_mV(E) < -140.0); // far below rest: the pump runs forward at any physiological V
    const auto I = [&](const voltage<double>& v) {
        return in_uA_per_cm2(nak_pump_current(p, v, na_i, na_o, k_i, k_o, T));
    };
    const double i_rest = I(-70.0_mV);
    CHECK(i_rest > 0.0);
    // At E_pump the cycle free energy is zero and the current vanishes (to rounding of dG:
    // |dG| ~ 1e-11 J/mol of ~5e4 J/mol terms -> relative current ~1e-15).
    CHECK(std::abs(si_value(nak_cycle_free_energy(p.dG_atp, E, na_i, na_o, k_i, k_o, T))) < 1e-9);
    CHECK(std::abs(I(E)) < 1e-12 * i_rest);
    CHECK(I(E + 1.0_mV) > 0.0);
    CHECK(I(E - 1.0_mV) < 0.0); // beyond stall the pump runs backwards
    // A weaker phosphorylation potential moves the stall towards rest: -40 kJ/mol stalls at
    // E_pump + 12 kJ/mol / F = E_pump + 124 mV.
    nak_pump_parameters weak = p;
    weak.dG_atp = -40.0_kJ_per_mol;
    const auto E_weak = nak_pump_reversal(weak.dG_atp, na_i, na_o, k_i, k_o, T);
    CHECK(in_mV(E_weak - E) == doctest::Approx(12e3 / constants::F.value() * 1e3).epsilon(1e-12));
    // Saturation (Luo & Rudy 1994): with dG_ATP so large that the thermodynamic factor is 1,
    // at V = 0, Na_i = K_m,Nai and K_o = K_m,Ko: I = I_max f(0) / 2 / 2,
    // f(0) = 1/(1 + 0.1245 + 0.0365 sigma), sigma = (e^{145/67.3} - 1)/7.
    nak_pump_parameters strong = p;
    strong.dG_atp = -2000.0_kJ_per_mol;
    const double sigma = (std::exp(145.0 / 67.3) - 1.0) / 7.0;
    const double f0 = 1.0 / (1.0 + 0.1245 + 0.0365 * sigma);
    CHECK(in_uA_per_cm2(nak_pump_current(strong, 0.0_mV, 10.0_mM, na_o, k_i, 1.5_mM, T)) ==
          doctest::Approx(1.5 * f0 / 4).epsilon(1e-13));
    // The batch form is the same formula.
    using B = xsimd::batch<double>;
    const auto vb = make<unit::voltage>(B(-0.07));
    const auto cb = [](double x) { return make<unit::concentration>(B(x)); };
    const auto ib = nak_pump_current(unchecked, p, vb, cb(12.0), cb(145.0), cb(140.0), cb(4.0),
                                     make<unit::temperature>(B(si_value(T))));
    CHECK(in_uA_per_cm2(ib).get(0) == doctest::Approx(i_rest).epsilon(1e-14));
    // The pump as a membrane part (part.hpp's pump_part) reads the environment.
    environment env;
    env.T = T;
    env.set<ion::na>(na_i, na_o);
    env.set<ion::k>(k_i, k_o);
    pump_part<nak_pump> part{nak_pump{p}};
    part.bind(env);
    CHECK(part.current(-70.0, nullptr, 0.0) == doctest::Approx(i_rest).epsilon(1e-14));
    // ... and composes into a Membrane (membrane.hpp) as one of its parts.
    membrane<specific_capacitance, nak_pump> mem(env, specific_capacitance{}, nak_pump{p});
    CHECK(mem.current(decltype(mem)::state_type{-70.0}, 0.0) ==
          doctest::Approx(i_rest).epsilon(1e-14));
    // Meaningless input.
    nak_pump_parameters bad = p;
    bad.dG_atp = 5.0_kJ_per_mol;
    CHECK_THROWS_AS(nak_pump{bad}, domain_error);
    CHECK_THROWS_AS(nak_pump_current(p, -70.0_mV, 0.0_mM, na_o, k_i, k_o, T), domain_error);
    // One ATP per net charge.
    CHECK(si_value(nak_atp_flux(make<unit::current_density>(constants::F.value()))) == 1.0);
}

TEST_CASE("ATP hydrolysis free energy: Lehninger's erythrocyte phosphorylation potential") {
    // Nelson & Cox, Lehninger Principles of Biochemistry, ch. 13, worked example (human
    // erythrocytes, 25 C: ATP 2.25, ADP 0.25, Pi 1.65 mM, dG0' = -30.5 kJ/mol): about -52 kJ/mol.
    const auto dG = atp_hydrolysis_free_energy(2.25_mM, 0.25_mM, 1.65_mM, kelvin(25.0_degC));
    CHECK(in_kJ_per_mol(dG) == doctest::Approx(-51.8).epsilon(2e-3)); // text rounds RT, ln
    CHECK_THROWS_AS(atp_hydrolysis_free_energy(0.0_mM, 0.25_mM, 1.65_mM, kelvin(25.0_degC)),
                    domain_error);
}

TEST_CASE("pump-leak rest: a steady state with zero net flux and current, no ion at Nernst") {
    pump_leak_cell cell;
    // Two starts with different impermeant charge: two rests of the family, same properties.
    for (const auto& x0 : {pump_leak_cell::make_state(-70.0_mV, 12.0_mM, 140.0_mM, 7.0_mM),
                           pump_leak_cell::make_state(-65.0_mV, 15.0_mM, 135.0_mM, 9.0_mM)}) {
        const auto x = cell.steady_state(x0);
        const auto f = cell.fluxes(x);
        const auto E = cell.nernst_mV(x);
        // Every net flux is zero to rounding, although each leak carries ~1e-7 mol m^-2 s^-1.
        const double leak = std::abs(f.na_leak.value());
        CHECK(leak > 1e-8);
        CHECK(std::abs(f.na.value()) < 1e-12 * leak);
        CHECK(std::abs(f.k.value()) < 1e-12 * leak);
        CHECK(std::abs(f.cl.value()) < 1e-12 * leak);
        CHECK(std::abs(in_uA_per_cm2(f.total)) < 1e-12 * in_uA_per_cm2(f.pump));
        // ... but no ion is at equilibrium: it is a steady state held by ATP.
        for (double e : E)
            CHECK(std::abs(x[0] - e) > 5.0);
        CHECK(E[0] > 50.0);        // Na far above rest
        CHECK(E[1] < x[0] - 15.0); // K below rest (K leaks out)
        CHECK(E[2] < x[0]);        // KCC2 keeps Cl below its passive level
        CHECK(f.pump_cycle_free_energy.value() < 0.0);
        CHECK(si_value(f.atp) == noneq::test::rel(si_value(f.pump) / constants::F.value(), 1e-15));
        CHECK(cell.atp_mol_per_s_per_cell(x) ==
              noneq::test::rel(si_value(f.atp) * si_value(cell.parameters().membrane_area), 1e-15));
        // The rest keeps the start's conserved charge, and is a fixed point of the ODE.
        CHECK(cell.charge(x) == noneq::test::rel(cell.charge(x0), 1e-12));
        pump_leak_cell::state_type d{};
        cell(x, d, 0.0);
        CHECK(std::abs(d[0]) < 1e-9);
        for (std::size_t i = 1; i < 4; ++i)
            CHECK(std::abs(d[i]) < 1e-12);
    }
    // The design point of the default cell (pump_leak.hpp): V near -70 mV from that start.
    const auto x =
        cell.steady_state(pump_leak_cell::make_state(-70.0_mV, 12.0_mM, 140.0_mM, 7.0_mM));
    CHECK(x[0] == doctest::Approx(-70.0).epsilon(1e-3));
    CHECK_THROWS_AS(pump_leak_cell::make_state(-65.0_mV, 0.0_mM, 135.0_mM, 9.0_mM), domain_error);
}

TEST_CASE("pump-leak: blocking the pump runs the gradients down to a Donnan equilibrium") {
    pump_leak_cell cell;
    const auto rest =
        cell.steady_state(pump_leak_cell::make_state(-70.0_mV, 12.0_mM, 140.0_mM, 7.0_mM));
    cell.set_pump_activity(0.0);
    auto x = rest;
    std::vector<std::array<double, 4>> course;
    cell.run(x, 0.0, 3600.0, 600.0, [&](const auto& s, double) { course.push_back(s); });
    REQUIRE(course.size() == 7);
    for (std::size_t k = 1; k < course.size(); ++k) {
        CHECK(course[k][0] > course[k - 1][0]); // depolarises
        CHECK(course[k][1] > course[k - 1][1]); // Na_i rises
        CHECK(course[k][2] < course[k - 1][2]); // K_i falls
    }
    CHECK(x[0] > rest[0] + 15.0); // within the first hour
    CHECK(cell.charge(x) == noneq::test::rel(cell.charge(rest), 1e-10));
    // After days: every ion near the same Nernst potential, which V has reached (rosenbrock4
    // tolerance 1e-9 on mV/mM; the approach is exponential with a time constant of hours).
    cell.run(x, 3600.0, 3600.0 * 24 * 10, 3600.0 * 24);
    const auto E = cell.nernst_mV(x);
    for (double e : E)
        CHECK(e == doctest::Approx(x[0]).epsilon(1e-4));
    const auto f = cell.fluxes(x);
    CHECK(si_value(f.atp) == 0.0);
}

TEST_CASE("population: float batches (twice the lanes) against double, 100 cells, 100 ms") {
#ifdef NONEQ_SANITIZED
    const std::size_t n = 20;
#else
    const std::size_t n = 100;
#endif
    auto d = make_population(n, hh_cell{}, 0.025);
    Population<hh_cell, float> f(n, hh_cell{}, 0.025_ms, -65.0_mV, cell_area);
    for (std::size_t i = 0; i < n; ++i)
        f.set_stimulus(i, drive_nA(i) * 1.0_nA);
    d.advance(100.0_ms);
    f.advance(100.0_ms);
    double dv = 0, dt = 0;
    for (std::size_t i = 0; i < n; ++i) {
        CHECK(f.spike_count(i) == d.spike_count(i));
        dv = std::max(dv, std::abs(in_mV(f.v(i)) - in_mV(d.v(i))));
        const auto tf = f.spike_times(i), td = d.spike_times(i);
        for (std::size_t k = 0; k < std::min(tf.size(), td.size()); ++k)
            dt = std::max(dt, std::abs(in_ms(tf[k]) - in_ms(td[k])));
    }
    MESSAGE("float vs double after 100 ms: max |dV| = " << dv << " mV, max |dt_spike| = " << dt
                                                        << " ms");
    // float rounding (6e-8 relative) accumulated over 4000 steps on a stable limit cycle
    CHECK(dv < 1e-2);
    CHECK(dt < 1e-3);
}

TEST_CASE(
    "population (simultaneous coupling) = the single-cell membrane<> under exponential_euler") {
    // The same HH cells composed from policies (squid_axon.hpp) and stepped one at a time by
    // integrate/exponential.hpp (Brian2's exponential Euler, slope conductance by a 1e-3 mV
    // difference, exact for ohmic channels up to rounding).
    hh_cell model;
    model.coupling = hh_coupling::simultaneous;
    const std::size_t n = 10, steps = 4000;
    auto pop = make_population(n, model, 0.025);
    pop.advance_steps(steps);
    for (std::size_t i = 0; i < n; ++i) {
        const double density = drive_nA(i) * 1e-3 / in_cm2(cell_area); // uA/cm^2
        const auto axon = hh::make_axon(make<unit::current_density>(density * 1e-2));
        hh::axon::state_type x{-65.0, hh::m_inf(-65.0), hh::h_inf(-65.0), hh::n_inf(-65.0)};
        exponential_euler<hh::axon::state_type> stepper;
        std::size_t spikes = 0;
        for (std::size_t s = 0; s < steps; ++s) {
            const double vo = x[0];
            stepper.do_step(std::cref(axon), x, double(s) * 0.025, 0.025);
            spikes += (vo < 0.0 && x[0] >= 0.0);
        }
        CHECK(pop.spike_count(i) == spikes);
        // Same arithmetic up to the rounding of the finite-difference slope (~1e-12 relative per
        // step) and libm's vs xsimd's exp (~1 ulp); they agree to ~1e-11 after 4000 steps.
        CHECK(in_mV(pop.v(i)) == doctest::Approx(x[0]).epsilon(1e-9));
    }
}

TEST_CASE("linear_table: interpolation error = h^2/8 max|f''|, batch = scalar, outside flagged") {
    // f = (sin x, exp(x/4)) over [-3, 5]: max|f''| = 1 (sin, at x = +-pi/2) and e^{5/4}/16.
    const auto f = [](double x) { return std::array<double, 2>{std::sin(x), std::exp(x / 4)}; };
    for (double h : {0.1, 0.01}) {
        const linear_table<double, 2> t(-3.0, 5.0, h, f);
        CHECK(t.intervals() == std::size_t(std::llround(8.0 / h)));
        const std::array<double, 2> bound{h * h / 8, h * h / 8 * std::exp(1.25) / 16};
        for (std::size_t k = 0; k < 2; ++k) { // attained to O(h^3) at the largest |f''|
            CHECK(t.midpoint_error()[k] <= bound[k] * (1 + 1e-9));
            CHECK(t.midpoint_error()[k] >= bound[k] * (1 - h));
        }
        // Anywhere inside, the interpolant stays within the bound; batch lanes = scalar calls.
        using B = xsimd::batch<double>;
        std::array<double, B::size> xs{};
        for (std::size_t j = 0; j < 1000; ++j) {
            const double x = -3.0 + 8.0 * double(j) / 1000.0 + 0.0037;
            std::array<double, 2> y{};
            REQUIRE(t(x, y));
            for (std::size_t k = 0; k < 2; ++k)
                CHECK(std::abs(y[k] - f(x)[k]) <= bound[k] * (1 + 1e-6) + 1e-15);
            xs[j % B::size] = x;
            if (j % B::size == B::size - 1) {
                std::array<B, 2> yb;
                CHECK(xsimd::all(t(B::load_unaligned(xs.data()), yb)));
                for (std::size_t l = 0; l < B::size; ++l) {
                    REQUIRE(t(xs[l], y));
                    CHECK(yb[0].get(l) == y[0]);
                    CHECK(yb[1].get(l) == y[1]);
                }
            }
        }
        std::array<double, 2> y{};
        CHECK(!t(-3.0001, y));
        CHECK(!t(t.hi(), y));
        CHECK(!t(std::numeric_limits<double>::quiet_NaN(), y));
        CHECK(t(t.lo(), y));
        CHECK(y[0] == t.node(0, 0));
    }
    using table2 = linear_table<double, 2>;
    CHECK_THROWS_AS(table2(1.0, 1.0, 0.1, f), domain_error);
    CHECK_THROWS_AS(table2(0.0, 1.0, 0.0, f), domain_error);
    CHECK_THROWS_AS(table2(-1.0, 1.0, 0.1,
                           [](double x) {
                               return std::array<double, 2>{std::log(x), 0};
                           }),
                    domain_error); // NaN below x = 0
}

namespace {
// Six functions (an HH gate table's width) at 1000 points: batch lookups equal scalar ones.
template <class Real>
void check_batch_lookup() {
    const auto f = [](double x) {
        std::array<double, 6> y{};
        for (std::size_t k = 0; k < 6; ++k)
            y[k] = std::sin(x + double(k)) + double(k);
        return y;
    };
    const linear_table<Real, 6> t(-3.0, 5.0, 0.01, f);
    using B = xsimd::batch<Real>;
    std::array<Real, B::size> xs{};
    std::array<Real, 6> y{};
    std::array<B, 6> yb;
    for (std::size_t j = 0; j < 1000 * B::size; ++j) {
        xs[j % B::size] = static_cast<Real>(-3.5 + 9.0 * double(j) / double(1000 * B::size));
        if (j % B::size != B::size - 1) continue;
        const auto inside = t(B::load_unaligned(xs.data()), yb);
        for (std::size_t l = 0; l < B::size; ++l) {
            REQUIRE(inside.get(l) == t(xs[l], y));
            if (!inside.get(l)) continue;
            for (std::size_t k = 0; k < 6; ++k)
                CHECK(yb[k].get(l) == y[k]);
        }
    }
}
} // namespace

TEST_CASE("linear_table: batch lookups of six functions = scalar lookups, double and float") {
    check_batch_lookup<double>();
    check_batch_lookup<float>();
}

namespace {
struct table_vs_exact {
    std::size_t spike_mismatches = 0, spikes = 0;
    double dv = 0, dt = 0; // max |V_table - V_exact| (mV), max |spike-time difference| (ms)
};
template <class Real = double>
table_vs_exact compare_table(std::size_t n, std::size_t steps, double table_step_mV,
                             hh_rates rates = hh_rates::table) {
    hh_cell tab;
    tab.rates = rates;
    tab.table_step_mV = table_step_mV;
    auto e = make_population(n, hh_cell{}, 0.025);
    Population<hh_cell, Real> t(n, tab, 0.025_ms, -65.0_mV, cell_area);
    for (std::size_t i = 0; i < n; ++i)
        t.set_stimulus(i, drive_nA(i) * 1.0_nA);
    table_vs_exact r;
    for (std::size_t s = 0; s < steps; s += 40) { // V compared every ms
        e.advance_steps(40);
        t.advance_steps(40);
        for (std::size_t i = 0; i < n; ++i)
            r.dv = std::max(r.dv, std::abs(in_mV(t.v(i)) - in_mV(e.v(i))));
    }
    for (std::size_t i = 0; i < n; ++i) {
        r.spike_mismatches += t.spike_count(i) != e.spike_count(i);
        r.spikes += e.spike_count(i);
        const auto a = t.spike_times(i), b = e.spike_times(i);
        for (std::size_t k = 0; k < std::min(a.size(), b.size()); ++k)
            r.dt = std::max(r.dt, std::abs(in_ms(a[k]) - in_ms(b[k])));
    }
    return r;
}
} // namespace

TEST_CASE("population: table rates against exact rates, the benchmark drive, 100 ms") {
    // The gate table's own measured error per step (at its midpoints, where h^2/8 |f''| is
    // attained): m's coefficients are the sharpest. Per step the gates then differ from the
    // exact update by at most eps = max(err_a) + max(err_b) (x in [0, 1]).
    hh_cell tab;
    tab.rates = hh_rates::table;
    const auto k = tab.make_coefficients<double>(0.025);
    REQUIRE(k.table);
    double eps = 0;
    for (std::size_t j = 0; j < 6; j += 2)
        eps = std::max(eps, k.table->table().midpoint_error()[j] +
                                k.table->table().midpoint_error()[j + 1]);
    MESSAGE("table step 0.01 mV: max per-step gate error " << eps);
    CHECK(eps < 1e-7);
#ifdef NONEQ_SANITIZED
    const std::size_t n = 50;
#else
    const std::size_t n = 1000;
#endif
    const std::size_t steps = 4000; // 100 ms
    const auto r = compare_table(n, steps, 0.01);
    MESSAGE("table (0.01 mV) vs exact, " << n << " cells, 100 ms: " << r.spikes
                                         << " spikes, max |dV| = " << r.dv
                                         << " mV, max |dt_spike| = " << r.dt << " ms");
    CHECK(r.spike_mismatches == 0);
    // Bound: a gate error eps per step, never damped, accumulates to at most steps * eps
    // (4e-4); the gates move by O(1) per ms around a spike, so spike times shift by at most
    // ~steps * eps ms, and V on the upstroke (<= 500 mV/ms) by 500 times that.
    CHECK(r.dt < double(steps) * eps);
    CHECK(r.dv < 500 * double(steps) * eps);
    // The difference is the interpolation error: halving h quarters it (h^2).
    const auto r2 = compare_table(n, steps, 0.02);
    CHECK(r2.spike_mismatches == 0);
    CHECK(r2.dt / r.dt == noneq::test::rel(4.0, 0.25)); // h^2; h^1 (2) and h^3 (8) fail
    // Grid outside every V the cells visit: every lane falls back to the exact rates.
    hh_cell off = tab;
    off.table_lo_mV = 200, off.table_hi_mV = 210;
    auto a = make_population(37, off, 0.025), b = make_population(37, hh_cell{}, 0.025);
    a.advance_steps(1000);
    b.advance_steps(1000);
    for (std::size_t i = 0; i < 37; ++i)
        CHECK(a.v(i) == b.v(i));
}

TEST_CASE("population: float batches with table rates against double exact, 100 ms") {
#ifdef NONEQ_SANITIZED
    const std::size_t n = 20;
#else
    const std::size_t n = 100;
#endif
    // Both float runs against double exact rates, V compared every ms (on upstrokes too).
    const auto r = compare_table<float>(n, 4000, 0.01);
    const auto f = compare_table<float>(n, 4000, 0.01, hh_rates::exact);
    MESSAGE("float vs double exact, 100 ms, max |dV| / max |dt_spike|: table "
            << r.dv << " mV / " << r.dt << " ms; exact rates " << f.dv << " mV / " << f.dt
            << " ms");
    CHECK(r.spike_mismatches == 0);
    CHECK(f.spike_mismatches == 0);
    // The float table's own error (values rounded to float, and the grid position
    // (V - lo)/h to 6e-8 of up to 25000 intervals: 1e-5 mV) is at the level of float's rounding
    // of V (65 mV x 6e-8 = 4e-6 mV): the deviation stays of the order of float's with exact rates.
    CHECK(r.dv < 10 * f.dv);
    CHECK(r.dt < 10 * f.dt);
}
