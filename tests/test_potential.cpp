// potential/ and flux/ (GHK, chord, driving force, electrochemical work): identities that must
// hold exactly or to a tolerance derived from the numerics, scalar and batch, and the errors.
#include <noneq/flux/chord_current.hpp>
#include <noneq/flux/cycle_turnover.hpp>
#include <noneq/flux/ghk_current.hpp>
#include <noneq/flux/ghk_mixture.hpp>
#include <noneq/flux/ghk_reversal.hpp>
#include <noneq/flux/ohmic.hpp>
#include <noneq/potential/chord.hpp>
#include <noneq/potential/driving_force.hpp>
#include <noneq/potential/electrochemical.hpp>
#include <noneq/potential/ghk_divalent.hpp>
#include <noneq/potential/ghk_voltage.hpp>
#include <noneq/potential/nernst.hpp>
#include <noneq/potential/reaction.hpp>

#include <doctest/doctest.h>

#include "support/bad_input.hpp"
#include "support/compare.hpp"
#include "support/seed.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numbers>
#include <random>
#include <span>
#include <string>
#include <vector>

using namespace noneq;
using namespace noneq::literals;
using noneq::test::rel;

namespace {
template <class V>
concentration<V> mM(double x) {
    return concentration<V>::from_value(V(x));
}
template <class V>
temperature<V> kelvin_t(double x) {
    return temperature<V>::from_value(V(x));
}
template <class F>
std::string error_of(F&& f) {
    try {
        f();
    } catch (const noneq::domain_error& e) {
        return e.what();
    }
    return "no error";
}
} // namespace

TEST_CASE("GHK voltage of a single ion is its Nernst potential (cation and anion)") {
    const auto T = kelvin(20.0_degC);
    for (double ci : {0.5, 12.0, 400.0})
        for (double co : {2.5, 145.0, 560.0}) {
            const std::array<ghk_ion<double>, 1> k{
                {{1, make<unit::dimensionless>(0.7), mM<double>(ci), mM<double>(co)}}};
            const std::array<ghk_ion<double>, 1> cl{
                {{-1, make<unit::dimensionless>(3.0), mM<double>(ci), mM<double>(co)}}};
            // same formula (RT/F) ln(ratio) with the ratio formed the same way: a few ulp
            CHECK(in_mV(ghk_voltage(k, T)) ==
                  rel(in_mV(nernst(1, mM<double>(ci), mM<double>(co), T)), 1e-14));
            CHECK(in_mV(ghk_voltage(cl, T)) ==
                  rel(in_mV(nernst(-1, mM<double>(ci), mM<double>(co), T)), 1e-14));
        }
}

TEST_CASE("GHK voltage: relative and absolute permeabilities give the same potential") {
    const auto T = kelvin(6.3_degC);
    // Hodgkin & Katz 1949 resting ratios 1 : 0.04 : 0.45; absolute scale 1e-8 m/s (arbitrary)
    const std::array<ghk_ion<double>, 3> rel{
        {{1, make<unit::dimensionless>(1.0), 400.0_mM, 20.0_mM},
         {1, make<unit::dimensionless>(0.04), 50.0_mM, 440.0_mM},
         {-1, make<unit::dimensionless>(0.45), 52.0_mM, 560.0_mM}}};
    const std::vector<ghk_ion<double, unit::permeability>> abs{
        {1, make<unit::permeability>(1e-8), 400.0_mM, 20.0_mM},
        {1, make<unit::permeability>(0.04e-8), 50.0_mM, 440.0_mM},
        {-1, make<unit::permeability>(0.45e-8), 52.0_mM, 560.0_mM}};
    const double a = in_mV(ghk_voltage(rel, T));
    const double b = in_mV(ghk_voltage(abs, T));
    CHECK(a == noneq::test::rel(b, 1e-13));
    // span, unchecked and checked agree exactly
    const std::span<const ghk_ion<double>> s(rel);
    CHECK(in_mV(ghk_voltage(unchecked, s, T)) == a);
    CHECK(in_mV(ghk_voltage(s, T)) == a);
}

TEST_CASE("GHK voltage over xsimd batches equals the scalar result lane by lane") {
    using B = xsimd::batch<double>;
    using Bf = xsimd::batch<float>;
    alignas(64) double pna[B::size];
    for (std::size_t j = 0; j < B::size; ++j)
        pna[j] = 0.01 * double(j + 1) * 7.0; // 0.07, 0.14, ...
    const B pnab = B::load_aligned(pna);
    const auto TB = kelvin_t<B>(279.45);
    const ghk_ion<B> ions[3] = {{1, make<unit::dimensionless>(B(1.0)), mM<B>(400), mM<B>(20)},
                                {1, make<unit::dimensionless>(pnab), mM<B>(50), mM<B>(440)},
                                {-1, make<unit::dimensionless>(B(0.45)), mM<B>(52), mM<B>(560)}};
    const B vb = ghk_voltage(unchecked, std::span<const ghk_ion<B>>(ions), TB).value();
    const B vc = ghk_voltage(std::span<const ghk_ion<B>>(ions), TB).value();
    const ghk_ion<Bf> ionsf[2] = {
        {1, make<unit::dimensionless>(Bf(1.0f)), mM<Bf>(400), mM<Bf>(20)},
        {1, make<unit::dimensionless>(Bf(0.04f)), mM<Bf>(50), mM<Bf>(440)}};
    const Bf vf =
        ghk_voltage(unchecked, std::span<const ghk_ion<Bf>>(ionsf), kelvin_t<Bf>(279.45)).value();
    for (std::size_t j = 0; j < B::size; ++j) {
        const std::array<ghk_ion<double>, 3> s{
            {{1, make<unit::dimensionless>(1.0), mM<double>(400), mM<double>(20)},
             {1, make<unit::dimensionless>(pna[j]), mM<double>(50), mM<double>(440)},
             {-1, make<unit::dimensionless>(0.45), mM<double>(52), mM<double>(560)}}};
        const double ref = ghk_voltage(s, kelvin_t<double>(279.45)).value();
        // xsimd's log is within ~1 ulp of libm's; the sums are formed in the same order
        CHECK(vb.get(j) == rel(ref, 1e-14));
        CHECK(vc.get(j) == vb.get(j));
    }
    const std::array<ghk_ion<double>, 2> s2{
        {{1, make<unit::dimensionless>(1.0), mM<double>(400), mM<double>(20)},
         {1, make<unit::dimensionless>(0.04), mM<double>(50), mM<double>(440)}}};
    const double ref2 = ghk_voltage(s2, kelvin_t<double>(279.45)).value();
    for (std::size_t j = 0; j < Bf::size; ++j)
        CHECK(double(vf.get(j)) == rel(ref2, 1e-6)); // float: ~10 ulp
}

TEST_CASE("GHK voltage rejects meaningless input, naming the argument") {
    const auto T = kelvin(20.0_degC);
    std::vector<ghk_ion<double>> ions{{1, make<unit::dimensionless>(1.0), 400.0_mM, 20.0_mM},
                                      {2, make<unit::dimensionless>(1.0), 1.0_mM, 2.0_mM}};
    CHECK(error_of([&] { ghk_voltage(ions, T); }).find("ions[1].z") != std::string::npos);
    ions[1] = {1, make<unit::dimensionless>(-1.0), 1.0_mM, 2.0_mM};
    CHECK(error_of([&] { ghk_voltage(ions, T); }).find("ions[1].P") != std::string::npos);
    ions[1] = {1, make<unit::dimensionless>(1.0), make<unit::concentration>(std::nan("")), 2.0_mM};
    CHECK(error_of([&] { ghk_voltage(ions, T); }).find("ions[1].c_in") != std::string::npos);
    ions[1] = {-1, make<unit::dimensionless>(1.0), 1.0_mM, 2.0_mM};
    CHECK(error_of([&] { ghk_voltage(ions, make<unit::temperature>(0.0)); }).find("'T'") !=
          std::string::npos);
    CHECK(error_of([&] {
              ghk_voltage(std::span<const ghk_ion<double>>(), T);
          }).find("ions.size()") != std::string::npos);
    // a potential that does not exist: the only permeant cation is absent outside
    const std::array<ghk_ion<double>, 1> none{
        {{1, make<unit::dimensionless>(1.0), 10.0_mM, 0.0_mM}}};
    CHECK(error_of([&] { ghk_voltage(none, T); }).find("sum P*c_out") != std::string::npos);
    // zero concentration on one side is legal when another ion carries the other way
    const std::array<ghk_ion<double>, 2> ok{{{1, make<unit::dimensionless>(1.0), 10.0_mM, 0.0_mM},
                                             {1, make<unit::dimensionless>(1.0), 0.0_mM, 10.0_mM}}};
    CHECK(in_mV(ghk_voltage(ok, T)) == 0.0);
}

TEST_CASE("transport work: dG = RT ln(c_to/c_from) + zF dpsi, and its special cases") {
    const auto T = kelvin(37.0_degC);
    const double RT = constants::R.value() * T.value();
    const double F = constants::F.value();
    // Na+ entering a cell: from outside 145 mM to inside 12 mM across psi_in - psi_out = -70 mV
    const double dG = transport_work(1, 145.0_mM, 12.0_mM, -70.0_mV, T).value();
    CHECK(dG == rel(RT * std::log(12.0 / 145.0) + F * -0.070, 1e-14));
    CHECK(dG < 0); // downhill: Na+ leaks in
    // the work vanishes exactly at the Nernst potential (equilibrium), to rounding
    const auto E = nernst(1, 12.0_mM, 145.0_mM, T); // psi_in - psi_out at equilibrium
    CHECK(std::abs(transport_work(1, 145.0_mM, 12.0_mM, E, T).value()) < 1e-10 * RT);
    // reversing the move negates the work exactly
    CHECK(transport_work(-1, 4.2_mM, 123.0_mM, 30.0_mV, T).value() ==
          rel(-transport_work(-1, 123.0_mM, 4.2_mM, -30.0_mV, T).value(), 1e-14));
    // neutral solute: pure concentration term
    CHECK(transport_work(0, 1.0_mM, 10.0_mM, 100.0_mV, T).value() ==
          rel(RT * std::log(10.0), 1e-14));
    CHECK(error_of([&] { transport_work(1, 0.0_mM, 1.0_mM, 0.0_mV, T); }).find("c_from") !=
          std::string::npos);
    CHECK(error_of([&] { transport_work(1, 1.0_mM, -1.0_mM, 0.0_mV, T); }).find("c_to") !=
          std::string::npos);
}

TEST_CASE("proton transport work and the proton motive force share one sign convention") {
    const auto T = kelvin(25.0_degC);
    const double F = constants::F.value();
    // mitochondrion-like: psi_in - psi_out = -150 mV, pH_in 7.8, pH_out 7.0 (Nicholls & Ferguson,
    // Bioenergetics 4, ch. 4 give dpsi ~150 mV, dpH ~0.5-1 as typical magnitudes)
    const auto dp = proton_motive_force(-150.0_mV, 0.8, T);
    const double slope_mV = std::numbers::ln10 * constants::R.value() * T.value() / F * 1e3;
    CHECK(slope_mV == rel(59.159, 1e-4)); // the "59 mV per pH unit" at 25 C
    CHECK(in_mV(dp) == rel(-150.0 - slope_mV * 0.8, 1e-14));
    // F dp is the work of bringing H+ from outside (pH 7.0) to inside (pH 7.8)
    const double w = proton_transport_work(7.0, 7.8, -150.0_mV, T).value();
    CHECK(w == rel(F * dp.value(), 1e-14));
    // and it equals transport_work with [H+] = 10^-pH (mol/L -> mol/m^3)
    const double w2 =
        transport_work(1, make<unit::concentration>(1e3 * std::pow(10.0, -7.0)),
                       make<unit::concentration>(1e3 * std::pow(10.0, -7.8)), -150.0_mV, T)
            .value();
    CHECK(w == rel(w2, 1e-13));
    CHECK(error_of([&] { proton_motive_force(-150.0_mV, std::nan(""), T); }).find("dpH") !=
          std::string::npos);
}

TEST_CASE("Donnan equilibrium: Gibbs-Donnan product, one potential for both ions") {
    const auto T = kelvin(25.0_degC);
    for (double rho : {-50.0, -1e-6, 0.0, 3.0, 200.0}) {
        const auto d = donnan_equilibrium(100.0_mM, make<unit::concentration>(rho), T);
        // product rule and electroneutrality inside, to rounding of the quadratic root
        CHECK(d.cation_in.value() * d.anion_in.value() == rel(1e4, 1e-14));
        CHECK(d.cation_in.value() - d.anion_in.value() + rho == rel(0.0, 0.0, (1e-12) * (100.0)));
        // the Donnan potential is the Nernst potential of both permeant ions
        CHECK(in_mV(d.potential) ==
              rel(in_mV(nernst(1, d.cation_in, 100.0_mM, T)), 1e-12, (1e-12) * (1)));
        CHECK(in_mV(d.potential) ==
              rel(in_mV(nernst(-1, d.anion_in, 100.0_mM, T)), 1e-12, (1e-12) * (1)));
        CHECK(donnan_ratio(d.potential, T) == rel(d.ratio, 1e-13));
        CHECK(donnan_ratio(-1, d.anion_in, 100.0_mM) == rel(d.ratio, 1e-13));
    }
    // fixed negative charge pulls cations in: inside negative
    CHECK(in_mV(donnan_equilibrium(100.0_mM, -50.0_mM, T).potential) < 0);
    CHECK(error_of([&] { donnan_equilibrium(0.0_mM, -50.0_mM, T); }).find("c_salt_out") !=
          std::string::npos);
}

// ---- mixtures with divalent ions: closed form, general solver, total current -----------------

namespace {
template <class V = double, class PU = unit::permeability>
ghk_ion<V, PU> ion(int z, double P, double ci, double co) {
    return {z, make<PU>(V(P)), mM<V>(ci), mM<V>(co)};
}
using pion = ghk_ion<double, unit::permeability>;
} // namespace

TEST_CASE("Lewis closed form reduces to the GHK voltage equation without divalent ions") {
    const auto T = kelvin(20.0_degC);
    const std::array<pion, 3> ions{
        {ion(1, 1e-8, 400, 20), ion(1, 4e-10, 50, 440), ion(-1, 4.5e-9, 52, 560)}};
    CHECK(ghk_voltage_divalent(ions, T).value() == rel(ghk_voltage(ions, T).value(), 1e-13));
    CHECK(ghk_reversal(ions, T).value() == rel(ghk_voltage(ions, T).value(), 1e-13));
}

TEST_CASE("Lewis closed form, bracketed solver and zero total current agree (random mixtures)") {
    const auto T = kelvin(22.0_degC);
    std::mt19937_64 rng(noneq::test::seed(7));
    std::uniform_real_distribution<double> lp(-10.0, -6.0), lc(-4.0, 3.0);
    const auto r10 = [&](auto& d) { return std::pow(10.0, d(rng)); };
#ifdef NONEQ_SANITIZED
    const int n = 50;
#else
    const int n = 2000;
#endif
    double worst_mV = 0, worst_rel_current = 0;
    for (int k = 0; k < n; ++k) {
        const int zs[5] = {1, 1, -1, 2, (k % 2) ? 2 : -2};
        std::array<pion, 5> ions{};
        for (int i = 0; i < 5; ++i)
            ions[i] = ion(zs[i], r10(lp), r10(lc), r10(lc));
        const double vl = ghk_voltage_divalent(ions, T).value();
        const double vr = ghk_reversal(ions, T).value();
        worst_mV = std::max(worst_mV, std::abs(vl - vr) * 1e3);
        // at the reversal the total current vanishes relative to the unidirectional currents
        // (efflux with c_out = 0 and influx with c_in = 0), the scale of its rounding error
        double total = 0, parts = 0;
        const auto v = make<unit::voltage>(vl);
        for (const auto& x : ions) {
            total += ghk_current(x.z, x.P, v, x.c_in, x.c_out, T).value();
            parts += std::abs(ghk_current(x.z, x.P, v, x.c_in, 0.0_mM, T).value()) +
                     std::abs(ghk_current(x.z, x.P, v, 0.0_mM, x.c_out, T).value());
        }
        CHECK(total == rel(ghk_total_current(ions, make<unit::voltage>(vl), T).value(), 1e-12,
                           (1e-12) * (parts)));
        worst_rel_current = std::max(worst_rel_current, std::abs(total) / parts);
    }
    // closed form: a quadratic root to a few ulp in x, i.e. ~1e-16 * RT/F in V; solver bracket
    // 3e-15 V; with the current's rounding noise near its zero, 1e-10 mV (1e-13 V) bounds both.
    // Total current: V rounded to a double moves it by ~z eps |V|/(RT/F) of the unidirectional
    // currents, plus a few eps from the sum: 1e-13 relative.
    CHECK(worst_mV < 1e-10);
    CHECK(worst_rel_current < 1e-13);
    MESSAGE("worst |V_Lewis - V_bracketed| = " << worst_mV << " mV; worst |sum I|/sum|I_uni| = "
                                               << worst_rel_current);
}

TEST_CASE("Reversal with Ca2+: zero concentration on one side is legal, trivalent ions solve too") {
    const auto T = kelvin(37.0_degC);
    // Ca2+ absent inside, plus K+: the potential exists (K+ carries the outward current)
    const std::array<pion, 2> ions{{ion(1, 1e-8, 140, 5), ion(2, 1e-7, 0, 2)}};
    const double vl = ghk_voltage_divalent(ions, T).value();
    CHECK(std::isfinite(vl));
    CHECK(ghk_reversal(ions, T).value() == rel(vl, 1e-12, (1e-12) * (0.025)));
    // Ca2+ alone at its Nernst potential (both sides nonzero)
    const std::array<pion, 1> ca{{ion(2, 1e-7, 1e-4, 2)}};
    const double eca = nernst(2, mM<double>(1e-4), mM<double>(2.0), T).value();
    CHECK(ghk_voltage_divalent(ca, T).value() == rel(eca, 1e-13));
    CHECK(ghk_reversal(ca, T).value() == rel(eca, 1e-12));
    // a trivalent cation with K+ (only the general solver applies): total current vanishes
    const std::array<pion, 2> la{{ion(1, 1e-8, 140, 5), ion(3, 1e-8, 1e-3, 1)}};
    const auto v3 = ghk_reversal(la, T);
    double parts = 0;
    for (const auto& x : la)
        parts += std::abs(ghk_current(x.z, x.P, v3, x.c_in, x.c_out, T).value());
    CHECK(std::abs(ghk_total_current(la, v3, T).value()) < 1e-12 * parts);
    CHECK(error_of([&] { ghk_voltage_divalent(la, T); }).find("ions[1].z") != std::string::npos);
    // no reversal: the only permeant ion cannot carry current outward
    const std::array<pion, 2> none{{ion(2, 1e-7, 0, 2), ion(1, 0, 140, 5)}};
    CHECK(error_of([&] { ghk_voltage_divalent(none, T); }).find("a + 4 d_in") != std::string::npos);
    CHECK(error_of([&] { ghk_reversal(none, T); }).find("does not exist") != std::string::npos);
    const std::array<pion, 1> nothing{{ion(1, 0, 140, 5)}};
    CHECK(error_of([&] { ghk_reversal(nothing, T); }).find("does not exist") != std::string::npos);
}

TEST_CASE("Lewis closed form and total GHK current over xsimd batches") {
    using B = xsimd::batch<double>;
    const auto T = kelvin_t<B>(300.0);
    alignas(64) double cao[B::size];
    for (std::size_t j = 0; j < B::size; ++j)
        cao[j] = 0.5 + double(j);
    const B caob = B::load_aligned(cao);
    const std::array<ghk_ion<B, unit::permeability>, 2> ions{
        {{1, make<unit::permeability>(B(1e-8)), mM<B>(140), mM<B>(5)},
         {2, make<unit::permeability>(B(3e-7)), mM<B>(1e-4), concentration<B>::from_value(caob)}}};
    const B vb = ghk_voltage_divalent(ions, T).value();
    const B ib = ghk_total_current(ions, voltage<B>::from_value(vb), T).value();
    for (std::size_t j = 0; j < B::size; ++j) {
        const std::array<pion, 2> s{{ion(1, 1e-8, 140, 5), ion(2, 3e-7, 1e-4, cao[j])}};
        CHECK(vb.get(j) == rel(ghk_voltage_divalent(s, kelvin_t<double>(300.0)).value(), 1e-13));
        CHECK(ib.get(j) == rel(0.0, 0.0, (1e-12) * (1e-8 * 96485 * 140)));
    }
}

// ---- single-ion GHK current: reversal, smoothness through 0, precisions ----------------------

TEST_CASE("GHK current vanishes at the ion's Nernst potential") {
    const auto T = kelvin(6.3_degC);
    for (int z : {1, -1, 2, -2, 3}) {
        const auto E = nernst(z, 12.0_mM, 145.0_mM, T);
        const auto P = make<unit::permeability>(1e-8);
        const double scale = std::abs(z) * constants::F.value() * 1e-8 * 145.0;
        CHECK(std::abs(ghk_current(z, P, E, 12.0_mM, 145.0_mM, T).value()) < 1e-13 * scale);
        // and is outward above, inward below
        CHECK(ghk_current(z, P, E + 1.0_mV, 12.0_mM, 145.0_mM, T).value() > 0);
        CHECK(ghk_current(z, P, E - 1.0_mV, 12.0_mM, 145.0_mM, T).value() < 0);
    }
}

TEST_CASE("GHK current is smooth through V = 0 (values within 1e-9 mV of 0)") {
    const auto T = kelvin(6.3_degC);
    const auto P = make<unit::permeability>(1e-8);
    const double vt = thermal_voltage(T).value();
    const double F = constants::F.value();
    for (int z : {1, -1, 2}) {
        const double ci = 400, co = 20;
        // I(V) = zFP[(ci - co) + z u (ci + co)/2 + O(u^2)], u = FV/RT: the Taylor expansion
        const double i0 = z * F * 1e-8 * (ci - co);
        const double slope = z * F * 1e-8 * z * (ci + co) / 2 / vt; // A/m^2 per V
        CHECK(ghk_current(z, P, 0.0_mV, mM<double>(ci), mM<double>(co), T).value() ==
              rel(i0, 1e-15));
        for (double v_mV : {-1e-9, -1e-12, -1e-300, 1e-300, 1e-12, 1e-9}) {
            const double v = v_mV * 1e-3;
            const double i =
                ghk_current(z, P, make<unit::voltage>(v), mM<double>(ci), mM<double>(co), T)
                    .value();
            // second-order term is below 1e-23 relative here; rounding a few ulp
            CHECK(i == rel(i0 + slope * v, 4e-16));
        }
    }
}

TEST_CASE("GHK current: a voltage beyond |zFV/RT| = 700 is rejected, not returned as inf or NaN") {
    const auto T = kelvin(37.0_degC);
    const auto P = make<unit::permeability>(1e-8);
    // 700 RT/F at 310.15 K is 18.71 V; 18 V is inside for z = 1, outside for z = 2.
    CHECK(
        std::isfinite(ghk_current(1, P, make<unit::voltage>(-18.0), 140.0_mM, 5.0_mM, T).value()));
    const auto msg =
        error_of([&] { (void)ghk_current(2, P, make<unit::voltage>(-18.0), 1e-4_mM, 2.0_mM, T); });
    CHECK(msg.find("'v'") != std::string::npos);
    CHECK(msg.find("700") != std::string::npos);
}

TEST_CASE("float, double and long double agree to their precision") {
    const auto check = [](auto one) {
        using V = decltype(one);
        const auto T = kelvin_t<V>(279.45);
        const std::array<ghk_ion<V>, 3> ions{{ion<V, unit::dimensionless>(1, 1, 400, 20),
                                              ion<V, unit::dimensionless>(1, 0.04, 50, 440),
                                              ion<V, unit::dimensionless>(-1, 0.45, 52, 560)}};
        const std::array<ghk_ion<V>, 2> ca{{ion<V, unit::dimensionless>(1, 1, 140, 5),
                                            ion<V, unit::dimensionless>(2, 10, 1e-4, 2)}};
        return std::array<long double, 5>{
            (long double)ghk_voltage(ions, T).value(),
            (long double)ghk_voltage_divalent(ca, T).value(),
            (long double)ghk_reversal(ca, T).value(),
            (long double)nernst(2, mM<V>(1e-4), mM<V>(2), T).value(),
            (long double)ghk_current(1, permeability<V>::from_value(V(1e-8)),
                                     voltage<V>::from_value(V(-0.065)), mM<V>(400), mM<V>(20), T)
                .value()};
    };
    const auto f = check(1.0f);
    const auto d = check(1.0);
    const auto l = check(1.0L);
    for (std::size_t i = 0; i < f.size(); ++i) {
        // float: ~10 ulp of 6e-8 through log and exp; double: a few ulp (the bracketed solver
        // works in double, so long double cannot do better than its 2e-15 bracket there)
        CHECK(double(f[i]) == rel(double(l[i]), 2e-6));
        CHECK(double(d[i]) == rel(double(l[i]), i == 2 ? 1e-13 : 1e-14));
    }
}

// ---- chord conductance ------------------------------------------------------------------------

TEST_CASE("chord potential: balance of currents, exact with GHK chord conductances") {
    const std::array<chord_branch<double>, 3> hh{
        {{make<unit::conductance_density>(0.3 * 10), 10.6_mV},
         {make<unit::conductance_density>(120.0 * 10 * 0.01), 50.0_mV},
         {make<unit::conductance_density>(36.0 * 10 * 0.3), -77.0_mV}}};
    const auto v = chord_potential(hh);
    CHECK(chord_total_current(hh, v).value() == rel(0.0, 0.0, (1e-13) * (120.0 * 0.05)));
    // total conductance (S) works too
    const std::vector<chord_branch<double, unit::conductance>> cell{{1.0_nS, -90.0_mV},
                                                                    {3.0_nS, 0.0_mV}};
    CHECK(in_mV(chord_potential(cell)) == rel(-22.5, 1e-14));
    CHECK(in_pA(chord_total_current(cell, -22.5_mV)) == rel(0.0, 0.0, (1e-13) * (100)));

    // GHK chord conductances at the GHK reversal reproduce it (Hodgkin & Katz 1949 ratios)
    const auto T = kelvin(6.3_degC);
    const std::array<pion, 3> sq{
        {ion(1, 1e-8, 400, 20), ion(1, 0.04e-8, 50, 440), ion(-1, 0.45e-8, 52, 560)}};
    const auto vstar = ghk_voltage(sq, T);
    std::array<chord_branch<double>, 3> br{};
    for (std::size_t i = 0; i < 3; ++i)
        br[i] = {ghk_chord_conductance(sq[i].z, sq[i].P, vstar, sq[i].c_in, sq[i].c_out, T),
                 nernst(sq[i].z, sq[i].c_in, sq[i].c_out, T)};
    CHECK(chord_potential(br).value() == rel(vstar.value(), 1e-13));
    // the chord conductance is I/(V - E) away from E and smooth (the slope) at V = E
    const auto E = nernst(1, 400.0_mM, 20.0_mM, T);
    const auto P = make<unit::permeability>(1e-8);
    const double g_far = ghk_chord_conductance(1, P, -20.0_mV, 400.0_mM, 20.0_mM, T).value();
    CHECK(g_far ==
          rel(ghk_current(1, P, -20.0_mV, 400.0_mM, 20.0_mM, T).value() / (-0.020 - E.value()),
              1e-12));
    const double g_at = ghk_chord_conductance(1, P, E, 400.0_mM, 20.0_mM, T).value();
    const double h = 1e-6; // central difference of I at E, error O(h^2) ~ 1e-9 relative
    const double slope =
        (ghk_current(1, P, E + make<unit::voltage>(h), 400.0_mM, 20.0_mM, T).value() -
         ghk_current(1, P, E - make<unit::voltage>(h), 400.0_mM, 20.0_mM, T).value()) /
        (2 * h);
    CHECK(g_at == rel(slope, 1e-7));
}

TEST_CASE("chord form equals GHK in the linear limit, to second order") {
    const auto T = kelvin(20.0_degC);
    const auto err = [&](double eps) {
        const std::array<pion, 3> ions{{ion(1, 1e-8, 100, 100 * (1 + eps)),
                                        ion(1, 0.3e-8, 100, 100 * (1 - 2 * eps)),
                                        ion(-1, 0.5e-8, 100, 100 * (1 + 3 * eps))}};
        std::array<chord_branch<double>, 3> br{};
        for (std::size_t i = 0; i < 3; ++i)
            br[i] = {ghk_linear_conductance(ions[i].z, ions[i].P, ions[i].c_in, ions[i].c_out, T),
                     nernst(ions[i].z, ions[i].c_in, ions[i].c_out, T)};
        return std::abs(chord_potential(br).value() - ghk_voltage(ions, T).value());
    };
    const double e1 = err(1e-2), e2 = err(1e-3);
    // V itself is O(eps) (about eps * 25 mV); the two agree to second order, so the difference
    // is O(eps^3): a tenth of eps leaves a thousandth of it (measured order 2.99). A first- or
    // second-order agreement (order 1 or 2) fails.
    CHECK(e1 < 1e-6 * 0.0254);
    CHECK(std::log10(e1 / e2) == rel(3.0, 0.05));
}

// ---- driving force -----------------------------------------------------------------------------

TEST_CASE("driving force: chloride at -65 mV with E_Cl = -75 mV flows in and hyperpolarises") {
    // Hille, Ion Channels of Excitable Membranes, 3rd ed., ch. 2 (GABA_A inhibition)
    const auto v = -65.0_mV, e = -75.0_mV;
    CHECK(in_mV(driving_force(v, e)) == rel(10.0, 1e-14));
    CHECK(ion_flow_direction(-1, v, e) == flow_direction::inward);
    CHECK(current_direction(v, e) == flow_direction::outward);
    CHECK(effect_on_membrane(v, e) == membrane_effect::hyperpolarizing);
    // Na+ at rest: flows in, inward current, depolarises
    CHECK(ion_flow_direction(1, v, 55.0_mV) == flow_direction::inward);
    CHECK(effect_on_membrane(v, 55.0_mV) == membrane_effect::depolarizing);
    // K+ above E_K: flows out; Cl- below E_Cl: flows out (inward current), depolarises
    CHECK(ion_flow_direction(1, v, -90.0_mV) == flow_direction::outward);
    CHECK(ion_flow_direction(-1, -80.0_mV, e) == flow_direction::outward);
    CHECK(effect_on_membrane(-80.0_mV, e) == membrane_effect::depolarizing);
    CHECK(ion_flow_direction(2, e, e) == flow_direction::none);
    CHECK(to_string(flow_direction::inward) == "inward");
    CHECK(error_of([&] { ion_flow_direction(0, v, e); }).find("'z'") != std::string::npos);
    CHECK(error_of([&] { effect_on_membrane(make<unit::voltage>(std::nan("")), e); }).find("'v'") !=
          std::string::npos);
}

// ---- reaction free energy ----------------------------------------------------------------------

TEST_CASE("reaction free energy dG0 + RT ln Q: the erythrocyte's ATP, equilibrium, batches") {
    // Nelson & Cox, Lehninger Principles of Biochemistry, 5th ed., Worked Example 13-2: in the
    // human erythrocyte ATP 2.25 mM, ADP 0.25 mM, Pi 1.65 mM, dG0' = -30.5 kJ/mol at 25 C give
    // dG_p = -52 kJ/mol (quoted to 2 digits, so within 0.5 kJ/mol).
    const auto T = kelvin(25.0_degC);
    const auto dG0 = -30.5_kJ_per_mol;
    const double ln_Q = std::log(0.25e-3 * 1.65e-3 / 2.25e-3); // [ADP][Pi]/[ATP], 1 M standard
    const auto g = reaction_free_energy(dG0, ln_Q, T);
    CHECK(std::abs(in_kJ_per_mol(g) - (-52.0)) < 0.5);
    // The same number to rounding, with the exact R = k_B N_A = 8.31446261815324 J/(mol K) in
    // long double (tolerance: a few ulp of the terms, |RT ln Q| < 22 kJ/mol, |dG| ~ 52 kJ/mol).
    const long double ref =
        -30500.0L + 8.31446261815324L * 298.15L * static_cast<long double>(ln_Q);
    CHECK(std::abs(in_J_per_mol(g) - static_cast<double>(ref)) <= 1e-15 * 52e3);
    // atp_hydrolysis_free_energy is this formula with Q written out (it reads ln Q through
    // log_ratio, so the two agree to the rounding of ln Q: one ulp of 8.6 times RT)
    const auto g_atp = atp_hydrolysis_free_energy(2.25_mM, 0.25_mM, 1.65_mM, T);
    CHECK(std::abs(in_J_per_mol(g_atp) - in_J_per_mol(g)) <= 4e-15 * 52e3);
    // Q = 1: dG = dG0 exactly. Q = K = exp(-dG0/RT): dG = 0 to the rounding of dG0.
    CHECK(in_J_per_mol(reaction_free_energy(dG0, 0.0, T)) == -30500.0);
    const double ln_K = 30500.0 / (constants::R.value() * T.value());
    CHECK(std::abs(in_J_per_mol(reaction_free_energy(dG0, ln_K, T))) <= 1e-15 * 30500.0);

    using B = xsimd::batch<double>;
    std::array<double, B::size> lq{};
    for (std::size_t i = 0; i < B::size; ++i)
        lq[i] = -10.0 + 2.5 * double(i);
    const auto gb = reaction_free_energy(unchecked, molar_energy<B>::from_value(B(-30500.0)),
                                         B::load_unaligned(lq.data()), kelvin_t<B>(T.value()));
    // the scalar and the batch product RT ln Q may round differently (one is contracted into a
    // fused multiply-add, the other not): within two roundings of the terms
    for (std::size_t i = 0; i < B::size; ++i) {
        const double terms = 30500.0 + constants::R.value() * T.value() * std::abs(lq[i]);
        CHECK(std::abs(gb.value().get(i) - reaction_free_energy(dG0, lq[i], T).value()) <=
              2 * std::numeric_limits<double>::epsilon() * terms);
    }

    CHECK(error_of([&] { reaction_free_energy(dG0, ln_Q, 0.0_K); }).find("'T'") !=
          std::string::npos);
    CHECK(error_of([&] { reaction_free_energy(dG0, std::nan(""), T); }).find("'ln_Q'") !=
          std::string::npos);
    CHECK(error_of([&] {
              reaction_free_energy(
                  make<unit::molar_energy>(std::numeric_limits<double>::infinity()), ln_Q, T);
          }).find("'dG0'") != std::string::npos);
}

TEST_CASE("single-cycle turnover tanh(-dG/2RT): Hill's ratio, stall, reversal, batches") {
    // Hill, Free Energy Transduction in Biology (1977): one cycle turns forward J+/J- =
    // exp(-dG/RT) times as often as backward. dG = -2 RT ln 3 gives J+/J- = 9, so the net forward
    // fraction (J+ - J-)/(J+ + J-) = 8/10 = 0.8 (to a few ulp: the rounding of RT ln 3 and tanh).
    const auto T = kelvin(37.0_degC);
    const double RT = constants::R.value() * T.value();
    const auto dG = make<unit::molar_energy>(-2 * RT * std::log(3.0));
    CHECK(net_turnover_fraction(dG, T) == rel(0.8, 8e-16));
    // reversed uphill, stalled at dG = 0
    CHECK(net_turnover_fraction(make<unit::molar_energy>(2 * RT * std::log(3.0)), T) ==
          rel(-0.8, 8e-16));
    CHECK(net_turnover_fraction(make<unit::molar_energy>(0.0), T) == 0.0);
    // far downhill (the Na/K pump's ~ -10 kJ/mol at rest is ~3.9 RT): the fraction saturates at 1
    CHECK(net_turnover_fraction(make<unit::molar_energy>(-200 * RT), T) == 1.0);

    using B = xsimd::batch<double>;
    std::array<double, B::size> g{};
    for (std::size_t i = 0; i < B::size; ++i)
        g[i] = -20e3 + 5e3 * double(i);
    const B fb =
        net_turnover_fraction(unchecked, molar_energy<B>::from_value(B::load_unaligned(g.data())),
                              kelvin_t<B>(T.value()));
    // xsimd's tanh and libm's agree to a few ulp (1e-15 relative is 4.5 ulp at |f| >= 0.5)
    for (std::size_t i = 0; i < B::size; ++i)
        CHECK(fb.get(i) ==
              rel(net_turnover_fraction(make<unit::molar_energy>(g[i]), T), 1e-15, 1e-300));

    using test::rejects;
    CHECK(rejects([&] { net_turnover_fraction(make<unit::molar_energy>(std::nan("")), T); }) ==
          "dG");
    CHECK(rejects([&] { net_turnover_fraction(dG, 0.0_K); }) == "T");
}

// ---- bad input: every validating function rejects each kind of meaningless argument ----------
// Each check names the argument the domain_error must name; a silent return or another error
// fails it.

TEST_CASE("bad input: nernst, GHK flux and current, GHK voltage equations") {
    using noneq::test::rejects;
    const auto T = 310.0_K;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const auto c_nan = concentration<double>::from_value(nan);
    // scalar nernst: z = 0, c <= 0, NaN, T <= 0 (the README's example)
    CHECK(rejects([&] { nernst(0, 10.0_mM, 140.0_mM, T); }) == "z");
    CHECK(rejects([&] { nernst(1, 0.0_mM, 140.0_mM, T); }) == "c_in");
    CHECK(rejects([&] { nernst(1, 10.0_mM, -1.0_mM, T); }) == "c_out");
    CHECK(rejects([&] { nernst(1, c_nan, 140.0_mM, T); }) == "c_in");
    CHECK(rejects([&] { nernst(1, 10.0_mM, 140.0_mM, 0.0_K); }) == "T");
    CHECK(rejects([&] { nernst(1, 10.0_mM, 140.0_mM, 310.0_K); }) == "<no exception>");
    // ghk_flux and ghk_current share their checks
    const auto P = 1e-8_m_per_s;
    CHECK(rejects([&] { ghk_flux(0, P, -65.0_mV, 10.0_mM, 140.0_mM, T); }) == "z");
    CHECK(rejects([&] { ghk_flux(1, -P, -65.0_mV, 10.0_mM, 140.0_mM, T); }) == "P");
    CHECK(rejects([&] { ghk_flux(1, P, -65.0_mV, -1.0_mM, 140.0_mM, T); }) == "c_in");
    CHECK(rejects([&] { ghk_flux(1, P, -65.0_mV, 10.0_mM, c_nan, T); }) == "c_out");
    CHECK(rejects([&] { ghk_flux(1, P, -65.0_mV, 10.0_mM, 140.0_mM, -1.0_K); }) == "T");
    CHECK(rejects([&] {
              ghk_flux(1, P, voltage<double>::from_value(nan), 10.0_mM, 140.0_mM, T);
          }) == "v");
    CHECK(rejects([&] { ghk_flux(1, P, 20.0_V, 10.0_mM, 140.0_mM, T); }) == "v"); // |u| > 700
    CHECK(rejects([&] { ghk_current(2, P, -65.0_mV, 10.0_mM, 140.0_mM, 0.0_K); }) == "T");
    CHECK(rejects([&] { ghk_current(0, P, -65.0_mV, 10.0_mM, 140.0_mM, T); }) == "z");
    CHECK(rejects([&] { ghk_current(1, P, 20.0_V, 10.0_mM, 140.0_mM, T); }) == "v");
    CHECK(rejects([&] { ghk_current(1, P, -65.0_mV, 0.0_mM, 0.0_mM, T); }) == "<no exception>");
    // and the flux is the current over z F (F = e N_A, exact)
    const double F = 1.602176634e-19 * 6.02214076e23;
    CHECK(ghk_flux(2, P, -65.0_mV, 1e-4_mM, 2.0_mM, T).value() ==
          rel(ghk_current(2, P, -65.0_mV, 1e-4_mM, 2.0_mM, T).value() / (2 * F), 1e-15));
    // GHK voltage (relative permeabilities), total current, divalent closed form, reversal
    using pion = ghk_ion<double, unit::permeability>;
    const std::vector<ghk_ion<double>> none;
    const std::vector<ghk_ion<double>> ok{{1, make<unit::dimensionless>(1.0), 400.0_mM, 20.0_mM}};
    CHECK(rejects([&] { ghk_voltage(none, T); }) == "ions.size()");
    CHECK(rejects([&] { ghk_voltage(ok, 0.0_K); }) == "T");
    // The existence check sums over every ion: K+ alone carries the numerator here (Cl- has no
    // inside concentration), which is legal; with no ion to carry it, the voltage is -infinity.
    const auto one = make<unit::dimensionless>(1.0);
    const std::vector<ghk_ion<double>> k_and_cl{{1, one, 400.0_mM, 20.0_mM},
                                                {-1, one, 0.0_mM, 560.0_mM}};
    CHECK(rejects([&] { ghk_voltage(k_and_cl, T); }) == "<no exception>");
    const std::vector<ghk_ion<double>> no_numerator{{1, one, 400.0_mM, 0.0_mM},
                                                    {-1, one, 0.0_mM, 560.0_mM}};
    CHECK(rejects([&] { ghk_voltage(no_numerator, T); }) ==
          "ions: sum P*c_out (cations) + P*c_in (anions)");
    const std::vector<pion> abs_none;
    const std::vector<pion> abs_ok{{1, P, 400.0_mM, 20.0_mM}, {2, P, 1e-4_mM, 2.0_mM}};
    CHECK(rejects([&] { ghk_total_current(abs_none, -65.0_mV, T); }) == "ions.size()");
    CHECK(rejects([&] { ghk_total_current(abs_ok, voltage<double>::from_value(nan), T); }) == "v");
    CHECK(rejects([&] { ghk_total_current(abs_ok, -65.0_mV, 0.0_K); }) == "T");
    CHECK(rejects([&] { ghk_voltage_divalent(abs_ok, 0.0_K); }) == "T");
    CHECK(rejects([&] { ghk_voltage_divalent(abs_none, T); }) == "ions.size()");
    CHECK(rejects([&] { ghk_reversal(abs_ok, -1.0_K); }) == "T");
    CHECK(rejects([&] { ghk_reversal(abs_none, T); }) == "ions.size()");
}

TEST_CASE("bad input: chord conductance, electrochemical work, Donnan, driving force") {
    using noneq::test::rejects;
    const auto T = 310.0_K;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const auto g = [](double x) { return conductance_density<double>::from_value(x); };
    const std::vector<chord_branch<double>> empty;
    const std::vector<chord_branch<double>> neg{{g(1.0), -70.0_mV}, {g(-1.0), 50.0_mV}};
    const std::vector<chord_branch<double>> bad_e{{g(1.0), voltage<double>::from_value(nan)}};
    const std::vector<chord_branch<double>> closed{{g(0.0), -70.0_mV}, {g(0.0), 50.0_mV}};
    const std::vector<chord_branch<double>> ok{{g(1.0), -70.0_mV}, {g(2.0), 50.0_mV}};
    CHECK(rejects([&] { chord_potential(empty); }) == "branches.size()");
    CHECK(rejects([&] { chord_potential(neg); }) == "branches[1].g");
    CHECK(rejects([&] { chord_potential(bad_e); }) == "branches[0].E");
    CHECK(rejects([&] { chord_potential(closed); }) == "sum of branches[i].g");
    CHECK(rejects([&] { chord_total_current(ok, voltage<double>::from_value(nan)); }) == "v");
    CHECK(rejects([&] { chord_total_current(neg, -65.0_mV); }) == "branches[1].g");
    const auto P = 1e-8_m_per_s;
    CHECK(rejects([&] { ghk_chord_conductance(0, P, -65.0_mV, 10.0_mM, 140.0_mM, T); }) == "z");
    CHECK(rejects([&] { ghk_chord_conductance(1, -P, -65.0_mV, 10.0_mM, 140.0_mM, T); }) == "P");
    CHECK(rejects([&] { ghk_chord_conductance(1, P, -65.0_mV, 0.0_mM, 140.0_mM, T); }) == "c_in");
    CHECK(rejects([&] { ghk_chord_conductance(1, P, -65.0_mV, 10.0_mM, 0.0_mM, T); }) == "c_out");
    CHECK(rejects([&] { ghk_chord_conductance(1, P, -65.0_mV, 10.0_mM, 140.0_mM, 0.0_K); }) == "T");
    CHECK(rejects([&] {
              ghk_chord_conductance(1, P, voltage<double>::from_value(nan), 10.0_mM, 140.0_mM, T);
          }) == "v");
    CHECK(rejects([&] { ghk_linear_conductance(0, P, 10.0_mM, 140.0_mM, T); }) == "z");
    CHECK(rejects([&] { ghk_linear_conductance(1, -P, 10.0_mM, 140.0_mM, T); }) == "P");
    CHECK(rejects([&] { ghk_linear_conductance(1, P, -1.0_mM, 140.0_mM, T); }) == "c_in");
    CHECK(rejects([&] { ghk_linear_conductance(1, P, 10.0_mM, -1.0_mM, T); }) == "c_out");
    CHECK(rejects([&] { ghk_linear_conductance(1, P, 10.0_mM, 140.0_mM, 0.0_K); }) == "T");
    // electrochemical work and the proton-motive force
    CHECK(rejects([&] { transport_work(1, 0.0_mM, 12.0_mM, -70.0_mV, T); }) == "c_from");
    CHECK(rejects([&] { transport_work(1, 145.0_mM, -12.0_mM, -70.0_mV, T); }) == "c_to");
    CHECK(rejects([&] {
              transport_work(1, 145.0_mM, 12.0_mM, voltage<double>::from_value(nan), T);
          }) == "dpsi");
    CHECK(rejects([&] { transport_work(1, 145.0_mM, 12.0_mM, -70.0_mV, 0.0_K); }) == "T");
    CHECK(rejects([&] { proton_transport_work(nan, 7.0, -70.0_mV, T); }) == "pH_from");
    CHECK(rejects([&] {
              proton_transport_work(7.0, std::numeric_limits<double>::infinity(), -70.0_mV, T);
          }) == "pH_to");
    CHECK(rejects([&] { proton_transport_work(7.0, 7.5, voltage<double>::from_value(nan), T); }) ==
          "dpsi");
    CHECK(rejects([&] { proton_transport_work(7.0, 7.5, -70.0_mV, -1.0_K); }) == "T");
    CHECK(rejects([&] { proton_motive_force(voltage<double>::from_value(nan), 0.5, T); }) ==
          "dpsi");
    CHECK(rejects([&] { proton_motive_force(-150.0_mV, nan, T); }) == "dpH");
    CHECK(rejects([&] { proton_motive_force(-150.0_mV, 0.5, 0.0_K); }) == "T");
    // Donnan
    CHECK(rejects([&] { donnan_ratio(voltage<double>::from_value(nan), T); }) == "v");
    CHECK(rejects([&] { donnan_ratio(-10.0_mV, 0.0_K); }) == "T");
    CHECK(rejects([&] { donnan_ratio(0, 10.0_mM, 20.0_mM); }) == "z");
    CHECK(rejects([&] { donnan_ratio(1, 0.0_mM, 20.0_mM); }) == "c_in");
    CHECK(rejects([&] { donnan_ratio(1, 10.0_mM, -20.0_mM); }) == "c_out");
    CHECK(rejects([&] { donnan_equilibrium(0.0_mM, 10.0_mM, T); }) == "c_salt_out");
    CHECK(rejects([&] {
              donnan_equilibrium(100.0_mM, concentration<double>::from_value(nan), T);
          }) == "rho_fixed");
    CHECK(rejects([&] { donnan_equilibrium(100.0_mM, 10.0_mM, 0.0_K); }) == "T");
    // driving force
    CHECK(rejects([&] { ion_flow_direction(0, -65.0_mV, -90.0_mV); }) == "z");
    CHECK(rejects([&] { ion_flow_direction(1, voltage<double>::from_value(nan), -90.0_mV); }) ==
          "v");
    CHECK(rejects([&] { current_direction(-65.0_mV, voltage<double>::from_value(nan)); }) == "e");
    CHECK(rejects([&] { effect_on_membrane(voltage<double>::from_value(nan), -90.0_mV); }) == "v");
}

TEST_CASE("ohmic current g (V - E), outward positive, and the Donnan ratio of a divalent ion") {
    // 1 mS/cm^2 at -65 mV with E = -77 mV: 12 uA/cm^2 = 0.12 A/m^2 outward (K+ leaves the cell)
    CHECK(ohmic_current(1.0_mS_per_cm2, -65.0_mV, -77.0_mV).value() == rel(0.12, 1e-14));
    // a total conductance gives a current: 10 nS at -70 mV, E = -77 mV: 70 pA
    CHECK(ohmic_current(10.0_nS, -70.0_mV, -77.0_mV).value() == rel(7e-11, 1e-14));
    // Gibbs-Donnan: c_in / c_out = r^z, so a divalent ion at 4 mM / 1 mM has r = 2
    CHECK(donnan_ratio(2, 4.0_mM, 1.0_mM) == rel(2.0, 1e-15));
    CHECK(donnan_ratio(-2, 4.0_mM, 1.0_mM) == rel(0.5, 1e-15));
}

// The range concepts of the chord potential and the GHK voltage, both ways.
static_assert(chord_branch_range<std::vector<chord_branch<double>>> &&
              chord_branch_range<std::array<chord_branch<double>, 2>>);
static_assert(!chord_branch_range<std::vector<double>> &&
              !chord_branch_range<std::vector<ghk_ion<double>>>);
static_assert(ghk_ion_range<std::vector<ghk_ion<double>>> &&
              !ghk_ion_range<std::vector<chord_branch<double>>> && !ghk_ion_range<double>);
