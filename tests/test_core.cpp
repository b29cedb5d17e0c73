// core/: exprel accuracy, domain_error messages, the bracketed root finder, value traits.
#include <noneq/core/error.hpp>
#include <noneq/core/exprel.hpp>
#include <noneq/core/roots.hpp>
#include <noneq/core/value_traits.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>

using namespace noneq;

namespace {
// Reference exprel in long double: series near 0 (8 terms, truncation < 1e-30 for |x| < 1e-3),
// expm1l elsewhere. long double has 11 more bits than double, so its rounding is negligible.
long double exprel_ref(long double x) {
    if (x == 0) return 1;
    if (std::fabs(x) < 1e-3L) {
        // x/(e^x-1) = 1 - x/2 + x^2/12 - x^4/720 + x^6/30240 - ...
        const long double x2 = x * x;
        return 1 - x / 2 + x2 / 12 - x2 * x2 / 720 + x2 * x2 * x2 / 30240;
    }
    return x / std::expm1(x);
}

double ulp_distance(double a, long double ref) {
    const double r = static_cast<double>(ref);
    if (a == r) return 0;
    const double ulp = std::nextafter(std::fabs(r), INFINITY) - std::fabs(r);
    return static_cast<double>(std::fabs(static_cast<long double>(a) - ref) / ulp);
}
} // namespace

TEST_CASE("exprel is exact at 0 and within a few ulp everywhere (scalar and batch)") {
    CHECK(exprel(0.0) == 1.0);
    CHECK(exprel(0.0f) == 1.0f);
    CHECK(exprel(-0.0) == 1.0);
    CHECK(exprel(800.0) == 0.0);    // expm1 overflows: the limit is 0
    CHECK(exprel(-800.0) == 800.0); // expm1 -> -1: the limit is -x
    std::mt19937_64 rng(1);
    std::uniform_real_distribution<double> mant(1.0, 10.0);
    std::uniform_int_distribution<int> expo(-300, 2);
    double worst = 0, worst_b = 0;
    using B = xsimd::batch<double>;
    alignas(64) double xs[B::size];
#ifdef NONEQ_SANITIZED
    const int n = 20000;
#else
    const int n = 400000;
#endif
    for (int k = 0; k < n; k += int(B::size)) {
        for (std::size_t j = 0; j < B::size; ++j) {
            const double sign = (rng() & 1) ? 1.0 : -1.0;
            xs[j] = sign * mant(rng) * std::pow(10.0, expo(rng));
        }
        const B r = exprel(B::load_aligned(xs));
        for (std::size_t j = 0; j < B::size; ++j) {
            const long double ref = exprel_ref(xs[j]);
            worst = std::max(worst, ulp_distance(exprel(xs[j]), ref));
            worst_b = std::max(worst_b, ulp_distance(r.get(j), ref));
        }
    }
    INFO("worst scalar ulp ", worst, ", worst batch ulp ", worst_b);
    // libm's and xsimd's expm1 are each within ~1 ulp; the quotient adds 0.5 ulp: <= 3 ulp.
    CHECK(worst <= 3.0);
    CHECK(worst_b <= 3.0);
}

TEST_CASE("vtrap matches the HH form x/(exp(x/y)-1) away from 0 and is 1*y at 0") {
    CHECK(vtrap(0.0, 10.0) == doctest::Approx(10.0).epsilon(1e-15));
    const double x = 25.0, y = 10.0;
    CHECK(vtrap(x, y) == doctest::Approx(x / (std::exp(x / y) - 1)).epsilon(1e-14));
}

TEST_CASE("domain_error names the argument, the value and the allowed range") {
    try {
        require_positive("c_in", -1.5, "mol/m^3");
        FAIL("no throw");
    } catch (const noneq::domain_error& e) {
        const std::string m = e.what();
        CHECK(m.find("'c_in'") != std::string::npos);
        CHECK(m.find("-1.5") != std::string::npos);
        CHECK(m.find("> 0") != std::string::npos);
        CHECK(e.argument() == "c_in");
        CHECK(e.value() == -1.5L);
    }
    CHECK_THROWS_AS(require_positive("T", std::numeric_limits<double>::quiet_NaN()),
                    std::domain_error);
    CHECK_NOTHROW(require_nonnegative("c", 0.0));
    // A batch reports its first offending lane.
    using B = xsimd::batch<double>;
    alignas(64) double v[B::size];
    for (std::size_t i = 0; i < B::size; ++i)
        v[i] = 1.0 + double(i);
    v[B::size - 1] = -7.0;
    try {
        require_positive("c_out", B::load_aligned(v));
        FAIL("no throw");
    } catch (const noneq::domain_error& e) {
        CHECK(e.value() == -7.0L);
    }
    // Arrays name the first bad index.
    std::vector<double> xs{1.0, 2.0, -3.0, -4.0};
    try {
        require_each(xs, "c_in", "> 0", [](double x) { return x > 0; });
        FAIL("no throw");
    } catch (const noneq::domain_error& e) {
        CHECK(e.argument() == "c_in[2]");
    }
}

TEST_CASE("find_root brackets, converges, and rejects a bracket without a sign change") {
    auto r = find_root([](double x) { return x * x - 2.0; }, 0.0, 2.0);
    CHECK(r.x == doctest::Approx(std::sqrt(2.0)).epsilon(1e-14));
    CHECK(r.hi - r.lo <= 4 * std::ldexp(1.0, -50) * 2.0);
    CHECK_THROWS_AS(find_root([](double x) { return x * x + 1.0; }, -1.0, 1.0),
                    noneq::domain_error);
}
