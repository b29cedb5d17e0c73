// Soft matter: Flory-Huggins thermodynamics, Wolf's sheared solution, the FFT, the Cahn-Hilliard
// stepper (mass, free energy, boundaries, failure handling), the ATP field and morphology.
#include <noneq/softmatter/atp_gradient.hpp>
#include <noneq/softmatter/cahn_hilliard.hpp>
#include <noneq/softmatter/cahn_hilliard_si.hpp>
#include <noneq/softmatter/fft.hpp>
#include <noneq/softmatter/flory_huggins.hpp>
#include <noneq/softmatter/morphology.hpp>
#include <noneq/softmatter/shear.hpp>
#include <noneq/softmatter/spectral_grid.hpp>
#include <noneq/softmatter/spectral_grid_3d.hpp>

#include <doctest/doctest.h>

#include "support/bad_input.hpp"
#include "support/compare.hpp"
#include "support/seed.hpp"

#include <cmath>
#include <complex>
#include <limits>
#include <numbers>
#include <random>
#include <vector>

namespace sm = noneq::softmatter;
using namespace noneq::literals;
using noneq::test::rel;

namespace {

xt::xtensor<double, 2> noisy_field(std::size_t n, double mean, double amp, unsigned seed) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> u(-amp, amp);
    xt::xtensor<double, 2> f = xt::xtensor<double, 2>::from_shape({n, n});
    for (auto& v : f)
        v = mean + u(rng);
    return f;
}

// Rheology of an entangled semidilute solution in a good solvent (exponents from de Gennes 1979:
// eta ~ c^(15/4), J_e0 ~ c^(-9/4)); scales chosen so that shear of ~1e3/s moves chi_c visibly.
sm::crossover_rheology entangled() {
    return sm::make_crossover_rheology(0.02, sm::viscosity<>::from_value(1e-3),
                                       sm::viscosity<>::from_value(0.1), 3.75,
                                       sm::compliance<>::from_value(1e-2), 2.25);
}

} // namespace

TEST_CASE("Flory-Huggins formulas: derivatives agree with finite differences") {
    const double N = 50.0, chi = 0.7, h = 1e-5;
    for (double phi : {0.01, 0.1, 0.3, 0.6, 0.9}) {
        const double fp = sm::fh_free_energy(phi + h, N, chi),
                     fm = sm::fh_free_energy(phi - h, N, chi);
        const double mu = sm::fh_chemical_potential(phi, N, chi);
        // central difference: error h^2 f'''/6 < 1e-8 here
        CHECK(mu == rel((fp - fm) / (2 * h), 1e-7));
        const double mp = sm::fh_chemical_potential(phi + h, N, chi);
        const double mm = sm::fh_chemical_potential(phi - h, N, chi);
        CHECK(sm::fh_curvature(phi, N, chi) == rel((mp - mm) / (2 * h), 1e-6));
        CHECK(sm::fh_osmotic_pressure(phi, N, chi) ==
              rel(phi * mu - sm::fh_free_energy(phi, N, chi), 1e-12));
    }
}

TEST_CASE("Flory-Huggins: the formulas take xsimd batches lane by lane") {
    using B = xsimd::batch<double>;
    const B phi = B(0.25), N = B(10.0), chi = B(0.8);
    const B mu = sm::fh_chemical_potential(phi, N, chi);
    CHECK(mu.get(0) == rel(sm::fh_chemical_potential(0.25, 10.0, 0.8), 1e-14));
}

TEST_CASE("Flory-Huggins: bad input is named") {
    CHECK_THROWS_AS(sm::fh_free_energy(0.0, 1.0, 1.0), noneq::domain_error);
    CHECK_THROWS_AS(sm::fh_free_energy(1.0, 1.0, 1.0), noneq::domain_error);
    CHECK_THROWS_AS(sm::fh_chemical_potential(0.5, 0.0, 1.0), noneq::domain_error);
    CHECK_THROWS_AS(sm::fh_critical_point(-1.0), noneq::domain_error);
    CHECK_THROWS_AS(sm::fh_binodal(10.0, NAN), noneq::domain_error);
    try {
        (void)sm::fh_osmotic_pressure(1.5, 1.0, 1.0);
        FAIL("no throw");
    } catch (const noneq::domain_error& e) {
        CHECK(e.argument() == "phi");
    }
}

TEST_CASE("Flory-Huggins: spinodal is where f'' = 0, and empty below chi_c") {
    for (double N : {1.0, 10.0, 1000.0}) {
        const auto c = sm::fh_critical_point(N);
        const auto sp = sm::fh_spinodal(N, 1.3 * c.chi);
        REQUIRE(sp.two_phase);
        CHECK(std::abs(sm::fh_curvature(sp.low, N, 1.3 * c.chi)) < 1e-9 / sp.low);
        CHECK(std::abs(sm::fh_curvature(sp.high, N, 1.3 * c.chi)) < 1e-9);
        CHECK(sp.low < c.phi);
        CHECK(sp.high > c.phi);
        const auto below = sm::fh_spinodal(N, 0.99 * c.chi);
        CHECK_FALSE(below.two_phase);
        CHECK(std::isnan(below.low));
        const auto bin = sm::fh_binodal(N, 0.99 * c.chi);
        CHECK_FALSE(bin.two_phase);
        CHECK(std::isnan(bin.high));
    }
}

TEST_CASE("Flory-Huggins binodal: equal mu and Pi, spinodal inside, long chains") {
    for (double N : {1.0, 3.0, 100.0, 1e4}) {
        for (double factor : {1.01, 1.2, 2.0, 5.0}) {
            const double chi = factor * sm::fh_critical_point(N).chi;
            const auto b = sm::fh_binodal(N, chi);
            const auto s = sm::fh_spinodal(N, chi);
            INFO("N = ", N, ", chi = ", chi);
            REQUIRE(b.two_phase);
            CHECK(b.low >= 0.0);            // underflows to 0 for N = 1e4, chi >= 2 chi_c ...
            CHECK(std::isfinite(b.ln_low)); // ... where ln(low) still carries it
            CHECK(b.ln_low < std::log(s.low));
            CHECK(s.high < b.high);
            CHECK(b.high < 1.0);
            const sm::fh_model m{N, chi};
            // mu is O(1): absolute agreement to rounding of the log terms.
            const double l_lo = b.ln_low, r_lo = std::log1p(-std::exp(b.ln_low));
            const double l_hi = std::log1p(-std::exp(b.ln1m_high)), r_hi = b.ln1m_high;
            // low, read back through its own logarithm, is the same coexisting phase (where it
            // has not underflowed): mu at ln(low) agrees with the binodal's mu.
            if (b.low > 1e-300)
                CHECK(std::abs(m.mu(std::log(b.low), std::log1p(-b.low)) - b.mu) <
                      1e-10 * (1.0 + std::abs(b.mu)));
            CHECK(std::abs(m.mu(l_lo, r_lo) - b.mu) < 1e-10 * (1.0 + std::abs(b.mu)));
            CHECK(std::abs(m.mu(l_hi, r_hi) - b.mu) < 1e-10 * (1.0 + std::abs(b.mu)));
            CHECK(std::abs(m.pi(l_lo, r_lo) - m.pi(l_hi, r_hi)) < 1e-10 * (1.0 + std::abs(b.pi)));
        }
    }
}

TEST_CASE("chi(T) = A + B/T and the critical temperature") {
    const sm::chi_law law{-0.2, 300.0_K};
    CHECK(law(300.0_K) == rel(0.8, 1e-15));
    const double N = 100.0;
    const auto Tc = law.critical_temperature(N);
    CHECK(law(Tc) == rel(sm::fh_critical_point(N).chi, 1e-14));
    CHECK_THROWS_AS(law.temperature_at(-0.3), noneq::domain_error);
    CHECK_THROWS_AS(law(0.0_K), noneq::domain_error);
}

TEST_CASE("Osmotic pressure: van 't Hoff limit phi kT / (N v0) for dilute chains") {
    const double N = 100.0, phi = 1e-6;
    const auto v0 = noneq::make<noneq::unit::volume>(1e-28);
    const auto P = sm::osmotic_pressure(phi, N, 0.5, 300.0_K, v0);
    const double vant_hoff = noneq::constants::k_B.value() * 300.0 / 1e-28 * phi / N;
    // next virial term (1/2 - chi) phi^2 vanishes at chi = 1/2; phi^3/3 relative 1e-6 * N
    CHECK(noneq::in_Pa(P) == rel(vant_hoff, 1e-3));
    CHECK_THROWS_AS(sm::osmotic_pressure(phi, N, 0.5, 0.0_K, v0), noneq::domain_error);
}

TEST_CASE("Shear: stored-energy derivatives and the sign of its curvature") {
    for (double b : {2.25, 7.0, 9.0}) { // p = 5.25, 0.5, -1.5
        auto r = entangled();
        r.b = b;
        const double h = 1e-6;
        for (double phi : {0.005, 0.02, 0.1, 0.4}) {
            CHECK(r.stored_d1(phi) == rel((r.stored(phi + h) - r.stored(phi - h)) / (2 * h), 1e-6));
            CHECK(r.stored_d2(phi) ==
                  rel((r.stored_d1(phi + h) - r.stored_d1(phi - h)) / (2 * h), 1e-5));
            CHECK(r.stored_legendre(phi) == rel(phi * r.stored_d1(phi) - r.stored(phi), 1e-10));
            CHECK(r.je0(phi).value() * r.eta0(phi).value() * r.eta0(phi).value() ==
                  rel(r.stored(phi), 1e-12));
        }
    }
    // The header's claim: for p >= 0, sign(E'') = sign(p - 1) at every composition.
    for (double p : {0.0, 0.5, 0.99, 1.01, 2.0, 5.25}) {
        auto r = entangled();
        r.b = 2.0 * r.a - p;
        for (double phi = 1e-4; phi < 1.0; phi *= 1.7) {
            INFO("p = ", p, ", phi = ", phi);
            CHECK((r.stored_d2(phi) > 0.0) == (p > 1.0));
        }
    }
    // ... and for p < 0 it turns convex beyond x^2 = -3/p.
    auto r = entangled();
    r.b = 2.0 * r.a + 1.0; // p = -1: inflection at x = sqrt(3)
    CHECK(r.stored_d2(0.99 * std::sqrt(3.0) * r.phi_star) < 0.0);
    CHECK(r.stored_d2(1.01 * std::sqrt(3.0) * r.phi_star) > 0.0);
    CHECK_THROWS_AS(sm::make_crossover_rheology(1.5, sm::viscosity<>::from_value(1e-3),
                                                sm::viscosity<>::from_value(1.0), 3.75,
                                                sm::compliance<>::from_value(1.0), 2.25),
                    noneq::domain_error);
}

TEST_CASE("Shear: without flow the phase diagram is Flory-Huggins'") {
    const double N = 200.0;
    const auto c0 = sm::fh_critical_point(N);
    const auto m = sm::make_sheared_solution(N, 1.3 * c0.chi, entangled(), 0.0_Hz, 300.0_K,
                                             noneq::make<noneq::unit::volume>(1e-28));
    const auto c = sm::sheared_critical_point(m);
    // Brent minimisation locates a quadratic minimum to ~sqrt(eps) in phi, eps in the value.
    CHECK(c.phi == rel(c0.phi, 1e-6));
    CHECK(c.chi == rel(c0.chi, 1e-12));
    const auto s = sm::sheared_spinodal(m), s0 = sm::fh_spinodal(N, 1.3 * c0.chi);
    CHECK(s.low == rel(s0.low, 1e-10));
    CHECK(s.high == rel(s0.high, 1e-10));
    const auto b = sm::sheared_binodal(m), b0 = sm::fh_binodal(N, 1.3 * c0.chi);
    CHECK(b.low == rel(b0.low, 1e-9));
    CHECK(b.high == rel(b0.high, 1e-9));
}

TEST_CASE("Shear: a stored energy linear in phi (p = 1) shifts nothing") {
    // E = K phi / phi* exactly: mu and Pi of both phases shift by the same amounts.
    auto r = entangled();
    r.b = 2.0 * r.a - 1.0;
    r.J_star = 100.0;
    const double N = 50.0, chi = 0.8;
    const auto m = sm::make_sheared_solution(N, chi, r, 5000.0_Hz, 300.0_K,
                                             noneq::make<noneq::unit::volume>(1e-28));
    REQUIRE(m.s * r.stored(0.5) > 1.0); // a large term, several k_B T per site
    const auto b = sm::sheared_binodal(m), b0 = sm::fh_binodal(N, chi);
    CHECK(b.low == rel(b0.low, 1e-9));
    CHECK(b.high == rel(b0.high, 1e-9));
    CHECK(sm::sheared_critical_point(m).chi == rel(sm::fh_critical_point(N).chi, 1e-12));
}

TEST_CASE("Shear-induced mixing (E'' > 0) and demixing (E'' < 0)") {
    const double N = 200.0;
    const auto v0 = noneq::make<noneq::unit::volume>(1e-28);
    const auto c0 = sm::fh_critical_point(N);
    const double chi = 1.1 * c0.chi;
    const auto b0 = sm::fh_binodal(N, chi);
    const auto s0 = sm::fh_spinodal(N, chi);

    // Entangled good solvent, p = 2a - b = 5.25 > 1: mixing.
    const auto mix = sm::make_sheared_solution(N, chi, entangled(), 100.0_Hz, 300.0_K, v0);
    const auto cm = sm::sheared_critical_point(mix);
    CHECK(cm.chi > c0.chi * 1.001);
    const auto sm_ = sm::sheared_spinodal(mix);
    REQUIRE(sm_.two_phase);
    CHECK(sm_.high - sm_.low < s0.high - s0.low);
    const auto bm = sm::sheared_binodal(mix);
    REQUIRE(bm.two_phase);
    CHECK(bm.high - bm.low < b0.high - b0.low);
    CHECK(bm.low < sm_.low);
    CHECK(sm_.high < bm.high);
    const auto [la, ra] = sm::log_pair(bm.low);
    const auto [lb, rb] = sm::log_pair(bm.high);
    CHECK(std::abs(mix.mu(la, ra) - mix.mu(lb, rb)) < 1e-10);
    CHECK(std::abs(mix.pi(la, ra) - mix.pi(lb, rb)) < 1e-10);

    // Same viscosity, compliance falling faster (b = 7, p = 0.5 < 1): demixing.
    auto r = entangled();
    r.b = 7.0;
    r.J_star = 1.0;
    const auto dem = sm::make_sheared_solution(N, chi, r, 1000.0_Hz, 300.0_K, v0);
    const auto cd = sm::sheared_critical_point(dem);
    CHECK(cd.chi < c0.chi * 0.999);
    const auto bd = sm::sheared_binodal(dem);
    REQUIRE(bd.two_phase);
    CHECK(bd.high - bd.low > b0.high - b0.low);
    // Stronger shear moves it further.
    const auto dem2 = sm::make_sheared_solution(N, chi, r, 2000.0_Hz, 300.0_K, v0);
    CHECK(sm::sheared_critical_point(dem2).chi < cd.chi);
}

TEST_CASE("FFT: matches the direct DFT in 1D and 2D, and inverts") {
    std::mt19937_64 rng(noneq::test::seed(7));
    std::normal_distribution<double> g;
    const std::size_t ny = 8, nx = 16;
    std::vector<std::complex<double>> x(ny * nx), X(ny * nx);
    for (auto& v : x)
        v = {g(rng), g(rng)};
    for (std::size_t ky = 0; ky < ny; ++ky)
        for (std::size_t kx = 0; kx < nx; ++kx) {
            std::complex<double> s = 0;
            for (std::size_t y = 0; y < ny; ++y)
                for (std::size_t xx = 0; xx < nx; ++xx)
                    s += x[y * nx + xx] *
                         std::polar(1.0, -2 * std::numbers::pi *
                                             (double(ky * y) / ny + double(kx * xx) / nx));
            X[ky * nx + kx] = s;
        }
    auto y = x;
    sm::fft_nd f(ny, nx);
    f(y.data(), -1);
    double err = 0;
    for (std::size_t i = 0; i < y.size(); ++i)
        err = std::max(err, std::abs(y[i] - X[i]));
    CHECK(err < 1e-12);
    f(y.data(), +1);
    err = 0;
    for (std::size_t i = 0; i < y.size(); ++i)
        err = std::max(err, std::abs(y[i] / double(ny * nx) - x[i]));
    CHECK(err < 1e-14);
    CHECK_THROWS_AS(sm::fft_plan(12), noneq::domain_error);
}

TEST_CASE("Spectral grid: transforms invert, match the direct sums, and satisfy Parseval") {
    std::mt19937_64 rng(noneq::test::seed(11));
    std::normal_distribution<double> g;
    const double dx = 0.7, pi = std::numbers::pi;
    // 8 x 16 by the own radix-2 FFT; with KissFFT also non-power-of-two extents (6 x 10, 24 x 10,
    // 12 x 30: radices 2, 3, 5) and 8 x 16 through KissFFT
    struct shape {
        std::size_t ny, nx;
        sm::fft_backend backend;
    };
    std::vector<shape> shapes{{8, 16, sm::fft_backend::automatic}};
    if constexpr (sm::has_kissfft)
        shapes.insert(shapes.end(), {{6, 10, sm::fft_backend::automatic},
                                     {12, 30, sm::fft_backend::automatic},
                                     {24, 10, sm::fft_backend::automatic}, // a short row group
                                     {8, 16, sm::fft_backend::kissfft}});
    for (const auto& [ny, nx, backend] : shapes)
        for (auto bc : {sm::boundary::periodic, sm::boundary::no_flux}) {
            CAPTURE(ny);
            CAPTURE(nx);
            const sm::spectral_grid<2> grid({ny, nx}, dx, bc, backend);
            auto f = grid.make_field();
            for (auto& v : f)
                v = g(rng);
            std::vector<std::complex<double>> c(grid.size());
            grid.forward(f, c.data());
            // Direct sums: the real DFT (half spectrum) or the 2D DCT-II.
            const std::size_t cw = bc == sm::boundary::periodic ? nx / 2 + 1 : nx;
            REQUIRE(grid.size() == ny * cw);
            double err = 0.0;
            for (std::size_t ky = 0; ky < ny; ++ky)
                for (std::size_t kx = 0; kx < cw; ++kx) {
                    std::complex<double> s = 0.0;
                    for (std::size_t y = 0; y < ny; ++y)
                        for (std::size_t x = 0; x < nx; ++x) {
                            if (bc == sm::boundary::periodic)
                                s += f(y, x) * std::polar(1.0, -2 * pi *
                                                                   (double(ky * y) / ny +
                                                                    double(kx * x) / nx));
                            else
                                s += f(y, x) *
                                     std::cos(pi * double(ky) * (2 * y + 1) / (2.0 * ny)) *
                                     std::cos(pi * double(kx) * (2 * x + 1) / (2.0 * nx));
                        }
                    err = std::max(err, std::abs(s - c[ky * cw + kx]));
                }
            CHECK(err < 1e-12);
            auto back = grid.make_field();
            grid.inverse(c.data(), back);
            CHECK(xt::amax(xt::abs(back - f))() < 1e-14);
            double direct = 0.0, spectral = 0.0;
            for (double v : f)
                direct += v * v;
            for (std::size_t i = 0; i < c.size(); ++i)
                spectral += grid.weight()[i] * std::norm(c[i]);
            CHECK(spectral == rel(direct, 1e-13));
            // The spectral Laplacian of an allowed mode is exact.
            const double kx =
                bc == sm::boundary::periodic ? 2 * pi * 3 / (nx * dx) : pi * 3 / (nx * dx);
            const double ky = bc == sm::boundary::periodic ? 2 * pi / (ny * dx) : pi / (ny * dx);
            for (std::size_t y = 0; y < ny; ++y)
                for (std::size_t x = 0; x < nx; ++x)
                    f(y, x) = std::cos(kx * grid.coordinate(x) +
                                       (bc == sm::boundary::periodic ? 0.3 : 0.0)) *
                              std::cos(ky * grid.coordinate(y));
            grid.forward(f, c.data());
            for (std::size_t i = 0; i < c.size(); ++i)
                c[i] *= -grid.k2()[i];
            grid.inverse(c.data(), back);
            CHECK(xt::amax(xt::abs(back + (kx * kx + ky * ky) * f))() < 1e-13);
        }
    // 1D: same checks on one row.
    for (auto bc : {sm::boundary::periodic, sm::boundary::no_flux}) {
        const sm::spectral_grid<1> grid({32}, 1.0, bc);
        auto f = grid.make_field();
        for (auto& v : f)
            v = g(rng);
        std::vector<std::complex<double>> c(grid.size());
        grid.forward(f, c.data());
        auto back = grid.make_field();
        grid.inverse(c.data(), back);
        CHECK(xt::amax(xt::abs(back - f))() < 1e-14);
        double direct = 0.0, spectral = 0.0;
        for (double v : f)
            direct += v * v;
        for (std::size_t i = 0; i < c.size(); ++i)
            spectral += grid.weight()[i] * std::norm(c[i]);
        CHECK(spectral == rel(direct, 1e-13));
    }
    // odd extents are rejected (the real transforms pack rows and columns in pairs); 24 is
    // accepted with KissFFT (any even extent), rejected without it
    CHECK_THROWS_AS(sm::spectral_grid<1>({25}, 1.0, sm::boundary::periodic), noneq::domain_error);
    if constexpr (!sm::has_kissfft)
        CHECK_THROWS_AS(sm::spectral_grid<1>({24}, 1.0, sm::boundary::periodic),
                        noneq::domain_error);
}

TEST_CASE("Cahn-Hilliard 2D: mass conserved to 1e-12 and free energy never increases") {
    for (auto bc : {sm::boundary::periodic, sm::boundary::no_flux}) {
        const auto phi0 = noisy_field(32, -0.2, 0.1, 3);
        sm::cahn_hilliard<2, sm::double_well> ch(sm::double_well{1.0}, phi0, {1.0, 1.0, 1.0, 0.5},
                                                 bc);
        const double m0 = ch.mass(), e0 = ch.free_energy();
        double e_prev = e0, worst_mass = 0.0, worst_rise = -1.0;
        for (int s = 0; s < 200; ++s) {
            REQUIRE(ch.advance(1).ok);
            const double e = ch.free_energy();
            worst_rise = std::max(worst_rise, (e - e_prev) / std::abs(e_prev));
            worst_mass = std::max(worst_mass, std::abs(ch.mass() - m0) / std::abs(m0));
            e_prev = e;
        }
        CHECK(worst_mass < 1e-12);
        CHECK(worst_rise <= 1e-14); // a decrease, up to the rounding of the sum
        CHECK(e_prev < 0.8 * e0);   // phase separation released free energy (measured ~0.6 e0)
        // the field really evolved: phase separation lowered F and spread phi
        CHECK(xt::amax(ch.phi())() > 0.5);
    }
}

TEST_CASE("Cahn-Hilliard: no-flux keeps mirror symmetry, periodic keeps translation") {
    // A field symmetric about the centre of a no-flux box stays symmetric; the chemical potential
    // of a converged 1D step is uniform.
    const std::size_t n = 128;
    xt::xtensor<double, 1> phi0 = xt::xtensor<double, 1>::from_shape({n});
    for (std::size_t i = 0; i < n; ++i)
        phi0(i) = (i < n / 4 || i >= 3 * n / 4) ? 0.9 : -0.9;
    sm::cahn_hilliard<1, sm::double_well> ch(sm::double_well{1.0}, phi0, {1.0, 1.0, 0.5, 1.0},
                                             sm::boundary::no_flux);
    REQUIRE(ch.advance(3000).ok);
    const auto& phi = ch.phi();
    double asym = 0;
    for (std::size_t i = 0; i < n; ++i)
        asym = std::max(asym, std::abs(phi(i) - phi(n - 1 - i)));
    CHECK(asym < 1e-10);
    const auto mu = ch.chemical_potential();
    CHECK(xt::amax(mu)() - xt::amin(mu)() < 1e-6);
}

TEST_CASE("Cahn-Hilliard: a Flory-Huggins step that leaves (0,1) stops and keeps the last state") {
    xt::xtensor<double, 1> phi0 = xt::xtensor<double, 1>::from_shape({64});
    for (std::size_t i = 0; i < 64; ++i)
        phi0(i) = i < 32 ? 0.02 : 0.98;
    // S = 0 and a huge step: the explicit part overshoots out of (0, 1).
    sm::cahn_hilliard<1, sm::flory_huggins_energy> ch(sm::flory_huggins_energy{1.0, 3.0, 0.0}, phi0,
                                                      {1.0, 1.0, 1.0, 50.0},
                                                      sm::boundary::periodic);
    const auto rep = ch.advance(100);
    CHECK_FALSE(rep.ok);
    CHECK(rep.steps < 100);
    CHECK(ch.time() == rel(50.0 * double(rep.steps), 1e-15));
    for (double v : ch.phi())
        CHECK(std::isfinite(v));
    CHECK_THROWS_AS(ch.set_dt(-1.0), noneq::domain_error);
}

TEST_CASE("Cahn-Hilliard with KissFFT: the own FFT's steps on 32 x 32, and a 24 x 40 grid") {
    if constexpr (!sm::has_kissfft) return;
    for (auto bc : {sm::boundary::periodic, sm::boundary::no_flux}) {
        // the same 100 steps through either FFT: equal to rounding
        const auto phi0 = noisy_field(32, -0.2, 0.1, 3);
        sm::ch_parameters p{1.0, 1.0, 1.0, 0.5};
        sm::cahn_hilliard<2, sm::double_well> own(sm::double_well{1.0}, phi0, p, bc);
        p.backend = sm::fft_backend::kissfft;
        sm::cahn_hilliard<2, sm::double_well> kiss(sm::double_well{1.0}, phi0, p, bc);
        REQUIRE(own.grid().backend() == sm::fft_backend::own);
        REQUIRE(kiss.grid().backend() == sm::fft_backend::kissfft);
        REQUIRE(own.advance(100).ok);
        REQUIRE(kiss.advance(100).ok);
        CHECK(xt::amax(xt::abs(own.phi() - kiss.phi()))() < 1e-12);
        // a non-power-of-two grid: mass conserved, free energy decreasing, phases separating
        xt::xtensor<double, 2> f = xt::zeros<double>({24, 40});
        std::mt19937_64 rng(noneq::test::seed(5));
        std::uniform_real_distribution<double> u(-0.1, 0.1);
        for (auto& v : f)
            v = -0.2 + u(rng);
        sm::cahn_hilliard<2, sm::double_well> ch(sm::double_well{1.0}, f, {1.0, 1.0, 1.0, 0.5}, bc);
        REQUIRE(ch.grid().backend() == sm::fft_backend::kissfft);
        const double m0 = ch.mass(), e0 = ch.free_energy();
        double e_prev = e0, worst_rise = -1.0;
        for (int s = 0; s < 200; ++s) {
            REQUIRE(ch.advance(1).ok);
            worst_rise = std::max(worst_rise, (ch.free_energy() - e_prev) / std::abs(e_prev));
            e_prev = ch.free_energy();
        }
        CHECK(std::abs(ch.mass() - m0) < 1e-12 * std::abs(m0));
        CHECK(worst_rise <= 1e-14);
        CHECK(e_prev < 0.8 * e0);
    }
}

TEST_CASE("Cahn-Hilliard in SI quantities: the reduced solver in the units dx, a, dx^2/(M a)") {
    // a = 1 MJ/m^3, kappa = 1e-12 J/m (w = sqrt(2 kappa/a) = 1.414 nm), dx = 0.5 nm,
    // M = 1e-20 m^5/(J s): tau = dx^2/(M a) = 25 us, kappa' = kappa/(a dx^2) = 4
    sm::ch_si_parameters p{
        noneq::ch_mobility<double>::from_value(1e-20), noneq::pressure<double>::from_value(1e6),
        noneq::force<double>::from_value(1e-12), noneq::length<double>::from_value(0.5e-9),
        noneq::time<double>::from_value(12.5e-6)};
    const auto phi0 = noisy_field(32, -0.2, 0.1, 3);
    sm::cahn_hilliard_si<2> si(p, phi0, sm::boundary::periodic);
    CHECK(si.time_unit().value() == rel(25e-6, 1e-14));
    sm::cahn_hilliard<2, sm::double_well> red(sm::double_well{1.0}, phi0, {1.0, 4.0, 1.0, 0.5},
                                              sm::boundary::periodic);
    REQUIRE(si.advance(100).ok);
    REQUIRE(red.advance(100).ok);
    CHECK(si.time().value() == rel(100 * 12.5e-6, 1e-13));
    // kappa' = 1e-12 / (1e6 * 2.5e-19) is 4 to rounding: the fields agree to rounding
    CHECK(xt::amax(xt::abs(si.phi() - red.phi()))() < 1e-12);
    CHECK(si.free_energy_si() == rel(red.free_energy() * 1e6 * 0.25e-18, 1e-12));
    // sigma = (2 sqrt 2 / 3) sqrt(kappa a) (the header's closed form): 0.9428 mJ/m^2
    CHECK(si.tension().value() == rel(2 * std::sqrt(2.0) / 3 * 1e-3, 1e-14));
    CHECK(si.interface_width().value() == rel(std::sqrt(2e-18), 1e-14));
    p.dt = noneq::time<double>::from_value(0.0);
    CHECK(noneq::test::rejects([&] { sm::cahn_hilliard_si<2>(p, phi0, sm::boundary::periodic); }) ==
          "dt");
}

TEST_CASE("Cahn-Hilliard 3D (periodic): transforms invert, mass conserved, energy decreasing") {
    std::mt19937_64 rng(noneq::test::seed(21));
    std::uniform_real_distribution<double> u(-0.1, 0.1);
    std::vector<std::array<std::size_t, 3>> shapes{{8, 16, 16}};
    if constexpr (sm::has_kissfft) shapes.push_back({6, 10, 12});
    for (const auto& shape : shapes) {
        CAPTURE(shape[1]);
        const sm::spectral_grid<3> g(shape, 0.8, sm::boundary::periodic);
        auto f = g.make_field();
        for (auto& v : f)
            v = u(rng);
        std::vector<std::complex<double>> c(g.size());
        g.forward(f, c.data());
        auto back = g.make_field();
        g.inverse(c.data(), back);
        CHECK(xt::amax(xt::abs(back - f))() < 1e-14);
        // the spectral Laplacian of an allowed mode is exact
        const double pi = std::numbers::pi;
        const double kz = 2 * pi / (shape[0] * 0.8), ky = 2 * pi * 2 / (shape[1] * 0.8),
                     kx = 2 * pi * 3 / (shape[2] * 0.8);
        for (std::size_t k = 0; k < shape[0]; ++k)
            for (std::size_t j = 0; j < shape[1]; ++j)
                for (std::size_t i = 0; i < shape[2]; ++i)
                    f(k, j, i) = std::cos(kz * g.coordinate(k)) *
                                 std::sin(ky * g.coordinate(j) + 0.3) *
                                 std::cos(kx * g.coordinate(i));
        g.forward(f, c.data());
        for (std::size_t i = 0; i < c.size(); ++i)
            c[i] *= -g.k2()[i];
        g.inverse(c.data(), back);
        CHECK(xt::amax(xt::abs(back + (kx * kx + ky * ky + kz * kz) * f))() < 1e-12);
        // phase separation in 3D
        for (auto& v : f)
            v = -0.2 + u(rng);
        sm::cahn_hilliard<3, sm::double_well> ch(sm::double_well{1.0}, f, {1.0, 1.0, 1.0, 0.5},
                                                 sm::boundary::periodic);
        const double m0 = ch.mass(), e0 = ch.free_energy();
        double e_prev = e0, worst_rise = -1.0;
        for (int s = 0; s < 150; ++s) {
            REQUIRE(ch.advance(1).ok);
            worst_rise = std::max(worst_rise, (ch.free_energy() - e_prev) / std::abs(e_prev));
            e_prev = ch.free_energy();
        }
        CHECK(std::abs(ch.mass() - m0) < 1e-12 * std::abs(m0));
        CHECK(worst_rise <= 1e-14);
        CHECK(e_prev < 0.9 * e0);
    }
    CHECK_THROWS_AS(sm::spectral_grid<3>({8, 8, 8}, 1.0, sm::boundary::no_flux),
                    noneq::domain_error);
}

TEST_CASE("Cahn-Hilliard: bad input is named") {
    auto phi0 = noisy_field(16, 0.0, 0.1, 1);
    using CH = sm::cahn_hilliard<2, sm::double_well>;
    CHECK_THROWS_AS(CH(sm::double_well{1.0}, phi0, {-1.0, 1.0, 1.0, 0.1}, sm::boundary::periodic),
                    noneq::domain_error);
    CHECK_THROWS_AS(CH(sm::double_well{1.0}, phi0, {1.0, 0.0, 1.0, 0.1}, sm::boundary::periodic),
                    noneq::domain_error);
    CHECK_THROWS_AS(CH(sm::double_well{1.0}, phi0, {1.0, 1.0, 1.0, 0.0}, sm::boundary::periodic),
                    noneq::domain_error);
    phi0(3, 4) = NAN;
    try {
        CH(sm::double_well{1.0}, phi0, {}, sm::boundary::periodic);
        FAIL("no throw");
    } catch (const noneq::domain_error& e) {
        CHECK(e.argument() == "phi0[52]");
    }
    phi0(3, 4) = 0.0;
    CH ch(sm::double_well{1.0}, phi0, {}, sm::boundary::no_flux);
    CHECK_THROWS_AS(ch.set_external_potential(noisy_field(8, 0.0, 0.1, 2)), noneq::domain_error);
    // odd extents are rejected (12 x 12, a valid grid with KissFFT, was the case before it)
    xt::xtensor<double, 2> odd = xt::zeros<double>({13, 12});
    CHECK_THROWS_AS(CH(sm::double_well{1.0}, odd, {}, sm::boundary::periodic), noneq::domain_error);
}

TEST_CASE("ATP field: steady state solves D c'' - k c + s = 0 and decays over sqrt(D/k)") {
    const sm::spectral_grid<1> g({256}, 0.5, sm::boundary::no_flux);
    const double D = 4.0, k = 0.04, lambda = std::sqrt(D / k); // 10
    const auto s = sm::gaussian_source<1>(g, {0.0}, 1.0, 2.0);
    const auto c = sm::reaction_diffusion_steady_state<1>(g, s, D, k);
    // Total balance: consumption k int c = production int s = 2.
    CHECK(k * xt::sum(c)() * g.dx() == rel(2.0, 1e-12));
    // Outside the source (x > 8 widths): c = A cosh((L - x)/lambda).
    const double L = 128.0;
    const double A = c(40) / std::cosh((L - g.coordinate(40)) / lambda);
    for (std::size_t i = 40; i < 256; i += 17)
        CHECK(c(i) == rel(A * std::cosh((L - g.coordinate(i)) / lambda), 1e-9));
    CHECK(noneq::in_um(sm::decay_length(sm::diffusivity<>::from_value(1e-12), 1.0_Hz)) ==
          rel(1.0, 1e-15));
    CHECK_THROWS_AS(sm::reaction_diffusion_steady_state<1>(g, s, D, 0.0), noneq::domain_error);
}

TEST_CASE("Morphology: centroid and domain length of known fields") {
    xt::xtensor<double, 1> f = xt::xtensor<double, 1>::from_shape({64});
    for (std::size_t i = 0; i < 64; ++i)
        f(i) = std::sin(2 * std::numbers::pi * double(i) / 16.0);
    CHECK(sm::domain_length<1>(f, 1.0) == rel(16.0, 1e-12));
    f.fill(-1.0);
    f(10) = 1.0;
    f(11) = 1.0;
    CHECK(sm::dense_phase_centroid<1>(f, 0.0, 2.0)[0] == rel(22.0, 1e-15));
}

// ---- functions no other case calls, and bad input ---------------------------------------------

TEST_CASE("common_tangent on the symmetric mixture: Huggins' closed form") {
    // N = 1: the binodal satisfies chi = ln(phi/(1-phi)) / (2 phi - 1) (Flory 1953) and is
    // symmetric, phi_low = 1 - phi_high.
    const double chi = 3.0;
    const sm::fh_model m{1.0, chi};
    const auto sp = sm::fh_spinodal(1.0, chi);
    const auto b = sm::common_tangent(m, sp.low, sp.high);
    REQUIRE(b.two_phase);
    CHECK(std::log(b.high / (1 - b.high)) / (2 * b.high - 1) == rel(chi, 1e-10));
    CHECK(b.low == rel(1 - b.high, 1e-10));
    CHECK(b.low == rel(0.0707201816799, 1e-10)); // examples/polymer's value at chi = 3
}

TEST_CASE("exchange chemical potential and stored shear energy in SI units") {
    const double kT = noneq::constants::k_B.value() * 300.0;
    CHECK(sm::exchange_chemical_potential(0.3, 100.0, 0.6, 300.0_K).value() ==
          rel(kT * sm::fh_chemical_potential(0.3, 100.0, 0.6), 1e-14));
    // eta0^2 J_e0 gamma_dot^2 (Wolf 1984's stored energy of steady shear)
    const auto r = entangled();
    const double g = 500.0, phi = 0.05;
    const double eta = r.eta0(phi).value(), je = r.je0(phi).value();
    CHECK(sm::stored_energy_density(r, phi, noneq::frequency<double>::from_value(g)).value() ==
          rel(eta * eta * je * g * g, 1e-14));
    CHECK(sm::stored_energy_density(r, phi, noneq::frequency<double>::from_value(0.0)).value() ==
          0.0);
}

TEST_CASE("bad input: soft matter") {
    using noneq::test::rejects;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const auto T = 300.0_K;
    // Flory-Huggins
    CHECK(rejects([&] { sm::fh_free_energy(0.0, 10.0, 0.5); }) == "phi");
    CHECK(rejects([&] { sm::fh_chemical_potential(0.5, 0.0, 0.5); }) == "N");
    CHECK(rejects([&] { sm::fh_curvature(0.5, 10.0, nan); }) == "chi");
    CHECK(rejects([&] { sm::fh_osmotic_pressure(1.0, 10.0, 0.5); }) == "phi");
    CHECK(rejects([&] { sm::osmotic_pressure(0.1, 10.0, 0.5, 0.0_K, 1e-28_m3); }) == "T");
    CHECK(rejects([&] { sm::osmotic_pressure(0.1, 10.0, 0.5, T, 0.0_m3); }) == "site_volume");
    CHECK(rejects([&] { sm::exchange_chemical_potential(0.1, 10.0, 0.5, 0.0_K); }) == "T");
    CHECK(rejects([&] { sm::fh_critical_point(-1.0); }) == "N");
    CHECK(rejects([&] { sm::fh_spinodal(0.0, 1.0); }) == "N");
    CHECK(rejects([&] { sm::fh_spinodal(10.0, nan); }) == "chi");
    const sm::fh_model m{1.0, 3.0};
    CHECK(rejects([&] { sm::common_tangent(m, 0.6, 0.4); }) == "spinodal_low");
    CHECK(rejects([&] { sm::fh_interfacial_tension(1.0, 3.0, -1.0); }) == "kappa");
    const sm::chi_law law{0.2, 150.0_K};
    CHECK(rejects([&] { law(0.0_K); }) == "T");
    // shear
    const auto eta = [](double x) { return sm::viscosity<>::from_value(x); };
    const auto J = [](double x) { return sm::compliance<>::from_value(x); };
    CHECK(rejects([&] {
              sm::make_crossover_rheology(0.02, eta(-1.0), eta(0.1), 3.75, J(1e-2), 2.25);
          }) == "eta_s");
    CHECK(rejects([&] {
              sm::make_crossover_rheology(0.02, eta(1e-3), eta(0.0), 3.75, J(1e-2), 2.25);
          }) == "eta_star");
    CHECK(rejects([&] {
              sm::make_crossover_rheology(0.02, eta(1e-3), eta(0.1), 21.0, J(1e-2), 2.25);
          }) == "a");
    CHECK(rejects([&] {
              sm::make_crossover_rheology(0.02, eta(1e-3), eta(0.1), 3.75, J(0.0), 2.25);
          }) == "J_star");
    CHECK(rejects([&] {
              sm::make_crossover_rheology(0.02, eta(1e-3), eta(0.1), 3.75, J(1e-2), -1.0);
          }) == "b");
    const auto r = entangled();
    const auto rate = [](double x) { return noneq::frequency<double>::from_value(x); };
    CHECK(rejects([&] { sm::stored_energy_density(r, 1.0, rate(10.0)); }) == "phi");
    CHECK(rejects([&] { sm::stored_energy_density(r, 0.1, rate(nan)); }) == "shear_rate");
    CHECK(rejects([&] { sm::make_sheared_solution(0.0, 0.6, r, rate(1.0), T, 1e-28_m3); }) == "N");
    CHECK(rejects([&] { sm::make_sheared_solution(100.0, nan, r, rate(1.0), T, 1e-28_m3); }) ==
          "chi");
    CHECK(rejects([&] { sm::make_sheared_solution(100.0, 0.6, r, rate(nan), T, 1e-28_m3); }) ==
          "shear_rate");
    CHECK(rejects([&] { sm::make_sheared_solution(100.0, 0.6, r, rate(1.0), 0.0_K, 1e-28_m3); }) ==
          "T");
    CHECK(rejects([&] { sm::make_sheared_solution(100.0, 0.6, r, rate(1.0), T, 0.0_m3); }) ==
          "site_volume");
    // ATP gradient, grids, morphology, Cahn-Hilliard
    const auto D = sm::diffusivity<>::from_value(1e-10);
    CHECK(rejects([&] { sm::decay_length(sm::diffusivity<>::from_value(0.0), rate(1.0)); }) == "D");
    CHECK(rejects([&] { sm::decay_length(D, rate(-1.0)); }) == "k");
    CHECK(rejects([&] { sm::spectral_grid<1>({32}, 0.0, sm::boundary::periodic); }) == "dx");
    CHECK(rejects([&] { sm::spectral_grid<1>({25}, 1.0, sm::boundary::periodic); }) == "grid");
    const sm::spectral_grid<1> g({32}, 1.0, sm::boundary::no_flux);
    CHECK(rejects([&] { sm::gaussian_source(g, {8.0}, 0.0, 1.0); }) == "width");
    CHECK(rejects([&] { sm::gaussian_source(g, {8.0}, 2.0, -1.0); }) == "rate");
    CHECK(rejects([&] { sm::gaussian_source(g, {1e6}, 2.0, 1.0); }) == "centre");
    const auto src = sm::gaussian_source(g, {8.0}, 2.0, 1.0);
    CHECK(rejects([&] { sm::reaction_diffusion_steady_state(g, src, 0.0, 1.0); }) == "D");
    CHECK(rejects([&] { sm::reaction_diffusion_steady_state(g, src, 1.0, 0.0); }) == "k");
    auto bad_src = src;
    bad_src(3) = nan;
    CHECK(rejects([&] { sm::reaction_diffusion_steady_state(g, bad_src, 1.0, 1.0); }) ==
          "source[3]");
    CHECK(rejects([&] { sm::atp_chemical_potential(src, nan, 1.0); }) == "epsilon");
    CHECK(rejects([&] { sm::atp_chemical_potential(src, 1.0, 0.0); }) == "c_ref");
    CHECK(rejects([&] { sm::dense_phase_centroid(src, 0.1, 0.0); }) == "dx");
    xt::xtensor<double, 1> wrong = xt::xtensor<double, 1>::from_shape({16});
    std::vector<std::complex<double>> w(g.size());
    CHECK(rejects([&] { g.forward(wrong, w.data()); }) == "field extent");
    const sm::double_well f{1.0};
    xt::xtensor<double, 1> phi0 = xt::xtensor<double, 1>::from_shape({32});
    phi0.fill(0.0);
    CHECK(rejects([&] {
              sm::cahn_hilliard<1, sm::double_well>(f, phi0, {0.0, 1.0, 1.0, 0.1},
                                                    sm::boundary::periodic);
          }) == "mobility");
    CHECK(rejects([&] {
              sm::cahn_hilliard<1, sm::double_well>(f, phi0, {1.0, -1.0, 1.0, 0.1},
                                                    sm::boundary::periodic);
          }) == "kappa");
    CHECK(rejects([&] {
              sm::cahn_hilliard<1, sm::double_well>(f, phi0, {1.0, 1.0, 1.0, 0.0},
                                                    sm::boundary::periodic);
          }) == "dt");
    auto phi_nan = phi0;
    phi_nan(5) = nan;
    CHECK(rejects([&] {
              sm::cahn_hilliard<1, sm::double_well>(f, phi_nan, {1.0, 1.0, 1.0, 0.1},
                                                    sm::boundary::periodic);
          }) == "phi0[5]");
}

// The free-energy concepts of the Cahn-Hilliard solver and the coexistence solver, both ways.
namespace {
struct no_stabilization {
    double f(double) const { return 0; }
    double df(double) const { return 0; }
};
} // namespace
static_assert(sm::local_free_energy<sm::double_well> &&
              sm::local_free_energy<sm::flory_huggins_energy> &&
              !sm::local_free_energy<no_stabilization> && !sm::local_free_energy<double>);
static_assert(sm::lattice_free_energy<sm::fh_model> && !sm::lattice_free_energy<sm::double_well>);
