// Soft matter against analytic and published results: the Flory-Huggins critical point and the
// symmetric binodal (Flory 1953; Huggins 1942), Cahn & Hilliard's (1958) interface profile and
// tension, the Cahn-Hilliard steady state against the common tangent, and condensates placed by
// an ATP gradient (Weber, Zwicker, Julicher & Lee 2019; Zwicker et al. 2014/2015).
#include <noneq/softmatter/atp_gradient.hpp>
#include <noneq/softmatter/cahn_hilliard.hpp>
#include <noneq/softmatter/flory_huggins.hpp>
#include <noneq/softmatter/morphology.hpp>

#include <doctest/doctest.h>

#include "support/compare.hpp"

#include <cmath>
#include <numbers>
#include <utility>
using noneq::test::rel;

namespace sm = noneq::softmatter;

TEST_CASE(
    "Flory-Huggins critical point (Flory 1953, Principles of Polymer Chemistry, eq. XIII-4)") {
    // phi_c = 1/(1 + sqrt N), chi_c = 1/2 + 1/sqrt N + 1/(2N); symmetric mixture N = 1: (1/2, 2).
    CHECK(sm::fh_critical_point(1.0).phi == rel(0.5, 1e-15));
    CHECK(sm::fh_critical_point(1.0).chi == rel(2.0, 1e-15));
    CHECK(sm::fh_critical_point(100.0).phi == rel(1.0 / 11.0, 1e-15));
    CHECK(sm::fh_critical_point(100.0).chi == rel(0.605, 1e-15));
    // Theta limit: chi_c -> 1/2, phi_c -> 0 as N -> infinity.
    CHECK(sm::fh_critical_point(1e12).chi == rel(0.5 + 1e-6, 1e-12));
    // f'' = f''' = 0 there (f''' by a central difference of f'', error ~h^2 f''''').
    for (double N : {1.0, 7.0, 1000.0}) {
        const auto c = sm::fh_critical_point(N);
        CHECK(std::abs(sm::fh_curvature(c.phi, N, c.chi)) < 1e-12 * N);
        const double h = 1e-5 * c.phi;
        const double d3 =
            (sm::fh_curvature(c.phi + h, N, c.chi) - sm::fh_curvature(c.phi - h, N, c.chi)) /
            (2 * h);
        CHECK(std::abs(d3) < 1e-6 / (c.phi * c.phi));
        // The spinodal pinches to the critical point from above.
        const auto sp = sm::fh_spinodal(N, c.chi * (1 + 1e-10));
        CHECK(sp.low == rel(c.phi, 1e-4));
        CHECK(sp.high == rel(c.phi, 1e-4));
    }
}

TEST_CASE("Symmetric binodal N = 1: chi = ln(phi/(1-phi)) / (2 phi - 1) (Huggins, Flory 1953)") {
    for (double chi : {2.001, 2.05, 2.5, 3.0, 5.0, 10.0, 40.0}) {
        const auto b = sm::fh_binodal(1.0, chi);
        REQUIRE(b.two_phase);
        INFO("chi = ", chi);
        // Near the critical point (chi_c = 2) a residual in mu moves the compositions by
        // residual / f'', and f'' at the binodal is O(chi - chi_c): measured 1.5e-12 at
        // chi = 2.001, rounding (1e-16) far from it.
        INFO("|low + high - 1| = ", std::abs(b.low + b.high - 1.0));
        CHECK(b.low + b.high == rel(1.0, 4e-16 + 4e-15 / (chi - 2.0)));
        CHECK(std::abs(b.mu) < 1e-12); // mu = 0 by symmetry (absolute: its scale is O(1))
        // Analytic chi at the computed dense composition, with ln(phi/(1-phi)) from the logs so
        // that chi = 40 (1 - phi ~ 4e-18) keeps its digits.
        const double phi = b.high;
        const double chi_analytic =
            (std::log1p(-std::exp(b.ln1m_high)) - b.ln1m_high) / (2.0 * phi - 1.0);
        CHECK(chi_analytic == rel(chi, 1e-10));
        // The spinodal lies inside the binodal.
        const auto s = sm::fh_spinodal(1.0, chi);
        CHECK(b.low < s.low);
        CHECK(s.high < b.high);
    }
    // Near the critical point the coexistence curve is the mean-field parabola: with
    // chi = 2 + d, phi_high - 1/2 = sqrt(3 d / 8) (1 + O(d)) (Landau expansion of f about 1/2).
    const double d = 1e-4;
    const auto b = sm::fh_binodal(1.0, 2.0 + d);
    CHECK(b.high - 0.5 == rel(std::sqrt(3.0 * d / 8.0), 1e-3));
}

TEST_CASE("Cahn & Hilliard 1958: tanh interface and tension (2 sqrt 2 / 3) sqrt(kappa a)") {
    // 1D no-flux box with a single interface at the centre, relaxed to equilibrium.
    // (a, kappa) = (1, 1/2), (2, 1), (1/2, 1): widths w = 1, 1, 2 (>= 4 cells), tensions 2/3, 4/3,
    // 2/3.
    // The widths and tensions are Cahn & Hilliard's closed forms w = sqrt(2 kappa / a) and
    // sigma = (2 sqrt 2 / 3) sqrt(kappa a) evaluated by hand, not by the library's formula.
    struct case_t {
        double a, kappa, width, tension;
    };
    for (auto [a, kappa, width, tension] :
         {case_t{1.0, 0.5, 1.0, 2.0 / 3.0}, case_t{2.0, 1.0, 1.0, 4.0 / 3.0},
          case_t{0.5, 1.0, 2.0, 2.0 / 3.0}}) {
        const double dx = 0.25;
        const std::size_t n = 512;
        const double L = double(n) * dx, x0 = 0.5 * L;
        const sm::double_well f{a};
        const double w = f.interface_width(kappa);
        CHECK(w == rel(width, 1e-15));
        xt::xtensor<double, 1> phi0 = xt::xtensor<double, 1>::from_shape({n});
        for (std::size_t i = 0; i < n; ++i)
            phi0(i) = (double(i) + 0.5) * dx < x0 ? -1.0 : 1.0;
        // The slowest relaxation mode of the profile decays over ~900 time units; dt = 5 is
        // stable (implicit fourth-order term) and the steady state does not depend on dt.
        sm::cahn_hilliard<1, sm::double_well> ch(f, phi0, {1.0, kappa, dx, 5.0},
                                                 sm::boundary::no_flux);
        REQUIRE(ch.advance(4000).ok);
        const auto& phi = ch.phi();
        double err = 0.0;
        for (std::size_t i = 0; i < n; ++i)
            err = std::max(err, std::abs(phi(i) - std::tanh(((double(i) + 0.5) * dx - x0) / w)));
        INFO("a = ", a, ", max |phi - tanh| = ", err);
        // Converged (t = 2e4, 20 e-folds of the slowest mode) and spectrally resolved (w/dx >= 4):
        // measured 8.7e-10 for a = 1; the bound leaves a factor 10.
        CHECK(err < 1e-8);
        // Tension = excess free energy (both bulk phases have f = 0); the energy is quadratic in
        // the profile error, measured |F - sigma| ~ 3e-14.
        CHECK(ch.free_energy() == rel(tension, 1e-11));
        CHECK(f.tension(kappa) == rel(tension, 1e-15));
    }
}

TEST_CASE("Spinodal decomposition: growth rate omega(k) = -M k^2 (f'' + kappa k^2) (Cahn 1961)") {
    // A small cosine mode on the unstable uniform state phi = 0 of the double well (f'' = -a).
    const std::size_t n = 64;
    const double dx = 0.5, M = 1.3, kappa = 0.7, a = 1.0, amp = 1e-9;
    const double L = double(n) * dx;
    for (std::size_t j : {1u, 3u, 6u, 12u}) {
        const double k = 2.0 * std::numbers::pi * double(j) / L;
        const double omega = -M * k * k * (-a + kappa * k * k);
        xt::xtensor<double, 1> phi0 = xt::xtensor<double, 1>::from_shape({n});
        for (std::size_t i = 0; i < n; ++i)
            phi0(i) = amp * std::cos(k * double(i) * dx);
        // The scheme's exact one-step factor, and the continuum rate for small dt.
        const double dt = 1e-3, S = 1.25 * a;
        sm::cahn_hilliard<1, sm::double_well> ch(sm::double_well{a}, phi0, {M, kappa, dx, dt},
                                                 sm::boundary::periodic);
        REQUIRE(ch.advance(1).ok);
        const double g =
            (1.0 - dt * M * k * k * (-a - S)) / (1.0 + dt * M * k * k * (S + kappa * k * k));
        // Nonlinear terms are O(amp^2) relative: the factor is exact to rounding.
        CHECK(ch.phi()(0) / amp == rel(g, 1e-9));
        REQUIRE(ch.advance(999).ok);                     // t = 1
        const double rate = std::log(ch.phi()(0) / amp); // measured growth rate over t = 1
        INFO("j = ", j, ", omega = ", omega, ", measured ", rate);
        if (omega > 0.0) {
            // Unstable band k < sqrt(a/kappa). The first-order scheme's rate error is, to O(dt^2),
            // -dt M^2 k^4 [(a + S)^2 - (S + kappa k^2)^2] / 2 (expanding ln of the step factor).
            const double u = M * k * k;
            const double lead =
                -dt * u * u * ((a + S) * (a + S) - (S + kappa * k * k) * (S + kappa * k * k)) / 2;
            CHECK(std::abs(rate - omega - lead) < 1e-6 + 0.05 * std::abs(lead));
            CHECK(std::abs(rate - omega) < 5e-3 * omega); // and the rate itself to 0.5 %
        } else {
            CHECK(rate < 0.0); // stable modes decay (rate accuracy needs dt << 1/|omega|)
        }
    }
}

TEST_CASE("Cahn-Hilliard with Flory-Huggins relaxes to the common-tangent compositions") {
    // The plateaus of a flat 1D interface at equilibrium are the binodal (equal mu and equal
    // osmotic pressure are the conditions of a stationary, flat CH profile).
    const double N = 2.0, chi = 2.0;
    const auto b = sm::fh_binodal(N, chi);
    REQUIRE(b.two_phase);
    // dx = 0.25 resolves the interface (width ~ 0.4-1): the discrete plateaus converge
    // spectrally, 2e-8 off at dx = 0.5 and 2e-13 at dx = 0.25 (measured).
    const std::size_t n = 512;
    const double dx = 0.25;
    xt::xtensor<double, 1> phi0 = xt::xtensor<double, 1>::from_shape({n});
    for (std::size_t i = 0; i < n; ++i)
        phi0(i) = i < n / 2 ? b.low + 0.02 : b.high - 0.02;
    const double S = 0.5 * sm::fh_curvature(b.low, N, chi) + 0.5;
    sm::cahn_hilliard<1, sm::flory_huggins_energy> ch({N, chi, S}, phi0, {1.0, 1.0, dx, 2.0},
                                                      sm::boundary::no_flux);
    REQUIRE(ch.advance(6000).ok); // t = 1.2e4: converged (unchanged to 1e-15 by t = 1e5)
    const auto& phi = ch.phi();
    INFO("binodal ", b.low, " ", b.high, "; plateaus ", phi(0), " ", phi(n - 1));
    CHECK(phi(0) == rel(b.low, 1e-11));
    CHECK(phi(n - 1) == rel(b.high, 1e-11));
    // Its excess free energy over the common tangent is the square-gradient tension.
    double tangent = 0.0;
    for (double v : phi)
        tangent += sm::fh_free_energy(b.low, N, chi) + b.mu * (v - b.low);
    const double sigma_ch = ch.free_energy() - tangent * dx;
    const double sigma = sm::fh_interfacial_tension(N, chi, 1.0);
    INFO("sigma: CH ", sigma_ch, ", quadrature ", sigma);
    CHECK(sigma_ch == rel(sigma, 1e-11)); // measured 1e-13
}

TEST_CASE("Flory-Huggins interfacial tension: mean-field exponent 3/2 and kappa^(1/2)") {
    // sigma ~ (chi - chi_c)^(3/2) near the critical point (van der Waals / Cahn & Hilliard 1958);
    // the next correction is O(chi - chi_c), 1e-3 relative at d = 1e-3.
    for (double N : {1.0, 100.0}) {
        const double cc = sm::fh_critical_point(N).chi, d = 1e-3;
        const double s1 = sm::fh_interfacial_tension(N, cc * (1 + d), 1.0);
        const double s2 = sm::fh_interfacial_tension(N, cc * (1 + 2 * d), 1.0);
        INFO("N = ", N);
        CHECK(s2 / s1 == rel(std::pow(2.0, 1.5), 5e-3));
    }
    CHECK(sm::fh_interfacial_tension(1.0, 3.0, 4.0) ==
          rel(2.0 * sm::fh_interfacial_tension(1.0, 3.0, 1.0), 1e-12));
    CHECK(std::isnan(sm::fh_interfacial_tension(1.0, 1.5, 1.0)));
    CHECK_THROWS_AS(sm::fh_interfacial_tension(1.0, 3.0, 0.0), noneq::domain_error);
}

TEST_CASE("Condensates form near the ATP source (Weber et al. 2019)") {
    // 1D no-flux cell of length 128: a mitochondrion at x = 8 makes ATP (decay length 16); the
    // condensate-forming component feels mu_ext = -eps c / c_max. Its mean, -0.65, is metastable
    // (between the binodal -1 and the spinodal -1/sqrt 3): it condenses only where ATP drives it.
    const std::size_t n = 128;
    const double dx = 1.0, L = double(n) * dx, x_src = 8.0;
    const sm::spectral_grid<1> g({n}, dx, sm::boundary::no_flux);
    const auto src = sm::gaussian_source<1>(g, {x_src}, 2.0, 1.0);
    const auto c = sm::reaction_diffusion_steady_state<1>(g, src, 2.56, 0.01);
    const auto mu_ext = sm::atp_chemical_potential<1>(c, 0.3, xt::amax(c)());
    xt::xtensor<double, 1> phi0 = xt::xtensor<double, 1>::from_shape({n});
    for (std::size_t i = 0; i < n; ++i)
        phi0(i) = -0.65 + 0.01 * std::sin(0.7 * double(i));
    sm::cahn_hilliard<1, sm::double_well> ch(sm::double_well{1.0}, phi0, {1.0, 1.0, dx, 0.5},
                                             sm::boundary::no_flux);
    ch.set_external_potential(mu_ext);
    const double m0 = ch.mass();
    REQUIRE(ch.advance(4000).ok);
    const double xc = sm::dense_phase_centroid<1>(ch.phi(), 0.0, dx)[0];
    INFO("centroid ", xc);
    REQUIRE(std::isfinite(xc));
    CHECK(std::abs(xc - x_src) < std::abs(L - xc)); // closer to the source than to the far end
    CHECK(std::abs(xc - x_src) < 0.25 * L);
    CHECK(std::abs(ch.mass() - m0) < 1e-12 * std::abs(m0));
    CHECK(xt::amax(ch.phi())() > 0.9); // a real dense phase
    // Without the ATP term the metastable solution stays mixed.
    sm::cahn_hilliard<1, sm::double_well> ref(sm::double_well{1.0}, phi0, {1.0, 1.0, dx, 0.5},
                                              sm::boundary::no_flux);
    REQUIRE(ref.advance(4000).ok);
    CHECK(xt::amax(ref.phi())() < -0.6);
}

TEST_CASE(
    "Active emulsion: reactions arrest coarsening (Glotzer et al. 1995 and Zwicker et al. 2015)") {
    // 2D periodic, mean -0.4, linear conversion towards phi_r = -0.4 at rate k_r.
    const std::size_t n = 64;
    xt::xtensor<double, 2> phi0 = xt::xtensor<double, 2>::from_shape({n, n});
    for (std::size_t j = 0; j < n; ++j)
        for (std::size_t i = 0; i < n; ++i)
            phi0(j, i) = -0.4 + 0.05 * std::sin(1.3 * double(i * i + 7 * j) + 0.1 * double(j * j));
    const double mean0 = xt::mean(phi0)();
    auto run = [&](double kr, std::size_t steps1, std::size_t steps2) {
        sm::ch_parameters p{1.0, 1.0, 1.0, 2.0};
        p.reaction_rate = kr;
        p.reaction_target = -0.4;
        sm::cahn_hilliard<2, sm::double_well> ch(sm::double_well{1.0}, phi0, p,
                                                 sm::boundary::periodic);
        REQUIRE(ch.advance(steps1).ok);
        const double L1 = sm::domain_length<2>(ch.phi(), 1.0);
        // The mean obeys d<phi>/dt = -k_r (<phi> - phi_r), stepped by implicit Euler.
        const double expect = -0.4 + (mean0 + 0.4) * std::pow(1.0 + 2.0 * kr, -double(steps1));
        CHECK(xt::mean(ch.phi())() == rel(expect, 1e-12));
        REQUIRE(ch.advance(steps2).ok);
        return std::pair{L1, sm::domain_length<2>(ch.phi(), 1.0)};
    };
    const auto [p1, p2] = run(0.0, 1000, 2000);
    const auto [a1, a2] = run(3e-3, 1000, 2000);
    INFO("passive L: ", p1, " -> ", p2, "; active L: ", a1, " -> ", a2);
    CHECK(a2 < p2);                      // reactions keep domains smaller
    CHECK(std::abs(a2 - a1) < 0.1 * a1); // and stop them growing
}

TEST_CASE("Condensate near the ATP source in 2D (no-flux cell, source near the left wall)") {
    const std::size_t n = 32;
    const double L = 32.0, x_src = 4.0, y_src = 16.0;
    const sm::spectral_grid<2> g({n, n}, 1.0, sm::boundary::no_flux);
    const auto c = sm::reaction_diffusion_steady_state<2>(
        g, sm::gaussian_source<2>(g, {y_src, x_src}, 1.5, 1.0), 1.0, 1.0 / 41.0);
    auto phi0 = g.make_field(-0.65);
    for (std::size_t j = 0; j < n; ++j)
        for (std::size_t i = 0; i < n; ++i)
            phi0(j, i) += 0.01 * std::sin(0.9 * double(i + 3 * j));
    sm::cahn_hilliard<2, sm::double_well> ch(sm::double_well{1.0}, phi0, {1.0, 1.0, 1.0, 1.0, 1.5},
                                             sm::boundary::no_flux);
    ch.set_external_potential(sm::atp_chemical_potential<2>(c, 0.3, xt::amax(c)()));
    const double m0 = ch.mass();
    REQUIRE(ch.advance(600).ok);
    CHECK(std::abs(ch.mass() - m0) < 1e-12 * std::abs(m0));
    const auto cc = sm::dense_phase_centroid<2>(ch.phi(), 0.0, 1.0);
    const double d_src = std::hypot(cc[0] - y_src, cc[1] - x_src), d_far = L - cc[1];
    INFO("centroid (y, x) = ", cc[0], ", ", cc[1]);
    CHECK(d_src < d_far);
    CHECK(d_src < 0.2 * L);
}
