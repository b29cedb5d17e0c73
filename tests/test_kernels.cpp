// kernels/: the array kernels against a long double reference (>= 10^6 random inputs per kernel,
// float and double), against the scalar API, over every tail length and alignment, over xtensor
// containers and broadcast quantities, multi-threaded, and their once-per-call validation.
#include <noneq/kernels/arrays.hpp>
#include <noneq/kernels/currents.hpp>
#include <noneq/kernels/ghk.hpp>
#include <noneq/kernels/ghk_voltage.hpp>
#include <noneq/kernels/nernst.hpp>
#include <noneq/kernels/parallel.hpp>
#include <noneq/kernels/simd.hpp>
#include <noneq/kernels/validation.hpp>

#include <doctest/doctest.h>

#include "support/bad_input.hpp"
#include "support/compare.hpp"
#include "support/seed.hpp"
#include <xtensor/xtensor.hpp>
#include <xtensor/xview.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <span>
#include <string>
#include <array>
#include <vector>

using namespace noneq;
using namespace noneq::literals;
using noneq::test::rel;
namespace nk = noneq::kernels;

namespace {

#ifdef NONEQ_SANITIZED
constexpr std::size_t n_random = 1 << 14;
#else
constexpr std::size_t n_random = 1000000;
#endif

// ---- the reference: the defining formulas in long double with the exact SI constants ----------
// long double carries 64 significant bits, 11 more than double, so its own rounding is far below
// the tolerances below. R/F = k_B/e and F = e N_A are exact by the 2019 SI definitions.
using ld = long double;
const ld k_over_e = 1.380649e-23L / 1.602176634e-19L;
const ld faraday = 1.602176634e-19L * 6.02214076e23L;

ld exprel_ref(ld x) {
    return x == 0 ? 1.0L : x / std::expm1(x);
}
// ln(co/ci) accurate relative to itself: log1p of the exact difference where co ~ ci (a long
// double quotient would leave an absolute error of 2^-64 there).
ld log_ratio_ref(ld a, ld b) {
    return std::fabs(a - b) <= b / 2 ? std::log1p((a - b) / b) : std::log(a / b);
}
ld nernst_ref(int z, ld ci, ld co, ld T) {
    return k_over_e * T * log_ratio_ref(co, ci) / z;
}
ld ghk_u(int z, ld v, ld T) {
    return z * v / (k_over_e * T);
}
ld ghk_ref(int z, ld P, ld v, ld ci, ld co, ld T) {
    const ld u = ghk_u(z, v, T);
    return z * faraday * P * (ci - co * std::exp(-u)) * exprel_ref(-u);
}
// The sum of the magnitudes of the two terms of the GHK current: the scale of its rounding
// errors, which do not cancel where the current does.
ld ghk_scale(int z, ld P, ld v, ld ci, ld co, ld T) {
    const ld u = ghk_u(z, v, T);
    return std::fabs(z * faraday * P) * (ci + co * std::exp(-u)) * exprel_ref(-u);
}

/// Distance of x from the exact value `ref` in units of the last place of the correctly
/// rounded result (T)ref.
template <class T>
double ulps(T x, ld ref) {
    const T r = static_cast<T>(ref);
    if (x == r) return 0;
    const T a = std::fabs(r);
    const T ulp = std::nextafter(a, std::numeric_limits<T>::infinity()) - a;
    return static_cast<double>(std::fabs(static_cast<ld>(x) - ref) / ulp);
}

template <class T>
ld eps_of() {
    return static_cast<ld>(std::numeric_limits<T>::epsilon());
}

/// Log-uniform in [lo, hi].
template <class T>
T log_uniform(std::mt19937_64& rng, double lo, double hi) {
    std::uniform_real_distribution<double> d(std::log(lo), std::log(hi));
    return static_cast<T>(std::exp(d(rng)));
}

/// A concentration (mol/m^3): physiological (0.1 uM .. 500 mM) or extreme (1 nM .. 5 M).
template <class T>
T concentration_sample(std::mt19937_64& rng, bool extreme) {
    return extreme ? log_uniform<T>(rng, 1e-6, 5e3) : log_uniform<T>(rng, 1e-4, 500.0);
}

/// A membrane potential (V): physiological (+-150 mV), extreme (+-1 V, +-0.5 V for float) or
/// within 1e-9 mV of 0 (down to exactly 0).
template <class T>
T voltage_sample(std::mt19937_64& rng, int regime) {
    std::uniform_real_distribution<double> s(-1.0, 1.0);
    switch (regime) {
    case 0:
        return static_cast<T>(0.15 * s(rng));
    case 1:
        return static_cast<T>((std::is_same_v<T, float> ? 0.5 : 1.0) * s(rng));
    default: {
        const double mag = log_uniform<double>(rng, 1e-22, 1e-12);
        return (rng() % 64 == 0) ? T(0) : static_cast<T>(s(rng) > 0 ? mag : -mag);
    }
    }
}

template <class T>
T temperature_sample(std::mt19937_64& rng) {
    std::uniform_real_distribution<double> d(250.0, 400.0);
    return static_cast<T>(d(rng));
}

} // namespace

// ---- accuracy ------------------------------------------------------------------------------

TEST_CASE_TEMPLATE("Nernst kernel: within 4 ulp of the exact result everywhere, E ~ 0 included", T,
                   double, float) {
    // ln(c_out/c_in) is computed from the exact difference of the mantissas (core/simd_math.hpp),
    // so it is accurate relative to itself even where c_out ~ c_in and E ~ 0: the log within
    // ~2 ulp, RT/(zF) and the product add one rounding each, 4 ulp in all. (Through a rounded
    // quotient c_out/c_in the error near E = 0 would be an absolute eps RT/F, not a few ulp.)
    std::mt19937_64 rng(noneq::test::seed(11));
    const int valences[] = {1, -1, 2, -2, 3};
    const std::size_t n = n_random / 5;
    double worst_ulp = 0, worst_ulp_near_zero = 0;
    std::size_t near_zero = 0;
    for (int z : valences) {
        std::vector<T> ci(n), co(n), E(n);
        const T Tk = temperature_sample<T>(rng);
        for (std::size_t i = 0; i < n; ++i) {
            const bool extreme = i % 2 == 1;
            ci[i] = concentration_sample<T>(rng, extreme);
            // Every 8th pair nearly or exactly equal: the cancellation regime.
            co[i] = (i % 8 == 3)
                        ? static_cast<T>(ci[i] * (1 + std::ldexp(double(i % 7) - 3, -int(i % 40))))
                        : concentration_sample<T>(rng, extreme);
        }
        nk::nernst(E, z, ci, co, make<unit::temperature>(Tk));
        const ld scale = k_over_e * Tk / std::abs(z); // RT/(|z|F)
        for (std::size_t i = 0; i < n; ++i) {
            const ld ref = nernst_ref(z, ci[i], co[i], Tk);
            const double err = ref == 0 ? (E[i] == 0 ? 0.0 : 1e9) : ulps(E[i], ref);
            worst_ulp = std::max(worst_ulp, err);
            if (std::fabs(ref) < scale) {
                worst_ulp_near_zero = std::max(worst_ulp_near_zero, err);
                ++near_zero;
            }
        }
    }
    MESSAGE("Nernst ", std::string(sizeof(T) == 8 ? "double" : "float"), ": worst ", worst_ulp,
            " ulp over ", n_random, " values; ", worst_ulp_near_zero, " ulp over the ", near_zero,
            " of them with |E| < RT/(|z|F)");
    CHECK(near_zero > n_random / 10);
    CHECK(worst_ulp <= 4.0);
}

TEST_CASE_TEMPLATE("GHK current kernel: within 4 ulp (6 without FMA) where well conditioned, "
                   "else a stated bound",
                   T, double, float) {
    std::mt19937_64 rng(noneq::test::seed(12));
    const int valences[] = {1, -1, 2, -2};
    const std::size_t n = n_random / 4;
    double worst_ulp = 0, worst_ratio = 0, worst_zero = 0;
    std::size_t counted = 0, near_zero = 0;
    for (int z : valences) {
        std::vector<T> P(n), v(n), ci(n), co(n), I(n);
        const T Tk = temperature_sample<T>(rng);
        for (std::size_t i = 0; i < n; ++i) {
            const bool extreme = i % 3 == 1;
            P[i] = extreme ? log_uniform<T>(rng, 1e-12, 1e-3) : log_uniform<T>(rng, 1e-10, 1e-5);
            v[i] = voltage_sample<T>(rng, static_cast<int>(i % 3));
            ci[i] = concentration_sample<T>(rng, extreme);
            co[i] = concentration_sample<T>(rng, extreme);
        }
        nk::ghk_current(I, z, P, v, ci, co, make<unit::temperature>(Tk));
        for (std::size_t i = 0; i < n; ++i) {
            const ld ref = ghk_ref(z, P[i], v[i], ci[i], co[i], Tk);
            const ld S = ghk_scale(z, P[i], v[i], ci[i], co[i], Tk);
            const ld u = std::fabs(ghk_u(z, v[i], Tk));
            // Well conditioned: the two terms do not cancel (|I| >= S/2) and |u| <= 1/4. There
            // the formula's own rounding chain sets the error: e^{-u} and exprel(-u) (~1 and
            // ~2 ulp, core/simd_math.hpp), c_in - c_out e^{-u} rounded once (fma), (d exprel)
            // times P with its exact residual, and z F carried as hi + lo: 4 ulp.
            if (std::fabs(ref) >= S / 2 && u <= 0.25L) {
                worst_ulp = std::max(worst_ulp, ulps(I[i], ref));
                ++counted;
                if (u < 1e-9L) { // |v| within 1e-9 mV of 0
                    worst_zero = std::max(worst_zero, ulps(I[i], ref));
                    ++near_zero;
                }
            }
            // Everywhere (including the reversal potential and |v| -> 0): u = zFv/RT carries
            // ~1.5 eps of relative rounding (R/F, times T, divided into z v), which e^{-u} and
            // exprel(-u) amplify by |u|; and c_in - c_out e^{-u} cancels near the reversal
            // potential, so its rounding errors scale with S, the sum of the two terms'
            // magnitudes, not with |I|, where ulps of I mean nothing. Hence
            //   |I - I_ref| <= 4 eps |I_ref| + eps (2 + 2|u|) S.
            const ld err = std::fabs(I[i] - ref);
            const ld bound = 4 * eps_of<T>() * std::fabs(ref) + eps_of<T>() * (2 + 2 * u) * S;
            worst_ratio = std::max(worst_ratio, static_cast<double>(err / bound));
            if (!(err <= bound)) worst_ratio = std::max(worst_ratio, 1e9); // NaN counts as failure
        }
    }
    MESSAGE("GHK current ", std::string(sizeof(T) == 8 ? "double" : "float"), ": worst ", worst_ulp,
            " ulp over ", counted, " well-conditioned values (", worst_zero, " ulp over the ",
            near_zero, " of them with |v| <= 1e-9 mV); worst error / bound = ", worst_ratio,
            " over ", n_random);
    CHECK(counted > n_random / 10);
    CHECK(near_zero > n_random / 20);
    // Without FMA hardware (the baseline x86-64 build) fma_if_fast is a * b + c: the difference,
    // the residual product and the z F hi + lo product each round once more and the residual
    // is lost, one and a half ulp more in all (measured 4.98 ulp on SSE2).
#if defined(__FMA__) || defined(__AVX512F__)
    constexpr double ulp_bound = 4.0;
#else
    constexpr double ulp_bound = 6.0;
#endif
    CHECK(worst_ulp <= ulp_bound);
    CHECK(worst_zero <= ulp_bound);
    CHECK(worst_ratio <= 1.0);
}

TEST_CASE_TEMPLATE("ohmic current kernel: within 2 ulp everywhere (no cancellation issue)", T,
                   double, float) {
    // g (v - e) from exact inputs: the difference is correctly rounded however close v and e
    // are (relative error <= eps/2), and the product adds eps/2: at most ~1 ulp, tested at 2.
    std::mt19937_64 rng(noneq::test::seed(13));
    const std::size_t n = n_random;
    std::vector<T> g(n), v(n), e(n), I(n);
    for (std::size_t i = 0; i < n; ++i) {
        g[i] = log_uniform<T>(rng, 1e-3, 1e4); // S/m^2
        v[i] = voltage_sample<T>(rng, static_cast<int>(i % 3));
        e[i] = (i % 8 == 0) ? v[i] : voltage_sample<T>(rng, static_cast<int>(i % 2));
    }
    nk::ohmic_current(I, g, v, e);
    double worst = 0;
    for (std::size_t i = 0; i < n; ++i)
        worst = std::max(worst, ulps(I[i], static_cast<ld>(g[i]) * (ld(v[i]) - ld(e[i]))));
    MESSAGE("ohmic ", std::string(sizeof(T) == 8 ? "double" : "float"), ": worst ", worst,
            " ulp over ", n);
    CHECK(worst <= 2.0);
}

TEST_CASE_TEMPLATE("total membrane current kernel: within the sum of its terms' bounds", T, double,
                   float) {
    // HH-like population: Na, K, leak ohmic terms (E_Na, E_leak broadcast, E_K per cell) and a
    // GHK Ca2+ term. The terms can cancel (at rest they sum to ~0), so the bound is relative to
    // the sum of the terms' magnitudes: each term's own bound plus eps per addition.
    std::mt19937_64 rng(noneq::test::seed(14));
    const std::size_t n = n_random;
    std::vector<T> v(n), gna(n), gk(n), gl(n), ek(n), pca(n), cai(n), I(n);
    for (std::size_t i = 0; i < n; ++i) {
        v[i] = voltage_sample<T>(rng, static_cast<int>(i % 3));
        gna[i] = log_uniform<T>(rng, 1e-2, 1.2e3);
        gk[i] = log_uniform<T>(rng, 1e-2, 3.6e2);
        gl[i] = log_uniform<T>(rng, 1e-1, 3.0);
        ek[i] = static_cast<T>(-0.077 + 0.01 * std::uniform_real_distribution<double>(-1, 1)(rng));
        pca[i] = log_uniform<T>(rng, 1e-10, 1e-6);
        cai[i] = log_uniform<T>(rng, 1e-5, 1e-3);
    }
    const T ena = T(0.050), el = T(-0.0544), cao = T(2.0), Tk = T(279.45);
    const std::vector<nk::ohmic_term<T>> ohm{nk::ohmic<T>(gna, make<unit::voltage>(ena)),
                                             nk::ohmic<T>(gk, ek),
                                             nk::ohmic<T>(gl, make<unit::voltage>(el))};
    const std::vector<nk::ghk_term<T>> ghk{nk::ghk<T>(2, pca, cai, make<unit::concentration>(cao))};
    nk::total_current(I, v, ohm, ghk, make<unit::temperature>(Tk));
    double worst_ratio = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const ld t[] = {ld(gna[i]) * (ld(v[i]) - ena), ld(gk[i]) * (ld(v[i]) - ek[i]),
                        ld(gl[i]) * (ld(v[i]) - el), ghk_ref(2, pca[i], v[i], cai[i], cao, Tk)};
        const ld ref = t[0] + t[1] + t[2] + t[3];
        const ld u = std::fabs(ghk_u(2, v[i], Tk));
        const ld S = ghk_scale(2, pca[i], v[i], cai[i], cao, Tk);
        const ld mag = std::fabs(t[0]) + std::fabs(t[1]) + std::fabs(t[2]) + std::fabs(t[3]);
        // Ohmic terms: 2 eps each (test above); GHK: its bound; 4 additions: eps * mag each.
        const ld bound = 2 * eps_of<T>() * mag + eps_of<T>() * (2 + 2 * u) * S +
                         4 * eps_of<T>() * std::fabs(t[3]) + 4 * eps_of<T>() * mag;
        const ld err = std::fabs(I[i] - ref);
        worst_ratio = std::max(worst_ratio, err <= bound ? double(err / bound) : 1e9);
    }
    MESSAGE("total current ", std::string(sizeof(T) == 8 ? "double" : "float"),
            ": worst error / bound = ", worst_ratio, " over ", n);
    CHECK(worst_ratio <= 1.0);
}

TEST_CASE_TEMPLATE("GHK voltage kernel: within 4 ulp plus the weighted sums' rounding", T, double,
                   float) {
    // K+, Na+, Cl- with per-cell relative permeabilities and concentrations.
    std::mt19937_64 rng(noneq::test::seed(15));
    const std::size_t n = n_random;
    std::vector<T> pk(n), pna(n), pcl(n), ki(n), ko(n), nai(n), nao(n), cli(n), clo(n), E(n);
    for (std::size_t i = 0; i < n; ++i) {
        const bool extreme = i % 2 == 1;
        pk[i] = T(1);
        pna[i] = extreme ? log_uniform<T>(rng, 1e-4, 1e2) : log_uniform<T>(rng, 0.01, 20.0);
        pcl[i] = extreme ? log_uniform<T>(rng, 1e-4, 1e2) : log_uniform<T>(rng, 0.1, 1.0);
        for (T* c : {&ki[i], &ko[i], &nai[i], &nao[i], &cli[i], &clo[i]})
            *c = concentration_sample<T>(rng, extreme);
    }
    const T Tk = T(293.15);
    const std::vector<nk::ion_term<T>> ions{nk::ion<T>(1, pk, ki, ko), nk::ion<T>(1, pna, nai, nao),
                                            nk::ion<T>(-1, pcl, cli, clo)};
    nk::ghk_voltage(E, ions, make<unit::temperature>(Tk));
    const ld scale = k_over_e * Tk;
    double worst_ulp = 0, worst_ratio = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const ld num = ld(pk[i]) * ko[i] + ld(pna[i]) * nao[i] + ld(pcl[i]) * cli[i];
        const ld den = ld(pk[i]) * ki[i] + ld(pna[i]) * nai[i] + ld(pcl[i]) * clo[i];
        const ld ref = scale * std::log(num / den);
        if (std::fabs(ref) >= scale) worst_ulp = std::max(worst_ulp, ulps(E[i], ref));
        // Each weighted sum of three positive products is within 3 roundings (3 u, u = eps/2),
        // their quotient within 7 u = 3.5 eps; the log turns that relative error into an
        // absolute error of 3.5 eps in ln(num/den), i.e. 3.5 eps RT/F in E however small E is
        // (near E = 0 ulps of E mean nothing). The log itself and RT/F add a few ulp of E:
        //   |E - E_ref| <= 4 ulp(E_ref) + 3.5 eps RT/F.
        const T r = static_cast<T>(ref);
        const ld ulp =
            std::nextafter(std::fabs(r), std::numeric_limits<T>::infinity()) - std::fabs(r);
        const ld bound = 4 * ulp + 3.5L * eps_of<T>() * scale;
        const ld err = std::fabs(E[i] - ref);
        worst_ratio = std::max(worst_ratio, err <= bound ? double(err / bound) : 1e9);
    }
    MESSAGE("GHK voltage ", std::string(sizeof(T) == 8 ? "double" : "float"), ": worst ", worst_ulp,
            " ulp where |E| >= RT/F; worst error / bound = ", worst_ratio, " over ", n);
    CHECK(worst_ratio <= 1.0);
}

// ---- the same formula as the scalar API ------------------------------------------------------

TEST_CASE("kernels agree with the scalar API (same templates, libm vs xsimd math differ by ulps)") {
    std::mt19937_64 rng(noneq::test::seed(16));
    const std::size_t n = 1000;
    std::vector<double> ci(n), co(n), P(n), v(n), E(n), I(n);
    for (std::size_t i = 0; i < n; ++i) {
        ci[i] = concentration_sample<double>(rng, false);
        co[i] = concentration_sample<double>(rng, false);
        P[i] = log_uniform<double>(rng, 1e-9, 1e-6);
        v[i] = voltage_sample<double>(rng, 0);
    }
    const auto T = kelvin(37.0_degC);
    nk::nernst(E, 2, ci, co, T);
    nk::ghk_current(I, -1, P, v, ci, co, T);
    double worst_e = 0, worst_i = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const auto c_in = make<unit::concentration>(ci[i]),
                   c_out = make<unit::concentration>(co[i]);
        const double e = si_value(noneq::nernst(2, c_in, c_out, T));
        const double cur = si_value(noneq::ghk_current(-1, make<unit::permeability>(P[i]),
                                                       make<unit::voltage>(v[i]), c_in, c_out, T));
        worst_e = std::max(worst_e, std::fabs(E[i] - e) / std::max(std::fabs(e), 1e-3));
        // Relative to the sum of the two terms' magnitudes: near the reversal potential the
        // current cancels and libm's and xsimd's exp may differ in the last bit of each term.
        const double S = static_cast<double>(ghk_scale(-1, P[i], v[i], ci[i], co[i], in_K(T)));
        worst_i = std::max(worst_i, std::fabs(I[i] - cur) / S);
    }
    CHECK(worst_e <= 1e-14);
    CHECK(worst_i <= 1e-14);
}

// ---- any length, any alignment, any container ------------------------------------------------

TEST_CASE_TEMPLATE("every tail length and alignment gives the same result per element", T, double,
                   float) {
    constexpr std::size_t W = nk::batch<T>::size;
    const std::size_t N = 4 * W + 3;
    std::mt19937_64 rng(noneq::test::seed(17));
    std::vector<T> ci(N + 1), co(N + 1), v(N + 1);
    for (std::size_t i = 0; i <= N; ++i) {
        ci[i] = concentration_sample<T>(rng, false);
        co[i] = concentration_sample<T>(rng, false);
        v[i] = voltage_sample<T>(rng, static_cast<int>(i % 3));
    }
    const auto T0 = make<unit::temperature>(T(310));
    // Reference: each element evaluated alone (a one-element call is all tail).
    std::vector<T> e1(N + 1), i1(N + 1);
    for (std::size_t i = 0; i <= N; ++i) {
        nk::nernst(std::span<T>(&e1[i], 1), 1, std::span<const T>(&ci[i], 1),
                   std::span<const T>(&co[i], 1), T0);
        nk::ghk_current(std::span<T>(&i1[i], 1), 1, make<unit::permeability>(T(1e-8)),
                        std::span<const T>(&v[i], 1), std::span<const T>(&ci[i], 1),
                        std::span<const T>(&co[i], 1), T0);
    }
    bool same = true;
    for (std::size_t off = 0; off <= 1; ++off) { // aligned vector data, then misaligned by one
        for (std::size_t len = 0; len + off <= N; ++len) {
            std::vector<T> e(N + 1, T(-999)), i(N + 1, T(-999));
            nk::nernst(std::span<T>(e.data() + off, len), 1,
                       std::span<const T>(ci.data() + off, len),
                       std::span<const T>(co.data() + off, len), T0);
            nk::ghk_current(std::span<T>(i.data() + off, len), 1, make<unit::permeability>(T(1e-8)),
                            std::span<const T>(v.data() + off, len),
                            std::span<const T>(ci.data() + off, len),
                            std::span<const T>(co.data() + off, len), T0);
            for (std::size_t k = 0; k <= N; ++k) {
                const bool inside = k >= off && k < off + len;
                same =
                    same && (inside ? e[k] == e1[k] && i[k] == i1[k]
                                    : e[k] == T(-999) && i[k] == T(-999)); // nothing else written
            }
        }
    }
    CHECK(same);
}

TEST_CASE("xtensor containers, contiguous views, broadcast quantities and in-place output") {
    xt::xtensor<double, 1> ci = {10.0, 20.0, 140.0, 5.0, 12.0, 145.0, 400.0, 1.0, 2.0, 3.0};
    xt::xtensor<double, 1> co = xt::full_like(ci, 145.0);
    xt::xtensor<double, 1> E = xt::zeros_like(ci);
    const auto T = kelvin(37.0_degC);
    nk::nernst(E, 1, ci, co, T);
    for (std::size_t i = 0; i < ci.size(); ++i)
        CHECK(E(i) ==
              rel(si_value(nernst(1, make<unit::concentration>(ci(i)), 145.0_mM, T)), 1e-14));
    // Broadcast c_out as a quantity: the same numbers.
    xt::xtensor<double, 1> E2 = xt::zeros_like(ci);
    nk::nernst(E2, 1, ci, 145.0_mM, T);
    CHECK(E2 == E);
    // A contiguous view is read from its own first element (data() + data_offset()).
    auto sub = xt::view(ci, xt::range(2, 6));
    std::vector<double> Es(4);
    nk::nernst(Es, 1, sub, 145.0_mM, T);
    for (std::size_t i = 0; i < 4; ++i)
        CHECK(Es[i] == E(i + 2));
    // A strided view is not contiguous: rejected, not misread.
    auto strided = xt::view(ci, xt::range(0, 10, 2));
    std::vector<double> E5(5);
    CHECK_THROWS_AS(nk::nernst(E5, 1, strided, 145.0_mM, T), noneq::domain_error);
    // In place: the output may be an input.
    xt::xtensor<double, 1> c = ci;
    nk::nernst(c, 1, c, 145.0_mM, T);
    CHECK(c == E);
    // Ohmic with a broadcast conductance (S, giving A) and an array of potentials.
    std::vector<double> v{-0.07, -0.065, 0.02}, I(3);
    nk::ohmic_current(I, 10.0_nS, v, -0.077_V);
    CHECK(I[0] == rel(10e-9 * 0.007, 1e-14));
    CHECK(I[2] == rel(10e-9 * 0.097, 1e-14));
    // Float arrays, double quantities: the quantity is rounded to float once.
    std::vector<float> cf{10.0f, 140.0f}, Ef(2);
    nk::nernst(Ef, 1, cf, 145.0_mM, T);
    CHECK(Ef[0] == rel(si_value(nernst(1, 10.0_mM, 145.0_mM, T)), 1e-6));
}

// ---- validation --------------------------------------------------------------------------------

TEST_CASE("kernels validate once per call and name the first bad index") {
    const auto T = kelvin(37.0_degC);
    std::vector<double> ci(3000, 10.0), co(3000, 145.0), E(3000);
    ci[2500] = -1.0;
    ci[2700] = -2.0;
    try {
        nk::nernst(E, 1, ci, co, T);
        FAIL("no throw");
    } catch (const noneq::domain_error& e) {
        CHECK(e.argument() == "c_in[2500]");
        CHECK(e.value() == -1.0L);
        CHECK(std::string(e.what()).find("> 0") != std::string::npos);
    }
    ci[2500] = ci[2700] = 10.0;
    co[7] = std::numeric_limits<double>::quiet_NaN();
    try {
        nk::nernst(E, 1, ci, co, T);
        FAIL("no throw");
    } catch (const noneq::domain_error& e) {
        CHECK(e.argument() == "c_out[7]");
    }
    co[7] = 145.0;
    CHECK_THROWS_AS(nk::nernst(E, 0, ci, co, T), noneq::domain_error);
    CHECK_THROWS_AS(nk::nernst(E, 1, ci, -1.0_mM, T), noneq::domain_error);
    CHECK_THROWS_AS(nk::nernst(E, 1, ci, co, make<unit::temperature>(0.0)), noneq::domain_error);
    std::vector<double> short_co(2999, 145.0);
    try {
        nk::nernst(E, 1, ci, short_co, T);
        FAIL("no throw");
    } catch (const noneq::domain_error& e) {
        CHECK(std::string(e.what()).find("'c_out' has 2999 elements, expected 3000") !=
              std::string::npos);
    }
    // GHK: zero concentrations are legal, an infinite potential is not.
    std::vector<double> v(3000, -0.065), P(3000, 1e-8), I(3000);
    ci[5] = 0.0;
    CHECK_NOTHROW(nk::ghk_current(I, 1, P, v, ci, co, T));
    v[1234] = std::numeric_limits<double>::infinity();
    try {
        nk::ghk_current(I, 1, P, v, ci, co, T);
        FAIL("no throw");
    } catch (const noneq::domain_error& e) {
        CHECK(e.argument() == "v[1234]");
    }
    // Beyond |z F v / (R T)| = 700 (e^{-u} overflows; 18.7 V / |z| at 37 C) v is rejected as by
    // the scalar ghk_current, in float and double, and 699 is still computed.
    const double vt = noneq::thermal_voltage(T).value();
    v[1234] = 0.0;
    v[2000] = -351.0 * vt; // |u| = 702 for z = 2
    try {
        nk::ghk_current(I, 2, P, v, ci, co, T);
        FAIL("no throw");
    } catch (const noneq::domain_error& e) {
        CHECK(e.argument() == "v[2000]");
        CHECK(std::string(e.what()).find("700") != std::string::npos);
    }
    v[2000] = -349.5 * vt; // |u| = 699
    CHECK_NOTHROW(nk::ghk_current(I, 2, P, v, ci, co, T));
    CHECK(std::isfinite(I[2000]));
    std::vector<float> vf(100, -0.065f), Pf(100, 1e-8f), cif(100, 10.0f), cof(100, 145.0f), If(100);
    vf[50] = static_cast<float>(701.0 * vt);
    try {
        nk::ghk_current(If, 1, Pf, vf, cif, cof, T);
        FAIL("no throw");
    } catch (const noneq::domain_error& e) {
        CHECK(e.argument() == "v[50]");
    }
    v[2000] = 800.0 * vt; // total_current: the bound of its GHK term with the largest |z|
    try {
        nk::total_current(I, v, std::vector<nk::ohmic_term<double>>{},
                          std::vector<nk::ghk_term<double>>{nk::ghk<double>(1, P, ci, co)}, T);
        FAIL("no throw");
    } catch (const noneq::domain_error& e) {
        CHECK(e.argument() == "v[2000]");
    }
    v[2000] = -0.065;
    v[1234] = -0.065;
    // total_current names the term.
    std::vector<double> g(3000, 1.0);
    g[99] = -3.0;
    const std::vector<nk::ohmic_term<double>> ohm{nk::ohmic<double>(P, -0.08_V),
                                                  nk::ohmic<double>(g, -0.05_V)};
    try {
        nk::total_current(I, v, ohm, {}, T);
        FAIL("no throw");
    } catch (const noneq::domain_error& e) {
        CHECK(e.argument() == "ohmic[1].g[99]");
    }
    // GHK voltage: monovalent only; a mix with no ion able to carry charge one way is rejected
    // at the element where it happens.
    std::vector<double> zero(3000, 1.0);
    zero[42] = 0.0;
    const std::vector<nk::ion_term<double>> bad_z{nk::ion<double>(2, 1.0_m_per_s, ci, co)};
    CHECK_THROWS_AS(nk::ghk_voltage(E, bad_z, T), noneq::domain_error);
    const std::vector<nk::ion_term<double>> k_only{
        nk::ion<double>(1, make<unit::dimensionless>(1.0), zero, co)};
    try {
        nk::ghk_voltage(E, k_only, T);
        FAIL("no throw");
    } catch (const noneq::domain_error& e) {
        CHECK(e.argument().find("[42]") != std::string::npos);
    }
    const std::vector<nk::ion_term<double>> mixed{
        nk::ion<double>(1, make<unit::dimensionless>(1.0), ci, co),
        nk::ion<double>(1, 1e-8_m_per_s, ci, co)};
    CHECK_THROWS_AS(nk::ghk_voltage(E, mixed, T), noneq::domain_error);
    // In place (output == an input): validated before computing, so the bad input is still
    // there to be named.
    std::vector<double> c(3000, 10.0);
    c[1500] = -4.0;
    try {
        nk::nernst(c, 1, c, 145.0_mM, T);
        FAIL("no throw");
    } catch (const noneq::domain_error& e) {
        CHECK(e.argument() == "c_in[1500]");
        CHECK(e.value() == -4.0L);
    }
    g[99] = 1.0;
    std::vector<double> vv(3000, -0.06);
    vv[2222] = std::numeric_limits<double>::quiet_NaN();
    try {
        nk::total_current(vv, vv, ohm, {}, T);
        FAIL("no throw");
    } catch (const noneq::domain_error& e) {
        CHECK(e.argument() == "v[2222]");
    }
    c[1500] = 10.0;
    c[17] = std::numeric_limits<double>::infinity();
    const std::vector<nk::ion_term<double>> in_place{
        nk::ion<double>(1, make<unit::dimensionless>(1.0), c, co)};
    try {
        nk::ghk_voltage(c, in_place, T);
        FAIL("no throw");
    } catch (const noneq::domain_error& e) {
        CHECK(e.argument() == "ions[0].c_in[17]");
    }
    // Huge but finite inputs whose joint summary overflows are not rejected.
    std::vector<double> huge(100, 1e308), Ih(100);
    CHECK_NOTHROW(nk::total_current(
        Ih, std::vector<double>(100, 0.0), std::vector<nk::ohmic_term<double>>{},
        std::vector<nk::ghk_term<double>>{nk::ghk<double>(1, huge, huge, huge)}, T));
}

// ---- threads -----------------------------------------------------------------------------------

TEST_CASE("multi-threaded calls give bitwise the sequential result and the first bad index") {
#ifdef NONEQ_SANITIZED
    const std::size_t n = 140000; // still two chunks of 64 blocks
#else
    const std::size_t n = 200000;
#endif
    std::mt19937_64 rng(noneq::test::seed(18));
    std::vector<double> ci(n), co(n), a(n), b(n);
    for (std::size_t i = 0; i < n; ++i) {
        ci[i] = concentration_sample<double>(rng, true);
        co[i] = concentration_sample<double>(rng, true);
    }
    const auto T = kelvin(37.0_degC);
    nk::nernst(a, -1, ci, co, T);
    for (unsigned threads : {2u, 3u, 7u}) {
        std::fill(b.begin(), b.end(), 0.0);
        nk::nernst(nk::threads(threads), b, -1, ci, co, T);
        CHECK(a == b);
    }
    nk::nernst(nk::threads(0), b, -1, ci, co, T); // one thread per core
    CHECK(a == b);
    // Bad values in the last and in the second chunk: the lower index is reported.
    co[n - 5] = -1.0;
    co[n / 2 + 17] = 0.0;
    try {
        nk::nernst(nk::threads(4), b, -1, ci, co, T);
        FAIL("no throw");
    } catch (const noneq::domain_error& e) {
        CHECK(e.argument() == "c_out[" + std::to_string(n / 2 + 17) + "]");
    }
}

TEST_CASE("bad input: the kernels' scalar arguments and sizes name what is wrong") {
    using noneq::test::rejects;
    const auto T = 310.0_K;
    std::vector<double> I(8), v(8, -0.065), P(8, 1e-8), ci(8, 10.0), co(8, 140.0), v7(7, -0.065);
    CHECK(rejects([&] { nk::ghk_current(I, 0, P, v, ci, co, T); }) == "z");
    CHECK(rejects([&] { nk::ghk_current(I, 1, P, v, ci, co, make<unit::temperature>(0.0)); }) ==
          "T");
    CHECK(rejects([&] { nk::ghk_current(I, 1, P, v7, ci, co, T); }).find("'v' has 7 elements") !=
          std::string::npos);
    CHECK(rejects([&] {
              nk::total_current(I, v, std::vector<nk::ohmic_term<double>>{},
                                std::vector<nk::ghk_term<double>>{}, make<unit::temperature>(-1.0));
          }) == "T");
    CHECK(rejects([&] {
              nk::total_current(I, v, std::vector<nk::ohmic_term<double>>{},
                                std::vector<nk::ghk_term<double>>{nk::ghk<double>(0, P, ci, co)},
                                T);
          }) == "ghk[0].z");
    CHECK(rejects([&] { nk::nernst(I, 0, ci, co, T); }) == "z");
    CHECK(rejects([&] { nk::nernst(I, 1, ci, co, make<unit::temperature>(0.0)); }) == "T");
}

// The kernels' argument concepts, both ways.
static_assert(nk::contiguous_array<std::vector<double>> &&
              nk::contiguous_array<std::array<float, 4>>);
static_assert(!nk::contiguous_array<std::vector<int>> && !nk::contiguous_array<double>);
static_assert(nk::detail::quantity_arg<voltage<double>> &&
              nk::detail::quantity_arg<const temperature<float>&>);
static_assert(!nk::detail::quantity_arg<double> && !nk::detail::quantity_arg<std::vector<double>>);
