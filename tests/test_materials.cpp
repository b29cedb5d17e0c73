// materials/: fcc vacancy data, the osmotic force and climb velocity, and the anneal ODE.
#include <noneq/materials/dislocation_climb.hpp>
#include <noneq/materials/fcc_metal.hpp>
#include <noneq/materials/vacancy_anneal.hpp>

#include <doctest/doctest.h>

#include "support/bad_input.hpp"
#include "support/compare.hpp"

#include <cmath>
#include <limits>
#include <numbers>

using namespace noneq;
using namespace noneq::materials;
using noneq::test::rel;

namespace {
temperature<double> K(double x) {
    return temperature<double>::from_value(x);
}
const double kB = constants::k_B.value();
} // namespace

TEST_CASE("fcc_metal: geometry, equilibrium vacancies, self-diffusion near experiment") {
    CHECK(aluminium.burgers().value() == rel(4.05e-10 / std::sqrt(2.0), 1e-15));
    CHECK(copper.atomic_volume().value() == rel(std::pow(3.61e-10, 3) / 4, 1e-15));
    // c0 at the melting point: about 1e-3 (Al) and 2e-4 (Cu), the measured orders of magnitude
    // (Ehrhart 1991; Kraftmakher, Phys. Rep. 299 (1998) 79).
    const double al = equilibrium_vacancy_fraction(aluminium, K(aluminium.T_melt_K));
    const double cu = equilibrium_vacancy_fraction(copper, K(copper.T_melt_K));
    CHECK(al > 3e-4);
    CHECK(al < 3e-3);
    CHECK(cu > 5e-5);
    CHECK(cu < 5e-4);
    // Self-diffusion against Frost & Ashby (1982) lattice diffusion at 0.8 T_m, within a factor
    // of 10 (the model neglects the migration entropy; measured ratio is 3-6).
    for (const auto* m : {&aluminium, &copper}) {
        const double T = 0.8 * m->T_melt_K;
        const double fa = (m == &aluminium ? 1.7e-4 * std::exp(-142e3 / (8.314462618 * T))
                                           : 2.0e-5 * std::exp(-197e3 / (8.314462618 * T)));
        const double ratio = fa / self_diffusivity(*m, K(T));
        CHECK(ratio > 0.1);
        CHECK(ratio < 10.0);
    }
    // D = f c_v D_v with the fcc tracer correlation factor f = 0.7815 (Compaan & Haven, Trans.
    // Faraday Soc. 52 (1956) 786)
    for (double T : {600.0, 900.0})
        CHECK(self_diffusivity(aluminium, K(T)) ==
              rel(0.7815 * equilibrium_vacancy_fraction(aluminium, K(T)) *
                      vacancy_diffusivity(aluminium, K(T)),
                  1e-15));
    CHECK(&fcc_metal_by_name("Cu") == &copper);
    CHECK_THROWS_AS(fcc_metal_by_name("Fe"), noneq::domain_error);
    CHECK_THROWS_AS(equilibrium_vacancy_fraction(copper, K(-5.0)), noneq::domain_error);
    fcc_metal bad = copper;
    bad.E_m_eV = -1.0;
    CHECK_THROWS_AS(vacancy_diffusivity(bad, K(300.0)), noneq::domain_error);
    bad = copper;
    bad.a_m = 0.0;
    CHECK_THROWS_AS(osmotic_force(bad, 2.0, K(300.0)), noneq::domain_error);
}

TEST_CASE("dislocation climb: osmotic force and the climb velocity") {
    const double T = 600.0;
    const auto f = osmotic_force(aluminium, 10.0, K(T));
    const double b = aluminium.burgers().value(), Om = aluminium.atomic_volume().value();
    CHECK(in_N_per_m(f) == rel(b * kB * T / Om * std::log(10.0), 1e-14));
    CHECK(in_MPa(osmotic_stress(aluminium, 10.0, K(T))) ==
          rel(kB * T / Om * std::log(10.0) * 1e-6, 1e-14));
    CHECK(in_N_per_m(osmotic_force(aluminium, 1.0, K(T))) == 0.0);
    CHECK(in_N_per_m(osmotic_force(aluminium, 0.5, K(T))) < 0.0); // undersaturation: emission
    const double L = sink_log_factor(aluminium, 1e12);
    CHECK(L == rel(std::log(1.0 / std::sqrt(std::numbers::pi * 1e12) / b), 1e-14));
    const auto v = climb_velocity(aluminium, 3.0, K(T), L);
    const double pref = 2 * std::numbers::pi * vacancy_diffusivity(aluminium, K(T)) *
                        equilibrium_vacancy_fraction(aluminium, K(T)) / (b * L);
    CHECK(v.value() == rel(pref * 2.0, 1e-14));
    CHECK(climb_velocity(aluminium, 1.0, K(T), L).value() == 0.0);
    // An applied climb stress equal to the osmotic stress of c/c0 = 3 doubles the drive
    // (c_d = c0/3): v ~ 3 - 1/3.
    const auto s = osmotic_stress(aluminium, 3.0, K(T));
    CHECK(climb_velocity(aluminium, 3.0, K(T), L, s).value() ==
          rel(pref * (3.0 - 1.0 / 3.0), 1e-12));
    CHECK_THROWS_AS(osmotic_force(copper, 0.0, K(T)), noneq::domain_error);
    CHECK_THROWS_AS(climb_velocity(copper, 2.0, K(T), -1.0), noneq::domain_error);
    CHECK_THROWS_AS(sink_log_factor(copper, 1e20), noneq::domain_error);
}

TEST_CASE("vacancy anneal: isothermal ODE equals the exponential, vacancies end in climb") {
    const anneal_conditions a{K(900.0), K(400.0), noneq::time<double>::from_value(0.0), 1e12};
    const double tau = anneal_time_constant(aluminium, a);
    const auto res = anneal(aluminium, a, noneq::time<double>::from_value(6 * tau), 12, 1e-10);
    REQUIRE(res.samples.size() == 13);
    for (const auto& s : res.samples) {
        const auto e = anneal_exact(aluminium, a, s.t_s);
        // dopri5 at rel_tol 1e-10 over ~6 e-folds: global error a few 1e-10 of c(0).
        CHECK(s.c == rel(e.c, 1e-8));
        CHECK(s.climb_m == rel(e.climb_m, 1e-8));
        // Conservation: rho b y = c(0) - c(t).
        CHECK(a.rho_per_m2 * aluminium.burgers().value() * s.climb_m ==
              rel(res.samples.front().c - s.c, 1e-8));
    }
}

TEST_CASE("vacancy anneal: a finite cooling time leaves a supersaturation that still decays") {
    const anneal_conditions fast{K(900.0), K(400.0), noneq::time<double>::from_value(0.0), 1e12};
    const anneal_conditions slow{K(900.0), K(400.0), noneq::time<double>::from_value(2.0), 1e12};
    const double tau = anneal_time_constant(aluminium, fast);
    const auto t_end = noneq::time<double>::from_value(3 * tau);
    const auto rf = anneal(aluminium, fast, t_end, 30);
    const auto rs = anneal(aluminium, slow, t_end, 30);
    // Slow cooling anneals out vacancies while hot: less remains at every later sample.
    for (std::size_t i = 1; i < rs.samples.size(); ++i) {
        CHECK(rs.samples[i].c < rf.samples[i].c);
        CHECK(rs.samples[i].c <= rs.samples[i - 1].c);
        CHECK(rs.samples[i].supersaturation > 1.0);
    }
    CHECK(rs.samples.back().T_K == rel(400.0, 1e-6));
    CHECK_THROWS_AS(anneal(aluminium, fast, noneq::time<double>::from_value(-1.0)),
                    noneq::domain_error);
}

TEST_CASE("bad input: materials") {
    using noneq::test::rejects;
    CHECK(rejects([&] { fcc_metal_by_name("Xx"); }) != "<no exception>");
    CHECK(rejects([&] { equilibrium_vacancy_fraction(aluminium, K(0.0)); }) == "T");
    CHECK(rejects([&] { vacancy_diffusivity(copper, K(-1.0)); }) == "T");
    CHECK(rejects([&] { self_diffusivity(copper, K(0.0)); }) == "T");
    fcc_metal bad = aluminium;
    bad.a_m = 4.05e-6; // a lattice constant of microns
    CHECK(rejects([&] { equilibrium_vacancy_fraction(bad, K(600.0)); }) == "a_m");
    bad = aluminium;
    bad.E_f_eV = 0.0;
    CHECK(rejects([&] { osmotic_force(bad, 2.0, K(600.0)); }) == "E_f_eV");
    CHECK(rejects([&] { osmotic_force(aluminium, 0.0, K(600.0)); }) == "c_over_c0");
    CHECK(rejects([&] { osmotic_force(aluminium, 2.0, K(0.0)); }) == "T");
    CHECK(rejects([&] { osmotic_stress(aluminium, -1.0, K(600.0)); }) == "c_over_c0");
    CHECK(rejects([&] { sink_log_factor(aluminium, 0.0); }) == "rho_per_m2");
    CHECK(rejects([&] { sink_log_factor(aluminium, 1e14, 0.0); }) == "core_radius_in_b");
    CHECK(rejects([&] { sink_log_factor(aluminium, 1e22); }) == "rho_per_m2"); // R < r_c
    CHECK(rejects([&] { climb_velocity(aluminium, 0.0, K(600.0), 5.0); }) == "c_over_c0");
    CHECK(rejects([&] { climb_velocity(aluminium, 2.0, K(600.0), 0.0); }) == "log_R_over_rc");
    CHECK(rejects([&] {
              climb_velocity(
                  aluminium, 2.0, K(600.0), 5.0,
                  pressure<double>::from_value(std::numeric_limits<double>::quiet_NaN()));
          }) == "applied_climb_stress");
}

TEST_CASE("bad input: vacancy annealing") {
    using noneq::test::rejects;
    const anneal_conditions ok{K(900.0), K(300.0), make<unit::time>(0.0), 1e12};
    const auto t = make<unit::time>(10.0);
    auto a = ok;
    a.T_quench = K(0.0);
    CHECK(rejects([&] { anneal(aluminium, a, t); }) == "T_quench");
    a = ok;
    a.T_anneal = K(-1.0);
    CHECK(rejects([&] { anneal(aluminium, a, t); }) == "T_anneal");
    a = ok;
    a.tau_cool = make<unit::time>(-1.0);
    CHECK(rejects([&] { anneal(aluminium, a, t); }) == "tau_cool");
    a = ok;
    a.rho_per_m2 = 0.0;
    CHECK(rejects([&] { anneal(aluminium, a, t); }) == "rho_per_m2");
    CHECK(rejects([&] { anneal(aluminium, ok, make<unit::time>(0.0)); }) == "t_end");
    CHECK(rejects([&] { anneal(aluminium, ok, t, 0); }) == "n_samples");
    CHECK(rejects([&] { anneal(aluminium, ok, t, 10, 1.0); }) == "rel_tol");
    CHECK(rejects([&] { anneal(aluminium, ok, t, 10); }) == "<no exception>");
}
