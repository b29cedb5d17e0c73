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

#include "support/bad_input.hpp"
#include "support/compare.hpp"

#include <cmath>
#include <limits>
#include <numbers>
#include <string>

using namespace noneq;
using namespace noneq::devices;
using namespace noneq::literals;
using noneq::test::rel;

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
    CHECK(fermi_dirac(-0.5, 0.0) == rel((1 - std::sqrt(2.0)) * z12, 2e-14));
    CHECK(fermi_dirac(0.5, 0.0) == rel((1 - 1 / std::sqrt(2.0)) * z32, 2e-14));
    CHECK(fermi_dirac(1.5, 0.0) == rel((1 - std::pow(2.0, -1.5)) * z52, 2e-14));
    CHECK(fermi_dirac(1.0, 0.0) == rel(pi * pi / 12, 2e-14));
    CHECK(fermi_dirac(2.0, 0.0) == rel(0.75 * zeta3, 2e-14));
    for (double eta : {-30.0, -2.0, 0.0, 3.0, 700.0})
        CHECK(fermi_dirac(0.0, eta) ==
              rel(std::log1p(std::exp(-std::abs(eta))) + std::max(eta, 0.0), 1e-15));
}

TEST_CASE("fermi_dirac: non-degenerate limit e^eta, continuity at the series/quadrature seam") {
    for (double j : {-0.5, 0.5, 1.0, 1.5, 2.0, 3.5}) {
        // F_j = e^eta (1 - e^eta / 2^{j+1} + ...): at eta = -40 the correction is 4e-18.
        CHECK(fermi_dirac(j, -40.0) == rel(std::exp(-40.0), 1e-15));
        // At eta = -8 four terms of sum (-1)^{k+1} z^k / k^{j+1}: the fifth is z^4 = 1e-14 of the
        // first, so the comparison is relative to 1e-12 (the series branch's own accuracy).
        const double z = std::exp(-8.0);
        CHECK(fermi_dirac(j, -8.0) ==
              rel(z - z * z / std::pow(2.0, j + 1) + z * z * z / std::pow(3.0, j + 1) -
                      z * z * z * z / std::pow(4.0, j + 1),
                  1e-12));
        // The series (eta <= -2) and the quadrature (eta > -2) agree across the seam: the
        // derivative is F_{j-1} <= F_j, so the jump over 2e-9 must be below 1e-13 relative.
        const double lo = fermi_dirac(j, -2.0), hi = fermi_dirac(j, -2.0 + 2e-9);
        CHECK(std::abs(hi - lo) / lo < 1e-8);
    }
}

TEST_CASE("fermi_dirac: degenerate limit matches the Sommerfeld expansion") {
    // The dropped term is O(eta^-6) relative (about 3e-10 at eta = 50 for j = 1/2).
    for (double j : {-0.5, 0.5, 1.5, 2.5}) {
        CHECK(fermi_dirac(j, 50.0) == rel(fermi_dirac_sommerfeld(j, 50.0), 2e-9));
        CHECK(fermi_dirac(j, 400.0) == rel(fermi_dirac_sommerfeld(j, 400.0), 1e-13));
    }
    // Integer j: the expansion terminates; exact up to the exponentially small F_j(-eta) term.
    CHECK(fermi_dirac(1.0, 20.0) ==
          rel(20.0 * 20.0 / 2 + pi * pi / 6 - fermi_dirac(1.0, -20.0), 1e-14));
    CHECK(fermi_dirac(2.0, 5.0) ==
          rel(125.0 / 6 + pi * pi / 6 * 5.0 + fermi_dirac(2.0, -5.0), 1e-14));
}

TEST_CASE("fermi_dirac: dF_j/deta = F_{j-1} (central difference, h = 1e-4)") {
    for (double eta : {-1.0, 0.5, 4.0, 25.0}) {
        const double h = 1e-4;
        const double d = (fermi_dirac(1.5, eta + h) - fermi_dirac(1.5, eta - h)) / (2 * h);
        // truncation h^2/6 F''' ~ 2e-9 relative; quadrature noise 1e-14/1e-4 = 1e-10
        CHECK(d == rel(fermi_dirac(0.5, eta), 1e-8));
    }
    CHECK(fermi_dirac_unnormalised(0.5, 1.0) ==
          rel(std::tgamma(1.5) * fermi_dirac(0.5, 1.0), 1e-15));
}

TEST_CASE("fermi_dirac: domain errors") {
    CHECK_THROWS_AS(fermi_dirac(-0.7, 0.0), noneq::domain_error);
    CHECK_THROWS_AS(fermi_dirac(0.5, NAN), noneq::domain_error);
    CHECK_THROWS_AS(fermi_dirac(0.5, 2e4), noneq::domain_error);
    CHECK_THROWS_AS(fermi_dirac_sommerfeld(0.5, -1.0), noneq::domain_error);
}

// ---- Seebeck -----------------------------------------------------------------------------------

TEST_CASE("seebeck: electron gas, classical, signs and the open-circuit voltage") {
    CHECK(in_uV_per_K(seebeck_electron_gas()) == rel(-1e6 * k_over_e, 1e-15));
    CHECK(in_uV_per_K(seebeck_classical()) == rel(-0.5e6 * k_over_e, 1e-15));
    CHECK(in_uV_per_K(seebeck_classical(carrier::hole)) == rel(0.5e6 * k_over_e, 1e-15));
    CHECK(in_uV_per_K(seebeck_classical<float>()) == rel(-43.086666f, 1e-6));
    const auto S = seebeck_classical();
    // Cold end negative for electrons: V_cold - V_hot = S (T_h - T_c) < 0.
    CHECK(in_mV(seebeck_voltage(S, 400.0_K, 300.0_K)) == rel(-0.5 * k_over_e * 100 * 1e3, 1e-14));
    using grad_unit = unit_quotient<unit::temperature, unit::length>;
    const auto E = balancing_field(S, quantity<grad_unit>::from_value(1000.0)); // 1 K/mm
    CHECK(E.value() == rel(-0.5 * k_over_e * 1000.0, 1e-15));
    CHECK_THROWS_AS(seebeck_voltage(S, 400.0_K, -1.0_K), noneq::domain_error);
}

TEST_CASE("seebeck: the Fermi-Dirac form tends to the non-degenerate and the Mott limits") {
    for (double r : {-0.5, 0.0, 1.5}) {
        // eta -> -inf: F ratio -> 1 - e^eta (2^{-(r+5/2)} - 2^{-(r+3/2)}) ...: at eta = -25 the
        // correction is e^-25 ~ 1e-11 of (r + 5/2 - eta).
        const double nd = in_uV_per_K(seebeck_nondegenerate(r, -25.0));
        CHECK(in_uV_per_K(seebeck_fermi_dirac(r, -25.0)) == rel(nd, 1e-10));
        // eta -> +inf: S -> -(k/e)(pi^2/3)(r + 3/2)/eta, next order eta^-3 (relative eta^-2).
        const double T = 300.0, eta = 200.0;
        const auto mott = seebeck_free_electron_metal(
            kelvin_(T), energy<double>::from_value(eta * constants::k_B.value() * T), r);
        CHECK(in_uV_per_K(seebeck_fermi_dirac(r, eta)) ==
              rel(in_uV_per_K(mott), 10.0 / (eta * eta)));
        CHECK(in_uV_per_K(mott) == rel(-1e6 * k_over_e * pi * pi / 3 * (r + 1.5) / eta, 1e-14));
    }
    // Free-electron metal, r = 0: -pi^2 k^2 T / (2 e E_F).
    const auto s = seebeck_free_electron_metal(300.0_K, 3.24_eV);
    CHECK(s.value() == rel(-pi * pi * constants::k_B.value() * constants::k_B.value() * 300.0 /
                               (2 * constants::e.value() * 3.24 * eV),
                           1e-14));
    CHECK_THROWS_AS(seebeck_fermi_dirac(-1.0, 0.0), noneq::domain_error);
    CHECK_THROWS_AS(seebeck_free_electron_metal(300.0_K, -1.0_eV), noneq::domain_error);
}

// ---- thermoelectric generator ------------------------------------------------------------------

TEST_CASE("teg: matched load, efficiency at the optimal load equals the ZT formula, Carnot") {
    teg<double> g{seebeck_coefficient<double>::from_value(200e-6),
                  resistance<double>::from_value(0.01),
                  thermal_conductance<double>::from_value(0.005), 500.0_K, 300.0_K};
    CHECK(in_V(open_circuit_voltage(g)) == rel(0.04, 1e-14));
    CHECK(load_power(g, g.R).value() == rel(max_power(g).value(), 1e-14));
    for (double f : {0.5, 0.9, 1.1, 2.0})
        CHECK(load_power(g, resistance<double>::from_value(f * 0.01)).value() <
              max_power(g).value());
    const double Z = zt(g);
    CHECK(Z == rel(200e-6 * 200e-6 * 400.0 / (0.01 * 0.005), 1e-14));
    const double eta_max = max_efficiency(Z, g.T_hot, g.T_cold);
    CHECK(efficiency(g, optimal_efficiency_load(g)) == rel(eta_max, 1e-12));
    for (double f : {0.7, 1.0, 1.5, 3.0})
        CHECK(efficiency(g, resistance<double>::from_value(f * 0.01)) <= eta_max * (1 + 1e-12));
    const double carnot = carnot_efficiency(g.T_hot, g.T_cold);
    CHECK(carnot == rel(0.4, 1e-15));
    CHECK(eta_max < carnot);
    CHECK(max_efficiency(1e12, g.T_hot, g.T_cold) == rel(carnot, 1e-5));
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
    CHECK(in_W_per_m2(am15.irradiance()) == rel(1000.37, 2e-5));
    const auto etr = load_astm_g173(spectrum_path(), g173_column::extraterrestrial);
    CHECK(in_W_per_m2(etr.irradiance()) == rel(1348.0, 2e-3));
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
    CHECK(flat.flux_above(ev(2.0)).value() == rel((lg * lg - 500.0 * 500.0) / (2 * hc), 1e-14));
    CHECK_THROWS_AS(load_astm_g173("no/such/file.csv"), noneq::domain_error);
    CHECK_THROWS_AS(tabulated_spectrum({1.0, 1.0}, {1.0, 1.0}), noneq::domain_error);
}

TEST_CASE("spectrum: blackbody photon flux and the Bose-Einstein tail integral") {
    // integral_0^inf x^2/(e^x-1) = 2 zeta(3); the two evaluation branches meet at x = 2.
    CHECK(bose_einstein_tail(2, 0.0) == rel(2 * 1.2020569031595943, 1e-15));
    CHECK(bose_einstein_tail(3, 0.0) == rel(pi * pi * pi * pi / 15, 1e-15));
    // Across the seam: f(2 - h) = f(2) + h 2^2/(e^2 - 1) + O(h^2), h = 1e-9.
    CHECK(bose_einstein_tail(2, 2.0 - 1e-9) ==
          rel(bose_einstein_tail(2, 2.0) + 1e-9 * 4.0 / std::expm1(2.0), 1e-15));
    // large x: x^2 e^-x (1 + 2/x + 2/x^2) to e^-2x
    CHECK(bose_einstein_tail(2, 40.0) == rel(std::exp(-40.0) * (1600.0 + 80.0 + 2.0), 1e-15));
    const blackbody_sun sun{6000.0_K, 1.0};
    // Total photon flux 2 pi (kT)^3 / (h^3 c^2) 2 zeta(3) and power sigma T^4.
    CHECK(flux_above(sun, ev(1e-12)).value() == rel(1.5204e15 * std::pow(6000.0, 3), 1e-4));
    CHECK(in_W_per_m2(irradiance(sun)) == rel(5.670374419e-8 * std::pow(6000.0, 4), 1e-10));
    CHECK_THROWS_AS(flux_above(blackbody_sun{6000.0_K, 2.0}, ev(1.0)), noneq::domain_error);
}

// ---- detailed balance ------------------------------------------------------------------------

TEST_CASE("detailed balance: J(V_oc) = 0, the MPP is a maximum, FF against Green's formula") {
    const auto am15 = load_astm_g173(spectrum_path());
    for (double g : {0.8, 1.34, 2.0}) {
        const auto c = detailed_balance_cell(ev(g), am15, 300.0_K);
        const auto r = max_power_point(c);
        CHECK(current_at(c, r.V_oc).value() == rel(0.0, 0.0, 1e-9 * c.J_sc.value()));
        CHECK(current_at(c, 0.0_V).value() == rel(c.J_sc.value(), 1e-15));
        // open_circuit_voltage is written separately from max_power_point's V_oc: both zero J
        CHECK(open_circuit_voltage(c).value() == rel(r.V_oc.value(), 1e-15));
        CHECK(current_at(c, open_circuit_voltage(c)).value() ==
              rel(0.0, 0.0, 1e-9 * c.J_sc.value()));
        const double P = r.P_max.value();
        for (double dv : {-1e-3, 1e-3}) {
            const auto V = voltage<double>::from_value(r.V_mp.value() + dv);
            CHECK(V.value() * current_at(c, V).value() < P);
        }
        CHECK(r.efficiency == rel(P / in_W_per_m2(am15.irradiance()), 1e-14));
        // Green's empirical FF = (v - ln(v + 0.72))/(v + 1), v = qV_oc/kT, good to 1e-4 for v > 10
        // (Green, Solid-State Electronics 24 (1981) 788).
        const double v = r.V_oc.value() / thermal_voltage(300.0_K).value();
        CHECK(r.fill_factor == rel((v - std::log(v + 0.72)) / (v + 1), 1e-3));
    }
    CHECK_THROWS_AS(detailed_balance_cell(ev(-1.0), am15, 300.0_K), noneq::domain_error);
    CHECK_THROWS_AS(max_power_point(detailed_balance_cell(ev(6.0), am15, 300.0_K)),
                    noneq::domain_error); // no photons above 6 eV in the table: J_sc = 0
}

// ---- recombination and QFLS --------------------------------------------------------------------

TEST_CASE("recombination: the QFLS balances generation, limits of each mechanism") {
    auto si = crystalline_si();
    const auto st = quasi_fermi_splitting(si, 1e19);
    CHECK(st.rates.total() == rel(1e19, 1e-12));
    // Radiative only, undoped: G = B Dn (2 n_i + Dn), so Dn = sqrt(n_i^2 + G/B) - n_i and
    // qfls = 2 kT/q ln((n_i + Dn)/n_i).
    auto rad = si;
    rad.auger = false;
    const auto sr = quasi_fermi_splitting(rad, 1e19);
    const double ni = rad.n_i_cm3;
    const double dn = std::sqrt(ni * ni + 1e19 / rad.B_rad_cm3_s) - ni;
    CHECK(sr.dn_cm3 == rel(dn, 1e-12));
    CHECK(in_V(sr.qfls) ==
          rel(2 * thermal_voltage(rad.T).value() * std::log((ni + dn) / ni), 1e-12));
    // SRH only, p-type, low injection: Dn = G tau_n.
    auto srh = si;
    srh.auger = false;
    srh.B_rad_cm3_s = 0;
    srh.N_A_cm3 = 1e16;
    srh.tau_n_s = 1e-5;
    srh.tau_p_s = 1e-5;
    const auto ss = quasi_fermi_splitting(srh, 1e15);
    CHECK(ss.dn_cm3 == rel(1e15 * 1e-5, 1e-4)); // Dn / N_A = 1e-6 correction
    // Adding recombination lowers the QFLS.
    CHECK(st.qfls.value() < sr.qfls.value());
    // Current form: G = J/(qW).
    const auto sj = quasi_fermi_splitting(si, 43.3_mA_per_cm2);
    const double G = 43.3e-3 / (constants::e.value() * 110e-4);
    CHECK(sj.rates.total() == rel(G, 1e-12));
    si.N_A_cm3 = -1;
    CHECK_THROWS_AS(quasi_fermi_splitting(si, 1e19), noneq::domain_error);
}

// ---- water splitting ---------------------------------------------------------------------------

TEST_CASE("photoelectrochemistry: water-splitting potential and the drive verdict") {
    const auto T = kelvin(25.0_degC);
    CHECK(in_V(water_splitting_potential(T)) == rel(1.229, 5e-4));
    const double slope =
        in_V(water_splitting_potential(kelvin(26.0_degC))) - in_V(water_splitting_potential(T));
    CHECK(slope == rel(-163.3 / (2 * constants::F.value()), 1e-9));
    // Higher H2 pressure raises the potential by (RT/2F) ln p.
    CHECK(in_V(water_splitting_potential(T, 10.0, 1.0)) - in_V(water_splitting_potential(T)) ==
          rel(thermal_voltage(T).value() * std::log(10.0) / 2, 1e-12));
    const auto one = assess_drive(0.76_V, water_splitting_potential(T));
    CHECK_FALSE(one.can_drive);
    CHECK(one.cells_in_series_needed == 2);
    const auto two = assess_drive(0.76_V, water_splitting_potential(T), 0.5_V, 3);
    CHECK(two.can_drive);
    CHECK(in_V(two.margin) == rel(3 * 0.76 - 1.2289 - 0.5, 1e-3));
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
              rel(seebeck_free_electron_metal(kelvin_(T[i]), ev(ef[i])).value(), 1e-15));
        CHECK(e_w.value().get(i) == rel(water_splitting_potential(kelvin_(T[i])).value(), 1e-15));
    }
    alignas(64) double bad[n];
    for (std::size_t i = 0; i < n; ++i)
        bad[i] = i == n - 1 ? -1.0 : 1.0;
    CHECK_THROWS_AS(seebeck_free_electron_metal(temperature<B>::from_value(bT),
                                                energy<B>::from_value(xsimd::load_aligned(bad)),
                                                B(0.0)),
                    noneq::domain_error);
}

// ---- functions no other case calls, and bad input ---------------------------------------------

TEST_CASE("teg: load current and heat input against the circuit and heat balance by hand") {
    // S = 200 uV/K, R = 10 mOhm, K = 5 mW/K, 500 K / 300 K, load 30 mOhm:
    // I = S dT / (R + R_L) = 0.04 V / 0.04 Ohm = 1 A;
    // Q_h = K dT + S T_h I - I^2 R / 2 = 1 + 0.1 - 0.005 = 1.095 W (Ioffe 1957).
    const teg<double> g{seebeck_coefficient<double>::from_value(200e-6),
                        resistance<double>::from_value(0.01),
                        thermal_conductance<double>::from_value(0.005), 500.0_K, 300.0_K};
    const auto R_L = resistance<double>::from_value(0.03);
    CHECK(load_current(g, R_L).value() == rel(1.0, 1e-14));
    CHECK(heat_input(g, R_L).value() == rel(1.095, 1e-14));
    CHECK(efficiency(g, R_L) == rel(0.03 / 1.095, 1e-14));
}

TEST_CASE("blackbody_flux_above: the diluted sun's flux is f times the hemispherical flux") {
    // and at E_g = 0 it is 2 pi (kT)^3/(h^3 c^2) 2 zeta(3) (Planck; zeta(3) = 1.2020569031595943)
    const double kT = constants::k_B.value() * 5800.0, h = constants::h.value(),
                 c = constants::c.value();
    const double total = 2 * pi * kT * kT * kT / (h * h * h * c * c) * 2 * 1.2020569031595943;
    CHECK(blackbody_flux_above(ev(0.0), 5800.0_K).value() == rel(total, 1e-13));
    const blackbody_sun sun{5800.0_K, 2.16e-5};
    CHECK(flux_above(sun, ev(1.1)).value() ==
          rel(2.16e-5 * blackbody_flux_above(ev(1.1), 5800.0_K).value(), 1e-14));
    CHECK(blackbody_flux_above(ev(1.1), 5800.0_K).value() < total);
}

TEST_CASE("bad input: devices") {
    using noneq::test::rejects;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    // detailed balance
    const blackbody_sun sun{6000.0_K, 2.16e-5};
    CHECK(rejects([&] { detailed_balance_cell(ev(1.1), sun, 0.0_K); }) == "T_cell");
    CHECK(rejects([&] { detailed_balance_cell(ev(0.0), sun, 300.0_K); }) == "E_g");
    CHECK(rejects([&] {
              detailed_balance_cell(ev(1.1), blackbody_sun{0.0_K, 1e-5}, 300.0_K);
          }) == "T_sun");
    const auto cell = detailed_balance_cell(ev(1.1), sun, 300.0_K);
    CHECK(rejects([&] { current_at(cell, voltage<double>::from_value(nan)); }) == "V");
    auto dark = cell;
    dark.J_0 = current_density<double>::from_value(0.0);
    CHECK(rejects([&] { open_circuit_voltage(dark); }) == "J_0");
    CHECK(rejects([&] { max_power_point(dark); }) == "J_0");
    CHECK(rejects([&] { ultimate_efficiency(ev(-1.0), 6000.0_K); }) == "E_g");
    CHECK(rejects([&] { ultimate_efficiency(ev(1.1), 0.0_K); }) == "T_sun");
    // spectra
    CHECK(rejects([&] { bose_einstein_tail(0, 1.0); }) == "n");
    volatile int eleven = 11; // opaque: GCC would warn about the (unreachable) fact[11]
    CHECK(rejects([&] { bose_einstein_tail(eleven, 1.0); }) == "n");
    CHECK(rejects([&] { bose_einstein_tail(2, -1.0); }) == "x");
    CHECK(rejects([&] { blackbody_flux_above(ev(-1.0), 6000.0_K); }) == "E_g");
    CHECK(rejects([&] { blackbody_flux_above(ev(1.0), 0.0_K); }) == "T");
    CHECK(rejects([&] { flux_above(blackbody_sun{6000.0_K, 0.0}, ev(1.0)); }) == "dilution");
    CHECK(rejects([&] { tabulated_spectrum({300.0, 400.0}, {1.0, -1.0}); }) == "irradiance[1]");
    CHECK(rejects([&] {
              tabulated_spectrum({400.0, 300.0}, {1.0, 1.0});
          }) == "wavelength_nm (increasing)");
    // recombination and the quasi-Fermi-level splitting
    auto si = crystalline_si();
    CHECK(rejects([&] { recombination(si, -1.0); }) == "dn_cm3");
    CHECK(rejects([&] { quasi_fermi_splitting(si, 0.0); }) == "G_cm3_s");
    CHECK(rejects([&] { quasi_fermi_splitting(si, current_density<double>::from_value(0.0)); }) ==
          "J_gen");
    si.tau_n_s = nan;
    CHECK(rejects([&] { recombination(si, 1e15); }) == "tau_n_s");
    si = crystalline_si();
    si.T = 0.0_K;
    CHECK(rejects([&] { recombination(si, 1e15); }) == "T");
    // Seebeck
    CHECK(rejects([&] { seebeck_nondegenerate(nan, 0.0); }) == "r");
    CHECK(rejects([&] { seebeck_nondegenerate(0.0, nan); }) == "eta");
    using dlnE = quantity<unit_quotient<unit::dimensionless, unit::energy>, double>;
    CHECK(rejects([&] { seebeck_mott(0.0_K, dlnE::from_value(1e18)); }) == "T");
    CHECK(rejects([&] { seebeck_mott(300.0_K, dlnE::from_value(nan)); }) == "dlnsigma_dE");
    CHECK(rejects([&] { seebeck_free_electron_metal(300.0_K, ev(3.0), -2.0); }) == "r");
    CHECK(rejects([&] { seebeck_fermi_dirac(0.0, 2e4); }) == "eta");
    const auto S = seebeck_coefficient<double>::from_value(-1e-5);
    CHECK(rejects([&] { seebeck_voltage(S, 0.0_K, 300.0_K); }) == "T_hot");
    // thermoelectric generator
    teg<double> g{seebeck_coefficient<double>::from_value(200e-6),
                  resistance<double>::from_value(0.01),
                  thermal_conductance<double>::from_value(0.005), 500.0_K, 300.0_K};
    CHECK(rejects([&] { load_current(g, resistance<double>::from_value(-1.0)); }) == "R_L");
    CHECK(rejects([&] { load_power(g, resistance<double>::from_value(-1.0)); }) == "R_L");
    CHECK(rejects([&] { heat_input(g, resistance<double>::from_value(-1.0)); }) == "R_L");
    CHECK(rejects([&] { carnot_efficiency(300.0_K, 500.0_K); }) == "T_hot");
    CHECK(rejects([&] { carnot_efficiency(500.0_K, 0.0_K); }) == "T_cold");
    g.R = resistance<double>::from_value(0.0);
    CHECK(rejects([&] { max_power(g); }) == "R");
    g.R = resistance<double>::from_value(0.01);
    g.S = seebeck_coefficient<double>::from_value(0.0);
    CHECK(rejects([&] { open_circuit_voltage(g); }) == "S");
    // water splitting
    CHECK(rejects([&] { water_splitting_potential(0.0_K); }) == "T");
    CHECK(rejects([&] { water_splitting_potential(298.15_K, 0.0, 1.0); }) == "p_H2_bar");
    CHECK(rejects([&] { water_splitting_potential(298.15_K, 1.0, -1.0); }) == "p_O2_bar");
    CHECK(rejects([&] { water_splitting_potential(298.15_K, 1.0, 1.0, 0.0); }) == "a_H2O");
    CHECK(rejects([&] { assess_drive(0.5_V, 0.0_V); }) == "reaction_potential");
    CHECK(rejects([&] { assess_drive(0.5_V, 1.229_V, -0.1_V); }) == "overpotential");
    CHECK(rejects([&] { assess_drive(0.5_V, 1.229_V, 0.4_V, 0); }) == "cells");
}
