// Units layer: the static_assert suite for the unit algebra, literals, read-outs, Celsius, and
// the same quantities over float, long double and xsimd batches.
#include <noneq/constants.hpp>
#include <noneq/core/value_traits.hpp>
#include <noneq/units.hpp>

#include <doctest/doctest.h>

#include "support/compare.hpp"

#include <cmath>
#include <type_traits>

using namespace noneq;
using namespace noneq::literals;
using noneq::test::rel;

// ---- compile-time unit algebra -------------------------------------------------------------
namespace {
template <class A, class B>
constexpr bool same_unit = std::is_same_v<std::remove_cvref_t<A>, std::remove_cvref_t<B>>;

constexpr bool close(double a, double b, double rel) {
    const double d = a > b ? a - b : b - a;
    const double m = (a > 0 ? a : -a);
    return d <= rel * m;
}

// F = e N_A, in C/mol (the SI 2019 exact values give 96485.33212331...).
static_assert(same_unit<decltype(constants::e * constants::N_A), decltype(constants::F)>);
static_assert(close(constants::F.value(), 96485.33212331001, 1e-15));
// R = k_B N_A = 8.31446261815324 J/(mol K) (exact by definition, CODATA 2018).
static_assert(same_unit<decltype(constants::k_B * constants::N_A), decltype(constants::R)>);
static_assert(close(constants::R.value(), 8.31446261815324, 1e-15));
// RT/F at 310.15 K = 26.72666 mV from the exact SI constants (26.73 mV, Hille ch. 1).
static_assert(close(in_mV(thermal_voltage(kelvin(37.0_degC))), 26.7266591, 1e-6));
static_assert(same_unit<decltype(constants::R * 1.0_K / constants::F), voltage<double>>);
// kT/e at 300 K = 25.852 mV; k_B T in eV at 300 K = 0.025852.
static_assert(close(in_eV(constants::k_B * 300.0_K), 0.0258520, 1e-5));
// Ohm's law: conductance density times voltage is current density.
static_assert(same_unit<decltype(1.0_mS_per_cm2 * 1.0_mV), current_density<double>>);
// C dV/dt: capacitance density times voltage over time is current density.
static_assert(same_unit<decltype(1.0_uF_per_cm2 * 1.0_mV / 1.0_ms), current_density<double>>);
// 1 mS/cm^2 * 1 mV = 1 uA/cm^2.
static_assert(close(in_uA_per_cm2(1.0_mS_per_cm2 * 1.0_mV), 1.0, 1e-15));
// 1 uF/cm^2 * 1 mV / 1 ms = 1 uA/cm^2.
static_assert(close(in_uA_per_cm2(1.0_uF_per_cm2 * 1.0_mV / 1.0_ms), 1.0, 1e-15));
// Permeability times concentration is a molar flux; times F a current density.
static_assert(same_unit<decltype(1.0_cm_per_s * 1.0_mM), molar_flux<double>>);
static_assert(same_unit<decltype(constants::F * 1.0_cm_per_s * 1.0_mM), current_density<double>>);
// F times a voltage is a molar energy; RT ln(...) likewise.
static_assert(same_unit<decltype(constants::F * 1.0_mV), molar_energy<double>>);
static_assert(same_unit<decltype(constants::R * 1.0_K), molar_energy<double>>);
// 1 mM = 1 mol/m^3; 1 M = 1000 mol/m^3.
static_assert(close(si_value(1.0_mM), 1.0, 0.0) && close(si_value(1.0_M), 1000.0, 0.0));
// Celsius: 0 degC = 273.15 K.
static_assert(close(in_K(kelvin(0.0_degC)), 273.15, 1e-15));
// Photon energy: h c / 1 um = 1.23984 eV (h c = 1239.84198 eV nm).
static_assert(close(in_eV(constants::h * constants::c / 1.0_um), 1.2398419843320026, 1e-12));
} // namespace

TEST_CASE("literals and read-outs round-trip") {
    CHECK(in_mV(-65.0_mV) == rel(-65.0, 1e-15));
    CHECK(in_mV(-65_mV) == rel(-65.0, 1e-15));
    CHECK(in_uM(2.5_uM) == rel(2.5, 1e-15));
    CHECK(in_nM(100.0_nM) == rel(100.0, 1e-15));
    CHECK(in_mS_per_cm2(120.0_mS_per_cm2) == rel(120.0, 1e-15));
    CHECK(in_S_per_cm2(120.0_mS_per_cm2) == rel(0.12, 1e-15));
    CHECK(in_uF_per_cm2(1.0_uF_per_cm2) == rel(1.0, 1e-15));
    CHECK(in_cm_per_s(1e-6_cm_per_s) == rel(1e-6, 1e-15));
    CHECK(in_kJ_per_mol(14.3_kJ_per_mol) == rel(14.3, 1e-15));
    CHECK(in_nm(500.0_nm) == rel(500.0, 1e-15));
    CHECK(in_celsius(kelvin(37.0_degC)) == rel(37.0, 1e-14));
}

TEST_CASE("quantities over float, long double and batches carry the same physics") {
    const auto Tf = kelvin(celsius<float>(37.0f));
    const auto Tl = kelvin(celsius<long double>(37.0L));
    CHECK(static_cast<double>(in_mV(thermal_voltage(Tf))) == rel(26.7266591, 1e-6));
    CHECK(static_cast<double>(in_mV(thermal_voltage(Tl))) == rel(26.7266591, 1e-7));

    using B = xsimd::batch<double>;
    const auto Tb = value_cast<B>(kelvin(37.0_degC));
    const B vt = in_mV(thermal_voltage(Tb));
    for (std::size_t i = 0; i < B::size; ++i)
        CHECK(vt.get(i) == rel(26.7266591, 1e-7));

    using Bf = xsimd::batch<float>;
    const auto g = value_cast<Bf>(1.0_mS_per_cm2);
    const auto v = value_cast<Bf>(2.0_mV);
    const Bf i = in_uA_per_cm2(g * v);
    for (std::size_t k = 0; k < Bf::size; ++k)
        CHECK(i.get(k) == rel(2.0, 1e-6));
}

TEST_CASE("a quantity is exactly one value: zero storage overhead") {
    static_assert(sizeof(voltage<double>) == sizeof(double));
    static_assert(sizeof(voltage<float>) == sizeof(float));
    static_assert(sizeof(voltage<xsimd::batch<double>>) == sizeof(xsimd::batch<double>));
    CHECK(sizeof(current_density<double>) == sizeof(double));
}

TEST_CASE("rel(): relative to the expected value, quantities by value, NaN never matches") {
    // A nanoampere compared to 1e-12 relative: Approx would have accepted any value within
    // 1e-12 A, i.e. anything; rel() does not.
    CHECK(2.5_nA == rel(2.5_nA, 1e-12));
    CHECK_FALSE(2.5_nA == rel(2.6_nA, 1e-12));
    CHECK_FALSE(2.5e-9 == rel(2.5e-9 * (1 + 1e-9), 1e-12));
    CHECK(current<double>::from_value(2.5e-9 * (1 + 1e-13)) == rel(2.5_nA, 1e-12));
    // zero as the answer needs an absolute floor
    CHECK_FALSE(1e-300 == rel(0.0, 1e-12));
    CHECK(1e-300 == rel(0.0, 0.0, 1e-299));
    CHECK_FALSE(std::nan("") == rel(1.0, 1e300));
    CHECK_FALSE(1.0 == rel(std::nan(""), 1e300));
    // float results against double references compare as long double
    CHECK(0.1f == rel(0.1, 1e-7));
    CHECK_FALSE(0.1f == rel(0.1, 1e-9));
}
