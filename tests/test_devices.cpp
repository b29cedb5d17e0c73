// devices/ and core/fermi_dirac.hpp: Fermi-Dirac integrals, Seebeck models, the thermoelectric
// generator, spectra, detailed balance, recombination and the water-splitting comparison.
#include <noneq/core/fermi_dirac.hpp>
#include <noneq/devices/detailed_balance.hpp>
#include <noneq/devices/photoelectrochemistry.hpp>
#include <noneq/devices/recombination.hpp>
#include <noneq/devices/seebeck.hpp>
#include <noneq/devices/spectrum.hpp>
#include <noneq/devices/teg.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <numbers>
#include <string>

using namespace noneq;
using namespace noneq::devices;
using namespace noneq::literals;

namespace {
constexpr double pi = std::numbers::pi;
const double eV = constants::e.value();
const double k_over_e = constants::k_B.value() / constants::e.value();

energy<double> ev(double x) {
    return energy<double>::from_value(x * eV);
}
temperature<double> kelvin_(double x) {
    return temperature<double>::from_value(x);
}

std::string spectrum_path() {
    return std::string(NONEQ_SOURCE_DIR) + "/data/astm_g173.csv";
}
} // namespace

// ---- Fermi-Dirac integrals ------------------------------------------------------------------

TEST_CASE("fermi_dirac: F_j(0) = (1 - 2^-j) zeta(j+1) and F_0 = ln(1 + e^eta)") {
    // zeta(1/2), zeta(3/2), zeta(5/2) (DLMF 25.6; 16 digits); F_{-1/2}(0) uses (1 - 2^{1/2}).
    const double z12 = -1.4603545088095868, z32 = 2.6123753486854883, z52 = 1.3414872572509172;
    const double zeta3 = 1.2020569031595943;
    CHECK(fermi_dirac(-0.5, 0.0) == doctest::Approx((1 - std::sqrt(2.0)) * z12).epsilon(2e-14));
    CHECK(fermi_dirac(0.5, 0.0) == doctest::Approx((1 - 1 / std::sqrt(2.0)) * z32).epsilon(2e-14));
    CHECK(fermi_dirac(1.5, 0.0) == doctest::Approx((1 - std::pow(2.0, -1.5)) * z52).epsilon(2e-14));
    CHECK(fermi_dirac(1.0, 0.0) == doctest::Approx(pi * pi / 12).epsilon(2e-14));
    CHECK(fermi_dirac(2.0, 0.0) == doctest::Approx(0.75 * zeta3).epsilon(2e-14));
    for (double eta : {-30.0, -2.0, 0.0, 3.0, 700.0})
        CHECK(fermi_dirac(0.0, eta) ==
              doctest::Approx(std::log1p(std::exp(-std::abs(eta))) + std::max(eta, 0.0))
                  .epsilon(1e-15));
}

TEST_CASE("fermi_dirac: non-degenerate limit e^eta, continuity at the series/quadrature seam") {
    for (double j : {-0.5, 0.5, 1.0, 1.5, 2.0, 3.5}) {
        // F_j = e^eta (1 - e^eta / 2^{j+1} + ...): at eta = -40 the correction is 4e-18.
        CHECK(fermi_dirac(j, -40.0) == doctest::Approx(std::exp(-40.0)).epsilon(1e-15));
        const double z = std::exp(-8.0);
        CHECK(fermi_dirac(j, -8.0) ==
              doctest::Approx(z - z * z / std::pow(2.0, j + 1) + z * z * z / std::pow(3.0, j + 1))
                  .epsilon(1e-12));
        // The series (eta <= -2) and the quadrature (eta > -2) agree across the seam: the
        // derivative is F_{j-1} <= F_j, so the jump over 2e-9 must be below 1e-13 relative.
        const double lo = fermi_dirac(j, -2.0), hi = fermi_dirac(j, -2.0 + 2e-9);
        CHECK(std::abs(hi - lo) / lo < 1e-8);
    }
}

TEST_CASE("fermi_dirac: degenerate limit matches the Sommerfeld expansion") {
    // The dropped term is O(eta^-6) relative (about 3e-10 at eta = 50 for j = 1/2).
    for (double j : {-0.5, 0.5, 1.5, 2.5}) {
        CHECK(fermi_dirac(j, 50.0) ==
              doctest::Approx(fermi_dirac_sommerfeld(j, 50.0)).epsilon(2e-9));
        CHECK(fermi_dirac(j, 400.0) ==
              doctest::Approx(fermi_dirac_sommerfeld(j, 400.0)).epsilon(1e-13));
    }
    // Integer j: the expansion terminates; exact up to the exponentially small F_j(-eta) term.
    CHECK(fermi_dirac(1.0, 20.0) ==
          doctest::Approx(20.0 * 20.0 / 2 + pi * pi / 6 - fermi_dirac(1.0, -20.0)).epsilon(1e-14));
    CHECK(fermi_dirac(2.0, 5.0) ==
          doctest::Approx(125.0 / 6 + pi * pi / 6 * 5.0 + fermi_dirac(2.0, -5.0)).epsilon(1e-14));
}

TEST_CASE("fermi_dirac: dF_j/deta = F_{j-1} (central difference, h = 1e-4)") {
    for (double eta : {-1.0, 0.5, 4.0, 25.0}) {
        const double h = 1e-4;
        const double d = (fermi_dirac(1.5, eta + h) - fermi_dirac(1.5, eta - h)) / (2 * h);
        // truncation h^2/6 F''' ~ 2e-9 relative; quadrature noise 1e-14/1e-4 = 1e-10
        CHECK(d == doctest::Approx(fermi_dirac(0.5, eta)).epsilon(1e-8));
    }
    CHECK(fermi_dirac_unnormalised(0.5, 1.0) ==
          doctest::Approx(std::tgamma(1.5) * fermi_dirac(0.5, 1.0)).epsilon(1e-15));
}

TEST_CASE("fermi_dirac: domain errors") {
    CHECK_THROWS_AS(fermi_dirac(-0.7, 0.0), noneq::domain_error);
    CHECK_THROWS_AS(fermi_dirac(0.5, NAN), noneq::domain_error);
    CHECK_THROWS_AS(fermi_dirac(0.5, 2e4), noneq::domain_error);
    CHECK_THROWS_AS(fermi_dirac_sommerfeld(0.5, -1.0), noneq::domain_error);
}

// ---- Seebeck -----------------------------------------------------------------------------------

TEST_CASE("seebeck: electron gas, classical, signs and the open-circuit voltage") {
    CHECK(in_uV_per_K(seebeck_electron_gas()) == doctest::Approx(-1e6 * k_over_e).epsilon(1e-15));
    CHECK(in_uV_per_K(seebeck_classical()) == doctest::Approx(-0.5e6 * k_over_e).epsilon(1e-15));
    CHECK(in_uV_per_K(seebeck_classical(carrier::hole)) ==
          doctest::Approx(0.5e6 * k_over_e).epsilon(1e-15));
    CHECK(in_uV_per_K(seebeck_classical<float>()) == doctest::Approx(-43.086666f).epsilon(1e-6));
    const auto S = seebeck_classical();
    // Cold end negative for electrons: V_cold - V_hot = S (T_h - T_c) < 0.
    CHECK(in_mV(seebeck_voltage(S, 400.0_K, 300.0_K)) ==
          doctest::Approx(-0.5 * k_over_e * 100 * 1e3).epsilon(1e-14));
    using grad_unit = unit_quotient<unit::temperature, unit::length>;
    const auto E = balancing_field(S, quantity<grad_unit>::from_value(1000.0)); // 1 K/mm
    CHECK(E.value() == doctest::Approx(-0.5 * k_over_e * 1000.0).epsilon(1e-15));
    CHECK_THROWS_AS(seebeck_voltage(S, 400.0_K, -1.0_K), noneq::domain_error);
}

TEST_CASE("seebeck: the Fermi-Dirac form tends to the non-degenerate and the Mott limits") {
    for (double r : {-0.5, 0.0, 1.5}) {
        // eta -> -inf: F ratio -> 1 - e^eta (2^{-(r+5/2)} - 2^{-(r+3/2)}) ...: at eta = -25 the
        // correction is e^-25 ~ 1e-11 of (r + 5/2 - eta).
        const double nd = in_uV_per_K(seebeck_nondegenerate(r, -25.0));
        CHECK(in_uV_per_K(seebeck_fermi_dirac(r, -25.0)) == doctest::Approx(nd).epsilon(1e-10));
        // eta -> +inf: S -> -(k/e)(pi^2/3)(r + 3/2)/eta, next order eta^-3 (relative eta^-2).
        const double T = 300.0, eta = 200.0;
        const auto mott = seebeck_free_electron_metal(
            kelvin_(T), energy<double>::from_value(eta * constants::k_B.value() * T), r);
        CHECK(in_uV_per_K(seebeck_fermi_dirac(r, eta)) ==
              doctest::Approx(in_uV_per_K(mott)).epsilon(10.0 / (eta * eta)));
        CHECK(in_uV_per_K(mott) ==
              doctest::Approx(-1e6 * k_over_e * pi * pi / 3 * (r + 1.5) / eta).epsilon(1e-14));
    }
    // Free-electron metal, r = 0: -pi^2 k^2 T / (2 e E_F).
    const auto s = seebeck_free_electron_metal(300.0_K, 3.24_eV);
    CHECK(s.value() == doctest::Approx(-pi * pi * constants::k_B.value() * constants::k_B.value() *
                                       300.0 / (2 * constants::e.value() * 3.24 * eV))
                           .epsilon(1e-14));
    CHECK_THROWS_AS(seebeck_fermi_dirac(-1.0, 0.0), noneq::domain_error);
    CHECK_THROWS_AS(seebeck_free_electron_metal(300.0_K, -1.0_eV), noneq::domain_error);
}

// ---- thermoelectric generator ------------------------------------------------------------------

TEST_CASE("teg: matched load, efficiency at the optimal load equals the ZT formula, Carnot") {
    teg<double> g{seebeck_coefficient<double>::from_value(200e-6),
                  resistance<double>::from_value(0.01),
                  thermal_conductance<double>::from_value(0.005), 500.0_K, 300.0_K};
    CHECK(in_V(open_circuit_voltage(g)) == doctest::Approx(0.04).epsilon(1e-14));
    CHECK(load_power(g, g.R).value() == doctest::Approx(max_power(g).value()).epsilon(1e-14));
    for (double f : {0.5, 0.9, 1.1, 2.0})
        CHECK(load_power(g, resistance<double>::from_value(f * 0.01)).value() <
              max_power(g).value());
    const double Z = zt(g);
    CHECK(Z == doctest::Approx(200e-6 * 200e-6 * 400.0 / (0.01 * 0.005)).epsilon(1e-14));
    const double eta_max = max_efficiency(Z, g.T_hot, g.T_cold);
    CHECK(efficiency(g, optimal_efficiency_load(g)) == doctest::Approx(eta_max).epsilon(1e-12));
    for (double f : {0.7, 1.0, 1.5, 3.0})
        CHECK(efficiency(g, resistance<double>::from_value(f * 0.01)) <= eta_max * (1 + 1e-12));
    const double carnot = carnot_efficiency(g.T_hot, g.T_cold);
    CHECK(carnot == doctest::Approx(0.4).epsilon(1e-15));
    CHECK(eta_max < carnot);
    CHECK(max_efficiency(1e12, g.T_hot, g.T_cold) == doctest::Approx(carnot).epsilon(1e-5));
    CHECK(max_efficiency(0.0, g.T_hot, g.T_cold) == 0.0);
    CHECK_THROWS_AS(max_efficiency(-1.0, g.T_hot, g.T_cold), noneq::domain_error);
    g.T_hot = 200.0_K;
    CHECK_THROWS_AS(open_circuit_voltage(g), noneq::domain_error);
}

// ---- spectra -------------------------------------------------------------------------------

TEST_CASE("spectrum: ASTM G173 loads, trapezoid integrals, flux above a gap") {
    const auto am15 = load_astm_g173(spectrum_path());
    CHECK(am15.wavelength_nm().size() == 2002);
    // The global-tilt table integrates to 1000.4 W/m^2 by the trapezoid rule (ASTM G173-03
    // normalises it to 1000 W/m^2 over 280-4000 nm; the trapezoid adds 0.04 %).
    CHECK(in_W_per_m2(am15.irradiance()) == doctest::Approx(1000.37).epsilon(2e-5));
    const auto etr = load_astm_g173(spectrum_path(), g173_column::extraterrestrial);
    CHECK(in_W_per_m2(etr.irradiance()) == doctest::Approx(1348.0).epsilon(2e-3));
    // Flux is monotone in E_g, zero above the table's first photon energy, total below its last.
    double prev = 1e300;
    for (double g = 0.2; g < 4.5; g += 0.05) {
        const double f = am15.flux_above(ev(g)).value();
        CHECK(f <= prev);
        prev = f;
    }
    CHECK(am15.flux_above(ev(5.0)).value() == 0.0);
    // A two-point spectrum: flux is the exact integral of the linear-in-lambda integrand.
    tabulated_spectrum flat({500.0, 1000.0}, {1.0, 1.0});
    const double hc = constants::h.value() * constants::c.value() * 1e9;
    const double lg = hc / (2.0 * eV); // 619.9 nm
    CHECK(flat.flux_above(ev(2.0)).value() ==
          doctest::Approx((lg * lg - 500.0 * 500.0) / (2 * hc)).epsilon(1e-14));
    CHECK_THROWS_AS(load_astm_g173("no/such/file.csv"), noneq::domain_error);
    CHECK_THROWS_AS(tabulated_spectrum({1.0, 1.0}, {1.0, 1.0}), noneq::domain_error);
}

TEST_CASE("spectrum: blackbody photon flux and the Bose-Einstein tail integral") {
    // integral_0^inf x^2/(e^x-1) = 2 zeta(3); the two evaluation branches meet at x = 2.
    CHECK(bose_einstein_tail(2, 0.0) == doctest::Approx(2 * 1.2020569031595943).epsilon(1e-15));
    CHECK(bose_einstein_tail(3, 0.0) == doctest::Approx(pi * pi * pi * pi / 15).epsilon(1e-15));
    // Across the seam: f(2 - h) = f(2) + h 2^2/(e^2 - 1) + O(h^2), h = 1e-9.
    CHECK(
        bose_einstein_tail(2, 2.0 - 1e-9) ==
        doctest::Approx(bose_einstein_tail(2, 2.0) + 1e-9 * 4.0 / std::expm1(2.0)).epsilon(1e-15));
    // large x: x^2 e^-x (1 + 2/x + 2/x^2) to e^-2x
    CHECK(bose_einstein_tail(2, 40.0) ==
          doctest::Approx(std::exp(-40.0) * (1600.0 + 80.0 + 2.0)).epsilon(1e-15));
    const blackbody_sun sun{6000.0_K, 1.0};
    // Total photon flux 2 pi (kT)^3 / (h^3 c^2) 2 zeta(3) and power sigma T^4.
    CHECK(flux_above(sun, ev(1e-12)).value() ==
          doctest::Approx(1.5204e15 * std::pow(6000.0, 3)).epsilon(1e-4));
    CHECK(in_W_per_m2(irradiance(sun)) ==
          doctest::Approx(5.670374419e-8 * std::pow(6000.0, 4)).epsilon(1e-10));
    CHECK_THROWS_AS(flux_above(blackbody_sun{6000.0_K, 2.0}, ev(1.0)), noneq::domain_error);
}

// ---- detailed balance ------------------------------------------------------------------------

TEST_CASE("detailed balance: J(V_oc) = 0, the MPP is a maximum, FF against Green's formula") {
    const auto am15 = load_astm_g173(spectrum_path());
    for (double g : {0.8, 1.34, 2.0}) {
        const auto c = detailed_balance_cell(ev(g), am15, 300.0_K);
        const auto r = max_power_point(c);
        CHECK(current_at(c, r.V_oc).value() == doctest::Approx(0.0).epsilon(1e-9 * c.J_sc.value()));
        CHECK(current_at(c, 0.0_V).value() == doctest::Approx(c.J_sc.value()).epsilon(1e-15));
        const double P = r.P_max.value();
        for (double dv : {-1e-3, 1e-3}) {
            const auto V = voltage<double>::from_value(r.V_mp.value() + dv);
            CHECK(V.value() * current_at(c, V).value() < P);
        }
        CHECK(r.efficiency == doctest::Approx(P / in_W_per_m2(am15.irradiance())).epsilon(1e-14));
        // Green's empirical FF = (v - ln(v + 0.72))/(v + 1), v = qV_oc/kT, good to 1e-4 for v > 10
        // (Green, Solid-State Electronics 24 (1981) 788).
        const double v = r.V_oc.value() / thermal_voltage(300.0_K).value();
        CHECK(r.fill_factor == doctest::Approx((v - std::log(v + 0.72)) / (v + 1)).epsilon(1e-3));
    }
    CHECK_THROWS_AS(detailed_balance_cell(ev(-1.0), am15, 300.0_K), noneq::domain_error);
    CHECK_THROWS_AS(max_power_point(detailed_balance_cell(ev(6.0), am15, 300.0_K)),
                    noneq::domain_error); // no photons above 6 eV in the table: J_sc = 0
}

// ---- recombination and QFLS --------------------------------------------------------------------

TEST_CASE("recombination: the QFLS balances generation, limits of each mechanism") {
    auto si = crystalline_si();
    const auto st = quasi_fermi_splitting(si, 1e19);
    CHECK(st.rates.total() == doctest::Approx(1e19).epsilon(1e-12));
    // Radiative only, undoped: G = B Dn (2 n_i + Dn), so Dn = sqrt(n_i^2 + G/B) - n_i and
    // qfls = 2 kT/q ln((n_i + Dn)/n_i).
    auto rad = si;
    rad.auger = false;
    const auto sr = quasi_fermi_splitting(rad, 1e19);
    const double ni = rad.n_i_cm3;
    const double dn = std::sqrt(ni * ni + 1e19 / rad.B_rad_cm3_s) - ni;
    CHECK(sr.dn_cm3 == doctest::Approx(dn).epsilon(1e-12));
    CHECK(in_V(sr.qfls) ==
          doctest::Approx(2 * thermal_voltage(rad.T).value() * std::log((ni + dn) / ni))
              .epsilon(1e-12));
    // SRH only, p-type, low injection: Dn = G tau_n.
    auto srh = si;
    srh.auger = false;
    srh.B_rad_cm3_s = 0;
    srh.N_A_cm3 = 1e16;
    srh.tau_n_s = 1e-5;
    srh.tau_p_s = 1e-5;
    const auto ss = quasi_fermi_splitting(srh, 1e15);
    CHECK(ss.dn_cm3 == doctest::Approx(1e15 * 1e-5).epsilon(1e-4)); // Dn / N_A = 1e-6 correction
    // Adding recombination lowers the QFLS.
    CHECK(st.qfls.value() < sr.qfls.value());
    // Current form: G = J/(qW).
    const auto sj = quasi_fermi_splitting(si, 43.3_mA_per_cm2);
    const double G = 43.3e-3 / (constants::e.value() * 110e-4);
    CHECK(sj.rates.total() == doctest::Approx(G).epsilon(1e-12));
    si.N_A_cm3 = -1;
    CHECK_THROWS_AS(quasi_fermi_splitting(si, 1e19), noneq::domain_error);
}

// ---- water splitting ---------------------------------------------------------------------------

TEST_CASE("photoelectrochemistry: water-splitting potential and the drive verdict") {
    const auto T = kelvin(25.0_degC);
    CHECK(in_V(water_splitting_potential(T)) == doctest::Approx(1.229).epsilon(5e-4));
    const double slope =
        in_V(water_splitting_potential(kelvin(26.0_degC))) - in_V(water_splitting_potential(T));
    CHECK(slope == doctest::Approx(-163.3 / (2 * constants::F.value())).epsilon(1e-9));
    // Higher H2 pressure raises the potential by (RT/2F) ln p.
    CHECK(in_V(water_splitting_potential(T, 10.0, 1.0)) - in_V(water_splitting_potential(T)) ==
          doctest::Approx(thermal_voltage(T).value() * std::log(10.0) / 2).epsilon(1e-12));
    const auto one = assess_drive(0.76_V, water_splitting_potential(T));
    CHECK_FALSE(one.can_drive);
    CHECK(one.cells_in_series_needed == 2);
    const auto two = assess_drive(0.76_V, water_splitting_potential(T), 0.5_V, 3);
    CHECK(two.can_drive);
    CHECK(in_V(two.margin) == doctest::Approx(3 * 0.76 - 1.2289 - 0.5).epsilon(1e-3));
    CHECK(assess_drive(1.3_V, water_splitting_potential(T)).can_drive);
    CHECK_THROWS_AS(assess_drive(-0.1_V, 1.229_V), noneq::domain_error);
}

// ---- the same formulas over SIMD batches -------------------------------------------------------

TEST_CASE("seebeck and water splitting over xsimd batches equal the scalar results lane by lane") {
    using B = xsimd::batch<double>;
    constexpr std::size_t n = B::size;
    alignas(64) double eta[n], ef[n], T[n];
    for (std::size_t i = 0; i < n; ++i) {
        eta[i] = -6.0 + 0.5 * double(i);
        ef[i] = 1.5 + 0.4 * double(i);
        T[i] = 280.0 + 10.0 * double(i);
    }
    const B be = xsimd::load_aligned(eta), bf = xsimd::load_aligned(ef),
            bT = xsimd::load_aligned(T);
    const auto s_nd = seebeck_nondegenerate(B(-0.5), be);
    const auto s_m = seebeck_free_electron_metal(temperature<B>::from_value(bT),
                                                 energy<B>::from_value(bf * B(eV)), B(0.0));
    const auto e_w = water_splitting_potential(temperature<B>::from_value(bT));
    for (std::size_t i = 0; i < n; ++i) {
        CHECK(s_nd.value().get(i) == seebeck_nondegenerate(-0.5, eta[i]).value());
        CHECK(s_m.value().get(i) ==
              doctest::Approx(seebeck_free_electron_metal(kelvin_(T[i]), ev(ef[i])).value())
                  .epsilon(1e-15));
        CHECK(e_w.value().get(i) ==
              doctest::Approx(water_splitting_potential(kelvin_(T[i])).value()).epsilon(1e-15));
    }
    alignas(64) double bad[n];
    for (std::size_t i = 0; i < n; ++i)
        bad[i] = i == n - 1 ? -1.0 : 1.0;
    CHECK_THROWS_AS(seebeck_free_electron_metal(temperature<B>::from_value(bT),
                                                energy<B>::from_value(xsimd::load_aligned(bad)),
                                                B(0.0)),
                    noneq::domain_error);
}
