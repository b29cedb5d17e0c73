// potential/ and flux/ (GHK, chord, driving force, electrochemical work): identities that must
// hold exactly or to a tolerance derived from the numerics, scalar and batch, and the errors.
#include <noneq/potential/electrochemical.hpp>
#include <noneq/potential/ghk_voltage.hpp>
#include <noneq/potential/nernst.hpp>

#include <doctest/doctest.h>

#include <array>
#include <cmath>
#include <limits>
#include <numbers>
#include <span>
#include <string>
#include <vector>

using namespace noneq;
using namespace noneq::literals;

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
                  doctest::Approx(in_mV(nernst(1, mM<double>(ci), mM<double>(co), T)))
                      .epsilon(1e-14));
            CHECK(in_mV(ghk_voltage(cl, T)) ==
                  doctest::Approx(in_mV(nernst(-1, mM<double>(ci), mM<double>(co), T)))
                      .epsilon(1e-14));
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
    CHECK(a == doctest::Approx(b).epsilon(1e-13));
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
        CHECK(vb.get(j) == doctest::Approx(ref).epsilon(1e-14));
        CHECK(vc.get(j) == vb.get(j));
    }
    const std::array<ghk_ion<double>, 2> s2{
        {{1, make<unit::dimensionless>(1.0), mM<double>(400), mM<double>(20)},
         {1, make<unit::dimensionless>(0.04), mM<double>(50), mM<double>(440)}}};
    const double ref2 = ghk_voltage(s2, kelvin_t<double>(279.45)).value();
    for (std::size_t j = 0; j < Bf::size; ++j)
        CHECK(double(vf.get(j)) == doctest::Approx(ref2).epsilon(1e-6)); // float: ~10 ulp
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
    CHECK(dG == doctest::Approx(RT * std::log(12.0 / 145.0) + F * -0.070).epsilon(1e-14));
    CHECK(dG < 0); // downhill: Na+ leaks in
    // the work vanishes exactly at the Nernst potential (equilibrium), to rounding
    const auto E = nernst(1, 12.0_mM, 145.0_mM, T); // psi_in - psi_out at equilibrium
    CHECK(std::abs(transport_work(1, 145.0_mM, 12.0_mM, E, T).value()) < 1e-10 * RT);
    // reversing the move negates the work exactly
    CHECK(
        transport_work(-1, 4.2_mM, 123.0_mM, 30.0_mV, T).value() ==
        doctest::Approx(-transport_work(-1, 123.0_mM, 4.2_mM, -30.0_mV, T).value()).epsilon(1e-14));
    // neutral solute: pure concentration term
    CHECK(transport_work(0, 1.0_mM, 10.0_mM, 100.0_mV, T).value() ==
          doctest::Approx(RT * std::log(10.0)).epsilon(1e-14));
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
    CHECK(slope_mV == doctest::Approx(59.159).epsilon(1e-4)); // the "59 mV per pH unit" at 25 C
    CHECK(in_mV(dp) == doctest::Approx(-150.0 - slope_mV * 0.8).epsilon(1e-14));
    // F dp is the work of bringing H+ from outside (pH 7.0) to inside (pH 7.8)
    const double w = proton_transport_work(7.0, 7.8, -150.0_mV, T).value();
    CHECK(w == doctest::Approx(F * dp.value()).epsilon(1e-14));
    // and it equals transport_work with [H+] = 10^-pH (mol/L -> mol/m^3)
    const double w2 =
        transport_work(1, make<unit::concentration>(1e3 * std::pow(10.0, -7.0)),
                       make<unit::concentration>(1e3 * std::pow(10.0, -7.8)), -150.0_mV, T)
            .value();
    CHECK(w == doctest::Approx(w2).epsilon(1e-13));
    CHECK(error_of([&] { proton_motive_force(-150.0_mV, std::nan(""), T); }).find("dpH") !=
          std::string::npos);
}

TEST_CASE("Donnan equilibrium: Gibbs-Donnan product, one potential for both ions") {
    const auto T = kelvin(25.0_degC);
    for (double rho : {-50.0, -1e-6, 0.0, 3.0, 200.0}) {
        const auto d = donnan_equilibrium(100.0_mM, make<unit::concentration>(rho), T);
        // product rule and electroneutrality inside, to rounding of the quadratic root
        CHECK(d.cation_in.value() * d.anion_in.value() == doctest::Approx(1e4).epsilon(1e-14));
        CHECK(d.cation_in.value() - d.anion_in.value() + rho ==
              doctest::Approx(0.0).epsilon(1e-12).scale(100.0));
        // the Donnan potential is the Nernst potential of both permeant ions
        CHECK(in_mV(d.potential) ==
              doctest::Approx(in_mV(nernst(1, d.cation_in, 100.0_mM, T))).epsilon(1e-12).scale(1));
        CHECK(in_mV(d.potential) ==
              doctest::Approx(in_mV(nernst(-1, d.anion_in, 100.0_mM, T))).epsilon(1e-12).scale(1));
        CHECK(donnan_ratio(d.potential, T) == doctest::Approx(d.ratio).epsilon(1e-13));
        CHECK(donnan_ratio(-1, d.anion_in, 100.0_mM) == doctest::Approx(d.ratio).epsilon(1e-13));
    }
    // fixed negative charge pulls cations in: inside negative
    CHECK(in_mV(donnan_equilibrium(100.0_mM, -50.0_mM, T).potential) < 0);
    CHECK(error_of([&] { donnan_equilibrium(0.0_mM, -50.0_mM, T); }).find("c_salt_out") !=
          std::string::npos);
}
